#include "feedarchiver/process_heap.hpp"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdlib>

#if defined(__linux__) && defined(__GLIBC__)
#include <malloc.h>
#include <sys/mman.h>
#include <unistd.h>
#endif

namespace feedarchiver {

bool prepare_heap() {
#if defined(__linux__) && defined(__GLIBC__) && defined(MADV_HUGEPAGE)
  constexpr std::uintptr_t kHugePage = std::uintptr_t{2} << 20;
  constexpr int kTopPad = 16 << 20;
  // A block above the mmap threshold (128 KiB at first) gets a mapping of its own, faulted
  // in afresh each time: the page's text and its copies are such blocks.
  mallopt(M_MMAP_THRESHOLD, 64 << 20);
  mallopt(M_TOP_PAD, kTopPad);
  // Grow the heap now, with a block larger than what is left at its top (keepcost): madvise
  // applies to what is mapped, so the reserve must exist before it is advised.
  const std::size_t probe_size = std::max(std::size_t{256} << 10, mallinfo2().keepcost + 4096);
  char* const before = static_cast<char*>(sbrk(0));
  void* const probe = std::malloc(probe_size);
  char* const after = static_cast<char*>(sbrk(0));
  bool advised = false;
  if (probe != nullptr && before != reinterpret_cast<char*>(-1) && after - before >= kTopPad) {
    const auto begin =
        (reinterpret_cast<std::uintptr_t>(before) + kHugePage - 1) & ~(kHugePage - 1);
    const auto end = reinterpret_cast<std::uintptr_t>(after) & ~(kHugePage - 1);
    advised =
        end > begin && madvise(reinterpret_cast<void*>(begin), end - begin, MADV_HUGEPAGE) == 0;
  }
  std::free(probe);
  return advised;
#else
  return false;
#endif
}

}  // namespace feedarchiver
