// `render -o DIR`: `parse --format jsonl` lines on stdin → the archive/ recipe's commit pass.

#include <CLI/CLI.hpp>
#include <ostream>

#include "cli/app.hpp"
#include "cli/commands.hpp"
#include "cli/run_printer.hpp"
#include "feedarchiver/archive/archive_run.hpp"
#include "feedarchiver/archive/site.hpp"

namespace feedarchiver::cli {

int run_render(const RenderArgs& args, const CommonOptions& common, Streams streams) {
  RunPrinter printer(streams, common, false);
  archive::Site site(
      {args.output_dir, args.state_path, archive::StateUse::if_present, common.dry_run, false},
      printer);
  const archive::RunReport report =
      archive::render_lines(streams.in, args.name, run_options(common), site, printer);
  printer.summary(std::string(common.dry_run ? "would write " : "wrote ") +
                      std::to_string(report.items_new) + " new post(s) from " +
                      std::to_string(report.sources) + " line(s), " +
                      std::to_string(report.failed) + " unreadable",
                  nullptr);
  return exit_code_for(report.sources, report.failed);
}

void add_render_command(CLI::App& app, AppState& state) {
  auto args = std::make_shared<RenderArgs>();
  CLI::App* command =
      app.add_subcommand("render", "Write `parse --format jsonl` lines from stdin as posts");
  add_output_options(*command, state, args->output_dir, args->name);
  add_state_option(*command, args->state_path);
  add_common_options(*command, state);
  command->callback([&state, args] {
    state.action = [args](RunContext& context) {
      return run_render(*args, context.common, context.streams);
    };
  });
}

}  // namespace feedarchiver::cli
