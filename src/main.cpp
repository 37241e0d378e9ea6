// The command line: CLI11 flags mapped onto feedarchiver::cli commands. Nothing else.

#include <CLI/CLI.hpp>
#include <chrono>
#include <iostream>

#include "feedarchiver/cli/commands.hpp"
#include "feedarchiver/error.hpp"
#include "feedarchiver/fetch/curl_fetcher.hpp"
#include "feedarchiver/normalize/dates.hpp"

namespace fa = feedarchiver;

namespace {

void add_common_options(CLI::App& command, fa::cli::CommonOptions& common, std::string& now_text,
                        long& timeout_seconds) {
  command.add_flag("-q,--quiet", common.quiet, "Print errors only");
  command.add_flag("-v,--verbose", common.verbose, "Also say what was skipped and why");
  command.add_option("--timeout", timeout_seconds, "Total time allowed per transfer, seconds")
      ->check(CLI::PositiveNumber);
  command.add_option("--user-agent", common.limits.user_agent,
                     "User-Agent header (default feedarchiver/" FEEDARCHIVER_VERSION ")");
  command.add_option("--proxy", common.limits.proxy,
                     "Proxy URL (http, https, socks5h); default: the *_proxy variables");
  command.add_flag("--insecure", common.limits.insecure, "Do not verify TLS certificates");
  command.add_option("--now", now_text, "Fetch time to use (ISO 8601), for reproducible output")
      ->group("");  // hidden: for tests and reproducible runs
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"feedarchiver: archives RSS, Atom and JSON feeds as Jekyll posts"};
  app.set_version_flag("--version", "feedarchiver " FEEDARCHIVER_VERSION);
  app.require_subcommand(1);

  fa::cli::CommonOptions common;
  std::string now_text;
  long timeout_seconds = 60;

  fa::cli::ArchiveArgs archive_args;
  CLI::App* archive = app.add_subcommand("archive", "Archive feeds (URL, file or -) as posts");
  archive->add_option("SOURCE", archive_args.sources, "Feed URL, file, or - for stdin")->required();
  archive
      ->add_option("-o,--output", archive_args.output_dir,
                   "Site directory (posts go to DIR/_posts)")
      ->required();
  archive->add_option("--name", archive_args.name,
                      "Source name for author, tags and categories (default: the feed title)");
  archive->add_flag("--dry-run", common.dry_run, "Say what would be written, write nothing");
  add_common_options(*archive, common, now_text, timeout_seconds);

  fa::cli::ParseArgs parse_args;
  CLI::App* parse = app.add_subcommand("parse", "Print parsed feeds as JSON; write nothing");
  parse->add_option("SOURCE", parse_args.sources, "Feed URL, file, or - for stdin")->required();
  parse
      ->add_option("--format", parse_args.format,
                   "json (one document per feed) or jsonl (one item per line)")
      ->check(CLI::IsMember({"json", "jsonl"}));
  add_common_options(*parse, common, now_text, timeout_seconds);

  fa::cli::RenderArgs render_args;
  CLI::App* render =
      app.add_subcommand("render", "Write `parse --format jsonl` lines from stdin as posts");
  render
      ->add_option("-o,--output", render_args.output_dir, "Site directory (posts go to DIR/_posts)")
      ->required();
  render->add_option("--name", render_args.name,
                     "Source name for author, tags and categories (default: the feed title)");
  render->add_flag("--dry-run", common.dry_run, "Say what would be written, write nothing");
  add_common_options(*render, common, now_text, timeout_seconds);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);
    return code == 0 ? fa::kExitOk : fa::kExitUsage;
  }

  try {
    common.limits.total_timeout = std::chrono::seconds(timeout_seconds);
    common.now =
        std::chrono::time_point_cast<std::chrono::milliseconds>(std::chrono::system_clock::now());
    if (!now_text.empty()) {
      const auto parsed = fa::normalize::parse_date(now_text);
      if (!parsed) throw fa::Error("--now: not a date: " + now_text, fa::kExitUsage);
      common.now = *parsed;
    }
    if (common.limits.insecure) {
      std::cerr << "feedarchiver: warning: --insecure: TLS certificates are not verified\n";
    }
    const fa::cli::Streams streams{std::cin, std::cout, std::cerr};
    fa::fetch::CurlFetcher fetcher;
    if (archive->parsed()) return fa::cli::run_archive(archive_args, common, fetcher, streams);
    if (parse->parsed()) return fa::cli::run_parse(parse_args, common, fetcher, streams);
    return fa::cli::run_render(render_args, common, streams);
  } catch (const fa::Error& e) {
    std::cerr << "feedarchiver: error: " << e.what() << '\n';
    return e.exit_code();
  } catch (const std::exception& e) {
    std::cerr << "feedarchiver: error: " << e.what() << '\n';
    return fa::kExitAllFailed;
  }
}
