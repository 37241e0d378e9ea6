// `import-opml FILE|-` (OPML → FEEDS JSON on stdout) and `export-opml -c FEEDS` (the reverse).

#include <CLI/CLI.hpp>
#include <fstream>
#include <memory>
#include <ostream>
#include <sstream>

#include "cli/app.hpp"
#include "cli/commands.hpp"
#include "cli/diagnostics.hpp"
#include "feedarchiver/config/feeds_config.hpp"
#include "feedarchiver/config/opml.hpp"
#include "feedarchiver/error.hpp"

namespace feedarchiver::cli {

std::string read_input(const std::string& file, std::istream& in) {
  std::ostringstream text;
  if (file == "-") {
    text << in.rdbuf();
    return text.str();
  }
  std::ifstream stream(file, std::ios::binary);
  if (!stream) throw Error("cannot read " + file);
  text << stream.rdbuf();
  return text.str();
}

int print_feeds_import(const std::string& origin, const config::FeedsImport& imported,
                       Diagnostics& diagnostics, Streams streams) {
  diagnostics.warnings(origin, imported.warnings);
  if (imported.feeds_json["feeds"].empty()) diagnostics.warning(origin, "no feed found");
  streams.out << imported.feeds_json.dump(2, ' ', false, nlohmann::json::error_handler_t::replace)
              << '\n';
  streams.out.flush();
  return kExitOk;
}

namespace {

int run_import_opml(const std::string& file, const CommonOptions& common, Streams streams) {
  Diagnostics diagnostics(streams.err, common.quiet, common.verbose);
  const std::string origin = file == "-" ? "stdin" : file;
  const config::FeedsImport imported = config::import_opml(read_input(file, streams.in), origin);
  return print_feeds_import(origin, imported, diagnostics, streams);
}

int run_export_opml(const std::string& feeds_path, Streams streams) {
  streams.out << config::export_opml(config::load_feeds_config(feeds_path));
  streams.out.flush();
  return kExitOk;
}

}  // namespace

void add_opml_commands(CLI::App& app, AppState& state) {
  auto file = std::make_shared<std::string>();
  CLI::App* import_command =
      app.add_subcommand("import-opml", "Convert OPML to a FEEDS file (JSON) on stdout");
  import_command->add_option("FILE", *file, "OPML file, or - for stdin")->required();
  add_common_options(*import_command, state);
  import_command->callback([&state, file] {
    state.action = [file](RunContext& context) {
      return run_import_opml(*file, context.common, context.streams);
    };
  });

  auto feeds_path = std::make_shared<std::string>();
  CLI::App* export_command =
      app.add_subcommand("export-opml", "Convert a FEEDS file to OPML on stdout");
  export_command->add_option("-c,--config", *feeds_path, "FEEDS file (JSON)")->required();
  add_common_options(*export_command, state);
  export_command->callback([&state, feeds_path] {
    state.action = [feeds_path](RunContext& context) {
      return run_export_opml(*feeds_path, context.streams);
    };
  });
}

}  // namespace feedarchiver::cli
