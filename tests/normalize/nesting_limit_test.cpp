#include "feedarchiver/normalize/nesting_limit.hpp"

#include <gtest/gtest.h>

namespace feedarchiver::normalize {
namespace {

TEST(NestingLimit, LeavesShallowHtmlAlone) {
  EXPECT_EQ(limit_nesting("<div><p>a<p>b<ul><li>c<li>d</ul></div>", 3), std::nullopt);
  EXPECT_EQ(limit_nesting("", 3), std::nullopt);
  EXPECT_EQ(limit_nesting("no tags < at all >", 0), std::nullopt);
}

TEST(NestingLimit, RemovesStartAndEndTagsBeyondTheLimitKeepingContent) {
  EXPECT_EQ(limit_nesting("<div class=a><div><div>x</div>y</div>z</div>", 2),
            "<div class=a><div>xy</div>z</div>");
  EXPECT_EQ(limit_nesting("<b><i><u>x</u></i></b>", 1), "<b>x</b>");
}

TEST(NestingLimit, DoesNotCountVoidOrImplicitlyClosedElements) {
  EXPECT_EQ(limit_nesting("<div><p>a<p>b<br><img src=x><li>c<li>d<td>e<tr>f</div>", 1),
            std::nullopt);
}

TEST(NestingLimit, IgnoresTagsInsideCommentsAttributesAndRawText) {
  EXPECT_EQ(limit_nesting("<div title=\"<div><div>\"><!-- <div><div> -->"
                          "<script>'<div><div>'</script><style>/*<div>*/</style>x</div>",
                          1),
            std::nullopt);
}

TEST(NestingLimit, TreatsSelfClosingTagsAsClosedOnlyInSvgAndMath) {
  EXPECT_EQ(limit_nesting("<svg><g/><g/><g/><path/></svg><math/>", 1), std::nullopt);
  EXPECT_EQ(limit_nesting("<div/><div/>x", 1), "<div/>x");
}

TEST(NestingLimit, HandlesTruncatedMarkup) {
  EXPECT_EQ(limit_nesting("<div><div><div title=\"unterminated", 1), "<div>");
  EXPECT_EQ(limit_nesting("<div><!-- open", 1), std::nullopt);
  EXPECT_EQ(limit_nesting("<", 1), std::nullopt);
  EXPECT_EQ(limit_nesting("</", 1), std::nullopt);
}

TEST(NestingLimit, DropsScriptAndStyleTextButKeepsJson) {
  const std::string page =
      "<head><style>p{color:red}</style>"
      "<script type=\"application/ld+json\">{\"headline\": \"H\"}</script>"
      "<SCRIPT>var s = \"<p>not markup</p>\";</SCRIPT>"
      "<script type=\"module\" src=\"x.js\"></script></head>"
      "<body><!-- <script>kept comment</script> --><p>text</p>"
      "<script id=\"__NEXT_DATA__\" type=\"application/json\">{\"a\":1}</script></body>";
  EXPECT_EQ(limit_nesting(page, 512, ScriptText::drop),
            "<head><style></style>"
            "<script type=\"application/ld+json\">{\"headline\": \"H\"}</script>"
            "<SCRIPT></SCRIPT>"
            "<script type=\"module\" src=\"x.js\"></script></head>"
            "<body><!-- <script>kept comment</script> --><p>text</p>"
            "<script id=\"__NEXT_DATA__\" type=\"application/json\">{\"a\":1}</script></body>");
  EXPECT_EQ(limit_nesting(page, 512), std::nullopt);  // keep: untouched
  EXPECT_EQ(limit_nesting("<script>unterminated", 512, ScriptText::drop), std::nullopt);
}

}  // namespace
}  // namespace feedarchiver::normalize
