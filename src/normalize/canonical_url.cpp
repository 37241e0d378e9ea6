#include "feedarchiver/normalize/canonical_url.hpp"

#include "feedarchiver/ascii.hpp"
#include "feedarchiver/curl_api.hpp"
#include "feedarchiver/utf8.hpp"

#include <array>
#include <memory>

namespace feedarchiver::normalize {
namespace {

struct CurlUrlDeleter {
  void operator()(CURLU* handle) const noexcept { curl_api().url_cleanup(handle); }
};
using CurlUrl = std::unique_ptr<CURLU, CurlUrlDeleter>;

std::string_view trim(std::string_view text) {
  while (!text.empty() && static_cast<unsigned char>(text.front()) <= 0x20) text.remove_prefix(1);
  while (!text.empty() && static_cast<unsigned char>(text.back()) <= 0x20) text.remove_suffix(1);
  return text;
}

/// One URL part as curl holds it (still percent-encoded), or empty when absent.
std::string part_of(CURLU* url, CURLUPart part) {
  char* text = nullptr;
  if (curl_api().url_get(url, part, &text, 0) != CURLUE_OK || text == nullptr) return {};
  std::string out(text);
  curl_api().free(text);
  return out;
}

/// The query without its tracking parameters, order kept.
std::string without_tracking(std::string_view query) {
  std::string out;
  while (!query.empty()) {
    const std::size_t amp = query.find('&');
    const std::string_view pair = query.substr(0, amp);
    query = amp == std::string_view::npos ? std::string_view() : query.substr(amp + 1);
    if (pair.empty()) continue;
    const std::string_view name = pair.substr(0, pair.find('='));
    if (is_tracking_parameter(to_ascii_lower(name))) continue;
    if (!out.empty()) out += '&';
    out += pair;
  }
  return out;
}

/// One pass of canonicalization over curl's URL parser.
std::string canonical_once(std::string_view url) {
  const std::string text(trim(url));
  const std::string scheme = to_ascii_lower(text.substr(0, text.find(':')));
  if (scheme != "http" && scheme != "https") return text;
  CurlUrl handle(curl_api().url());
  if (!handle || curl_api().url_set(handle.get(), CURLUPART_URL, text.c_str(), 0) != CURLUE_OK) {
    return text;
  }
  std::string host = to_ascii_lower(part_of(handle.get(), CURLUPART_HOST));
  while (!host.empty() && host.back() == '.') host.pop_back();
  // libcurl decodes percent-escapes in a host ("%8d" → byte 0x8D): what is not UTF-8 then
  // is no host name, and the URL stays as written (a fuzz finding: not idempotent).
  // A '%' left after that decoding would be decoded again by the next pass (not idempotent,
  // also a fuzz finding): no host name has one either.
  if (host.empty() || !utf8::is_valid(host) || host.find('%') != std::string::npos) return text;
  const std::string port = part_of(handle.get(), CURLUPART_PORT);
  std::string path = part_of(handle.get(), CURLUPART_PATH);
  if (path.empty()) path = "/";
  const std::string query = without_tracking(part_of(handle.get(), CURLUPART_QUERY));

  std::string out = "https://" + host;
  if (!port.empty() && port != "80" && port != "443") out += ":" + port;
  out += path;
  if (!query.empty()) out += "?" + query;
  return out;
}

}  // namespace

bool is_tracking_parameter(std::string_view name) {
  static constexpr std::array<std::string_view, 16> kExact = {
      "fbclid", "gclid",  "gclsrc", "dclid", "msclkid", "yclid",       "twclid",     "igshid",
      "mc_cid", "mc_eid", "_hsenc", "_hsmi", "mkt_tok", "oly_anon_id", "oly_enc_id", "wickedid"};
  if (name.substr(0, 4) == "utm_") return true;
  for (std::string_view exact : kExact) {
    if (name == exact) return true;
  }
  return false;
}

std::string canonical_url(std::string_view url) {
  // The result must be its own canonical form (it is a stored key): a host that only
  // becomes an IPv4 address once its trailing dots are gone ("0.." → "0" → "0.0.0.0")
  // needs a second pass. Each pass only shortens or normalizes, so a third is a safeguard.
  std::string out = canonical_once(url);
  for (int pass = 0; pass < 3; ++pass) {
    std::string again = canonical_once(out);
    if (again == out) break;
    out = std::move(again);
  }
  return out;
}

}  // namespace feedarchiver::normalize
