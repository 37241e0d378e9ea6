#pragma once
// Entities declared in a document's internal DTD subset (<!DOCTYPE rss [<!ENTITY id "...">]>),
// expanded safely before parsing. Private to parse/.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace feedarchiver::parse {

/// At most this many bytes are added by expansions in one document; past it the references
/// are left as they are (and become text, like any undeclared reference).
constexpr std::size_t kMaxEntityExpansionBytes = 256 * 1024;

struct EntityExpansion {
  std::string text;       // the document with the references replaced
  std::size_t count = 0;  // references replaced
  bool capped = false;    // kMaxEntityExpansionBytes was reached
};

/// Replaces, after the DOCTYPE, each `&name;` of an entity declared in the internal subset
/// whose value is plain text: a quoted literal with no '&', '%' or '<' — so never a nested
/// reference (no billion laughs), never an external (SYSTEM/PUBLIC) or parameter entity.
/// Values are escaped for XML where they land; CDATA sections and comments are left alone.
/// nullopt when the document declares no such entity or never uses one.
std::optional<EntityExpansion> expand_internal_entities(std::string_view xml);

}  // namespace feedarchiver::parse
