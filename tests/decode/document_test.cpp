#include "feedarchiver/decode/document.hpp"
#include "support/encode.hpp"

#include <gtest/gtest.h>

#include <cerrno>
#include <random>
#include <stdexcept>
#include <string>
#include <vector>

namespace feedarchiver::decode {
namespace {

using testing::encode;

const std::string kChineseSimplified = "中文新闻：韩国总统访问北京";
const std::string kChineseTraditional = "繁體中文新聞：香港天氣";

std::string rss(const std::string& declaration, const std::string& title) {
  return declaration + "<rss version=\"2.0\"><channel><title>" + title + "</title></channel></rss>";
}

// ---- decode_document --------------------------------------------------------------------

TEST(Decode, ConvertsGbkDeclaredInTheXmlDeclaration) {
  const std::string bytes =
      encode(rss("<?xml version=\"1.0\" encoding=\"gb2312\"?>", kChineseSimplified), "GBK");
  ASSERT_EQ(bytes.find("新闻"), std::string::npos);  // really GBK, not UTF-8
  const Document doc = decode_document(bytes, "application/rss+xml", "https://example.com/f");
  EXPECT_EQ(doc.utf8, rss("<?xml version=\"1.0\" encoding=\"UTF-8\"?>", kChineseSimplified));
  EXPECT_EQ(doc.kind, DocumentKind::xml);
  EXPECT_EQ(doc.base_url, "https://example.com/f");
  EXPECT_TRUE(doc.warnings.empty());
}

TEST(Decode, ConvertsBig5DeclaredInTheContentType) {
  const std::string bytes = encode(rss("", kChineseTraditional), "BIG5");
  const Document doc = decode_document(bytes, "text/xml; charset=big5", "");
  EXPECT_EQ(doc.utf8, rss("", kChineseTraditional));
  EXPECT_TRUE(doc.warnings.empty());
}

TEST(Decode, LetsTheContentTypeBeatTheXmlDeclaration) {
  const std::string bytes =
      encode(rss("<?xml version=\"1.0\" encoding=\"iso-8859-1\"?>", kChineseSimplified), "GBK");
  const Document doc = decode_document(bytes, "text/xml; charset=GBK", "");
  EXPECT_EQ(doc.utf8, rss("<?xml version=\"1.0\" encoding=\"UTF-8\"?>", kChineseSimplified));
  EXPECT_TRUE(doc.warnings.empty());
}

TEST(Decode, LetsTheBomBeatTheContentType) {
  const std::string text = rss("<?xml version=\"1.0\" encoding=\"gbk\"?>", kChineseSimplified);
  const Document doc = decode_document("\xEF\xBB\xBF" + text, "text/xml; charset=big5", "");
  EXPECT_EQ(doc.utf8, rss("<?xml version=\"1.0\" encoding=\"UTF-8\"?>", kChineseSimplified));
  EXPECT_TRUE(doc.warnings.empty());
}

TEST(Decode, ConvertsUtf16AndUtf32WithBom) {
  const std::string text = rss("<?xml version=\"1.0\" encoding=\"UTF-16\"?>", kChineseSimplified);
  const std::string expected =
      rss("<?xml version=\"1.0\" encoding=\"UTF-8\"?>", kChineseSimplified);
  const std::vector<std::pair<std::string, const char*>> variants = {
      {"\xFF\xFE", "UTF-16LE"},
      {"\xFE\xFF", "UTF-16BE"},
      {std::string("\xFF\xFE\0\0", 4), "UTF-32LE"},
      {std::string("\0\0\xFE\xFF", 4), "UTF-32BE"},
  };
  for (const auto& [bom, charset] : variants) {
    const Document doc = decode_document(bom + encode(text, charset), "text/xml", "");
    EXPECT_EQ(doc.utf8, expected) << charset;
    EXPECT_EQ(doc.kind, DocumentKind::xml) << charset;
    EXPECT_TRUE(doc.warnings.empty()) << charset;
  }
}

TEST(Decode, ConvertsUtf16WithoutBomWhenTheDeclarationShowsIt) {
  const std::string text = rss("<?xml version=\"1.0\" encoding=\"UTF-16\"?>", "新闻");
  const Document doc = decode_document(encode(text, "UTF-16LE"), "", "");
  EXPECT_EQ(doc.utf8, rss("<?xml version=\"1.0\" encoding=\"UTF-8\"?>", "新闻"));
}

TEST(Decode, ConvertsOtherLegacyCharsets) {
  struct Case {
    std::string text;
    const char* encode_as;
    std::string label;
  };
  const std::vector<Case> cases = {
      {"日本語のニュース", "SHIFT_JIS", "Shift_JIS"},
      {"日本語のニュース", "EUC-JP", "euc-jp"},
      {"한국어 뉴스", "EUC-KR", "euc-kr"},
      {"Новости", "KOI8-R", "koi8-r"},
      {"Новости", "WINDOWS-1251", "windows-1251"},
      {"café “quoted” – €5", "WINDOWS-1252", "iso-8859-1"},
      {"plain ascii", "ASCII", "us-ascii"},
      {"中文 GB18030 四字节 𠀀", "GB18030", "gb18030"},
  };
  for (const auto& c : cases) {
    const std::string bytes = encode(rss("", c.text), c.encode_as);
    const Document doc = decode_document(bytes, "text/xml; charset=" + c.label, "");
    EXPECT_EQ(doc.utf8, rss("", c.text)) << c.label;
    EXPECT_TRUE(doc.warnings.empty()) << c.label;
  }
}

TEST(Decode, ReadsTheCharsetOfAnHtmlPageFromItsMeta) {
  const std::string page = "<!DOCTYPE html><html><head><meta charset=\"gbk\"><title>" +
                           kChineseSimplified + "</title></head><body></body></html>";
  Document doc = decode_document(encode(page, "GBK"), "text/html", "https://example.com/a");
  EXPECT_EQ(doc.utf8, page);
  EXPECT_EQ(doc.kind, DocumentKind::html);

  const std::string legacy =
      "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=big5\">"
      "<title>" +
      kChineseTraditional + "</title></head></html>";
  doc = decode_document(encode(legacy, "BIG5"), "text/html", "");
  EXPECT_EQ(doc.utf8, legacy);
  EXPECT_EQ(doc.kind, DocumentKind::html);
}

TEST(Decode, ReplacesInvalidUtf8AndWarns) {
  // UTF-8 (the é) with two damaged sequences: those become U+FFFD, nothing is guessed.
  const Document doc =
      decode_document("<rss><title>\xC3\xA9 bad \xFF byte \xC3</title></rss>", "", "");
  EXPECT_EQ(doc.utf8, "<rss><title>\xC3\xA9 bad \xEF\xBF\xBD byte \xEF\xBF\xBD</title></rss>");
  ASSERT_EQ(doc.warnings.size(), 1u);
  EXPECT_EQ(doc.warnings[0], "2 invalid byte sequences in UTF-8 replaced with U+FFFD");
}

TEST(Decode, ReplacesInvalidGbkBytesAndWarns) {
  const std::string bytes = encode("<rss><title>新闻", "GBK") + "\xFF" +
                            encode("韩国</title></rss>", "GBK") + "\x81";  // truncated pair
  const Document doc = decode_document(bytes, "text/xml; charset=gbk", "");
  EXPECT_EQ(doc.utf8, "<rss><title>新闻\xEF\xBF\xBD韩国</title></rss>\xEF\xBF\xBD");
  ASSERT_EQ(doc.warnings.size(), 1u);
  EXPECT_EQ(doc.warnings[0], "2 invalid byte sequences in GB18030 replaced with U+FFFD");
}

TEST(Decode, WarnsInTheSingularForOneReplacement) {
  const Document doc = decode_document("<rss>\xC3\xA9\x80</rss>", "", "");
  ASSERT_EQ(doc.warnings.size(), 1u);
  EXPECT_EQ(doc.warnings[0], "1 invalid byte sequence in UTF-8 replaced with U+FFFD");
}

TEST(Decode, ReadsAnUnknownCharsetAsUtf8WithAWarning) {
  const Document doc =
      decode_document("<?xml version=\"1.0\" encoding=\"x-klingon\"?><rss>ok 新闻</rss>", "", "");
  EXPECT_EQ(doc.utf8, "<?xml version=\"1.0\" encoding=\"UTF-8\"?><rss>ok 新闻</rss>");
  ASSERT_EQ(doc.warnings.size(), 1u);
  EXPECT_EQ(doc.warnings[0], "unknown charset \"x-klingon\" ignored; read as UTF-8");
}

TEST(Decode, RewritesTheDeclarationWithSingleQuotesAndSpaces) {
  const Document doc = decode_document(
      "<?xml version='1.0' encoding = 'windows-1252' standalone='yes'?>\n<rss>caf\xE9</rss>", "",
      "");
  EXPECT_EQ(doc.utf8, "<?xml version='1.0' encoding = 'UTF-8' standalone='yes'?>\n<rss>café</rss>");
}

TEST(Decode, LeavesADeclarationWithoutEncodingAlone) {
  const Document doc = decode_document("<?xml version=\"1.0\"?><feed/>", "", "");
  EXPECT_EQ(doc.utf8, "<?xml version=\"1.0\"?><feed/>");
  EXPECT_EQ(doc.kind, DocumentKind::xml);
}

TEST(Decode, SniffsJsonAndKeepsTheBaseUrl) {
  const Document doc =
      decode_document("\xEF\xBB\xBF{\"version\":\"https://jsonfeed.org/version/1.1\"}",
                      "application/feed+json", "https://example.com/feed.json");
  EXPECT_EQ(doc.utf8, "{\"version\":\"https://jsonfeed.org/version/1.1\"}");
  EXPECT_EQ(doc.kind, DocumentKind::json);
  EXPECT_EQ(doc.base_url, "https://example.com/feed.json");
}

TEST(Decode, HandlesEmptyInput) {
  const Document doc = decode_document("", "", "");
  EXPECT_EQ(doc.utf8, "");
  EXPECT_EQ(doc.kind, DocumentKind::unknown);
  EXPECT_TRUE(doc.warnings.empty());
}

TEST(Decode, SurvivesRandomBytesInEveryCharset) {
  std::mt19937 rng(1234);
  const std::vector<std::string> types = {
      "",
      "text/xml; charset=gbk",
      "text/xml; charset=big5",
      "text/xml; charset=utf-16",
      "text/xml; charset=utf-32le",
      "text/xml; charset=shift_jis",
      "text/xml; charset=iso-2022-jp",
      "text/xml; charset=utf-7",
  };
  for (int round = 0; round < 400; ++round) {
    std::string bytes(rng() % 300, '\0');
    for (auto& b : bytes) b = static_cast<char>(rng());
    if (round % 4 == 0) bytes = "\xFF\xFE" + bytes;
    for (const auto& type : types) {
      const Document doc = decode_document(bytes, type, "");
      std::string copy = doc.utf8;
      EXPECT_EQ(repair_utf8(copy), 0u) << "output must be valid UTF-8 for " << type;
    }
  }
}

// ---- sniff_kind ------------------------------------------------------------------------

TEST(SniffKind, RecognisesFeedsPagesAndJson) {
  const std::vector<std::pair<std::string, DocumentKind>> cases = {
      {"<?xml version=\"1.0\"?><rss version=\"2.0\">", DocumentKind::xml},
      {"<rss version=\"2.0\">", DocumentKind::xml},
      {"<feed xmlns=\"http://www.w3.org/2005/Atom\">", DocumentKind::xml},
      {"<rdf:RDF xmlns:rdf=\"...\">", DocumentKind::xml},
      {"<?xml version=\"1.0\"?>", DocumentKind::xml},
      {"<?xml version=\"1.0\"?><?xml-stylesheet href=\"s.xsl\"?><rss>", DocumentKind::xml},
      {"<!DOCTYPE rss PUBLIC \"-//Netscape\" \"x.dtd\"><rss>", DocumentKind::xml},
      {"<?xml version=\"1.0\"?><html xmlns=\"http://www.w3.org/1999/xhtml\">", DocumentKind::html},
      {"<?xml version=\"1.0\"?>\n<!DOCTYPE html PUBLIC \"-//W3C//DTD XHTML 1.0//EN\">",
       DocumentKind::html},
      {"<!DOCTYPE html><html>", DocumentKind::html},
      {"<!doctype HTML>", DocumentKind::html},
      {"<HTML><HEAD>", DocumentKind::html},
      {"<head><title>x</title>", DocumentKind::html},
      {"<body>text", DocumentKind::html},
      {"<header>not html by name</header>", DocumentKind::xml},
      {"<htmlish/>", DocumentKind::xml},
      {"<!-- generated --><html>", DocumentKind::html},
      {"<!-- a --> <!-- b -->\n<rss>", DocumentKind::xml},
      {"<!-- unterminated", DocumentKind::unknown},
      {"\xEF\xBB\xBF  \n\t<rss>", DocumentKind::xml},
      {"  {\"version\": \"https://jsonfeed.org/version/1\"}", DocumentKind::json},
      {"{}", DocumentKind::json},
      {"", DocumentKind::unknown},
      {"   \n ", DocumentKind::unknown},
      {"hello world", DocumentKind::unknown},
      {"[1,2,3]", DocumentKind::unknown},
      {"<", DocumentKind::xml},
      {"<?xml unterminated", DocumentKind::xml},
  };
  for (const auto& [text, expected] : cases) {
    EXPECT_EQ(sniff_kind(text), expected) << "\"" << text << "\"";
  }
}

TEST(SniffKind, NamesEveryKind) {
  EXPECT_STREQ(to_string(DocumentKind::xml), "xml");
  EXPECT_STREQ(to_string(DocumentKind::json), "json");
  EXPECT_STREQ(to_string(DocumentKind::html), "html");
  EXPECT_STREQ(to_string(DocumentKind::unknown), "unknown");
}

// ---- repair_utf8 -----------------------------------------------------------------------

const std::string kFffd = "\xEF\xBF\xBD";  // U+FFFD

TEST(RepairUtf8, LeavesValidTextAlone) {
  for (const std::string& text : std::vector<std::string>{
           std::string(""), std::string("plain"), std::string("é中𝄞"), std::string("a\0b", 3),
           std::string("\xF4\x8F\xBF\xBF"),  // U+10FFFF, the last code point
           std::string("\xEF\xBF\xBF"),      // U+FFFF, a noncharacter but valid UTF-8
           std::string("\xEE\x80\x80"),      // U+E000, the first code point after surrogates
           std::string("\x7F\xC2\x80")}) {
    std::string copy = text;
    EXPECT_EQ(repair_utf8(copy), 0u);
    EXPECT_EQ(copy, text);
  }
}

TEST(RepairUtf8, FindsABadByteAfterLongRunsAtEveryOffset) {
  // ASCII is skipped eight bytes at a time, and valid multi-byte sequences one by one.
  for (std::size_t at = 0; at < 20; ++at) {
    for (const std::string& before : {std::string(at, 'a'), std::string(at, 'a') + "\xC3\xA9"}) {
      std::string text = before + "\xE9" + std::string(9, 'b') + "\xF0\x9F\x98";
      EXPECT_EQ(repair_utf8(text), 2u) << at;
      EXPECT_EQ(text, before + kFffd + std::string(9, 'b') + kFffd);
    }
  }
  std::string long_valid = std::string(33, 'a') + "\xE4\xB8\xAD" + std::string(8, 'c');
  const std::string copy = long_valid;
  EXPECT_EQ(repair_utf8(long_valid), 0u);
  EXPECT_EQ(long_valid, copy);
}

TEST(RepairUtf8, ReplacesEachMaximalSubpartOnce) {
  struct Case {
    std::string input;
    std::string expected;
    std::size_t count;
  };
  const std::vector<Case> cases = {
      {"\x80", kFffd, 1},  // lone continuation
      {"a\xBF\xBF"
       "b",
       "a" + kFffd + kFffd + "b", 2},                          // two stray continuations
      {"\xC0\xAF", kFffd + kFffd, 2},                          // overlong '/', C0 never leads
      {"\xC1\xBF", kFffd + kFffd, 2},                          // overlong, C1 never leads
      {"\xE0\x80\xAF", kFffd + kFffd + kFffd, 3},              // overlong three-byte
      {"\xF0\x80\x80\xAF", kFffd + kFffd + kFffd + kFffd, 4},  // overlong four-byte
      {"\xED\xA0\x80", kFffd + kFffd + kFffd, 3},              // surrogate U+D800
      {"\xED\xBF\xBF", kFffd + kFffd + kFffd, 3},              // surrogate U+DFFF
      {"\xF4\x90\x80\x80", kFffd + kFffd + kFffd + kFffd, 4},  // U+110000
      {"\xF5\x80", kFffd + kFffd, 2},                          // F5 never leads
      {"\xFF\xFE", kFffd + kFffd, 2},
      {"\xE4\xB8", kFffd, 1},  // truncated at the end
      {"\xE4\xB8"
       "x",
       kFffd + "x", 1},  // truncated before ASCII
      {"\xF0\x9F\x98"
       "x",
       kFffd + "x", 1},                               // three of four bytes
      {"\xF0\x9F\x98\xE4\xB8\xAD", kFffd + "中", 1},  // truncated, then a valid one
      {"\xC3", kFffd, 1},
      {"ok\xE2\x82", "ok" + kFffd, 1},
      {"\xE1\x80\xE2\xF0\x91\x92\xF1\xBF\x41", kFffd + kFffd + kFffd + kFffd + "A", 4},
  };
  for (const auto& c : cases) {
    std::string text = c.input;
    EXPECT_EQ(repair_utf8(text), c.count);
    EXPECT_EQ(text, c.expected);
  }
}

TEST(RepairUtf8, MakesAnyByteStringValid) {
  std::mt19937 rng(99);
  for (int round = 0; round < 2000; ++round) {
    std::string text(rng() % 64, '\0');
    for (auto& b : text) b = static_cast<char>(0x80 + rng() % 0x80);
    repair_utf8(text);
    std::string again = text;
    EXPECT_EQ(repair_utf8(again), 0u);
    EXPECT_EQ(again, text);
  }
}

}  // namespace
}  // namespace feedarchiver::decode
