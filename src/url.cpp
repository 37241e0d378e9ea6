#include "feedarchiver/url.hpp"

#include "feedarchiver/ascii.hpp"
#include "feedarchiver/curl_api.hpp"
#include "feedarchiver/utf8.hpp"

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

// libcurl's URL API (curl_url*) is pure parsing: it needs no curl_global_init and touches no
// shared state, so these functions are safe to call from any thread.
//
// Where curl 7.88 departs from RFC 3986 or from what a browser would do, we step in:
//   * a fragment-only reference ("#x") or an empty one: curl drops the last path segment of
//     the base; RFC 3986 keeps the whole base (minus its fragment), so we build it ourselves;
//   * spaces in a query: curl writes "+", which changes the meaning; we send "%20" instead;
//   * non-ASCII bytes in a relative reference: curl writes lower-case "%c3%a9"; we encode
//     them first, upper-case as RFC 3986 §2.1 recommends, so curl leaves them alone;
//   * tabs and newlines inside a URL, and blanks around it, are dropped as browsers do
//     (WHATWG URL), which also means "java\tscript:" is seen as the javascript: scheme.

namespace feedarchiver {

std::size_t first_tab_or_newline(std::string_view text) {
  constexpr std::uint64_t kOnes = 0x0101010101010101ULL;
  constexpr std::uint64_t kHigh = 0x8080808080808080ULL;
  std::size_t i = 0;
  for (; i + 8 <= text.size(); i += 8) {
    std::uint64_t word;
    std::memcpy(&word, text.data() + i, sizeof word);
    if (((word - kOnes * 0x0E) & ~word & kHigh) != 0) break;
  }
  for (; i < text.size(); ++i) {
    if (text[i] == '\t' || text[i] == '\n' || text[i] == '\r') return i;
  }
  return i;
}

namespace {

struct CurlUrlDeleter {
  void operator()(CURLU* handle) const noexcept { curl_api().url_cleanup(handle); }
};
using CurlUrl = std::unique_ptr<CURLU, CurlUrlDeleter>;

struct CurlStringDeleter {
  void operator()(char* text) const noexcept { curl_api().free(text); }
};
using CurlString = std::unique_ptr<char, CurlStringDeleter>;

bool is_alpha(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
bool is_digit(char c) {
  return c >= '0' && c <= '9';
}
bool is_c0_or_space(char c) {
  return static_cast<unsigned char>(c) <= 0x20;  // what WHATWG strips from both ends
}

/// True for a cleaned URL that plainly is an absolute http(s) URL with a host, as libcurl
/// would parse it: "http" or "https" (any case), "://", a host name of ASCII letters, digits,
/// '.', '-' and '_' that starts with a letter (so not an IPv4 number), no port, no user
/// information, and only printable ASCII without spaces after it. False says nothing: such
/// URLs are left to libcurl.
bool is_plain_http_url(std::string_view text) {
  constexpr std::size_t kMaxPlain = 1 << 20;  // far below libcurl's limit on input length
  if (text.size() > kMaxPlain) return false;
  std::size_t at = 0;
  while (at < text.size() && is_alpha(text[at])) ++at;
  const std::string_view scheme = text.substr(0, at);
  const auto is_ci = [&](std::string_view lower) {
    if (scheme.size() != lower.size()) return false;
    for (std::size_t i = 0; i < lower.size(); ++i) {
      if (ascii_lower(scheme[i]) != lower[i]) return false;
    }
    return true;
  };
  if (!is_ci("http") && !is_ci("https")) return false;
  if (text.compare(at, 3, "://") != 0) return false;
  at += 3;
  if (at >= text.size() || !is_alpha(text[at])) return false;
  while (at < text.size() && (is_alpha(text[at]) || is_digit(text[at]) || text[at] == '.' ||
                              text[at] == '-' || text[at] == '_')) {
    ++at;
  }
  if (at < text.size() && text[at] != '/' && text[at] != '?' && text[at] != '#') return false;
  for (; at < text.size(); ++at) {
    const auto b = static_cast<unsigned char>(text[at]);
    if (b <= 0x20 || b >= 0x7F) return false;
  }
  return true;
}

/// The scheme of an already cleaned URL, lower-cased; empty when it has none.
std::string scheme_of(std::string_view url) {
  if (url.empty() || !is_alpha(url.front())) return {};
  for (std::size_t i = 1; i < url.size(); ++i) {
    const char c = url[i];
    if (c == ':') {
      std::string scheme;
      for (char s : url.substr(0, i)) scheme.push_back(ascii_lower(s));
      return scheme;
    }
    if (!is_alpha(c) && !is_digit(c) && c != '+' && c != '-' && c != '.') return {};
  }
  return {};
}

/// Percent-encodes what curl would mangle or refuse in a relative reference: controls, space,
/// DEL, `"`, `<`, `>`, `` ` `` and every non-ASCII byte. Existing %XX escapes pass through.
std::string encode_reference(std::string_view ref) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(ref.size());
  for (char c : ref) {
    const auto b = static_cast<unsigned char>(c);
    if (b <= 0x20 || b >= 0x7F || c == '"' || c == '<' || c == '>' || c == '`') {
      out.push_back('%');
      out.push_back(kHex[b >> 4]);
      out.push_back(kHex[b & 0x0F]);
    } else {
      out.push_back(c);
    }
  }
  return out;
}

std::optional<std::string> get_url(CURLU* handle) {
  char* raw = nullptr;
  if (curl_api().url_get(handle, CURLUPART_URL, &raw, 0) != CURLUE_OK || raw == nullptr) {
    return std::nullopt;
  }
  const CurlString owned(raw);
  return std::string(owned.get());
}

std::optional<std::string> get_part(CURLU* handle, CURLUPart part) {
  char* raw = nullptr;
  if (curl_api().url_get(handle, part, &raw, 0) != CURLUE_OK || raw == nullptr) return std::nullopt;
  const CurlString owned(raw);
  return std::string(owned.get());
}

constexpr unsigned int kFlags = CURLU_NON_SUPPORT_SCHEME;

}  // namespace

namespace {

std::optional<std::string> resolve_with_curl(std::string_view base, std::string_view reference) {
  std::string ref = clean_url(reference);
  if (!scheme_of(ref).empty()) return ref;  // absolute: javascript:, mailto:, http:...

  const std::string base_text = clean_url(base);
  if (base_text.empty() || base_text.find('\0') != std::string::npos) return ref;
  const CurlUrl handle(curl_api().url());
  if (!handle) return ref;
  if (curl_api().url_set(handle.get(), CURLUPART_URL, base_text.c_str(), kFlags) != CURLUE_OK) {
    return ref;  // an unusable base: keep the reference as it is
  }

  if (ref.starts_with("//")) {  // network-path reference: only the scheme comes from the base
    const auto scheme = get_part(handle.get(), CURLUPART_SCHEME);
    if (!scheme) return std::nullopt;
    std::string absolute = *scheme + ":" + ref;
    const CurlUrl check(curl_api().url());
    if (!check || absolute.find('\0') != std::string::npos ||
        curl_api().url_set(check.get(), CURLUPART_URL, absolute.c_str(), kFlags) != CURLUE_OK) {
      return std::nullopt;
    }
    return absolute;
  }

  if (ref.empty() || ref.front() == '#') {  // same document: the base without its fragment
    if (curl_api().url_set(handle.get(), CURLUPART_FRAGMENT, nullptr, 0) != CURLUE_OK) {
      return std::nullopt;
    }
    auto whole = get_url(handle.get());
    if (!whole) return std::nullopt;
    return *whole + encode_reference(ref);
  }

  const std::string encoded = encode_reference(ref);
  if (curl_api().url_set(handle.get(), CURLUPART_URL, encoded.c_str(), kFlags) != CURLUE_OK) {
    return std::nullopt;
  }
  return get_url(handle.get());
}

}  // namespace

std::optional<std::string> resolve_url(std::string_view base, std::string_view reference) {
  std::optional<std::string> resolved = resolve_with_curl(base, reference);
  // libcurl decodes percent-escapes in a host name: a base like "https://a%E9%95%9…/" gives
  // raw bytes that are not UTF-8. Such a result is no URL we could write (fuzz finding).
  if (resolved && !utf8::is_valid(*resolved)) return std::nullopt;
  return resolved;
}

bool is_http_url(std::string_view url) {
  const std::string text = clean_url(url);
  if (is_plain_http_url(text)) return true;  // what libcurl would say, without parsing twice
  const std::string scheme = scheme_of(text);
  if (scheme != "http" && scheme != "https") return false;
  if (text.compare(scheme.size(), 3, "://") != 0) return false;
  if (text.find('\0') != std::string::npos) return false;
  const CurlUrl handle(curl_api().url());
  if (!handle || curl_api().url_set(handle.get(), CURLUPART_URL, text.c_str(), 0) != CURLUE_OK) {
    return false;
  }
  const auto host = get_part(handle.get(), CURLUPART_HOST);
  return host && !host->empty();
}

std::optional<std::string> url_host(std::string_view url) {
  const std::string text(url);
  const CurlUrl handle(curl_api().url());
  if (!handle || text.find('\0') != std::string::npos ||
      curl_api().url_set(handle.get(), CURLUPART_URL, text.c_str(), 0) != CURLUE_OK) {
    return std::nullopt;
  }
  auto host = get_part(handle.get(), CURLUPART_HOST);
  if (host && host->empty()) return std::nullopt;
  return host;
}

std::string url_scheme(std::string_view url) {
  return scheme_of(clean_url(url));
}

std::string clean_url(std::string_view url) {
  while (!url.empty() && is_c0_or_space(url.front())) url.remove_prefix(1);
  while (!url.empty() && is_c0_or_space(url.back())) url.remove_suffix(1);
  // Most URLs hold no tab or newline: copy them whole.
  const std::size_t first = first_tab_or_newline(url);
  std::string out(url.substr(0, first));
  for (char c : url.substr(first)) {
    if (c != '\t' && c != '\n' && c != '\r') out.push_back(c);
  }
  return out;
}

bool is_blank_url(std::string_view raw) {
  return std::all_of(raw.begin(), raw.end(), is_c0_or_space);
}

}  // namespace feedarchiver
