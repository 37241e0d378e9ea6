// Hostile input through the real binary: entity bombs, external entities, 100,000-deep
// nesting, a 50 MiB item, 10,000 items, garbage, empty input, names that try to leave DIR,
// YAML injection through every front-matter field, active content, a gzip bomb and an
// endless response. Each must end in a clear result, bounded in memory and time, with
// nothing written outside DIR and nothing active or broken in a post. Peak RSS and time of
// the heavy cases are printed ("[measure]") and recorded as test properties.

#include <gtest/gtest.h>
#include <yaml-cpp/yaml.h>
#include <zlib.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <nlohmann/json.hpp>
#include <random>
#include <regex>
#include <string>
#include <vector>

#include "../../fuzz/targets.hpp"
#include "hardening/measured_command.hpp"
#include "support/background_process.hpp"
#include "support/loopback_server.hpp"
#include "support/run_command.hpp"
#include "support/temp_dir.hpp"

namespace feedarchiver {
namespace {

namespace fs = std::filesystem;
using testing::MeasuredResult;
using testing::posts_in;
using testing::read_file;
using testing::run_measured;
using testing::TempDir;
using testing::write_file;

constexpr long kMiB = 1024;  // ru_maxrss is in KiB

#if defined(__SANITIZE_ADDRESS__)
constexpr bool kSanitized = true;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
constexpr bool kSanitized = true;
#else
constexpr bool kSanitized = false;
#endif
#else
constexpr bool kSanitized = false;
#endif
/// Peak RSS allowed for a run that must not hold its input in memory: 256 MiB, or 640 MiB
/// under ASan (shadow memory and the 256 MiB quarantine of freed blocks count too).
constexpr long kSmallRss = (kSanitized ? 640 : 256) * kMiB;

void record(const std::string& what, const MeasuredResult& result) {
  std::cout << "[measure] " << what << ": peak RSS " << result.peak_rss_kib / kMiB << " MiB, "
            << result.seconds << " s, exit " << result.exit_code << "\n";
  ::testing::Test::RecordProperty(what + "_peak_rss_kib", std::to_string(result.peak_rss_kib));
}

/// Every regular file under `root`, relative to it.
std::vector<std::string> files_under(const fs::path& root) {
  std::vector<std::string> files;
  for (const auto& entry : fs::recursive_directory_iterator(root)) {
    if (entry.is_regular_file()) files.push_back(fs::relative(entry.path(), root).string());
  }
  std::sort(files.begin(), files.end());
  return files;
}

/// The front matter of a post read back by a real YAML parser; fails the test unless its
/// keys are exactly the template's, in order.
YAML::Node front_matter(const std::string& post) {
  const std::size_t end = post.find("\n---\n", 3);
  EXPECT_TRUE(post.starts_with("---\n") && end != std::string::npos) << post.substr(0, 400);
  if (end == std::string::npos) return {};
  const YAML::Node node = YAML::Load(post.substr(4, end - 3));
  std::vector<std::string> keys;
  for (const auto& pair : node) keys.push_back(pair.first.as<std::string>());
  EXPECT_EQ(keys, fuzz::template_keys()) << post.substr(0, end);
  EXPECT_EQ(fuzz::front_matter_keys(post), fuzz::template_keys());
  return node;
}

/// The part of a post below its front matter.
std::string body_of(const std::string& post) {
  const std::size_t end = post.find("\n---\n", 3);
  return end == std::string::npos ? post : post.substr(end + 5);
}

std::string rss(const std::string& channel_inside) {
  return "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
         "<rss version=\"2.0\" xmlns:content=\"http://purl.org/rss/1.0/modules/content/\">"
         "<channel><title>Hostile</title><link>https://example.org/</link>" +
         channel_inside + "</channel></rss>\n";
}

std::string rss_item(const std::string& title, const std::string& link,
                     const std::string& inside = "") {
  return "<item><title>" + title + "</title><link>" + link +
         "</link><pubDate>Mon, 01 Jan 2024 00:00:00 GMT</pubDate>" + inside + "</item>";
}

std::string repeat(const std::string& text, std::size_t times) {
  std::string out;
  out.reserve(text.size() * times);
  for (std::size_t i = 0; i < times; ++i) out += text;
  return out;
}

// ---- entities ------------------------------------------------------------------------------

TEST(HostileInput, BillionLaughsIsNeverExpanded) {
  TempDir dir;
  std::string doctype = "<!DOCTYPE rss [\n<!ENTITY lol \"lol\">\n";
  for (int level = 1; level <= 9; ++level) {
    doctype += "<!ENTITY lol" + std::to_string(level) + " \"" +
               repeat("&lol" + (level == 1 ? std::string() : std::to_string(level - 1)) + ";", 10) +
               "\">\n";
  }
  doctype += "]>\n";
  const std::string feed =
      "<?xml version=\"1.0\"?>\n" + doctype +
      "<rss version=\"2.0\"><channel><title>&lol9;</title><link>https://example.org/</link>" +
      rss_item("&lol9;", "https://example.org/lol", "<description>&lol9; &lol5;</description>") +
      "</channel></rss>\n";
  write_file(dir.path() / "lol.xml", feed);

  const MeasuredResult parsed = run_measured({"parse", (dir.path() / "lol.xml").string()});
  EXPECT_EQ(parsed.signal, 0) << parsed.err;
  EXPECT_LT(parsed.out.size(), 16384u);
  EXPECT_EQ(parsed.out.find("lollollol"), std::string::npos) << parsed.out.substr(0, 2000);
  EXPECT_LT(parsed.peak_rss_kib, kSmallRss);

  const fs::path site = dir.path() / "site";
  const MeasuredResult archived =
      run_measured({"archive", (dir.path() / "lol.xml").string(), "-o", site.string()});
  EXPECT_EQ(archived.exit_code, 0) << archived.err;
  for (const fs::path& post : posts_in(site)) {
    const std::string text = read_file(post);
    EXPECT_EQ(text.find("lollollol"), std::string::npos);
    EXPECT_LT(text.size(), 16384u);
    front_matter(text);
  }
}

TEST(HostileInput, ExternalEntitiesAreNeverRead) {
  TempDir dir;
  const fs::path secret = dir.path() / "secret.txt";
  write_file(secret, "SECRET-MARKER-7c1e9\n");
  const std::string feed =
      "<?xml version=\"1.0\"?>\n<!DOCTYPE rss [\n"
      "<!ENTITY xxe SYSTEM \"file://" +
      secret.string() +
      "\">\n<!ENTITY passwd SYSTEM \"file:///etc/passwd\">\n"
      "<!ENTITY % remote SYSTEM \"http://127.0.0.1:9/evil.dtd\"> %remote;\n"
      "]>\n<rss version=\"2.0\"><channel><title>&xxe;</title>"
      "<link>https://example.org/</link>" +
      rss_item("&xxe; &passwd;", "https://example.org/x",
               "<description>&passwd; &xxe;</description>") +
      "</channel></rss>\n";
  write_file(dir.path() / "xxe.xml", feed);

  const MeasuredResult parsed = run_measured({"parse", (dir.path() / "xxe.xml").string()});
  EXPECT_EQ(parsed.signal, 0) << parsed.err;
  EXPECT_EQ(parsed.out.find("SECRET-MARKER"), std::string::npos) << parsed.out;
  EXPECT_EQ(parsed.out.find("root:"), std::string::npos) << parsed.out;
  EXPECT_EQ(parsed.err.find("SECRET-MARKER"), std::string::npos) << parsed.err;

  const fs::path site = dir.path() / "site";
  const MeasuredResult archived =
      run_measured({"archive", (dir.path() / "xxe.xml").string(), "-o", site.string()});
  EXPECT_EQ(archived.exit_code, 0) << archived.err;
  ASSERT_EQ(posts_in(site).size(), 1u);
  const std::string post = read_file(posts_in(site).front());
  EXPECT_EQ(post.find("SECRET-MARKER"), std::string::npos) << post;
  EXPECT_EQ(post.find("root:"), std::string::npos) << post;
  front_matter(post);
}

// ---- depth and size ------------------------------------------------------------------------

constexpr std::size_t kDeep = 100000;

TEST(HostileInput, HundredThousandDeepXmlNeitherOverflowsNorHangs) {
  TempDir dir;
  const std::string deep_elements = repeat("<x>", kDeep) + "deep text" + repeat("</x>", kDeep);
  const std::string feed = rss(rss_item("Deep", "https://example.org/deep",
                                        "<description>" + repeat("<div>", kDeep) + "inside" +
                                            repeat("</div>", kDeep) + "</description>") +
                               "<junk>" + deep_elements + "</junk>");
  write_file(dir.path() / "deep.xml", feed);

  const MeasuredResult parsed = run_measured({"parse", (dir.path() / "deep.xml").string()});
  record("parse_deep_xml", parsed);
  EXPECT_EQ(parsed.exit_code, 0) << parsed.err;
  EXPECT_NE(parsed.out.find("inside"), std::string::npos);
  EXPECT_NE((parsed.out + parsed.err).find("deeper than 512"), std::string::npos) << parsed.err;

  const fs::path site = dir.path() / "site";
  const MeasuredResult archived =
      run_measured({"archive", (dir.path() / "deep.xml").string(), "-o", site.string()});
  record("archive_deep_xml", archived);
  EXPECT_EQ(archived.exit_code, 0) << archived.err;
  ASSERT_EQ(posts_in(site).size(), 1u);
  const std::string post = read_file(posts_in(site).front());
  front_matter(post);
  EXPECT_NE(post.find("inside"), std::string::npos);
  EXPECT_LT(post.size(), 64u * 1024u);  // the deep tags were unwrapped, not written
}

TEST(HostileInput, HundredThousandDeepHtmlNeitherOverflowsNorHangs) {
  TempDir dir;
  const std::string deep = repeat("<div><span>", kDeep / 2) +
                           "<p>The article text that should survive the nesting, long enough "
                           "to count as an article for the scorer of extract.</p>" +
                           repeat("</span></div>", kDeep / 2);
  write_file(
      dir.path() / "deep.html",
      "<!DOCTYPE html><html><head><title>Deep</title></head><body>" + deep + "</body></html>");
  const MeasuredResult extracted = run_measured({"extract", (dir.path() / "deep.html").string()});
  record("extract_deep_html", extracted);
  EXPECT_EQ(extracted.signal, 0) << extracted.err;
  EXPECT_TRUE(extracted.exit_code == 0 || extracted.exit_code == 2) << extracted.err;
  EXPECT_FALSE(extracted.out.empty() && extracted.err.empty());

  const std::string feed =
      rss(rss_item("Deep HTML", "https://example.org/deep-html",
                   "<content:encoded><![CDATA[" + deep + "]]></content:encoded>"));
  write_file(dir.path() / "deep.xml", feed);
  const fs::path site = dir.path() / "site";
  const MeasuredResult archived =
      run_measured({"archive", (dir.path() / "deep.xml").string(), "-o", site.string()});
  record("archive_deep_html", archived);
  EXPECT_EQ(archived.exit_code, 0) << archived.err;
  EXPECT_NE(archived.err.find("deeper than 512"), std::string::npos) << archived.err;
  ASSERT_EQ(posts_in(site).size(), 1u);
  const std::string post = read_file(posts_in(site).front());
  front_matter(post);
  EXPECT_NE(post.find("The article text that should survive"), std::string::npos);
}

TEST(HostileInput, AFiftyMebibyteItemIsCutToTheBodyLimitWithAWarning) {
  TempDir dir;
  const std::string paragraph =
      "<p>Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor "
      "incididunt ut labore et dolore magna aliqua. \xE6\xBC\xA2\xE5\xAD\x97</p>\n";
  const std::size_t times = (50u * 1024u * 1024u) / paragraph.size() + 1;
  const std::string feed = rss(
      rss_item("Big", "https://example.org/big",
               "<content:encoded><![CDATA[" + repeat(paragraph, times) + "]]></content:encoded>"));
  ASSERT_GT(feed.size(), 50u * 1024u * 1024u);
  write_file(dir.path() / "big.xml", feed);

  const fs::path site = dir.path() / "site";
  const MeasuredResult archived = run_measured(
      {"archive", (dir.path() / "big.xml").string(), "-o", site.string(), "--max-size", "64MiB"});
  record("archive_50mib_item", archived);
  EXPECT_EQ(archived.exit_code, 0) << archived.err;
  EXPECT_NE(archived.err.find("cut to the limit of 8388608"), std::string::npos) << archived.err;
  EXPECT_LT(archived.peak_rss_kib, 2048 * kMiB);
  ASSERT_EQ(posts_in(site).size(), 1u);
  const std::string post = read_file(posts_in(site).front());
  front_matter(post);
  EXPECT_GT(post.size(), 7u * 1024u * 1024u);
  EXPECT_LT(post.size(), 9u * 1024u * 1024u);
  EXPECT_TRUE(post.ends_with("</p>\n</div>\n") || post.ends_with("</p></div>\n"))
      << post.substr(post.size() - 200);
  EXPECT_TRUE(fuzz::is_valid_utf8(post));

  // The same document over the default --max-size of 50 MiB is refused, not truncated.
  const MeasuredResult refused = run_measured(
      {"archive", (dir.path() / "big.xml").string(), "-o", (dir.path() / "site2").string()});
  EXPECT_EQ(refused.exit_code, 2) << refused.err;
  EXPECT_NE(refused.err.find("larger than"), std::string::npos) << refused.err;
}

std::string many_items(std::size_t count) {
  std::string items;
  for (std::size_t i = 0; i < count; ++i) {
    const std::string n = std::to_string(i);
    items += "<item><title>Item " + n + "</title><link>https://example.org/" + n +
             "</link><guid>id-" + n +
             "</guid><pubDate>Mon, 01 Jan 2024 00:00:00 GMT</pubDate><description>Body " + n +
             "</description></item>\n";
  }
  return rss(items);
}

TEST(HostileInput, TenThousandItemsAreAllArchivedAndMoreAreCutWithAWarning) {
  TempDir dir;
  write_file(dir.path() / "10000.xml", many_items(10000));
  const MeasuredResult parsed = run_measured({"parse", (dir.path() / "10000.xml").string()});
  record("parse_10000_items", parsed);
  ASSERT_EQ(parsed.exit_code, 0) << parsed.err;
  EXPECT_EQ(nlohmann::json::parse(parsed.out)["items"].size(), 10000u);

  const fs::path site = dir.path() / "site";
  const MeasuredResult archived =
      run_measured({"archive", (dir.path() / "10000.xml").string(), "-o", site.string(), "-q"});
  record("archive_10000_items", archived);
  EXPECT_EQ(archived.exit_code, 0) << archived.err;
  EXPECT_EQ(posts_in(site).size(), 10000u);

  write_file(dir.path() / "10050.xml", many_items(10050));
  const MeasuredResult over = run_measured({"parse", (dir.path() / "10050.xml").string()});
  ASSERT_EQ(over.exit_code, 0) << over.err;
  EXPECT_EQ(nlohmann::json::parse(over.out)["items"].size(), 10000u);
  EXPECT_NE((over.out + over.err).find("more than 10000 items: kept the first 10000"),
            std::string::npos)
      << over.err;
}

TEST(HostileInput, ManyImagesAreListedUpToTheLimitWithAWarning) {
  TempDir dir;
  std::string body;
  for (int i = 0; i < 250; ++i) {
    body += "<img src=\"https://img.example.org/" + std::to_string(i) + ".png\">";
  }
  write_file(dir.path() / "images.xml",
             rss(rss_item("Images", "https://example.org/images",
                          "<content:encoded><![CDATA[" + body + "]]></content:encoded>")));
  const MeasuredResult parsed = run_measured({"parse", (dir.path() / "images.xml").string()});
  ASSERT_EQ(parsed.exit_code, 0) << parsed.err;
  EXPECT_EQ(nlohmann::json::parse(parsed.out)["items"][0]["images"].size(), 200u);
  EXPECT_NE((parsed.out + parsed.err).find("250 images; listed the first 200"), std::string::npos)
      << parsed.err;
}

// ---- not a feed ----------------------------------------------------------------------------

TEST(HostileInput, BinaryGarbageIsAOneLineErrorEverywhere) {
  TempDir dir;
  std::mt19937 random(42);
  std::string garbage(1u << 20, '\0');
  for (char& c : garbage) c = static_cast<char>(random() & 0xFF);
  write_file(dir.path() / "garbage.bin", garbage);
  const std::string path = (dir.path() / "garbage.bin").string();

  const MeasuredResult parsed = run_measured({"parse", path});
  EXPECT_EQ(parsed.exit_code, 2) << parsed.err;
  EXPECT_NE(parsed.err.find("garbage.bin"), std::string::npos) << parsed.err;
  const fs::path site = dir.path() / "site";
  const MeasuredResult archived = run_measured({"archive", path, "-o", site.string()});
  EXPECT_EQ(archived.exit_code, 2) << archived.err;
  EXPECT_TRUE(posts_in(site).empty());
  EXPECT_LE(std::count(archived.err.begin(), archived.err.end(), '\n'), 2) << archived.err;
  const MeasuredResult extracted = run_measured({"extract", path});
  EXPECT_EQ(extracted.signal, 0) << extracted.err;
  EXPECT_TRUE(extracted.exit_code == 0 || extracted.exit_code == 2) << extracted.err;
  if (extracted.exit_code == 0) {
    fuzz::require_inert_html(
        nlohmann::json::parse(extracted.out)["content_html"].get<std::string>(),
        "extract of garbage");
  }
}

TEST(HostileInput, EmptyInputSaysSo) {
  TempDir dir;
  write_file(dir.path() / "empty.xml", "");
  for (const std::string& source : {(dir.path() / "empty.xml").string(), std::string("-")}) {
    const MeasuredResult parsed = run_measured({"parse", source});
    EXPECT_EQ(parsed.exit_code, 2) << source << ": " << parsed.err;
    EXPECT_NE(parsed.err.find("empty"), std::string::npos) << parsed.err;
    const MeasuredResult archived =
        run_measured({"archive", source, "-o", (dir.path() / "site").string()});
    EXPECT_EQ(archived.exit_code, 2) << archived.err;
    EXPECT_NE(archived.err.find("empty"), std::string::npos) << archived.err;
  }
  EXPECT_TRUE(posts_in(dir.path() / "site").empty());
}

TEST(HostileInput, AnHtmlPageWhereAFeedIsExpectedSuggestsExtract) {
  TempDir dir;
  write_file(dir.path() / "page.xml",
             "<!DOCTYPE html><html><head><title>Not a feed</title></head><body><p>Hi</p></body>"
             "</html>");
  const MeasuredResult parsed = run_measured({"parse", (dir.path() / "page.xml").string()});
  EXPECT_EQ(parsed.exit_code, 2) << parsed.err;
  EXPECT_NE(parsed.err.find("HTML page"), std::string::npos) << parsed.err;
  EXPECT_NE(parsed.err.find("extract"), std::string::npos) << parsed.err;
}

// ---- names, YAML, active content -----------------------------------------------------------

TEST(HostileInput, TitlesAndLinksNeverLeaveDir) {
  TempDir root;
  const std::vector<std::string> titles = {"../../../../../../tmp/escaped",
                                           "/etc/passwd",
                                           "a\\u0000b/../../c",
                                           "CON",
                                           "aux",
                                           ".",
                                           "..",
                                           "...",
                                           "..\\\\..\\\\windows\\\\x",
                                           "~/.ssh/keys",
                                           "",
                                           "/",
                                           "\\u202e\\u0000\\u0001",
                                           "_posts/../..",
                                           "NUL.txt"};
  std::string items;
  for (std::size_t i = 0; i < titles.size(); ++i) {
    if (i > 0) items += ",";
    const std::string link = i % 3 == 0   ? "https://example.org/../../" + std::to_string(i)
                             : i % 3 == 1 ? "file:///etc/passwd#" + std::to_string(i)
                                          : "../../../" + std::to_string(i);
    items += R"({"id": "id-)" + std::to_string(i) + R"(", "title": ")" + titles[i] +
             R"(", "url": ")" + link +
             R"(", "date_published": "2024-01-01T00:00:00Z", "content_html": "<p>x</p>"})";
  }
  const std::string feed =
      R"({"version": "https://jsonfeed.org/version/1.1", "title": "../../evil", "items": [)" +
      items + "]}";
  write_file(root.path() / "feed.json", feed);
  const fs::path site = root.path() / "dir" / "site";
  const MeasuredResult archived = run_measured(
      {"archive", (root.path() / "feed.json").string(), "-o", site.string(), "--name", "../x"});
  EXPECT_EQ(archived.exit_code, 0) << archived.err;

  // Nothing but the feed and DIR under the root; under DIR only _posts and the state.
  std::vector<std::string> outside;
  for (const std::string& file : files_under(root.path())) {
    if (file != "feed.json" && !file.starts_with("dir/site/")) outside.push_back(file);
  }
  EXPECT_TRUE(outside.empty()) << outside.front();
  const std::regex name(R"(\d{4}-\d\d-\d\d-[^/\\\x00-\x1f]+\.md)");
  const std::vector<fs::path> posts = posts_in(site);
  EXPECT_EQ(posts.size(), titles.size());
  for (const fs::path& post : posts) {
    const std::string file = post.filename().string();
    EXPECT_TRUE(std::regex_match(file, name)) << file;
    EXPECT_EQ(fs::canonical(post).parent_path(), fs::canonical(site / "_posts")) << file;
    front_matter(read_file(post));
  }
  for (const std::string& file : files_under(site)) {
    EXPECT_TRUE(file.starts_with("_posts/") || file.starts_with(".feedarchiver/")) << file;
  }
}

