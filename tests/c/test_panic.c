/*
 * Against a build with the test-only `test-panic` feature: a panic inside the
 * library becomes UCONTACT_ERR_INTERNAL, prints nothing, leaks nothing, and the
 * next call works. run.sh checks that stderr stays empty.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ucontact.h"

#define DEMO_TOKEN "ZGVtbzowYjZmMmM5ZS00ZDFhLTRmN2UtOWMzYi01YThkN2U2ZjFhMjA="

int main(void) {
  const char *plain = getenv("UCONTACT_TEST_PLAIN");
  char token[UCONTACT_TOKEN_BUFFER_SIZE];
  char why[UCONTACT_ERROR_BUFFER_SIZE];
  int passed = 0, failed = 0;
  int32_t rc;

  if (plain == NULL) {
    fprintf(stderr, "test_panic: UCONTACT_TEST_PLAIN is not set\n");
    return 2;
  }
  token[0] = 'x';
  rc = ucontact_get_user_token(plain, "__ucontact_test_panic__", "pw", token,
                               sizeof token);
  ucontact_last_error_message(why, sizeof why);
  if (rc == UCONTACT_ERR_INTERNAL && token[0] == '\0' &&
      ucontact_last_error_code() == UCONTACT_ERR_INTERNAL &&
      strncmp(why, "internal error: the library panicked at ", 40) == 0) {
    passed++;
  } else {
    failed++;
    printf("panic: rc %d, message %s\n", (int)rc, why);
  }
  rc = ucontact_get_user_token(plain, "demo", "demo-password", token,
                               sizeof token);
  if (rc == UCONTACT_OK && strcmp(token, DEMO_TOKEN) == 0) {
    passed++;
  } else {
    failed++;
    printf("after the panic: rc %d\n", (int)rc);
  }
  printf("test_panic: %d passed, %d failed\n", passed, failed);
  return failed == 0 ? 0 : 1;
}
