#pragma once
// --shard K/N: which feeds this run archives when N runs split one FEEDS list with no
// coordination. A feed belongs to shard FNV-1a-64(url) mod N, the same on every machine.

#include <cstdint>
#include <string>

namespace feedarchiver::config {

struct Shard {
  std::uint64_t index = 0;  // K, 0 <= K < N
  std::uint64_t count = 1;  // N
};

/// Parses "K/N" (0 <= K < N). Throws Error (exit 1) on anything else.
Shard parse_shard(const std::string& text);

/// The shard (0..count-1) of a feed URL, as written in FEEDS.
std::uint64_t shard_of(const std::string& url, std::uint64_t count);

/// True when `url` belongs to `shard`.
bool in_shard(const std::string& url, const Shard& shard);

}  // namespace feedarchiver::config
