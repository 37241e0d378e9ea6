// `extract SOURCE [--url URL] [--format json]` and `extract --batch LISTFILE`: the article of
// an HTML page as spec.md's extract JSON.

#include <time.h>

#include <CLI/CLI.hpp>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <ostream>
#include <sstream>

#include "cli/app.hpp"
#include "cli/commands.hpp"
#include "cli/diagnostics.hpp"
#include "feedarchiver/decode/document.hpp"
#include "feedarchiver/error.hpp"
#include "feedarchiver/extract/article.hpp"
#include "feedarchiver/fetch/source.hpp"

namespace feedarchiver::cli {

namespace {

struct ExtractArgs {
  std::string source;
  std::string url;
  std::string format = "json";
  std::string batch;
};

std::string dump(const nlohmann::json& value, int indent) {
  return value.dump(indent, ' ', false, nlohmann::json::error_handler_t::replace);
}

double thread_cpu_ms() {
  timespec ts{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) * 1000.0 + static_cast<double>(ts.tv_nsec) / 1e6;
}

// One page per line, FILE<TAB>URL; one JSON line per page with _file, _ms and _cpu_ms.
int run_batch(const ExtractArgs& args, const CommonOptions& common, Diagnostics& diagnostics,
              Streams streams) {
  std::optional<extract::SiteConfigDirectory> site_config;
  if (!common.site_config_dir.empty()) site_config.emplace(common.site_config_dir);
  std::ifstream list(args.batch);
  if (!list) {
    diagnostics.error(args.batch, "cannot read the list file");
    return kExitUsage;
  }
  std::size_t pages = 0;
  std::size_t failed = 0;
  std::string line;
  while (std::getline(list, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty()) continue;
    const std::size_t tab = line.find('\t');
    const std::string file = line.substr(0, tab);
    const std::string url = tab == std::string::npos ? std::string() : line.substr(tab + 1);
    ++pages;
    nlohmann::json answer;
    std::ifstream in(file, std::ios::binary);
    std::ostringstream bytes;
    if (in) bytes << in.rdbuf();
    const auto wall_start = std::chrono::steady_clock::now();
    const double cpu_start = thread_cpu_ms();
    if (!in) {
      answer = {{"_error", "cannot read the file"}};
      ++failed;
    } else {
      try {
        const decode::Document document = decode::decode_document(bytes.str(), "", url);
        const auto rules = site_config ? site_config->lookup(url) : nullptr;
        answer = extract::article_to_json(
            extract::extract_article(document, url, rules ? &rules->rules : nullptr));
      } catch (const std::exception& e) {
        answer = {{"_error", e.what()}};
        ++failed;
      }
    }
    const double cpu_ms = thread_cpu_ms() - cpu_start;
    const double wall_ms =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - wall_start)
            .count();
    answer["_file"] = file;
    answer["_ms"] = wall_ms;
    answer["_cpu_ms"] = cpu_ms;
    streams.out << dump(answer, -1) << '\n';
  }
  streams.out.flush();
  return exit_code_for(pages, failed);
}

int run_extract(const ExtractArgs& args, const CommonOptions& common, fetch::Fetcher& fetcher,
                Streams streams) {
  Diagnostics diagnostics(streams.err, common.quiet, common.verbose);
  if (!args.batch.empty()) return run_batch(args, common, diagnostics, streams);
  const fetch::Source source = fetch::classify_source(args.source);
  const fetch::FetchResult fetched = fetch::load_source(source, fetcher, common.limits, streams.in);
  if (fetched.status != fetch::FetchStatus::ok) {
    std::string what = fetch::to_string(fetched.status);
    if (fetched.http_status != 0) what += " (HTTP " + std::to_string(fetched.http_status) + ")";
    if (!fetched.error.empty()) what += ": " + fetched.error;
    diagnostics.error(source.location, what);
    return kExitAllFailed;
  }
  std::string url = args.url;
  if (url.empty() && source.kind == fetch::Source::Kind::url) url = fetched.final_url;
  const decode::Document document =
      decode::decode_document(fetched.body, fetched.content_type, url);
  diagnostics.warnings(source.location, document.warnings);
  std::shared_ptr<const extract::SiteConfigMatch> rules;
  if (!common.site_config_dir.empty()) {
    rules = extract::SiteConfigDirectory(common.site_config_dir).lookup(url);
    if (rules) {
      const std::string file = (std::filesystem::path(common.site_config_dir) / rules->file);
      for (const std::string& error : rules->errors) {
        diagnostics.warning(file + ":" + error, "line ignored");
      }
    }
  }
  const extract::Article article =
      extract::extract_article(document, url, rules ? &rules->rules : nullptr);
  if (!article.credible) {
    diagnostics.warning(source.location, "little text found: this may not be an article page");
  }
  streams.out << dump(extract::article_to_json(article), 2) << '\n';
  streams.out.flush();
  return kExitOk;
}

}  // namespace

void add_extract_command(CLI::App& app, AppState& state) {
  auto args = std::make_shared<ExtractArgs>();
  CLI::App* command =
      app.add_subcommand("extract", "Print the article of an HTML page (URL, file or -) as JSON");
  CLI::Option* source =
      command->add_option("SOURCE", args->source, "Page URL, file, or - for stdin");
  command->add_option("--url", args->url, "The page's address when SOURCE is a file or stdin");
  command->add_option("--format", args->format, "json (the only format)")
      ->check(CLI::IsMember({"json"}));
  CLI::Option* batch = command->add_option(
      "--batch", args->batch, "Extract every FILE<TAB>URL line of this file; one JSON line each");
  source->excludes(batch);
  add_common_options(*command, state);
  add_site_config_option(*command, state.common);
  command->callback([&state, args] {
    if (args->source.empty() && args->batch.empty()) {
      throw CLI::RequiredError("SOURCE or --batch");
    }
    state.action = [args](RunContext& context) {
      return run_extract(*args, context.common, context.fetcher, context.streams);
    };
  });
}

}  // namespace feedarchiver::cli
