#include "feedarchiver/archive/read_page.hpp"

#include "feedarchiver/extract/article.hpp"
#include "feedarchiver/normalize/normalize_feed.hpp"

namespace feedarchiver::archive {

LoadedFeed page_from_document(const decode::Document& document, const extract::SiteRules* rules) {
  extract::Article article = extract::extract_article(document, {}, rules);
  if (!article.credible || article.content_html.empty()) {
    return {std::nullopt,
            "an HTML page without a credible article (too little text); see what "
            "`feedarchiver extract` finds"};
  }
  Feed feed;
  feed.meta.title = article.site_name;
  feed.meta.url = article.url;
  if (!document.base_url.empty()) feed.meta.feed_url = document.base_url;
  feed.warnings = document.warnings;

  Item item;
  item.title = std::move(article.title);
  item.url = article.url;
  if (!item.url && !document.base_url.empty()) item.url = document.base_url;
  item.published = article.published;
  item.author = std::move(article.author);
  item.content_html = std::move(article.content_html);
  item.images = std::move(article.images);
  feed.items.push_back(std::move(item));
  normalize::normalize_feed(feed);
  return {std::move(feed), {}, true};
}

LoadedFeed feed_or_page_from_fetch(const fetch::Source& source, const fetch::FetchResult& fetched,
                                   const extract::SiteConfigDirectory* site_config) {
  LoadedFeed loaded = feed_from_fetch(source, fetched);
  if (loaded.feed || fetched.status != fetch::FetchStatus::ok) return loaded;
  const std::string base_url =
      source.kind == fetch::Source::Kind::url ? fetched.final_url : std::string();
  const decode::Document document =
      decode::decode_document(fetched.body, fetched.content_type, base_url);
  if (document.kind != decode::DocumentKind::html) return loaded;
  std::optional<extract::SiteRules> rules;
  if (site_config != nullptr && !base_url.empty()) rules = site_config->rules_for_url(base_url);
  return page_from_document(document, rules ? &*rules : nullptr);
}

}  // namespace feedarchiver::archive
