// libFuzzer target: arbitrary text through parse_date, and its result through the formatters.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "feedarchiver/normalize/dates.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  if (const auto t = feedarchiver::normalize::parse_date(text)) {
    (void)feedarchiver::normalize::format_iso_millis(*t);
    (void)feedarchiver::normalize::format_ymd(*t);
  }
  return 0;
}
