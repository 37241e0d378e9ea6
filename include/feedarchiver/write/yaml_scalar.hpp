#pragma once
// YAML scalars for the front matter: every value is valid YAML whatever the input.

#include <string>
#include <string_view>

namespace feedarchiver::write {

/// A YAML double-quoted scalar, quotes included: `\"`, `\\`, control characters as
/// `\n`/`\t`/`\xNN`, C1 controls, U+2028/2029 and U+FEFF escaped; invalid UTF-8 → U+FFFD.
std::string yaml_double_quoted(std::string_view text);

/// `text` as a plain scalar when YAML (1.1 and 1.2, block and flow context) reads it back as
/// the same string, else yaml_double_quoted(text). Safe inside `[ ... ]` flow sequences.
std::string yaml_plain_or_quoted(std::string_view text);

}  // namespace feedarchiver::write
