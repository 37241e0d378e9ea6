// `extract --batch LISTFILE`: many pages in one process (the kit's and bench/'s way to measure
// extraction without start-up), one JSON line per page with _file, _ms and _cpu_ms.

#include "cli/extract_batch.hpp"

#include <time.h>

#include <chrono>
#include <fstream>
#include <nlohmann/json.hpp>
#include <optional>
#include <sstream>
#include <string>

#include "cli/diagnostics.hpp"
#include "feedarchiver/decode/document.hpp"
#include "feedarchiver/error.hpp"
#include "feedarchiver/extract/article.hpp"

namespace feedarchiver::cli {

namespace {

double process_cpu_ms() {
  timespec ts{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) * 1000.0 + static_cast<double>(ts.tv_nsec) / 1e6;
}

}  // namespace

// One page per line, FILE<TAB>URL; one JSON line per page with _file, _ms and _cpu_ms.
int run_extract_batch(const std::string& list_file, const CommonOptions& common,
                      Diagnostics& diagnostics, Streams streams) {
  std::optional<extract::SiteConfigDirectory> site_config;
  if (!common.site_config_dir.empty()) site_config.emplace(common.site_config_dir);
  std::ifstream list(list_file);
  if (!list) {
    diagnostics.error(list_file, "cannot read the list file");
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
    const double cpu_start = process_cpu_ms();
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
    const double cpu_ms = process_cpu_ms() - cpu_start;
    const double wall_ms =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - wall_start)
            .count();
    answer["_file"] = file;
    answer["_ms"] = wall_ms;
    answer["_cpu_ms"] = cpu_ms;
    streams.out << answer.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
  }
  streams.out.flush();
  return exit_code_for(pages, failed);
}

}  // namespace feedarchiver::cli
