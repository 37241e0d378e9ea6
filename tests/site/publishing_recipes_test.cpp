// The publishing recipes under examples/, checked against the real CLI so they cannot drift
// from it: the crontab line (its schedule, and its command run by /bin/sh in cron's bare
// environment), the systemd service and timer (`systemd-analyze verify`, the timer's calendar,
// the service's exit codes and its exact ExecStart run), and the GitHub Actions workflow (its
// steps in order, and its archive and commit scripts run in a real git repository). The README
// shows the cron and systemd files verbatim. Each command runs against a temp site fed by a
// loopback HTTP server, with the recipe's paths (/usr/local/bin/feedarchiver, /srv/news, the
// log) replaced by the built binary and temp paths.

#include <gtest/gtest.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <optional>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "feedarchiver/site/site_scaffold.hpp"
#include "support/loopback_server.hpp"
#include "support/run_command.hpp"
#include "support/temp_dir.hpp"

namespace feedarchiver {
namespace {

namespace fs = std::filesystem;
using testing::CommandResult;
using testing::lines_of;
using testing::LoopbackServer;
using testing::posts_in;
using testing::read_file;
using testing::run_command;
using testing::TempDir;
using testing::write_file;

/// A file of the source tree, e.g. "examples/cron/feedarchiver.crontab".
std::string source_file(const std::string& relative) {
  return read_file(fs::path(FEEDARCHIVER_SOURCE_DIR) / relative);
}

/// `text` with every `from` replaced by `to`, in order.
std::string substitute(std::string text,
                       const std::vector<std::pair<std::string, std::string>>& replacements) {
  for (const auto& [from, to] : replacements) {
    for (auto at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size())) {
      text.replace(at, from.size(), to);
    }
  }
  return text;
}

std::vector<std::string> split_words(const std::string& text) {
  std::istringstream in(text);
  std::vector<std::string> words;
  for (std::string word; in >> word;) words.push_back(word);
  return words;
}

/// The value of `--flag VALUE` in `args`; empty when absent.
std::string flag_value(const std::vector<std::string>& args, const std::string& flag) {
  const auto found = std::find(args.begin(), args.end(), flag);
  return found == args.end() || found + 1 == args.end() ? "" : *(found + 1);
}

/// Every value of `key` in `section` of a systemd unit file, in order.
std::vector<std::string> unit_values(const std::string& unit, const std::string& section,
                                     const std::string& key) {
  std::vector<std::string> values;
  std::string current;
  for (const std::string& line : lines_of(unit)) {
    if (line.empty() || line[0] == '#' || line[0] == ';') continue;
    if (line[0] == '[') {
      current = line.substr(1, line.find(']') - 1);
    } else if (current == section && line.rfind(key + "=", 0) == 0) {
      values.push_back(line.substr(key.size() + 1));
    }
  }
  return values;
}

std::string unit_value(const std::string& unit, const std::string& section,
                       const std::string& key) {
  const auto values = unit_values(unit, section, key);
  return values.size() == 1 ? values[0] : "<" + std::to_string(values.size()) + " values>";
}

/// A loopback server with one good feed (/good.xml, two items) and nothing else (404), and a
/// temp directory holding the site (site/) and whatever else the recipe writes (a log).
class RecipeSite {
 public:
  RecipeSite() {
    server_.server().Get("/good.xml", [this](const httplib::Request&, httplib::Response& res) {
      std::string xml =
          "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Good</title><link>" +
          server_.url("/") + "</link>";
      for (int i = 1; i <= 2; ++i) {
        const std::string link = server_.url("/story/" + std::to_string(i));
        xml += "<item><title>Story " + std::to_string(i) + "</title><link>" + link +
               "</link><guid>" + link + "</guid><pubDate>" + (i == 1 ? "Mon, 01" : "Tue, 02") +
               " Jan 2024 08:00:00 GMT</pubDate><description>&lt;p&gt;Body " + std::to_string(i) +
               "&lt;/p&gt;</description></item>";
      }
      res.set_content(xml + "</channel></rss>", "application/rss+xml");
    });
    server_.start();
    fs::create_directories(site());
  }

