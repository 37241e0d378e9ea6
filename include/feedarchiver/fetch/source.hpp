#pragma once
// A SOURCE argument of the command line: an http(s) URL, a local file, or "-" (stdin).

#include <iosfwd>
#include <string>

#include "feedarchiver/fetch/fetcher.hpp"

namespace feedarchiver::fetch {

struct Source {
  enum class Kind { url, file, stdin_stream };
  Kind kind = Kind::file;
  std::string location;  // the URL or the path as the user wrote it ("-" for stdin)
};

/// Classifies a command-line argument. "scheme://..." with a scheme other than http or
/// https is refused (Error, exit 1): only http/https are ever fetched.
Source classify_source(const std::string& argument);

/// Reads a source: fetches a URL through `fetcher`, reads a file or `stdin_in`.
/// A file that cannot be read is a FetchResult with status network_error and the reason.
FetchResult load_source(const Source& source, Fetcher& fetcher, const FetchLimits& limits,
                        std::istream& stdin_in);

}  // namespace feedarchiver::fetch
