#include "feedarchiver/normalize/html_serializer.hpp"

#include <gtest/gtest.h>

namespace feedarchiver::normalize {
namespace {

TEST(HtmlSerializer, EscapesTextAmpersandsAnglesAndNbsp) {
  std::string out;
  append_escaped_text(out, "a & b < c > d \"e\" \xC2\xA0 中");
  EXPECT_EQ(out, "a &amp; b &lt; c &gt; d \"e\" &nbsp; 中");
}

TEST(HtmlSerializer, EscapesAttributeQuotesButNotApostrophes) {
  std::string out;
  append_escaped_attribute(out, "it's \"x\" & <y>\xC2\xA0");
  EXPECT_EQ(out, "it's &quot;x&quot; &amp; &lt;y&gt;&nbsp;");
}

TEST(HtmlSerializer, LeavesOtherUtf8SequencesAlone) {
  std::string out;
  append_escaped_text(out, "\xC2\xA9 \xC3\xA0 \xC2");  // ©, à, a truncated sequence
  EXPECT_EQ(out, "\xC2\xA9 \xC3\xA0 \xC2");
}

TEST(HtmlSerializer, WritesAttributesInOrderAndNoEndTagForVoidElements) {
  std::string out;
  append_start_tag(out, "img", {{"src", "a.jpg"}, {"alt", ""}, {"referrerpolicy", "no-referrer"}});
  append_end_tag(out, "img");
  append_start_tag(out, "p", {});
  append_end_tag(out, "p");
  EXPECT_EQ(out, "<img src=\"a.jpg\" alt=\"\" referrerpolicy=\"no-referrer\"><p></p>");
}

TEST(HtmlSerializer, KnowsTheVoidElements) {
  for (const char* tag : {"br", "img", "hr", "wbr", "col", "source", "area", "input"}) {
    EXPECT_TRUE(is_void_element(tag)) << tag;
  }
  for (const char* tag : {"p", "div", "a", "video", "picture", ""}) {
    EXPECT_FALSE(is_void_element(tag)) << tag;
  }
}

}  // namespace
}  // namespace feedarchiver::normalize
