#pragma once
// Microsoft's Channel Definition Format (CDF, 1997: root <CHANNEL>) → Feed. Private to parse/.

#include <pugixml.hpp>
#include <string>

#include "feedarchiver/dates.hpp"
#include "feedarchiver/model.hpp"

namespace feedarchiver::parse {

/// True for a CDF root: <CHANNEL>, or <channel> with CDF's HREF=, LASTMOD= or <ABSTRACT>.
bool is_cdf_root(pugi::xml_node root);

/// Reads a <CHANNEL> root: TITLE, ABSTRACT (description), HREF= (link), LASTMOD= (updated),
/// LOGO HREF= (image); each <ITEM> (also those of nested <CHANNEL>s) the same way.
Feed parse_cdf(pugi::xml_node root, const std::string& base_url, const DateOptions& dates = {});

}  // namespace feedarchiver::parse
