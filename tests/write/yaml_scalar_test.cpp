// YAML scalars of the front matter, checked with a real YAML parser (yaml-cpp) and against
// the implicit types of YAML 1.1 (what Jekyll's Psych applies) and 1.2.

#include "feedarchiver/write/yaml_scalar.hpp"

#include <gtest/gtest.h>
#include <yaml-cpp/yaml.h>

#include <random>
#include <regex>
#include <string>
#include <vector>

#include "feedarchiver/write/post.hpp"

namespace feedarchiver::write {
namespace {

/// True when a plain scalar with this text would load as something other than a string
/// under YAML 1.1 (type repository regexes, Psych's case-insensitive booleans) or 1.2 core.
bool resolves_to_non_string(const std::string& text) {
  static const std::vector<std::regex> kImplicit = {
      std::regex(R"(~|null|Null|NULL|)"),
      std::regex(
          R"(y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF)"),
      std::regex(R"((yes|no|true|false|on|off|null))", std::regex::icase),  // Psych
      std::regex(R"([-+]?0b[0-1_]+)"),
      std::regex(R"([-+]?0[0-7_]+)"),
      std::regex(R"([-+]?(0|[1-9][0-9_]*))"),
      std::regex(R"([-+]?0x[0-9a-fA-F_]+)"),
      std::regex(R"(0o[0-7]+)"),
      std::regex(R"([-+]?[1-9][0-9_]*(:[0-5]?[0-9])+)"),
      std::regex(R"([-+]?([0-9][0-9_]*)?\.[0-9.]*([eE][-+][0-9]+)?)"),
      std::regex(R"([-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?)"),
      std::regex(R"([-+]?[0-9][0-9_]*(:[0-5]?[0-9])+\.[0-9_]*)"),
      std::regex(R"([-+]?\.(inf|Inf|INF)|\.(nan|NaN|NAN))"),
      std::regex(R"([0-9][0-9][0-9][0-9]-[0-9][0-9]?-[0-9][0-9]?.*)"),
      std::regex(R"(<<|=)"),
  };
  for (const auto& re : kImplicit) {
    if (std::regex_match(text, re)) return true;
  }
  return false;
}

/// The front matter of a rendered post: the text between its first two `---` lines.
YAML::Node front_matter(const std::string& text) {
  EXPECT_EQ(text.substr(0, 4), "---\n");
  const auto end = text.find("\n---\n", 3);
  EXPECT_NE(end, std::string::npos);
  return YAML::Load(text.substr(4, end - 3));
}

/// Checks that a plain scalar node stays a string for every YAML reader.
void expect_string_node(const YAML::Node& node, const std::string& where) {
  ASSERT_TRUE(node.IsScalar()) << where;
  if (node.Tag() == "?") {
    EXPECT_FALSE(resolves_to_non_string(node.Scalar())) << where << ": " << node.Scalar();
  }
}

struct Hostile {
  std::string input;
  std::string expected;  // the string read back (invalid UTF-8 repaired)
};

std::vector<Hostile> hostile_strings() {
  std::vector<Hostile> out;
  const std::vector<std::string> valid = {
      "plain title",
      "line one\nline two",
      "---",
      "---\nlayout: evil\n---",
      "key: value",
      "ends with colon:",
      "a # comment",
      "#hashtag",
      "*alias",
      "&anchor",
      "!tag",
      "%directive",
      "@reserved",
      "`backtick",
      "|literal",
      ">folded",
      "'single'",
      "\"double\"",
      "back\\slash \\n not a newline",
      "nbsp\u00a0inside",
      "\u00a0leading nbsp",
      "ideographic\u3000space",
      std::string("nul\0byte", 8),
      "\x01\x02\x03\x07\x08\x0b\x0c\x0e\x1b\x1f controls",
      "tab\there",
      "\ttab first",
      "carriage\rreturn",
      "del\x7f",
      "\u0080\u0085\u009f C1 controls",
      "line\u2028separator\u2029paragraph",
      "\ufeffbom first",
      "noncharacter \uffff \ufffe",
      "emoji 🎉👨‍👩‍👧 🇫🇷",
      "yes",
      "No",
      "TRUE",
      "off",
      "y",
      "null",
      "~",
      "123",
      "-1.5e3",
      "0x1F",
      "0o17",
      "1:30:00",
      ".inf",
      "-.inf",
      ".NaN",
      "2023-01-01",
      "2001-12-14t21:59:43.10-05:00",
      "[a]",
      "{a}",
      "{{ liquid }} {% tag %}",
      "a, b",
      "? x",
      "- x",
      "-",
      "",
      " ",
      "   ",
      "\t\t",
      "...",
      "<<",
      "=",
      "trailing space ",
      " leading space",
      "url http://x.org/a?b=c#d",
      "自由亚洲电台",
      "中、日、韩外长会晤：时隔四年 寻求三国首脑峰会",
      "Ünïcödé café",
      "right-to-left \u202e override",
      "zero\u200bwidth",
  };
  for (const auto& s : valid) out.push_back({s, s});
  out.push_back({std::string(1024, ' '), std::string(1024, ' ')});
  std::string cjk;
  while (cjk.size() < 1024) cjk += "汉字";
  out.push_back({cjk, cjk});
  out.push_back({"\xff\xfe bad", "\uFFFD\uFFFD bad"});
  out.push_back({"truncated \xe4\xb8", "truncated \uFFFD\uFFFD"});
  out.push_back({"overlong \xc0\xaf", "overlong \uFFFD\uFFFD"});
  out.push_back({"surrogate \xed\xa0\x80", "surrogate \uFFFD\uFFFD\uFFFD"});
  out.push_back({"\x80 lone continuation", "\uFFFD lone continuation"});
  return out;
}

TEST(YamlScalar, DoubleQuotesWithYamlEscapes) {
  EXPECT_EQ(yaml_double_quoted("a \"b\" \\c"), R"("a \"b\" \\c")");
  EXPECT_EQ(yaml_double_quoted("a\nb\tc\r"), R"("a\nb\tc\r")");
  EXPECT_EQ(yaml_double_quoted(std::string("\0\x01\x1f\x7f", 4)), R"("\0\x01\x1F\x7F")");
  EXPECT_EQ(yaml_double_quoted("\u0085\u2028\u2029\ufeff"), R"("\x85\u2028\u2029\uFEFF")");
  EXPECT_EQ(yaml_double_quoted("自由 🎉"), "\"自由 🎉\"");
  EXPECT_EQ(yaml_double_quoted(""), "\"\"");
}

TEST(YamlScalar, RepairsInvalidUtf8WithReplacementCharacters) {
  EXPECT_EQ(yaml_double_quoted("a\xff"), "\"a\uFFFD\"");
  EXPECT_EQ(yaml_plain_or_quoted("a\xff"), "\"a\uFFFD\"");
}

TEST(YamlScalar, KeepsOrdinaryNamesAndUrlsPlain) {
  EXPECT_EQ(yaml_plain_or_quoted("自由亚洲电台"), "自由亚洲电台");
  EXPECT_EQ(yaml_plain_or_quoted("Radio France Internationale"), "Radio France Internationale");
  EXPECT_EQ(yaml_plain_or_quoted("https://www.rfa.org/mandarin/Xinwen/1-11262023112535.html"),
            "https://www.rfa.org/mandarin/Xinwen/1-11262023112535.html");
  EXPECT_EQ(yaml_plain_or_quoted("C# weekly"), "C# weekly");
  EXPECT_EQ(yaml_plain_or_quoted("https://x.org/a#frag"), "https://x.org/a#frag");
}

TEST(YamlScalar, QuotesTitlesThatLookLikeBooleans) {
  for (const char* word :
       {"yes", "Yes", "YES", "yEs", "no", "true", "False", "on", "OFF", "y", "N", "null", "NULL"}) {
    EXPECT_EQ(yaml_plain_or_quoted(word), "\"" + std::string(word) + "\"") << word;
  }
}

TEST(YamlScalar, QuotesNumbersDatesAndSpecialFloats) {
  for (const char* text : {"123", "-1", "+1", "1_000", "0x1F", "1:30", "1e3", ".5", ".inf", "-.inf",
                           ".nan", "2023-01-01", "~", "<<", "="}) {
    EXPECT_EQ(yaml_plain_or_quoted(text).front(), '"') << text;
  }
}

TEST(YamlScalar, QuotesIndicatorsAndFlowCharacters) {
  for (const char* text : {"-x",  "- x", "?x", ":x", "a: b", "a:",       "a, b",
                           "[a]", "{a}", "a]", "#x", "a #b", "&a",       "*a",
                           "!a",  "|a",  ">a", "'a", "\"a",  "%a",       "@a",
                           "`a",  " a",  "a ", "",   "a\tb", "a\u00a0b", "https://x.org/?q=1"}) {
    EXPECT_EQ(yaml_plain_or_quoted(text).front(), '"') << text;
  }
}

TEST(YamlScalar, HostileStringsRoundTripThroughARealYamlParser) {
  const auto cases = hostile_strings();
  ASSERT_GE(cases.size(), 50u);
  const std::vector<std::string> keys = {"layout", "title", "date",     "author",
                                         "from",   "tags",  "comments", "categories"};
  for (const auto& [input, expected] : cases) {
    SCOPED_TRACE("input: " + yaml_double_quoted(input));
    Post post;
    post.title = input;
    post.author = input;
    post.tags = {input, "second"};
    post.categories = {input};
    post.url = "https://example.org/a";
    post.body_html = input;
    const std::string text = render_post(post);

    YAML::Node front;
    ASSERT_NO_THROW(front = front_matter(text)) << text;
    ASSERT_TRUE(front.IsMap());
    std::vector<std::string> seen;
    for (const auto& entry : front) seen.push_back(entry.first.as<std::string>());
    EXPECT_EQ(seen, keys);

    EXPECT_EQ(front["title"].as<std::string>(), expected);
    EXPECT_EQ(front["author"].as<std::string>(), expected);
    expect_string_node(front["author"], "author");
    ASSERT_TRUE(front["tags"].IsSequence());
    ASSERT_EQ(front["tags"].size(), 2u);
    EXPECT_EQ(front["tags"][0].as<std::string>(), expected);
    expect_string_node(front["tags"][0], "tags[0]");
    EXPECT_EQ(front["tags"][1].as<std::string>(), "second");
    ASSERT_TRUE(front["categories"].IsSequence());
    ASSERT_EQ(front["categories"].size(), 1u);
    EXPECT_EQ(front["categories"][0].as<std::string>(), expected);
    expect_string_node(front["categories"][0], "categories[0]");
    EXPECT_EQ(front["from"].as<std::string>(), "https://example.org/a");
    EXPECT_EQ(front["layout"].as<std::string>(), "post");
    EXPECT_TRUE(front["comments"].as<bool>());
  }
}

TEST(YamlScalar, PlainValuesAreSafeInBlockAndFlowContext) {
  for (const auto& [input, expected] : hostile_strings()) {
    const std::string scalar = yaml_plain_or_quoted(input);
    SCOPED_TRACE(scalar);
    const YAML::Node block = YAML::Load("key: " + scalar);
    EXPECT_EQ(block["key"].as<std::string>(), expected);
    expect_string_node(block["key"], "block");
    const YAML::Node flow = YAML::Load("[ " + scalar + ", x ]");
    ASSERT_EQ(flow.size(), 2u);
    EXPECT_EQ(flow[0].as<std::string>(), expected);
  }
}

TEST(YamlScalar, RandomStringsOfYamlSpecialCharactersRoundTrip) {
  const std::vector<std::string> pieces = {
      " ", ":",  "#",  "-", "?",  ",",      "[", "]",      "{",      "}",     "&",    "*",
      "!", "|",  ">",  "'", "\"", "%",      "@", "`",      "\\",     "\n",    "\t",   "\r",
      "~", ".",  "0",  "1", "e",  "y",      "n", "o",      "<",      "=",     "\x01", "\x7f",
      "é", "中", "、", "🎉", " ",  "\u0085", " ", "\ufeff", "\u2028", "---\n", "yes",  "null"};
  std::mt19937 random(12345);
  std::uniform_int_distribution<std::size_t> piece(0, pieces.size() - 1);
  std::uniform_int_distribution<int> length(0, 8);
  for (int round = 0; round < 3000; ++round) {
    std::string text;
    for (int i = length(random); i > 0; --i) text += pieces[piece(random)];
    SCOPED_TRACE(yaml_double_quoted(text));
    Post post;
    post.title = text;
    post.author = text;
    post.tags = {text, text};
    post.categories = {text};
    const YAML::Node front = front_matter(render_post(post));
    ASSERT_EQ(front.size(), 8u);
    EXPECT_EQ(front["title"].as<std::string>(), text);
    EXPECT_EQ(front["author"].as<std::string>(), text);
    expect_string_node(front["author"], "author");
    ASSERT_EQ(front["tags"].size(), 2u);
    EXPECT_EQ(front["tags"][1].as<std::string>(), text);
    expect_string_node(front["tags"][1], "tags[1]");
    EXPECT_EQ(front["categories"][0].as<std::string>(), text);
  }
}

TEST(YamlScalar, FromLineRoundTripsHostileUrls) {
  for (const std::string url :
       {"https://example.org/a b?q=(1)&r=<2>#frag", "https://example.org/a: b", "yes",
        "https://example.org/%E4%BA%9A?x=%zz", "https://例子.测试/路径", "", "#top",
        "https://example.org/\n---\nlayout: evil", "https://example.org/a, b [c] {d}"}) {
    Post post;
    post.title = "t";
    post.url = url;
    const YAML::Node front = front_matter(render_post(post));
    EXPECT_EQ(front.size(), 8u) << url;
    EXPECT_EQ(front["from"].as<std::string>(), encode_url_for_post(url)) << url;
    expect_string_node(front["from"], url);
  }
}

}  // namespace
}  // namespace feedarchiver::write
