#include "feedarchiver/extract/content_scorer.hpp"

#include <algorithm>
#include <array>
#include <initializer_list>
#include <set>
#include <string>
#include <utility>

#include "feedarchiver/ascii.hpp"
#include "feedarchiver/extract/text_measure.hpp"

namespace feedarchiver::extract {

namespace {

// Below this many weighted characters the selection is not a credible article: retry with
// fewer removals.
constexpr std::size_t kMinArticleChars = 500;
// A paragraph shorter than this does not vote.
constexpr std::size_t kMinParagraphChars = 25;
// How many ancestors a paragraph's score reaches.
constexpr int kScoredAncestors = 5;

enum Flag : unsigned { kStripUnlikely = 1, kWeightClasses = 2, kCleanConditionally = 4 };

bool contains_any(std::string_view text, std::initializer_list<std::string_view> needles) {
  for (std::string_view needle : needles) {
    if (text.find(needle) != std::string_view::npos) return true;
  }
  return false;
}

bool is_one_of(std::string_view text, std::initializer_list<std::string_view> names) {
  return std::find(names.begin(), names.end(), text) != names.end();
}

// Class and id hints (lower-case substrings).
bool is_unlikely_hint(std::string_view hint) {
  return contains_any(
      hint,
      {"-ad-",       "ai2html", "banner",     "breadcrumb",   "combx",     "comment",  "community",
       "cover-wrap", "disqus",  "extra",      "footer",       "gdpr",      "header",   "legends",
       "menu",       "related", "remark",     "replies",      "rss",       "shoutbox", "sidebar",
       "skyscraper", "social",  "sponsor",    "supplemental", "ad-break",  "agegate",  "pagination",
       "pager",      "popup",   "yom-remote", "newsletter",   "subscribe", "cookie",   "share"});
}
// A post embedded from a social network (a quoted tweet): text the article quotes, not
// share buttons, although its class names the network.
bool is_embedded_post(std::string_view hint) {
  return hint.find("embed") != std::string_view::npos &&
         contains_any(hint, {"social", "twitter", "tweet", "instagram", "facebook"});
}
bool is_maybe_hint(std::string_view hint) {
  return contains_any(hint, {"and", "article", "body", "column", "content", "main", "shadow"});
}
bool is_negative_hint(std::string_view hint) {
  return contains_any(
      hint, {"-ad-",    "hidden",   "banner", "combx",    "comment",  "com-",       "contact",
             "foot",    "footnote", "gdpr",   "masthead", "media",    "meta",       "outbrain",
             "promo",   "related",  "scroll", "share",    "shoutbox", "sidebar",    "skyscraper",
             "sponsor", "shopping", "tags",   "tool",     "widget",   "newsletter", "subscribe"});
}
bool is_positive_hint(std::string_view hint) {
  return contains_any(hint, {"article", "body", "content", "entry", "hentry", "h-entry", "main",
                             "page", "pagination", "post", "text", "blog", "story"});
}

// The words of a class/id hint: runs of letters and digits.
bool has_word(std::string_view hint, std::initializer_list<std::string_view> words) {
  std::size_t i = 0;
  while (i < hint.size()) {
    while (i < hint.size() &&
           !((hint[i] >= 'a' && hint[i] <= 'z') || (hint[i] >= '0' && hint[i] <= '9')))
      ++i;
    std::size_t j = i;
    while (j < hint.size() &&
           ((hint[j] >= 'a' && hint[j] <= 'z') || (hint[j] >= '0' && hint[j] <= '9')))
      ++j;
    if (j > i && is_one_of(hint.substr(i, j - i), words)) return true;
    i = j;
  }
  return false;
}

// Hints of the chrome that sits inside an article's container: bylines and date lines,
// related/read-more boxes, newsletter and promo boxes, hover cards, text for screen readers
// only, picture captions and credits.
bool is_chrome_hint(std::string_view hint) {
  return contains_any(hint, {"byline",        "dateline",   "timestamp",       "submitted",
                             "postinfo",      "post-info",  "entry-meta",      "post-meta",
                             "article-meta",  "read-time",  "reading-time",    "readtime",
                             "related",       "recommend",  "readmore",        "read-more",
                             "more-stories",  "see-also",   "newsletter",      "signup",
                             "sign-up",       "subscribe",  "outbrain",        "taboola",
                             "rollover",      "hovercard",  "skip-link",       "robots-nocontent",
                             "copyright",     "sr-only",    "visually-hidden", "visuallyhidden",
                             "screen-reader", "off-screen", "offscreen"}) ||
         has_word(hint, {"author", "authors", "meta", "promo", "cta", "published", "date", "dates",
                         "tags", "comments", "share", "social"});
}

bool starts_with_any(std::string_view text, std::initializer_list<std::string_view> prefixes) {
  for (std::string_view prefix : prefixes) {
    if (text.substr(0, prefix.size()) == prefix) return true;
  }
  return false;
}

// Lines that lead away from the article (lower-cased text): "Related: ...", "Read more",
// "Don't miss", "You may also like...". They go when they read as a lead-in (no full stop)
// or are mostly link.
bool is_promotion_text(std::string_view text) {
  return starts_with_any(text, {"related:",
                                "related post",
                                "related stories",
                                "related story",
                                "related articles",
                                "related article",
                                "related coverage",
                                "related content",
                                "related news",
                                "related links",
                                "related reading",
                                "related video",
                                "read more",
                                "see more:",
                                "see also:",
                                "also:",
                                "more:",
                                "also read",
                                "also on ",
                                "don't miss",
                                "don\u2019t miss",
                                "you may also like",
                                "you might also like",
                                "recommended for you",
                                "more from ",
                                "most popular",
                                "click here",
                                "subscribe now",
                                "get the latest",
                                "tell us what you think",
                                "comments",
                                "leave a comment",
                                "leave a reply",
                                "share this"});
}

// Ends like a sentence: a full stop that is not part of an ellipsis.
bool ends_sentence(std::string_view text) {
  return text.size() >= 2 && text.back() == '.' && text[text.size() - 2] != '.';
}

// An advertisement's label, or a line where one was.
bool is_ad_label(std::string_view text) {
  return is_one_of(text, {"advertisement", "advertisements", "ad", "ads", "sponsored",
                          "sponsored content", "story continues below advertisement",
                          "article continues below advertisement", "continue reading below",
                          "article continues below", "continue reading the main story"});
}

// Calls to action, which are never the article even as whole sentences: "Sign up for our
// newsletter", "Join our forums", "Follow us on ...".
bool is_call_to_action(std::string_view text) {
  if (text.rfind("follow ", 0) == 0 &&
      contains_any(text, {"twitter", "facebook", "instagram", "youtube", "tiktok"})) {
    return true;  // "Follow Newsbeat on Instagram, Facebook, Twitter and YouTube."
  }
  if (starts_with_any(text, {"subscribe to", "join our ", "follow us ",
                             "follow us:", "click here to", "like this story"})) {
    return true;
  }
  const bool newsletter = text.find("newsletter") != std::string_view::npos;
  return (newsletter && (text.find("sign up") != std::string_view::npos ||
                         text.find("subscribe") != std::string_view::npos)) ||
         text.find("follow us on") != std::string_view::npos ||
         text.find("follow her on twitter") != std::string_view::npos ||
         text.find("follow him on twitter") != std::string_view::npos;
}

// A heading over other stories: "More great stories", "Read next", "Trending".
bool is_more_heading(std::string_view text) {
  return starts_with_any(
      text, {"more ", "read next", "up next", "trending", "popular", "recommended",
             "further reading", "latest ", "most read", "most viewed", "most shared", "top stories",
             "editor's picks", "editors' picks", "what to read next", "in other news"});
}

// A line that only says when the page was posted or updated.
bool is_date_line(std::string_view text) {
  for (std::string_view word :
       {"first published", "last updated", "last modified", "posted", "published", "updated"}) {
    if (text.substr(0, word.size()) != word) continue;
    // "Posted: ...", "Published on ...", "Updated 9:15": not "Published in 1998, the book".
    std::string_view rest = text.substr(word.size());
    const bool dated =
        starts_with_any(rest, {":", " on ", " at ", " by ", " -", " |", " \u2013"}) ||
        (rest.size() > 1 && rest[0] == ' ' && rest[1] >= '0' && rest[1] <= '9');
    return dated && text.find_first_of("0123456789") != std::string_view::npos;
  }
  return false;
}

// Headlines in capitals: no lower-case letter, at least ten capitals.
bool is_shouted(std::string_view text) {
  std::size_t capitals = 0;
  for (char c : text) {
    if (c >= 'a' && c <= 'z') return false;
    capitals += c >= 'A' && c <= 'Z';
  }
  return capitals >= 10;
}

bool is_heading(std::string_view tag) {
  return tag.size() == 2 && tag[0] == 'h' && tag[1] >= '1' && tag[1] <= '6';
}

// Elements whose presence makes a <div> a container rather than a paragraph.
bool is_block_for_div(std::string_view tag) {
  return is_one_of(tag, {"blockquote", "dl", "div", "img", "ol", "p", "pre", "table", "ul",
                         "section", "article", "figure", "h1", "h2", "h3", "h4", "h5", "h6"});
}
bool is_media(std::string_view tag) {
  return is_one_of(tag, {"img", "picture", "video", "audio", "iframe", "embed", "object"});
}
// Never part of an article, whatever the flags.
bool is_always_removed(std::string_view tag) {
  return is_one_of(tag, {"script", "style",  "noscript", "template", "svg",    "math",   "link",
                         "meta",   "head",   "title",    "button",   "input",  "select", "textarea",
                         "iframe", "object", "embed",    "canvas",   "dialog", "nav"});
}

class Scorer {
 public:
  Scorer(const Dom& dom, std::string_view title, const std::vector<std::uint8_t>& left_out = {})
      : dom_(dom), title_(title) {
    const auto n = static_cast<std::size_t>(dom.size());
    class_.resize(n);
    id_.resize(n);
    text_.resize(n);
    base_removed_.assign(n, 0);
    for (NodeId i = 0; i < dom.size(); ++i) {
      const DomNode& node = dom.node(i);
      if (node.kind == DomNode::Kind::text) {
        text_[index(i)] = measure_text(node.text);
      } else if (node.kind == DomNode::Kind::element) {
        if (auto value = dom.attribute(i, "class")) class_[index(i)] = to_ascii_lower(*value);
        if (auto value = dom.attribute(i, "id")) id_[index(i)] = to_ascii_lower(*value);
        if (is_always_removed(node.tag) || is_hidden(i)) base_removed_[index(i)] = 1;
      }
      if (index(i) < left_out.size() && left_out[index(i)]) base_removed_[index(i)] = 1;
    }
    compute_stats(base_removed_, initial_);
    for (NodeId i = 0; i < dom.size() && first_quoted_post_ == kNoNode; ++i) {
      if (is_quoted_post(i)) first_quoted_post_ = i;
    }
  }

