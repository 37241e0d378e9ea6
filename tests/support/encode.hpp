#pragma once
// Test fixtures in real legacy charsets: UTF-8 text encoded by iconv, so a GBK or Big5 fixture
// holds GBK or Big5 bytes rather than a label on UTF-8 text.

#include <iconv.h>

#include <stdexcept>
#include <string>

namespace feedarchiver::testing {

/// Encodes UTF-8 `text` into `charset`. Throws when the text cannot be encoded.
inline std::string encode(const std::string& text, const char* charset) {
  iconv_t cd = iconv_open(charset, "UTF-8");
  if (cd == reinterpret_cast<iconv_t>(-1)) throw std::runtime_error("iconv_open");
  std::string out(text.size() * 4 + 16, '\0');
  char* in = const_cast<char*>(text.data());
  std::size_t in_left = text.size();
  char* out_ptr = out.data();
  std::size_t out_left = out.size();
  const std::size_t rc = iconv(cd, &in, &in_left, &out_ptr, &out_left);
  iconv_close(cd);
  if (rc == static_cast<std::size_t>(-1)) throw std::runtime_error("iconv");
  out.resize(out.size() - out_left);
  return out;
}

}  // namespace feedarchiver::testing
