# The README's commands. CMake does the building; this file only names the steps.
JOBS ?= $(shell nproc)
MAKEFLAGS += --no-print-directory
BIN_RELEASE := build/release/feedarchiver

.PHONY: deps demo test asan build release format clean

deps:
	./scripts/install-deps.sh

release: deps
	cmake --preset release >/dev/null
	cmake --build --preset release -j $(JOBS)

build: deps
	cmake --preset dev >/dev/null
	cmake --build --preset dev -j $(JOBS)

# Archive the bundled example feed into ./site/_posts and print the paths written.
demo: release
	$(BIN_RELEASE) archive examples/feeds/demo.xml -o site

test: build
	ctest --preset dev -j $(JOBS)

asan: deps
	cmake --preset asan >/dev/null
	cmake --build --preset asan -j $(JOBS)
	ctest --preset asan -j $(JOBS)

format:
	git ls-files '*.cpp' '*.hpp' | xargs clang-format -i

clean:
	rm -rf build site
