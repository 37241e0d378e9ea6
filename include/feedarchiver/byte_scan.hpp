#pragma once

// Sixteen bytes at a time, for the scans that look for a few special bytes in long runs of
// ordinary text (XML repair, the HTML serializer, the fragment parser's text decoder).
// SSE2 is part of every x86-64; elsewhere these are absent and the scans run byte by byte.

#include <cstddef>

#if defined(__SSE2__)
#include <emmintrin.h>

namespace feedarchiver::byte_scan {

constexpr std::size_t kBlock = 16;

inline __m128i load(const char* data) {
  return _mm_loadu_si128(reinterpret_cast<const __m128i*>(data));
}

// 0xFF in each lane whose byte is `c`.
inline __m128i equal(__m128i bytes, char c) {
  return _mm_cmpeq_epi8(bytes, _mm_set1_epi8(c));
}

// 0xFF in each lane holding a C0 control other than tab and line feed, and other than a
// carriage return too when `carriage_return_allowed`.
inline __m128i forbidden_controls(__m128i bytes, bool carriage_return_allowed) {
  const __m128i control = _mm_cmpeq_epi8(_mm_min_epu8(bytes, _mm_set1_epi8(0x1F)), bytes);
  __m128i allowed = _mm_or_si128(equal(bytes, '\t'), equal(bytes, '\n'));
  if (carriage_return_allowed) allowed = _mm_or_si128(allowed, equal(bytes, '\r'));
  return _mm_andnot_si128(allowed, control);
}

// The lane of the first 0xFF in `lanes`, kBlock when there is none. Only each lane's high
// bit counts, so a block of bytes may be passed to find its first non-ASCII byte.
inline std::size_t first(__m128i lanes) {
  const int mask = _mm_movemask_epi8(lanes);
  return mask == 0 ? kBlock : static_cast<std::size_t>(__builtin_ctz(static_cast<unsigned>(mask)));
}

}  // namespace feedarchiver::byte_scan
#endif
