/*
 * The C ABI as a C program sees it: every failure class and the success path,
 * against local servers started by run.sh, which passes their URLs in the
 * environment. Run under valgrind and AddressSanitizer by run.sh.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ucontact.h"
#include "ucontact.h" /* twice: the include guard must hold */

#define DEMO_TOKEN "ZGVtbzowYjZmMmM5ZS00ZDFhLTRmN2UtOWMzYi01YThkN2U2ZjFhMjA="

static int passed, failed;

#define CHECK(cond)                                                           \
  do {                                                                        \
    if (cond) {                                                               \
      passed++;                                                               \
    } else {                                                                  \
      failed++;                                                               \
      fprintf(stderr, "%s:%d: check failed: %s (last error: %s)\n", __FILE__, \
              __LINE__, #cond, last_error());                                 \
    }                                                                         \
  } while (0)

static const char *last_error(void) {
  static char buf[UCONTACT_ERROR_BUFFER_SIZE];
  ucontact_last_error_message(buf, sizeof buf);
  return buf;
}

static const char *env(const char *name) {
  const char *value = getenv(name);
  if (value == NULL) {
    fprintf(stderr, "test_abi: %s is not set (run through run.sh)\n", name);
    exit(2);
  }
  return value;
}

static int32_t login(const char *domain, const char *user, const char *pw,
                     char *out, size_t len) {
  return ucontact_get_user_token(domain, user, pw, out, len);
}

static void test_success(const char *plain) {
  char token[UCONTACT_TOKEN_BUFFER_SIZE];
  CHECK(login(plain, "demo", "demo-password", token, sizeof token) ==
        UCONTACT_OK);
  CHECK(strcmp(token, DEMO_TOKEN) == 0);
}

static void test_arguments(const char *plain) {
  char out[64];
  out[0] = 'x';
  CHECK(login(NULL, "demo", "pw", out, sizeof out) ==
        UCONTACT_ERR_INVALID_ARGUMENT);
  CHECK(out[0] == '\0');
  CHECK(strcmp(last_error(), "domain is NULL") == 0);
  CHECK(login(plain, NULL, "pw", out, sizeof out) ==
        UCONTACT_ERR_INVALID_ARGUMENT);
  CHECK(login(plain, "demo", NULL, out, sizeof out) ==
        UCONTACT_ERR_INVALID_ARGUMENT);
  CHECK(login(plain, "", "pw", out, sizeof out) ==
        UCONTACT_ERR_INVALID_ARGUMENT);
  CHECK(login(plain, "demo", "pw", NULL, 64) == UCONTACT_ERR_INVALID_ARGUMENT);
  out[0] = 'x';
  CHECK(login(plain, "demo", "pw", out, 0) == UCONTACT_ERR_INVALID_ARGUMENT);
  CHECK(out[0] == 'x');
  CHECK(login(plain, "caf\xe9", "pw", out, sizeof out) ==
        UCONTACT_ERR_INVALID_UTF8);
  CHECK(strcmp(last_error(), "user is not valid UTF-8") == 0);
  CHECK(login("https://evil.example/path", "demo", "pw", out, sizeof out) ==
        UCONTACT_ERR_INVALID_DOMAIN);
  CHECK(login("http://uc.example.com", "demo", "pw", out, sizeof out) ==
        UCONTACT_ERR_INVALID_DOMAIN);
}

static void test_small_buffer(const char *plain) {
  char buf[80];
  size_t exact = strlen(DEMO_TOKEN) + 1;
  memset(buf, 'Z', sizeof buf);
  CHECK(login(plain, "demo", "demo-password", buf, exact - 1) ==
        UCONTACT_ERR_BUFFER_TOO_SMALL);
  CHECK(buf[0] == '\0');
  CHECK(buf[exact - 1] == 'Z' && buf[exact] == 'Z');
  memset(buf, 'Z', sizeof buf);
  CHECK(login(plain, "demo", "demo-password", buf, exact) == UCONTACT_OK);
  CHECK(strcmp(buf, DEMO_TOKEN) == 0 && buf[exact] == 'Z');
}

static void test_server_answers(const char *plain, const char *status,
                                const char *bad) {
  char out[UCONTACT_TOKEN_BUFFER_SIZE];
  CHECK(login(plain, "demo", "wrong", out, sizeof out) ==
        UCONTACT_ERR_AUTH_REJECTED);
  CHECK(out[0] == '\0');
  CHECK(login(status, "demo", "demo-password", out, sizeof out) ==
        UCONTACT_ERR_HTTP_STATUS);
  CHECK(strstr(last_error(), "HTTP 503") != NULL);
  CHECK(login(bad, "demo", "demo-password", out, sizeof out) ==
        UCONTACT_ERR_BAD_RESPONSE);
}

static void test_transport(const char *closed, const char *silent,
                           const char *tls, const char *ca_file) {
  char out[UCONTACT_TOKEN_BUFFER_SIZE];
  ucontact_client *client;

  CHECK(login(closed, "demo", "demo-password", out, sizeof out) ==
        UCONTACT_ERR_CONNECT);

  client = ucontact_client_new(silent);
  CHECK(client != NULL);
  CHECK(ucontact_client_set_timeouts(client, 200, 400) == UCONTACT_OK);
  CHECK(ucontact_client_get_user_token(client, "demo", "demo-password", out,
                                       sizeof out) == UCONTACT_ERR_TIMEOUT);
  ucontact_client_free(client);

  client = ucontact_client_new(tls);
  CHECK(client != NULL);
  CHECK(ucontact_client_get_user_token(client, "demo", "demo-password", out,
                                       sizeof out) == UCONTACT_ERR_TLS);
  CHECK(ucontact_client_set_ca_file(client, ca_file) == UCONTACT_OK);
  CHECK(ucontact_client_get_user_token(client, "demo", "demo-password", out,
                                       sizeof out) == UCONTACT_OK);
  CHECK(strcmp(out, DEMO_TOKEN) == 0);
  ucontact_client_free(client);
}

static void test_client_arguments(const char *plain) {
  char out[UCONTACT_TOKEN_BUFFER_SIZE];
  ucontact_client *client;

  CHECK(ucontact_client_new(NULL) == NULL);
  CHECK(ucontact_last_error_code() == UCONTACT_ERR_INVALID_ARGUMENT);
  CHECK(strcmp(last_error(), "domain is NULL") == 0);
  CHECK(ucontact_client_new("https://x.example/path") == NULL);
  CHECK(ucontact_last_error_code() == UCONTACT_ERR_INVALID_DOMAIN);
  CHECK(strncmp(last_error(), "invalid domain:", 15) == 0);
  CHECK(ucontact_client_new("caf\xe9") == NULL);
  CHECK(ucontact_last_error_code() == UCONTACT_ERR_INVALID_UTF8);
  ucontact_client_free(NULL);

  CHECK(ucontact_client_get_user_token(NULL, "demo", "pw", out, sizeof out) ==
        UCONTACT_ERR_INVALID_ARGUMENT);
  CHECK(ucontact_client_set_timeouts(NULL, 1, 1) ==
        UCONTACT_ERR_INVALID_ARGUMENT);

  client = ucontact_client_new(plain);
  CHECK(client != NULL);
  CHECK(ucontact_client_set_timeouts(client, 0, 100) ==
        UCONTACT_ERR_INVALID_ARGUMENT);
  CHECK(ucontact_client_set_timeouts(client, 200, 100) ==
        UCONTACT_ERR_INVALID_ARGUMENT);
  CHECK(ucontact_client_set_ca_file(client, "/nonexistent/ca.pem") ==
        UCONTACT_ERR_CA_FILE);
  CHECK(ucontact_client_set_ca_file(client, NULL) ==
        UCONTACT_ERR_INVALID_ARGUMENT);
  CHECK(ucontact_client_set_ca_file(client, "/dev/null") ==
        UCONTACT_ERR_CA_FILE);
  CHECK(ucontact_client_set_proxy(client, "not a url") ==
        UCONTACT_ERR_INVALID_PROXY);
  CHECK(ucontact_client_set_user_agent(client, "") ==
        UCONTACT_ERR_INVALID_ARGUMENT);
  CHECK(ucontact_client_set_user_agent(client, "acme-crm/2.1") == UCONTACT_OK);
  CHECK(ucontact_client_get_user_token(client, "demo", "demo-password", out,
                                       sizeof out) == UCONTACT_OK);
  CHECK(strcmp(out, DEMO_TOKEN) == 0);
  ucontact_client_free(client);
}

static void test_messages(void) {
  char small[4];
  size_t full;
  char version[32];

  CHECK(strcmp(ucontact_strerror(UCONTACT_OK), "success") == 0);
  CHECK(strcmp(ucontact_strerror(12345), "unknown ucontact error code") == 0);
  CHECK(ucontact_strerror(UCONTACT_ERR_TLS) != NULL);

  login(NULL, "u", "p", small, sizeof small); /* "domain is NULL": 14 bytes */
  full = ucontact_last_error_message(NULL, 0);
  CHECK(full == 14);
  memset(small, 'Z', sizeof small);
  CHECK(ucontact_last_error_message(small, sizeof small) == 14);
  CHECK(memcmp(small, "dom", 4) == 0);

  snprintf(version, sizeof version, "%d.%d.%d", UCONTACT_VERSION_MAJOR,
           UCONTACT_VERSION_MINOR, UCONTACT_VERSION_PATCH);
  CHECK(strcmp(ucontact_version(), version) == 0);
}

int main(void) {
  const char *plain = env("UCONTACT_TEST_PLAIN");

  test_success(plain);
  test_arguments(plain);
  test_small_buffer(plain);
  test_server_answers(plain, env("UCONTACT_TEST_STATUS"),
                      env("UCONTACT_TEST_BAD"));
  test_transport(env("UCONTACT_TEST_CLOSED"), env("UCONTACT_TEST_SILENT"),
                 env("UCONTACT_TEST_TLS"), env("UCONTACT_TEST_CA_FILE"));
  test_client_arguments(plain);
  test_messages();

  printf("test_abi: %d passed, %d failed\n", passed, failed);
  return failed == 0 ? 0 : 1;
}
