#include "feedarchiver/cli/diagnostics.hpp"
#include "feedarchiver/pipeline.hpp"

namespace feedarchiver::cli {

void print_posts(const ArchiveReport& report, const std::string& source, Diagnostics& diagnostics,
                 std::ostream& out) {
  for (const PostReport& post : report.posts) {
    if (post.outcome.status == write::WriteStatus::already_present) {
      diagnostics.info("already archived: " + post.outcome.path.string());
      continue;
    }
    diagnostics.warnings(source, post.warnings);
    out << post.outcome.path.string() << '\n';
  }
}

}  // namespace feedarchiver::cli
