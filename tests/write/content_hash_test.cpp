#include "feedarchiver/write/content_hash.hpp"

#include <gtest/gtest.h>

namespace feedarchiver::write {
namespace {

Timestamp at(long long ms) {
  return Timestamp(std::chrono::milliseconds(ms));
}

TEST(ContentHash, ChangesWithTheBodyNotWithAnUnknownDate) {
  Post post;
  post.title = "t";
  post.url = "https://x/1";
  post.body_html = "<p>a</p>";
  post.date = at(1);
  const std::string first = content_hash(post);
  post.date = at(2);  // an undated post is dated by the fetch time: not a change
  EXPECT_EQ(content_hash(post), first);
  post.body_html = "<p>b</p>";
  EXPECT_NE(content_hash(post), first);
  EXPECT_EQ(first.rfind("fnv1a64:", 0), 0u);
}

}  // namespace
}  // namespace feedarchiver::write