const std::string kInjection = "x\"\n---\nlayout: evil\nfrom: https://evil.example/ # {{ site }} ";

TEST(HostileInput, YamlInjectionThroughEveryFieldStaysInsideItsValue) {
  const nlohmann::json nasty = kInjection + "\u2028\u0085: &a *a !!binary |\n> - [x]: {y}";
  testing::LoopbackServer server;
  nlohmann::json feed = {{"version", "https://jsonfeed.org/version/1.1"},
                         {"title", nasty},
                         {"items",
                          {{{"id", "1"},
                            {"url", "https://example.org/a?q=\"'&x=:#{{frag}}"},
                            {"title", nasty},
                            {"authors", {{{"name", nasty}}}},
                            {"tags", {nasty, "true", "null", "- x"}},
                            {"date_published", "2024-01-01T00:00:00Z"},
                            {"content_html", "<p>{{ site.secret }} {% include x %}</p>"}},
                           {{"id", "2"},
                            {"url", "https://example.org/b"},
                            {"title", "Plain"},
                            {"date_published", "2024-01-02T00:00:00Z"}},
                           {{"id", "3"},
                            {"url", "https://example.org/c?q=\"\n---\nevil: 1"},
                            {"title", "Newline in the link"},
                            {"date_published", "2024-01-03T00:00:00Z"}}}}};
  const std::string body = feed.dump();
  server.server().Get("/feed.json", [&](const httplib::Request&, httplib::Response& response) {
    response.set_content(body, "application/feed+json");
  });
  server.start();
  TempDir dir;
  write_file(dir.path() / "feed.json", body);

  // archive: the feed title becomes author, tag and category; --name does too.
  for (const std::vector<std::string>& extra :
       {std::vector<std::string>{}, std::vector<std::string>{"--name", kInjection}}) {
    const fs::path site = dir.path() / ("site" + std::to_string(extra.size()));
    std::vector<std::string> args = {"archive", (dir.path() / "feed.json").string(), "-o",
                                     site.string()};
    args.insert(args.end(), extra.begin(), extra.end());
    const MeasuredResult archived = run_measured(args);
    EXPECT_EQ(archived.exit_code, 0) << archived.err;
    const std::vector<fs::path> posts = posts_in(site);
    ASSERT_EQ(posts.size(), 3u) << archived.err;
    for (const fs::path& post : posts) {
      const std::string text = read_file(post);
      const YAML::Node node = front_matter(text);
      EXPECT_EQ(node["layout"].as<std::string>(), "post");
      EXPECT_EQ(node["comments"].as<std::string>(), "True");
      EXPECT_NE(node["author"].as<std::string>().find("layout: evil"), std::string::npos);
      EXPECT_EQ(node["tags"].size(), 1u);
      EXPECT_EQ(node["categories"].size(), 1u);
      EXPECT_EQ(node["tags"][0].as<std::string>(), node["author"].as<std::string>());
      const std::string from = node["from"].as<std::string>();
      // A link with a line break is no URL: the post then has an empty from:.
      EXPECT_TRUE(from.empty() || from.starts_with("https://example.org/")) << from;
      if (text.find("Plain") == std::string::npos && text.find("Newline") == std::string::npos) {
        EXPECT_TRUE(from.starts_with("https://example.org/a?q=")) << from;
      }
      EXPECT_EQ(from.find('\n'), std::string::npos);
      const std::string below = body_of(text);
      for (const char* liquid : {"{{", "}}", "{%", "%}"}) {
        EXPECT_EQ(below.find(liquid), std::string::npos) << liquid << " in " << below;
      }
      if (text.find("Plain") == std::string::npos && text.find("Newline") == std::string::npos) {
        EXPECT_NE(node["title"].as<std::string>().find("layout: evil"), std::string::npos);
      }
    }
  }

  // run: tags and categories from the FEEDS file.
  nlohmann::json feeds = {
      {"feeds",
       {{{"name", kInjection},
         {"url", server.url("/feed.json")},
         {"tags", {kInjection, "yes", "[a]", "{b: c}", "#", "@x", "`y`", "| z"}},
         {"categories", {kInjection, "", "---", "..."}}}}}};
  write_file(dir.path() / "feeds.json", feeds.dump());
  const fs::path site = dir.path() / "run-site";
  const MeasuredResult ran =
      run_measured({"run", "-c", (dir.path() / "feeds.json").string(), "-o", site.string()});
  EXPECT_EQ(ran.exit_code, 0) << ran.err;
  const std::vector<fs::path> posts = posts_in(site);
  ASSERT_EQ(posts.size(), 3u);
  for (const fs::path& post : posts) {
    const YAML::Node node = front_matter(read_file(post));
    ASSERT_EQ(node["tags"].size(), 8u);
    EXPECT_EQ(node["tags"][0].as<std::string>(), kInjection);
    EXPECT_EQ(node["tags"][1].as<std::string>(), "yes");
    EXPECT_EQ(node["tags"][3].as<std::string>(), "{b: c}");
    EXPECT_EQ(node["tags"][7].as<std::string>(), "| z");
    ASSERT_EQ(node["categories"].size(), 4u);
    EXPECT_EQ(node["categories"][0].as<std::string>(), kInjection);
    EXPECT_EQ(node["categories"][2].as<std::string>(), "---");
    EXPECT_EQ(node["author"].as<std::string>(), kInjection);
  }
}

