#include "feedarchiver/write/image_store.hpp"

#include <sha2.h>

#include <array>
#include <cstdint>

#include "feedarchiver/ascii.hpp"
#include "feedarchiver/error.hpp"
#include "feedarchiver/write/jekyll_writer.hpp"

namespace feedarchiver::write {
namespace {

namespace fs = std::filesystem;

// The media type of a Content-Type header: lower case, parameters and blanks removed.
std::string media_type(std::string_view content_type) {
  std::string_view type = content_type.substr(0, content_type.find(';'));
  while (!type.empty() && (type.front() == ' ' || type.front() == '\t')) type.remove_prefix(1);
  while (!type.empty() && (type.back() == ' ' || type.back() == '\t')) type.remove_suffix(1);
  return to_ascii_lower(type);
}

bool starts_with_bytes(std::string_view bytes, std::string_view prefix, std::size_t at = 0) {
  return bytes.size() >= at + prefix.size() && bytes.substr(at, prefix.size()) == prefix;
}

// An ISO-BMFF `ftyp` box naming AVIF as its major or one of its compatible brands.
bool is_avif(std::string_view bytes) {
  if (!starts_with_bytes(bytes, "ftyp", 4)) return false;
  const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(bytes[i]); };
  std::size_t box_size = (std::size_t{byte(0)} << 24) | (std::size_t{byte(1)} << 16) |
                         (std::size_t{byte(2)} << 8) | std::size_t{byte(3)};
  if (box_size < 16 || box_size > bytes.size()) box_size = std::min<std::size_t>(bytes.size(), 64);
  for (std::size_t at = 8; at + 4 <= box_size; at += 4) {
    if (at == 12) continue;  // minor version, not a brand
    const std::string_view brand = bytes.substr(at, 4);
    if (brand == "avif" || brand == "avis") return true;
  }
  return false;
}

// The format the bytes are, by their magic numbers; "" when none of ours.
std::string_view sniff_image(std::string_view bytes) {
  if (starts_with_bytes(bytes, "\xFF\xD8\xFF")) return "jpg";
  if (starts_with_bytes(bytes, "\x89PNG\r\n\x1A\n")) return "png";
  if (starts_with_bytes(bytes, "GIF87a") || starts_with_bytes(bytes, "GIF89a")) return "gif";
  if (starts_with_bytes(bytes, "RIFF") && starts_with_bytes(bytes, "WEBP", 8)) return "webp";
  if (is_avif(bytes)) return "avif";
  return {};
}

}  // namespace

std::string sha256_hex(std::string_view bytes) {
  // libmd writes the digest as 64 lower-case hex digits and a NUL.
  std::array<char, SHA256_DIGEST_STRING_LENGTH> hex{};
  if (SHA256Data(reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size(), hex.data()) ==
      nullptr) {
    throw Error("SHA-256 failed (libmd)");
  }
  return std::string(hex.data(), SHA256_DIGEST_STRING_LENGTH - 1);
}

std::optional<std::string> image_extension(std::string_view content_type, std::string_view bytes,
                                           std::string& why) {
  const std::string type = media_type(content_type);
  if (type.rfind("image/", 0) != 0) {
    why = "served as " + (type.empty() ? std::string("no Content-Type") : type) + ", not an image";
    return std::nullopt;
  }
  if (type == "image/svg+xml" || type == "image/svg") {
    why = "an SVG image (it can carry scripts); kept remote";
    return std::nullopt;
  }
  const std::string_view format = sniff_image(bytes);
  if (format.empty()) {
    why = "served as " + type + " but its bytes are not JPEG, PNG, GIF, WebP or AVIF";
    return std::nullopt;
  }
  return std::string(format);
}

ImageStore::ImageStore(fs::path site_dir) : assets_dir_(std::move(site_dir) / "assets") {}

std::string ImageStore::store(std::string_view bytes, std::string_view extension) {
  const std::string name = sha256_hex(bytes).substr(0, 16) + "." + std::string(extension);
  const fs::path path = assets_dir_ / name;
  std::error_code ec;
  // Same name, same content: a file already there is reused, unless a power loss emptied it.
  const auto size = fs::file_size(path, ec);
  if (ec || size != bytes.size()) {
    fs::create_directories(assets_dir_, ec);
    if (ec) throw Error("cannot create " + assets_dir_.string() + ": " + ec.message());
    write_file_atomically(path, bytes, Durability::deferred);
  }
  return "/assets/" + name;
}

}  // namespace feedarchiver::write
