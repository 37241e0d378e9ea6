// The real client check: a site made by `feedarchiver init`, holding the demo feed's posts and
// the adversarial ones (tests/support/demo_site.hpp), is built by real Jekyll without a
// warning, and every post comes out with its title, date and source URL; the index, the
// sources page and the Atom feed list them all. Skipped only when jekyll is absent outside CI.

#include <gtest/gtest.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <pugixml.hpp>
#include <string>
#include <vector>

#include "support/demo_site.hpp"
#include "support/run_command.hpp"
#include "support/temp_dir.hpp"

namespace feedarchiver {
namespace {

namespace fs = std::filesystem;
using testing::read_file;
using testing::TempDir;

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
  std::vector<std::string> categories;
};

PostFacts facts_of(const fs::path& post) {
  const std::string text = read_file(post);
  const auto end = text.find("\n---\n", 4);
  const YAML::Node front = YAML::Load(text.substr(4, end - 4));
  PostFacts facts{front["title"].as<std::string>(),
                  front["from"].as<std::string>(),
                  front["date"].as<std::string>().substr(0, 10),
                  {}};
  for (const auto& category : front["categories"]) {
    facts.categories.push_back(category.as<std::string>());
  }
  return facts;
}

/// Every rendered post page of _site, keyed by the post's from: as the layout printed it.
std::map<std::string, std::string> rendered_posts(const fs::path& site_out) {
  std::map<std::string, std::string> pages;
  const std::string marker = "rel=\"noreferrer nofollow\">";
  for (const auto& entry : fs::recursive_directory_iterator(site_out)) {
    if (entry.path().extension() != ".html") continue;
    const std::string html = read_file(entry.path());
    const auto at = html.find("<p class=\"post-from\">");
    if (at == std::string::npos) continue;
    const auto start = html.find(marker, at) + marker.size();
    const auto end = html.find("</a></p>", start);
    pages[html.substr(start, end - start)] = html;
  }
  return pages;
}

std::size_t count_of(const std::string& text, const std::string& needle) {
  std::size_t count = 0;
  for (auto at = text.find(needle); at != std::string::npos; at = text.find(needle, at + 1)) {
    ++count;
  }
  return count;
}

std::string percent_decoded(const std::string& text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '%' && i + 2 < text.size()) {
      out += static_cast<char>(std::stoi(text.substr(i + 1, 2), nullptr, 16));
      i += 2;
    } else {
      out += text[i];
    }
  }
  return out;
}

/// The site's own links (href/src of the layouts) are relative and lead to a file of _site,
/// so the site works from disk (file://) and under any sub-path; only 404.html, served at any
/// path, links from the root.
void expect_relative_links_resolve(const fs::path& out) {
  for (const auto& entry : fs::recursive_directory_iterator(out)) {
    if (entry.path().extension() != ".html") continue;
    const std::string html = read_file(entry.path());
    const bool not_found_page = entry.path() == out / "404.html";
    for (const std::string attribute : {" href=\"", " src=\""}) {
      for (auto at = html.find(attribute); at != std::string::npos;
           at = html.find(attribute, at + 1)) {
        const auto start = at + attribute.size();
        std::string link = html.substr(start, html.find('"', start) - start);
        if (link.rfind("http://", 0) == 0 || link.rfind("https://", 0) == 0 ||
            link.rfind("data:", 0) == 0 || link.empty() || link[0] == '#') {
          continue;
        }
        if (not_found_page) {
          EXPECT_EQ(link[0], '/') << link;
          continue;
        }
        EXPECT_NE(link[0], '/') << entry.path() << ": " << link;
        link = link.substr(0, link.find('#'));
        EXPECT_TRUE(fs::is_regular_file(entry.path().parent_path() / percent_decoded(link)))
            << entry.path() << ": " << link;
      }
    }
  }
}

