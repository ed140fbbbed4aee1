/*
 * Logs in to a uContact instance through a libucontact client and prints the
 * token: the vendor's getUserToken example, in C, built with CMake against an
 * installed libucontact (see CMakeLists.txt).
 *
 *   get_token DOMAIN USER
 *
 * The password is read from UCONTACT_PASSWORD, so that it stays out of the
 * process list. UCONTACT_CA_FILE, when set, names a PEM file of extra trusted
 * roots, for an on-premise server with a private certificate authority.
 * DOMAIN is an instance name ("acme"), a host name, or an origin such as
 * "http://127.0.0.1:8080" for the local test server.
 */
#include <stdio.h>
#include <stdlib.h>

#include <ucontact.h>

static int fail(const char *program, const char *step, int32_t code) {
  char why[UCONTACT_ERROR_BUFFER_SIZE];
  ucontact_last_error_message(why, sizeof why);
  fprintf(stderr, "%s: %s: %s (%d): %s\n", program, step,
          ucontact_strerror(code), (int)code, why);
  return 1;
}

int main(int argc, char **argv) {
  if (argc != 3) {
    fprintf(stderr, "usage: %s DOMAIN USER  (password in UCONTACT_PASSWORD)\n",
            argv[0]);
    return 2;
  }
  const char *password = getenv("UCONTACT_PASSWORD");
  if (password == NULL || password[0] == '\0') {
    fprintf(stderr, "%s: set UCONTACT_PASSWORD\n", argv[0]);
    return 2;
  }

  ucontact_client *client = ucontact_client_new(argv[1]);
  if (client == NULL) {
    return fail(argv[0], "creating the client", ucontact_last_error_code());
  }

  int status = 0;
  int32_t rc = ucontact_client_set_timeouts(client, 5000, 15000);
  const char *ca_file = getenv("UCONTACT_CA_FILE");
  if (rc == UCONTACT_OK && ca_file != NULL && ca_file[0] != '\0') {
    rc = ucontact_client_set_ca_file(client, ca_file);
  }
  if (rc != UCONTACT_OK) {
    status = fail(argv[0], "configuring the client", rc);
  } else {
    char token[UCONTACT_TOKEN_BUFFER_SIZE];
    rc = ucontact_client_get_user_token(client, argv[2], password, token,
                                        sizeof token);
    if (rc == UCONTACT_OK) {
      printf("%s\n", token);
    } else {
      status = fail(argv[0], "logging in", rc);
    }
  }

  ucontact_client_free(client);
  return status;
}
