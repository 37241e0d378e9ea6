#pragma once
// Private to write/: the flow-sequence variant of yaml_plain_or_quoted.

#include <string>
#include <string_view>

namespace feedarchiver::write::detail {

/// yaml_plain_or_quoted for an item of a `[ ... ]` flow sequence: also quotes any ':',
/// which libyaml before 0.2.1 (still bundled by some Ruby builds) rejects there.
std::string yaml_flow_scalar(std::string_view text);

}  // namespace feedarchiver::write::detail
