#include "feedarchiver/site/site_scaffold.hpp"

#include <gtest/gtest.h>
#include <yaml-cpp/yaml.h>

#include <filesystem>
#include <string>

#include "support/run_command.hpp"
#include "support/temp_dir.hpp"

namespace feedarchiver::site {
namespace {

namespace fs = std::filesystem;
using testing::read_file;
using testing::run_feedarchiver;
using testing::TempDir;
using testing::write_file;

const ScaffoldFile& file_named(const std::vector<ScaffoldFile>& files, const std::string& path) {
  for (const ScaffoldFile& file : files) {
    if (file.path == path) return file;
  }
  throw std::runtime_error("no " + path + " in the scaffold");
}

TEST(SiteScaffold, ConfigKeepsFutureUtcPostsAndNoCategoryInUrls) {
  const auto files = scaffold_files("Demo");
  const YAML::Node config = YAML::Load(file_named(files, "_config.yml").text);
  EXPECT_EQ(config["title"].as<std::string>(), "Demo");
  EXPECT_EQ(config["timezone"].as<std::string>(), "UTC");
  EXPECT_TRUE(config["future"].as<bool>());
  EXPECT_EQ(config["permalink"].as<std::string>(), "/:year/:month/:day/:title:output_ext");
  EXPECT_EQ(config["paginate"].as<int>(), 25);
  EXPECT_EQ(config["plugins"][0].as<std::string>(), "jekyll-feed");
  EXPECT_EQ(config["plugins"][1].as<std::string>(), "jekyll-paginate");
  for (const char* path : {"_layouts/default.html", "_layouts/post.html", "_layouts/home.html",
                           "index.html", "sources.html", "assets/feedarchiver.css"}) {
    EXPECT_NO_THROW(file_named(files, path)) << path;
  }
  // The one layout every page goes through carries the policy and the referrer rule.
  const std::string& layout = file_named(files, "_layouts/default.html").text;
  EXPECT_NE(layout.find("Content-Security-Policy\" content=\"default-src 'none';"),
            std::string::npos);
  EXPECT_EQ(layout.find("script-src"), std::string::npos);
  EXPECT_NE(layout.find("<meta name=\"referrer\" content=\"no-referrer\">"), std::string::npos);
}

TEST(SiteScaffold, AnyTitleStaysOneYamlString) {
  for (const std::string title : {"a: b # c", "\"quoted\"\nnew line\n---\nlayout: x", "yes",
                                  "{{ site.title }}", "中文标题", ""}) {
    const YAML::Node config = YAML::Load(file_named(scaffold_files(title), "_config.yml").text);
    EXPECT_EQ(config["title"].as<std::string>(), title);
    EXPECT_EQ(config["timezone"].as<std::string>(), "UTC") << title;
  }
}

TEST(SiteScaffold, WritesEveryFileOnceAndNeverOverwrites) {
  TempDir dir;
  const fs::path site = dir.path() / "new-site";
  const ScaffoldResult first = init_site(site, "First");
  EXPECT_EQ(first.written.size(), scaffold_files("First").size());
  EXPECT_TRUE(first.kept.empty());
  EXPECT_TRUE(fs::is_directory(site / "_posts"));
  EXPECT_EQ(read_file(site / "_layouts" / "post.html"),
            file_named(scaffold_files("First"), "_layouts/post.html").text);

  write_file(site / "assets" / "feedarchiver.css", "/* mine */");
  const ScaffoldResult second = init_site(site, "Second");
  EXPECT_TRUE(second.written.empty());
  EXPECT_EQ(second.kept.size(), first.written.size());
  EXPECT_EQ(read_file(site / "assets" / "feedarchiver.css"), "/* mine */");
  EXPECT_EQ(YAML::LoadFile((site / "_config.yml").string())["title"].as<std::string>(), "First");
  // No temporary file is left behind.
  for (const auto& entry : fs::recursive_directory_iterator(site)) {
    EXPECT_NE(entry.path().extension(), ".tmp") << entry.path();
  }
}

TEST(SiteScaffold, LeavesAnExistingSiteAsItWas) {
  TempDir dir;
  const fs::path site = dir.path();
  write_file(site / "_config.yml", "title: Mine\n");
  write_file(site / "index.md", "---\nlayout: mine\n---\nHello\n");
  fs::create_directories(site / "_layouts");
  write_file(site / "_layouts" / "post.md", "{{ content }}");
  fs::create_directories(site / "_posts");
  write_file(site / "_posts" / "2023-01-01-a.md", "---\nlayout: post\n---\n");

  const auto run = run_feedarchiver({"init", site.string(), "--title", "Theirs"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(read_file(site / "_config.yml"), "title: Mine\n");
  EXPECT_EQ(read_file(site / "index.md"), "---\nlayout: mine\n---\nHello\n");
  EXPECT_EQ(read_file(site / "_layouts" / "post.md"), "{{ content }}");
  EXPECT_EQ(read_file(site / "_posts" / "2023-01-01-a.md"), "---\nlayout: post\n---\n");
  // index.html and post.html would be the same page and layout: not written.
  EXPECT_FALSE(fs::exists(site / "index.html"));
  EXPECT_FALSE(fs::exists(site / "_layouts" / "post.html"));
  EXPECT_TRUE(fs::exists(site / "_layouts" / "default.html"));
  // stdout lists what was written; stderr what was kept.
  EXPECT_NE(run.out.find((site / "_layouts" / "default.html").string() + "\n"), std::string::npos);
  EXPECT_EQ(run.out.find("_config.yml"), std::string::npos);
  EXPECT_NE(run.err.find("kept " + (site / "_config.yml").string() + " (already there)"),
            std::string::npos)
      << run.err;
  EXPECT_NE(run.err.find("kept " + (site / "index.md").string() + " (in place of index.html)"),
            std::string::npos)
      << run.err;
  EXPECT_NE(run.err.find("(in place of _layouts/post.html)"), std::string::npos) << run.err;
}

TEST(SiteScaffold, ADirThatIsAFileIsAnError) {
  TempDir dir;
  write_file(dir.path() / "file", "x");
  const auto run = run_feedarchiver({"init", (dir.path() / "file").string()});
  EXPECT_NE(run.exit_code, 0);
  EXPECT_NE(run.err.find("cannot create"), std::string::npos) << run.err;
}

}  // namespace
}  // namespace feedarchiver::site
