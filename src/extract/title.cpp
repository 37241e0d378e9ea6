#include "feedarchiver/extract/title.hpp"

#include <array>

#include "feedarchiver/extract/dom.hpp"
#include "feedarchiver/extract/text_measure.hpp"

namespace feedarchiver::extract {

namespace {

// " | ", " - ", ... : what sites put between the story and their name.
constexpr std::array<std::string_view, 8> kSeparators = {
    " | ", " - ", " \xE2\x80\x93 ", " \xE2\x80\x94 ", " \\ ", " / ", " > ", " \xC2\xBB "};
constexpr std::array<std::string_view, 4> kHierarchical = {" \\ ", " / ", " > ", " \xC2\xBB "};

std::string collapse(std::string_view text) {
  std::string out;
  append_collapsed(out, text);
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

// Position of the first / last separator, npos when none.
std::size_t find_separator(std::string_view title, bool last, std::size_t& length) {
  std::size_t best = std::string_view::npos;
  for (std::string_view separator : kSeparators) {
    const std::size_t at = last ? title.rfind(separator) : title.find(separator);
    if (at == std::string_view::npos) continue;
    if (best == std::string_view::npos || (last ? at > best : at < best)) {
      best = at;
      length = separator.size();
    }
  }
  return best;
}

std::size_t cjk_characters(std::string_view text) {
  std::size_t count = 0;
  for (std::size_t i = 0; i + 3 <= text.size(); ++i) {
    const auto byte = static_cast<unsigned char>(text[i]);
    if (byte >= 0xE0 && byte < 0xF0 && measure_text(text.substr(i, 3)).chars == kCjkWeight) {
      ++count;
      i += 2;
    }
  }
  return count;
}

}  // namespace

std::size_t title_word_count(std::string_view text) {
  std::size_t words = 0;
  bool in_word = false;
  for (std::size_t i = 0; i < text.size();) {
    const auto byte = static_cast<unsigned char>(text[i]);
    const std::size_t length = byte < 0x80 ? 1 : byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : 2;
    if (byte == ' ' || byte == '\t' || byte == '\n') {
      in_word = false;
    } else if (length >= 3 && i + length <= text.size() &&
               measure_text(text.substr(i, length)).chars == kCjkWeight) {
      ++words;
      in_word = false;
    } else if (!in_word) {
      ++words;
      in_word = true;
    }
    i += length;
  }
  return words;
}

std::string title_from_document(std::string_view document_title,
                                const std::vector<std::string>& h1s,
                                const std::vector<std::string>& headings) {
  const std::string original = collapse(document_title);
  // A CJK page's own heading, when its <title> is that heading plus the site's name
  // ("标题 _栏目 _网站"): such titles have no spaced separators to cut at.
  for (const std::string& h1 : h1s) {
    if (h1.size() >= 6 && h1.size() + 2 < original.size() && original.rfind(h1, 0) == 0 &&
        cjk_characters(h1) >= 4 &&
        std::string_view(" _|-").find(original[h1.size()]) != std::string_view::npos) {
      return h1;
    }
  }
  std::string current = original;
  bool hierarchical = false;
  std::size_t length = 0;
  if (find_separator(original, true, length) != std::string::npos) {
    for (std::string_view separator : kHierarchical) {
      hierarchical = hierarchical || original.find(separator) != std::string::npos;
    }
    current = original.substr(0, find_separator(original, true, length));
    if (title_word_count(current) < 3) {
      const std::size_t first = find_separator(original, false, length);
      current = original.substr(first + length);
    }
  } else if (original.find(": ") != std::string::npos) {
    bool is_heading = false;
    for (const std::string& heading : headings) is_heading = is_heading || heading == original;
    if (!is_heading) {
      current = original.substr(original.rfind(':') + 1);
      if (title_word_count(current) < 3) {
        current = original.substr(original.find(':') + 1);
      } else if (title_word_count(original.substr(0, original.find(':'))) > 5) {
        current = original;
      }
    }
  } else if ((original.size() > 150 || original.size() < 15) && h1s.size() == 1) {
    current = h1s.front();
  }
  current = collapse(current);
  const std::size_t words = title_word_count(current);
  if (words <= 4) {
    std::string without_separators;
    std::size_t at = 0;
    for (std::size_t sep_length = 0;;) {
      const std::string_view rest = std::string_view(original).substr(at);
      const std::size_t next = find_separator(rest, false, sep_length);
      if (next == std::string_view::npos) {
        without_separators += rest;
        break;
      }
      without_separators += rest.substr(0, next);
      without_separators += ' ';
      at += next + sep_length;
    }
    if (!hierarchical || words != title_word_count(without_separators) - 1) current = original;
  }
  return current;
}

}  // namespace feedarchiver::extract
