#include "feedarchiver/decode/charset.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace feedarchiver::decode {
namespace {

TEST(Charset, CorrectsLabelsToTheSupersetsPublishersActuallySend) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"utf-8", "UTF-8"},
      {"UTF8", "UTF-8"},
      {"gb2312", "GB18030"},
      {"GBK", "GB18030"},
      {"x-gbk", "GB18030"},
      {"GB18030", "GB18030"},
      {"big5", "BIG5-HKSCS"},
      {"Big5-HKSCS", "BIG5-HKSCS"},
      {"iso-8859-1", "WINDOWS-1252"},
      {"ISO_8859-1", "WINDOWS-1252"},
      {"latin1", "WINDOWS-1252"},
      {"us-ascii", "WINDOWS-1252"},
      {"windows-1252", "WINDOWS-1252"},
      {"Shift_JIS", "CP932"},
      {"euc-kr", "CP949"},
      {"EUC-JP", "EUC-JP"},
      {"koi8-r", "KOI8-R"},
      {"windows-1251", "WINDOWS-1251"},
      {"iso-8859-15", "ISO-8859-15"},
      {"utf-16le", "UTF-16LE"},
      {" \"gbk\" ", "GB18030"},
      {"'big5'", "BIG5-HKSCS"},
  };
  for (const auto& [label, expected] : cases) {
    const auto got = canonical_charset(label);
    ASSERT_TRUE(got.has_value()) << label;
    EXPECT_EQ(*got, expected) << label;
  }
}

TEST(Charset, RejectsUnknownAndMalformedLabels) {
  for (const std::string& label : std::vector<std::string>{
           "", "   ", "no-such-charset", "utf-8//TRANSLIT", "utf-8//IGNORE", "gbk;x", "a b",
           std::string(100, 'a'), std::string("utf-8\0", 6), "x-user-defined-nonsense"}) {
    EXPECT_FALSE(canonical_charset(label).has_value()) << label;
  }
}

TEST(Charset, ReadsTheCharsetParameterOfContentType) {
  EXPECT_EQ(charset_from_content_type("text/xml; charset=gbk"), "gbk");
  EXPECT_EQ(charset_from_content_type("text/xml;charset=\"Big5\""), "Big5");
  EXPECT_EQ(charset_from_content_type("text/html; CHARSET = utf-8 "), "utf-8");
  EXPECT_EQ(charset_from_content_type("text/html; foo=bar; charset=iso-8859-1"), "iso-8859-1");
  EXPECT_EQ(charset_from_content_type("application/rss+xml"), "");
  EXPECT_EQ(charset_from_content_type(""), "");
  EXPECT_EQ(charset_from_content_type("text/html; xcharset=gbk"), "");
  EXPECT_EQ(charset_from_content_type("text/html; charset"), "");
}

TEST(Charset, ReadsTheXmlDeclaration) {
  EXPECT_EQ(charset_from_xml_declaration("<?xml version=\"1.0\" encoding=\"gb2312\"?><rss/>"),
            "gb2312");
  EXPECT_EQ(charset_from_xml_declaration("<?xml version='1.0' encoding = 'Big5' ?><rss/>"), "Big5");
  EXPECT_EQ(charset_from_xml_declaration("\n  <?xml version=\"1.0\" encoding=\"utf-8\"?>"),
            "utf-8");
  EXPECT_EQ(charset_from_xml_declaration("<?xml version=\"1.0\"?><rss/>"), "");
  EXPECT_EQ(charset_from_xml_declaration("<rss encoding=\"gbk\"/>"), "");
  EXPECT_EQ(charset_from_xml_declaration("<?xml version=\"1.0\" encoding=\"gbk\""), "");
  EXPECT_EQ(charset_from_xml_declaration("<?xml-stylesheet encoding=\"gbk\"?>"), "");
}

TEST(Charset, ReadsHtmlMetaInTheFirstKilobyte) {
  EXPECT_EQ(charset_from_html_meta("<html><head><meta charset=\"gbk\"></head>"), "gbk");
  EXPECT_EQ(charset_from_html_meta("<html><head><META CHARSET=big5>"), "big5");
  EXPECT_EQ(charset_from_html_meta("<meta http-equiv=\"Content-Type\" "
                                   "content=\"text/html; charset=shift_jis\">"),
            "shift_jis");
  EXPECT_EQ(charset_from_html_meta("<meta name=\"x\"><meta charset='euc-kr'/>"), "euc-kr");
  EXPECT_EQ(charset_from_html_meta("<html><head><title>x</title></head>"), "");
  EXPECT_EQ(charset_from_html_meta(std::string(1100, ' ') + "<meta charset=\"gbk\">"), "");
}

TEST(Charset, TrustsBomThenHeaderThenDeclarationThenDefault) {
  const std::string decl_gbk = "<?xml version=\"1.0\" encoding=\"gbk\"?><rss/>";

  auto c = sniff_charset("\xEF\xBB\xBF" + decl_gbk, "text/xml; charset=big5");
  EXPECT_EQ(c.charset, "UTF-8");
  EXPECT_EQ(c.source, CharsetSource::bom);
  EXPECT_EQ(c.bom_length, 3u);

  c = sniff_charset(decl_gbk, "text/xml; charset=big5");
  EXPECT_EQ(c.charset, "BIG5-HKSCS");
  EXPECT_EQ(c.source, CharsetSource::content_type);

  c = sniff_charset(decl_gbk, "text/xml");
  EXPECT_EQ(c.charset, "GB18030");
  EXPECT_EQ(c.source, CharsetSource::declaration);

  c = sniff_charset("<rss/>", "");
  EXPECT_EQ(c.charset, "UTF-8");
  EXPECT_EQ(c.source, CharsetSource::fallback);
}

