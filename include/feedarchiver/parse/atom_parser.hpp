#pragma once
// Atom 1.0 and 0.3 (<feed>) documents → Feed. Private to parse/.

#include <pugixml.hpp>
#include <string>

#include "feedarchiver/model.hpp"
#include "feedarchiver/normalize/dates.hpp"

namespace feedarchiver::parse {

/// Reads a <feed> root as atom1 or atom03; links are resolved against xml:base and
/// `base_url`, and each Item::base_url is the xml:base in force at its body.
Feed parse_atom(pugi::xml_node root, FeedFormat format, const std::string& base_url,
                const normalize::DateOptions& dates = {});

}  // namespace feedarchiver::parse
