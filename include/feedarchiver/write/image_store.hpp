#pragma once
// Downloaded images under SITE/assets/: each named by its content (the first 16 hex digits of
// the SHA-256 of its bytes) and the format its bytes are, written atomically, stored once.

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace feedarchiver::write {

/// The SHA-256 of `bytes` as 64 lower-case hex digits (OpenSSL's EVP).
std::string sha256_hex(std::string_view bytes);

/// The file extension for a fetched image: jpg, png, gif, webp or avif. The Content-Type
/// must be image/* (SVG refused: it can carry scripts) and the magic bytes must be one of
/// those raster formats; the extension comes from the bytes, never from the URL. nullopt
/// with `why` set (one clause: "served as text/html, not an image") otherwise. Pure.
std::optional<std::string> image_extension(std::string_view content_type, std::string_view bytes,
                                           std::string& why);

class ImageStore {
 public:
  /// Images go to `site_dir`/assets (created on the first store).
  explicit ImageStore(std::filesystem::path site_dir);

  /// Stores `bytes` as assets/<sha256 prefix>.<extension> (temporary file, then rename; the
  /// caller makes the batch durable with the posts' sync) unless a complete file of that name
  /// is there already (same name, same content). Returns the site-relative URL path
  /// "/assets/<name>". Throws feedarchiver::Error when the file cannot be written.
  std::string store(std::string_view bytes, std::string_view extension);

  const std::filesystem::path& assets_dir() const { return assets_dir_; }

 private:
  std::filesystem::path assets_dir_;
};

}  // namespace feedarchiver::write
