/*
 * With a resolver that hangs (slow_resolver.so preloaded), a login times out on
 * time, and ucontact_client_free does not wait for the look-up still running.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "ucontact.h"

static double now(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

int main(void) {
  const char *tls = getenv("UCONTACT_TEST_TLS"); /* https://localhost:PORT */
  char token[UCONTACT_TOKEN_BUFFER_SIZE];
  int passed = 0, failed = 0;
  ucontact_client *client;
  double start, login_s, free_s;
  int32_t rc;

  if (tls == NULL) {
    fprintf(stderr, "test_slow_resolver: UCONTACT_TEST_TLS is not set\n");
    return 2;
  }
  client = ucontact_client_new(tls);
  if (client == NULL ||
      ucontact_client_set_timeouts(client, 200, 500) != UCONTACT_OK) {
    fprintf(stderr, "test_slow_resolver: cannot set up the client\n");
    return 2;
  }
  start = now();
  rc = ucontact_client_get_user_token(client, "demo", "demo-password", token,
                                      sizeof token);
  login_s = now() - start;
  start = now();
  ucontact_client_free(client);
  free_s = now() - start;

  /* Bounds, not speed: the timeout plus a second, and no 3 s wait. */
  if (rc == UCONTACT_ERR_TIMEOUT && login_s < 1.5) {
    passed++;
  } else {
    failed++;
    printf("login: rc %d after %.2f s\n", (int)rc, login_s);
  }
  if (free_s < 1.0) {
    passed++;
  } else {
    failed++;
    printf("ucontact_client_free waited %.2f s for the resolver\n", free_s);
  }
  printf("test_slow_resolver: %d passed, %d failed\n", passed, failed);
  return failed == 0 ? 0 : 1;
}
