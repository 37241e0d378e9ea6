#include "feedarchiver/normalize/safe_url.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cstdint>
#include <cstring>
#include <system_error>
#include <vector>

#include "feedarchiver/ascii.hpp"
#include "feedarchiver/url.hpp"

namespace feedarchiver::normalize {

namespace {

bool is_ascii_alpha(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
bool is_ascii_digit(char c) {
  return c >= '0' && c <= '9';
}
// data:image/png;base64,... and friends: raster images cannot carry script.
bool is_raster_data_url(std::string_view url) {
  static constexpr std::array<std::string_view, 5> kTypes = {
      "data:image/png", "data:image/jpeg", "data:image/jpg", "data:image/gif", "data:image/webp"};
  for (std::string_view type : kTypes) {
    if (starts_with_ignoring_ascii_case(url, type) && url.size() > type.size() &&
        (url[type.size()] == ';' || url[type.size()] == ',')) {
      return true;
    }
  }
  return false;
}

struct SrcsetCandidate {
  std::string_view url;
  std::string_view descriptors;  // trimmed, possibly empty
};

// Splits a srcset the way the HTML standard does: URLs are runs of non-space characters
// (trailing commas stripped), descriptors run to the next comma outside parentheses.
std::vector<SrcsetCandidate> split_srcset(std::string_view srcset) {
  std::vector<SrcsetCandidate> candidates;
  std::size_t i = 0;
  while (i < srcset.size()) {
    while (i < srcset.size() && (is_html_space(srcset[i]) || srcset[i] == ',')) ++i;
    if (i >= srcset.size()) break;
    const std::size_t url_start = i;
    while (i < srcset.size() && !is_html_space(srcset[i])) ++i;
    std::string_view url = srcset.substr(url_start, i - url_start);
    if (url.back() == ',') {
      while (!url.empty() && url.back() == ',') url.remove_suffix(1);
      if (!url.empty()) candidates.push_back({url, {}});
      continue;
    }
    int parens = 0;
    const std::size_t descriptors_start = i;
    while (i < srcset.size() && (srcset[i] != ',' || parens > 0)) {
      if (srcset[i] == '(') ++parens;
      if (srcset[i] == ')' && parens > 0) --parens;
      ++i;
    }
    std::string_view descriptors = srcset.substr(descriptors_start, i - descriptors_start);
    while (!descriptors.empty() && is_html_space(descriptors.front())) {
      descriptors.remove_prefix(1);
    }
    while (!descriptors.empty() && is_html_space(descriptors.back())) {
      descriptors.remove_suffix(1);
    }
    candidates.push_back({url, descriptors});
  }
  return candidates;
}

}  // namespace

std::string leading_scheme(std::string_view url) {
  if (url.empty() || !is_ascii_alpha(url.front())) return {};
  std::string scheme;
  for (char c : url) {
    if (c == ':') return scheme;
    if (!is_ascii_alpha(c) && !is_ascii_digit(c) && c != '+' && c != '-' && c != '.') {
      return {};
    }
    scheme += ascii_lower(c);
  }
  return {};
}

std::optional<std::string> safe_url(std::string_view raw, std::string_view base,
                                    UrlContext context) {
  std::string url = clean_url(raw);
  const std::string scheme = leading_scheme(url);
  if (scheme == "mailto" && context == UrlContext::link) return url;
  if (scheme == "data" && context == UrlContext::image && is_raster_data_url(url)) return url;
  if (!scheme.empty() && scheme != "http" && scheme != "https") return std::nullopt;

  std::optional<std::string> resolved = resolve_url(base, url);
  if (!resolved) return std::nullopt;
  const std::string resolved_scheme = leading_scheme(*resolved);
  if (resolved_scheme.empty()) {
    // Still relative: no usable base. Harmless as written, but only without a scheme.
    return scheme.empty() ? resolved : std::nullopt;
  }
  if (resolved_scheme != "http" && resolved_scheme != "https") return std::nullopt;
  return resolved;
}

namespace {

// A candidate's descriptors as HTML's srcset rules accept them ("640w", "1.5x", "640w
// 480h"), one space between two; nullopt for anything else, which makes a browser drop the
// candidate (a parenthesized text with commas and a "livescript:" in it, say).
std::optional<std::string> valid_descriptors(std::string_view descriptors) {
  std::string out;
  bool width = false, density = false, height = false;
  while (!descriptors.empty()) {
    std::size_t end = 0;
    while (end < descriptors.size() && !is_html_space(descriptors[end])) ++end;
    const std::string_view token = descriptors.substr(0, end);
    descriptors.remove_prefix(end);
    while (!descriptors.empty() && is_html_space(descriptors.front())) descriptors.remove_prefix(1);
    if (token.size() < 2) return std::nullopt;
    const char unit = token.back();
    const std::string_view number = token.substr(0, token.size() - 1);
    if (unit == 'w' || unit == 'h') {
      bool& seen = unit == 'w' ? width : height;
      if (seen || !std::all_of(number.begin(), number.end(), is_ascii_digit) ||
          number.find_first_not_of('0') == std::string_view::npos) {
        return std::nullopt;
      }
      seen = true;
    } else if (unit == 'x') {
      double value = 0;
      const auto [at, error] = std::from_chars(number.data(), number.data() + number.size(), value);
      if (density || error != std::errc() || at != number.data() + number.size() || value < 0 ||
          number.front() == '-' || number.front() == '+') {
        return std::nullopt;
      }
      density = true;
    } else {
      return std::nullopt;
    }
    if (!out.empty()) out += ' ';
    out.append(token);
  }
  if ((width && density) || (height && !width)) return std::nullopt;
  return out;
}

}  // namespace

std::optional<std::string> safe_srcset(std::string_view srcset, std::string_view base) {
  std::string out;
  for (const SrcsetCandidate& candidate : split_srcset(srcset)) {
    const std::optional<std::string> descriptors = valid_descriptors(candidate.descriptors);
    if (!descriptors) continue;  // a browser ignores the candidate
    std::optional<std::string> url = safe_url(candidate.url, base, UrlContext::media);
    // A comma inside a URL would split the candidate when read back: leave it out.
    if (!url || url->empty() || url->find(',') != std::string::npos) continue;
    if (!out.empty()) out += ", ";
    out += *url;
    if (!descriptors->empty()) {
      out += ' ';
      out += *descriptors;
    }
  }
  if (out.empty()) return std::nullopt;
  return out;
}

std::optional<std::string> largest_srcset_candidate(std::string_view srcset) {
  std::optional<std::string> best;
  bool best_has_width = false;
  double best_value = -1;
  for (const SrcsetCandidate& candidate : split_srcset(srcset)) {
    bool has_width = false;
    double value = 0;
    const std::string_view descriptor = candidate.descriptors;
    if (!descriptor.empty()) {
      const char unit = ascii_lower(descriptor.back());
      const char* number_end = descriptor.data() + descriptor.size() - 1;
      double parsed = 0;
      // from_chars: a '.' decimal point whatever setlocale says.
      const auto [end, error] = std::from_chars(descriptor.data(), number_end, parsed);
      if (error == std::errc() && end == number_end && (unit == 'w' || unit == 'x')) {
        has_width = unit == 'w';
        value = parsed;
      }
    }
    // Widths beat densities; a larger value beats a smaller one; the first wins ties.
    if (!best || (has_width && !best_has_width) ||
        (has_width == best_has_width && value > best_value)) {
      best = std::string(candidate.url);
      best_has_width = has_width;
      best_value = value;
    }
  }
  return best;
}

}  // namespace feedarchiver::normalize
