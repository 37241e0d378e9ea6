// <img src> of sanitized bodies: listed and pointed at local copies.

#include "feedarchiver/normalize/image_sources.hpp"

#include <gtest/gtest.h>

#include "feedarchiver/normalize/sanitize.hpp"

namespace feedarchiver::normalize {
namespace {

using Sources = std::vector<std::string>;

TEST(ImageSources, ListsEverySrcDecoded) {
  const std::string html = sanitize_html(
                               "<p>a &lt;img src=\"x\"&gt; b</p><img src=\"/a.png?x=1&amp;y=2\">"
                               "<figure><img data-src=\"https://cdn.example/b.jpg\" alt=\"B\">"
                               "</figure><img alt=\"no src\"><imgx src=\"/c.png\">",
                               "https://site.example/post/")
                               .html;
  EXPECT_EQ(image_sources(html),
            (Sources{"https://site.example/a.png?x=1&y=2", "https://cdn.example/b.jpg"}));
}

TEST(ImageSources, ReplacesSrcAndDropsSrcsetOfLocalImagesOnly) {
  const std::string html =
      sanitize_html(
          "<p>x</p><img src=\"https://a.example/1.png\" srcset=\"https://a.example/1.png 1x, "
          "https://a.example/1@2.png 2x\" sizes=\"100vw\" alt=\"one &amp; &quot;two&quot;\">"
          "<img src=\"https://a.example/2.png\" srcset=\"https://a.example/2@2.png 2x\">",
          "https://a.example/")
          .html;
  ASSERT_NE(html.find("srcset"), std::string::npos);
  const std::string rewritten =
      replace_image_sources(html, {{"https://a.example/1.png", "/assets/0123456789abcdef.png"}});
  EXPECT_EQ(image_sources(rewritten),
            (Sources{"/assets/0123456789abcdef.png", "https://a.example/2.png"}));
  const std::string first = rewritten.substr(0, rewritten.find("<img", rewritten.find("<img") + 1));
  EXPECT_EQ(first.find("srcset"), std::string::npos) << rewritten;
  EXPECT_EQ(first.find("sizes"), std::string::npos) << rewritten;
  EXPECT_NE(first.find("alt=\"one &amp; &quot;two&quot;\""), std::string::npos) << rewritten;
  EXPECT_NE(first.find("referrerpolicy=\"no-referrer\""), std::string::npos) << rewritten;
  // The other image keeps its srcset; the text around is untouched.
  EXPECT_NE(rewritten.find("2@2.png 2x"), std::string::npos) << rewritten;
  EXPECT_EQ(rewritten.substr(0, 8), "<p>x</p>");
}

TEST(ImageSources, NoReplacementLeavesTheTextAsItWas) {
  const std::string html = "<p>a</p><img src=\"https://a.example/1.png\" alt=\"\"><p>b</p>";
  EXPECT_EQ(replace_image_sources(html, {}), html);
  EXPECT_EQ(replace_image_sources("<p>truncated <img src=\"https://a", {{"x", "y"}}),
            "<p>truncated <img src=\"https://a");
}

}  // namespace
}  // namespace feedarchiver::normalize