  fs::path root() const { return dir_.path(); }
  fs::path site() const { return dir_.path() / "site"; }

  /// Writes site/feeds.json listing the feeds `names`, each at /NAME.xml: "good" is served,
  /// any other name is not (404).
  void write_feeds(const std::vector<std::string>& names) const {
    nlohmann::json feeds = nlohmann::json::array();
    for (const std::string& name : names) {
      feeds.push_back({{"name", name}, {"url", server_.url("/" + name + ".xml")}});
    }
    write_file(site() / "feeds.json", nlohmann::json{{"feeds", feeds}}.dump());
  }

 private:
  TempDir dir_;
  LoopbackServer server_;
};

/// Fails the test when an absolute path in `words` is neither the built binary nor under
/// `root`: a recipe run by a test never touches the machine's /srv, /var or /usr/local.
void expect_paths_under(const std::vector<std::string>& words, const fs::path& root) {
  for (std::string word : words) {
    word.erase(0, word.find_first_not_of("0123456789<>&"));  // >>/x, 2>&1
    if (word.empty() || word[0] != '/' || word == FEEDARCHIVER_BINARY) continue;
    EXPECT_EQ(word.rfind(root.string(), 0), 0u) << word << " was not substituted";
  }
}

TEST(PublishingRecipes, TheReadmeShowsTheCronAndSystemdRecipesAsTheyAreInExamples) {
  const std::string readme = source_file("README.md");
  for (const auto& [fence, file] : std::vector<std::pair<std::string, std::string>>{
           {"```cron\n", "examples/cron/feedarchiver.crontab"},
           {"```ini\n", "examples/systemd/feedarchiver.service"},
           {"```ini\n", "examples/systemd/feedarchiver.timer"}}) {
    EXPECT_NE(readme.find(fence + source_file(file) + "```\n"), std::string::npos)
        << "README.md does not show " << file << " as it is (copy the file into its block)";
  }
}

// ---- cron ------------------------------------------------------------------------------

/// The values a crontab(5) time field matches, or nullopt when the field is not valid:
/// comma-separated items, each `*`, `N` or `N-M`, optionally `/STEP`; a name (jan, mon) for N.
std::optional<std::set<int>> cron_field(const std::string& field, int low, int high,
                                        const std::vector<std::string>& names = {}) {
  const auto number = [&](const std::string& text) -> std::optional<int> {
    for (std::size_t i = 0; i < names.size(); ++i) {
      if (text == names[i]) return static_cast<int>(i) + low;
    }
    if (text.empty() || text.size() > 2 ||
        !std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; })) {
      return std::nullopt;
    }
    const int value = std::stoi(text);
    if (value < low || value > high) return std::nullopt;
    return value;
  };
  std::set<int> values;
  std::istringstream items(field);
  for (std::string item; std::getline(items, item, ',');) {
    int step = 1;
    if (const auto slash = item.find('/'); slash != std::string::npos) {
      const auto parsed = number(item.substr(slash + 1));
      if (!parsed || *parsed < 1) return std::nullopt;
      step = *parsed;
      item.resize(slash);
    }
    int first = low;
    int last = high;
    if (item != "*") {
      const auto dash = item.find('-');
      const auto a = number(item.substr(0, dash));
      const auto b = dash == std::string::npos ? a : number(item.substr(dash + 1));
      if (!a || !b || *a > *b) return std::nullopt;
      first = *a;
      last = step > 1 && dash == std::string::npos ? high : *b;
    }
    for (int v = first; v <= last; v += step) values.insert(v);
  }
  if (values.empty()) return std::nullopt;
  return values;
}

/// The one job line of the crontab file (comments, blank lines and VAR=value lines skipped).
std::string crontab_job(const std::string& crontab) {
  std::vector<std::string> jobs;
  for (const std::string& line : lines_of(crontab)) {
    const auto start = line.find_first_not_of(" \t");
    if (start == std::string::npos || line[start] == '#') continue;
    const auto eq = line.find('=');
    if (eq != std::string::npos && line.find_first_of(" \t") > eq) continue;  // SHELL=/bin/sh
    jobs.push_back(line);
  }
  EXPECT_EQ(jobs.size(), 1u) << crontab;
  return jobs.empty() ? "" : jobs[0];
}

