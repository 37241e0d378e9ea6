#include "cli/app.hpp"

#include <unistd.h>

#include <CLI/CLI.hpp>
#include <chrono>
#include <iostream>

#include "feedarchiver/dates.hpp"
#include "feedarchiver/error.hpp"
#include "feedarchiver/fetch/curl_fetcher.hpp"

namespace feedarchiver::cli {

namespace {

/// Finishes the shared options after parsing: time-out, the run's fetch time.
void finish_common_options(AppState& state) {
  state.common.limits.total_timeout = std::chrono::seconds(state.timeout_seconds);
  state.common.limits.connect_timeout = std::chrono::seconds(state.connect_timeout_seconds);
  state.common.now =
      std::chrono::time_point_cast<std::chrono::milliseconds>(std::chrono::system_clock::now());
  if (!state.now_text.empty()) {
    const auto parsed = parse_date(state.now_text);
    if (!parsed) throw Error("--now: not a date: " + state.now_text, kExitUsage);
    state.common.now = *parsed;
  }
}

}  // namespace

int run_app(int argc, char** argv, Streams streams) {
  CLI::App app{"feedarchiver: archives RSS, Atom and JSON feeds as Jekyll posts", "feedarchiver"};
  app.set_version_flag("--version", "feedarchiver " FEEDARCHIVER_VERSION);
  app.require_subcommand(1);

  AppState state;
  add_archive_command(app, state);
  add_parse_command(app, state);
  add_render_command(app, state);
  add_parse_date_command(app, state);
  add_extract_command(app, state);
  add_run_command(app, state);
  add_status_command(app, state);
  add_opml_commands(app, state);
  add_test_rules_command(app, state);
  add_init_command(app, state);
  add_import_urls_command(app, state);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e, streams.out, streams.err);
    return code == 0 ? kExitOk : kExitUsage;
  }

  try {
    finish_common_options(state);
    if (state.common.limits.insecure) {
      streams.err << "feedarchiver: warning: --insecure: TLS certificates are not verified\n";
    }
    for (const CLI::Option* option : state.jobs_options) {
      state.common.jobs_given = state.common.jobs_given || option->count() > 0;
    }
    for (const CLI::Option* option : state.per_host_options) {
      state.common.per_host_given = state.common.per_host_given || option->count() > 0;
    }
    state.common.progress =
        &streams.err == &std::cerr && isatty(STDERR_FILENO) == 1 && !state.common.quiet;
    fetch::CurlFetcherOptions fetcher_options;
    fetcher_options.jobs = state.common.jobs;
    fetcher_options.per_host = state.common.per_host;
    fetch::CurlFetcher fetcher(std::move(fetcher_options));
    RunContext context{state.common, streams, fetcher};
    return state.action(context);
  } catch (const Error& e) {
    streams.err << "feedarchiver: error: " << e.what() << '\n';
    return e.exit_code();
  } catch (const std::exception& e) {
    streams.err << "feedarchiver: error: " << e.what() << '\n';
    return kExitAllFailed;
  }
}

}  // namespace feedarchiver::cli
