#pragma once
// A fast path for the sanitizer: most feed bodies are plain, well-nested HTML (paragraphs,
// links, images, emphasis, lists). For such a fragment the HTML5 tree is exactly the tags
// as written, so it can be built in one pass without gumbo's general machinery.
//
// parse_simple_fragment accepts only input whose HTML5 parse (fragment, context <div>) is
// certain to equal the tags as written: a closed list of elements, every end tag closing
// the current element, no implicit closes (a block start inside <p>, <li> outside a list,
// <a> inside <a>, nested headings), no raw-text elements, entities either well-formed
// references or a literal `&` that no reference could start, valid UTF-8 without control
// characters. Anything else gives nullopt and the caller parses with gumbo. The tree is
// made of gumbo's own node structs, so the sanitizer walks it unchanged; a differential test
// (and a fuzz target) check that both paths sanitize to the same bytes.

#include <memory>
#include <string_view>

struct GumboInternalNode;

namespace feedarchiver::normalize {

class SimpleFragment {
 public:
  virtual ~SimpleFragment() = default;
  /// The fragment's root (an <html> element whose children are the fragment's nodes).
  virtual const GumboInternalNode* root() const = 0;
};

/// The tree of `html` when it is in the simple subset, else nullptr (parse it with gumbo).
/// The returned tree owns copies of everything it needs. Never throws on input.
std::unique_ptr<SimpleFragment> parse_simple_fragment(std::string_view html);

}  // namespace feedarchiver::normalize