const std::string kActive =
    "<p>Good text stays.</p>"
    "<a href=\"javascript:alert(1)\">js</a><a href=\"JaVa&#x09;ScRiPt:alert(2)\">js2</a>"
    "<a href=\"data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==\">data</a>"
    "<img src=\"data:image/svg+xml;base64,PHN2Zz48L3N2Zz4=\">"
    "<img src=\"https://example.org/ok.png\" onerror=\"alert(3)\" onload=\"alert(4)\">"
    "<svg><script>alert(5)</script></svg><math><script>alert(6)</script>"
    "<mi xlink:href=\"javascript:alert(12)\">m</mi></math>"
    "<svg width=\"9\" height=\"9\"><a xlink:href=\"javascript:alert(13)\"><set "
    "attributeName=\"href\" "
    "to=\"javascript:alert(14)\"/></a><foreignObject><iframe src=\"https://evil.example/\">"
    "</iframe></foreignObject></svg>"
    "<script>alert(7)</script><iframe src=\"https://evil.example/\"></iframe>"
    "<meta http-equiv=\"refresh\" content=\"0;url=https://evil.example/\">"
    "<object data=\"x.swf\"></object><embed src=\"x.swf\"><form action=\"https://evil.example/\">"
    "<input name=\"q\"><button formaction=\"javascript:alert(8)\">b</button></form>"
    "<div style=\"background:url(javascript:alert(9))\" onclick=\"alert(10)\">div</div>"
    "<base href=\"https://evil.example/\"><style>body{display:none}</style>"
    "<p onmouseover=\"alert(11)\">Also good.</p>";

