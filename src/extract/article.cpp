#include "feedarchiver/extract/article.hpp"

#include <nlohmann/json.hpp>

#include "feedarchiver/extract/article_writer.hpp"
#include "feedarchiver/extract/content_scorer.hpp"
#include "feedarchiver/extract/dom.hpp"
#include "feedarchiver/extract/json_ld.hpp"
#include "feedarchiver/extract/metadata.hpp"
#include "feedarchiver/extract/text_measure.hpp"
#include "feedarchiver/normalize/dates.hpp"
#include "feedarchiver/normalize/html_serializer.hpp"
#include "feedarchiver/normalize/sanitize.hpp"
#include "feedarchiver/normalize/url.hpp"

namespace feedarchiver::extract {

namespace {

// Fewer weighted characters than this and the page has no credible article.
constexpr std::size_t kCredibleChars = 250;

// JSON-LD articleBody (plain text) as paragraphs.
ArticleMarkup markup_from_plain_text(std::string_view body) {
  ArticleMarkup markup;
  markup.html = "<div>";
  std::size_t start = 0;
  while (start < body.size()) {
    std::size_t end = body.find('\n', start);
    if (end == std::string_view::npos) end = body.size();
    const std::string line = tidy_text(body.substr(start, end - start));
    if (!line.empty()) {
      markup.html += "<p>";
      normalize::append_escaped_text(markup.html, line);
      markup.html += "</p>";
      if (!markup.text.empty()) markup.text += '\n';
      markup.text += line;
    }
    start = end + 1;
  }
  markup.html += "</div>";
  return markup;
}

bool looks_like_html(std::string_view text) {
  return text.find("</p>") != std::string_view::npos || text.find("<br") != std::string_view::npos;
}

}  // namespace

Article extract_article(const decode::Document& document, std::string_view page_url,
                        const SiteRules* /*rules*/) {
  const std::string_view url = page_url.empty() ? std::string_view(document.base_url) : page_url;
  const Dom dom(document.utf8);
  const JsonLdArticle json_ld = read_json_ld(dom);
  PageMetadata meta = read_metadata(dom, json_ld, url);

  const ContentSelection selection = select_content(dom, meta.title.value_or(""));
  ArticleMarkup markup = write_article(dom, selection);
  std::size_t chars = selection.chars;

  // The DOM gave nothing credible but the page embeds its text: use that.
  if (json_ld.article_body && chars < kCredibleChars) {
    const std::size_t body_chars = measure_text(*json_ld.article_body).chars;
    if (body_chars > chars) {
      if (looks_like_html(*json_ld.article_body)) {
        const Dom body_dom("<body>" + *json_ld.article_body + "</body>");
        ContentSelection all;
        all.roots.push_back(body_dom.body() == kNoNode ? 0 : body_dom.body());
        all.removed.assign(static_cast<std::size_t>(body_dom.size()), 0);
        markup = write_article(body_dom, all);
      } else {
        markup = markup_from_plain_text(*json_ld.article_body);
      }
      chars = body_chars;
    }
  }

  Article article;
  article.title = meta.title;
  article.author = meta.author;
  if (!article.author && !selection.byline.empty()) article.author = selection.byline;
  article.url = meta.canonical_url;
  if (!article.url && normalize::is_http_url(url)) article.url = std::string(url);
  article.site_name = meta.site_name;
  article.lead_image = meta.lead_image;
  article.published = meta.published;
  if (!article.published && article.url) article.published = date_from_url(*article.url);
  if (!article.published && !url.empty()) article.published = date_from_url(url);
  if (!article.published) article.published = date_from_text(markup.text);

  normalize::SanitizeResult sanitized = normalize::sanitize_html(markup.html, meta.base_url);
  article.content_html = std::move(sanitized.html);
  article.images = std::move(sanitized.images);
  article.text = std::move(markup.text);
  article.credible = chars >= kCredibleChars;
  return article;
}

nlohmann::json article_to_json(const Article& article) {
  using nlohmann::json;
  const auto optional = [](const std::optional<std::string>& value) -> json {
    return value ? json(*value) : json(nullptr);
  };
  json images = json::array();
  for (const Image& image : article.images) {
    images.push_back({{"url", image.url},
                      {"alt", image.alt ? json(*image.alt) : json(nullptr)},
                      {"caption", image.caption ? json(*image.caption) : json(nullptr)}});
  }
  return json{
      {"title", optional(article.title)},
      {"published",
       article.published ? json(normalize::format_iso_seconds(*article.published)) : json(nullptr)},
      {"author", optional(article.author)},
      {"url", optional(article.url)},
      {"site_name", optional(article.site_name)},
      {"lead_image", optional(article.lead_image)},
      {"images", std::move(images)},
      {"content_html", article.content_html},
      {"text", article.text},
  };
}

}  // namespace feedarchiver::extract
