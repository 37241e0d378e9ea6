// Downloaded images on disk: SHA-256 names, type from Content-Type and magic bytes, one file
// per content, written atomically into SITE/assets.

#include "feedarchiver/write/image_store.hpp"

#include <gtest/gtest.h>

#include <filesystem>

#include "support/site_server.hpp"
#include "support/temp_dir.hpp"

namespace feedarchiver::write {
namespace {

namespace fs = std::filesystem;
using testing::fake_png;
using testing::read_file;
using testing::TempDir;

TEST(Sha256Hex, MatchesTheStandardTestVectors) {
  EXPECT_EQ(sha256_hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(sha256_hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  // FIPS 180-2's long message: a million "a", 15,625 blocks.
  EXPECT_EQ(sha256_hex(std::string(1000000, 'a')),
            "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

TEST(ImageExtension, TakesTheFormatFromTheBytesOfAnImageType) {
  std::string why;
  EXPECT_EQ(image_extension("image/png", fake_png("a"), why), "png");
  EXPECT_EQ(image_extension("image/jpeg", "\xFF\xD8\xFF\xE0rest", why), "jpg");
  EXPECT_EQ(image_extension("IMAGE/GIF; charset=binary", "GIF89a....", why), "gif");
  EXPECT_EQ(image_extension("image/webp", std::string("RIFF\0\0\0\0WEBPVP8 ", 16), why), "webp");
  EXPECT_EQ(image_extension("image/avif",
                            std::string("\0\0\0\x1C"
                                        "ftypavif\0\0\0\0avifmif1",
                                        24),
                            why),
            "avif");
  // A server that says JPEG for PNG bytes: the file is what its bytes are.
  EXPECT_EQ(image_extension("image/jpeg", fake_png("b"), why), "png");
}

TEST(ImageExtension, RefusesWhatIsNotARasterImage) {
  std::string why;
  EXPECT_FALSE(image_extension("text/html; charset=utf-8", fake_png("a"), why));
  EXPECT_EQ(why, "served as text/html, not an image");
  EXPECT_FALSE(image_extension("", fake_png("a"), why));
  EXPECT_EQ(why, "served as no Content-Type, not an image");
  EXPECT_FALSE(image_extension("image/svg+xml", "<svg><script>alert(1)</script></svg>", why));
  EXPECT_NE(why.find("SVG"), std::string::npos);
  EXPECT_FALSE(image_extension("image/png", "<html>not found</html>", why));
  EXPECT_NE(why.find("bytes are not"), std::string::npos);
  EXPECT_FALSE(image_extension("image/bmp", "BM....", why));
}

TEST(ImageStore, StoresEachContentOnceUnderItsHash) {
  TempDir site;
  ImageStore store(site.path());
  const std::string bytes = fake_png("one");
  const std::string path = store.store(bytes, "png");
  const std::string name = sha256_hex(bytes).substr(0, 16) + ".png";
  EXPECT_EQ(path, "/assets/" + name);
  const fs::path file = site.path() / "assets" / name;
  ASSERT_TRUE(fs::exists(file));
  EXPECT_EQ(read_file(file), bytes);

  // The same bytes again: the same name, the file left alone.
  const auto written_at = fs::last_write_time(file);
  fs::last_write_time(file, written_at - std::chrono::hours(1));
  EXPECT_EQ(store.store(bytes, "png"), path);
  EXPECT_EQ(fs::last_write_time(file), written_at - std::chrono::hours(1));

  // Other bytes: another file; nothing but the two images in assets/ (no temporary left).
  EXPECT_NE(store.store(fake_png("two"), "png"), path);
  EXPECT_EQ(std::distance(fs::directory_iterator(site.path() / "assets"), fs::directory_iterator()),
            2);
}

TEST(ImageStore, RewritesAFileAPowerLossEmptied) {
  TempDir site;
  ImageStore store(site.path());
  const std::string bytes = fake_png("x");
  const std::string name = sha256_hex(bytes).substr(0, 16) + ".png";
  fs::create_directories(site.path() / "assets");
  testing::write_file(site.path() / "assets" / name, "");
  store.store(bytes, "png");
  EXPECT_EQ(read_file(site.path() / "assets" / name), bytes);
}

}  // namespace
}  // namespace feedarchiver::write
