#pragma once
// A loopback web site for full-text and image tests: any path answers what was set for it
// (status, Content-Type, body) or 404, and every request is counted per path.

#include <map>
#include <mutex>
#include <string>

#include "support/loopback_server.hpp"

namespace feedarchiver::testing {

class SiteServer {
 public:
  SiteServer() {
    server_.server().Get(R"(/.*)", [this](const httplib::Request& req, httplib::Response& res) {
      const std::lock_guard<std::mutex> lock(mutex_);
      ++requests_[req.path];
      const auto found = responses_.find(req.path);
      if (found == responses_.end()) {
        res.status = 404;
        res.set_content("not found", "text/plain");
        return;
      }
      res.status = found->second.status;
      res.set_content(found->second.body, found->second.content_type);
    });
    server_.start();
  }

  void set(const std::string& path, const std::string& content_type, const std::string& body,
           int status = 200) {
    const std::lock_guard<std::mutex> lock(mutex_);
    responses_[path] = {status, content_type, body};
  }
  int requests(const std::string& path) {
    const std::lock_guard<std::mutex> lock(mutex_);
    const auto found = requests_.find(path);
    return found == requests_.end() ? 0 : found->second;
  }
  int total_requests() {
    const std::lock_guard<std::mutex> lock(mutex_);
    int total = 0;
    for (const auto& [path, count] : requests_) total += count;
    return total;
  }
  std::string url(const std::string& path) const { return server_.url(path); }

 private:
  struct Response {
    int status = 200;
    std::string content_type;
    std::string body;
  };
  LoopbackServer server_;
  std::mutex mutex_;
  std::map<std::string, Response> responses_;
  std::map<std::string, int> requests_;
};

/// An article page with enough text to be credible: a heading, `paragraphs` paragraphs of
/// English prose naming `marker`, page chrome around it, and `image_html` inside the article.
inline std::string article_page(const std::string& title, const std::string& marker,
                                const std::string& image_html = "", int paragraphs = 5) {
  std::string page = "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>" + title +
                     "</title><meta property=\"article:published_time\" "
                     "content=\"2023-11-06T08:00:00Z\"></head><body>"
                     "<nav class=\"menu\"><a href=\"/\">Home</a> <a href=\"/news\">News</a></nav>"
                     "<article><h1>" +
                     title + "</h1>" + image_html;
  for (int i = 0; i < paragraphs; ++i) {
    page += "<p>" + marker + " paragraph " + std::to_string(i + 1) +
            ": the council met on Monday evening to discuss the new library, and residents "
            "spoke for and against the plan, which would move the reading rooms, the archive "
            "and the children's section into the old post office building by next spring.</p>";
  }
  return page + "</article><footer class=\"share\">Share this story</footer></body></html>";
}

/// A PNG's signature followed by `tag`: enough for the magic-byte check, distinct per tag.
inline std::string fake_png(const std::string& tag) {
  return std::string("\x89PNG\r\n\x1A\n", 8) + "IHDR" + tag;
}

}  // namespace feedarchiver::testing
