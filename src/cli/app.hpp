#pragma once
// The command line, assembled: each command file registers its CLI11 subcommand, flags and
// action here; run_app parses argv, runs the chosen action and maps errors to exit codes.

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "cli/commands.hpp"
#include "feedarchiver/fetch/fetcher.hpp"

namespace CLI {
class App;
class Option;
}  // namespace CLI

namespace feedarchiver::cli {

/// What every command's action gets once the flags are parsed.
struct RunContext {
  const CommonOptions& common;
  Streams streams;
  fetch::Fetcher& fetcher;
};

/// Flags shared by the commands, filled by CLI11, finished by run_app (timeout, --now).
struct AppState {
  CommonOptions common;
  std::string now_text;
  long timeout_seconds = 60;
  long connect_timeout_seconds = 10;
  std::function<int(RunContext&)> action;      // set by the subcommand that was chosen
  std::vector<CLI::Option*> jobs_options;      // every subcommand's --jobs
  std::vector<CLI::Option*> per_host_options;  // every subcommand's --per-host
};

/// Adds -q, -v, --timeout, --connect-timeout, -j/--jobs, --per-host, --max-size, --user-agent,
/// --proxy, --insecure and the hidden --now to `command`.
void add_common_options(CLI::App& command, AppState& state);

/// Adds -o/--output DIR, --name NAME and --dry-run: the options of commands that write posts.
void add_output_options(CLI::App& command, AppState& state, std::string& output_dir,
                        std::optional<std::string>& name);

// One per command, each in src/cli/<command>_command.cpp.
void add_archive_command(CLI::App& app, AppState& state);
void add_parse_command(CLI::App& app, AppState& state);
void add_render_command(CLI::App& app, AppState& state);
void add_parse_date_command(CLI::App& app, AppState& state);
void add_extract_command(CLI::App& app, AppState& state);
void add_run_command(CLI::App& app, AppState& state);
void add_status_command(CLI::App& app, AppState& state);
void add_opml_commands(CLI::App& app, AppState& state);  // import-opml, export-opml
void add_test_rules_command(CLI::App& app, AppState& state);
void add_init_command(CLI::App& app, AppState& state);
void add_import_urls_command(CLI::App& app, AppState& state);

/// Parses argv and runs the command; returns the exit code of spec.md.
int run_app(int argc, char** argv, Streams streams);

}  // namespace feedarchiver::cli
