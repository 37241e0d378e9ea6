#include "feedarchiver/fetch/source.hpp"

#include <array>
#include <cerrno>
#include <cstdio>
#include <istream>
#include <memory>
#include <string_view>
#include <system_error>

#include "feedarchiver/ascii.hpp"
#include "feedarchiver/error.hpp"

namespace feedarchiver::fetch {

namespace {

constexpr std::size_t kChunk = 64 * 1024;

// The lower-case scheme when `text` starts with "scheme:" (RFC 3986 syntax), else "".
std::string scheme_prefix(std::string_view text) {
  std::string scheme;
  for (char c : text) {
    if (c == ':') return scheme;
    const bool alpha = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    const bool other = (c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.';
    if (!alpha && !(other && !scheme.empty())) return {};
    scheme += ascii_lower(c);
  }
  return {};
}

// Schemes that name something to fetch (or run) even without "//": never a file name.
bool is_known_scheme(std::string_view scheme) {
  static constexpr std::array<std::string_view, 30> kSchemes = {
      "file",  "ftp",    "ftps", "sftp",  "scp",      "gopher", "gophers", "javascript",
      "data",  "mailto", "ldap", "ldaps", "dict",     "telnet", "tftp",    "smb",
      "smbs",  "rtsp",   "rtmp", "imap",  "imaps",    "pop3",   "pop3s",   "smtp",
      "smtps", "mqtt",   "ws",   "wss",   "vbscript", "feed"};
  for (std::string_view known : kSchemes) {
    if (scheme == known) return true;
  }
  return false;
}

FetchResult too_large(const std::string& what, std::size_t max_bytes) {
  FetchResult result;
  result.status = FetchStatus::too_large;
  result.error = what + " is larger than " + std::to_string(max_bytes) + " bytes";
  return result;
}

FetchResult read_error(const std::string& what, int error_number) {
  FetchResult result;
  result.status = FetchStatus::network_error;
  result.error = "cannot read " + what + ": " + std::generic_category().message(error_number);
  return result;
}

FetchResult read_file(const std::string& path, std::size_t max_bytes) {
  std::unique_ptr<std::FILE, decltype(&std::fclose)> file(std::fopen(path.c_str(), "rb"),
                                                          &std::fclose);
  if (!file) return read_error(path, errno);
  FetchResult result;
  std::array<char, kChunk> buffer;
  while (true) {
    const std::size_t got = std::fread(buffer.data(), 1, buffer.size(), file.get());
    if (got > max_bytes - result.body.size()) return too_large(path, max_bytes);
    result.body.append(buffer.data(), got);
    if (got < buffer.size()) break;
  }
  if (std::ferror(file.get())) return read_error(path, errno);  // e.g. a directory: EISDIR
  result.status = FetchStatus::ok;
  return result;
}

FetchResult read_stream(std::istream& in, std::size_t max_bytes) {
  FetchResult result;
  std::array<char, kChunk> buffer;
  while (in) {
    in.read(buffer.data(), static_cast<std::streamsize>(buffer.size()));
    const auto got = static_cast<std::size_t>(in.gcount());
    if (got > max_bytes - result.body.size()) return too_large("standard input", max_bytes);
    result.body.append(buffer.data(), got);
  }
  if (in.bad()) {
    result.error = "cannot read standard input";
    return result;
  }
  result.status = FetchStatus::ok;
  return result;
}

}  // namespace

Source classify_source(const std::string& argument) {
  if (argument == "-") return Source{Source::Kind::stdin_stream, argument};
  if (starts_with_ignoring_ascii_case(argument, "http://") ||
      starts_with_ignoring_ascii_case(argument, "https://")) {
    return Source{Source::Kind::url, argument};
  }
  const std::string scheme = scheme_prefix(argument);
  if (scheme == "http" || scheme == "https") {
    return Source{Source::Kind::url, argument};  // "http:host/x": libcurl's to judge
  }
  // "x:" alone may be a file name with a colon; "x://" or a known scheme is a URL.
  const bool looks_like_url = !scheme.empty() && (argument.compare(scheme.size(), 3, "://") == 0 ||
                                                  is_known_scheme(scheme));
  if (looks_like_url) {
    throw Error("refusing to fetch '" + argument + "': only http and https are supported",
                kExitUsage);
  }
  return Source{Source::Kind::file, argument};
}

FetchResult load_source(const Source& source, Fetcher& fetcher, const FetchLimits& limits,
                        std::istream& stdin_in) {
  switch (source.kind) {
    case Source::Kind::url:
      return fetcher.fetch(FetchRequest{source.location, std::nullopt, std::nullopt, limits});
    case Source::Kind::file:
      return read_file(source.location, limits.max_bytes);
    case Source::Kind::stdin_stream:
      return read_stream(stdin_in, limits.max_bytes);
  }
  return read_error(source.location, EINVAL);
}

}  // namespace feedarchiver::fetch
