// The libFuzzer entry point of one target of fuzz/targets.hpp, chosen at build time
// (FEEDARCHIVER_FUZZ_TARGET, set by fuzz/CMakeLists.txt). A broken promise is printed and
// traps, which libFuzzer reports as a crash and saves as crash-<sha1>.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <string_view>

#include "targets.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  try {
    FEEDARCHIVER_FUZZ_TARGET(bytes);
  } catch (const feedarchiver::fuzz::InvariantViolation& violation) {
    std::fprintf(stderr, "invariant violated: %s\n", violation.what());
    __builtin_trap();
  }
  return 0;
}
