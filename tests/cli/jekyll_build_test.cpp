// The real client check: a site of our posts is built by real Jekyll, and every post comes out
// rendered with its title, date and source URL. Skipped only when jekyll is absent outside CI.

#include <gtest/gtest.h>
#include <yaml-cpp/yaml.h>

#include <cstdlib>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "feedarchiver/normalize/dates.hpp"
#include "feedarchiver/write/jekyll_writer.hpp"
#include "support/run_command.hpp"
#include "support/temp_dir.hpp"

namespace feedarchiver {
namespace {

namespace fs = std::filesystem;
using testing::read_file;
using testing::run_command;
using testing::run_feedarchiver;
using testing::TempDir;
using testing::write_file;

bool jekyll_available() {
  return run_command({"sh", "-c", "command -v jekyll"}).exit_code == 0;
}

/// What Liquid's `escape` filter (CGI.escapeHTML) makes of a string.
std::string liquid_escape(const std::string& text) {
  std::string out;
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

struct PostFacts {
  std::string title;
  std::string from;
  std::string date_ymd;  // YYYY-MM-DD from the date: value
};

PostFacts facts_of(const fs::path& post) {
  const std::string text = read_file(post);
  const auto end = text.find("\n---\n", 4);
  const YAML::Node front = YAML::Load(text.substr(4, end - 4));
  return {front["title"].as<std::string>(), front["from"].as<std::string>(),
          front["date"].as<std::string>().substr(0, 10)};
}

void write_site_skeleton(const fs::path& site) {
  write_file(site / "_config.yml",
             "title: feedarchiver test site\ntimezone: UTC\nfuture: true\n"
             "markdown: kramdown\nexclude: [\".feedarchiver\"]\n");
  fs::create_directories(site / "_layouts");
  write_file(site / "_layouts" / "post.html",
             "<!DOCTYPE html><html><body><article>"
             "<h1 class=\"post-title\">{{ page.title | escape }}</h1>"
             "<time>{{ page.date | date: \"%Y-%m-%d\" }}</time>"
             "<p class=\"post-from\">{{ page.from | escape }}</p>"
             "{{ content }}</article></body></html>\n");
}

/// Every rendered page of _site, keyed by the post's from: as the layout printed it.
std::map<std::string, std::string> rendered_pages(const fs::path& site_out) {
  std::map<std::string, std::string> pages;
  const std::string marker = "<p class=\"post-from\">";
  for (const auto& entry : fs::recursive_directory_iterator(site_out)) {
    if (entry.path().extension() != ".html") continue;
    const std::string html = read_file(entry.path());
    const auto at = html.find(marker);
    if (at == std::string::npos) continue;
    const auto end = html.find("</p>", at);
    pages[html.substr(at + marker.size(), end - at - marker.size())] = html;
  }
  return pages;
}

write::Post hostile_post(const std::string& title, int n) {
  write::Post post;
  post.title = title;
  post.date = Timestamp(std::chrono::milliseconds(1700000000000LL + n * 60000LL));
  post.published = post.date;
  post.author = n % 2 ? "a: b # c" : "yes";
  post.url = "https://example.org/hostile/" + std::to_string(n) + "?q=a b&x=(1)";
  post.tags = {"- tag", "[x]"};
  post.categories = {"{{ cat }}"};
  post.body_html = "<p>body {{ site.title }} {% if x %} " + std::to_string(n) + "</p>";
  return post;
}

TEST(JekyllBuild, RendersEveryPostWithItsTitleDateAndSource) {
  if (!jekyll_available()) {
    if (std::getenv("CI") != nullptr) FAIL() << "jekyll is missing on CI";
    GTEST_SKIP() << "jekyll is not installed: skipping the real Jekyll build check";
  }
  TempDir site;
  write_site_skeleton(site.path());
  const auto archived = run_feedarchiver(
      {"archive", std::string(FEEDARCHIVER_SOURCE_DIR) + "/examples/feeds/demo.xml", "-o",
       site.path().string(), "--now", "2023-11-06T08:00:00Z"});
  ASSERT_EQ(archived.exit_code, 0) << archived.err;

  // Hostile titles written through the library writer: Jekyll must still build them all.
  const std::vector<std::string> titles = {"line one\nline two",
                                           "---\nlayout: evil",
                                           "key: value # comment",
                                           "\"quoted\" and 'single'",
                                           "back\\slash {{ liquid }} {% tag %}",
                                           "*&!%@|> indicators",
                                           "tab\there",
                                           "emoji 🎉 and NBSP\u00a0here",
                                           "[link](javascript:x)",
                                           "\x01\x1f control",
                                           "\u0085 next line",
                                           "yes"};
  write::JekyllWriter writer(site.path());
  for (std::size_t i = 0; i < titles.size(); ++i) {
    writer.write(hostile_post(titles[i], static_cast<int>(i)));
  }

  const auto built = run_command({"jekyll", "build", "--safe", "--quiet", "-s",
                                  site.path().string(), "-d", (site.path() / "_site").string()},
                                 "", std::chrono::seconds(180));
  ASSERT_EQ(built.exit_code, 0) << built.out << built.err;
  EXPECT_EQ(built.err.find("Error"), std::string::npos) << built.err;

  const auto pages = rendered_pages(site.path() / "_site");
  std::size_t posts = 0;
  for (const auto& entry : fs::directory_iterator(site.path() / "_posts")) {
    ++posts;
    const PostFacts facts = facts_of(entry.path());
    const auto page = pages.find(liquid_escape(facts.from));
    ASSERT_NE(page, pages.end()) << "not rendered: " << entry.path();
    EXPECT_NE(page->second.find("<h1 class=\"post-title\">" + liquid_escape(facts.title) + "</h1>"),
              std::string::npos)
        << entry.path();
    EXPECT_NE(page->second.find("<time>" + facts.date_ymd + "</time>"), std::string::npos)
        << entry.path();
    // Template code in bodies and titles reaches the page as text.
    EXPECT_EQ(page->second.find("Liquid"), std::string::npos);
  }
  EXPECT_EQ(posts, 4u + titles.size());
  EXPECT_EQ(pages.size(), posts);
}

}  // namespace
}  // namespace feedarchiver
