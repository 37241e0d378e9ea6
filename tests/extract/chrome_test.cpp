// Chrome inside an article's container: what the scorer keeps and what it leaves out.
// Fixtures: tests/data/pages/chrome-*.html and articlebody-share-class.html (our own pages).

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "feedarchiver/decode/document.hpp"
#include "feedarchiver/extract/article.hpp"

namespace feedarchiver::extract {
namespace {

const std::filesystem::path kPages = std::filesystem::path(FEEDARCHIVER_TEST_DATA) / "pages";

Article extract_page(const std::string& name) {
  std::ifstream in(kPages / name, std::ios::binary);
  std::ostringstream html;
  html << in.rdbuf();
  const std::string url = "https://news.example.org/2024/" + name;
  return extract_article(decode::decode_document(html.str(), "text/html", url), url);
}

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

TEST(ExtractChrome, DropsRelatedAndReadMoreLinesAndTheLinksListedUnderThem) {
  const Article article = extract_page("chrome-related.html");
  for (const char* kept :
       {"The harbour ferry will run a late crossing", "Board members said the crossing",
        "Residents of the island", "The board will review the service after six months"}) {
    EXPECT_TRUE(contains(article.text, kept)) << kept;
  }
  for (const char* chrome :
       {"Related: Island bus timetable", "Related Post", "The old ferry's last voyage",
        "ADVERTISEMENT", "Read more", "Pier repairs finished", "You may also like",
        "Old lighthouse opens", "Regatta returns", "Seal pups counted"}) {
    EXPECT_FALSE(contains(article.text, chrome)) << chrome;
  }
}

TEST(ExtractChrome, KeepsListItemsThatOnlyBeginLikeAPromotion) {
  const Article article = extract_page("chrome-related.html");
  EXPECT_TRUE(contains(article.text, "Related to the timetable: the first morning boat"));
  EXPECT_TRUE(contains(article.text, "Tickets bought on board cost the same"));
}

TEST(ExtractChrome, DropsCallsToActionEvenAsWholeSentences) {
  const Article article = extract_page("chrome-related.html");
  EXPECT_FALSE(contains(article.text, "Join our readers' forum"));
  EXPECT_FALSE(contains(article.text, "morning newsletter"));
  EXPECT_FALSE(contains(article.text, "Follow the Courier on Instagram"));
  // Telling readers where to sign up for the ferry is news.
  EXPECT_TRUE(contains(article.text, "Sign up for a season pass at the pier office"));
}

TEST(ExtractChrome, DropsAListOfOtherStoriesUnderAMoreHeading) {
  const Article article = extract_page("chrome-related.html");
  for (const char* chrome :
       {"More great stories", "Fishermen want a longer season", "turns a hundred years old"}) {
    EXPECT_FALSE(contains(article.text, chrome)) << chrome;
  }
}

TEST(ExtractChrome, DropsAMostReadListAtTheEndOfTheText) {
  const Article article = extract_page("chrome-boxes.html");
  for (const char* chrome : {"Most read", "Milk prices rise", "Tractor show draws"}) {
    EXPECT_FALSE(contains(article.text, chrome)) << chrome;
  }
}

TEST(ExtractChrome, DropsTheCaptionOfAPlayerThatIsLeftOut) {
  const Article article = extract_page("chrome-related.html");
  EXPECT_FALSE(contains(article.text, "Watch: the harbour at night"));
  EXPECT_TRUE(contains(article.text, "The board will review the service after six months"));
}

TEST(ExtractChrome, DropsAPromotionHeadlineInCapitalsThatIsAllLink) {
  const Article article = extract_page("chrome-related.html");
  EXPECT_FALSE(contains(article.text, "GET THE BAYSIDE COURIER APP"));
  EXPECT_FALSE(contains(article.content_html, "/promo/app"));
}

TEST(ExtractChrome, DropsBylineDateLinesReadingTimeAndTheAuthorBox) {
  const Article article = extract_page("chrome-boxes.html");
  EXPECT_EQ(article.author, "Marta Lindqvist");
  for (const char* chrome : {"By Marta Lindqvist", "Posted: Mon", "Reading time",
                             "covers agriculture for the Valley Farm Report"}) {
    EXPECT_FALSE(contains(article.text, chrome)) << chrome;
  }
  EXPECT_TRUE(contains(article.text, "Apple growers along the valley"));
  EXPECT_TRUE(contains(article.text, "The co-operative plans a demonstration day in June"));
  // A sentence that begins like a date line is text.
  EXPECT_TRUE(contains(article.text, "Published in 1987, the college's first hail study"));
}

TEST(ExtractChrome, DropsNewsletterBoxesHoverCardsAndScreenReaderText) {
  const Article article = extract_page("chrome-boxes.html");
  for (const char* chrome : {"The week in farming", "Every Friday in your inbox", "Sign me up",
                             "more stories by this reporter", "End of article"}) {
    EXPECT_FALSE(contains(article.text, chrome)) << chrome;
  }
  EXPECT_TRUE(contains(article.text, "when bees must reach the flowers."));
}

TEST(ExtractChrome, KeepsTheCaptionOfAFigureButNotCaptionsAndCreditsOfOtherPictures) {
  const Article article = extract_page("chrome-boxes.html");
  EXPECT_TRUE(contains(article.text, "Netting over a block of young trees near the river."));
  EXPECT_FALSE(contains(article.text, "Storm clouds over a farm"));
  EXPECT_FALSE(contains(article.text, "Photo: Valley Farm Report archive"));
  EXPECT_FALSE(contains(article.text, "Photo: Jonas Berg"));  // a figure's credit
  // The pictures themselves stay, also inside a box named after its caption.
  EXPECT_TRUE(contains(article.content_html, "/img/storm.jpg"));
  EXPECT_TRUE(contains(article.content_html, "/img/rows.jpg"));
}

TEST(ExtractChrome, NeverStripsTheArticleBodyBecauseOfItsClassOrId) {
  // The text's container is named after the share buttons it holds; a gallery beside it
  // has as much text. The text is what itemprop="articleBody" marks.
  const Article article = extract_page("articlebody-share-class.html");
  EXPECT_EQ(article.text.rfind("The town library will stay open until midnight", 0), 0u)
      << article.text;
  EXPECT_TRUE(contains(article.text, "The council will look at the numbers after the summer"));
}

TEST(ExtractChrome, KeepsAnEmbeddedPostAndDropsTheShareButtons) {
  const Article article = extract_page("embedded-post.html");
  EXPECT_TRUE(contains(article.text, "had to pull over to laugh"));
  EXPECT_TRUE(contains(article.text, "Farm Road Fan (@farmroadfan)"));
  // A quoted post that is mostly links, in a box with no telling name.
  EXPECT_TRUE(contains(article.text, "Grain Watcher (@grainwatch)"));
  EXPECT_TRUE(contains(article.text, "Hotel owners reported several bookings"));
  EXPECT_FALSE(contains(article.text, "Share on Facebook"));
}

}  // namespace
}  // namespace feedarchiver::extract
