// The default template of spec.md, byte for byte against the shared examples, and the
// escaping that keeps every post valid Markdown and inert to Liquid.

#include "feedarchiver/write/post.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <string>
#include <vector>

#include "feedarchiver/write/content_hash.hpp"
#include "feedarchiver/write/slug.hpp"
#include "support/temp_dir.hpp"

namespace feedarchiver::write {
namespace {

using namespace std::chrono_literals;

Timestamp at_ms(long long ms) {
  return Timestamp(std::chrono::milliseconds(ms));
}

// 2023-11-26T19:34:51.128Z, the date: line of rfa-page-post.md.
const Timestamp kRfaFetchTime = at_ms(1701027291128LL);

std::filesystem::path shared_example(const std::string& name) {
  return std::filesystem::path(FEEDARCHIVER_SOURCE_DIR) / ".." / "shared" / "examples" / name;
}

/// The value of `key: ` in a front matter line, or empty.
std::string line_value(const std::string& text, const std::string& key) {
  const auto at = text.find("\n" + key + ": ");
  if (at == std::string::npos) return {};
  const auto start = at + key.size() + 3;
  return text.substr(start, text.find('\n', start) - start);
}

/// The body: what lies between the `<div>` after the `------` line and the final `</div>\n`.
std::string body_of(const std::string& text) {
  const std::string open = "\n------\n\n<div>";
  const auto start = text.find(open);
  const std::string close = "</div>\n";
  if (start == std::string::npos || text.size() < close.size() ||
      text.compare(text.size() - close.size(), close.size(), close) != 0) {
    ADD_FAILURE() << "not a post body";
    return {};
  }
  return text.substr(start + open.size(), text.size() - close.size() - start - open.size());
}

struct RfaExample {
  std::string expected;  // the file, with <!--NaN--> replaced by <!--unknown-->
  Item item;
  PostOptions options;
};

/// rfa-page-post.md: an article page without a publication date, archived by the old tool
/// (which wrote <!--NaN-->; we write <!--unknown-->, the one intended difference).
bool load_rfa(RfaExample& out) {
  const auto path = shared_example("rfa-page-post.md");
  if (!std::filesystem::exists(path)) return false;
  std::string text = testing::read_file(path);
  const auto nan = text.find("<!--NaN-->");
  EXPECT_NE(nan, std::string::npos);
  text.replace(nan, 10, "<!--unknown-->");
  out.expected = text;
  const std::string quoted_title = line_value(text, "title");
  out.item.title = quoted_title.substr(1, quoted_title.size() - 2);  // no escapes in it
  out.item.url = line_value(text, "from");
  out.item.content_html = body_of(text);
  out.options.name = line_value(text, "author");
  return true;
}

TEST(Post, RendersTheRfaExampleByteForByte) {
  RfaExample rfa;
  if (!load_rfa(rfa)) GTEST_SKIP() << "shared/examples/rfa-page-post.md is not beside the repo";
  EXPECT_EQ(rfa.options.name, "自由亚洲电台");

  Post post;
  post.title = *rfa.item.title;
  post.date = kRfaFetchTime;
  post.published = std::nullopt;
  post.author = rfa.options.name;
  post.url = *rfa.item.url;
  post.tags = {rfa.options.name};
  post.categories = {rfa.options.name};
  post.body_html = *rfa.item.content_html;
  EXPECT_EQ(render_post(post), rfa.expected);
}

TEST(Post, BuildsTheRfaPostFromAnUndatedItem) {
  RfaExample rfa;
  if (!load_rfa(rfa)) GTEST_SKIP() << "shared/examples/rfa-page-post.md is not beside the repo";
  std::vector<std::string> warnings;
  const Post post = build_post(rfa.item, rfa.options, kRfaFetchTime, warnings);
  EXPECT_EQ(post.date, kRfaFetchTime);
  EXPECT_FALSE(post.published.has_value());
  EXPECT_EQ(post.tags, std::vector<std::string>{"自由亚洲电台"});
  EXPECT_EQ(post.categories, std::vector<std::string>{"自由亚洲电台"});
  ASSERT_EQ(warnings.size(), 1u);
  EXPECT_NE(warnings[0].find(*rfa.item.url), std::string::npos) << warnings[0];
  EXPECT_EQ(render_post(post), rfa.expected);
}

TEST(Post, RendersTheRfiFragmentFromAFeedItem) {
  const auto path = shared_example("rfi-feed-post-fragment.md");
  if (!std::filesystem::exists(path)) {
    GTEST_SKIP() << "shared/examples/rfi-feed-post-fragment.md is not beside the repo";
  }
  const std::string fragment = testing::read_file(path);
  // Line 2 is `[title](url)`: take both back out of it.
  const auto link_start = fragment.find("\n[") + 2;
  const auto link_mid = fragment.find("](", link_start);
  const auto link_end = fragment.find(")\n", link_mid);
  Item item;
  item.title = fragment.substr(link_start, link_mid - link_start);
  item.url = fragment.substr(link_mid + 2, link_end - link_mid - 2);
  item.published = at_ms(1696499102000LL);
  item.content_html = body_of(fragment);
  item.summary_html = "<p>not this</p>";

  std::vector<std::string> warnings;
  const Post post = build_post(item, {"法广 RFI", std::nullopt, std::nullopt},
                               at_ms(1696499102000LL) + 48h, warnings);
  EXPECT_TRUE(warnings.empty());
  EXPECT_EQ(post.published, item.published);
  EXPECT_EQ(post.date, *item.published);
  const std::string text = render_post(post);
  const auto comment = text.find("\n---\n<!--");
  ASSERT_NE(comment, std::string::npos);
  EXPECT_EQ(text.substr(comment + 5), fragment);
  EXPECT_EQ(line_value(text, "date"), "2023-10-05T09:45:02.000Z");
  EXPECT_EQ(line_value(text, "from"), *item.url);
  EXPECT_EQ(line_value(text, "author"), "法广 RFI");
}

TEST(Post, WritesTagsAsFlowSequences) {
  Post post;
  post.title = "t";
  post.tags = {"a", "b"};
  post.categories = {};
  const std::string text = render_post(post);
  EXPECT_NE(text.find("\ntags: [ a, b ]\n"), std::string::npos);
  EXPECT_NE(text.find("\ncategories: [ ]\n"), std::string::npos);
  post.tags = {"yes", "a: b", "x,y", "ok:go"};
  EXPECT_NE(render_post(post).find("\ntags: [ \"yes\", \"a: b\", \"x,y\", \"ok:go\" ]\n"),
            std::string::npos);
}

TEST(Post, UsesOptionTagsAndCategoriesWhenGiven) {
  Item item;
  item.title = "t";
  item.url = "https://example.org/t";
  item.published = at_ms(0);
  std::vector<std::string> warnings;
  const Post post =
      build_post(item, {"Name", std::vector<std::string>{"x", "y"}, std::vector<std::string>{}},
                 at_ms(0), warnings);
  EXPECT_EQ(post.author, "Name");
  EXPECT_EQ(post.tags, (std::vector<std::string>{"x", "y"}));
  EXPECT_TRUE(post.categories.empty());
}

TEST(PostDates, UndatedItemGetsTheFetchTimeAnUnknownCommentAndAWarning) {
  Item item;
  item.title = "Undated";
  item.url = "https://example.org/undated";
  std::vector<std::string> warnings;
  const Post post = build_post(item, {"n", std::nullopt, std::nullopt}, kRfaFetchTime, warnings);
  EXPECT_EQ(post.date, kRfaFetchTime);
  EXPECT_FALSE(post.published);
  ASSERT_EQ(warnings.size(), 1u);
  EXPECT_NE(warnings[0].find("Undated"), std::string::npos);
  EXPECT_NE(warnings[0].find("no publication date"), std::string::npos);
  const std::string text = render_post(post);
  EXPECT_NE(text.find("\n---\n<!--unknown-->\n"), std::string::npos);
  EXPECT_NE(text.find("\ndate: 2023-11-26T19:34:51.128Z\n"), std::string::npos);
  EXPECT_EQ(text.find("NaN"), std::string::npos);
}

TEST(PostDates, DateMoreThanADayInTheFutureIsTreatedAsUnknown) {
  Item item;
  item.title = "From the future";
  item.url = "https://example.org/future";
  item.published = kRfaFetchTime + 24h + 1ms;
  std::vector<std::string> warnings;
  const Post post = build_post(item, {"n", std::nullopt, std::nullopt}, kRfaFetchTime, warnings);
  EXPECT_EQ(post.date, kRfaFetchTime);
  EXPECT_FALSE(post.published);
  ASSERT_EQ(warnings.size(), 1u);
  EXPECT_NE(warnings[0].find("future"), std::string::npos);
  EXPECT_NE(warnings[0].find("https://example.org/future"), std::string::npos);
  EXPECT_NE(render_post(post).find("<!--unknown-->"), std::string::npos);
}

TEST(PostDates, DateLessThanADayInTheFutureIsKept) {
  Item item;
  item.title = "Time zones";
  item.url = "https://example.org/tz";
  item.published = kRfaFetchTime + 23h;
  std::vector<std::string> warnings;
  const Post post = build_post(item, {"n", std::nullopt, std::nullopt}, kRfaFetchTime, warnings);
  EXPECT_EQ(post.published, item.published);
  EXPECT_EQ(post.date, *item.published);
  EXPECT_TRUE(warnings.empty());
  EXPECT_NE(render_post(post).find("<!--1701110091128-->"), std::string::npos);
}

TEST(PostDates, FormatsMillisecondsAndDatesBeforeTheEpoch) {
  Post post;
  post.title = "t";
  post.date = at_ms(-1);
  post.published = post.date;
  const std::string text = render_post(post);
  EXPECT_NE(text.find("\ndate: 1969-12-31T23:59:59.999Z\n"), std::string::npos);
  EXPECT_NE(text.find("<!---1-->"), std::string::npos);
}

TEST(PostFields, MissingTitleFallsBackToTheUrlWithAWarning) {
  Item item;
  item.title = "  \n ";
  item.url = "https://example.org/x";
  item.published = at_ms(0);
  std::vector<std::string> warnings;
  Post post = build_post(item, {"n", std::nullopt, std::nullopt}, at_ms(0), warnings);
  EXPECT_EQ(post.title, "https://example.org/x");
  ASSERT_EQ(warnings.size(), 1u);
  EXPECT_NE(warnings[0].find("no title"), std::string::npos);

  Item bare;
  warnings.clear();
  post = build_post(bare, {"n", std::nullopt, std::nullopt}, at_ms(0), warnings);
  EXPECT_EQ(post.title, "Untitled");
  EXPECT_EQ(post.url, "");
  EXPECT_EQ(warnings.size(), 3u);  // no URL, no title, no date
}

TEST(PostFields, TitleIsTrimmed) {
  Item item;
  item.title = "\n  Spaced out \t";
  item.url = "https://example.org/x";
  item.published = at_ms(0);
  std::vector<std::string> warnings;
  EXPECT_EQ(build_post(item, {"n", std::nullopt, std::nullopt}, at_ms(0), warnings).title,
            "Spaced out");
}

TEST(PostFields, UrlFallsBackToAnHttpId) {
  Item item;
  item.title = "t";
  item.published = at_ms(0);
  item.id = "HTTPS://example.org/guid";
  std::vector<std::string> warnings;
  EXPECT_EQ(build_post(item, {"n", std::nullopt, std::nullopt}, at_ms(0), warnings).url,
            "HTTPS://example.org/guid");
  EXPECT_TRUE(warnings.empty());
  item.id = "tag:example.org,2023:1";
  EXPECT_EQ(build_post(item, {"n", std::nullopt, std::nullopt}, at_ms(0), warnings).url, "");
  EXPECT_EQ(warnings.size(), 1u);
}

TEST(PostFields, BodyPrefersContentThenSummaryThenNothing) {
  Item item;
  item.title = "t";
  item.url = "https://example.org/x";
  item.published = at_ms(0);
  std::vector<std::string> warnings;
  const PostOptions options{"n", std::nullopt, std::nullopt};
  EXPECT_EQ(build_post(item, options, at_ms(0), warnings).body_html, "");
  item.summary_html = "<p>summary</p>";
  EXPECT_EQ(build_post(item, options, at_ms(0), warnings).body_html, "<p>summary</p>");
  item.content_html = "";
  EXPECT_EQ(build_post(item, options, at_ms(0), warnings).body_html, "<p>summary</p>");
  item.content_html = " \n ";  // blank content never wins over a summary with text
  EXPECT_EQ(build_post(item, options, at_ms(0), warnings).body_html, "<p>summary</p>");
  item.content_html = "<p>content</p>";
  EXPECT_EQ(build_post(item, options, at_ms(0), warnings).body_html, "<p>content</p>");
}

// spec.md: "" (present but empty) and null (absent) are the same to the writer: same title
// fallback, body, comment line, slug and content hash.
TEST(PostFields, EmptyStringsAreTreatedExactlyLikeNull) {
  Item absent;
  absent.url = "https://example.org/x";
  Item empty = absent;
  empty.title = "";
  empty.summary_html = "";
  empty.content_html = "";
  std::vector<std::string> absent_warnings;
  std::vector<std::string> empty_warnings;
  const PostOptions options{"n", std::nullopt, std::nullopt};
  const Post a = build_post(absent, options, at_ms(5), absent_warnings);
  const Post b = build_post(empty, options, at_ms(5), empty_warnings);
  EXPECT_EQ(b.title, "https://example.org/x");
  EXPECT_EQ(render_post(a), render_post(b));
  EXPECT_EQ(write::content_hash(a), write::content_hash(b));
  EXPECT_EQ(absent_warnings, empty_warnings);
  EXPECT_EQ(make_slug(a.title, a.url), make_slug(b.title, b.url));
  EXPECT_NE(render_post(b).find("<!--unknown-->"), std::string::npos);
}

TEST(Liquid, EscapesDelimitersAsCharacterReferences) {
  EXPECT_EQ(escape_liquid("{{ site.title }}"), "&#123;&#123; site.title &#125;&#125;");
  EXPECT_EQ(escape_liquid("{% include x %}"), "&#123;% include x %&#125;");
  EXPECT_EQ(escape_liquid("{{{ a }}}"), "&#123;&#123;&#123; a &#125;&#125;&#125;");
  EXPECT_EQ(escape_liquid("{%}"), "&#123;%&#125;");
  EXPECT_EQ(escape_liquid("{{%"), "&#123;&#123;%");
  EXPECT_EQ(escape_liquid("a{b}c 50% {x} %"), "a{b}c 50% {x} %");
  EXPECT_EQ(escape_liquid("function() { return {}; }"), "function() { return {}; }");
}

TEST(Liquid, LeavesNoDelimiterInAnyShortString) {
  const std::string alphabet = "{}% ";
  for (int length = 1; length <= 7; ++length) {
    int total = 1;
    for (int i = 0; i < length; ++i) total *= 4;
    for (int n = 0; n < total; ++n) {
      std::string text;
      for (int i = 0, rest = n; i < length; ++i, rest /= 4) text += alphabet[rest % 4];
      const std::string out = escape_liquid(text);
      for (const char* delimiter : {"{{", "}}", "{%", "%}"}) {
        EXPECT_EQ(out.find(delimiter), std::string::npos) << text << " → " << out;
      }
    }
  }
}

TEST(Liquid, EscapesTheLinkLineAndTheBodyButNotTheFrontMatter) {
  Post post;
  post.title = "{{ page.title }}";
  post.url = "https://example.org/{%x%}";
  post.body_html = "<pre>{% raw %}{{ x }}{% endraw %}</pre>";
  const std::string text = render_post(post);
  EXPECT_NE(text.find("\ntitle: \"{{ page.title }}\"\n"), std::string::npos);
  const std::string below = text.substr(text.find("\n---\n") + 5);
  for (const char* delimiter : {"{{", "}}", "{%", "%}"}) {
    EXPECT_EQ(below.find(delimiter), std::string::npos) << below;
  }
  EXPECT_NE(below.find("[&#123;&#123; page.title &#125;&#125;]"), std::string::npos) << below;
  EXPECT_NE(below.find("<div><pre>&#123;% raw %&#125;&#123;&#123; x &#125;&#125;"),
            std::string::npos);
}

TEST(MarkdownLink, EscapesBracketsAndBackslashesInTheTitle) {
  EXPECT_EQ(markdown_link("[a] b\\c", "https://x.org/"), "[\\[a\\] b\\\\c](https://x.org/)");
  EXPECT_EQ(markdown_link("a]](javascript:x)", "u"), "[a\\]\\](javascript:x)](u)");
}

TEST(MarkdownLink, PutsTheTitleOnOneLine) {
  EXPECT_EQ(markdown_link("one\ntwo\r\nthree\tfour\u2028five", "u"),
            "[one two  three four five](u)");
}

TEST(MarkdownLink, KeepsHtmlAndMarkdownSyntaxInTheTitleLiteral) {
  // kramdown would read "<b>" as HTML and "&lt;" as an entity: both become references, so
  // the page shows the title's characters; emphasis, code, tables and math are escaped.
  EXPECT_EQ(markdown_link("<b>AT&T</b>", "u"), "[&lt;b>AT&amp;T&lt;/b>](u)");
  EXPECT_EQ(markdown_link("*a* _b_ `c` | $$d$$ ~~e~~", "u"),
            "[\\*a\\* \\_b\\_ \\`c\\` \\| \\$\\$d\\$\\$ &#126;&#126;e&#126;&#126;](u)");
  EXPECT_EQ(markdown_link("{:.class} {::comment}", "u"), "[\\{:.class} \\{::comment}](u)");
}

TEST(MarkdownLink, KeepsQuotesDashesAndEllipsesFromBecomingTypography) {
  EXPECT_EQ(markdown_link("\"Don't\" -- a - b --- c... d. >> e > f << g", "u"),
            "[\\\"Don\\'t\\\" \\-\\- a - b \\-\\-\\- c\\.\\.\\. d. \\>\\> e > f &lt;&lt; g](u)");
}

TEST(MarkdownLink, KeepsCharacterReferencesInTheUrlLiteral) {
  // kramdown decodes "&amp;" in a destination: written "&amp;amp;" it comes back as is.
  EXPECT_EQ(markdown_link("t", "https://x.org/?a=1&b=2&amp;c=3&#38;d"),
            "[t](https://x.org/?a=1&b=2&amp;amp;c=3&amp;#38;d)");
}

TEST(MarkdownLink, LeavesOrdinaryCjkTitlesAlone) {
  const std::string title = "中、日、韩外长会晤：时隔四年 寻求三国首脑峰会（2023）";
  EXPECT_EQ(markdown_link(title, "https://x.org/"), "[" + title + "](https://x.org/)");
}

TEST(PostUrl, PercentEncodesWhatWouldEndTheLinkDestination) {
  EXPECT_EQ(encode_url_for_post("https://x.org/a b(c)<d>\"e\""),
            "https://x.org/a%20b%28c%29%3Cd%3E%22e%22");
  EXPECT_EQ(encode_url_for_post("https://x.org/{a}|\\^`"), "https://x.org/%7Ba%7D%7C%5C%5E%60");
  EXPECT_EQ(encode_url_for_post("https://x.org/\n\t\x7f"), "https://x.org/%0A%09%7F");
  EXPECT_EQ(markdown_link("t", "https://x.org/a (b)"), "[t](https://x.org/a%20%28b%29)");
}

TEST(PostUrl, LeavesExistingEscapesAndEncodesLonePercents) {
  const std::string rfi =
      "https://www.rfi.fr/cn/%E4%BA%9A%E6%B4%B2/"
      "20231005-%E6%97%B6%E9%9A%949%E5%B9%B4%E9%9F%A9";
  EXPECT_EQ(encode_url_for_post(rfi), rfi);
  EXPECT_EQ(encode_url_for_post("https://x.org/100%?a=%zz&b=%4"),
            "https://x.org/100%25?a=%25zz&b=%254");
  const std::string once = encode_url_for_post("https://x.org/a b%?c=(1)%41");
  EXPECT_EQ(encode_url_for_post(once), once);
}

TEST(PostUrl, KeepsReadableNonAsciiButEncodesInvisibleAndInvalidBytes) {
  EXPECT_EQ(encode_url_for_post("https://例子.测试/路径?q=é"), "https://例子.测试/路径?q=é");
  EXPECT_EQ(encode_url_for_post("https://x.org/a\u00a0b\u2028c\u0085"),
            "https://x.org/a%C2%A0b%E2%80%A8c%C2%85");
  EXPECT_EQ(encode_url_for_post("https://x.org/\xff\xe4"), "https://x.org/%FF%E4");
}

}  // namespace
}  // namespace feedarchiver::write