  ContentSelection run() {
    ContentSelection best;
    for (unsigned flags :
         {kStripUnlikely | kWeightClasses | kCleanConditionally,
          kWeightClasses | kCleanConditionally, unsigned{kCleanConditionally}, 0u}) {
      ContentSelection attempt = attempt_with(flags);
      const bool enough = attempt.chars >= kMinArticleChars;
      if (enough || attempt.chars > best.chars || best.roots.empty()) best = std::move(attempt);
      if (enough) break;
    }
    return best;
  }

  // The article is `roots` (chosen by site rules): the passes of run() without stripping
  // unlikely candidates (the rules know better), cleaning inside the roots only. The full
  // cleaning unless it keeps less than a third of what the light one (chrome by tag and
  // share boxes only) keeps.
  ContentSelection run_with_roots(const std::vector<NodeId>& roots) {
    ContentSelection full = attempt_with(kWeightClasses | kCleanConditionally, &roots);
    ContentSelection light = attempt_with(0, &roots);
    return full.chars * 3 >= light.chars ? std::move(full) : std::move(light);
  }

 private:
  struct Stats {
    std::vector<std::uint32_t> chars, links, commas;
    std::vector<std::uint8_t> has_block, has_media;
  };

  static std::size_t index(NodeId id) { return static_cast<std::size_t>(id); }

