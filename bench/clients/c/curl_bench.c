/*
 * The libcurl peer: what a C integrator writes without ucontact. One easy handle, kept
 * for every call so that its connection is reused; in the two-thread run each thread has
 * its own handle (a handle must not be used by two threads at once). TLS is verified
 * against CAINFO = BUNDLE (the system's roots plus the test CA), HTTP/2 is offered by
 * ALPN (CURL_HTTP_VERSION_2TLS), and the reply must be the JSON string of the token.
 * Usage: curl_bench warm|cold URL CA_FILE BUNDLE [WARMUP_S CALLS THROUGHPUT_S]
 */
#include "bench.h"

#include <curl/curl.h>

#define EXPECTED_BODY "\"" BENCH_TOKEN "\""

struct caller {
  CURL *easy;
  char body[1024];
  size_t used;
  int overflow;
};

static char login_url[512];
static const char *bundle;

static size_t collect(char *data, size_t size, size_t count, void *user) {
  struct caller *c = user;
  size_t n = size * count;
  if (c->used + n >= sizeof c->body) {
    c->overflow = 1;
    return n;
  }
  memcpy(c->body + c->used, data, n);
  c->used += n;
  return n;
}

static void *new_caller(void *shared, int thread) {
  (void)shared;
  (void)thread;
  struct caller *c = calloc(1, sizeof *c);
  c->easy = curl_easy_init();
  if (c->easy == NULL) {
    free(c);
    return NULL;
  }
  curl_easy_setopt(c->easy, CURLOPT_URL, login_url);
  curl_easy_setopt(c->easy, CURLOPT_POSTFIELDS,
                   "user=" BENCH_USER "&password=" BENCH_PASSWORD);
  curl_easy_setopt(c->easy, CURLOPT_CAINFO, bundle);
  curl_easy_setopt(c->easy, CURLOPT_SSL_VERIFYPEER, 1L);
  curl_easy_setopt(c->easy, CURLOPT_SSL_VERIFYHOST, 2L);
  curl_easy_setopt(c->easy, CURLOPT_HTTP_VERSION, (long)CURL_HTTP_VERSION_2TLS);
  curl_easy_setopt(c->easy, CURLOPT_WRITEFUNCTION, collect);
  curl_easy_setopt(c->easy, CURLOPT_WRITEDATA, c);
  curl_easy_setopt(c->easy, CURLOPT_NOSIGNAL, 1L);
  return c;
}

static void free_caller(void *state, void *shared) {
  (void)shared;
  struct caller *c = state;
  curl_easy_cleanup(c->easy);
  free(c);
}

static int call(void *state) {
  struct caller *c = state;
  c->used = 0;
  c->overflow = 0;
  CURLcode rc = curl_easy_perform(c->easy);
  long status = 0;
  curl_easy_getinfo(c->easy, CURLINFO_RESPONSE_CODE, &status);
  if (rc != CURLE_OK || status != 200) {
    static int told;
    if (!told++) {
      fprintf(stderr, "curl_bench: %s, HTTP %ld\n", curl_easy_strerror(rc),
              status);
    }
    return 0;
  }
  c->body[c->used] = '\0';
  return !c->overflow && strcmp(c->body, EXPECTED_BODY) == 0;
}

int main(int argc, char **argv) {
  struct bench_args args;
  if (bench_parse_args(argc, argv, &args) != 0) {
    fprintf(stderr, "usage: curl_bench warm|cold URL CA_FILE BUNDLE "
                    "[WARMUP_S CALLS THROUGHPUT_S]\n");
    return 2;
  }
  snprintf(login_url, sizeof login_url, "%s%s", args.url, BENCH_PATH);
  bundle = args.bundle;
  curl_global_init(CURL_GLOBAL_DEFAULT);

  int status;
  if (strcmp(args.mode, "cold") == 0) {
    struct caller *c = new_caller(NULL, 0);
    status = c != NULL && call(c) ? 0 : 3;
    if (c != NULL) {
      free_caller(c, NULL);
    }
  } else {
    status = bench_warm(&args, call, new_caller, free_caller, NULL);
  }
  curl_global_cleanup();
  return status;
}
