#include "feedarchiver/config/shard.hpp"

#include "feedarchiver/error.hpp"
#include "feedarchiver/fnv1a.hpp"

namespace feedarchiver::config {
namespace {

bool parse_number(const std::string& text, std::uint64_t& out) {
  if (text.empty() || text.size() > 9) return false;
  out = 0;
  for (const char c : text) {
    if (c < '0' || c > '9') return false;
    out = out * 10 + static_cast<std::uint64_t>(c - '0');
  }
  return true;
}

}  // namespace

Shard parse_shard(const std::string& text) {
  const auto slash = text.find('/');
  Shard shard;
  if (slash == std::string::npos || !parse_number(text.substr(0, slash), shard.index) ||
      !parse_number(text.substr(slash + 1), shard.count) || shard.count == 0 ||
      shard.index >= shard.count) {
    throw Error("--shard: expected K/N with 0 <= K < N, got \"" + text + "\"", kExitUsage);
  }
  return shard;
}

std::uint64_t shard_of(const std::string& url, std::uint64_t count) {
  return count == 0 ? 0 : fnv1a_64(url) % count;
}

bool in_shard(const std::string& url, const Shard& shard) {
  return shard_of(url, shard.count) == shard.index;
}

}  // namespace feedarchiver::config
