#pragma once
// Atom 1.0 and 0.3 (<feed>) documents → Feed. Private to parse/.

#include <optional>
#include <pugixml.hpp>
#include <string>

#include "feedarchiver/dates.hpp"
#include "feedarchiver/model.hpp"

namespace feedarchiver::parse {

/// Reads a <feed> root as atom1 or atom03; links are resolved against xml:base and
/// `base_url`, and each Item::base_url is the xml:base in force at its body.
Feed parse_atom(pugi::xml_node root, FeedFormat format, const std::string& base_url,
                const DateOptions& dates = {});

/// An Atom text construct (title, summary, content) as HTML or as plain text, as read in an
/// Atom feed (type text, html, xhtml, base64); nullopt for an absent node. For Atom
/// elements found elsewhere: <atom:content> inside an RSS item.
std::optional<std::string> atom_text_as_html(pugi::xml_node node);
std::optional<std::string> atom_text_as_plain(pugi::xml_node node);

}  // namespace feedarchiver::parse
