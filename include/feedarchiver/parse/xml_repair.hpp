#pragma once
// Cheap repairs of malformed XML before pugixml sees it, and byte offsets → line/column.
// Private to parse/.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace feedarchiver::parse {

/// Warnings name at most this many repairs of one kind, then say how many more.
constexpr std::size_t kMaxListedRepairs = 10;

struct EntityRepair {
  std::string text;                  // the repaired document
  std::size_t count = 0;             // how many references were rewritten
  std::size_t first_offset = 0;      // byte offset of the first one in the original
  std::vector<std::size_t> offsets;  // the first kMaxListedRepairs of them
};

/// Rewrites every `&` that does not start a valid XML reference: HTML named entities
/// (`&nbsp;`, `&eacute;`, all of HTML5's) become numeric references, anything else `&amp;`;
/// numeric references to invalid characters become U+FFFD, to C1 controls windows-1252's
/// characters; C0 control characters are removed. CDATA, comments, processing instructions
/// and the DOCTYPE are left alone (its entities are never expanded: `&name;` defined there
/// becomes text). nullopt when nothing needed repair (and then nothing was copied).
std::optional<EntityRepair> repair_entities(std::string_view xml);

struct StructureRepair {
  struct Repair {
    std::size_t offset;  // in the input
    std::string what;
  };
  std::string text;
  std::vector<Repair> repairs;
  std::vector<std::string> closed_at_end;  // elements still open at the end, innermost first
};

/// Makes tag structure well-formed the way HTML parsers do: unquoted attribute values quoted,
/// value-less attributes given one, duplicate attributes dropped, a '<' that starts no tag
/// escaped, end tags closing the elements left open inside them, stray end tags dropped,
/// elements open at the end closed. For documents pugixml rejected; slower than it.
std::optional<StructureRepair> repair_structure(std::string_view xml);

struct TextPosition {
  std::size_t line = 1;    // 1-based
  std::size_t column = 1;  // 1-based, in code points
};

/// The line and column of byte `offset` in UTF-8 `text` (clamped to its end).
TextPosition position_at(std::string_view text, std::size_t offset);

}  // namespace feedarchiver::parse
