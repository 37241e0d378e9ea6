// Labels that contradict the bytes, the per-feed encoding override, UTF-32 without a BOM and
// C1 controls. Fixtures are real GBK / Big5 / windows-1252 bytes made by iconv here.
#include <gtest/gtest.h>

#include <stdexcept>
#include <string>

#include "feedarchiver/decode/charset.hpp"
#include "feedarchiver/decode/document.hpp"
#include "support/encode.hpp"

namespace feedarchiver::decode {
namespace {

using testing::encode;

const std::string kSimplified =
    "中华人民共和国外交部发言人表示，中日韩三国外长会晤取得积极成果，各方同意继续推进合作。";
const std::string kTraditional =
    "香港天文台表示，今日天氣晴朗，氣溫介乎二十三至二十八度，市民外出時應注意防曬及補充水分。";

std::string rss_item(const std::string& declaration, const std::string& text) {
  return declaration + "<rss version=\"2.0\"><channel><title>T</title><item><title>" + text +
         "</title><description>" + text + "</description></item></channel></rss>";
}

bool any_warning_contains(const Document& doc, const std::string& part) {
  for (const auto& w : doc.warnings) {
    if (w.find(part) != std::string::npos) return true;
  }
  return false;
}

TEST(CharsetDetection, ReadsGb18030BytesDeclaredAsUtf8) {
  const std::string decl = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>";
  const Document doc = decode_document(rss_item(decl, encode(kSimplified, "GBK")), "", "");
  EXPECT_NE(doc.utf8.find(kSimplified), std::string::npos);
  EXPECT_TRUE(
      any_warning_contains(doc, "declared UTF-8 but the bytes are not UTF-8; read as GB18030"));
}

TEST(CharsetDetection, ReadsBig5BytesDeclaredAsUtf8) {
  const std::string decl = "<?xml version=\"1.0\" encoding=\"utf-8\"?>";
  const Document doc = decode_document(rss_item(decl, encode(kTraditional, "BIG5")), "", "");
  EXPECT_NE(doc.utf8.find(kTraditional), std::string::npos);
  EXPECT_TRUE(any_warning_contains(doc, "read as BIG5-HKSCS"));
}

TEST(CharsetDetection, ReadsWindows1252BytesWithoutADeclaration) {
  const Document doc =
      decode_document(rss_item("", encode("Café – “naïve” déjà vu €5", "WINDOWS-1252")), "", "");
  EXPECT_NE(doc.utf8.find("Café – “naïve” déjà vu €5"), std::string::npos);
  EXPECT_TRUE(any_warning_contains(doc, "no charset declared but the bytes are not UTF-8"));
}

TEST(CharsetDetection, ReadsUtf8BytesDeclaredAsGbk) {
  const std::string decl = "<?xml version=\"1.0\" encoding=\"gb2312\"?>";
  const Document doc = decode_document(rss_item(decl, kSimplified), "", "");
  EXPECT_NE(doc.utf8.find(kSimplified), std::string::npos);
  EXPECT_TRUE(any_warning_contains(doc, "declared GB18030 but the bytes are UTF-8"));
}

TEST(CharsetDetection, KeepsUtf8WithAFewDamagedBytesAsUtf8) {
  const std::string text = kSimplified + "\xFF" + "é";
  const Document doc = decode_document(rss_item("", text), "", "");
  EXPECT_NE(doc.utf8.find(kSimplified), std::string::npos);
  EXPECT_TRUE(any_warning_contains(doc, "invalid byte sequences in UTF-8 replaced with U+FFFD"));
}

TEST(CharsetDetection, ReadsUndeclaredWindows1252PunctuationAsWindows1252) {
  // No declaration, no header, smart quotes and a pound sign as a Western CMS writes them.
  const Document doc = decode_document(rss_item("", "This is a \xA3\x93test.\x94"), "", "");
  EXPECT_NE(doc.utf8.find("This is a \xC2\xA3\xE2\x80\x9Ctest.\xE2\x80\x9D"), std::string::npos);
  EXPECT_TRUE(any_warning_contains(doc,
                                   "no charset declared but the bytes are not UTF-8; read "
                                   "as WINDOWS-1252"));
  EXPECT_FALSE(any_warning_contains(doc, "U+FFFD"));
}

TEST(CharsetDetection, TrustsTheBomOverTheBytes) {
  const Document doc = decode_document("\xEF\xBB\xBF" + rss_item("", "caf\xE9"), "", "");
  EXPECT_NE(doc.utf8.find("caf\xEF\xBF\xBD"), std::string::npos);  // U+FFFD, not a guess
}

TEST(CharsetDetection, AppliesTheEncodingOverrideBeforeEverythingElse) {
  const std::string decl = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>";
  const std::string bytes = rss_item(decl, encode(kTraditional, "BIG5"));
  const Document doc = decode_document(bytes, "text/xml; charset=utf-8", "", "big5");
  EXPECT_NE(doc.utf8.find(kTraditional), std::string::npos);
  EXPECT_FALSE(any_warning_contains(doc, "U+FFFD"));
  const Document unknown = decode_document(rss_item("", "ok"), "", "", "no-such-charset");
  EXPECT_TRUE(any_warning_contains(unknown, "unknown encoding override \"no-such-charset\""));
}

TEST(CharsetDetection, SniffsUtf32WithoutABomFromTheFirstCharacter) {
  const std::string text =
      "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>韩</title></channel></rss>";
  for (const char* charset : {"UTF-32LE", "UTF-32BE", "UTF-16LE", "UTF-16BE"}) {
    const Document doc = decode_document(encode(text, charset), "", "");
    EXPECT_NE(doc.utf8.find("<title>韩</title>"), std::string::npos) << charset;
    EXPECT_EQ(doc.kind, DocumentKind::xml) << charset;
  }
  const Document comment_first = decode_document(encode("<!-- c -->" + text, "UTF-32BE"), "", "");
  EXPECT_NE(comment_first.utf8.find("<title>韩</title>"), std::string::npos);
}

TEST(CharsetDetection, ReadsC1ControlsAsWindows1252) {
  std::string text = "don\xC2\x92t \xC2\x80 \xC2\x81";  // U+0092, U+0080, U+0081 (no 1252 char)
  EXPECT_EQ(replace_c1_controls(text), 2u);
  EXPECT_EQ(text, "don’t € \xC2\x81");
}

TEST(CharsetDetection, ProfilesBytes) {
  EXPECT_FALSE(guess_legacy_charset("plain ASCII").has_value());
  EXPECT_FALSE(guess_legacy_charset(kSimplified).has_value());
  EXPECT_EQ(guess_legacy_charset(encode(kSimplified, "GB18030")), "GB18030");
  EXPECT_EQ(guess_legacy_charset(encode(kTraditional, "BIG5")), "BIG5-HKSCS");
  EXPECT_EQ(guess_legacy_charset("na\xEFve caf\xE9"), "WINDOWS-1252");
  // One pair is no pattern; a byte before '.', '<' or a space cannot lead a pair.
  EXPECT_EQ(guess_legacy_charset("a \xA3\x93test.\x94<"), "WINDOWS-1252");
  EXPECT_EQ(guess_legacy_charset("price \xA3 5"), "WINDOWS-1252");
  // Stray high bytes with nothing single-byte about them stay U+FFFD.
  EXPECT_FALSE(guess_legacy_charset("x \xC3\xC3 y").has_value());
  EXPECT_FALSE(guess_legacy_charset(" \xA3"
                                    "9")
                   .has_value());
  EXPECT_TRUE(looks_like_utf8("café"));
  EXPECT_FALSE(looks_like_utf8("cafe"));
}

TEST(CharsetDetection, ReadsPortugueseLatin1WithoutADeclarationAsWindows1252) {
  // "ção", "ões": two high bytes inside a word, which once looked like GB18030 pairs.
  const std::string text = "Educação e formação: as ações da população na região, informação e ÇÃO";
  const Document doc = decode_document(rss_item("", encode(text, "ISO-8859-1")), "", "");
  EXPECT_NE(doc.utf8.find(text), std::string::npos);
  EXPECT_TRUE(any_warning_contains(doc, "read as WINDOWS-1252"));
}

}  // namespace
}  // namespace feedarchiver::decode
