#include "feedarchiver/html_serializer.hpp"

#include <gtest/gtest.h>

#include <string>
#include <tuple>

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

TEST(HtmlSerializer, FindsWhatNeedsEscapingAtEveryOffsetOfALongRun) {
  // Sixteen bytes are scanned at a time: each special character, and a U+00A0 split across
  // two blocks, is still found wherever it stands, before, in and after the block.
  for (std::size_t at = 0; at < 40; ++at) {
    const std::string pad(at, 'x');
    const std::string tail(19, 'y');
    for (const auto& [raw, text, attribute] :
         {std::tuple{"&", "&amp;", "&amp;"}, std::tuple{"<", "&lt;", "&lt;"},
          std::tuple{">", "&gt;", "&gt;"}, std::tuple{"\"", "\"", "&quot;"},
          std::tuple{"\xC2\xA0", "&nbsp;", "&nbsp;"},
          std::tuple{"\xC2\xA9", "\xC2\xA9", "\xC2\xA9"}, std::tuple{"中", "中", "中"}}) {
      std::string out;
      append_escaped_text(out, pad + raw + tail);
      EXPECT_EQ(out, pad + text + tail) << at << " " << raw;
      out.clear();
      append_escaped_attribute(out, pad + raw + tail);
      EXPECT_EQ(out, pad + attribute + tail) << at << " " << raw;
    }
  }
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
