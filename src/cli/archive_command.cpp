#include <ostream>

#include <CLI/CLI.hpp>
#include "feedarchiver/cli/app.hpp"
#include "feedarchiver/cli/commands.hpp"
#include "feedarchiver/cli/diagnostics.hpp"
#include "feedarchiver/fetch/source.hpp"
#include "feedarchiver/pipeline.hpp"
#include "feedarchiver/write/jekyll_writer.hpp"

namespace feedarchiver::cli {

int run_archive(const ArchiveArgs& args, const CommonOptions& common, fetch::Fetcher& fetcher,
                Streams streams) {
  Diagnostics diagnostics(streams.err, common.quiet, common.verbose);
  // Refuse a bad SOURCE (a file:// URL, say) before anything is fetched or written.
  std::vector<fetch::Source> sources;
  for (const std::string& argument : args.sources) {
    sources.push_back(fetch::classify_source(argument));
  }
  write::JekyllWriter writer(args.output_dir, common.dry_run);

  std::size_t failed = 0;
  std::size_t written = 0;
  std::size_t already_present = 0;
  for (const fetch::Source& source : sources) {
    const std::string& label = source.location;
    LoadedFeed loaded = load_feed(source, fetcher, common.limits, streams.in);
    if (!loaded.feed) {
      diagnostics.error(label, loaded.error);
      ++failed;
      continue;
    }
    const Feed& feed = *loaded.feed;
    diagnostics.warnings(label, feed.warnings);
    if (feed.items.empty()) diagnostics.warning(label, "the feed has no items");

    const ArchiveReport report =
        archive_items(feed.items, source_name(args.name, feed.meta), common.now, writer);
    print_posts(report, label, diagnostics, streams.out);
    written += report.written;
    already_present += report.already_present;
  }
  streams.out.flush();
  diagnostics.summary(std::string(common.dry_run ? "would write " : "wrote ") +
                      std::to_string(written) + " new post(s), " + std::to_string(already_present) +
                      " already archived, " + std::to_string(failed) + " of " +
                      std::to_string(sources.size()) + " source(s) failed");
  return exit_code_for(sources.size(), failed);
}

void add_archive_command(CLI::App& app, AppState& state) {
  auto args = std::make_shared<ArchiveArgs>();
  CLI::App* command = app.add_subcommand("archive", "Archive feeds (URL, file or -) as posts");
  command->add_option("SOURCE", args->sources, "Feed URL, file, or - for stdin")->required();
  command->add_option("-o,--output", args->output_dir, "Site directory (posts go to DIR/_posts)")
      ->required();
  command->add_option("--name", args->name,
                      "Source name for author, tags and categories (default: the feed title)");
  command->add_flag("--dry-run", state.common.dry_run, "Say what would be written, write nothing");
  add_common_options(*command, state);
  command->callback([&state, args] {
    state.action = [args](RunContext& context) {
      return run_archive(*args, context.common, context.fetcher, context.streams);
    };
  });
}

}  // namespace feedarchiver::cli
