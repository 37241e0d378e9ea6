// `import-urls FILE|-`: a newsboat urls file → FEEDS JSON on stdout (one feed a line, `#`
// comments, quoted tags, "~Title").
#include <CLI/CLI.hpp>
#include <memory>
#include <ostream>
#include <string>

#include "cli/app.hpp"
#include "cli/commands.hpp"
#include "cli/diagnostics.hpp"
#include "feedarchiver/config/newsboat_urls.hpp"
#include "feedarchiver/error.hpp"

namespace feedarchiver::cli {
namespace {

int run_import_urls(const std::string& file, const CommonOptions& common, Streams streams) {
  Diagnostics diagnostics(streams.err, common.quiet, common.verbose);
  const std::string origin = file == "-" ? "stdin" : file;
  const config::FeedsImport imported = config::import_newsboat_urls(read_input(file, streams.in));
  return print_feeds_import(origin, imported, diagnostics, streams);
}

}  // namespace

void add_import_urls_command(CLI::App& app, AppState& state) {
  auto file = std::make_shared<std::string>();
  CLI::App* command = app.add_subcommand(
      "import-urls", "Convert a newsboat urls file to a FEEDS file (JSON) on stdout");
  command->add_option("FILE", *file, "urls file, or - for stdin")->required();
  command->add_flag("-q,--quiet", state.common.quiet, "Print errors only");
  command->callback([&state, file] {
    state.action = [file](RunContext& context) {
      return run_import_urls(*file, context.common, context.streams);
    };
  });
}

}  // namespace feedarchiver::cli
