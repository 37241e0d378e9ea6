#pragma once
// A file carried inside the binary (cmake/embed_files.cmake generates the tables at build
// time from a folder of the repository), so an installed binary needs no data directory.

#include <string_view>

namespace feedarchiver {

struct EmbeddedFile {
  std::string_view path;  // relative, '/'-separated: "_layouts/post.html"
  std::string_view text;
};

}  // namespace feedarchiver
