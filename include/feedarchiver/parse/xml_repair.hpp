#pragma once
// Cheap repairs of malformed XML before pugixml sees it, and byte offsets → line/column.
// Private to parse/.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace feedarchiver::parse {

struct EntityRepair {
  std::string text;              // the repaired document
  std::size_t count = 0;         // how many references were rewritten
  std::size_t first_offset = 0;  // byte offset of the first one in the original
};

/// Rewrites every `&` that does not start a valid XML reference: HTML named entities
/// (`&nbsp;`, `&eacute;`, ...) become numeric references, anything else `&amp;`; numeric
/// references to invalid characters become U+FFFD. CDATA, comments, processing instructions
/// and the DOCTYPE are left alone. nullopt when nothing needed repair.
std::optional<EntityRepair> repair_entities(std::string_view xml);

struct TextPosition {
  std::size_t line = 1;    // 1-based
  std::size_t column = 1;  // 1-based, in code points
};

/// The line and column of byte `offset` in UTF-8 `text` (clamped to its end).
TextPosition position_at(std::string_view text, std::size_t offset);

}  // namespace feedarchiver::parse
