#include "feedarchiver/write/content_hash.hpp"

#include <cstdio>

#include "feedarchiver/fnv1a.hpp"

namespace feedarchiver::write {

std::string content_hash(const Post& post) {
  std::uint64_t hash = fnv1a_64(post.title);
  const auto field = [&hash](std::string_view text) {
    hash = fnv1a_64(std::string_view("\0", 1), hash);
    hash = fnv1a_64(text, hash);
  };
  field(post.url);
  field(post.published ? std::to_string(post.published->time_since_epoch().count()) : "-");
  field(post.author);
  for (const std::string& tag : post.tags) field(tag);
  field("\x1f");
  for (const std::string& category : post.categories) field(category);
  field(post.body_html);
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "fnv1a64:%016llx", static_cast<unsigned long long>(hash));
  return buffer;
}

}  // namespace feedarchiver::write
