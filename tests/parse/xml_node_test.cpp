// Namespace-aware element lookup: ChildIndex must answer exactly as child_element does.

#include "feedarchiver/parse/xml_node.hpp"

#include <gtest/gtest.h>

#include <array>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <utility>

namespace feedarchiver::parse {
namespace {

pugi::xml_document load(const char* xml) {
  pugi::xml_document document;
  EXPECT_TRUE(document.load_string(xml));
  return document;
}

TEST(InnerHtml, KeepsTheXlinkSpellingOfXlinkAttributesAndDropsOtherPrefixes) {
  const pugi::xml_document document = load(
      "<div xmlns:l='http://www.w3.org/1999/xlink' xmlns:o='urn:other'>"
      "<math xmlns='http://www.w3.org/1998/Math/MathML'><mrow l:href='https://a.example/' "
      "l:show='replace' o:x='1'><mi>a</mi></mrow></math></div>");
  EXPECT_EQ(inner_html(document.child("div")),
            "<math><mrow xlink:href=\"https://a.example/\" xlink:show=\"replace\" x=\"1\">"
            "<mi>a</mi></mrow></math>");
}

TEST(NamespaceOf, FoldsHttpsAndATrailingSlashOnly) {
  const pugi::xml_document document = load(
      "<r><a xmlns='https://www.w3.org/2005/Atom/'/><b xmlns='https://purl.org/dc/terms'/>"
      "<c xmlns='http://www.w3.org/2005/Atom//'/><d xmlns='https:/www.w3.org/2005/Atom'/>"
      "<e xmlns='/'/><f xmlns='https://'/><g xmlns='HTTP://www.w3.org/2005/Atom'/></r>");
  const pugi::xml_node root = document.child("r");
  EXPECT_EQ(namespace_of(root.child("a")), Ns::atom1);
  EXPECT_EQ(namespace_of(root.child("b")), Ns::dcterms);
  EXPECT_EQ(namespace_of(root.child("c")), Ns::other);  // one slash only
  EXPECT_EQ(namespace_of(root.child("d")), Ns::other);
  EXPECT_EQ(namespace_of(root.child("e")), Ns::none);  // "/" folds to the empty namespace
  EXPECT_EQ(namespace_of(root.child("f")), Ns::other);
  EXPECT_EQ(namespace_of(root.child("g")), Ns::other);  // the scheme's case is not folded
}

TEST(ChildIndex, ResolvesPrefixesAndDefaultNamespacesPerChild) {
  const pugi::xml_document document = load(
      "<rss xmlns:dc='http://purl.org/dc/elements/1.1/' xmlns:m='http://search.yahoo.com/mrss/'>"
      "<item><title>t</title><dc:creator>c</dc:creator><m:title>mt</m:title>"
      "<body xmlns='http://www.w3.org/1999/xhtml'><p>x</p></body>"
      "<dc:date xmlns:dc='http://example.org/not-dc'>d</dc:date>"
      "<atom:link href='x'/><other:thing/></item></rss>");
  const pugi::xml_node item = document.child("rss").child("item");
  const ChildIndex children(item);
  ASSERT_EQ(children.entries().size(), 7u);
  EXPECT_EQ(children.entries()[0].ns, Ns::none);
  EXPECT_EQ(children.entries()[1].ns, Ns::dc);
  EXPECT_EQ(children.entries()[1].local, "creator");
  EXPECT_EQ(children.entries()[2].ns, Ns::media);
  EXPECT_EQ(children.entries()[3].ns, Ns::xhtml);  // its own default namespace
  EXPECT_EQ(children.entries()[4].ns, Ns::other);  // its own binding of dc:
  EXPECT_EQ(children.entries()[5].ns, Ns::atom1);  // undeclared but well known
  EXPECT_EQ(children.entries()[6].ns, Ns::other);

  EXPECT_EQ(std::string_view(children.first(Ns::rss, "title").text().get()), "t");
  EXPECT_FALSE(children.first(Ns::dc, "date"));
  EXPECT_EQ(std::string_view(children.first(Ns::media, "title").text().get()), "mt");
  EXPECT_FALSE(children.first(Ns::rss, "nothing"));
}

TEST(ChildIndex, SharesResolvedPrefixesOnlyBetweenSiblingsInTheSameScope) {
  const pugi::xml_document document = load(
      "<root><channel xmlns:dc='http://purl.org/dc/elements/1.1/'>"
      "<item><dc:creator>a</dc:creator><media:title>m</media:title></item>"
      "<item xmlns:dc='http://example.org/not-dc'><dc:creator>b</dc:creator></item>"
      "<item xmlns='http://www.w3.org/2005/Atom'><title>t</title></item>"
      "<item><dc:creator>c</dc:creator></item></channel>"
      "<channel xmlns:dc='http://example.org/also-not-dc' "
      "xmlns:media='http://purl.org/dc/elements/1.1/'>"
      "<item><dc:creator>d</dc:creator><media:title>e</media:title></item></channel></root>");
  PrefixCache prefixes;
  std::vector<std::pair<Ns, std::string_view>> seen;
  for (pugi::xml_node channel : document.child("root").children("channel")) {
    for (pugi::xml_node item : channel.children("item")) {
      const ChildIndex children(item, prefixes);
      for (const ChildIndex::Entry& entry : children.entries()) {
        seen.emplace_back(entry.ns, entry.local);
        EXPECT_EQ(entry.ns, namespace_of(entry.node)) << entry.node.text().get();
      }
    }
  }
  const std::vector<std::pair<Ns, std::string_view>> expected = {
      {Ns::dc, "creator"},    {Ns::media, "title"},  // the first channel's bindings
      {Ns::other, "creator"},                        // the item's own dc:
      {Ns::atom1, "title"},                          // the item's own default namespace
      {Ns::dc, "creator"},                           // back to the channel's
      {Ns::other, "creator"}, {Ns::dc, "title"}};    // another channel: its own bindings
  EXPECT_EQ(seen, expected);
}

// Every query the readers make, against every element of our fixture feeds.
TEST(ChildIndex, AgreesWithChildElementOnEveryFixture) {
  const std::array<std::pair<Ns, const char*>, 14> queries = {{{Ns::rss, "title"},
                                                               {Ns::rss, "link"},
                                                               {Ns::rss, "guid"},
                                                               {Ns::rss, "description"},
                                                               {Ns::rss, "pubDate"},
                                                               {Ns::dc, "date"},
                                                               {Ns::dc, "creator"},
                                                               {Ns::content, "encoded"},
                                                               {Ns::atom1, "title"},
                                                               {Ns::atom1, "link"},
                                                               {Ns::atom1, "updated"},
                                                               {Ns::media, "group"},
                                                               {Ns::media, "title"},
                                                               {Ns::xhtml, "body"}}};
  std::size_t parents = 0;
  PrefixCache shared;  // one cache for every element walked: its scope changes all the time
  const std::filesystem::path dir =
      std::filesystem::path(FEEDARCHIVER_SOURCE_DIR) / "tests" / "data" / "feeds";
  for (const auto& file : std::filesystem::directory_iterator(dir)) {
    if (file.path().extension() != ".xml") continue;
    std::ifstream in(file.path(), std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    pugi::xml_document document;
    if (!document.load_string(text.str().c_str())) continue;
    for (pugi::xpath_node found : document.select_nodes("//*")) {
      const pugi::xml_node parent = found.node();
      const ChildIndex children(parent);
      const ChildIndex cached(parent, shared);
      ++parents;
      for (const auto& [ns, local] : queries) {
        EXPECT_EQ(children.first(ns, local), child_element(parent, ns, local))
            << file.path() << " " << parent.name() << " " << local;
        EXPECT_EQ(cached.first(ns, local), child_element(parent, ns, local))
            << file.path() << " " << parent.name() << " " << local << " (cached)";
      }
    }
  }
  EXPECT_GT(parents, 100u);
}

}  // namespace
}  // namespace feedarchiver::parse
