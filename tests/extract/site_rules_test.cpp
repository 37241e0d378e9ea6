// Site rules: the CSS subset as XPath, rules applied to a page, the ftr-site-config format and
// its directory lookup, FEEDS selectors checked at start-up, and `test-rules`.

#include "feedarchiver/extract/site_rules.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <string>

#include "feedarchiver/css_to_xpath.hpp"
#include "feedarchiver/dates.hpp"
#include "feedarchiver/decode/document.hpp"
#include "feedarchiver/error.hpp"
#include "feedarchiver/extract/article.hpp"
#include "support/run_command.hpp"
#include "support/temp_dir.hpp"

namespace feedarchiver::extract {
namespace {

void write_file(const std::filesystem::path& path, const std::string& text) {
  std::filesystem::create_directories(path.parent_path());
  std::ofstream(path, std::ios::binary) << text;
}

TEST(CssToXpath, TranslatesEachConstructOfTheSubset) {
  EXPECT_EQ(css_to_xpath("div"), "//div");
  EXPECT_EQ(css_to_xpath("*"), "//*");
  EXPECT_EQ(css_to_xpath("#storytext"), "//*[@id='storytext']");
  EXPECT_EQ(css_to_xpath(".share"),
            "//*[contains(concat(' ', normalize-space(@class), ' '), ' share ')]");
  EXPECT_EQ(css_to_xpath("[data-role]"), "//*[@data-role]");
  EXPECT_EQ(css_to_xpath("a[rel=author]"), "//a[@rel='author']");
  EXPECT_EQ(css_to_xpath("meta[property=\"og:title\"]"), "//meta[@property='og:title']");
  EXPECT_EQ(css_to_xpath("DIV.story#main"),
            "//div[contains(concat(' ', normalize-space(@class), ' '), ' story ')][@id='main']");
  EXPECT_EQ(css_to_xpath("article p"), "//article//p");
  EXPECT_EQ(css_to_xpath("ul > li"), "//ul/li");
  EXPECT_EQ(css_to_xpath("ul>li a"), "//ul/li//a");
  EXPECT_EQ(css_to_xpath(".share, script"),
            "//*[contains(concat(' ', normalize-space(@class), ' '), ' share ')] | //script");
}

TEST(CssToXpath, RefusesWhatIsOutsideTheSubsetWithThePosition) {
  for (const char* css : {"a:hover", "h1 + p", "h1 ~ p", "[href^=http]", "div >", "", "a,",
                          "[data-x", "p::before", "div > > p", "[a=x'y]"}) {
    try {
      (void)css_to_xpath(css);
      ADD_FAILURE() << "accepted: " << css;
    } catch (const Error& error) {
      EXPECT_NE(std::string(error.what()).find("position"), std::string::npos) << error.what();
      EXPECT_EQ(error.exit_code(), kExitUsage);
    }
  }
}

TEST(CssToXpath, XpathPrefixIsCheckedAndPassedThrough) {
  EXPECT_EQ(selector_to_xpath("xpath://div[@id='x']/p[2]"), "//div[@id='x']/p[2]");
  EXPECT_THROW((void)selector_to_xpath("xpath://div[@id="), Error);
  EXPECT_THROW((void)selector_to_xpath("xpath:"), Error);
}

constexpr const char* kPage = R"(<!doctype html><html><head><title>Site | Wrong title</title>
<meta property="og:title" content="Scorer's title"></head><body>
<nav><a href="/">Home</a></nav>
<div class="sidebar long"><p>A long sidebar paragraph, with commas, and more commas, and text that
goes on and on, so that a scorer could well take it for the article, which it is not, really,
not at all, though it has many words, many commas, and many more words than the story.</p>
<p>Another long sidebar paragraph, with commas, and more commas, and more text that goes on, and
on, and on, so that the scorer prefers it, because it is long, and has commas, lots of them.</p></div>
<h1 class="headline">The real headline</h1>
<span class="when" data-ts="2023-11-26T03:25:00Z">Sunday</span>
<div id="storytext"><p>The short story.</p><div class="share">Share on X</div>
<img src="https://cdn.example.com/tracker/pixel.gif"><img data-lazy="https://cdn.example.com/photo.jpg" alt="p">
<p>Its second paragraph. AD-MARKER</p></div>
</body></html>)";

Article extract_with(const SiteRules& rules) {
  const decode::Document document =
      decode::decode_document(kPage, "text/html", "https://news.example.com/a.html");
  return extract_article(document, "https://news.example.com/a.html", &rules);
}

TEST(SiteRulesOnAPage, FeedSelectorsPickBodyTitleAndDateAndRemoveChrome) {
  PageSelectors selectors;
  selectors.content = "#storytext";
  selectors.remove = {".share"};
  selectors.title = "h1.headline";
  selectors.date = "xpath://span[@class='when']/@data-ts";
  const Article article = extract_with(rules_from_selectors(selectors, "feed news"));
  EXPECT_TRUE(article.credible);  // short, but the rules point at it
  EXPECT_NE(article.text.find("The short story."), std::string::npos) << article.text;
  EXPECT_NE(article.text.find("Its second paragraph."), std::string::npos);
  EXPECT_EQ(article.text.find("sidebar"), std::string::npos) << article.text;
  EXPECT_EQ(article.text.find("Share on X"), std::string::npos) << article.text;
  EXPECT_EQ(article.title, "The real headline");
  ASSERT_TRUE(article.published.has_value());
  EXPECT_EQ(format_iso_seconds(*article.published), "2023-11-26T03:25:00Z");
}

TEST(SiteRulesOnAPage, WithoutRulesTheScorerDecides) {
  const decode::Document document =
      decode::decode_document(kPage, "text/html", "https://news.example.com/a.html");
  const Article article = extract_article(document, "https://news.example.com/a.html");
  EXPECT_NE(article.text.find("sidebar"), std::string::npos);  // what the rules are for
}

TEST(SiteRulesOnAPage, FtrRulesStripReplaceAndLazyImages) {
  const SiteConfigFile file = parse_site_config(
      "# news.example.com\n"
      "body: //div[@id='storytext']\n"
      "strip_id_or_class: share\n"
      "strip_image_src: /tracker/\n"
      "src_lazy_load_attr: data-lazy\n"
      "find_string: AD-MARKER\n"
      "replace_string: \n"
      "author: //nav/a\n");
  ASSERT_TRUE(file.errors.empty()) << file.errors.front();
  const Article article = extract_with(file.rules);
  EXPECT_EQ(article.text.find("Share on X"), std::string::npos);
  EXPECT_EQ(article.text.find("AD-MARKER"), std::string::npos);
  EXPECT_EQ(article.content_html.find("pixel.gif"), std::string::npos) << article.content_html;
  EXPECT_NE(article.content_html.find("src=\"https://cdn.example.com/photo.jpg\""),
            std::string::npos)
      << article.content_html;
  EXPECT_EQ(article.author, "Home");
}

TEST(SiteRulesOnAPage, AbsolutePathsAndStringValuedRules) {
  const SiteConfigFile file = parse_site_config(
      "body: /html/body/div[@id='storytext']\n"
      "title: substring-before(//title, ' | Wrong')\n"
      "author: normalize-space(concat('  Desk ', //nav/a))\n");
  ASSERT_TRUE(file.errors.empty()) << file.errors.front();
  const Article article = extract_with(file.rules);
  EXPECT_EQ(article.title, "Site");
  EXPECT_EQ(article.author, "Desk Home");
  EXPECT_NE(article.text.find("The short story."), std::string::npos) << article.text;
  EXPECT_EQ(article.text.find("sidebar"), std::string::npos) << article.text;
}

constexpr const char* kChromePage = R"(<html><head><title>T</title></head><body>
<div id="story"><p>The story's only paragraph, long enough to be read as text by anyone.</p>
<div class="related-links"><ul><li><a href="/1">Another story, one</a></li>
<li><a href="/2">Another story, two</a></li></ul></div></div></body></html>)";

