#include "cli/commands.hpp"
#include "feedarchiver/error.hpp"

namespace feedarchiver::cli {

int exit_code_for(std::size_t sources, std::size_t failed) {
  if (failed == 0) return kExitOk;
  if (failed >= sources) return kExitAllFailed;
  return kExitPartial;
}

}  // namespace feedarchiver::cli
