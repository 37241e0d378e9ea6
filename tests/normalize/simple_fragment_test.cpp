// The sanitizer's fast path: which fragments it takes, and that for every fragment it takes
// the sanitized output is byte for byte what the gumbo path gives.

#include "feedarchiver/normalize/simple_fragment.hpp"

#include <gtest/gtest.h>

#include <array>
#include <random>
#include <string>
#include <string_view>

#include "feedarchiver/normalize/sanitize.hpp"

namespace feedarchiver::normalize {
namespace {

constexpr std::string_view kBase = "https://news.example.com/2024/05/story.html";

bool taken(std::string_view html) {
  return parse_simple_fragment(html) != nullptr;
}

// Both paths; the fast one must have been taken, and must agree with gumbo.
void expect_same_as_gumbo(std::string_view html) {
  SCOPED_TRACE(std::string(html));
  const SanitizeResult fast = sanitize_html(html, kBase);
  SanitizeOptions gumbo_only;
  gumbo_only.simple_fast_path = false;
  const SanitizeResult full = sanitize_html(html, kBase, gumbo_only);
  EXPECT_EQ(fast.html, full.html);
  EXPECT_EQ(fast.removed_elements, full.removed_elements);
  EXPECT_EQ(fast.removed_attributes, full.removed_attributes);
  ASSERT_EQ(fast.images.size(), full.images.size());
  for (std::size_t i = 0; i < fast.images.size(); ++i) {
    EXPECT_EQ(fast.images[i].url, full.images[i].url);
    EXPECT_EQ(fast.images[i].alt, full.images[i].alt);
    EXPECT_EQ(fast.images[i].caption, full.images[i].caption);
  }
}

TEST(SimpleFragment, TakesTypicalFeedBodies) {
  const std::array<std::string_view, 12> bodies = {
      "<pre>\nfirst line kept, the newline before it dropped\n  indented</pre>",
      "<pre><code class=\"language-cpp\">for (auto&amp; x : v) {\n}</code></pre>",
      "plain text only",
      "<p>One paragraph.</p>\n<p>Two, with <a href=\"/x?a=1&amp;b=2\">a link</a>.</p>",
      "<p>AT&T and R&D &amp; &lt;tags&gt; &nbsp; &#169; &#x4E2D;</p>",
      "<figure><img src=\"a.jpg\" alt=\"A\"><figcaption>Caption</figcaption></figure>",
      "<ul><li>one</li><li><b>two</b></li></ul><ol><li>x</li></ol>",
      "<h2>Title</h2><blockquote><p>quoted</p></blockquote><hr><br/>",
      "<!-- wp:paragraph --><p>WordPress</p><!-- /wp:paragraph -->",
      "<P CLASS=lead>Upper case tags</P><IMG SRC=x.png>",
      "<div><span style=\"color:red\">中文 日本語 한국어</span></div>",
      "<p>unclosed at the end <em>still fine"};
  for (std::string_view body : bodies) {
    EXPECT_TRUE(taken(body)) << body;
    expect_same_as_gumbo(body);
  }
}

TEST(SimpleFragment, LeavesEverythingElseToGumbo) {
  const std::array<std::string_view, 29> others = {
      "<p>a<div>block inside p</div></p>",  // implicit </p>
      "<p>one<p>two",                       // implicit </p>
      "<li>outside a list</li>",
      "<ul><li>a<li>b</ul>",  // implicit </li>
      "<a href=x>a<a href=y>b</a></a>",
      "<h1>a<h2>b</h2></h1>",
      "<b><i>misnested</b></i>",
      "</p>",
      "<div/>text",
      "<script>alert(1)</script>",
      "<table><tr><td>x</td></tr></table>",
      "<pre>&#10;code</pre>",  // a newline reference right after <pre>
      "&copy2023",             // legacy reference without ';'
      "&#128;",                // windows-1252 remap
      "&#0;",                  // NUL
      "&#x110000;",            // beyond Unicode
      "a\rb",                  // CR normalisation
      std::string_view("a\0b", 3),
      "\x01",             // control character
      "\xC3\x28",         // invalid UTF-8
      "<!-->",            // odd comment
      "<?php echo 1 ?>",  // bogus comment
      "<p a=1 a=2>dup</p>",
      "<img src=\"x\"alt=\"y\">",
      "<custom-element>x</custom-element>",
      "<svg><script>alert(1)</script></svg>",
      "<svg width=\"2\" height=\"2\"><circle r=\"1\"/></svg>",  // SVG and MathML: gumbo's
      "<p>x <math><mi>a</mi></math></p>",                       // foreign content rules
      "<mi>a</mi>"};
  for (std::string_view other : others) {
    EXPECT_FALSE(taken(other)) << other;
  }
}

TEST(SimpleFragment, LiteralAmpersandsAndAnglesStayText) {
  expect_same_as_gumbo("1 < 2 & 3 > 2, a&b, <3, x &; y, &unknownname; end <");
  EXPECT_TRUE(taken("1 < 2 & 3 > 2, a&b"));
}

TEST(SimpleFragment, AgreesWithGumboOnRandomFragments) {
  // Pieces of typical and atypical markup, glued at random: whatever the fast path takes
  // must sanitize exactly as gumbo's tree does.
  const std::array<std::string_view, 52> pieces = {
      "<p>",
      "</p>",
      "<div>",
      "</div>",
      "<span class=\"k\">",
      "</span>",
      "<a href=\"https://x.org/?a=1&amp;b=2\" onclick=\"evil()\">",
      "</a>",
      "<b>",
      "</b>",
      "<i>",
      "</i>",
      "<strong>",
      "</strong>",
      "<em>",
      "</em>",
      "<ul>",
      "</ul>",
      "<li>",
      "</li>",
      "<h2>",
      "</h2>",
      "<br>",
      "<br/>",
      "<hr>",
      "<img src=\"/i.png\" alt=\"i\">",
      "<img data-src=\"lazy.jpg\" src=\"data:x\">",
      "<figure>",
      "</figure>",
      "<figcaption>",
      "</figcaption>",
      "text ",
      "中文",
      "&amp;",
      "&nbsp;",
      "&#233;",
      "&eacute;",
      "&",
      "<",
      ">",
      "\n",
      "<!-- c -->",
      "<a href=\"javascript:alert(1)\">",
      "<p style=\"color:red\" id=x>",
      "<blockquote>",
      "</blockquote>",
      "<pre>",
      "</pre>",
      "<svg width=\"3\" height=\"3\"><rect width=\"1\"/>",
      "</svg>",
      "<math><mi>",
      "</math>"};
  std::mt19937 random(20241122);
  std::uniform_int_distribution<std::size_t> piece(0, pieces.size() - 1);
  std::uniform_int_distribution<int> length(1, 24);
  std::size_t compared = 0;
  for (int round = 0; round < 20000; ++round) {
    std::string html;
    for (int n = length(random); n > 0; --n) html += pieces[piece(random)];
    if (!taken(html)) continue;
    ++compared;
    expect_same_as_gumbo(html);
    if (::testing::Test::HasFailure()) break;
  }
  EXPECT_GT(compared, 1000u);  // the comparison must cover a good share of the rounds
}

// Random well-nested trees (with the odd stray piece): deep structure the glued pieces
// above rarely reach.
class TreeGenerator {
 public:
  explicit TreeGenerator(unsigned seed) : random_(seed) {}

