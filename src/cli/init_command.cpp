// `feedarchiver init DIR [--title T]`: makes DIR a Jekyll site around DIR/_posts (spec.md,
// "The site"). Prints each file written; says on stderr which files it kept as they were.
#include <CLI/CLI.hpp>
#include <filesystem>
#include <memory>
#include <ostream>
#include <string>

#include "cli/app.hpp"
#include "cli/diagnostics.hpp"
#include "feedarchiver/error.hpp"
#include "feedarchiver/site/site_scaffold.hpp"

namespace feedarchiver::cli {
namespace {

struct InitArgs {
  std::string dir;
  std::string title = "Feed archive";
};

int run_init(const InitArgs& args, const CommonOptions& common, Streams streams) {
  Diagnostics diagnostics(streams.err, common.quiet, common.verbose);
  const std::filesystem::path dir(args.dir);
  const site::ScaffoldResult result = site::init_site(dir, args.title);
  for (const std::string& path : result.written) {
    streams.out << (dir / path).string() << '\n';
  }
  streams.out.flush();
  for (const site::KeptFile& kept : result.kept) {
    diagnostics.summary(
        "kept " + (dir / kept.existing).string() +
        (kept.existing == kept.path ? " (already there)" : " (in place of " + kept.path + ")"));
  }
  diagnostics.summary("next: feedarchiver archive FEED -o " + args.dir + " && jekyll build -s " +
                      args.dir + " -d " + (dir / "_site").string());
  return kExitOk;
}

}  // namespace

void add_init_command(CLI::App& app, AppState& state) {
  auto args = std::make_shared<InitArgs>();
  CLI::App* command = app.add_subcommand(
      "init", "Make DIR a Jekyll site that shows the archive (never overwrites a file)");
  command->add_option("DIR", args->dir, "Site directory (posts go to DIR/_posts)")->required();
  command->add_option("--title", args->title, "The site's title (default \"Feed archive\")");
  command->add_flag("-q,--quiet", state.common.quiet, "Print errors only");
  command->callback([&state, args] {
    state.action = [args](RunContext& context) {
      return run_init(*args, context.common, context.streams);
    };
  });
}

}  // namespace feedarchiver::cli
