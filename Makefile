# The README's commands. CMake does the building; this file only names the steps.
JOBS ?= $(shell nproc)
MAKEFLAGS += --no-print-directory
BIN_RELEASE := build/release/feedarchiver

.PHONY: deps deps-demo demo test asan valgrind fuzz build release install format clean

deps:
	./scripts/install-deps.sh

deps-demo:
	./scripts/install-deps.sh demo

release: deps-demo
	cmake --preset release >/dev/null
	cmake --build --preset release -j $(JOBS)

build: deps
	cmake --preset dev >/dev/null
	cmake --build --preset dev -j $(JOBS)

# A site around the bundled example feed: `init` it (kept as it is when it exists), archive
# the feed into it, build it with Jekyll, and print the page to open.
SITE ?= site
demo: release
	$(BIN_RELEASE) init $(SITE) --title "feedarchiver demo" -q
	$(BIN_RELEASE) archive examples/feeds/demo.xml -o $(SITE)
	jekyll build --safe --quiet -s $(SITE) -d $(SITE)/_site
	@echo "Open $(abspath $(SITE))/_site/index.html"

# Installs the binary and its man page under PREFIX (default /usr/local).
PREFIX ?= /usr/local
install: release
	cmake --install build/release --prefix $(PREFIX)

test: build
	ctest --preset dev -j $(JOBS)

# The tests under ASan + UBSan: one process per shard (ctest's process per test costs more
# than the tests here); `ctest --preset asan` runs them one by one.
# The browser test is left to `make test`: it checks the site's HTML in chromium (a minute),
# and `init` itself runs under ASan in the Jekyll and init tests.
asan: deps
	cmake --preset asan >/dev/null
	cmake --build --preset asan -j $(JOBS)
	ASAN_OPTIONS=detect_leaks=1:abort_on_error=0 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	  GTEST_FILTER='-SiteInBrowser*' ./scripts/run-test-shards.sh build/asan/tests/feedarchiver_tests $(JOBS)

# The fetcher and writer tests under valgrind memcheck (leaks, uninitialized reads), on the
# dev build. A separate step of CI.
VALGRIND_TESTS := CurlFetcher*:MultiFetch*:Source*:JsonValidatorStore*:JekyllWriter*:AtomicFile*:Post*:Slug*:YamlScalar*:MarkdownLink*:Liquid*
valgrind: build
	valgrind --error-exitcode=1 --leak-check=full --errors-for-leak-kinds=definite,indirect \
	  --show-leak-kinds=definite,indirect -q build/dev/tests/feedarchiver_tests \
	  --gtest_filter='$(VALGRIND_TESTS)'

# Every libFuzzer target for FUZZ_SECONDS each, two at a time (needs clang and libFuzzer:
# clang, libclang-rt-dev). Findings land in build/fuzz/artifacts/<target>/; copy each to
# tests/data/fuzz_regressions/<target>/ so the ordinary tests replay it.
FUZZ_SECONDS ?= 60
fuzz: deps
	cmake --preset fuzz >/dev/null
	cmake --build --preset fuzz -j $(JOBS)
	./fuzz/run.sh build/fuzz $(FUZZ_SECONDS)

format:
	git ls-files '*.cpp' '*.hpp' | xargs clang-format -i

clean:
	rm -rf build site
