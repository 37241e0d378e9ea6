// libFuzzer target: arbitrary bytes through decode, parse and normalize (as `parse` does).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "feedarchiver/decode/document.hpp"
#include "feedarchiver/normalize/normalize_feed.hpp"
#include "feedarchiver/parse/feed_parser.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  const auto document =
      feedarchiver::decode::decode_document(bytes, "", "https://example.org/feed/");
  auto result = feedarchiver::parse::parse_feed(document);
  if (result.feed) feedarchiver::normalize::normalize_feed(*result.feed);
  return 0;
}
