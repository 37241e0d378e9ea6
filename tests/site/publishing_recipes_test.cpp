// The publishing recipe under examples/: the GitHub Actions workflow parses as YAML and keeps
// the state between runs, archives, commits the posts and builds Pages, in that order.

#include <gtest/gtest.h>
#include <yaml-cpp/yaml.h>

#include <string>
#include <vector>

#include "feedarchiver/site/site_scaffold.hpp"

namespace feedarchiver {
namespace {

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

}  // namespace
}  // namespace feedarchiver
