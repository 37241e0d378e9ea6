// curl_api: libcurl is loaded at its first use, not at start-up (issue 19), and the
// functions it hands out are libcurl's own.

#include "feedarchiver/curl_api.hpp"

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "support/run_command.hpp"

namespace feedarchiver {
namespace {

using testing::run_command;

std::string article_page(const std::string& link) {
  std::string body;
  for (int i = 0; i < 6; ++i) {
    body +=
        "<p>The council met on Tuesday evening and voted on the new library budget, which "
        "had been debated for months by residents and staff alike.</p>\n";
  }
  return "<!doctype html><html><head><title>Budget vote</title></head><body><article>"
         "<h1>Budget vote</h1>" +
         body + "<p>Read <a href=\"" + link + "\">the minutes</a>.</p></article></body></html>";
}

/// Runs `extract` on `page` with the dynamic loader reporting every library it loads.
testing::CommandResult extract_with_loader_log(const std::string& page) {
  testing::TempDir dir;
  const auto file = dir.path() / "page.html";
  testing::write_file(file, page);
  return run_command({"env", "LD_DEBUG=libs", FEEDARCHIVER_BINARY, "extract", "--format", "json",
                      file.string(), "--url", "https://example.com/news/vote"});
}

TEST(CurlApi, HandsOutLibcurlsOwnUrlParser) {
  const CurlApi& curl = curl_api();
  CURLU* url = curl.url();
  ASSERT_NE(url, nullptr);
  ASSERT_EQ(curl.url_set(url, CURLUPART_URL, "https://example.com/a/b?x=1", 0), CURLUE_OK);
  ASSERT_EQ(curl.url_set(url, CURLUPART_URL, "../c", 0), CURLUE_OK);
  char* text = nullptr;
  ASSERT_EQ(curl.url_get(url, CURLUPART_URL, &text, 0), CURLUE_OK);
  EXPECT_STREQ(text, "https://example.com/c");
  curl.free(text);
  curl.url_cleanup(url);
  EXPECT_EQ(&curl_api(), &curl);  // loaded once
}

TEST(CurlApi, ExtractOfAPageWithAbsoluteLinksNeverLoadsLibcurl) {
  const auto result = extract_with_loader_log(article_page("https://example.com/minutes"));
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_NE(result.out.find("https://example.com/minutes"), std::string::npos);
  EXPECT_NE(result.err.find("find library="), std::string::npos) << "no loader log";
  EXPECT_EQ(result.err.find("libcurl"), std::string::npos);
}

TEST(CurlApi, ExtractLoadsLibcurlToResolveARelativeLink) {
  const auto result = extract_with_loader_log(article_page("../minutes"));
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_NE(result.out.find("https://example.com/minutes"), std::string::npos) << result.out;
  EXPECT_NE(result.err.find("libcurl.so.4"), std::string::npos);
}

}  // namespace
}  // namespace feedarchiver
