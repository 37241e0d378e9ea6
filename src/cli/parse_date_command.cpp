// `feedarchiver parse-date STRING [--timezone ZONE] [--cst-china]`: the date parser for
// pipelines. Prints the UTC time (ISO 8601) or exits 2.
#include <CLI/CLI.hpp>
#include <memory>
#include <ostream>
#include <string>

#include "cli/app.hpp"
#include "feedarchiver/config/time_zone_file.hpp"
#include "feedarchiver/dates.hpp"
#include "feedarchiver/error.hpp"

namespace feedarchiver::cli {
namespace {

struct ParseDateArgs {
  std::string text;
  std::string timezone = "UTC";
  bool cst_china = false;
};

int run_parse_date(const ParseDateArgs& args, Streams streams) {
  DateOptions options;
  const auto zone = config::load_time_zone(args.timezone);
  if (!zone) throw Error("--timezone: unknown time zone: " + args.timezone, kExitUsage);
  options.zone = *zone;
  options.cst_is_china = args.cst_china;
  const auto parsed = parse_date(args.text, options);
  if (!parsed) {
    streams.err << "feedarchiver: error: not a date: " << args.text << '\n';
    return kExitAllFailed;
  }
  const bool whole_second = epoch_millis(*parsed) % 1000 == 0;
  streams.out << (whole_second ? format_iso_seconds(*parsed) : format_iso_millis(*parsed)) << '\n';
  return kExitOk;
}

}  // namespace

void add_parse_date_command(CLI::App& app, AppState& state) {
  auto args = std::make_shared<ParseDateArgs>();
  CLI::App* command = app.add_subcommand(
      "parse-date", "Print a feed date (RFC 822, ISO 8601, epoch, CJK, ...) as ISO 8601 UTC");
  command->add_option("STRING", args->text, "The date as a feed writes it")->required();
  command->add_option("--timezone", args->timezone,
                      "Zone for dates that name none: IANA name or offset (default UTC)");
  command->add_flag("--cst-china", args->cst_china, "Read CST as China Standard Time (+08:00)");
  command->callback([&state, args] {
    state.action = [args](RunContext& context) { return run_parse_date(*args, context.streams); };
  });
}

}  // namespace feedarchiver::cli
