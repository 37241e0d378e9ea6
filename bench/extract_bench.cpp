// Article extraction and sanitizer throughput, in CPU time (Google Benchmark's default).
//
//   FEEDARCHIVER_PAGES=../shared/extract-eval/data/readability
//   FEEDARCHIVER_CORPUS=../shared/bench/out/corpus/big build/release/bench/extract_bench
// (both variables optional; those are the defaults, with the small corpus)
//
// BM_Extract: every page (DIR/*/source.html, or DIR/*.html as in
// FEEDARCHIVER_PAGES=../shared/extract-eval/data/aeb/html) through extract_article, as `extract
// --batch` does: pages/s and MB/s. BM_Sanitize/fast and /gumbo: every content body of the feed
// corpus's XML through sanitize_html, with the simple-fragment fast path and without it.
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "feedarchiver/decode/document.hpp"
#include "feedarchiver/extract/article.hpp"
#include "feedarchiver/normalize/sanitize.hpp"
#include "feedarchiver/parse/feed_parser.hpp"

namespace {

using namespace feedarchiver;
namespace fs = std::filesystem;

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

std::string env_or(const char* name, const char* fallback) {
  const char* value = std::getenv(name);
  return value != nullptr ? value : fallback;
}

struct Pages {
  std::vector<decode::Document> documents;
  std::size_t bytes = 0;
};

const Pages& pages() {
  static const Pages p = [] {
    Pages loaded;
    const fs::path dir = env_or("FEEDARCHIVER_PAGES", "../shared/extract-eval/data/readability");
    std::error_code ec;
    for (const fs::directory_entry& entry : fs::directory_iterator(dir, ec)) {
      // DIR/*/source.html (the Readability set) or DIR/*.html (the AEB set's html/).
      const fs::path source =
          entry.path().extension() == ".html" ? entry.path() : entry.path() / "source.html";
      if (!fs::is_regular_file(source)) continue;
      const std::string html = read_file(source);
      loaded.bytes += html.size();
      loaded.documents.push_back(
          decode::decode_document(html, "text/html", "https://example.org/article.html"));
    }
    if (loaded.documents.empty()) {
      std::cerr << "extract_bench: no DIR/*/source.html nor DIR/*.html under " << dir << "\n";
      std::exit(2);
    }
    return loaded;
  }();
  return p;
}

struct Bodies {
  std::vector<std::string> html;
  std::size_t bytes = 0;
};

// The raw (unsanitized) content of every item: the parser hands them over untouched.
const Bodies& bodies() {
  static const Bodies b = [] {
    Bodies loaded;
    const std::string dir = env_or("FEEDARCHIVER_CORPUS", "../shared/bench/out/corpus/small");
    std::ifstream manifest(dir + "/manifest.tsv");
    if (!manifest) {
      std::cerr << "extract_bench: no " << dir << "/manifest.tsv (run gen_corpus.py)\n";
      std::exit(2);
    }
    std::string line;
    std::getline(manifest, line);  // header
    while (std::getline(manifest, line)) {
      std::istringstream fields(line);
      std::string file, format;
      fields >> file >> format;
      if (format != "rss2" && format != "atom" && format != "rss1") continue;
      const decode::Document document =
          decode::decode_document(read_file(dir + "/" + file), "", "https://example.org/feed");
      auto parsed = parse::parse_feed(document);
      if (!parsed.feed) continue;
      for (Item& item : parsed.feed->items) {
        for (std::optional<std::string>* field : {&item.content_html, &item.summary_html}) {
          if (!*field) continue;
          loaded.bytes += (*field)->size();
          loaded.html.push_back(std::move(**field));
        }
      }
    }
    return loaded;
  }();
  return b;
}

void BM_Extract(benchmark::State& state) {
  const Pages& p = pages();
  for (auto _ : state) {
    for (const decode::Document& document : p.documents) {
      benchmark::DoNotOptimize(extract::extract_article(document));
    }
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * p.bytes));
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * p.documents.size()));
  state.counters["pages"] = static_cast<double>(p.documents.size());
}

void BM_Sanitize(benchmark::State& state) {
  const Bodies& b = bodies();
  normalize::SanitizeOptions options;
  options.simple_fast_path = state.range(0) != 0;
  for (auto _ : state) {
    for (const std::string& html : b.html) {
      benchmark::DoNotOptimize(normalize::sanitize_html(html, "https://example.org/a/", options));
    }
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * b.bytes));
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * b.html.size()));
  state.SetLabel(options.simple_fast_path ? "fast path" : "gumbo only");
}

BENCHMARK(BM_Extract)->Unit(benchmark::kMillisecond)->MinTime(2.0);
BENCHMARK(BM_Sanitize)->Arg(1)->Arg(0)->Unit(benchmark::kMillisecond)->MinTime(1.0);

}  // namespace

BENCHMARK_MAIN();