struct CronJob {
  std::vector<std::string> fields;  // minute hour day-of-month month day-of-week
  std::string command;
};

CronJob parse_cron_job(const std::string& line) {
  CronJob job;
  std::size_t at = 0;
  for (int i = 0; i < 5; ++i) {
    const auto start = line.find_first_not_of(" \t", at);
    if (start == std::string::npos) return job;
    at = line.find_first_of(" \t", start);
    if (at == std::string::npos) return job;
    job.fields.push_back(line.substr(start, at - start));
  }
  job.command = line.substr(line.find_first_not_of(" \t", at));
  return job;
}

TEST(PublishingRecipes, TheCrontabLineHasAValidScheduleAndADeadlineBelowItsInterval) {
  const CronJob job =
      parse_cron_job(crontab_job(source_file("examples/cron/feedarchiver.crontab")));
  ASSERT_EQ(job.fields.size(), 5u) << "five time fields, then the command (a user crontab)";
  const auto minutes = cron_field(job.fields[0], 0, 59);
  const auto hours = cron_field(job.fields[1], 0, 23);
  ASSERT_TRUE(minutes) << job.fields[0];
  ASSERT_TRUE(hours) << job.fields[1];
  EXPECT_TRUE(cron_field(job.fields[2], 1, 31)) << job.fields[2];
  EXPECT_TRUE(cron_field(
      job.fields[3], 1, 12,
      {"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"}))
      << job.fields[3];
  EXPECT_TRUE(cron_field(job.fields[4], 0, 7, {"sun", "mon", "tue", "wed", "thu", "fri", "sat"}))
      << job.fields[4];
  // cron turns an unescaped % into a newline: the command would be cut there.
  EXPECT_EQ(job.command.find('%'), std::string::npos) << job.command;

  // The shortest gap between two starts in a day (wrapping round midnight) is longer than the
  // run's --deadline: a run ends before the next one starts.
  std::vector<int> starts;
  for (int h : *hours) {
    for (int m : *minutes) starts.push_back(h * 60 + m);
  }
  int gap_minutes = 24 * 60 - starts.back() + starts.front();
  for (std::size_t i = 1; i < starts.size(); ++i) {
    gap_minutes = std::min(gap_minutes, starts[i] - starts[i - 1]);
  }
  const std::string deadline = flag_value(split_words(job.command), "--deadline");
  ASSERT_FALSE(deadline.empty()) << "the cron line bounds its run with --deadline";
  EXPECT_LT(std::stol(deadline), gap_minutes * 60L) << job.fields[0] << " " << job.fields[1];
}

/// Runs `command` as cron does: /bin/sh -c, in a bare environment (cron's PATH, no terminal).
CommandResult run_like_cron(const std::string& command, const fs::path& home) {
  return run_command({"env", "-i", "PATH=/usr/bin:/bin", "SHELL=/bin/sh", "HOME=" + home.string(),
                      "LOGNAME=feedarchiver", "/bin/sh", "-c", command});
}

