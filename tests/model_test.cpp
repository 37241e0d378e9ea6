#include "feedarchiver/model.hpp"

#include <gtest/gtest.h>
#include <string>

namespace feedarchiver {

TEST(Model, NamesEveryFeedFormatAsTheJsonContractDoes) {
  EXPECT_EQ(std::string(to_string(FeedFormat::rss2)), "rss2");
  EXPECT_EQ(std::string(to_string(FeedFormat::rss1)), "rss1");
  EXPECT_EQ(std::string(to_string(FeedFormat::rss09x)), "rss09x");
  EXPECT_EQ(std::string(to_string(FeedFormat::atom1)), "atom1");
  EXPECT_EQ(std::string(to_string(FeedFormat::atom03)), "atom03");
  EXPECT_EQ(std::string(to_string(FeedFormat::jsonfeed)), "jsonfeed");
}

}  // namespace feedarchiver