  bool is_hidden(NodeId id) const {
    if (dom_.attribute(id, "hidden")) return true;
    if (auto aria = dom_.attribute(id, "aria-hidden"); aria && *aria == "true") {
      return class_[index(id)].find("fallback-image") == std::string::npos;
    }
    if (auto style = dom_.attribute(id, "style")) {
      std::string compact;
      for (char c : to_ascii_lower(*style)) {
        if (c != ' ' && c != '\t' && c != '\n') compact += c;
      }
      return compact.find("display:none") != std::string::npos ||
             compact.find("visibility:hidden") != std::string::npos;
    }
    return false;
  }

  // Text totals per subtree, leaving out removed subtrees. Children follow their parent in
  // the flat order, so one backwards pass adds every node into its parent.
  void compute_stats(const std::vector<std::uint8_t>& removed, Stats& stats) const {
    const auto n = static_cast<std::size_t>(dom_.size());
    stats.chars.assign(n, 0);
    stats.links.assign(n, 0);
    stats.commas.assign(n, 0);
    stats.has_block.assign(n, 0);
    stats.has_media.assign(n, 0);
    for (NodeId id = dom_.size() - 1; id >= 0; --id) {
      const std::size_t i = index(id);
      const DomNode& node = dom_.node(id);
      if (node.kind == DomNode::Kind::text) {
        stats.chars[i] = static_cast<std::uint32_t>(text_[i].chars);
        stats.commas[i] = static_cast<std::uint32_t>(text_[i].commas);
      } else if (node.kind == DomNode::Kind::element && node.tag == "a") {
        stats.links[i] = stats.chars[i];
      }
      if (removed[i] || node.parent == kNoNode) continue;
      const std::size_t p = index(node.parent);
      stats.chars[p] += stats.chars[i];
      stats.links[p] += stats.links[i];
      stats.commas[p] += stats.commas[i];
      const bool element = node.kind == DomNode::Kind::element;
      stats.has_block[p] |= stats.has_block[i] | (element && is_block_for_div(node.tag));
      stats.has_media[p] |= stats.has_media[i] | (element && is_media(node.tag));
    }
  }

  int class_weight(NodeId id) const {
    int weight = 0;
    for (const std::string* hint : {&class_[index(id)], &id_[index(id)]}) {
      if (hint->empty()) continue;
      if (is_negative_hint(*hint)) weight -= 25;
      if (is_positive_hint(*hint)) weight += 25;
    }
    return weight;
  }

  static double tag_weight(std::string_view tag) {
    if (tag == "div") return 5;
    if (is_one_of(tag, {"pre", "td", "blockquote"})) return 3;
    if (is_one_of(tag, {"address", "ol", "ul", "dl", "dd", "dt", "li", "form"})) return -3;
    if (is_heading(tag) || tag == "th") return -5;
    return 0;
  }

  bool has_ancestor(NodeId id, std::initializer_list<std::string_view> tags) const {
    for (NodeId a = dom_.node(id).parent; a != kNoNode; a = dom_.node(a).parent) {
      if (is_one_of(dom_.node(a).tag, tags)) return true;
    }
    return false;
  }

  // Marked up as the article's text (schema.org): never an unlikely candidate, whatever its
  // class says (share-button containers name themselves after the text they wrap).
  bool is_article_body(NodeId id) const {
    const auto prop = dom_.attribute(id, "itemprop");
    return prop && prop->find("articleBody") != std::string_view::npos;
  }

  bool is_quoted_post(NodeId id) const {
    return dom_.node(id).tag == "blockquote" &&
           contains_any(class_[index(id)], {"tweet", "instagram", "tiktok"});
  }