std::string text_with(const std::string& rules_text) {
  const SiteConfigFile file = parse_site_config(rules_text);
  EXPECT_TRUE(file.errors.empty());
  const decode::Document document =
      decode::decode_document(kChromePage, "text/html", "https://example.org/a");
  return extract_article(document, "https://example.org/a", &file.rules).text;
}

TEST(SiteRulesOnAPage, PruneDropsChromeInsideTheBodyUnlessNo) {
  const std::string pruned = text_with("body: //div[@id='story']\n");
  EXPECT_NE(pruned.find("only paragraph"), std::string::npos) << pruned;
  EXPECT_EQ(pruned.find("Another story"), std::string::npos) << pruned;
  const std::string whole = text_with("body: //div[@id='story']\nprune: no\n");
  EXPECT_NE(whole.find("only paragraph"), std::string::npos) << whole;
  EXPECT_NE(whole.find("Another story, two"), std::string::npos) << whole;
}

TEST(SiteRulesOnAPage, StripRulesApplyBeforeTheScorerChooses) {
  SiteRules rules;
  rules.strip = {css_to_xpath(".sidebar")};
  const Article article = extract_with(rules);
  EXPECT_EQ(article.text.find("sidebar"), std::string::npos) << article.text;
  EXPECT_NE(article.text.find("The short story."), std::string::npos) << article.text;
}