  std::string fragment() {
    std::string html;
    flow(html, 0);
    return html;
  }

 private:
  std::size_t pick(std::size_t n) {
    return std::uniform_int_distribution<std::size_t>(0, n - 1)(random_);
  }

  void text(std::string& out) {
    static constexpr std::array<std::string_view, 12> kTexts = {
        "word ",     "中文字 ", "&amp; ", "&lt;b&gt; ",     "a&b ",     "&nbsp;",
        "&#x1F600;", "\n",      "  ",     "&quot;q&quot; ", "R&amp;D ", "\t"};
    out += kTexts[pick(kTexts.size())];
  }

  void inline_content(std::string& out, int depth) {
    static constexpr std::array<std::string_view, 8> kInline = {"b",    "i",    "em",  "strong",
                                                                "span", "code", "sub", "small"};
    for (std::size_t n = pick(4) + 1; n > 0; --n) {
      switch (depth > 6 ? 0 : pick(6)) {
        case 0:
        case 1:
          text(out);
          break;
        case 2: {
          const std::string_view tag = kInline[pick(kInline.size())];
          out += "<" + std::string(tag) + (pick(2) ? " class=\"c\" style=\"x:y\">" : ">");
          inline_content(out, depth + 1);
          out += "</" + std::string(tag) + ">";
          break;
        }
        case 3:
          out += pick(2) ? "<img src=\"/p.jpg\" alt=\"p\" data-src=\"big.jpg\">" : "<br>";
          break;
        case 4:
          out += "<a href=\"";
          out += pick(2) ? "rel/x?a=1&b=2" : "javascript:void(0)";
          out += "\" title=\"t\" onmouseover=\"x()\">";
          text(out);
          out += "</a>";
          break;
        default:
          out += pick(8) == 0 ? "<!-- note -->" : "";
          text(out);
          break;
      }
    }
  }

  void flow(std::string& out, int depth) {
    for (std::size_t n = pick(4) + 1; n > 0; --n) {
      switch (depth > 5 ? 0 : pick(7)) {
        case 0:
          out += "<p>";
          inline_content(out, depth + 1);
          out += "</p>";
          break;
        case 1:
          out += "<div id=\"d\">";
          flow(out, depth + 1);
          out += "</div>";
          break;
        case 2: {
          const bool ordered = pick(2) == 0;
          out += ordered ? "<ol>" : "<ul>";
          for (std::size_t items = pick(3) + 1; items > 0; --items) {
            out += "<li>";
            inline_content(out, depth + 1);
            out += "</li>";
          }
          out += ordered ? "</ol>" : "</ul>";
          break;
        }
        case 3:
          out += "<figure><img src=\"f.png\" alt=\"f\"><figcaption>";
          inline_content(out, depth + 1);
          out += "</figcaption></figure>";
          break;
        case 4:
          out += "<h3>";
          inline_content(out, depth + 1);
          out += "</h3>";
          break;
        case 5:
          out += "<blockquote>";
          flow(out, depth + 1);
          out += "</blockquote><hr>";
          break;
        default:
          inline_content(out, depth + 1);
          break;
      }
    }
  }

  std::mt19937 random_;
};

TEST(SimpleFragment, AgreesWithGumboOnRandomTrees) {
  TreeGenerator generator(7);
  std::size_t compared = 0;
  for (int round = 0; round < 1500; ++round) {
    const std::string html = generator.fragment();
    if (!taken(html)) continue;
    ++compared;
    expect_same_as_gumbo(html);
    if (::testing::Test::HasFailure()) break;
  }
  EXPECT_GT(compared, 1000u);
}

}  // namespace
}  // namespace feedarchiver::normalize