  bool contains_tag(NodeId id, std::initializer_list<std::string_view> tags) const {
    for (NodeId d = id + 1; d < dom_.node(id).end; ++d) {
      if (dom_.node(d).kind == DomNode::Kind::element && is_one_of(dom_.node(d).tag, tags)) {
        return true;
      }
    }
    return false;
  }

  bool is_byline(NodeId id) const {
    if (auto rel = dom_.attribute(id, "rel"); rel && *rel == "author") return true;
    if (auto prop = dom_.attribute(id, "itemprop"); prop && prop->find("author") != prop->npos) {
      return true;
    }
    const std::string hint = class_[index(id)] + " " + id_[index(id)];
    return contains_any(hint, {"byline", "author", "dateline", "writtenby", "p-author"});
  }

  // The first pass: chrome, hidden and empty elements, the byline and title headings out.
  void prune(unsigned flags, std::vector<std::uint8_t>& removed, std::string& byline) const {
    const NodeId body = dom_.body() != kNoNode ? dom_.body() : 0;
    for (NodeId id = body; id < dom_.node(body).end;) {
      const DomNode& node = dom_.node(id);
      if (node.kind != DomNode::Kind::element || removed[index(id)]) {
        id = node.kind == DomNode::Kind::element ? node.end : id + 1;
        continue;
      }
      const std::size_t i = index(id);
      bool remove = false;
      if (byline.empty() && id != body && initial_.chars[i] > 0 && initial_.chars[i] < 100 &&
          is_byline(id)) {
        byline = dom_.text_of(id);
        for (std::string_view prefix : {"By ", "by ", "BY "}) {
          if (byline.rfind(prefix, 0) == 0) byline.erase(0, prefix.size());
        }
        remove = true;
      } else if ((node.tag == "h1" || node.tag == "h2") && !title_.empty() &&
                 title_similarity(title_, dom_.text_of(id)) > 0.75) {
        remove = true;
      } else if ((flags & kStripUnlikely) && id != body && node.tag != "a" && node.tag != "body" &&
                 node.tag != "article") {
        const std::string hint = class_[i] + " " + id_[i];
        if (hint.size() > 1 && is_unlikely_hint(hint) && !is_maybe_hint(hint) &&
            !is_embedded_post(hint) && !is_article_body(id) &&
            !has_ancestor(id, {"table", "code"})) {
          remove = true;
        }
        if (auto role = dom_.attribute(id, "role");
            role && is_one_of(*role, {"menu", "menubar", "complementary", "navigation", "alert",
                                      "alertdialog", "dialog"})) {
          remove = true;
        }
        if (is_one_of(node.tag, {"aside", "footer"})) remove = true;
      }
      if (!remove &&
          (node.tag == "div" || node.tag == "section" || node.tag == "header" ||
           is_heading(node.tag)) &&
          initial_.chars[i] == 0 && !initial_.has_media[i]) {
        remove = true;
      }
      if (remove) {
        removed[i] = 1;
        id = node.end;
      } else {
        ++id;
      }
    }
  }

  double link_density(const Stats& stats, NodeId id) const {
    const std::size_t i = index(id);
    return stats.chars[i] == 0 ? 0.0 : static_cast<double>(stats.links[i]) / stats.chars[i];
  }