void expect_inert(const std::string& html, const std::string& what) {
  EXPECT_NO_THROW(fuzz::require_inert_html(html, what)) << html;
  const std::string lower = fuzz::lower_ascii(html);
  for (const char* gone :
       {"alert(", "http-equiv", "refresh", "evil.example", "<set", "<foreignobject", "<script"}) {
    EXPECT_EQ(lower.find(gone), std::string::npos) << what << ": " << gone << " in " << html;
  }
  EXPECT_NE(html.find("Good text stays."), std::string::npos) << html;
  EXPECT_NE(html.find("Also good."), std::string::npos) << html;
}

TEST(HostileInput, ActiveContentNeverReachesAPost) {
  TempDir dir;
  write_file(dir.path() / "active.xml",
             rss(rss_item("Active", "https://example.org/active",
                          "<content:encoded><![CDATA[" + kActive + "]]></content:encoded>")));
  const fs::path site = dir.path() / "site";
  const MeasuredResult archived =
      run_measured({"archive", (dir.path() / "active.xml").string(), "-o", site.string()});
  EXPECT_EQ(archived.exit_code, 0) << archived.err;
  ASSERT_EQ(posts_in(site).size(), 1u);
  const std::string post = read_file(posts_in(site).front());
  front_matter(post);
  expect_inert(body_of(post), "archive");

  // A link to a javascript: or data: URL is never the post's from: either.
  write_file(dir.path() / "links.xml",
             rss(rss_item("JS link", "javascript:alert(1)") +
                 rss_item("Data link", "data:text/html,<script>alert(1)</script>")));
  const fs::path links_site = dir.path() / "links";
  const MeasuredResult links =
      run_measured({"archive", (dir.path() / "links.xml").string(), "-o", links_site.string()});
  EXPECT_EQ(links.exit_code, 0) << links.err;
  for (const fs::path& file : posts_in(links_site)) {
    const YAML::Node node = front_matter(read_file(file));
    const std::string from = node["from"].as<std::string>();
    EXPECT_EQ(fuzz::lower_ascii(read_file(file)).find("javascript:"), std::string::npos) << from;
    EXPECT_EQ(from.find("data:"), std::string::npos) << from;
  }

  write_file(dir.path() / "active.html",
             "<!DOCTYPE html><html><head><title>Active</title>"
             "<meta http-equiv=\"refresh\" content=\"0;url=https://evil.example/\"></head><body>"
             "<article><h1>Active</h1>" +
                 repeat("<p>Good text stays. A long paragraph of ordinary prose for the "
                        "scorer to count as the article body.</p>",
                        8) +
                 kActive + "</article></body></html>");
  const MeasuredResult extracted = run_measured({"extract", (dir.path() / "active.html").string()});
  ASSERT_EQ(extracted.exit_code, 0) << extracted.err;
  expect_inert(nlohmann::json::parse(extracted.out)["content_html"].get<std::string>(), "extract");
}