TEST(PublishingRecipes, TheCrontabCommandArchivesUnderCronsShellAndLogsOnlyErrorsWithTheirTime) {
  RecipeSite site;
  const fs::path log = site.root() / "feedarchiver.log";
  const std::string recipe =
      parse_cron_job(crontab_job(source_file("examples/cron/feedarchiver.crontab"))).command;
  ASSERT_NE(recipe.find("/usr/local/bin/feedarchiver "), std::string::npos) << recipe;
  ASSERT_NE(recipe.find(">>/var/log/feedarchiver.log 2>&1"), std::string::npos) << recipe;
  const std::string command =
      substitute(recipe, {{"/usr/local/bin/feedarchiver", FEEDARCHIVER_BINARY},
                          {"/srv/news", site.site().string()},
                          {"/var/log/feedarchiver.log", log.string()}});
  expect_paths_under(split_words(command), site.root());

  // Every feed fine: exit 0, posts written, nothing in the log (the log is created, empty).
  site.write_feeds({"good"});
  const CommandResult clean = run_like_cron(command, site.root());
  EXPECT_EQ(clean.exit_code, 0) << read_file(log);
  EXPECT_EQ(posts_in(site.site()).size(), 2u);
  EXPECT_TRUE(fs::exists(log));
  EXPECT_EQ(read_file(log), "");
  EXPECT_EQ(clean.out + clean.err, "") << "cron would mail this";

  // One feed gone: exit 3, the others archived, the log names the failed feed, each line
  // starting with its UTC time; nothing reaches cron's mail.
  site.write_feeds({"good", "gone"});
  const CommandResult partial = run_like_cron(command, site.root());
  EXPECT_EQ(partial.exit_code, 3) << read_file(log);
  EXPECT_EQ(partial.out + partial.err, "");
  const auto lines = lines_of(read_file(log));
  ASSERT_FALSE(lines.empty());
  const std::regex timed(R"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ .*)");
  for (const std::string& line : lines) EXPECT_TRUE(std::regex_match(line, timed)) << line;
  EXPECT_NE(read_file(log).find("gone: http_error (HTTP 404)"), std::string::npos)
      << read_file(log);
  EXPECT_EQ(posts_in(site.site()).size(), 2u);
}

// ---- systemd ---------------------------------------------------------------------------

/// The unit files of examples/systemd/ with the recipe's paths replaced, written into `dir`
/// under their own names.
struct Units {
  std::string service;
  std::string timer;
};

Units units_for(const fs::path& site) {
  const std::vector<std::pair<std::string, std::string>> paths = {
      {"/usr/local/bin/feedarchiver", FEEDARCHIVER_BINARY}, {"/srv/news", site.string()}};
  return {substitute(source_file("examples/systemd/feedarchiver.service"), paths),
          substitute(source_file("examples/systemd/feedarchiver.timer"), paths)};
}

TEST(PublishingRecipes, TheSystemdUnitsPassSystemdAnalyzeVerify) {
  RecipeSite site;
  const Units units = units_for(site.site());
  const fs::path dir = site.root() / "units";
  fs::create_directories(dir);
  write_file(dir / "feedarchiver.service", units.service);
  write_file(dir / "feedarchiver.timer", units.timer);
  const CommandResult verify =
      run_command({"systemd-analyze", "verify", (dir / "feedarchiver.service").string(),
                   (dir / "feedarchiver.timer").string()});
  ASSERT_NE(verify.exit_code, 127) << "systemd-analyze is missing: scripts/install-deps.sh";
  EXPECT_EQ(verify.exit_code, 0) << verify.err;
  // verify only warns about an unknown key or a bad value ("ignoring") and still exits 0: any
  // line about our units is a failure. (Lines about the host's other units are not ours.)
  for (const std::string& line : lines_of(verify.out + verify.err)) {
    EXPECT_EQ(line.find("feedarchiver."), std::string::npos) << line;
  }
}

/// The elapse times `systemd-analyze calendar` gives for `spec`, in seconds since the epoch.
std::vector<std::time_t> calendar_elapses(const std::string& spec, int iterations) {
  const CommandResult result = run_command({"env", "TZ=UTC", "systemd-analyze", "calendar",
                                            "--iterations=" + std::to_string(iterations), spec});
  EXPECT_EQ(result.exit_code, 0) << spec << ": " << result.err;
  std::vector<std::time_t> times;
  const std::regex elapse(
      R"((?:Next elapse|Iter\. #\d+): \w+ (\d+)-(\d+)-(\d+) (\d+):(\d+):(\d+))");
  for (const std::string& line : lines_of(result.out)) {
    std::smatch m;
    if (!std::regex_search(line, m, elapse)) continue;
    std::tm tm{};
    tm.tm_year = std::stoi(m[1]) - 1900;
    tm.tm_mon = std::stoi(m[2]) - 1;
    tm.tm_mday = std::stoi(m[3]);
    tm.tm_hour = std::stoi(m[4]);
    tm.tm_min = std::stoi(m[5]);
    tm.tm_sec = std::stoi(m[6]);
    times.push_back(timegm(&tm));
  }
  return times;
}