TEST(SiteConfig, ReadsEveryKeyAndNamesMalformedLines) {
  const SiteConfigFile file = parse_site_config(
      "title: //h1\n"
      "date: //time/@datetime\n"
      "strip: //aside\n"
      "replace_string(<br /><br />): </p><p>\n"
      "prune: no\n"
      "tidy: no\n"
      "single_page_link: //a[@class='print']\n"
      "http_header(user-agent): Mozilla/5.0\n"
      "test_url: https://news.example.com/2023/story.html\n"
      "no colon here\n"
      "body: //div[@id=\n"
      "prune: maybe\n"
      "bogus_key: x\n"
      "replace_string: orphan\n");
  EXPECT_EQ(file.rules.title, (std::vector<std::string>{"//h1"}));
  EXPECT_EQ(file.rules.date, (std::vector<std::string>{"//time/@datetime"}));
  EXPECT_EQ(file.rules.strip, (std::vector<std::string>{"//aside"}));
  ASSERT_EQ(file.rules.replace_strings.size(), 1u);
  EXPECT_EQ(file.rules.replace_strings[0].first, "<br /><br />");
  EXPECT_EQ(file.rules.replace_strings[0].second, "</p><p>");
  EXPECT_EQ(file.rules.prune, false);
  EXPECT_EQ(file.rules.test_urls.size(), 1u);
  ASSERT_EQ(file.errors.size(), 5u);
  EXPECT_EQ(file.errors[0].rfind("10: ", 0), 0u) << file.errors[0];
  EXPECT_EQ(file.errors[1].rfind("11: not valid XPath", 0), 0u) << file.errors[1];
  EXPECT_EQ(file.errors[2].rfind("12: prune", 0), 0u) << file.errors[2];
  EXPECT_EQ(file.errors[3].rfind("13: unknown key 'bogus_key'", 0), 0u) << file.errors[3];
  EXPECT_EQ(file.errors[4].rfind("14: replace_string without", 0), 0u) << file.errors[4];

  const SiteConfigFile unpaired =
      parse_site_config("find_string: a\nreplace_string: b\n\nfind_string: c\n");
  ASSERT_EQ(unpaired.errors.size(), 1u);
  EXPECT_EQ(unpaired.errors[0], "4: find_string without a replace_string after it");
  EXPECT_EQ(unpaired.rules.replace_strings.size(), 1u);
}

TEST(SiteConfig, LooksUpTheHostThenItsParentDomains) {
  EXPECT_EQ(SiteConfigDirectory::candidate_files("www.News.Example.com"),
            (std::vector<std::string>{"news.example.com.txt", ".news.example.com.txt",
                                      ".example.com.txt"}));
  testing::TempDir dir;
  write_file(dir.path() / "example.com.txt", "body: //main\n");
  write_file(dir.path() / ".example.org.txt", "body: //article\n");
  const SiteConfigDirectory configs(dir.path());
  EXPECT_EQ(configs.rules_for_url("https://www.example.com/a")->body,
            (std::vector<std::string>{"//main"}));
  EXPECT_EQ(configs.rules_for_url("https://blog.example.org/a")->body,
            (std::vector<std::string>{"//article"}));
  EXPECT_FALSE(configs.rules_for_url("https://example.net/a"));
  EXPECT_FALSE(configs.rules_for_url("https://blog.example.com/a"));  // no .example.com.txt
  EXPECT_THROW(SiteConfigDirectory(dir.path() / "missing"), Error);
}

TEST(SiteConfig, ReadsEachFileOnceAndOnlyListedNames) {
  testing::TempDir dir;
  write_file(dir.path() / ".example.com.txt", "body: //main\nbogus: 1\n");
  const SiteConfigDirectory configs(dir.path());
  const auto first = configs.lookup("https://a.example.com/x");
  ASSERT_TRUE(first);
  EXPECT_EQ(first->file, ".example.com.txt");
  EXPECT_EQ(first->errors, (std::vector<std::string>{"2: unknown key 'bogus'"}));
  // Another subdomain shares the parsed file; a rewritten file is not read again.
  write_file(dir.path() / ".example.com.txt", "body: //article\n");
  EXPECT_EQ(configs.lookup("https://b.example.com/y").get(), first.get());
  EXPECT_EQ(configs.rules_for_url("https://example.com/")->body,
            (std::vector<std::string>{"//main"}));
  // Files are listed once, when the directory is opened.
  write_file(dir.path() / "example.net.txt", "body: //main\n");
  EXPECT_FALSE(configs.lookup("https://example.net/"));
  EXPECT_TRUE(SiteConfigDirectory(dir.path()).lookup("https://example.net/"));
}

