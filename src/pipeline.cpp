#include "feedarchiver/pipeline.hpp"

#include "feedarchiver/decode/document.hpp"
#include "feedarchiver/normalize/normalize_feed.hpp"
#include "feedarchiver/normalize/url.hpp"
#include "feedarchiver/parse/feed_parser.hpp"
#include "feedarchiver/write/post.hpp"

namespace feedarchiver {
namespace {

std::string describe_failure(const fetch::FetchResult& result) {
  std::string what = fetch::to_string(result.status);
  if (result.http_status != 0 && result.status == fetch::FetchStatus::http_error) {
    what += " (HTTP " + std::to_string(result.http_status) + ")";
  }
  if (!result.error.empty()) what += ": " + result.error;
  return what;
}

std::optional<std::string> host_of(const std::optional<std::string>& url) {
  return url ? normalize::url_host(*url) : std::nullopt;
}

}  // namespace

LoadedFeed load_feed(const fetch::Source& source, fetch::Fetcher& fetcher,
                     const fetch::FetchLimits& limits, std::istream& stdin_in) {
  return feed_from_fetch(source, fetch::load_source(source, fetcher, limits, stdin_in));
}

LoadedFeed feed_from_fetch(const fetch::Source& source, const fetch::FetchResult& fetched,
                           const ReadSettings& settings) {
  if (fetched.status != fetch::FetchStatus::ok) return {std::nullopt, describe_failure(fetched)};

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
  if (meta.title && meta.title->find_first_not_of(" \t\r\n") != std::string::npos) {
    return *meta.title;  // a blank title ("" when present but empty) counts as none
  }
  if (auto host = host_of(meta.url ? meta.url : meta.feed_url)) return *host;
  return "feedarchiver";
}

ArchiveReport archive_items(const std::vector<Item>& items, const std::string& name, Timestamp now,
                            write::JekyllWriter& writer) {
  ArchiveReport report;
  const write::PostOptions options{name, std::nullopt, std::nullopt};
  for (const Item& item : items) {
    PostReport post_report;
    const write::Post post = write::build_post(item, options, now, post_report.warnings);
    post_report.outcome = writer.write(post);
    if (post_report.outcome.status == write::WriteStatus::already_present) {
      ++report.already_present;
    } else {
      ++report.written;
    }
    report.posts.push_back(std::move(post_report));
  }
  return report;
}

}  // namespace feedarchiver
