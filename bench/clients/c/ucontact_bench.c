/*
 * ucontact through its C ABI, in two variants:
 *   oneshot  ucontact_get_user_token(url, ...) every call: the library's shared default
 *            client; it trusts the system store, so the harness points SSL_CERT_FILE at a
 *            bundle of the system's roots plus the test CA.
 *   client   one ucontact_client, with ucontact_client_set_ca_file(CA_FILE) on top of
 *            the system's roots, shared by both threads of the throughput run.
 * Usage: ucontact_bench oneshot|client warm|cold URL CA_FILE BUNDLE [WARMUP_S CALLS T_S]
 */
#include "bench.h"

#include <ucontact.h>

static const char *origin;

static int good_token(int32_t code, const char *token) {
  if (code != UCONTACT_OK) {
    static int told;
    if (!told++) {
      char why[UCONTACT_ERROR_BUFFER_SIZE];
      ucontact_last_error_message(why, sizeof why);
      fprintf(stderr, "ucontact_bench: %s: %s\n", ucontact_strerror(code), why);
    }
    return 0;
  }
  return strcmp(token, BENCH_TOKEN) == 0;
}

static int call_oneshot(void *state) {
  (void)state;
  char token[UCONTACT_TOKEN_BUFFER_SIZE];
  int32_t code = ucontact_get_user_token(origin, BENCH_USER, BENCH_PASSWORD,
                                         token, sizeof token);
  return good_token(code, token);
}

static int call_client(void *state) {
  char token[UCONTACT_TOKEN_BUFFER_SIZE];
  int32_t code = ucontact_client_get_user_token(state, BENCH_USER,
                                                BENCH_PASSWORD, token,
                                                sizeof token);
  return good_token(code, token);
}

/* Both threads share the one client (or the library's default client). */
static void *same_state(void *shared, int thread) {
  (void)thread;
  return shared;
}

static void keep_state(void *state, void *shared) {
  (void)state;
  (void)shared;
}

int main(int argc, char **argv) {
  struct bench_args args;
  if (argc < 2 || bench_parse_args(argc - 1, argv + 1, &args) != 0) {
    fprintf(stderr, "usage: ucontact_bench oneshot|client warm|cold URL CA_FILE "
                    "BUNDLE [WARMUP_S CALLS THROUGHPUT_S]\n");
    return 2;
  }
  origin = args.url;
  int oneshot = strcmp(argv[1], "oneshot") == 0;
  bench_call_fn call = oneshot ? call_oneshot : call_client;
  ucontact_client *client = NULL;
  static char unused;
  void *shared = &unused;
  if (!oneshot) {
    client = ucontact_client_new(args.url);
    if (client == NULL ||
        ucontact_client_set_ca_file(client, args.ca_file) != UCONTACT_OK) {
      char why[UCONTACT_ERROR_BUFFER_SIZE];
      ucontact_last_error_message(why, sizeof why);
      fprintf(stderr, "ucontact_bench: cannot make the client: %s\n", why);
      return 2;
    }
    shared = client;
  }

  int status;
  if (strcmp(args.mode, "cold") == 0) {
    status = call(shared) ? 0 : 3;
  } else {
    status = bench_warm(&args, call, same_state, keep_state, shared);
  }
  ucontact_client_free(client);
  return status;
}
