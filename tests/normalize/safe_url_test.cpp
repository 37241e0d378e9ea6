#include "feedarchiver/normalize/safe_url.hpp"
#include "feedarchiver/url.hpp"

#include <gtest/gtest.h>

namespace feedarchiver::normalize {
namespace {

constexpr std::string_view kBase = "https://example.com/a/b.html";

TEST(SafeUrl, CleansUrlsTheWayBrowsersRead) {
  EXPECT_EQ(clean_url(" \t\x01java\tscr\nipt:x\r\n "), "javascript:x");
  EXPECT_EQ(clean_url("https://a.example/ x"), "https://a.example/ x");
  // Long URLs are scanned eight bytes at a time: a tab or newline anywhere is still dropped,
  // and other controls below 0x0E inside are kept.
  const std::string path = "https://a.example/0123456789abcdef";
  for (std::size_t at = 8; at < path.size(); ++at) {
    for (const char c : {'\t', '\n', '\r'}) {
      std::string url = path;
      url.insert(at, 1, c);
      EXPECT_EQ(clean_url(url), path) << at;
      EXPECT_EQ(url_scheme(url), "https");
      EXPECT_EQ(resolve_url(kBase, url), path) << at;
    }
  }
  EXPECT_EQ(clean_url("https://a.example/\x0b\x0c"
                      "0123456789"),
            "https://a.example/\x0b\x0c"
            "0123456789");
}

TEST(SafeUrl, IsBlankExactlyWhenCleaningLeavesNothing) {
  const std::string nul_and_controls("\0 \x1F", 3);
  for (const std::string_view raw : std::initializer_list<std::string_view>{
           "", " ", "\t\n\r", nul_and_controls, " a ", "\t/x\n", "\x7F", "中"}) {
    EXPECT_EQ(is_blank_url(raw), clean_url(raw).empty()) << raw;
  }
}

TEST(SafeUrl, FindsTheLeadingScheme) {
  EXPECT_EQ(leading_scheme("JavaScript:x"), "javascript");
  EXPECT_EQ(leading_scheme("svn+ssh://x"), "svn+ssh");
  EXPECT_EQ(leading_scheme("/a:b"), "");
  EXPECT_EQ(leading_scheme("a b:c"), "");
  EXPECT_EQ(leading_scheme("1a:b"), "");
  EXPECT_EQ(leading_scheme("noscheme"), "");
}

TEST(SafeUrl, AllowsSchemesByContext) {
  EXPECT_EQ(safe_url("mailto:a@b.c", kBase, UrlContext::link), "mailto:a@b.c");
  EXPECT_EQ(safe_url("mailto:a@b.c", kBase, UrlContext::image), std::nullopt);
  EXPECT_EQ(safe_url("data:image/gif;base64,R0=", kBase, UrlContext::image),
            "data:image/gif;base64,R0=");
  EXPECT_EQ(safe_url("data:image/gif;base64,R0=", kBase, UrlContext::media), std::nullopt);
  EXPECT_EQ(safe_url("data:image/svg+xml,<svg/>", kBase, UrlContext::image), std::nullopt);
  EXPECT_EQ(safe_url("data:image/gifx,", kBase, UrlContext::image), std::nullopt);
  for (const char* bad :
       {"javascript:x", "file:///etc/passwd", "ftp://x/", "about:blank", "tel:123", "vbscript:x"}) {
    EXPECT_EQ(safe_url(bad, kBase, UrlContext::link), std::nullopt) << bad;
  }
}

TEST(SafeUrl, ResolvesRelativeUrls) {
  EXPECT_EQ(safe_url("c.jpg", kBase, UrlContext::image), "https://example.com/a/c.jpg");
  EXPECT_EQ(safe_url(" /c.jpg\n", kBase, UrlContext::image), "https://example.com/c.jpg");
  EXPECT_EQ(safe_url("c.jpg", "", UrlContext::image), "c.jpg");
  EXPECT_EQ(safe_url("c.jpg", "file:///tmp/x.html", UrlContext::image), std::nullopt);
}

TEST(SafeUrl, MakesEverySrcsetCandidateSafe) {
  EXPECT_EQ(safe_srcset("a.jpg 1x,b.jpg 2x", kBase),
            "https://example.com/a/a.jpg 1x, https://example.com/a/b.jpg 2x");
  EXPECT_EQ(safe_srcset("  a.jpg,, javascript:x 2x, c.jpg", kBase),
            "https://example.com/a/a.jpg, https://example.com/a/c.jpg");
  EXPECT_EQ(safe_srcset("javascript:x 1x, data:image/png;base64,AAA 2x", kBase), std::nullopt);
  EXPECT_EQ(safe_srcset(" , ", kBase), std::nullopt);
}

TEST(SafeUrl, LeavesOutSrcsetCandidatesABrowserIgnores) {
  // Valid descriptors are kept, written with one space between two.
  EXPECT_EQ(safe_srcset("a.jpg 640w  480h, b.jpg 1.5x, c.jpg .5x", kBase),
            "https://example.com/a/a.jpg 640w 480h, https://example.com/a/b.jpg 1.5x, "
            "https://example.com/a/c.jpg .5x");
  // A candidate with others is dropped, as HTML's srcset rules make a browser drop it: a
  // parenthesized text keeps its commas, so a "livescript:" in it would be written as if
  // it were a candidate of its own (a fuzz finding).
  EXPECT_EQ(safe_srcset("a.jpg 1x, b.jpg (in a loft,livescript:alert(1), and more", kBase),
            "https://example.com/a/a.jpg 1x");
  for (const char* bad : {"b.jpg 0w", "b.jpg 2w 3w", "b.jpg 1x 2x", "b.jpg 100w 2x", "b.jpg 480h",
                          "b.jpg -1x", "b.jpg 12", "b.jpg wide", "b.jpg 1e"}) {
    EXPECT_EQ(safe_srcset(std::string("a.jpg, ") + bad, kBase), "https://example.com/a/a.jpg")
        << bad;
  }
}

TEST(SafeUrl, PicksTheLargestSrcsetCandidate) {
  EXPECT_EQ(largest_srcset_candidate("a 320w, b 1024w, c 640w"), "b");
  EXPECT_EQ(largest_srcset_candidate("a 1x, b 2x"), "b");
  EXPECT_EQ(largest_srcset_candidate("a 3x, b 100w"), "b");
  EXPECT_EQ(largest_srcset_candidate("a, b"), "a");
  EXPECT_EQ(largest_srcset_candidate("a 1.5x, b (junk) 1x"), "a");
  EXPECT_EQ(largest_srcset_candidate(""), std::nullopt);
}

}  // namespace
}  // namespace feedarchiver::normalize
