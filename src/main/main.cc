#include <cstdio>

int main() {
  std::puts("skybox");
  return 0;
}
