#pragma once
// A real browser for the site tests: Debian's chromium, headless, one process per page.
// --dump-dom gives the DOM after the page ran (scripts included, had any run), and
// --enable-logging=stderr prints every console message as an "INFO:CONSOLE" line.

#include <chrono>
#include <filesystem>
#include <string>
#include <vector>

#include "support/run_command.hpp"
#include "support/temp_dir.hpp"

namespace feedarchiver::testing {

/// The chromium binary on PATH, or "" when there is none.
inline std::string chromium_binary() {
  for (const char* name : {"chromium", "chromium-browser", "google-chrome"}) {
    if (run_command({"sh", "-c", std::string("command -v ") + name}).exit_code == 0) return name;
  }
  return "";
}

struct BrowserPage {
  CommandResult result;
  std::string dom;                   // the serialized DOM after load
  std::vector<std::string> console;  // every console message: errors, CSP reports, logs
};

/// Opens `url` in headless chromium. Host names other than 127.0.0.1 do not resolve, so a
/// page's remote images fail fast instead of reaching the network. With `screenshot`, also
/// saves a PNG of a `width`×`height` window (same run: a chromium start costs seconds).
inline BrowserPage open_in_browser(const std::string& url,
                                   const std::filesystem::path& screenshot = {}, int width = 1200,
                                   int height = 1400) {
  TempDir profile;
  std::vector<std::string> argv = {chromium_binary(),
                                   "--headless",
                                   "--no-sandbox",  // tests run as root in CI containers
                                   "--disable-gpu",
                                   "--no-first-run",
                                   "--disable-extensions",
                                   "--disable-background-networking",
                                   "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
                                   "--user-data-dir=" + profile.path().string(),
                                   "--enable-logging=stderr",
                                   "--v=0"};
  argv.push_back("--dump-dom");
  if (!screenshot.empty()) {
    argv.push_back("--hide-scrollbars");
    argv.push_back("--window-size=" + std::to_string(width) + "," + std::to_string(height));
    argv.push_back("--screenshot=" + screenshot.string());
  }
  argv.push_back(url);
  BrowserPage page;
  page.result = run_command(argv, "", std::chrono::seconds(90));
  page.dom = page.result.out;
  for (const std::string& line : lines_of(page.result.err)) {
    const auto at = line.find(":CONSOLE");
    if (at == std::string::npos) continue;
    const auto message = line.find("] ", at);
    page.console.push_back(message == std::string::npos ? line : line.substr(message + 2));
  }
  return page;
}

}  // namespace feedarchiver::testing