TEST(JekyllBuild, AnInitSiteRendersEveryPostWithItsTitleDateAndSource) {
  if (!testing::jekyll_available()) {
    if (std::getenv("CI") != nullptr) FAIL() << "jekyll is missing on CI";
    GTEST_SKIP() << "jekyll is not installed: skipping the real Jekyll build check";
  }
  TempDir dir;
  const fs::path site = dir.path() / "site";
  const testing::DemoSite built = testing::build_demo_site(site);
  ASSERT_EQ(built.init.exit_code, 0) << built.init.err;
  ASSERT_EQ(built.archive.exit_code, 0) << built.archive.err;
  ASSERT_EQ(built.build.exit_code, 0) << built.build.out << built.build.err;
  // No "Layout 'post' requested ... does not exist", no "has a future date", no conflict.
  const std::string log = built.build.out + built.build.err;
  for (const char* bad : {"does not exist", "future date", "Error", "Conflict", "Warning",
                          "Deprecation", "Liquid Exception"}) {
    EXPECT_EQ(log.find(bad), std::string::npos) << bad << " in:\n" << log;
  }

  const fs::path out = site / "_site";
  const auto pages = rendered_posts(out);
  std::map<std::string, std::size_t> posts_per_source;
  std::size_t posts = 0;
  for (const auto& entry : fs::directory_iterator(site / "_posts")) {
    ++posts;
    const PostFacts facts = facts_of(entry.path());
    for (const auto& category : facts.categories) ++posts_per_source[category];
    const auto page = pages.find(liquid_escape(facts.from));
    ASSERT_NE(page, pages.end()) << "not rendered: " << entry.path();
    EXPECT_NE(page->second.find("<h1 class=\"post-title\" dir=\"auto\">" +
                                liquid_escape(facts.title) + "</h1>"),
              std::string::npos)
        << entry.path();
    EXPECT_NE(page->second.find("\">" + facts.date_ymd + " "), std::string::npos) << entry.path();
    // Every page carries the policy that runs no script and sends no referrer.
    EXPECT_NE(page->second.find("<meta http-equiv=\"Content-Security-Policy\" "
                                "content=\"default-src 'none';"),
              std::string::npos);
    EXPECT_NE(page->second.find("<meta name=\"referrer\" content=\"no-referrer\">"),
              std::string::npos);
    // Template code in bodies and titles reaches the page as text.
    EXPECT_EQ(page->second.find("Liquid"), std::string::npos);
  }
  EXPECT_EQ(posts, built.posts);
  EXPECT_EQ(pages.size(), posts);
  // No category in any URL: every post is under /YYYY/MM/DD/.
  for (const auto& entry : fs::directory_iterator(out)) {
    const std::string name = entry.path().filename().string();
    EXPECT_TRUE(entry.is_regular_file() || name == "2023" || name == "page" || name == "assets" ||
                name == "sources")
        << name;
  }

  expect_relative_links_resolve(out);

  // The index, paginated: 25 posts on the first page, the rest on /page/2/.
  const std::string index = read_file(out / "index.html");
  const std::string page2 = read_file(out / "page" / "2" / "index.html");
  EXPECT_EQ(count_of(index, "<li><time"), 25u);
  EXPECT_EQ(count_of(index, "<li><time") + count_of(page2, "<li><time"), posts);

  // One section per source, with as many posts as the source has; each post's source link
  // leads to its section.
  const std::string sources = read_file(out / "sources" / "index.html");
  for (const auto& [from, html] : pages) {
    const std::string marker = "class=\"post-source\" href=\"";
    const auto at = html.find(marker);
    ASSERT_NE(at, std::string::npos) << from;
    const auto start = html.find('#', at) + 1;
    const std::string id = html.substr(start, html.find('"', start) - start);
    EXPECT_NE(sources.find("<section class=\"source\" id=\"" + id + "\">"), std::string::npos)
        << from << ": #" << id;
  }
  for (const auto& [source, count] : posts_per_source) {
    const auto heading = sources.find("<h2 dir=\"auto\">" + liquid_escape(source) + "</h2>");
    ASSERT_NE(heading, std::string::npos) << source;
    const auto section_end = sources.find("</section>", heading);
    EXPECT_EQ(count_of(sources.substr(heading, section_end - heading), "<li><time"), count)
        << source;
  }

  // The archive republished as Atom, well-formed, newest posts first.
  pugi::xml_document feed;
  ASSERT_TRUE(feed.load_file((out / "feed.xml").c_str())) << "feed.xml is not XML";
  const auto entries = feed.child("feed").children("entry");
  EXPECT_EQ(static_cast<std::size_t>(std::distance(entries.begin(), entries.end())), posts);
}

}  // namespace
}  // namespace feedarchiver
