#pragma once
// The site the Jekyll and browser tests look at: `feedarchiver init`, the demo feed archived
// into it, the adversarial posts below written by the library's writer, and one post file
// with a script smuggled past the sanitizer (written directly), built by real Jekyll.

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "feedarchiver/write/jekyll_writer.hpp"
#include "support/run_command.hpp"
#include "support/temp_dir.hpp"

namespace feedarchiver::testing {

inline bool jekyll_available() {
  return run_command({"sh", "-c", "command -v jekyll"}).exit_code == 0;
}

/// Sources (categories, tags, authors) and titles that have broken Jekyll sites: YAML and
/// Liquid syntax, quotes, colons, bidirectional marks, CJK, a 200-byte title.
inline std::vector<std::string> adversarial_sources() {
  return {"Colon: ends with:",
          "\"Quoted\" and 'single'",
          "{{ site.title }} {% raw %}",
          "\u200f\u05d7\u05d3\u05e9\u05d5\u05ea \u05d4\u05d9\u05d5\u05dd\u200f",  // RTL marks
          "中文来源：新闻",
          "- [x] # not a list"};
}

inline std::vector<std::string> adversarial_titles() {
  std::string long_title;
  while (long_title.size() < 200) long_title += "长标题";  // 3 bytes a character
  long_title.resize(198);                                  // 66 characters, 198 bytes
  long_title += "ok";
  return {"key: value # comment",
          "\"quoted\" and 'single' <b>not bold</b> &amp;",
          "{{ liquid }} {% tag %} {{ page.title }}",
          "\u200f\u05e9\u05dc\u05d5\u05dd \u05e2\u05d5\u05dc\u05dd\u200f: RTL",
          "中、日、韩外长会晤 寻求三国首脑峰会",
          "日本語のタイトル「引用」と한국어 제목",
          long_title,
          "---\nlayout: evil",
          "[link](javascript:x) *&!%@|> indicators",
          "yes"};
}

/// Post n of the adversarial set: title n, source n % sources, one minute apart.
inline write::Post adversarial_post(std::size_t n) {
  const auto sources = adversarial_sources();
  const auto titles = adversarial_titles();
  write::Post post;
  post.title = titles[n % titles.size()];
  post.date =
      Timestamp(std::chrono::milliseconds(1699000000000LL + static_cast<long long>(n) * 60000LL));
  post.published = post.date;
  const std::string& source = sources[n % sources.size()];
  post.author = source;
  post.url = "https://example.org/adversarial/" + std::to_string(n) + "?q=a b&x=(1)";
  post.tags = {source, "- tag: " + std::to_string(n)};
  post.categories = {source};
  post.body_html = "<p>adversarial body " + std::to_string(n) +
                   " {{ site.title }} {% if x %}</p><p><img src=\"https://img.example.org/" +
                   std::to_string(n) + ".png\" alt=\"\" referrerpolicy=\"no-referrer\"></p>";
  return post;
}

/// More posts than one index page holds (25), so the index paginates.
inline std::size_t adversarial_post_count() {
  return 26;
}

/// A post the sanitizer would never write: an inline script, an event handler and a
/// javascript: link in its body. The site's Content-Security-Policy must keep them inert.
inline const char* kSmuggledPost =
    "---\n"
    "layout: post\n"
    "title: \"Smuggled script\"\n"
    "date: 2023-10-01T00:00:00.000Z\n"
    "author: Smuggler\n"
    "from: https://example.org/smuggled\n"
    "tags: [ Smuggler ]\n"
    "comments: True\n"
    "categories: [ Smuggler ]\n"
    "---\n"
    "<!--1696118400000-->\n"
    "[Smuggled script](https://example.org/smuggled)\n"
    "------\n"
    "\n"
    "<div><p id=\"smuggled\">untouched</p>"
    "<script>document.getElementById('smuggled').textContent = 'script ran';</script>"
    "<img src=\"data:image/gif;base64,R0lGODlhAQABAAAAACw=\" alt=\"\" "
    "onload=\"document.title = 'handler ran'\" onerror=\"document.title = 'handler ran'\"></div>\n";

struct DemoSite {
  CommandResult init;
  CommandResult archive;
  CommandResult build;  // jekyll build
  std::size_t posts = 0;
};

/// Builds the test site in `site` (see the top of this file); `site`/_site is the output.
inline DemoSite build_demo_site(const std::filesystem::path& site) {
  DemoSite out;
  out.init = run_feedarchiver({"init", site.string(), "--title", "Demo: \"archive\" {{ x }}"});
  out.archive = run_feedarchiver({"archive",
                                  std::string(FEEDARCHIVER_SOURCE_DIR) + "/examples/feeds/demo.xml",
                                  "-o", site.string(), "--now", "2023-11-06T08:00:00Z"});
  {
    write::JekyllWriter writer(site);
    for (std::size_t n = 0; n < adversarial_post_count(); ++n) writer.write(adversarial_post(n));
  }
  write_file(site / "_posts" / "2023-10-01-smuggled-script.md", kSmuggledPost);
  for (const auto& entry : std::filesystem::directory_iterator(site / "_posts")) {
    if (entry.path().extension() == ".md") ++out.posts;
  }
  out.build = run_command(
      {"jekyll", "build", "--safe", "-s", site.string(), "-d", (site / "_site").string()}, "",
      std::chrono::seconds(300));
  return out;
}

}  // namespace feedarchiver::testing