  ContentSelection attempt_with(unsigned flags, const std::vector<NodeId>* forced_roots = nullptr) {
    ContentSelection selection;
    selection.removed = base_removed_;
    std::vector<std::uint8_t>& removed = selection.removed;
    prune(flags, removed, selection.byline);
    if (forced_roots != nullptr) {
      for (NodeId root : *forced_roots) removed[index(root)] = 0;  // wanted, whatever it looks like
    }
    Stats stats;
    compute_stats(removed, stats);

    const auto n = static_cast<std::size_t>(dom_.size());
    std::vector<double> score(n, 0.0);
    std::vector<std::uint8_t> scored(n, 0);
    std::vector<NodeId> candidates;
    const auto initialize = [&](NodeId id) {
      if (scored[index(id)]) return;
      scored[index(id)] = 1;
      score[index(id)] =
          tag_weight(dom_.node(id).tag) + ((flags & kWeightClasses) ? class_weight(id) : 0);
      candidates.push_back(id);
    };
    const auto vote = [&](NodeId first, std::size_t chars, std::size_t commas) {
      if (chars < kMinParagraphChars) return;
      const double points =
          1.0 + static_cast<double>(commas) + std::min(static_cast<double>(chars / 100), 3.0);
      NodeId ancestor = first;
      for (int level = 0; level < kScoredAncestors && ancestor != kNoNode; ++level) {
        const DomNode& a = dom_.node(ancestor);
        if (a.kind != DomNode::Kind::element || a.tag == "#document") break;
        initialize(ancestor);
        const double divider = level == 0 ? 1.0 : level == 1 ? 2.0 : level * 3.0;
        score[index(ancestor)] += points / divider;
        ancestor = a.parent;
      }
    };

    const NodeId body = dom_.body() != kNoNode ? dom_.body() : 0;
    for (NodeId id = body; id < dom_.node(body).end;) {
      const DomNode& node = dom_.node(id);
      if (node.kind != DomNode::Kind::element) {
        ++id;
        continue;
      }
      const std::size_t i = index(id);
      if (removed[i]) {
        id = node.end;
        continue;
      }
      if (is_one_of(node.tag, {"p", "pre", "td", "section", "h2", "h3", "h4", "h5", "h6"}) ||
          (node.tag == "div" && !stats.has_block[i])) {
        vote(node.parent, stats.chars[i], stats.commas[i]);
      } else if (node.tag == "div") {
        // Inline runs between the blocks of a container read as paragraphs of their own.
        std::size_t chars = 0;
        std::size_t commas = 0;
        for (NodeId child = node.first_child; child != kNoNode;
             child = dom_.node(child).next_sibling) {
          const DomNode& c = dom_.node(child);
          if (removed[index(child)]) continue;
          if (c.kind == DomNode::Kind::element && is_block_for_div(c.tag)) {
            vote(id, chars, commas);
            chars = commas = 0;
          } else {
            chars += stats.chars[index(child)];
            commas += stats.commas[index(child)];
          }
        }
        vote(id, chars, commas);
      }
      ++id;
    }

    for (NodeId candidate : candidates) {
      score[index(candidate)] *= 1.0 - link_density(stats, candidate);
    }
    std::sort(candidates.begin(), candidates.end(), [&](NodeId a, NodeId b) {
      return score[index(a)] != score[index(b)] ? score[index(a)] > score[index(b)] : a < b;
    });

    if (forced_roots != nullptr) {
      selection.roots = *forced_roots;
    } else {
      NodeId top = candidates.empty() ? body : candidates.front();
      if (top == dom_.html()) top = body;
      if (top != body) top = widen(top, candidates, score, scored, initialize, body, removed);

      // The article: the top candidate and the siblings that look like more of it.
      const NodeId parent = dom_.node(top).parent;
      if (top == body || parent == kNoNode || parent == dom_.html()) {
        selection.roots.push_back(top);
      } else {
        const double threshold = std::max(10.0, score[index(top)] * 0.2);
        const std::string& top_class = class_[index(top)];
        for (NodeId sibling = dom_.node(parent).first_child; sibling != kNoNode;
             sibling = dom_.node(sibling).next_sibling) {
          const DomNode& s = dom_.node(sibling);
          if (s.kind != DomNode::Kind::element || removed[index(sibling)]) continue;
          bool append = sibling == top;
          if (!append) {
            const double bonus = (!top_class.empty() && class_[index(sibling)] == top_class)
                                     ? score[index(top)] * 0.2
                                     : 0.0;
            if (scored[index(sibling)] && score[index(sibling)] + bonus >= threshold) {
              append = true;
            } else if (s.tag == "figure" ||
                       (stats.has_media[index(sibling)] && stats.chars[index(sibling)] < 300 &&
                        link_density(stats, sibling) < 0.2 && class_weight(sibling) >= 0 &&
                        !is_unlikely_hint(class_[index(sibling)]))) {
              append = true;  // the lead image and its caption, beside the text
            } else if (s.tag == "p") {
              const double density = link_density(stats, sibling);
              const std::size_t chars = stats.chars[index(sibling)];
              if (chars > 80 && density < 0.25) {
                append = true;
              } else if (chars > 0 && chars <= 80 && density == 0.0) {
                const std::string text = dom_.text_of(sibling);
                append = text.find(". ") != std::string::npos ||
                         (!text.empty() && text.back() == '.') ||
                         text.find("\xE3\x80\x82") != std::string::npos;
              }
            }
          }
          if (append) selection.roots.push_back(sibling);
        }
      }
    }

    clean(flags, selection, stats, score, scored);
    compute_stats(removed, stats);
    for (NodeId root : selection.roots) selection.chars += stats.chars[index(root)];
    // After the count: a short article keeps its container even when it loses its
    // "Posted:" and "Read more" lines.
    if (flags & kCleanConditionally) remove_promotions(selection, stats);
    return selection;
  }

  template <typename Initialize>
  NodeId widen(NodeId top, const std::vector<NodeId>& candidates, const std::vector<double>& score,
               const std::vector<std::uint8_t>& scored, Initialize& initialize, NodeId body,
               const std::vector<std::uint8_t>& removed) const {
    // Several near-best candidates under one ancestor: the article is that ancestor.
    std::vector<NodeId> alternatives;
    for (std::size_t i = 1; i < candidates.size() && i < 5; ++i) {
      if (score[index(candidates[i])] / score[index(top)] >= 0.75) {
        alternatives.push_back(candidates[i]);
      }
    }
    if (alternatives.size() >= 3) {
      for (NodeId a = dom_.node(top).parent; a != kNoNode && a != body; a = dom_.node(a).parent) {
        int inside = 0;
        for (NodeId alt : alternatives) inside += alt >= a && alt < dom_.node(a).end;
        if (inside >= 3) {
          top = a;
          initialize(top);
          break;
        }
      }
    }
    // Climb while the parent scores well compared with what we have.
    double last = score[index(top)];
    const double threshold = last / 3;
    for (NodeId a = dom_.node(top).parent; a != kNoNode && a != body; a = dom_.node(a).parent) {
      if (!scored[index(a)]) continue;
      const double parent_score = score[index(a)];
      if (parent_score < threshold) break;
      if (parent_score > last) {
        top = a;
        break;
      }
      last = parent_score;
    }
    // An only child is as good as its parent.
    for (NodeId a = dom_.node(top).parent; a != kNoNode && a != body && a != dom_.html();
         a = dom_.node(a).parent) {
      int elements = 0;
      for (NodeId c = dom_.node(a).first_child; c != kNoNode; c = dom_.node(c).next_sibling) {
        elements += dom_.node(c).kind == DomNode::Kind::element && !removed[index(c)];
      }
      if (elements != 1) break;
      top = a;
    }
    initialize(top);
    return top;
  }

