#include <ostream>

#include <CLI/CLI.hpp>
#include "feedarchiver/cli/app.hpp"
#include "feedarchiver/cli/commands.hpp"
#include "feedarchiver/cli/diagnostics.hpp"
#include "feedarchiver/fetch/source.hpp"
#include "feedarchiver/parse/feed_json.hpp"
#include "feedarchiver/pipeline.hpp"

namespace feedarchiver::cli {

int run_parse(const ParseArgs& args, const CommonOptions& common, fetch::Fetcher& fetcher,
              Streams streams) {
  Diagnostics diagnostics(streams.err, common.quiet, common.verbose);
  std::vector<fetch::Source> sources;
  for (const std::string& argument : args.sources) {
    sources.push_back(fetch::classify_source(argument));
  }
  const bool jsonl = args.format == "jsonl";

  std::size_t failed = 0;
  for (const fetch::Source& source : sources) {
    LoadedFeed loaded = load_feed(source, fetcher, common.limits, streams.in);
    if (!loaded.feed) {
      diagnostics.error(source.location, loaded.error);
      ++failed;
      continue;
    }
    const Feed& feed = *loaded.feed;
    if (jsonl) {
      diagnostics.warnings(source.location, feed.warnings);
      for (const Item& item : feed.items) {
        streams.out << parse::item_to_jsonl(item, feed.meta, source.location).dump() << '\n';
      }
    } else {
      streams.out << parse::feed_to_json(feed).dump(2) << '\n';
    }
  }
  streams.out.flush();
  return exit_code_for(sources.size(), failed);
}

void add_parse_command(CLI::App& app, AppState& state) {
  auto args = std::make_shared<ParseArgs>();
  CLI::App* command = app.add_subcommand("parse", "Print parsed feeds as JSON; write nothing");
  command->add_option("SOURCE", args->sources, "Feed URL, file, or - for stdin")->required();
  command
      ->add_option("--format", args->format,
                   "json (one document per feed) or jsonl (one item per line)")
      ->check(CLI::IsMember({"json", "jsonl"}));
  add_common_options(*command, state);
  command->callback([&state, args] {
    state.action = [args](RunContext& context) {
      return run_parse(*args, context.common, context.fetcher, context.streams);
    };
  });
}

}  // namespace feedarchiver::cli
