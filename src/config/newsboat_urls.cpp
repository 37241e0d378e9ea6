#include "feedarchiver/config/newsboat_urls.hpp"

#include <set>

#include "feedarchiver/url.hpp"

namespace feedarchiver::config {
namespace {

// C's spaces but the newline: the file is read a line at a time, so a newline never occurs
// inside one (unlike is_c_space).
bool is_space_within_line(char c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f';
}

struct Tokens {
  std::vector<std::string> words;
  bool unclosed_quote = false;
};

/// Splits a line as newsboat does: words apart by blanks, "double quotes" around a word with
/// blanks (\" and \\ inside), `#` at the start of a word ends the line.
Tokens tokenize(std::string_view line) {
  Tokens tokens;
  std::size_t i = 0;
  while (i < line.size()) {
    while (i < line.size() && is_space_within_line(line[i])) ++i;
    if (i == line.size() || line[i] == '#') break;
    std::string word;
    if (line[i] == '"') {
      ++i;
      bool closed = false;
      while (i < line.size()) {
        const char c = line[i++];
        if (c == '\\' && i < line.size()) {
          word += line[i++];
        } else if (c == '"') {
          closed = true;
          break;
        } else {
          word += c;
        }
      }
      tokens.unclosed_quote = tokens.unclosed_quote || !closed;
    } else {
      while (i < line.size() && !is_space_within_line(line[i])) word += line[i++];
    }
    tokens.words.push_back(std::move(word));
  }
  return tokens;
}

}  // namespace

FeedsImport import_newsboat_urls(std::string_view text) {
  FeedsImport out;
  out.feeds_json = {{"feeds", nlohmann::ordered_json::array()}};
  std::set<std::string> seen;
  std::size_t number = 0;
  std::size_t start = 0;
  while (start < text.size()) {
    const std::size_t end = std::min(text.find('\n', start), text.size());
    const std::string_view line = text.substr(start, end - start);
    start = end + 1;
    ++number;
    const std::string where = "line " + std::to_string(number) + ": ";
    Tokens tokens = tokenize(line);
    if (tokens.words.empty()) continue;
    if (tokens.unclosed_quote) out.warnings.push_back(where + "a quote is not closed");
    const std::string& url = tokens.words[0];
    if (!is_http_url(url)) {
      out.warnings.push_back(where + "skipped, not an http(s) feed: " + url);
      continue;
    }
    if (!seen.insert(url).second) {
      out.warnings.push_back(where + "skipped, listed twice: " + url);
      continue;
    }
    nlohmann::ordered_json feed = {{"url", url}};
    nlohmann::ordered_json tags = nlohmann::ordered_json::array();
    for (std::size_t k = 1; k < tokens.words.size(); ++k) {
      const std::string& tag = tokens.words[k];
      if (tag.size() > 1 && tag[0] == '~') {
        feed["name"] = tag.substr(1);
      } else if (!tag.empty() && tag[0] == '!') {
        continue;  // newsboat's "hidden" mark: nothing to carry over
      } else if (!tag.empty()) {
        tags.push_back(tag);
      }
    }
    if (!tags.empty()) feed["tags"] = std::move(tags);
    out.feeds_json["feeds"].push_back(std::move(feed));
  }
  return out;
}

}  // namespace feedarchiver::config