  bool is_data_table(NodeId table) const {
    if (auto role = dom_.attribute(table, "role"); role && *role == "presentation") return false;
    if (dom_.attribute(table, "summary")) return true;
    std::size_t rows = 0;
    std::size_t cells = 0;
    for (NodeId i = table + 1; i < dom_.node(table).end; ++i) {
      const std::string_view tag = dom_.node(i).tag;
      if (tag == "table") return false;
      if (tag == "caption" || tag == "thead" || tag == "th" || tag == "tfoot") return true;
      rows += tag == "tr";
      cells += tag == "td";
    }
    return rows >= 10 || (rows > 0 && cells / rows > 4) || cells > 10;
  }

  // What a walk over the selection does after visiting an element.
  enum class Walk { descend, skip, remove };

  // Visits every element of the selection that is not removed, in document order:
  // `visit(id, node)` says whether to go into it, skip it, or remove it (and skip it).
  template <typename Visit>
  void walk_selection(ContentSelection& selection, Visit visit) const {
    for (NodeId root : selection.roots) {
      for (NodeId id = root; id < dom_.node(root).end;) {
        const DomNode& node = dom_.node(id);
        if (node.kind != DomNode::Kind::element || selection.removed[index(id)]) {
          id = node.kind == DomNode::Kind::element ? node.end : id + 1;
          continue;
        }
        const Walk next = visit(id, node);
        if (next == Walk::remove) selection.removed[index(id)] = 1;
        id = next == Walk::descend ? id + 1 : node.end;
      }
    }
  }

  static bool is_root(const ContentSelection& selection, NodeId id) {
    return std::find(selection.roots.begin(), selection.roots.end(), id) != selection.roots.end();
  }

  void clean(unsigned flags, ContentSelection& selection, Stats& stats,
             const std::vector<double>& score, const std::vector<std::uint8_t>& scored) const {
    std::vector<std::uint8_t>& removed = selection.removed;
    std::size_t selection_chars = 0;
    for (NodeId root : selection.roots) selection_chars += stats.chars[index(root)];
    // Chrome by tag, share widgets, headings with bad hints.
    walk_selection(selection, [&](NodeId id, const DomNode& node) {
      bool remove = false;
      if (!is_root(selection, id)) {
        const std::string hint = class_[index(id)] + " " + id_[index(id)];
        // Boxes named as chrome, when they hold little of the selection's text (a class
        // like "author-jane" on the article itself must not take the article with it).
        const bool small = stats.chars[index(id)] * 4 <= selection_chars;
        const bool embedded_post = is_embedded_post(hint);
        remove = is_one_of(node.tag, {"form", "fieldset", "footer", "aside"}) ||
                 (contains_any(hint, {"share", "social", "newsletter", "subscribe"}) &&
                  !embedded_post && initial_.chars[index(id)] < 500) ||
                 ((flags & kWeightClasses) && (node.tag == "h1" || node.tag == "h2") &&
                  class_weight(id) < 0);
        if (!remove && (flags & kWeightClasses) && small && !embedded_post) {
          remove =
              (node.tag != "a" || hint.find("skip") != std::string::npos) && is_chrome_hint(hint);
          // Captions and credits of pictures outside a <figure> (galleries, photo
          // credits, pictures of other stories). A figure's own caption stays.
          if (!remove && node.tag != "figcaption" && !stats.has_media[index(id)] &&
              !has_ancestor(id, {"figure"}) && contains_any(hint, {"caption", "credit"})) {
            remove = true;
          }
          // Inside a figure only the credit goes ("Photo: agency"), the caption stays.
          if (!remove && !stats.has_media[index(id)] && has_ancestor(id, {"figure"}) &&
              hint.find("credit") != std::string::npos) {
            remove = true;
          }
        }
      }
      return remove ? Walk::remove : Walk::descend;
    });
    compute_stats(removed, stats);
    // Lists, tables and boxes that look like chrome rather than text.
    // The data tables we are inside, as [first node, end): outside them (past one, or in
    // another root of the selection) they are dropped.
    std::vector<std::pair<NodeId, NodeId>> data_tables;
    walk_selection(selection, [&](NodeId id, const DomNode& node) {
      while (!data_tables.empty() &&
             (id < data_tables.back().first || id >= data_tables.back().second)) {
        data_tables.pop_back();
      }
      if (node.tag == "table" && is_data_table(id)) data_tables.emplace_back(id, node.end);
      if (node.tag == "pre" || node.tag == "code") return Walk::skip;
      bool remove = false;
      if ((flags & kCleanConditionally) && !is_root(selection, id) && data_tables.empty() &&
          is_one_of(node.tag, {"table", "ul", "ol", "div", "section", "dl"})) {
        remove = looks_like_chrome(id, stats, score, scored, removed);
      }
      if (!remove && node.tag == "figure" && !is_root(selection, id) &&
          !stats.has_media[index(id)] && contains_tag(id, {"iframe", "embed", "object"})) {
        remove = true;  // the caption of a player we leave out
      }
      if (!remove && node.tag == "p" && stats.chars[index(id)] == 0 &&
          !stats.has_media[index(id)]) {
        remove = true;
      }
      return remove ? Walk::remove : Walk::descend;
    });
  }

