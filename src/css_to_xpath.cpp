#include "feedarchiver/css_to_xpath.hpp"

#include <pugixml.hpp>

#include "feedarchiver/ascii.hpp"
#include "feedarchiver/error.hpp"

namespace feedarchiver {

namespace {

bool is_name_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
         c == '_' || static_cast<unsigned char>(c) >= 0x80;
}

// Reads one CSS selector list, writing XPath as it goes.
class Translator {
 public:
  explicit Translator(std::string_view css) : css_(css) {}

  std::string run() {
    skip_space();
    if (at_end()) fail("an empty selector");
    while (true) {
      selector();
      skip_space();
      if (at_end()) break;
      if (css_[pos_] != ',') fail("unsupported syntax");
      ++pos_;
      skip_space();
      if (at_end()) fail("nothing after ','");
      out_ += " | ";
    }
    return out_;
  }

 private:
  bool at_end() const { return pos_ >= css_.size(); }
  void skip_space() {
    while (!at_end() && is_html_space(css_[pos_])) ++pos_;
  }

  [[noreturn]] void fail(const std::string& what) const {
    throw Error("selector '" + std::string(css_) + "': " + what + " at position " +
                    std::to_string(pos_ + 1) +
                    " (supported: tag, *, #id, .class, [attr], [attr=value], descendant and "
                    "child combinators, comma lists; or xpath:EXPR)",
                kExitUsage);
  }

  std::string name() {
    const std::size_t start = pos_;
    while (!at_end() && is_name_char(css_[pos_])) ++pos_;
    if (pos_ == start) fail("a name expected");
    return std::string(css_.substr(start, pos_ - start));
  }

  static std::string literal(const std::string& value) {
    if (value.find('\'') == std::string::npos) return "'" + value + "'";
    return "\"" + value + "\"";
  }

  // One compound selector: [tag|*] then #id, .class, [attr], [attr=v] in any number.
  void compound(const char* axis) {
    const std::size_t start = pos_;
    std::string step;
    if (!at_end() && css_[pos_] == '*') {
      ++pos_;
      step = "*";
    } else if (!at_end() && is_name_char(css_[pos_])) {
      for (char c : name()) step += ascii_lower(c);
    } else {
      step = "*";
    }
    while (!at_end()) {
      const char c = css_[pos_];
      if (c == '#') {
        ++pos_;
        step += "[@id=" + literal(name()) + "]";
      } else if (c == '.') {
        ++pos_;
        step += "[contains(concat(' ', normalize-space(@class), ' '), ' " + name() + " ')]";
      } else if (c == '[') {
        ++pos_;
        skip_space();
        std::string attribute;
        for (char a : name()) attribute += ascii_lower(a);
        skip_space();
        if (!at_end() && css_[pos_] == ']') {
          step += "[@" + attribute + "]";
        } else if (!at_end() && css_[pos_] == '=') {
          ++pos_;
          skip_space();
          std::string value;
          if (!at_end() && (css_[pos_] == '"' || css_[pos_] == '\'')) {
            const char quote = css_[pos_++];
            const std::size_t close = css_.find(quote, pos_);
            if (close == std::string_view::npos) fail("an unclosed quote");
            value = std::string(css_.substr(pos_, close - pos_));
            pos_ = close + 1;
            if (value.find('\'') != std::string::npos && value.find('"') != std::string::npos) {
              fail("a value with both quote characters");
            }
          } else {
            value = name();
          }
          skip_space();
          if (at_end() || css_[pos_] != ']') fail("']' expected");
          step += "[@" + attribute + "=" + literal(value) + "]";
        } else {
          fail("unsupported attribute test");
        }
        ++pos_;  // ']'
      } else {
        break;
      }
    }
    if (pos_ == start) fail("a selector expected");
    out_ += axis;
    out_ += step;
  }

  void selector() {
    compound("//");
    while (true) {
      const std::size_t before = pos_;
      skip_space();
      if (at_end() || css_[pos_] == ',') return;
      if (css_[pos_] == '>') {
        ++pos_;
        skip_space();
        if (at_end()) fail("nothing after '>'");
        compound("/");
      } else if (pos_ > before && (is_name_char(css_[pos_]) || css_[pos_] == '*' ||
                                   css_[pos_] == '#' || css_[pos_] == '.' || css_[pos_] == '[')) {
        compound("//");
      } else {
        fail("unsupported syntax");
      }
    }
  }

  std::string_view css_;
  std::size_t pos_ = 0;
  std::string out_;
};

}  // namespace

std::string css_to_xpath(std::string_view css) {
  return Translator(css).run();
}

bool is_valid_xpath(const std::string& xpath, std::string& error) {
  try {
    const pugi::xpath_query query(xpath.c_str());
    if (query.result()) return true;
    error = query.result().description();
  } catch (const pugi::xpath_exception& exception) {
    error = exception.what();
  }
  return false;
}

std::string selector_to_xpath(std::string_view selector) {
  std::string xpath;
  if (selector.substr(0, 6) == "xpath:") {
    xpath = std::string(selector.substr(6));
  } else {
    xpath = css_to_xpath(selector);
  }
  std::string error;
  if (xpath.empty() || !is_valid_xpath(xpath, error)) {
    throw Error("selector '" + std::string(selector) + "': not valid XPath 1.0" +
                    (error.empty() ? std::string() : ": " + error),
                kExitUsage);
  }
  return xpath;
}

}  // namespace feedarchiver
