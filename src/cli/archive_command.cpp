// `archive SOURCE... -o DIR`: flags → plan → the archive/ recipe → summary and exit code.

#include <CLI/CLI.hpp>
#include <ostream>

#include "cli/app.hpp"
#include "cli/commands.hpp"
#include "cli/run_printer.hpp"
#include "cli/run_stop.hpp"
#include "feedarchiver/archive/archive_run.hpp"
#include "feedarchiver/archive/plan.hpp"
#include "feedarchiver/archive/site.hpp"

namespace feedarchiver::cli {

int run_archive(const ArchiveArgs& args, const CommonOptions& common, fetch::Fetcher& fetcher,
                Streams streams) {
  // Refuses a bad SOURCE (a file:// URL, say) before anything is fetched or written.
  const archive::Plan plan = archive::plan_sources(args.sources, args.name, run_options(common));
  RunStop stop(fetcher, common.deadline ? std::optional(std::chrono::seconds(*common.deadline))
                                        : std::nullopt);
  RunPrinter printer(streams, common, false);
  // DIR's state, when it has one: the same dedupe as `run`.
  archive::Site site(
      {args.output_dir, args.state_path, archive::StateUse::if_present, common.dry_run, false},
      printer);
  const archive::RunReport report =
      archive::archive_sources(plan, site, fetcher, streams.in, printer);
  printer.summary(std::string(common.dry_run ? "would write " : "wrote ") +
                      std::to_string(report.items_new) + " new post(s), " +
                      std::to_string(report.items_known) + " already archived, " +
                      std::to_string(report.not_modified) + " feed(s) unchanged, " +
                      std::to_string(report.failed) + " of " + std::to_string(report.sources) +
                      " source(s) failed" + named_feeds(report),
                  nullptr);
  return stop.exit_code(exit_code_for(report.sources, report.failed));
}

void add_archive_command(CLI::App& app, AppState& state) {
  auto args = std::make_shared<ArchiveArgs>();
  CLI::App* command = app.add_subcommand("archive", "Archive feeds (URL, file or -) as posts");
  command->add_option("SOURCE", args->sources, "Feed URL, file, or - for stdin")->required();
  add_output_options(*command, state, args->output_dir, args->name);
  add_state_option(*command, args->state_path);
  add_common_options(*command, state);
  add_article_options(*command, state.common);
  add_time_limit_options(*command, state.common);
  command->callback([&state, args] {
    state.action = [args](RunContext& context) {
      return run_archive(*args, context.common, context.fetcher, context.streams);
    };
  });
}

}  // namespace feedarchiver::cli
