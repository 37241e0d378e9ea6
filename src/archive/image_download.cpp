#include "feedarchiver/archive/image_download.hpp"

#include <algorithm>
#include <map>
#include <utility>

#include "feedarchiver/normalize/image_sources.hpp"
#include "feedarchiver/url.hpp"

namespace feedarchiver::archive {
namespace {

std::string describe_failure(const fetch::FetchResult& result, std::size_t max_bytes) {
  if (result.status == fetch::FetchStatus::too_large) {
    return "larger than the " + std::to_string(max_bytes) + "-byte image cap";
  }
  return fetch::describe(result);
}

// The http(s) srcs of an item's bodies, each once.
std::vector<std::string> item_sources(const Item& item) {
  std::vector<std::string> sources;
  for (const std::optional<std::string>* body : {&item.content_html, &item.summary_html}) {
    if (!*body) continue;
    for (std::string& src : normalize::image_sources(**body)) {
      if (is_http_url(src) && std::find(sources.begin(), sources.end(), src) == sources.end()) {
        sources.push_back(std::move(src));
      }
    }
  }
  return sources;
}

}  // namespace

ImageDownloadReport download_images(const std::vector<ImageTarget>& targets,
                                    fetch::Fetcher& fetcher, write::ImageStore& store) {
  ImageDownloadReport report;
  std::vector<fetch::FetchRequest> requests;
  std::map<std::string, std::size_t> request_of;  // image URL → index in requests
  std::vector<std::vector<std::string>> sources_of(targets.size());
  for (std::size_t t = 0; t < targets.size(); ++t) {
    sources_of[t] = item_sources(*targets[t].item);
    for (const std::string& src : sources_of[t]) {
      if (request_of.count(src) != 0) continue;
      request_of.emplace(src, requests.size());
      fetch::FetchRequest request;
      request.url = src;
      request.limits = targets[t].limits;
      request.limits.max_bytes = std::min(request.limits.max_bytes, kImageMaxBytes);
      requests.push_back(std::move(request));
    }
  }
  report.requested = requests.size();

  std::map<std::string, std::string> local;    // image URL → "/assets/<name>"
  std::map<std::string, std::string> failure;  // image URL → why it stays remote
  fetcher.fetch_all(requests, [&](std::size_t index, fetch::FetchResult result) {
    const fetch::FetchRequest& request = requests.at(index);
    std::string why;
    if (result.status != fetch::FetchStatus::ok) {
      why = describe_failure(result, request.limits.max_bytes);
    } else if (auto extension = write::image_extension(result.content_type, result.body, why)) {
      local.emplace(request.url, store.store(result.body, *extension));
      ++report.stored;
      return;
    }
    failure.emplace(request.url, std::move(why));
    ++report.failed;
  });

  for (std::size_t t = 0; t < targets.size(); ++t) {
    Item& item = *targets[t].item;
    for (const std::string& src : sources_of[t]) {
      const auto failed = failure.find(src);
      if (failed != failure.end() && targets[t].warnings != nullptr) {
        targets[t].warnings->push_back("image " + src + " of " +
                                       item.url.value_or(item.id.value_or("an item")) + ": " +
                                       failed->second + "; kept its remote URL");
      }
    }
    for (std::optional<std::string>* body : {&item.content_html, &item.summary_html}) {
      if (*body) *body = normalize::replace_image_sources(**body, local);
    }
    for (Image& image : item.images) {
      if (const auto found = local.find(image.url); found != local.end()) {
        image.url = found->second;
      }
    }
  }
  return report;
}

}  // namespace feedarchiver::archive
