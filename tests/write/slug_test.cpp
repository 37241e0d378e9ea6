#include "feedarchiver/write/slug.hpp"

#include <gtest/gtest.h>

#include <string>

namespace feedarchiver::write {
namespace {

/// True when `text` is well-formed UTF-8 (a cut never splits a character).
bool is_valid_utf8(const std::string& text) {
  std::size_t i = 0;
  while (i < text.size()) {
    const auto lead = static_cast<unsigned char>(text[i]);
    const std::size_t length = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
    if (lead >= 0x80 && lead < 0xC2) return false;
    if (i + length > text.size()) return false;
    for (std::size_t k = 1; k < length; ++k) {
      if ((static_cast<unsigned char>(text[i + k]) & 0xC0) != 0x80) return false;
    }
    i += length;
  }
  return true;
}

const char* const kUrl = "https://example.org/a";

TEST(Slug, KeepsCjkAndTurnsCjkPunctuationAndSpacesIntoDashes) {
  EXPECT_EQ(make_slug("中、日、韩外长会晤 寻求三国首脑峰会", kUrl),
            "中-日-韩外长会晤-寻求三国首脑峰会");
  EXPECT_EQ(make_slug("（新闻）：“测试”，完。", kUrl), "新闻-测试-完");
  EXPECT_EQ(make_slug("时隔9年韩日重启副外长级战略对话", kUrl), "时隔9年韩日重启副外长级战略对话");
}

TEST(Slug, KeepsLettersOfOtherScripts) {
  EXPECT_EQ(make_slug("Ünïcödé café", kUrl), "Ünïcödé-café");
  EXPECT_EQ(make_slug("Привет, мир!", kUrl), "Привет-мир");
  EXPECT_EQ(make_slug("مرحبا بالعالم", kUrl), "مرحبا-بالعالم");
  EXPECT_EQ(make_slug("東京タワー", kUrl), "東京タワー");
}

TEST(Slug, ReplacesAsciiPunctuationAndCollapsesDashRuns) {
  EXPECT_EQ(make_slug("Hello, World!", kUrl), "Hello-World");
  EXPECT_EQ(make_slug("  a -- b  ", kUrl), "a-b");
  EXPECT_EQ(make_slug("C++ & Rust: 2024 (draft)", kUrl), "C-Rust-2024-draft");
  EXPECT_EQ(make_slug("snake_case and v1.2", kUrl), "snake_case-and-v1.2");
}

TEST(Slug, NeverContainsPathSeparatorsOrLeadingDots) {
  const std::string slug = make_slug("../../etc/passwd", kUrl);
  EXPECT_EQ(slug, "etc-passwd");
  EXPECT_EQ(make_slug("..\\..\\windows\\system32", kUrl), "windows-system32");
  EXPECT_EQ(make_slug(".hidden", kUrl), "hidden");
  EXPECT_EQ(make_slug("_draft", kUrl), "draft");
}

TEST(Slug, ReplacesWindowsReservedCharactersAndTrailingDots) {
  EXPECT_EQ(make_slug("a<b>c:d\"e/f\\g|h?i*j", kUrl), "a-b-c-d-e-f-g-h-i-j");
  EXPECT_EQ(make_slug("Wait for it...", kUrl), "Wait-for-it");
  EXPECT_EQ(make_slug("trailing. ", kUrl), "trailing");
}

TEST(Slug, TurnsControlsInvisibleCharactersAndInvalidUtf8IntoDashes) {
  EXPECT_EQ(make_slug("a\nb\tc\x01"
                      "d",
                      kUrl),
            "a-b-c-d");
  EXPECT_EQ(make_slug("a\u00a0b\u3000c\u200bd\ufeffe", kUrl), "a-b-c-d-e");
  EXPECT_EQ(make_slug("a\xff"
                      "b\xc0\xaf"
                      "c",
                      kUrl),
            "a-b-c");
  EXPECT_EQ(make_slug("a\u0085b", kUrl), "a-b");
}

TEST(Slug, TurnsEmojiIntoDashes) {
  EXPECT_EQ(make_slug("Party 🎉 time ❤️", kUrl), "Party-time");
}

TEST(Slug, FallsBackToAHashOfTheUrlWhenNothingIsLeft) {
  const std::string a = make_slug("🎉🎉🎉", "https://example.org/a");
  const std::string b = make_slug("🎉🎉🎉", "https://example.org/b");
  EXPECT_EQ(a.size(), 12u);
  EXPECT_EQ(a.find_first_not_of("0123456789abcdef"), std::string::npos) << a;
  EXPECT_NE(a, b);
  EXPECT_EQ(a, make_slug("!!!", "https://example.org/a"));  // stable
  EXPECT_EQ(make_slug("", "").size(), 12u);
  EXPECT_EQ(make_slug("...", "").size(), 12u);
}

TEST(Slug, CutsLongCjkTitlesOnACharacterBoundary) {
  std::string title;
  for (int i = 0; i < 100; ++i) title += "中";  // 300 bytes
  const std::string slug = make_slug(title, kUrl);
  EXPECT_EQ(slug.size(), 198u);
  EXPECT_TRUE(is_valid_utf8(slug));
  EXPECT_EQ(title.compare(0, slug.size(), slug), 0);

  // Mixed widths: every cut point lands on a boundary.
  std::string mixed;
  for (int i = 0; i < 80; ++i) mixed += "a中🎉é";
  for (std::size_t max = 12; max <= 220; ++max) {
    const std::string cut = make_slug(mixed, kUrl, max);
    EXPECT_LE(cut.size(), max);
    EXPECT_TRUE(is_valid_utf8(cut)) << max;
    EXPECT_NE(cut.back(), '-') << max;
  }
}

TEST(Slug, DoesNotLeaveATrailingDashAfterTheCut) {
  const std::string title = std::string(199, 'a') + " b";
  EXPECT_EQ(make_slug(title, kUrl), std::string(199, 'a'));
}

}  // namespace
}  // namespace feedarchiver::write
