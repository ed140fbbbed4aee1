/*
 * Calls made while a thread exits, from a pthread key destructor, after the
 * library's own thread-local storage may be gone: no abort, nothing printed,
 * and the out-buffer rules hold. A login there may fail (its failure cannot be
 * recorded on a dying thread), but it never crashes the process.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ucontact.h"

#define DEMO_TOKEN "ZGVtbzowYjZmMmM5ZS00ZDFhLTRmN2UtOWMzYi01YThkN2U2ZjFhMjA="

static pthread_key_t key;
static const char *plain;
static int32_t null_rc = -1, login_rc = -1;
static char login_out[UCONTACT_TOKEN_BUFFER_SIZE];
static size_t message_len = 99;

static void at_thread_exit(void *value) {
  char out[16];
  char message[64];
  (void)value;
  null_rc = ucontact_get_user_token(NULL, "demo", "pw", out, sizeof out);
  message_len = ucontact_last_error_message(message, sizeof message);
  login_out[0] = 'x';
  login_rc = ucontact_get_user_token(plain, "demo", "demo-password", login_out,
                                     sizeof login_out);
}

static void *worker(void *arg) {
  char out[16];
  (void)arg;
  /* Touch the library's thread-locals on this thread first. */
  ucontact_get_user_token(NULL, "demo", "pw", out, sizeof out);
  pthread_setspecific(key, &key);
  return NULL;
}

int main(void) {
  pthread_t thread;
  int passed = 0, failed = 0;

  plain = getenv("UCONTACT_TEST_PLAIN");
  if (plain == NULL) {
    fprintf(stderr, "test_thread_exit: UCONTACT_TEST_PLAIN is not set\n");
    return 2;
  }
  pthread_key_create(&key, at_thread_exit);
  pthread_create(&thread, NULL, worker, NULL);
  pthread_join(thread, NULL);

  if (null_rc == UCONTACT_ERR_INVALID_ARGUMENT) {
    passed++;
  } else {
    failed++;
    printf("NULL domain during thread exit: rc %d\n", (int)null_rc);
  }
  /* The message survives or is empty; either way the call returned. */
  if (message_len == 0 || message_len == strlen("domain is NULL")) {
    passed++;
  } else {
    failed++;
    printf("message length during thread exit: %zu\n", message_len);
  }
  if ((login_rc == UCONTACT_OK && strcmp(login_out, DEMO_TOKEN) == 0) ||
      (login_rc != UCONTACT_OK && login_out[0] == '\0')) {
    passed++;
  } else {
    failed++;
    printf("login during thread exit: rc %d\n", (int)login_rc);
  }
  printf("test_thread_exit: %d passed, %d failed (login during exit: %d)\n",
         passed, failed, (int)login_rc);
  return failed == 0 ? 0 : 1;
}
