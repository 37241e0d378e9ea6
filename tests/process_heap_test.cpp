// prepare_heap: the heap's reserve is advised as transparent huge pages where the kernel
// offers them, and allocating from it still works.

#include "feedarchiver/process_heap.hpp"

#include <gtest/gtest.h>

#include <cstring>
#include <fstream>
#include <memory>
#include <string>

namespace feedarchiver {
namespace {

bool huge_pages_on_request() {
  std::ifstream in("/sys/kernel/mm/transparent_hugepage/enabled");
  std::string modes;
  std::getline(in, modes);
  return modes.find("[always]") != std::string::npos ||
         modes.find("[madvise]") != std::string::npos;
}

bool sanitized() {
#if defined(__SANITIZE_ADDRESS__)
  return true;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
  return true;
#endif
#endif
  return false;
}

/// True when some mapping of this process carries the "hg" (MADV_HUGEPAGE) flag.
bool some_mapping_advised_huge() {
  std::ifstream smaps("/proc/self/smaps");
  std::string line;
  while (std::getline(smaps, line)) {
    if (line.rfind("VmFlags:", 0) == 0 && (line + " ").find(" hg ") != std::string::npos) {
      return true;
    }
  }
  return false;
}

TEST(PrepareHeap, AdvisesTheHeapReserveAsHugePagesWhereTheKernelOffersThem) {
#if !defined(__linux__) || !defined(__GLIBC__)
  GTEST_SKIP() << "glibc on Linux only";
#endif
  if (sanitized() || !huge_pages_on_request()) {
    GTEST_SKIP() << "sanitizer's malloc, or transparent huge pages off";
  }
  ASSERT_TRUE(prepare_heap());
  EXPECT_TRUE(some_mapping_advised_huge());
  // Blocks large and small come from the advised heap and hold what is written to them.
  auto big = std::make_unique<char[]>(std::size_t{3} << 20);
  std::memset(big.get(), 'x', std::size_t{3} << 20);
  EXPECT_EQ(big[(std::size_t{3} << 20) - 1], 'x');
  const std::string small(100, 'y');
  EXPECT_EQ(small.back(), 'y');
}

}  // namespace
}  // namespace feedarchiver
