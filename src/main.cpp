// feedarchiver's entry point: the whole command line lives in cli/ (run_app).

#include <iostream>

#include "cli/app.hpp"

int main(int argc, char** argv) {
  return feedarchiver::cli::run_app(argc, argv, {std::cin, std::cout, std::cerr});
}
