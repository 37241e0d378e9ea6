// `feedarchiver test-rules DIR`: checks a directory of ftr-site-config rule files without
// fetching anything: every *.txt must parse and every XPath compile. One line per problem,
// FILE:LINE: message, on stdout; exit 0 when all are fine, 1 when any is not.
#include <CLI/CLI.hpp>
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <memory>
#include <ostream>
#include <sstream>
#include <string>
#include <vector>

#include "cli/app.hpp"
#include "feedarchiver/error.hpp"
#include "feedarchiver/extract/site_rules.hpp"

namespace feedarchiver::cli {
namespace {

namespace fs = std::filesystem;

int run_test_rules(const std::string& dir, Streams streams) {
  std::error_code ec;
  if (!fs::is_directory(dir, ec))
    throw Error("test-rules: " + dir + " is not a directory", kExitUsage);
  std::vector<fs::path> files;
  for (fs::directory_iterator it(dir, ec); !ec && it != fs::directory_iterator();
       it.increment(ec)) {
    if (it->path().extension() == ".txt" && it->is_regular_file()) files.push_back(it->path());
  }
  if (ec) throw Error("test-rules: cannot read " + dir + ": " + ec.message(), kExitUsage);
  std::sort(files.begin(), files.end());

  std::size_t bad_files = 0;
  std::size_t problems = 0;
  for (const fs::path& file : files) {
    std::ifstream in(file, std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    const extract::SiteConfigFile parsed = extract::parse_site_config(text.str());
    if (!in) {
      streams.out << file.string() << ": cannot read\n";
      ++bad_files;
      ++problems;
      continue;
    }
    for (const std::string& error : parsed.errors)
      streams.out << file.string() << ':' << error << '\n';
    if (!parsed.errors.empty()) ++bad_files;
    problems += parsed.errors.size();
  }
  streams.err << "test-rules: " << files.size() << " rule file(s), " << bad_files
              << " with problems, " << problems << " problem(s)\n";
  streams.out.flush();
  return problems == 0 ? kExitOk : kExitUsage;
}

}  // namespace

void add_test_rules_command(CLI::App& app, AppState& state) {
  auto dir = std::make_shared<std::string>();
  CLI::App* command = app.add_subcommand(
      "test-rules", "Check a directory of ftr-site-config rule files (fetches nothing)");
  command->add_option("DIR", *dir, "Directory of rule files (example.com.txt, ...)")->required();
  command->callback([&state, dir] {
    state.action = [dir](RunContext& context) { return run_test_rules(*dir, context.streams); };
  });
}

}  // namespace feedarchiver::cli
