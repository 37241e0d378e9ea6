// The flags several commands share (common, article, time-limit, state, output), and how
// they become the library's archive::RunOptions.

#include <CLI/CLI.hpp>
#include <chrono>

#include "cli/app.hpp"
#include "cli/commands.hpp"
#include "feedarchiver/archive/archive_run.hpp"

namespace feedarchiver::cli {

void add_common_options(CLI::App& command, AppState& state) {
  CommonOptions& common = state.common;
  command.add_flag("-q,--quiet", common.quiet, "Print errors only");
  command.add_flag("-v,--verbose", common.verbose, "Also say what was skipped and why");
  command
      .add_option("--timeout", state.timeout_seconds, "Total time allowed per transfer, seconds")
      ->check(CLI::PositiveNumber);
  command
      .add_option("--connect-timeout", state.connect_timeout_seconds,
                  "Time allowed to connect, seconds")
      ->check(CLI::PositiveNumber);
  state.jobs_options.push_back(
      command.add_option("-j,--jobs", common.jobs, "Transfers at once (default 8)")
          ->check(CLI::Range(1, 1000)));
  state.per_host_options.push_back(
      command
          .add_option("--per-host", common.per_host, "Transfers at once to one host (default 4)")
          ->check(CLI::Range(1, 1000)));
  command
      .add_option("--max-size", common.limits.max_bytes,
                  "Largest response accepted, decompressed (bytes, or 10MiB...; default 50MiB)")
      ->transform(CLI::AsSizeValue(false))
      ->check(CLI::PositiveNumber);
  command.add_option("--user-agent", common.limits.user_agent,
                     "User-Agent header (default feedarchiver/" FEEDARCHIVER_VERSION ")");
  command.add_option("--proxy", common.limits.proxy,
                     "Proxy URL (http, https, socks5h); default: the *_proxy variables");
  command.add_flag("--insecure", common.limits.insecure, "Do not verify TLS certificates");
  command
      .add_option("--now", state.now_text, "Fetch time to use (ISO 8601), for reproducible output")
      ->group("");  // hidden: for tests and reproducible runs
}

void add_article_options(CLI::App& command, CommonOptions& common) {
  command.add_flag("--full-text", common.full_text,
                   "Fetch each new item's page and use its article as the body");
  command
      .add_option("--images", common.images,
                  "keep: link images where they are; download: store them under DIR/assets/")
      ->check(CLI::IsMember({"keep", "download"}));
  add_site_config_option(command, common);
}

void add_time_limit_options(CLI::App& command, CommonOptions& common) {
  command.add_flag("--log-time", common.log_time,
                   "Start every log line on stderr with its ISO-8601 UTC time");
  command
      .add_option("--budget", common.budget,
                  "Seconds one source may take, retries and waits included (default 90)")
      ->check(CLI::Range(1L, 86400L));
  command
      .add_option("--deadline", common.deadline,
                  "Seconds the whole run may take: then complete feeds are committed, the rest "
                  "reported as not reached")
      ->check(CLI::Range(1L, 7L * 86400L));
}

void add_state_option(CLI::App& command, std::string& state_path) {
  command.add_option("--state", state_path, "State database (default DIR/.feedarchiver/state.db)");
}

archive::RunOptions run_options(const CommonOptions& common) {
  archive::RunOptions options;
  options.dry_run = common.dry_run;
  options.full_text = common.full_text;
  options.images = common.images;
  options.limits = common.limits;
  if (common.budget) {
    options.budget = std::chrono::seconds(*common.budget);
    options.limits.budget = *options.budget;
  }
  options.now = common.now;
  options.site_config_dir = common.site_config_dir;
  return options;
}

void add_site_config_option(CLI::App& command, CommonOptions& common) {
  command.add_option("--site-config", common.site_config_dir,
                     "Directory of ftr-site-config rule files (example.com.txt) for pages");
}

void add_output_options(CLI::App& command, AppState& state, std::string& output_dir,
                        std::optional<std::string>& name) {
  command.add_option("-o,--output", output_dir, "Site directory (posts go to DIR/_posts)")
      ->required();
  command.add_option("--name", name,
                     "Source name for author, tags and categories (default: the feed title)");
  command.add_flag("--dry-run", state.common.dry_run, "Say what would be written, write nothing");
}

}  // namespace feedarchiver::cli