TEST(PublishingRecipes, TheSystemdServiceIsAOneshotWhosePartialOrStoppedRunIsNoFailure) {
  const std::string service = source_file("examples/systemd/feedarchiver.service");
  const std::string timer = source_file("examples/systemd/feedarchiver.timer");
  EXPECT_EQ(unit_value(service, "Service", "Type"), "oneshot");
  // 3: partial run; 143: the exit after systemd's SIGTERM. 1 and 2 stay failures.
  const auto success = split_words(unit_value(service, "Service", "SuccessExitStatus"));
  EXPECT_EQ(std::set<std::string>(success.begin(), success.end()),
            (std::set<std::string>{"3", "143"}));
  // The timer starts this service: no Unit= key, the same name.
  EXPECT_TRUE(unit_values(timer, "Timer", "Unit").empty());
  EXPECT_EQ(unit_value(timer, "Install", "WantedBy"), "timers.target");

  // The calendar parses, and its shortest interval is longer than the run's --deadline.
  const auto elapses = calendar_elapses(unit_value(timer, "Timer", "OnCalendar"), 30);
  ASSERT_EQ(elapses.size(), 30u);
  std::time_t gap = elapses[1] - elapses[0];
  for (std::size_t i = 1; i < elapses.size(); ++i) gap = std::min(gap, elapses[i] - elapses[i - 1]);
  const auto exec = split_words(unit_value(service, "Service", "ExecStart"));
  const std::string deadline = flag_value(exec, "--deadline");
  ASSERT_FALSE(deadline.empty()) << "the service bounds its run with --deadline";
  EXPECT_LT(std::stol(deadline), static_cast<long>(gap));
}

TEST(PublishingRecipes, TheSystemdExecStartArchivesAndExitsWithCodesTheUnitExpects) {
  RecipeSite site;
  const Units units = units_for(site.site());
  const std::string exec_start = unit_value(units.service, "Service", "ExecStart");
  // A plain command line: no prefix, quote, escape, specifier or variable, so splitting on
  // spaces is what systemd does with it.
  ASSERT_EQ(exec_start.find_first_of("\"'\\%$;"), std::string::npos)
      << "extend this test to systemd's quoting: " << exec_start;
  ASSERT_EQ(exec_start.rfind(FEEDARCHIVER_BINARY " ", 0), 0u) << exec_start;
  const auto argv = split_words(exec_start);
  expect_paths_under(argv, site.root());
  const auto success = split_words(unit_value(units.service, "Service", "SuccessExitStatus"));
  const auto unit_succeeds = [&](int code) {
    return code == 0 ||
           std::find(success.begin(), success.end(), std::to_string(code)) != success.end();
  };

  // Every feed fine: exit 0; the journal gets one JSON object a line.
  site.write_feeds({"good"});
  const CommandResult clean = run_command(argv);
  EXPECT_EQ(clean.exit_code, 0) << clean.err;
  EXPECT_EQ(posts_in(site.site()).size(), 2u);
  ASSERT_FALSE(clean.err.empty());
  for (const std::string& line : lines_of(clean.err)) {
    EXPECT_TRUE(nlohmann::json::accept(line)) << line;
  }

  // One feed gone: exit 3, a success of the unit.
  site.write_feeds({"good", "gone"});
  const CommandResult partial = run_command(argv);
  EXPECT_EQ(partial.exit_code, 3) << partial.err;
  EXPECT_TRUE(unit_succeeds(partial.exit_code));

  // Every feed due gone (a new one: "gone" is backing off now, skipped): exit 2, a failure.
  site.write_feeds({"lost"});
  const CommandResult failed = run_command(argv);
  EXPECT_EQ(failed.exit_code, 2) << failed.err;
  EXPECT_FALSE(unit_succeeds(failed.exit_code));
}

// ---- GitHub Actions --------------------------------------------------------------------

/// Where in `steps` the first step using `action` (or running a command holding `command`)
/// is; -1 when none.
int step_index(const YAML::Node& steps, const std::string& action, const std::string& command) {
  for (std::size_t i = 0; i < steps.size(); ++i) {
    const YAML::Node step = steps[i];
    if (!action.empty() && step["uses"] && step["uses"].as<std::string>().rfind(action, 0) == 0) {
      return static_cast<int>(i);
    }
    if (!command.empty() && step["run"] &&
        step["run"].as<std::string>().find(command) != std::string::npos) {
      return static_cast<int>(i);
    }
  }
  return -1;
}