  // Short text blocks are checked one by one, as trafilatura does: lines that lead to other
  // pages (related, read more, newsletter sign-ups), date lines, headlines in capitals that
  // are all link, and the links listed under a "you may also like" line.
  bool is_text_block(NodeId id, const Stats& stats) const {
    const std::string_view tag = dom_.node(id).tag;
    return is_one_of(tag, {"p", "li", "dd", "dt", "center", "h2", "h3", "h4", "h5", "h6"}) ||
           ((tag == "div" || tag == "section" || tag == "span") && !stats.has_block[index(id)]);
  }

  // The element at or after `id` (skipping blank text) is a list of links: a list whose
  // text is a third links or more, or a block that is nearly all link.
  bool lists_links(NodeId id, const Stats& stats) const {
    while (id != kNoNode && dom_.node(id).kind != DomNode::Kind::element) {
      if (dom_.node(id).kind == DomNode::Kind::text && stats.chars[index(id)] > 0) return false;
      id = dom_.node(id).next_sibling;
    }
    if (id == kNoNode || stats.chars[index(id)] == 0) return false;
    const std::string_view tag = dom_.node(id).tag;
    const double density = link_density(stats, id);
    return ((tag == "ul" || tag == "ol") && density >= 0.3) || density >= 0.8;
  }

  // The element before `id` (whether left out or not) is a short line that announces other
  // stories.
  bool follows_lead_in(NodeId id) const {
    const NodeId parent = dom_.node(id).parent;
    if (parent == kNoNode) return false;
    NodeId previous = kNoNode;
    for (NodeId c = dom_.node(parent).first_child; c != id && c != kNoNode;
         c = dom_.node(c).next_sibling) {
      if (dom_.node(c).kind == DomNode::Kind::element) {
        previous = c;
      } else if (dom_.node(c).kind == DomNode::Kind::text &&
                 !trim_xml_space(dom_.node(c).text).empty()) {
        previous = kNoNode;
      }
    }
    if (previous == kNoNode || initial_.chars[index(previous)] > 60) return false;
    const std::string text = to_ascii_lower(dom_.text_of(previous));
    return !text.empty() && !ends_sentence(text) &&
           (is_more_heading(text) || is_promotion_text(text));
  }

  void remove_promotions(ContentSelection& selection, Stats& stats) const {
    std::vector<std::uint8_t>& removed = selection.removed;
    compute_stats(removed, stats);
    walk_selection(selection, [&](NodeId id, const DomNode& node) {
      const std::size_t chars = stats.chars[index(id)];
      if ((node.tag == "ul" || node.tag == "ol") && !is_root(selection, id) &&
          lists_links(id, stats) && follows_lead_in(id)) {
        return Walk::remove;  // the list under "More stories" (itself already gone)
      }
      if (is_root(selection, id) || !is_text_block(id, stats) || chars == 0 || chars > 200) {
        return Walk::descend;
      }
      const std::string text = to_ascii_lower(dom_.text_of(id));
      const double density = link_density(stats, id);
      bool remove = false;
      bool lead_in = false;
      if (is_promotion_text(text) && (!ends_sentence(text) || density > 0.5)) {
        remove = true;
        lead_in = !ends_sentence(text) && text.rfind("comments", 0) != 0 &&
                  (text.size() < 40 || density > 0.5);
      } else if (is_call_to_action(text) || is_ad_label(text)) {
        remove = true;
      } else if (text.size() < 50 && !ends_sentence(text) && is_more_heading(text) &&
                 lists_links(node.next_sibling, stats)) {
        remove = true;  // "More great stories" over a list of links
        lead_in = true;
      } else if (chars < 100 && is_date_line(text)) {
        remove = true;
      } else if (density >= 0.9 && is_shouted(dom_.text_of(id))) {
        remove = true;
      }
      if (remove) {
        removed[index(id)] = 1;
        if (lead_in) {
          // The links listed under it go with it.
          for (NodeId next = node.next_sibling; next != kNoNode;
               next = dom_.node(next).next_sibling) {
            const DomNode& n = dom_.node(next);
            if (n.kind == DomNode::Kind::text) {
              if (stats.chars[index(next)] > 0) break;
              continue;
            }
            if (n.kind != DomNode::Kind::element) continue;
            if (removed[index(next)]) continue;
            if (!lists_links(next, stats)) break;
            removed[index(next)] = 1;
          }
        }
      }
      return remove ? Walk::remove : Walk::descend;
    });
  }

