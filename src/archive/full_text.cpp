#include "feedarchiver/archive/full_text.hpp"

#include <map>

#include "feedarchiver/ascii.hpp"
#include "feedarchiver/decode/document.hpp"
#include "feedarchiver/extract/article.hpp"
#include "feedarchiver/url.hpp"

namespace feedarchiver::archive {
namespace {

std::string kept(const Item& item, const std::string& why) {
  return "full text of " + item.url.value_or("(no URL)") + ": " + why + "; kept the feed's content";
}

bool blank(const std::optional<std::string>& text) {
  return !text || trim_xml_space(*text).empty();
}

}  // namespace

std::optional<std::string> apply_page(Item& item, const fetch::FetchResult& page,
                                      const extract::SiteRules* rules) {
  if (page.status != fetch::FetchStatus::ok) {
    return kept(item, "the page could not be fetched: " + fetch::describe(page));
  }
  const decode::Document document =
      decode::decode_document(page.body, page.content_type, page.final_url);
  if (document.kind == decode::DocumentKind::xml || document.kind == decode::DocumentKind::json) {
    return kept(item, std::string("the page is ") + decode::to_string(document.kind) +
                          ", not an HTML page");
  }
  const extract::Article article = extract::extract_article(
      document, page.final_url, rules != nullptr && !rules->empty() ? rules : nullptr);
  if (!article.credible || blank(article.content_html)) {
    return kept(item, "no credible article on the page (too little text)");
  }
  item.content_html = article.content_html;
  item.images = article.images;
  if (blank(item.title) && article.title) item.title = article.title;
  if (!item.published && article.published) item.published = article.published;
  if (blank(item.author) && article.author) item.author = article.author;
  return std::nullopt;
}

std::size_t fetch_full_text(const std::vector<FullTextTarget>& targets, fetch::Fetcher& fetcher) {
  std::map<std::string, std::vector<const FullTextTarget*>> by_url;
  std::vector<fetch::FetchRequest> requests;
  for (const FullTextTarget& target : targets) {
    const Item& item = *target.item;
    if (!item.url || !is_http_url(*item.url)) {
      if (target.kept_feed_content != nullptr) *target.kept_feed_content = true;
      if (target.warnings != nullptr) {
        target.warnings->push_back("full text of item \"" +
                                   (blank(item.title) ? item.id.value_or("") : *item.title) +
                                   "\": it has no http(s) URL; kept the feed's content");
      }
      continue;
    }
    auto [slot, inserted] = by_url.try_emplace(*item.url);
    slot->second.push_back(&target);
    if (inserted) {
      fetch::FetchRequest request;
      request.url = *item.url;
      request.limits = target.limits;
      requests.push_back(std::move(request));
    }
  }
  fetcher.fetch_all(requests, [&](std::size_t index, fetch::FetchResult page) {
    for (const FullTextTarget* target : by_url.at(requests.at(index).url)) {
      if (auto warning = apply_page(*target->item, page, target->rules)) {
        if (target->kept_feed_content != nullptr) *target->kept_feed_content = true;
        if (target->warnings != nullptr) target->warnings->push_back(std::move(*warning));
      }
    }
  });
  return requests.size();
}

const extract::SiteRules* rules_for_page(const extract::SiteRules* feed_rules,
                                         const extract::SiteConfigDirectory* site_config,
                                         const Item& item,
                                         std::deque<extract::SiteRules>& storage) {
  if (site_config == nullptr || !item.url) return feed_rules;
  std::optional<extract::SiteRules> site = site_config->rules_for_url(*item.url);
  if (!site) return feed_rules;
  storage.push_back(feed_rules != nullptr ? extract::merge_rules(*feed_rules, *site)
                                          : std::move(*site));
  return &storage.back();
}

}  // namespace feedarchiver::archive
