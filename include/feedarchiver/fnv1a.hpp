#pragma once
// FNV-1a, 64 bits: a small stable hash (same value on every machine and build) for shard
// selection and change detection. Not cryptographic.

#include <cstdint>
#include <string_view>

namespace feedarchiver {

/// FNV-1a 64 of `bytes`, continuing from `hash` (the offset basis by default).
constexpr std::uint64_t fnv1a_64(std::string_view bytes,
                                 std::uint64_t hash = 0xcbf29ce484222325ULL) {
  for (const char c : bytes) {
    hash ^= static_cast<unsigned char>(c);
    hash *= 0x100000001b3ULL;
  }
  return hash;
}

}  // namespace feedarchiver