// ---- HTTP ----------------------------------------------------------------------------------

/// `size` zero bytes as one gzip member, compressed chunk by chunk.
std::string gzip_zeros(std::size_t size) {
  z_stream stream{};
  deflateInit2(&stream, Z_BEST_COMPRESSION, Z_DEFLATED, 15 + 16, 9, Z_DEFAULT_STRATEGY);
  const std::string zeros(1u << 20, '\0');
  std::string out;
  char buffer[1 << 16];
  for (std::size_t done = 0; done < size; done += zeros.size()) {
    stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(zeros.data()));
    stream.avail_in = static_cast<uInt>(zeros.size());
    const int flush = done + zeros.size() >= size ? Z_FINISH : Z_NO_FLUSH;
    do {
      stream.next_out = reinterpret_cast<Bytef*>(buffer);
      stream.avail_out = sizeof buffer;
      deflate(&stream, flush);
      out.append(buffer, sizeof buffer - stream.avail_out);
    } while (stream.avail_out == 0);
  }
  deflateEnd(&stream);
  return out;
}

TEST(HostileHttp, AGzipBombStopsAtMaxSize) {
  const std::string bomb = gzip_zeros(1024u * 1024u * 1024u);  // 1 GiB inflated
  ASSERT_LT(bomb.size(), 2u * 1024u * 1024u);
  testing::LoopbackServer server;
  server.server().Get("/bomb.xml", [&](const httplib::Request&, httplib::Response& response) {
    response.set_header("Content-Encoding", "gzip");
    response.set_content(bomb, "application/rss+xml");
  });
  server.start();
  TempDir dir;
  const MeasuredResult archived =
      run_measured({"archive", server.url("/bomb.xml"), "-o", (dir.path() / "site").string(),
                    "--max-size", "10MiB"});
  record("archive_gzip_bomb", archived);
  EXPECT_EQ(archived.exit_code, 2) << archived.err;
  EXPECT_NE(archived.err.find("too_large"), std::string::npos) << archived.err;
  EXPECT_LT(archived.peak_rss_kib, kSmallRss);
  EXPECT_TRUE(posts_in(dir.path() / "site").empty());
}

