// The site as a reader sees it: the demo site (tests/support/demo_site.hpp: `init`, the demo
// feed, adversarial titles and sources, a smuggled script) built by Jekyll, served from a
// loopback server and opened in headless chromium. Screenshots of the index and of a post
// land in build/<preset>/screenshots/. Skipped only when jekyll or chromium is missing
// outside CI (scripts/install-deps.sh installs both).

#include <gtest/gtest.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <future>
#include <map>
#include <mutex>
#include <set>
#include <string>
#include <vector>

#include "feedarchiver/extract/dom.hpp"
#include "support/browser.hpp"
#include "support/demo_site.hpp"
#include "support/loopback_server.hpp"
#include "support/temp_dir.hpp"

namespace feedarchiver {
namespace {

namespace fs = std::filesystem;
using extract::Dom;
using extract::NodeId;
using testing::BrowserPage;
using testing::open_in_browser;
using testing::read_file;
using testing::TempDir;

/// The elements of `dom` named `tag` whose class list holds `class_name` (any when empty).
std::vector<NodeId> elements(const Dom& dom, std::string_view tag,
                             std::string_view class_name = "") {
  std::vector<NodeId> out;
  for (NodeId id = 0; id < dom.size(); ++id) {
    if (!dom.is_element(id, tag)) continue;
    if (!class_name.empty()) {
      const auto classes = dom.attribute(id, "class");
      if (!classes ||
          (" " + std::string(*classes) + " ").find(" " + std::string(class_name) + " ") ==
              std::string::npos) {
        continue;
      }
    }
    out.push_back(id);
  }
  return out;
}

/// The first element named `tag` inside `root`, kNoNode when none.
NodeId first_inside(const Dom& dom, NodeId root, std::string_view tag) {
  for (NodeId id = root + 1; id < dom.node(root).end; ++id) {
    if (dom.is_element(id, tag)) return id;
  }
  return extract::kNoNode;
}

std::string collapsed(const std::string& text) {
  std::string out;
  extract::append_collapsed(out, text);
  return out;
}

struct Listed {
  std::string datetime;
  std::string title;
  std::string href;
};

/// The posts an index page lists, in order.
std::vector<Listed> listed_posts(const Dom& dom) {
  std::vector<Listed> out;
  for (NodeId list : elements(dom, "ol", "post-list")) {
    for (NodeId item = dom.node(list).first_child; item != extract::kNoNode;
         item = dom.node(item).next_sibling) {
      if (!dom.is_element(item, "li")) continue;
      const NodeId time = first_inside(dom, item, "time");
      const NodeId link = first_inside(dom, item, "a");
      if (time == extract::kNoNode || link == extract::kNoNode) continue;
      out.push_back({std::string(dom.attribute(time, "datetime").value_or("")), dom.text_of(link),
                     std::string(dom.attribute(link, "href").value_or(""))});
    }
  }
  return out;
}

/// Every <img> of the page carries referrerpolicy="no-referrer".
void expect_images_send_no_referrer(const Dom& dom, const std::string& page) {
  for (NodeId img : elements(dom, "img")) {
    EXPECT_EQ(dom.attribute(img, "referrerpolicy").value_or(""), "no-referrer")
        << page << ": " << dom.attribute(img, "src").value_or("");
  }
}

std::string joined(const std::vector<std::string>& lines) {
  std::string out;
  for (const auto& line : lines) out += line + "\n";
  return out;
}

TEST(SiteInBrowser, ShowsEveryPostNewestFirstInReadablePagesThatRunNoScript) {
  const bool ci = std::getenv("CI") != nullptr;
  if (!testing::jekyll_available() || testing::chromium_binary().empty()) {
    if (ci) FAIL() << "jekyll or chromium is missing on CI (scripts/install-deps.sh)";
    GTEST_SKIP() << "jekyll or chromium is not installed";
  }
  TempDir dir;
  const fs::path site = dir.path() / "site";
  const testing::DemoSite built = testing::build_demo_site(site);
  ASSERT_EQ(built.build.exit_code, 0) << built.build.out << built.build.err;

  // Titles and sources as the post files hold them (read back by a YAML parser).
  std::multiset<std::string> titles;
  std::set<std::string> sources;
  for (const auto& entry : fs::directory_iterator(site / "_posts")) {
    const std::string text = read_file(entry.path());
    const YAML::Node front = YAML::Load(text.substr(4, text.find("\n---\n", 4) - 4));
    titles.insert(collapsed(front["title"].as<std::string>()));
    for (const auto& category : front["categories"]) sources.insert(category.as<std::string>());
  }

  // The built site over HTTP on 127.0.0.1; every request's Referer header is kept.
  testing::LoopbackServer server;
  std::mutex mutex;
  std::vector<std::string> referers;
  ASSERT_TRUE(server.server().set_mount_point("/", (site / "_site").string()));
  server.server().set_logger([&](const httplib::Request& request, const httplib::Response&) {
    const std::lock_guard<std::mutex> lock(mutex);
    if (request.has_header("Referer")) referers.push_back(request.get_header_value("Referer"));
  });
  server.start();

  // The pages whose URLs are known up front, opened at once (chromium mostly waits).
  const fs::path shots = FEEDARCHIVER_SCREENSHOT_DIR;
  fs::create_directories(shots);
  auto index_future = std::async(std::launch::async, [&] {
    return open_in_browser(server.url("/"), shots / "index.png", 1200, 1500);
  });
  auto page2_future =
      std::async(std::launch::async, [&] { return open_in_browser(server.url("/page/2/")); });
  auto sources_future =
      std::async(std::launch::async, [&] { return open_in_browser(server.url("/sources/")); });
  const BrowserPage index = index_future.get();
  const BrowserPage page2 = page2_future.get();
  const BrowserPage sources_page = sources_future.get();

  // The index: every post, newest first, over two pages; no console message at all.
  ASSERT_EQ(index.result.exit_code, 0) << index.result.err;
  const Dom index_dom(index.dom);
  const Dom page2_dom(page2.dom);
  std::vector<Listed> listed = listed_posts(index_dom);
  EXPECT_EQ(listed.size(), 25u);
  for (const Listed& post : listed_posts(page2_dom)) listed.push_back(post);
  ASSERT_EQ(listed.size(), built.posts);
  std::multiset<std::string> listed_titles;
  for (std::size_t i = 0; i < listed.size(); ++i) {
    listed_titles.insert(collapsed(listed[i].title));
    if (i > 0) {
      EXPECT_GE(listed[i - 1].datetime, listed[i].datetime) << "not newest first: " << i;
    }
  }
  EXPECT_EQ(listed_titles, titles);
  EXPECT_TRUE(index.console.empty()) << joined(index.console);
  EXPECT_TRUE(page2.console.empty()) << joined(page2.console);
  expect_images_send_no_referrer(index_dom, "index");

  // The sources page: one heading per source, names shown as written (quotes, Liquid, RTL).
  const Dom sources_dom(sources_page.dom);
  std::set<std::string> headings;
  for (NodeId h2 : elements(sources_dom, "h2")) headings.insert(sources_dom.text_of(h2));
  std::set<std::string> expected_headings;
  for (const auto& source : sources) expected_headings.insert(collapsed(source));
  EXPECT_EQ(headings, expected_headings);
  EXPECT_TRUE(sources_page.console.empty()) << joined(sources_page.console);

  // A Chinese post, the 200-byte title and the smuggled script, found through the index.
  // The index pages link relatively ("2023/..." from /, "../../2023/..." from /page/2/).
  const auto href_of = [&](const std::string& title) {
    for (const Listed& post : listed) {
      if (post.title != title) continue;
      std::string href = post.href;
      while (href.rfind("../", 0) == 0) href.erase(0, 3);
      return "/" + href;
    }
    ADD_FAILURE() << "not listed: " << title;
    return std::string("/missing");
  };
  const std::string chinese_title = "港口城市举办首届海洋文化节";
  const std::string long_title = testing::adversarial_titles()[6];
  const std::string chinese_url = server.url(href_of(chinese_title));
  auto chinese_future = std::async(std::launch::async, [&] {
    return open_in_browser(chinese_url, shots / "post-phone.png", 390, 1100);
  });
  auto long_future = std::async(std::launch::async,
                                [&] { return open_in_browser(server.url(href_of(long_title))); });
  auto smuggled_future = std::async(
      std::launch::async, [&] { return open_in_browser(server.url(href_of("Smuggled script"))); });

  const BrowserPage chinese = chinese_future.get();
  const Dom chinese_dom(chinese.dom);
  const auto h1 = elements(chinese_dom, "h1", "post-title");
  ASSERT_EQ(h1.size(), 1u) << chinese.dom;
  EXPECT_EQ(chinese_dom.text_of(h1[0]), chinese_title);
  const auto time = elements(chinese_dom, "time");
  ASSERT_FALSE(time.empty());
  EXPECT_EQ(chinese_dom.text_of(time[0]), "2023-11-05 11:30 UTC");
  const auto from = elements(chinese_dom, "p", "post-from");
  ASSERT_EQ(from.size(), 1u);
  const NodeId from_link = first_inside(chinese_dom, from[0], "a");
  ASSERT_NE(from_link, extract::kNoNode);
  EXPECT_EQ(chinese_dom.attribute(from_link, "href").value_or(""),
            "https://news.example.org/zh/2023/11/ocean-festival.html");
  const auto body = elements(chinese_dom, "div", "post-content");
  ASSERT_EQ(body.size(), 1u);
  EXPECT_NE(chinese_dom.text_of(body[0]).find("为期三天的海洋文化节周五在港口广场开幕"),
            std::string::npos);
  EXPECT_FALSE(elements(chinese_dom, "img").empty());
  expect_images_send_no_referrer(chinese_dom, chinese_title);
  EXPECT_TRUE(chinese.console.empty()) << joined(chinese.console);

  const BrowserPage long_page = long_future.get();
  const Dom long_dom(long_page.dom);
  const auto long_h1 = elements(long_dom, "h1", "post-title");
  ASSERT_EQ(long_h1.size(), 1u);
  EXPECT_EQ(long_dom.text_of(long_h1[0]), long_title);
  EXPECT_TRUE(long_page.console.empty()) << joined(long_page.console);

  // The smuggled script and handler did not run; the only messages are the CSP's refusals.
  const BrowserPage smuggled = smuggled_future.get();
  const Dom smuggled_dom(smuggled.dom);
  const auto marker = std::find_if(
      smuggled_dom.nodes().begin(), smuggled_dom.nodes().end(), [&](const extract::DomNode& node) {
        const NodeId id = static_cast<NodeId>(&node - smuggled_dom.nodes().data());
        return node.kind == extract::DomNode::Kind::element &&
               smuggled_dom.attribute(id, "id").value_or("") == "smuggled";
      });
  ASSERT_NE(marker, smuggled_dom.nodes().end()) << smuggled.dom;
  EXPECT_EQ(smuggled_dom.text_of(static_cast<NodeId>(marker - smuggled_dom.nodes().begin())),
            "untouched");
  const auto title = elements(smuggled_dom, "title");
  ASSERT_EQ(title.size(), 1u);
  EXPECT_EQ(smuggled_dom.text_of(title[0]).find("handler ran"), std::string::npos);
  EXPECT_FALSE(smuggled.console.empty()) << "the CSP reported no refusal";
  for (const std::string& message : smuggled.console) {
    EXPECT_NE(message.find("Content Security Policy"), std::string::npos) << message;
  }

  // Screenshots are CI output; pages sent no Referer, not even to their own site.
  EXPECT_TRUE(fs::exists(shots / "index.png"));
  EXPECT_TRUE(fs::exists(shots / "post-phone.png"));
  const std::lock_guard<std::mutex> lock(mutex);
  EXPECT_TRUE(referers.empty()) << joined(referers);
}

}  // namespace
}  // namespace feedarchiver