  bool looks_like_chrome(NodeId id, const Stats& stats, const std::vector<double>& score,
                         const std::vector<std::uint8_t>& scored,
                         const std::vector<std::uint8_t>& removed) const {
    const std::size_t i = index(id);
    if (is_embedded_post(class_[i] + " " + id_[i])) return false;
    // A box around a quoted post (blockquote class="twitter-tweet"): its links are the post's.
    if (first_quoted_post_ != kNoNode) {
      for (NodeId d = std::max(id + 1, first_quoted_post_); d < dom_.node(id).end; ++d) {
        if (is_quoted_post(d)) return false;
      }
    }
    const int weight = class_weight(id);
    const double content_score = scored[i] ? score[i] : 0.0;
    if (weight + content_score < 0) return true;
    if (stats.commas[i] >= 10) return false;
    std::size_t paragraphs = 0, images = 0, inputs = 0, embeds = 0, list_items = 0;
    std::size_t heading_chars = 0;
    for (NodeId d = id + 1; d < dom_.node(id).end;) {
      const DomNode& node = dom_.node(d);
      if (node.kind != DomNode::Kind::element) {
        ++d;
        continue;
      }
      if (removed[index(d)]) {
        d = node.end;
        continue;
      }
      const std::string_view tag = node.tag;
      paragraphs += tag == "p";
      images += tag == "img";
      list_items += tag == "li";
      inputs += tag == "input";
      embeds += tag == "embed" || tag == "object" || tag == "iframe";
      if (is_heading(tag)) heading_chars += stats.chars[index(d)];
      ++d;
    }
    const std::size_t chars = stats.chars[i];
    const double density = link_density(stats, id);
    const bool is_list = dom_.node(id).tag == "ul" || dom_.node(id).tag == "ol";
    const bool in_figure = has_ancestor(id, {"figure"});
    const double heading_density = chars == 0 ? 0.0 : static_cast<double>(heading_chars) / chars;
    if (images > 1 && static_cast<double>(paragraphs) / images < 0.5 && !in_figure) return true;
    if (!is_list && list_items > paragraphs + 100) return true;
    if (inputs > paragraphs / 3) return true;
    if (!is_list && heading_density < 0.9 && chars < kMinParagraphChars &&
        (images == 0 || images > 2) && !in_figure) {
      return true;
    }
    if (!is_list && weight < 25 && density > 0.2) return true;
    if (is_list && density > 0.5) return true;
    if (weight >= 25 && density > 0.5) return true;
    if ((embeds == 1 && chars < 75) || embeds > 1) return true;
    return false;
  }

  const Dom& dom_;
  std::string_view title_;
  std::vector<std::string> class_;
  std::vector<std::string> id_;
  std::vector<TextMeasure> text_;
  std::vector<std::uint8_t> base_removed_;
  Stats initial_;
  NodeId first_quoted_post_ = kNoNode;  // the first blockquote of an embedded post, if any
};

// Word tokens: runs of ASCII letters and digits (lower-cased) or other non-space,
// non-punctuation characters; every CJK character is a token of its own.
std::vector<std::string> title_tokens(std::string_view text) {
  std::vector<std::string> tokens;
  std::string current;
  const auto flush = [&] {
    if (!current.empty()) tokens.push_back(std::move(current));
    current.clear();
  };
  for (std::size_t i = 0; i < text.size();) {
    const auto byte = static_cast<unsigned char>(text[i]);
    std::size_t length = byte < 0x80    ? 1
                         : byte >= 0xF0 ? 4
                         : byte >= 0xE0 ? 3
                         : byte >= 0xC0 ? 2
                                        : 1;
    length = std::min(length, text.size() - i);
    if (byte < 0x80) {
      const char c = static_cast<char>(byte);
      if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_') {
        current += c;
      } else if (c >= 'A' && c <= 'Z') {
        current += static_cast<char>(c - 'A' + 'a');
      } else {
        flush();
      }
    } else {
      char32_t cp = byte & (length == 4 ? 0x07 : length == 3 ? 0x0F : 0x1F);
      for (std::size_t k = 1; k < length; ++k) {
        cp = (cp << 6) | (static_cast<unsigned char>(text[i + k]) & 0x3F);
      }
      if (is_cjk(cp) || (cp >= 0x3000 && cp <= 0x303F)) {
        flush();
        if (cp > 0x303F && !(cp >= 0xFF00 && cp <= 0xFF20)) {
          tokens.emplace_back(text.substr(i, length));
        }
      } else if (cp >= 0x2000 && cp <= 0x206F) {
        flush();  // general punctuation: dashes, quotes
      } else {
        current.append(text.substr(i, length));
      }
    }
    i += length;
  }
  flush();
  return tokens;
}

}  // namespace

double title_similarity(std::string_view a, std::string_view b) {
  const std::vector<std::string> tokens_a = title_tokens(a);
  const std::vector<std::string> tokens_b = title_tokens(b);
  if (tokens_a.empty() || tokens_b.empty()) return 0.0;
  const std::set<std::string> in_a(tokens_a.begin(), tokens_a.end());
  std::size_t total = 0;
  std::size_t unique = 0;
  for (const std::string& token : tokens_b) {
    total += token.size() + 1;
    if (!in_a.count(token)) unique += token.size() + 1;
  }
  return 1.0 - static_cast<double>(unique) / static_cast<double>(total);
}

ContentSelection select_content(const Dom& dom, std::string_view title) {
  if (dom.size() == 0) return {};
  return Scorer(dom, title).run();
}

ContentSelection select_content(const Dom& dom, std::string_view title, const ContentRules& rules) {
  if (dom.size() == 0) return {};
  if (rules.roots.empty()) return Scorer(dom, title, rules.left_out).run();
  if (rules.prune) return Scorer(dom, title, rules.left_out).run_with_roots(rules.roots);
  // No pruning: the roots as they are, minus what the rules left out.
  ContentSelection selection;
  selection.roots = rules.roots;
  selection.removed.assign(static_cast<std::size_t>(dom.size()), 0);
  for (std::size_t i = 0; i < rules.left_out.size() && i < selection.removed.size(); ++i) {
    selection.removed[i] = rules.left_out[i];
  }
  for (NodeId root : rules.roots) {
    selection.removed[static_cast<std::size_t>(root)] = 0;
    selection.chars += measure_text(dom.text_of(root)).chars;
  }
  return selection;
}

}  // namespace feedarchiver::extract