TEST(Charset, RecognisesEveryByteOrderMark) {
  struct Case {
    std::string bytes;
    std::string charset;
    std::size_t length;
  };
  const std::vector<Case> cases = {
      {"\xEF\xBB\xBF<", "UTF-8", 3},
      {std::string("\xFF\xFE<\0", 4), "UTF-16LE", 2},
      {std::string("\xFE\xFF\0<", 4), "UTF-16BE", 2},
      {std::string("\xFF\xFE\0\0<\0\0\0", 8), "UTF-32LE", 4},
      {std::string("\0\0\xFE\xFF\0\0\0<", 8), "UTF-32BE", 4},
  };
  for (const auto& c : cases) {
    const auto choice = sniff_charset(c.bytes, "text/xml; charset=gbk");
    EXPECT_EQ(choice.charset, c.charset);
    EXPECT_EQ(choice.bom_length, c.length);
    EXPECT_EQ(choice.source, CharsetSource::bom);
  }
}

TEST(Charset, DetectsUtf16WithoutBomFromTheXmlDeclaration) {
  EXPECT_EQ(sniff_charset(std::string("<\0?\0x\0m\0l\0", 10), "").charset, "UTF-16LE");
  EXPECT_EQ(sniff_charset(std::string("\0<\0?\0x\0m\0l", 10), "").charset, "UTF-16BE");
}

TEST(Charset, PicksTheByteOrderOfAHeaderDeclaredUtf16WithoutBom) {
  EXPECT_EQ(sniff_charset(std::string("<\0r\0", 4), "text/xml; charset=utf-16").charset,
            "UTF-16LE");
  EXPECT_EQ(sniff_charset(std::string("\0<\0r", 4), "text/xml; charset=utf-16").charset,
            "UTF-16BE");
}

TEST(Charset, IgnoresADeclarationClaimingUtf16InAsciiReadableBytes) {
  const auto c = sniff_charset("<?xml version=\"1.0\" encoding=\"UTF-16\"?><rss/>", "");
  EXPECT_EQ(c.charset, "UTF-8");
}

TEST(Charset, FallsThroughAnUnknownHeaderLabelAndRemembersIt) {
  auto c =
      sniff_charset("<?xml version=\"1.0\" encoding=\"gbk\"?><rss/>", "text/xml; charset=klingon");
  EXPECT_EQ(c.charset, "GB18030");
  EXPECT_EQ(c.ignored_label, "klingon");

  c = sniff_charset("<?xml version=\"1.0\" encoding=\"klingon\"?><rss/>", "");
  EXPECT_EQ(c.charset, "UTF-8");
  EXPECT_EQ(c.ignored_label, "klingon");
}

TEST(Charset, UsesHtmlMetaOnlyForHtml) {
  EXPECT_EQ(sniff_charset("<!DOCTYPE html><html><head><meta charset=\"big5\">", "").charset,
            "BIG5-HKSCS");
  // A feed whose first item happens to carry a meta tag in CDATA is still UTF-8.
  EXPECT_EQ(
      sniff_charset("<rss><channel><description><![CDATA[<meta charset=\"big5\">]]>", "").charset,
      "UTF-8");
}

TEST(Charset, ConvertsAndCountsReplacements) {
  auto r = convert_to_utf8("caf\xE9 \x93q\x94", "WINDOWS-1252");
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(r->utf8, "café “q”");
  EXPECT_EQ(r->replaced, 0u);

  r = convert_to_utf8("ok\xFFok", "UTF-8");
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(r->utf8, "ok\xEF\xBF\xBDok");
  EXPECT_EQ(r->replaced, 1u);

  // An unpaired surrogate in UTF-16LE is skipped as one code unit; the rest stays aligned.
  r = convert_to_utf8(std::string("a\0\x00\xD8"
                                  "b\0",
                                  6),
                      "UTF-16LE");
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(r->utf8,
            "a\xEF\xBF\xBD"
            "b");
  EXPECT_EQ(r->replaced, 1u);

  // An odd trailing byte is a truncated unit.
  r = convert_to_utf8(std::string("a\0b", 3), "UTF-16LE");
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(r->utf8, "a\xEF\xBF\xBD");
  EXPECT_EQ(r->replaced, 1u);

  EXPECT_FALSE(convert_to_utf8("x", "NO-SUCH-CHARSET").has_value());
}

TEST(Charset, ConvertsLargeInputsThatOutgrowTheFirstBuffer) {
  std::string gb;  // GB18030 four-byte sequences: 4 bytes in, 3 or 4 out, plus ASCII runs
  for (int i = 0; i < 20'000; ++i)
    gb +=
        "\x81\x30\x81\x30"
        "abc";
  const auto r = convert_to_utf8(gb, "GB18030");
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(r->replaced, 0u);
  EXPECT_EQ(r->utf8.size(), 20'000u * (2 + 3));  // U+0080 is two bytes in UTF-8
}

}  // namespace
}  // namespace feedarchiver::decode
