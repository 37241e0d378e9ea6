#include <gtest/gtest.h>

#include "feedarchiver/parse/html_text.hpp"
#include "feedarchiver/parse/xml_repair.hpp"

namespace feedarchiver::parse {
namespace {

TEST(HtmlTextParser, TurnsHtmlIntoCollapsedPlainText) {
  EXPECT_EQ(html_to_text("  <p>Hello,<br/>  <b>wor</b>ld &amp; &eacute;t&#233; &#x4E2D;</p> "),
            "Hello, world & été 中");
  EXPECT_EQ(html_to_text("a < b and 1<2"), "a < b and 1<2");
  EXPECT_EQ(html_to_text("x<script>alert('<p>')</script>y<!-- c -->z"), "xyz");
  // A '>' inside a quoted attribute value does not end the tag.
  EXPECT_EQ(html_to_text("<img src=\"x.jpg\" alt=\"cat<br />dog\">"), "");
  EXPECT_EQ(html_to_text("a<img alt='1 > 0' title=\"q\">b"), "ab");
  EXPECT_EQ(html_to_text("a<b x=\">c"), "ac");          // an unclosed quote: the first '>' ends it
  EXPECT_EQ(html_to_text("a<b x=\">c\" d"), "ac\" d");  // no '>' after the value
  EXPECT_EQ(html_to_text("AT&T &unknown; &#xD800;"), "AT&T &unknown; \uFFFD");
}

TEST(HtmlTextParser, StaysLinearOnPathologicalInput) {
  const std::size_t n = 200000;
  EXPECT_EQ(html_to_text(std::string(n, '&')).size(), n);
  std::string unclosed;
  for (std::size_t i = 0; i < n / 2; ++i) unclosed += "<a";
  EXPECT_EQ(html_to_text(unclosed), unclosed);
  std::string scripts;
  for (std::size_t i = 0; i < n / 20; ++i) scripts += "<script>x</script>";
  EXPECT_EQ(html_to_text(scripts), "");
  EXPECT_EQ(repair_entities(std::string(n, '&'))->count, n);
}

TEST(HtmlTextParser, EscapesPlainTextForHtml) {
  EXPECT_EQ(escape_html("a<b & \"c\">"), "a&lt;b &amp; \"c\"&gt;");
}

TEST(HtmlTextParser, KeepsTheLinesAndParagraphsOfPlainTextInHtml) {
  EXPECT_EQ(plain_text_html("one line & <b>"), "one line &amp; &lt;b&gt;");
  // HTML would run lines together: paragraphs at blank lines, <br> inside them.
  EXPECT_EQ(plain_text_html("\n  First, line one\r\nline two  \n \t\n\n第二段\rend\n"),
            "<p>First, line one<br>\nline two</p>\n<p>第二段<br>\nend</p>");
  EXPECT_EQ(plain_text_html("a\nb"), "a<br>\nb");
  EXPECT_EQ(plain_text_html("\n\n"), "");
}

TEST(HtmlTextParser, UndoesOneLevelOfEscapingOnlyWhereHtmlWasEscapedTwice) {
  EXPECT_EQ(unescape_if_escaped_twice(" &lt;p&gt;双重 &amp;amp; 转义&lt;/p&gt;&lt;br/&gt;"),
            "<p>双重 &amp; 转义</p><br/>");
  EXPECT_EQ(unescape_if_escaped_twice("&lt;IMG src=\"a.jpg\"&gt;&lt;P&gt;x"),
            "<IMG src=\"a.jpg\"><P>x");
  // Text about tags, as HTML means it: left alone.
  EXPECT_EQ(unescape_if_escaped_twice("Use the &lt;p&gt; tag, not &lt;br&gt;"), std::nullopt);
  EXPECT_EQ(unescape_if_escaped_twice("<p>Code: &lt;p&gt;x&lt;/p&gt;</p>"), std::nullopt);
  EXPECT_EQ(unescape_if_escaped_twice("&lt;p&gt; alone"), std::nullopt);
  EXPECT_EQ(unescape_if_escaped_twice("&lt;blink&gt;old&lt;/blink&gt;"), std::nullopt);
  EXPECT_EQ(unescape_if_escaped_twice("&lt;pre&gt;x&lt;/pre&gt; and 1 <b>real</b>"), std::nullopt);
  EXPECT_EQ(unescape_if_escaped_twice(""), std::nullopt);
}

TEST(XmlRepairParser, LeavesValidXmlAlone) {
  EXPECT_EQ(repair_entities("<a x=\"&amp;\">&lt;&#38;&#x26;&quot;</a>"), std::nullopt);
}

TEST(XmlRepairParser, EscapesStrayAmpersandsAndConvertsHtmlEntities) {
  const auto repair = repair_entities("<a href=\"?a&b\">AT&T &nbsp;&mdash;&bogus; &#1; &</a>");
  ASSERT_TRUE(repair);
  EXPECT_EQ(repair->text,
            "<a href=\"?a&amp;b\">AT&amp;T &#160;&#8212;&amp;bogus; &#xFFFD; &amp;</a>");
  EXPECT_EQ(repair->count, 7u);
  EXPECT_EQ(repair->first_offset, 11u);
}

TEST(HtmlTextParser, CollapsesRunsAndDecodesBetweenTags) {
  EXPECT_EQ(collapse_whitespace(" \t a  bc\n\r d\f "), "a bc d");
  EXPECT_EQ(collapse_whitespace("   "), "");
  EXPECT_EQ(decode_html_entities("x&amp;y&&z&lt"), "x&y&&z&lt");
  EXPECT_EQ(html_to_text("ab<i>cd< e<br>f&gt;<"), "abcd< e f><");
  EXPECT_EQ(html_to_text("ab<x>cd"), "ab<x>cd");  // no HTML element: text
}

TEST(XmlRepairParser, FindsEachRepairAtEveryOffsetOfALongRun) {
  // The scan reads eight bytes at a time: a control byte or a stray '&' at any position of
  // a word, after clean text and newlines, is still found.
  for (std::size_t at = 0; at < 24; ++at) {
    for (const char bad : {'\x01', '\x1F', '&'}) {
      std::string xml = "<a>" + std::string(at, 'x') + bad + "\n\t" + std::string(17, 'y') + "</a>";
      const auto repair = repair_entities(xml);
      ASSERT_TRUE(repair) << at;
      EXPECT_EQ(repair->first_offset, 3 + at);
      const std::string with = bad == '&' ? "&amp;" : "";
      EXPECT_EQ(repair->text,
                "<a>" + std::string(at, 'x') + with + "\n\t" + std::string(17, 'y') + "</a>");
    }
  }
  EXPECT_EQ(repair_entities("<a>" + std::string(40, 'z') + "\r\n\t</a>"), std::nullopt);
}

TEST(XmlRepairParser, SkipsCdataAndCommentsThatStartAtAnyOffset) {
  // Sixteen bytes are read at a time with the byte after them: a "<!" split across two
  // blocks, and a '&' right after ordinary tags, are still seen.
  for (std::size_t at = 0; at < 40; ++at) {
    const std::string pad(at, 'x');
    EXPECT_EQ(repair_entities("<a>" + pad + "<![CDATA[a&b]]><b/>" + std::string(20, 'y') + "</a>"),
              std::nullopt)
        << at;
    EXPECT_EQ(repair_entities("<a>" + pad + "<!-- & --><?pi & ?></a>"), std::nullopt) << at;
    const auto repair = repair_entities("<a>" + pad + "<b>&</b>" + std::string(20, 'y') + "</a>");
    ASSERT_TRUE(repair) << at;
    EXPECT_EQ(repair->first_offset, 6 + at);
    EXPECT_EQ(repair->text, "<a>" + pad + "<b>&amp;</b>" + std::string(20, 'y') + "</a>");
  }
  // A '<' that is the document's last byte ends the scan cleanly.
  EXPECT_EQ(repair_entities(std::string(31, 'x') + "<"), std::nullopt);
}

TEST(XmlRepairParser, DoesNotTouchCdataCommentsOrTheDoctype) {
  const std::string xml =
      "<!DOCTYPE x [<!ENTITY e \"&\">]><x><![CDATA[a&b]]><!-- & --><?pi & ?></x>";
  EXPECT_EQ(repair_entities(xml), std::nullopt);
}

TEST(XmlRepairParser, CountsLinesAndCodePointColumns) {
  const TextPosition position = position_at("ab\n中文x", 9);
  EXPECT_EQ(position.line, 2u);
  EXPECT_EQ(position.column, 3u);
  EXPECT_EQ(position_at("abc", 99).column, 4u);
}

TEST(HtmlTextParser, StripsOnlyRealHtmlElements) {
  EXPECT_EQ(html_to_text("std::vector<int> tips"), "std::vector<int> tips");
  EXPECT_EQ(html_to_text("List<T> and Map<K, V>"), "List<T> and Map<K, V>");
  EXPECT_EQ(html_to_text("<p>Use <code>Optional<String></code></p>"), "Use Optional<String>");
  // Prefixed and custom elements are markup all the same.
  EXPECT_EQ(html_to_text("a<o:p></o:p>b<my-widget>c</my-widget>"), "abc");
  EXPECT_EQ(html_to_text("<B>Bold</B> <FONT color=red>red</FONT>"), "Bold red");
}

TEST(HtmlTextParser, RepairsUtf8ReadAsWindows1252OnlyWhenUnambiguous) {
  EXPECT_EQ(repair_mojibake("CafÃ©"), "Café");
  EXPECT_EQ(repair_mojibake("â€œquotedâ€\x9d"), std::nullopt);  // U+009D: no cp1252 byte
  EXPECT_EQ(repair_mojibake("â€œquotedâ€™"), "“quoted’");
  EXPECT_EQ(repair_mojibake("CafÃƒÂ©"), "Café");  // read so twice
  EXPECT_EQ(repair_mojibake("Café"), std::nullopt);
  EXPECT_EQ(repair_mojibake("Ã la carte"), std::nullopt);
  EXPECT_EQ(repair_mojibake("plain ascii"), std::nullopt);
  EXPECT_EQ(repair_mojibake("CafÃ© 中"), std::nullopt);  // a character no byte gives
}

}  // namespace
}  // namespace feedarchiver::parse
