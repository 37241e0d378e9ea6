#pragma once
// `extract --batch`: the pages of a FILE<TAB>URL list, one JSON line each.

#include <string>

#include "cli/commands.hpp"
#include "cli/diagnostics.hpp"

namespace feedarchiver::cli {

/// Extracts every FILE<TAB>URL line of `list_file` (URL optional); exit code of spec.md.
int run_extract_batch(const std::string& list_file, const CommonOptions& common,
                      Diagnostics& diagnostics, Streams streams);

}  // namespace feedarchiver::cli