TEST(SiteRulesCli, TestRulesReportsFileAndLineAndExitsOne) {
  testing::TempDir dir;
  write_file(dir.path() / "good.example.txt", "body: //article\ntest_url: https://good.example/\n");
  write_file(dir.path() / "bad.example.txt", "title: //h1\nbody: //div[\n");
  const auto checked = testing::run_feedarchiver({"test-rules", dir.path().string()});
  EXPECT_EQ(checked.exit_code, 1) << checked.err;
  EXPECT_NE(checked.out.find("bad.example.txt:2: not valid XPath"), std::string::npos)
      << checked.out;
  EXPECT_EQ(checked.out.find("good.example.txt"), std::string::npos) << checked.out;
  EXPECT_NE(checked.err.find("2 rule file(s), 1 with problems"), std::string::npos) << checked.err;

  std::filesystem::remove(dir.path() / "bad.example.txt");
  EXPECT_EQ(testing::run_feedarchiver({"test-rules", dir.path().string()}).exit_code, 0);

  const auto missing = testing::run_feedarchiver({"test-rules", (dir.path() / "no").string()});
  EXPECT_EQ(missing.exit_code, 1);
  EXPECT_NE(missing.err.find("not a directory"), std::string::npos) << missing.err;
}

TEST(SiteRulesCli, ExtractWarnsAboutTheRuleFilesMalformedLines) {
  testing::TempDir dir;
  write_file(dir.path() / "rules" / ".example.com.txt",
             "body: //div[@id='storytext']\nbody: //[\n");
  write_file(dir.path() / "page.html", kPage);
  const auto extracted = testing::run_feedarchiver(
      {"extract", (dir.path() / "page.html").string(), "--url", "https://news.example.com/a.html",
       "--site-config", (dir.path() / "rules").string()});
  EXPECT_EQ(extracted.exit_code, 0) << extracted.err;
  EXPECT_NE(extracted.err.find(".example.com.txt:2: not valid XPath"), std::string::npos)
      << extracted.err;
  EXPECT_EQ(extracted.out.find("sidebar"), std::string::npos) << extracted.out;
}

TEST(SiteRulesCli, ExtractAppliesTheSiteConfigOfThePagesHost) {
  testing::TempDir dir;
  write_file(dir.path() / "rules" / "news.example.com.txt",
             "body: //div[@id='storytext']\ntitle: //h1\n");
  write_file(dir.path() / "page.html", kPage);
  const auto extracted = testing::run_feedarchiver(
      {"extract", (dir.path() / "page.html").string(), "--url", "https://news.example.com/a.html",
       "--site-config", (dir.path() / "rules").string()});
  EXPECT_EQ(extracted.exit_code, 0) << extracted.err;
  EXPECT_NE(extracted.out.find("\"title\": \"The real headline\""), std::string::npos)
      << extracted.out;
  EXPECT_EQ(extracted.out.find("sidebar"), std::string::npos) << extracted.out;
}

TEST(SiteRulesCli, ABadFeedsSelectorIsAConfigurationErrorNamingTheFeed) {
  testing::TempDir dir;
  write_file(dir.path() / "feeds.json",
             R"({"feeds": [{"name": "RFA", "url": "https://www.rfa.org/mandarin/RSS",
                 "full_text": true, "content_selector": "#storytext:first-child"}]})");
  const auto run = testing::run_feedarchiver(
      {"run", "-c", (dir.path() / "feeds.json").string(), "-o", (dir.path() / "site").string()});
  EXPECT_EQ(run.exit_code, 1) << run.err;
  EXPECT_NE(run.err.find("https://www.rfa.org/mandarin/RSS"), std::string::npos) << run.err;
  EXPECT_NE(run.err.find("content_selector"), std::string::npos) << run.err;
  EXPECT_NE(run.err.find("position"), std::string::npos) << run.err;
}

}  // namespace
}  // namespace feedarchiver::extract
