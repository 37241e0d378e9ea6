#include <istream>
#include <ostream>

#include <CLI/CLI.hpp>
#include "feedarchiver/cli/app.hpp"
#include "feedarchiver/cli/commands.hpp"
#include "feedarchiver/cli/diagnostics.hpp"
#include "feedarchiver/error.hpp"
#include "feedarchiver/normalize/normalize_feed.hpp"
#include "feedarchiver/parse/feed_json.hpp"
#include "feedarchiver/pipeline.hpp"
#include "feedarchiver/write/jekyll_writer.hpp"

namespace feedarchiver::cli {

int run_render(const RenderArgs& args, const CommonOptions& common, Streams streams) {
  Diagnostics diagnostics(streams.err, common.quiet, common.verbose);
  write::JekyllWriter writer(args.output_dir, common.dry_run);

  std::size_t lines = 0;
  std::size_t failed = 0;
  std::size_t written = 0;
  std::string line;
  for (std::size_t number = 1; std::getline(streams.in, line); ++number) {
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    ++lines;
    const std::string label = "stdin line " + std::to_string(number);
    Feed feed;
    try {
      parse::JsonlItem read = parse::item_from_jsonl(nlohmann::json::parse(line));
      feed.meta = std::move(read.feed);
      feed.items.push_back(std::move(read.item));
    } catch (const nlohmann::json::exception& e) {
      diagnostics.error(label, std::string("not a parse --format jsonl line: ") + e.what());
      ++failed;
      continue;
    } catch (const Error& e) {
      diagnostics.error(label, e.what());
      ++failed;
      continue;
    }
    // The line may have been edited in the pipe: sanitize and resolve it again.
    normalize::normalize_feed(feed);
    const ArchiveReport report =
        archive_items(feed.items, source_name(args.name, feed.meta), common.now, writer);
    print_posts(report, label, diagnostics, streams.out);
    written += report.written;
  }
  streams.out.flush();
  diagnostics.summary(std::string(common.dry_run ? "would write " : "wrote ") +
                      std::to_string(written) + " new post(s) from " + std::to_string(lines) +
                      " line(s), " + std::to_string(failed) + " unreadable");
  return exit_code_for(lines, failed);
}

void add_render_command(CLI::App& app, AppState& state) {
  auto args = std::make_shared<RenderArgs>();
  CLI::App* command =
      app.add_subcommand("render", "Write `parse --format jsonl` lines from stdin as posts");
  add_output_options(*command, state, args->output_dir, args->name);
  add_common_options(*command, state);
  command->callback([&state, args] {
    state.action = [args](RunContext& context) {
      return run_render(*args, context.common, context.streams);
    };
  });
}

}  // namespace feedarchiver::cli