TEST(PublishingRecipes, TheGitHubActionsWorkflowKeepsTheStateArchivesCommitsAndBuildsPages) {
  const YAML::Node workflow =
      YAML::LoadFile(std::string(FEEDARCHIVER_SOURCE_DIR) + "/examples/github-actions/archive.yml");
  ASSERT_TRUE(workflow["on"]["schedule"].IsSequence());
  EXPECT_EQ(workflow["permissions"]["contents"].as<std::string>(), "write");
  EXPECT_EQ(workflow["permissions"]["pages"].as<std::string>(), "write");
  const YAML::Node steps = workflow["jobs"]["archive"]["steps"];
  ASSERT_TRUE(steps.IsSequence());

  const int restore = step_index(steps, "actions/cache/restore@", "");
  const int run = step_index(steps, "", "feedarchiver run -c feeds.json -o .");
  const int save = step_index(steps, "actions/cache/save@", "");
  const int commit = step_index(steps, "", "git add _posts");
  const int build = step_index(steps, "actions/jekyll-build-pages@", "");
  const int upload = step_index(steps, "actions/upload-pages-artifact@", "");
  ASSERT_GE(restore, 0);
  EXPECT_EQ(steps[restore]["with"]["path"].as<std::string>(), ".feedarchiver");
  EXPECT_EQ(steps[save]["with"]["path"].as<std::string>(), ".feedarchiver");
  EXPECT_EQ(steps[save]["if"].as<std::string>(), "always()");
  EXPECT_LT(restore, run);
  EXPECT_LT(run, save);
  EXPECT_LT(save, commit);
  EXPECT_LT(commit, build);
  EXPECT_LT(build, upload);
  EXPECT_EQ(workflow["jobs"]["deploy"]["steps"][0]["uses"].as<std::string>().rfind(
                "actions/deploy-pages@", 0),
            0u);

  // The site init writes keeps the state out of git, as the workflow expects.
  bool ignores_state = false;
  for (const auto& file : site::scaffold_files("x")) {
    if (file.path == ".gitignore") {
      ignores_state = file.text.find("\n.feedarchiver/\n") != std::string::npos;
    }
  }
  EXPECT_TRUE(ignores_state);
}

/// The `run:` script of the archive job's step named `name`; empty when there is none.
std::string step_script(const YAML::Node& steps, const std::string& name) {
  for (const auto& step : steps) {
    if (step["name"] && step["name"].as<std::string>() == name && step["run"]) {
      return step["run"].as<std::string>();
    }
  }
  ADD_FAILURE() << "no step named " << name;
  return "";
}

struct StepResult {
  int exit_code;
  std::string output;  // what the step wrote to $GITHUB_OUTPUT
  std::string log;
};

/// Runs a step's script as GitHub does (`bash -e`) in `workdir`, with the built binary on PATH
/// as `feedarchiver` (the workflow's install step puts it there).
StepResult run_step(const std::string& script, const fs::path& workdir) {
  TempDir io;
  write_file(io.path() / "step.sh", script);
  const char* path = std::getenv("PATH");
  const CommandResult result =
      run_command({"env",
                   "PATH=" + fs::path(FEEDARCHIVER_BINARY).parent_path().string() + ":" +
                       (path ? path : "/usr/bin:/bin"),
                   "GITHUB_OUTPUT=" + (io.path() / "output").string(), "bash", "-e",
                   (io.path() / "step.sh").string()},
                  "", std::chrono::seconds(60), workdir);
  return {result.exit_code, read_file(io.path() / "output"), result.out + result.err};
}

std::string git(const fs::path& repo, std::vector<std::string> args) {
  args.insert(args.begin(), {"git", "-C", repo.string(), "-c", "user.name=test", "-c",
                             "user.email=test@example.invalid", "-c", "init.defaultBranch=main"});
  const CommandResult result = run_command(args);
  EXPECT_EQ(result.exit_code, 0) << result.err;
  return result.out;
}

