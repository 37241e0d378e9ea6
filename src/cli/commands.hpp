#pragma once
// The commands behind main(): each takes parsed arguments and the streams it may use, and
// returns the exit code of spec.md. main.cpp only maps command-line flags onto these.

#include <cstddef>
#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

#include "feedarchiver/archive/plan.hpp"
#include "feedarchiver/config/feeds_import.hpp"
#include "feedarchiver/fetch/fetcher.hpp"
#include "feedarchiver/model.hpp"

namespace CLI {
class App;
}  // namespace CLI

namespace feedarchiver::cli {

class Diagnostics;

struct Streams {
  std::istream& in;
  std::ostream& out;  // data: paths written, JSON
  std::ostream& err;  // diagnostics, one line per problem, naming the source
};

struct CommonOptions {
  bool quiet = false;
  bool verbose = false;
  bool dry_run = false;
  fetch::FetchLimits limits;
  std::size_t jobs = 8;         // --jobs: transfers at once
  std::size_t per_host = 4;     // --per-host: transfers at once to one host
  bool jobs_given = false;      // --jobs was on the command line (it beats FEEDS defaults)
  bool per_host_given = false;  // --per-host likewise
  bool progress = false;        // draw a progress bar on stderr (it is a terminal)
  Timestamp now;                // captured once in main (or --now): the fetch time of this run
  bool full_text = false;       // --full-text: each item's body from its page's article
  std::optional<std::string> images;  // --images keep|download; nullopt: FEEDS decides (keep)
  std::string site_config_dir;        // --site-config DIR: ftr-site-config rule files
  bool log_time = false;              // --log-time: log lines start with the UTC time
  std::optional<long> budget;         // --budget SECONDS: per source, over FEEDS `budget`
  std::optional<long> deadline;       // --deadline SECONDS: the whole run
};

struct ArchiveArgs {
  std::vector<std::string> sources;
  std::string output_dir;
  std::string state_path;  // empty: DIR/.feedarchiver/state.db, used when it exists
  std::optional<std::string> name;
};

struct ParseArgs {
  std::vector<std::string> sources;
  std::string format = "json";  // json | jsonl
};

struct RenderArgs {
  std::string output_dir;
  std::string state_path;  // empty: DIR/.feedarchiver/state.db, used when it exists
  std::optional<std::string> name;
};

/// What the shared flags say for a run of the archive/ recipe.
archive::RunOptions run_options(const CommonOptions& common);

/// Adds --state FILE (archive, run, render). Defined in options.cpp.
void add_state_option(CLI::App& command, std::string& state_path);

/// `archive SOURCE... -o DIR`: prints the path of every post written.
int run_archive(const ArchiveArgs& args, const CommonOptions& common, fetch::Fetcher& fetcher,
                Streams streams);

/// `parse SOURCE... [--format json|jsonl]`: prints the JSON contract.
int run_parse(const ParseArgs& args, const CommonOptions& common, fetch::Fetcher& fetcher,
              Streams streams);

/// `render -o DIR`: reads `parse --format jsonl` lines from streams.in and writes posts.
int run_render(const RenderArgs& args, const CommonOptions& common, Streams streams);

/// Adds --site-config DIR (extract, archive, run). Defined in options.cpp.
void add_site_config_option(CLI::App& command, CommonOptions& common);

/// Adds --budget SECONDS, --deadline SECONDS and --log-time (archive, run). Defined in options.cpp.
void add_time_limit_options(CLI::App& command, CommonOptions& common);

/// Adds --full-text and --images keep|download: the options of commands that fetch items'
/// pages and images (archive, run). Defined in options.cpp.
void add_article_options(CLI::App& command, CommonOptions& common);

/// The whole of `file`, or of `in` when `file` is "-". Throws Error when it cannot be read.
/// Defined in opml_command.cpp.
std::string read_input(const std::string& file, std::istream& in);

/// Prints an import (import-opml, import-urls) as a FEEDS file on stdout, its warnings on
/// stderr (and one when it holds no feed). Defined in opml_command.cpp.
int print_feeds_import(const std::string& origin, const config::FeedsImport& imported,
                       Diagnostics& diagnostics, Streams streams);

/// The exit code of a run over several sources: 0 none failed, 2 all failed, 3 some failed.
int exit_code_for(std::size_t sources, std::size_t failed);

}  // namespace feedarchiver::cli
