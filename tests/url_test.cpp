#include "feedarchiver/url.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace feedarchiver::normalize {
namespace {

struct Case {
  std::string base;
  std::string reference;
  std::string expected;
};

void expect_resolves(const std::vector<Case>& cases) {
  for (const auto& c : cases) {
    const auto got = resolve_url(c.base, c.reference);
    ASSERT_TRUE(got.has_value()) << "base \"" << c.base << "\" ref \"" << c.reference << "\"";
    EXPECT_EQ(*got, c.expected) << "base \"" << c.base << "\" ref \"" << c.reference << "\"";
  }
}

// The normal examples of RFC 3986 §5.4.1 (base http://a/b/c/d;p?q), except "g:h" which is
// covered with the other absolute references below.
TEST(Url, ResolvesTheRfc3986NormalExamples) {
  const std::string b = "http://a/b/c/d;p?q";
  expect_resolves({
      {b, "g", "http://a/b/c/g"},
      {b, "./g", "http://a/b/c/g"},
      {b, "g/", "http://a/b/c/g/"},
      {b, "/g", "http://a/g"},
      {b, "//g", "http://g"},
      {b, "?y", "http://a/b/c/d;p?y"},
      {b, "g?y", "http://a/b/c/g?y"},
      {b, "#s", "http://a/b/c/d;p?q#s"},
      {b, "g#s", "http://a/b/c/g#s"},
      {b, "g?y#s", "http://a/b/c/g?y#s"},
      {b, ";x", "http://a/b/c/;x"},
      {b, "g;x", "http://a/b/c/g;x"},
      {b, "g;x?y#s", "http://a/b/c/g;x?y#s"},
      {b, "", "http://a/b/c/d;p?q"},
      {b, ".", "http://a/b/c/"},
      {b, "./", "http://a/b/c/"},
      {b, "..", "http://a/b/"},
      {b, "../", "http://a/b/"},
      {b, "../g", "http://a/b/g"},
      {b, "../..", "http://a/"},
      {b, "../../", "http://a/"},
      {b, "../../g", "http://a/g"},
  });
}

TEST(Url, ResolvesTheRfc3986AbnormalExamples) {
  const std::string b = "http://a/b/c/d;p?q";
  expect_resolves({
      {b, "../../../g", "http://a/g"},
      {b, "../../../../g", "http://a/g"},
      {b, "/./g", "http://a/g"},
      {b, "/../g", "http://a/g"},
      {b, "g.", "http://a/b/c/g."},
      {b, "g..", "http://a/b/c/g.."},
      {b, "..g", "http://a/b/c/..g"},
      {b, "./../g", "http://a/b/g"},
      {b, "./g/.", "http://a/b/c/g/"},
      {b, "g/./h", "http://a/b/c/g/h"},
      {b, "g/../h", "http://a/b/c/h"},
      {b, "g;x=1/./y", "http://a/b/c/g;x=1/y"},
      {b, "g;x=1/../y", "http://a/b/c/y"},
      {b, "g?y/./x", "http://a/b/c/g?y/./x"},
      {b, "g?y/../x", "http://a/b/c/g?y/../x"},
      {b, "g#s/./x", "http://a/b/c/g#s/./x"},
      {b, "g#s/../x", "http://a/b/c/g#s/../x"},
  });
}

TEST(Url, ResolvesTheReferencesFeedsActuallyContain) {
  const std::string b = "https://example.com/blog/2023/post.html?utm=1#top";
  expect_resolves({
      {b, "/images/a.png", "https://example.com/images/a.png"},
      {b, "img/a.png", "https://example.com/blog/2023/img/a.png"},
      {b, "//cdn.example.net/a.js", "https://cdn.example.net/a.js"},
      {b, "#section-2", "https://example.com/blog/2023/post.html?utm=1#section-2"},
      {b, "?page=2", "https://example.com/blog/2023/post.html?page=2"},
      {b, "  /padded.png \n", "https://example.com/padded.png"},
      {b, "/a\n/b\t.png", "https://example.com/a/b.png"},
      {"https://example.com", "x", "https://example.com/x"},
      {"https://example.com/dir/", "x", "https://example.com/dir/x"},
      {"http://example.com:8080/a/b", "c", "http://example.com:8080/a/c"},
      {"http://[::1]:8080/a/b", "../c", "http://[::1]:8080/c"},
      {"feed://example.com/dir/index.xml", "x.html", "feed://example.com/dir/x.html"},
  });
}

TEST(Url, PreservesTheReferencesPercentEncoding) {
  const std::string b = "https://example.com/dir/page.html";
  expect_resolves({
      {b, "caf%C3%A9.html", "https://example.com/dir/caf%C3%A9.html"},
      {b, "a%2Fb", "https://example.com/dir/a%2Fb"},
      {b, "a%2fb", "https://example.com/dir/a%2fb"},
      {b, "x?q=%20y&z=%2B", "https://example.com/dir/x?q=%20y&z=%2B"},
      {b, "100%", "https://example.com/dir/100%"},
  });
}

TEST(Url, EncodesSpacesAndNonAsciiInRelativeReferences) {
  const std::string b = "https://example.com/dir/page.html";
  expect_resolves({
      {b, "a b.html", "https://example.com/dir/a%20b.html"},
      {b, "x?q=a b", "https://example.com/dir/x?q=a%20b"},  // not curl's "+"
      {b, "café.html", "https://example.com/dir/caf%C3%A9.html"},
      {b, "新闻/图.jpg", "https://example.com/dir/%E6%96%B0%E9%97%BB/%E5%9B%BE.jpg"},
      {b, "#a b", "https://example.com/dir/page.html#a%20b"},
      {b, "a\"b<c>", "https://example.com/dir/a%22b%3Cc%3E"},
  });
}

TEST(Url, ReturnsAbsoluteReferencesUnchanged) {
  const std::string b = "https://example.com/dir/page.html";
  expect_resolves({
      {b, "g:h", "g:h"},
      {b, "https://other.example/x", "https://other.example/x"},
      {b, "HTTP://Other.Example/A%2fB", "HTTP://Other.Example/A%2fB"},
      {b, "http://例え.jp/パス", "http://例え.jp/パス"},
      {b, "javascript:alert(1)", "javascript:alert(1)"},
      {b, "mailto:someone@example.com", "mailto:someone@example.com"},
      {b, "data:image/png;base64,AAAA", "data:image/png;base64,AAAA"},
      {b, "urn:isbn:0451450523", "urn:isbn:0451450523"},
      {b, " https://padded.example/ ", "https://padded.example/"},
  });
}

TEST(Url, ReturnsTheReferenceWhenTheBaseIsEmptyOrUnusable) {
  expect_resolves({
      {"", "/relative/path", "/relative/path"},
      {"", "x.html", "x.html"},
      {"", "https://example.com/", "https://example.com/"},
      {"not a url", "x.html", "x.html"},
      {"example.com/no-scheme", "x.html", "x.html"},
      {"mailto:a@b", "x.html", "x.html"},
      {"http://", "x.html", "x.html"},
  });
}

TEST(Url, ReturnsNothingWhenTheResultIsNotAUrl) {
  EXPECT_FALSE(resolve_url("https://example.com/", "//bad host/x").has_value());
  EXPECT_FALSE(resolve_url("https://example.com/", "//h:99999/").has_value());
}

TEST(Url, SurvivesHostileInput) {
  const std::vector<std::string> odd = {std::string("a\0b", 3),
                                        std::string(100'000, '/'),
                                        std::string(10'000, '.') + "/",
                                        "%",
                                        "%%",
                                        "?#?#",
                                        "[",
                                        "//[",
                                        "//",
                                        "///",
                                        ":",
                                        "::",
                                        std::string(1, '\xff')};
  for (const auto& r : odd) {
    (void)resolve_url("https://example.com/a/b", r);
    (void)resolve_url(r, "x");
    (void)is_http_url(r);
    (void)url_scheme(r);
  }
  SUCCEED();
}

TEST(Url, RecognisesHttpUrls) {
  EXPECT_TRUE(is_http_url("http://example.com"));
  EXPECT_TRUE(is_http_url("https://example.com/a?b#c"));
  EXPECT_TRUE(is_http_url("HTTPS://EXAMPLE.COM/"));
  EXPECT_TRUE(is_http_url("http://[::1]:8080/"));
  EXPECT_TRUE(is_http_url("  https://example.com/  "));
  EXPECT_FALSE(is_http_url("ftp://example.com/"));
  EXPECT_FALSE(is_http_url("javascript:alert(1)"));
  EXPECT_FALSE(is_http_url("http:relative"));
  EXPECT_FALSE(is_http_url("http://"));
  EXPECT_FALSE(is_http_url("//example.com/"));
  EXPECT_FALSE(is_http_url("/path"));
  EXPECT_FALSE(is_http_url(""));
  EXPECT_FALSE(is_http_url("httpx://example.com"));
}

TEST(Url, AgreesWithLibcurlOnHostsPortsAndOddBytes) {
  // Plain URLs are decided without libcurl; these sit at the edges of "plain".
  EXPECT_TRUE(is_http_url("HtTp://a_b.example/x?y#z"));
  EXPECT_TRUE(is_http_url("http://example.com?q"));
  EXPECT_TRUE(is_http_url("http://example.com#f"));
  EXPECT_TRUE(is_http_url("http://example.com:8080/"));
  EXPECT_TRUE(is_http_url("http://1.2.3.4/"));
  EXPECT_TRUE(is_http_url("http://user@example.com/"));
  EXPECT_TRUE(is_http_url("http://example.com/caf\xC3\xA9"));
  EXPECT_TRUE(is_http_url("http://exa\tmple.com/"));  // tabs inside are dropped
  EXPECT_FALSE(is_http_url("http://example.com:99999/"));
  EXPECT_FALSE(is_http_url("http://example.com/a b"));
  EXPECT_FALSE(is_http_url("http://example.com/\x7F"));
  EXPECT_FALSE(is_http_url("http://exa$mple.com/"));
  EXPECT_TRUE(is_http_url("http:///example.com/"));  // libcurl skips the third slash
}

TEST(Url, ReportsTheLowerCaseScheme) {
  EXPECT_EQ(url_scheme("http://example.com"), "http");
  EXPECT_EQ(url_scheme("HTTPS://example.com"), "https");
  EXPECT_EQ(url_scheme("javascript:alert(1)"), "javascript");
  EXPECT_EQ(url_scheme("JavaScript:alert(1)"), "javascript");
  EXPECT_EQ(url_scheme("  javascript:alert(1)"), "javascript");
  EXPECT_EQ(url_scheme("java\tscript:alert(1)"), "javascript");  // as a browser reads it
  EXPECT_EQ(url_scheme("java\nscript:alert(1)"), "javascript");
  EXPECT_EQ(url_scheme("\x01javascript:alert(1)"), "javascript");
  EXPECT_EQ(url_scheme("vbscript:msgbox"), "vbscript");
  EXPECT_EQ(url_scheme("data:text/html,x"), "data");
  EXPECT_EQ(url_scheme("svn+ssh://h/x"), "svn+ssh");
  EXPECT_EQ(url_scheme("mailto:a@b"), "mailto");
  EXPECT_EQ(url_scheme("/path:with-colon"), "");
  EXPECT_EQ(url_scheme("./a:b"), "");
  EXPECT_EQ(url_scheme("//host/x"), "");
  EXPECT_EQ(url_scheme("1http://x"), "");
  EXPECT_EQ(url_scheme("no colon"), "");
  EXPECT_EQ(url_scheme(""), "");
}

TEST(Url, HostIsTheParsedHostOrNothing) {
  EXPECT_EQ(url_host("https://www.rfa.org/mandarin/RSS"), "www.rfa.org");
  EXPECT_EQ(url_host("http://127.0.0.1:8080/feed.xml"), "127.0.0.1");
  EXPECT_EQ(url_host("not a url"), std::nullopt);
  EXPECT_EQ(url_host(""), std::nullopt);
}

}  // namespace
}  // namespace feedarchiver::normalize
