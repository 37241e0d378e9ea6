#pragma once
// File-name slugs from titles: letters of any script kept, anything unsafe → '-'.

#include <string>
#include <string_view>

namespace feedarchiver::write {

/// Slug of `title`: letters and digits of any script kept, spaces and anything unsafe in a
/// file name → '-', runs of '-' collapsed, no leading/trailing '-' or '.', at most
/// `max_bytes` cut on a UTF-8 boundary. Never empty: falls back to a short hash of `url`.
std::string make_slug(std::string_view title, std::string_view url, std::size_t max_bytes = 200);

}  // namespace feedarchiver::write
