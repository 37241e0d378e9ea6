// Offline parse throughput on the XML part (RSS 2.0, Atom, RSS 1.0) of a generated corpus,
// whole and by stage. MB/s and items/s are of CPU time (Google Benchmark's default).
//
//   FEEDARCHIVER_CORPUS=../shared/bench/out/corpus/big build/bench/bench/parse_bench
//
// BM_Pipeline: decode + parse (dates included) + normalize (URLs, sanitize) per document, as
// `feedarchiver parse` does. The other benchmarks time one stage on the previous stage's output.
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <fstream>
#include <iostream>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include "feedarchiver/dates.hpp"
#include "feedarchiver/decode/document.hpp"
#include "feedarchiver/normalize/normalize_feed.hpp"
#include "feedarchiver/parse/feed_parser.hpp"

namespace {

using namespace feedarchiver;

struct Corpus {
  std::vector<std::string> files;
  std::size_t bytes = 0;
  std::size_t items = 0;
  std::vector<decode::Document> documents;  // decoded once, for the later stages
  std::vector<Feed> feeds;                  // parsed once, for normalize
  std::vector<std::string> dates;           // every date string of the XML
};

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

const Corpus& corpus() {
  static const Corpus c = [] {
    Corpus corpus;
    const char* dir_env = std::getenv("FEEDARCHIVER_CORPUS");
    const std::string dir = dir_env ? dir_env : "../shared/bench/out/corpus/small";
    std::ifstream manifest(dir + "/manifest.tsv");
    if (!manifest) {
      std::cerr << "parse_bench: no " << dir << "/manifest.tsv (run gen_corpus.py)\n";
      std::exit(2);
    }
    std::string line;
    std::getline(manifest, line);  // header
    const std::regex date_element("<(pubDate|dc:date|updated|published|lastBuildDate)>([^<]*)</");
    while (std::getline(manifest, line)) {
      std::istringstream fields(line);
      std::string file, format, bytes, items;
      fields >> file >> format >> bytes >> items;
      if (format != "rss2" && format != "atom" && format != "rss1") continue;
      corpus.files.push_back(read_file(dir + "/" + file));
      corpus.bytes += corpus.files.back().size();
      corpus.items += std::stoul(items);
      const std::string& text = corpus.files.back();
      for (auto it = std::sregex_iterator(text.begin(), text.end(), date_element);
           it != std::sregex_iterator(); ++it) {
        corpus.dates.push_back((*it)[2].str());
      }
      corpus.documents.push_back(decode::decode_document(text, "", "https://example.org/feed"));
      auto parsed = parse::parse_feed(corpus.documents.back());
      if (parsed.feed) corpus.feeds.push_back(std::move(*parsed.feed));
    }
    return corpus;
  }();
  return c;
}

void report(benchmark::State& state, std::size_t bytes, std::size_t items) {
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * bytes));
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * items));
}

void BM_Pipeline(benchmark::State& state) {
  const Corpus& c = corpus();
  for (auto _ : state) {
    for (const std::string& bytes : c.files) {
      const auto document = decode::decode_document(bytes, "", "https://example.org/feed");
      auto result = parse::parse_feed(document);
      if (result.feed) normalize::normalize_feed(*result.feed);
      benchmark::DoNotOptimize(result);
    }
  }
  report(state, c.bytes, c.items);
}

void BM_Decode(benchmark::State& state) {
  const Corpus& c = corpus();
  for (auto _ : state) {
    for (const std::string& bytes : c.files) {
      auto document = decode::decode_document(bytes, "", "https://example.org/feed");
      benchmark::DoNotOptimize(document);
    }
  }
  report(state, c.bytes, c.items);
}

void BM_Parse(benchmark::State& state) {  // XML repair + pugixml + fields + dates
  const Corpus& c = corpus();
  for (auto _ : state) {
    for (const auto& document : c.documents) {
      auto result = parse::parse_feed(document);
      benchmark::DoNotOptimize(result);
    }
  }
  report(state, c.bytes, c.items);
}

void BM_Normalize(benchmark::State& state) {  // sanitize + URL resolution (copies excluded)
  const Corpus& c = corpus();
  for (auto _ : state) {
    state.PauseTiming();
    std::vector<Feed> feeds = c.feeds;
    state.ResumeTiming();
    for (Feed& feed : feeds) normalize::normalize_feed(feed);
    benchmark::DoNotOptimize(feeds);
  }
  report(state, c.bytes, c.items);
}

void BM_Dates(benchmark::State& state) {  // the corpus's date strings alone
  const Corpus& c = corpus();
  for (auto _ : state) {
    for (const std::string& text : c.dates) benchmark::DoNotOptimize(parse_date(text));
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * c.dates.size()));
  state.counters["dates"] = static_cast<double>(c.dates.size());
}

BENCHMARK(BM_Pipeline)->Unit(benchmark::kMillisecond)->MinTime(2.0);
BENCHMARK(BM_Decode)->Unit(benchmark::kMillisecond)->MinTime(1.0);
BENCHMARK(BM_Parse)->Unit(benchmark::kMillisecond)->MinTime(1.0);
BENCHMARK(BM_Normalize)->Unit(benchmark::kMillisecond)->MinTime(1.0);
BENCHMARK(BM_Dates)->Unit(benchmark::kMillisecond)->MinTime(1.0);

}  // namespace

BENCHMARK_MAIN();