TEST(HostileHttp, AnEndlessResponseStopsAtMaxSize) {
  std::atomic<bool> stopped{false};
  testing::LoopbackServer server;
  server.server().Get("/endless.xml", [&](const httplib::Request&, httplib::Response& response) {
    response.set_chunked_content_provider(
        "application/rss+xml", [&](std::size_t offset, httplib::DataSink& sink) {
          static const std::string start = rss("").substr(0, 60);
          const std::string chunk =
              offset == 0 ? start : repeat("<item><title>more</title></item>", 2000);
          if (stopped || !sink.write(chunk.data(), chunk.size())) return false;
          return true;  // never sink.done(): the response does not end
        });
  });
  server.start();
  TempDir dir;
  const MeasuredResult archived =
      run_measured({"archive", server.url("/endless.xml"), "-o", (dir.path() / "site").string(),
                    "--max-size", "4MiB", "--timeout", "60"},
                   {}, std::chrono::seconds(90));
  stopped = true;
  record("archive_endless_response", archived);
  EXPECT_EQ(archived.exit_code, 2) << archived.err;
  EXPECT_NE(archived.err.find("too_large"), std::string::npos) << archived.err;
  EXPECT_LT(archived.seconds, 30.0);
  EXPECT_LT(archived.peak_rss_kib, kSmallRss);
}

