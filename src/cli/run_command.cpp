// `run -c FEEDS -o DIR`: the cron job. FEEDS and flags → plan → the archive/ recipe over DIR
// (its lock and state) → summary and exit code.

#include <CLI/CLI.hpp>
#include <optional>

#include "cli/app.hpp"
#include "cli/commands.hpp"
#include "cli/run_printer.hpp"
#include "cli/run_stop.hpp"
#include "feedarchiver/archive/archive_run.hpp"
#include "feedarchiver/archive/plan.hpp"
#include "feedarchiver/archive/site.hpp"
#include "feedarchiver/config/feeds_config.hpp"
#include "feedarchiver/config/shard.hpp"
#include "feedarchiver/error.hpp"
#include "feedarchiver/fetch/curl_fetcher.hpp"

namespace feedarchiver::cli {
namespace {

struct RunArgs {
  std::string feeds_path;
  std::string output_dir;
  std::string state_path;  // empty: DIR/.feedarchiver/state.db
  std::string shard;       // "K/N", empty: all feeds
  bool update = false;
  bool wait = false;
  bool json_log = false;
  bool all = false;  // --all: ignore every schedule (deferrals, backoff)
};

int run_feeds(const RunArgs& args, const CommonOptions& common, fetch::Fetcher& given_fetcher,
              Streams streams) {
  const config::FeedsConfig feeds = config::load_feeds_config(args.feeds_path);
  // FEEDS defaults.jobs / per_host apply unless the command line set them.
  std::optional<fetch::CurlFetcher> configured_fetcher;
  const bool jobs_from_file = feeds.jobs && !common.jobs_given;
  const bool per_host_from_file = feeds.per_host && !common.per_host_given;
  if (jobs_from_file || per_host_from_file) {
    fetch::CurlFetcherOptions options;
    options.jobs = jobs_from_file ? static_cast<std::size_t>(*feeds.jobs) : common.jobs;
    options.per_host =
        per_host_from_file ? static_cast<std::size_t>(*feeds.per_host) : common.per_host;
    configured_fetcher.emplace(std::move(options));
  }
  fetch::Fetcher& fetcher = configured_fetcher ? *configured_fetcher : given_fetcher;
  const config::Shard shard =
      args.shard.empty() ? config::Shard{} : config::parse_shard(args.shard);
  archive::RunOptions options = run_options(common);
  options.update = args.update;
  options.scheduled = true;
  options.ignore_schedules = args.all;
  const archive::Plan plan = archive::plan_feeds(feeds, shard, options);
  const std::optional<long> deadline = common.deadline ? common.deadline : feeds.deadline;
  RunStop stop(fetcher, deadline ? std::optional(std::chrono::seconds(*deadline)) : std::nullopt);

  RunPrinter printer(streams, common, args.json_log);
  archive::Site site(
      {args.output_dir, args.state_path, archive::StateUse::create, common.dry_run, args.wait},
      printer);
  const archive::RunReport report =
      archive::archive_sources(plan, site, fetcher, streams.in, printer);

  std::string human = std::string(common.dry_run ? "would write " : "wrote ") +
                      std::to_string(report.items_new) + " new post(s)";
  if (args.update) human += ", updated " + std::to_string(report.items_updated);
  human += "; " + std::to_string(report.not_modified) + " feed(s) unchanged, " +
           std::to_string(report.failed) + " of " + std::to_string(report.sources) + " failed" +
           named_feeds(report);
  nlohmann::json event = {{"event", "run"},
                          {"feeds", report.sources},
                          {"failed", report.failed},
                          {"not_modified", report.not_modified},
                          {"items_new", report.items_new},
                          {"items_updated", report.items_updated},
                          {"dry_run", common.dry_run},
                          {"ms", report.elapsed.count()}};
  add_named_feeds(event, report);
  printer.summary(human, event);
  if (report.sources == 0) return stop.exit_code(kExitOk);
  return stop.exit_code(exit_code_for(report.sources, report.failed));
}

}  // namespace

void add_run_command(CLI::App& app, AppState& state) {
  auto args = std::make_shared<RunArgs>();
  CLI::App* command =
      app.add_subcommand("run", "Archive every feed of a FEEDS file, remembering what was seen");
  command->add_option("-c,--config", args->feeds_path, "FEEDS file (JSON)")->required();
  command->add_option("-o,--output", args->output_dir, "Site directory (posts go to DIR/_posts)")
      ->required();
  add_state_option(*command, args->state_path);
  command->add_option("--shard", args->shard,
                      "K/N: archive only the feeds whose URL hash mod N is K");
  command->add_flag("--update", args->update,
                    "Rewrite a known post in place when its content changed");
  command->add_flag("--wait", args->wait, "Wait for a run already using the state to finish");
  command->add_flag("--json-log", args->json_log, "One JSON object per event on stderr");
  command->add_flag("--all", args->all,
                    "Fetch every feed now, even those deferred or backing off after failures");
  command->add_flag("--dry-run", state.common.dry_run, "Say what would be written, write nothing");
  add_common_options(*command, state);
  add_article_options(*command, state.common);
  add_time_limit_options(*command, state.common);
  command->callback([&state, args] {
    state.action = [args](RunContext& context) {
      return run_feeds(*args, context.common, context.fetcher, context.streams);
    };
  });
}

}  // namespace feedarchiver::cli