TEST(PublishingRecipes, TheGitHubActionsScriptsArchiveAndCommitThePostsInARealRepository) {
  const YAML::Node workflow =
      YAML::LoadFile(std::string(FEEDARCHIVER_SOURCE_DIR) + "/examples/github-actions/archive.yml");
  const YAML::Node steps = workflow["jobs"]["archive"]["steps"];
  const std::string archive = step_script(steps, "Archive");
  const std::string commit = step_script(steps, "Commit the new posts");

  // The build's -D options are options of our CMakeLists.txt.
  const std::string install =
      step_script(steps, "Install feedarchiver's libraries (and build it when not cached)");
  const std::string cmake_lists = source_file("CMakeLists.txt");
  const std::regex define(R"(-D([A-Z_]+)=)");
  for (std::sregex_iterator it(install.begin(), install.end(), define), end; it != end; ++it) {
    const std::string name = (*it)[1];
    if (name.rfind("CMAKE_", 0) == 0) continue;
    EXPECT_NE(cmake_lists.find("option(" + name + " "), std::string::npos) << name;
  }

  // A repository as the workflow's comment describes it: `feedarchiver init .`, feeds.json at
  // its root, pushed to a remote.
  RecipeSite site;
  const fs::path repo = site.site();
  const fs::path origin = site.root() / "origin.git";
  site.write_feeds({"good"});
  ASSERT_EQ(testing::run_feedarchiver({"init", repo.string(), "-q"}).exit_code, 0);
  git(site.root(), {"init", "-q", repo.string()});
  git(site.root(), {"init", "-q", "--bare", origin.string()});
  git(repo, {"add", "-A"});
  git(repo, {"commit", "-q", "-m", "site"});
  git(repo, {"remote", "add", "origin", origin.string()});
  git(repo, {"push", "-q", "-u", "origin", "HEAD"});

  // Every feed fine: the step passes, the state is where the cache steps save it from, and
  // the commit step pushes the posts (and not the state).
  StepResult archived = run_step(archive, repo);
  EXPECT_EQ(archived.exit_code, 0) << archived.log;
  EXPECT_EQ(archived.output, "exit=0\n");
  EXPECT_EQ(posts_in(repo).size(), 2u);
  EXPECT_FALSE(fs::is_empty(repo / ".feedarchiver")) << "the path the cache saves";
  StepResult committed = run_step(commit, repo);
  EXPECT_EQ(committed.exit_code, 0) << committed.log;
  std::string branch = git(repo, {"rev-parse", "--abbrev-ref", "HEAD"});
  branch.pop_back();  // '\n'

  EXPECT_EQ(git(origin, {"log", "-1", "--format=%s", branch}),
            "Archive: 2 new or updated post(s)\n");
  const auto files = lines_of(git(origin, {"ls-tree", "-r", "--name-only", branch}));
  EXPECT_EQ(std::count_if(files.begin(), files.end(),
                          [](const std::string& f) { return f.rfind("_posts/", 0) == 0; }),
            2);
  for (const std::string& file : files) EXPECT_NE(file.rfind(".feedarchiver", 0), 0u) << file;

  // Nothing new: no commit.
  const std::string commits = git(origin, {"rev-list", "--count", branch});
  EXPECT_EQ(run_step(archive, repo).exit_code, 0);
  EXPECT_EQ(run_step(commit, repo).exit_code, 0);
  EXPECT_EQ(git(origin, {"rev-list", "--count", branch}), commits);

  // A feed gone: the step still passes (the rest is published); every feed due gone (a new
  // one, as "gone" is backing off now): it fails.
  site.write_feeds({"good", "gone"});
  archived = run_step(archive, repo);
  EXPECT_EQ(archived.exit_code, 0) << archived.log;
  EXPECT_EQ(archived.output, "exit=3\n");
  site.write_feeds({"lost"});
  archived = run_step(archive, repo);
  EXPECT_NE(archived.exit_code, 0) << archived.log;
  EXPECT_EQ(archived.output, "exit=2\n");
}

}  // namespace
}  // namespace feedarchiver