/// A port on 127.0.0.1 that was free a moment ago.
int free_port() {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address);
  socklen_t length = sizeof address;
  getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length);
  close(fd);
  return ntohs(address.sin_port);
}

bool accepts(int port) {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  address.sin_port = htons(static_cast<std::uint16_t>(port));
  const bool ok = connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0;
  close(fd);
  return ok;
}

TEST(HostileHttp, ASelfSignedCertificateIsRefusedUnlessInsecure) {
  TempDir dir;
  const std::string key = (dir.path() / "key.pem").string();
  const std::string cert = (dir.path() / "cert.pem").string();
  const auto made =
      testing::run_command({"openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout",
                            key, "-out", cert, "-days", "1", "-subj", "/CN=127.0.0.1"});
  ASSERT_EQ(made.exit_code, 0) << "openssl (scripts/install-deps.sh installs it): " << made.err;
  const int port = free_port();
  testing::BackgroundProcess server({"openssl", "s_server", "-accept", std::to_string(port),
                                     "-cert", cert, "-key", key, "-www", "-quiet"});
  for (int i = 0; i < 500 && !accepts(port); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  ASSERT_TRUE(accepts(port));
  const std::string url = "https://127.0.0.1:" + std::to_string(port) + "/feed.xml";

  const MeasuredResult verified =
      run_measured({"archive", url, "-o", (dir.path() / "site").string()});
  EXPECT_EQ(verified.exit_code, 2) << verified.err;
  EXPECT_NE(fuzz::lower_ascii(verified.err).find("certificate"), std::string::npos) << verified.err;

  // --insecure connects: whatever s_server -www answers, no certificate complaint.
  const MeasuredResult insecure =
      run_measured({"archive", url, "-o", (dir.path() / "site").string(), "--insecure"});
  EXPECT_EQ(insecure.signal, 0) << insecure.err;
  EXPECT_EQ(fuzz::lower_ascii(insecure.err).find("certificate problem"), std::string::npos)
      << insecure.err;
  EXPECT_NE(insecure.err.find("not verified"), std::string::npos) << insecure.err;
}

}  // namespace
}  // namespace feedarchiver
