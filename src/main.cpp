#include <iostream>

int main() {
  std::cout << "feedarchiver " FEEDARCHIVER_VERSION "\n";
  return 0;
}
