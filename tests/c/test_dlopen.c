/*
 * The library survives dlclose() and a second dlopen() in the same process:
 * a login before, a login after.
 */
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ucontact.h"

#define DEMO_TOKEN "ZGVtbzowYjZmMmM5ZS00ZDFhLTRmN2UtOWMzYi01YThkN2U2ZjFhMjA="

typedef int32_t (*login_fn)(const char *, const char *, const char *, char *,
                            size_t);

static int login_once(const char *path, const char *domain) {
  char token[UCONTACT_TOKEN_BUFFER_SIZE];
  void *lib = dlopen(path, RTLD_NOW | RTLD_LOCAL);
  login_fn login;
  int ok;

  if (lib == NULL) {
    fprintf(stderr, "dlopen: %s\n", dlerror());
    return 0;
  }
  *(void **)(&login) = dlsym(lib, "ucontact_get_user_token");
  ok = login != NULL &&
       login(domain, "demo", "demo-password", token, sizeof token) == 0 &&
       strcmp(token, DEMO_TOKEN) == 0;
  if (dlclose(lib) != 0) {
    fprintf(stderr, "dlclose: %s\n", dlerror());
    ok = 0;
  }
  return ok;
}

int main(int argc, char **argv) {
  int passed = 0, failed = 0, round;

  if (argc != 3) {
    fprintf(stderr, "usage: test_dlopen LIBRARY DOMAIN\n");
    return 2;
  }
  for (round = 0; round < 3; round++) {
    if (login_once(argv[1], argv[2])) {
      passed++;
    } else {
      failed++;
      fprintf(stderr, "test_dlopen: round %d failed\n", round);
    }
  }
  printf("test_dlopen: %d passed, %d failed\n", passed, failed);
  return failed == 0 ? 0 : 1;
}
