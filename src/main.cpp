// feedarchiver's entry point: the whole command line lives in cli/ (run_app).

#include <iostream>

#include "cli/app.hpp"
#include "feedarchiver/process_heap.hpp"

int main(int argc, char** argv) {
  feedarchiver::prepare_heap();
  return feedarchiver::cli::run_app(argc, argv, {std::cin, std::cout, std::cerr});
}
