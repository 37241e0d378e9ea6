#pragma once
// `init DIR`: the Jekyll site around DIR/_posts (spec.md, "The site"): _config.yml, layouts,
// a paginated newest-first index, a page of sources, an Atom feed of the archive, a style
// sheet. The files are in the repository under src/site/files/ and carried inside the binary
// (cmake/embed_files.cmake), so an installed binary needs nothing else.

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace feedarchiver::site {

/// One file of the site: its path relative to DIR ('/'-separated) and its text.
struct ScaffoldFile {
  std::string path;
  std::string text;
};

/// The site's files for a site titled `title` (put into _config.yml as a YAML scalar, so any
/// text is safe), sorted by path. Pure.
std::vector<ScaffoldFile> scaffold_files(std::string_view title);

struct KeptFile {
  std::string path;      // the scaffold's file, relative to DIR
  std::string existing;  // what is there instead (the same path, or index.md for index.html)
};

struct ScaffoldResult {
  std::vector<std::string> written;  // relative paths, in order
  std::vector<KeptFile> kept;        // files init left alone because something was there
};

/// Writes the scaffold into `dir` (created with _posts/ when missing). Never overwrites: a
/// file that exists is kept, and so is a page or layout of the same name in another format
/// (index.md keeps index.html out, as both would be /index.html). Each file is written to a
/// temporary file and linked into place, so a file that appears meanwhile is not replaced
/// either. Throws feedarchiver::Error naming the path when DIR cannot be written.
ScaffoldResult init_site(const std::filesystem::path& dir, std::string_view title);

}  // namespace feedarchiver::site
