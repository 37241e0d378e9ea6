// `status -c FEEDS -o DIR [--format json] [--failing N]`: what the state knows of each feed
// of FEEDS: last fetch, failure streak, last error, next attempt. Reads the state only; a DIR
// without state is an error (exit 1), not a list of feeds never fetched.

#include <CLI/CLI.hpp>
#include <filesystem>
#include <iomanip>
#include <memory>
#include <nlohmann/json.hpp>
#include <ostream>

#include "cli/app.hpp"
#include "cli/commands.hpp"
#include "feedarchiver/config/feeds_config.hpp"
#include "feedarchiver/dates.hpp"
#include "feedarchiver/error.hpp"
#include "feedarchiver/state/state_store.hpp"

namespace feedarchiver::cli {
namespace {

namespace fs = std::filesystem;

struct StatusArgs {
  std::string feeds_path;
  std::string output_dir;
  std::string state_path;
  std::string format = "text";
  long failing = 0;  // 0: list every feed
};

struct FeedStatus {
  const config::FeedConfig* feed;
  std::optional<state::FeedRecord> record;
};

nlohmann::json to_json(const FeedStatus& status) {
  const std::optional<state::FeedRecord>& record = status.record;
  nlohmann::json out = {{"name", config::feed_label(*status.feed)},
                        {"url", status.feed->url},
                        {"enabled", status.feed->enabled},
                        {"last_fetch", nullptr},
                        {"last_status", nullptr},
                        {"http_status", nullptr},
                        {"items_archived", record ? record->items_archived : 0},
                        {"consecutive_failures", record ? record->failures : 0}};
  if (record && record->last_fetch) out["last_fetch"] = format_iso_seconds(*record->last_fetch);
  if (record && record->last_status) out["last_status"] = *record->last_status;
  if (record && record->http_status != 0) out["http_status"] = record->http_status;
  out["last_error"] = record && record->last_error ? nlohmann::json(*record->last_error) : nullptr;
  out["next_attempt"] = nullptr;
  out["next_attempt_reason"] = nullptr;
  if (record && record->next_attempt) {
    out["next_attempt"] = format_iso_seconds(*record->next_attempt);
    out["next_attempt_reason"] = record->next_attempt_reason.value_or("");
  }
  return out;
}

void print_text(const std::vector<FeedStatus>& rows, std::ostream& out) {
  out << std::left << std::setw(22) << "LAST FETCH" << std::setw(14) << "STATUS" << std::setw(6)
      << "HTTP" << std::setw(8) << "ITEMS" << std::setw(9) << "FAILURES" << std::setw(22)
      << "NEXT ATTEMPT"
      << "FEED\n";
  for (const FeedStatus& row : rows) {
    const auto& record = row.record;
    const std::string when =
        record && record->last_fetch ? format_iso_seconds(*record->last_fetch) : "never";
    std::string status = record && record->last_status ? *record->last_status : "-";
    if (!row.feed->enabled) status = "disabled";
    const std::string http =
        record && record->http_status != 0 ? std::to_string(record->http_status) : "-";
    out << std::setw(22) << when << std::setw(14) << status << std::setw(6) << http << std::setw(8)
        << (record ? record->items_archived : 0) << std::setw(9) << (record ? record->failures : 0)
        << std::setw(22)
        << (record && record->next_attempt ? format_iso_seconds(*record->next_attempt) : "due")
        << config::feed_label(*row.feed);
    if (row.feed->name) out << " <" << row.feed->url << ">";
    out << '\n';
    // Why it failed (or was deferred), under the feed.
    if (record && record->last_error) {
      out << "    " << record->next_attempt_reason.value_or("last error") << ": "
          << *record->last_error << '\n';
    }
  }
}

int run_status(const StatusArgs& args, Streams streams) {
  const config::FeedsConfig feeds = config::load_feeds_config(args.feeds_path);
  const fs::path state_path = args.state_path.empty()
                                  ? fs::path(args.output_dir) / ".feedarchiver" / "state.db"
                                  : fs::path(args.state_path);
  std::error_code ec;
  if (!fs::exists(state_path, ec)) {
    throw Error("no state at " + state_path.string() + ": no `run` has archived into " +
                    args.output_dir + " yet (or give --state FILE)",
                kExitUsage);
  }
  const auto store = std::make_unique<state::StateStore>(state_path);

  std::vector<FeedStatus> rows;
  for (const config::FeedConfig& feed : feeds.feeds) {
    FeedStatus row{&feed, store->feed(feed.url)};
    const long failures = row.record ? row.record->failures : 0;
    if (args.failing > 0 && failures < args.failing) continue;
    rows.push_back(std::move(row));
  }
  if (args.format == "json") {
    nlohmann::json list = nlohmann::json::array();
    for (const FeedStatus& row : rows) list.push_back(to_json(row));
    streams.out << nlohmann::json{{"feeds", list}}.dump(2, ' ', false,
                                                        nlohmann::json::error_handler_t::replace)
                << '\n';
  } else {
    print_text(rows, streams.out);
  }
  streams.out.flush();
  return args.failing > 0 && !rows.empty() ? kExitPartial : kExitOk;
}

}  // namespace

void add_status_command(CLI::App& app, AppState& state) {
  auto args = std::make_shared<StatusArgs>();
  CLI::App* command = app.add_subcommand(
      "status", "Per feed: last fetch, HTTP status, items archived, consecutive failures");
  command->add_option("-c,--config", args->feeds_path, "FEEDS file (JSON)")->required();
  command->add_option("-o,--output", args->output_dir, "Site directory")->required();
  command->add_option("--state", args->state_path,
                      "State database (default DIR/.feedarchiver/state.db)");
  command->add_option("--format", args->format, "text or json")
      ->check(CLI::IsMember({"text", "json"}));
  command
      ->add_option("--failing", args->failing,
                   "List only feeds failing N times in a row; exit 3 when there are any")
      ->check(CLI::PositiveNumber);
  add_common_options(*command, state);
  command->callback([&state, args] {
    state.action = [args](RunContext& context) { return run_status(*args, context.streams); };
  });
}

}  // namespace feedarchiver::cli
