// Replays every input the fuzzers ever failed on (tests/data/fuzz_regressions/<target>/*),
// plus our own fixtures and the fuzz seeds, through the very functions the libFuzzer targets
// run (fuzz/targets.hpp): no crash, no sanitizer report, every promise kept.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "../../fuzz/targets.hpp"
#include "support/temp_dir.hpp"

namespace feedarchiver {
namespace {

namespace fs = std::filesystem;
using testing::read_file;

std::vector<fs::path> files_under(const fs::path& dir) {
  std::vector<fs::path> files;
  if (!fs::is_directory(dir)) return files;
  for (const auto& entry : fs::recursive_directory_iterator(dir)) {
    if (entry.is_regular_file() && entry.path().filename() != "README") {
      files.push_back(entry.path());
    }
  }
  return files;
}

void replay(const fuzz::Target& target, const std::vector<fs::path>& files) {
  for (const fs::path& file : files) {
    SCOPED_TRACE(file.string());
    try {
      target.run(read_file(file));
    } catch (const fuzz::InvariantViolation& violation) {
      ADD_FAILURE() << target.name << ": " << violation.what();
    }
  }
}

class FuzzRegression : public ::testing::TestWithParam<fuzz::Target> {};

TEST_P(FuzzRegression, EveryFindingReplaysCleanly) {
  const fuzz::Target target = GetParam();
  replay(target, files_under(testing::data_path("fuzz_regressions/" + std::string(target.name))));
}

TEST_P(FuzzRegression, EveryFixtureAndSeedKeepsThePromises) {
  const fuzz::Target target = GetParam();
  std::vector<fs::path> files = files_under(testing::data_path("feeds"));
  for (auto& page : files_under(testing::data_path("pages"))) files.push_back(page);
  const fs::path seeds = fs::path(FEEDARCHIVER_SOURCE_DIR) / "fuzz" / "seeds" / target.name;
  for (auto& seed : files_under(seeds)) files.push_back(seed);
  ASSERT_GT(files.size(), 10u);
  replay(target, files);
}

INSTANTIATE_TEST_SUITE_P(Targets, FuzzRegression, ::testing::ValuesIn(fuzz::kTargets),
                         [](const auto& param_info) { return std::string(param_info.param.name); });

// The checks themselves catch what they are meant to catch.
TEST(FuzzInvariants, InertHtmlCheckRejectsActiveContent) {
  for (const char* active :
       {"<p><script>x</script></p>",
        "<img src=\"x\" onerror=\"alert(1)\">",
        "<a href=\"java&#x09;script:alert(1)\">x</a>",
        "<a href=\" JavaScript:x\">x</a>",
        "<img src=\"data:text/html;base64,PHNjcmlwdD4=\">",
        "<div style=\"background:url(javascript:x)\"></div>",
        "<p style=\"color:red\">x</p>",
        "<img srcset=\"https://a/1.png 1x, javascript:x 2x\">",
        "<svg><foreignObject><p>x</p></foreignObject></svg>",
        "<svg><a><animate attributeName=\"href\" to=\"javascript:x\"/></a></svg>",
        "<svg><set attributeName=\"href\"/></svg>",
        "<svg><style>x</style></svg>",
        "<svg><a xlink:href=\"javascript:x\"></a></svg>",
        "<svg><a xlink:href=\"data:x\"></a></svg>",
        "<svg><use xlink:href=\"https://a.example/s.svg#x\"></use></svg>",
        "<svg><rect fill=\"url(https://a.example/x)\"></rect></svg>",
        "<svg><rect fill=\"x\" mask=\"javascript:x\"></rect></svg>",
        "<math><mi href=\"vbscript:x\">x</mi></math>",
        "<svg><desc><b>x</b></desc><rect mask=\"url(x)\"></rect></svg>",
        "<svg><circle onclick=\"x\"></circle></svg>"}) {
    EXPECT_THROW(fuzz::require_inert_html(active, "test"), fuzz::InvariantViolation) << active;
  }
  EXPECT_NO_THROW(fuzz::require_inert_html(
      "<p title=\"javascript: the good parts\">javascript: is a scheme &lt;script&gt;</p>"
      "<img src=\"data:image/png;base64,AAAA\" alt=\"on\">",
      "test"));
  // What the sanitizer keeps of SVG and MathML passes.
  EXPECT_NO_THROW(fuzz::require_inert_html(
      "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"9\" height=\"9\"><a "
      "xlink:href=\"https://a.example/\"><rect fill=\"url(#svg-g)\"></rect></a><use "
      "xlink:href=\"#svg-c\"></use><title>url(x) javascript:</title></svg><math><mi "
      "href=\"/relative\">x</mi><mtext><img src=\"https://a.example/i.png\" "
      "width=\"javascript:url(x)\"></mtext></math><p title=\"url(x)\">p</p>"
      "<a href=\"1https://x/\">relative</a>",
      "test"));
}

TEST(FuzzInvariants, FrontMatterCheckRejectsABrokenOutLine) {
  EXPECT_THROW(fuzz::front_matter_keys("---\ntitle: a\nevil: b\nnot a key\n---\n"),
               fuzz::InvariantViolation);
  EXPECT_THROW(fuzz::front_matter_keys("---\ntitle: a\n"), fuzz::InvariantViolation);
  EXPECT_EQ(fuzz::front_matter_keys("---\ntitle: a\ntags: [ x ]\n---\nbody"),
            (std::vector<std::string>{"title", "tags"}));
}

TEST(FuzzInvariants, Utf8CheckRejectsOverlongsAndSurrogates) {
  EXPECT_TRUE(fuzz::is_valid_utf8("caf\xC3\xA9 \xF0\x9F\x9A\x80"));
  EXPECT_FALSE(fuzz::is_valid_utf8("\xC0\xAF"));
  EXPECT_FALSE(fuzz::is_valid_utf8("\xED\xA0\x80"));
  EXPECT_FALSE(fuzz::is_valid_utf8("\xE3\x81"));
}

}  // namespace
}  // namespace feedarchiver
