#pragma once
// `--images download`: every <img src> of the items' bodies fetched once (one concurrent
// fetch_all, one request per distinct URL), checked to be an image, stored under
// SITE/assets/ by content, and the src pointed at the local copy. A failed image keeps its
// remote URL and adds a warning; it never fails the post.

#include <cstddef>
#include <string>
#include <vector>

#include "feedarchiver/fetch/fetcher.hpp"
#include "feedarchiver/model.hpp"
#include "feedarchiver/write/image_store.hpp"

namespace feedarchiver::archive {

/// The largest image stored (decompressed); --max-size lowers it, never raises it.
inline constexpr std::size_t kImageMaxBytes = 20u * 1024u * 1024u;

/// One item whose body's images are wanted locally. Its content_html and summary_html must
/// be sanitized (normalize_feed or extract_article output).
struct ImageTarget {
  Item* item = nullptr;
  fetch::FetchLimits limits;  // the feed's; max_bytes is capped at kImageMaxBytes
  std::vector<std::string>* warnings = nullptr;  // where this item's warnings go
};

struct ImageDownloadReport {
  std::size_t requested = 0;  // distinct image URLs fetched
  std::size_t stored = 0;     // of those, stored (or found) under assets/
  std::size_t failed = 0;     // kept remote
};

/// Downloads the images of every target and rewrites the bodies' src (and Item::images) to
/// the site-relative "/assets/<name>". Only http(s) srcs are fetched. Throws Error only when
/// an image cannot be written to disk.
ImageDownloadReport download_images(const std::vector<ImageTarget>& targets,
                                    fetch::Fetcher& fetcher, write::ImageStore& store);

}  // namespace feedarchiver::archive
