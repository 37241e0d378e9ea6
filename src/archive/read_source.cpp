#include "feedarchiver/archive/read_source.hpp"

#include "feedarchiver/ascii.hpp"
#include "feedarchiver/decode/document.hpp"
#include "feedarchiver/normalize/normalize_feed.hpp"
#include "feedarchiver/parse/feed_parser.hpp"
#include "feedarchiver/url.hpp"

namespace feedarchiver::archive {
namespace {

std::optional<std::string> host_of(const std::optional<std::string>& url) {
  return url ? url_host(*url) : std::nullopt;
}

}  // namespace

LoadedFeed feed_from_fetch(const fetch::Source& source, const fetch::FetchResult& fetched,
                           const ReadSettings& settings) {
  if (fetched.status != fetch::FetchStatus::ok) return {std::nullopt, fetch::describe(fetched)};

  const std::string base_url =
      source.kind == fetch::Source::Kind::url ? fetched.final_url : std::string();
  const decode::Document document =
      decode::decode_document(fetched.body, fetched.content_type, base_url, settings.encoding);

  parse::ParseResult parsed = parse::parse_feed(document, settings.parse);
  if (!parsed.feed) return {std::nullopt, parsed.error};

  Feed feed = std::move(*parsed.feed);
  if (!base_url.empty() && !feed.meta.feed_url) feed.meta.feed_url = base_url;
  feed.warnings.insert(feed.warnings.begin(), document.warnings.begin(), document.warnings.end());
  normalize::normalize_feed(feed, settings.sanitize);
  return {std::move(feed), {}};
}

std::string source_name(const std::optional<std::string>& name, const FeedMeta& meta) {
  if (name && !name->empty()) return *name;
  if (meta.title && !trim_xml_space(*meta.title).empty()) {
    return *meta.title;  // a blank title ("" when present but empty) counts as none
  }
  if (auto host = host_of(meta.url ? meta.url : meta.feed_url)) return *host;
  return "feedarchiver";
}

}  // namespace feedarchiver::archive
