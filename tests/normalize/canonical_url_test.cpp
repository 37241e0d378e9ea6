#include "feedarchiver/normalize/canonical_url.hpp"

#include <gtest/gtest.h>

namespace feedarchiver::normalize {
namespace {

TEST(CanonicalUrl, LowerCasesSchemeAndHostButNotThePath) {
  EXPECT_EQ(canonical_url("HTTPS://News.Example.ORG/Path/A"), "https://news.example.org/Path/A");
}

TEST(CanonicalUrl, TreatsHttpAsHttps) {
  EXPECT_EQ(canonical_url("http://example.org/a"), canonical_url("https://example.org/a"));
}

TEST(CanonicalUrl, DropsDefaultPortsAndFragments) {
  EXPECT_EQ(canonical_url("http://example.org:80/a#top"), "https://example.org/a");
  EXPECT_EQ(canonical_url("https://example.org:443/a"), "https://example.org/a");
  EXPECT_EQ(canonical_url("https://example.org:8080/a"), "https://example.org:8080/a");
}

TEST(CanonicalUrl, RemovesTrackingParametersAndKeepsTheOthersInOrder) {
  EXPECT_EQ(canonical_url("https://example.org/a?utm_source=rss&id=3&fbclid=x&b=2&gclid=y"),
            "https://example.org/a?id=3&b=2");
  EXPECT_EQ(canonical_url("https://example.org/a?UTM_Medium=feed"), "https://example.org/a");
}

TEST(CanonicalUrl, WritesAnEmptyPathAsSlash) {
  EXPECT_EQ(canonical_url("https://example.org"), "https://example.org/");
}

TEST(CanonicalUrl, LeavesAnythingButHttpUnchanged) {
  EXPECT_EQ(canonical_url("  urn:uuid:1234 "), "urn:uuid:1234");
  EXPECT_EQ(canonical_url("not a url"), "not a url");
}

}  // namespace
}  // namespace feedarchiver::normalize
