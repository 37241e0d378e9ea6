#include <optional>
#include <ostream>

#include <CLI/CLI.hpp>
#include "cli/app.hpp"
#include "cli/commands.hpp"
#include "cli/diagnostics.hpp"
#include "feedarchiver/archive/read_source.hpp"
#include "feedarchiver/fetch/source.hpp"
#include "feedarchiver/parse/feed_json.hpp"

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
  const auto print = [&](const fetch::Source& source, const fetch::FetchResult& fetched) {
    archive::LoadedFeed loaded = archive::feed_from_fetch(source, fetched);
    if (!loaded.feed) {
      diagnostics.error(source.location, loaded.error);
      ++failed;
      return;
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
  };

  // Fetched concurrently, printed in the order of the arguments: a result waits only for
  // the sources before it.
  std::vector<std::optional<fetch::FetchResult>> results(sources.size());
  std::size_t next = 0;
  const auto print_ready = [&] {
    while (next < sources.size() && results[next]) {
      print(sources[next], *results[next]);
      results[next].reset();
      ++next;
    }
  };
  std::vector<std::size_t> url_sources;
  std::vector<fetch::FetchRequest> requests;
  for (std::size_t i = 0; i < sources.size(); ++i) {
    if (sources[i].kind == fetch::Source::Kind::url) {
      url_sources.push_back(i);
      requests.push_back(
          fetch::FetchRequest{sources[i].location, std::nullopt, std::nullopt, common.limits});
    } else {
      results[i] = fetch::load_source(sources[i], fetcher, common.limits, streams.in);
    }
  }
  print_ready();
  fetcher.fetch_all(requests, [&](std::size_t index, fetch::FetchResult result) {
    results[url_sources[index]] = std::move(result);
    print_ready();
  });
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
