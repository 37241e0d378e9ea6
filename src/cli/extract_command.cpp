// `extract SOURCE [--url URL] [--format json]` and `extract --batch LISTFILE`: the article of
// an HTML page as spec.md's extract JSON.

#include <CLI/CLI.hpp>
#include <filesystem>
#include <memory>
#include <nlohmann/json.hpp>
#include <ostream>

#include "cli/app.hpp"
#include "cli/commands.hpp"
#include "cli/diagnostics.hpp"
#include "cli/extract_batch.hpp"
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

int run_extract(const ExtractArgs& args, const CommonOptions& common, fetch::Fetcher& fetcher,
                Streams streams) {
  Diagnostics diagnostics(streams.err, common.quiet, common.verbose);
  if (!args.batch.empty()) return run_extract_batch(args.batch, common, diagnostics, streams);
  const fetch::Source source = fetch::classify_source(args.source);
  const fetch::FetchResult fetched = fetch::load_source(source, fetcher, common.limits, streams.in);
  if (fetched.status != fetch::FetchStatus::ok) {
    diagnostics.error(source.location, fetch::describe(fetched));
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
