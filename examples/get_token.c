/*
 * Logs in to a uContact instance through libucontact and prints the token, as the
 * vendor's examples do with curl.
 *
 *   get_token DOMAIN USER        (the password is read from UCONTACT_PASSWORD)
 *
 * DOMAIN is an instance name ("acme"), a host name, or an origin such as
 * "http://127.0.0.1:8080" for the local server.
 */
#include <stdio.h>
#include <stdlib.h>

#include "ucontact.h"

int main(int argc, char **argv) {
  if (argc != 3) {
    fprintf(stderr, "usage: %s DOMAIN USER  (password in UCONTACT_PASSWORD)\n",
            argv[0]);
    return 2;
  }
  const char *password = getenv("UCONTACT_PASSWORD");
  if (password == NULL) {
    fprintf(stderr, "%s: set UCONTACT_PASSWORD\n", argv[0]);
    return 2;
  }

  char token[UCONTACT_TOKEN_BUFFER_SIZE];
  int32_t rc = ucontact_get_user_token(argv[1], argv[2], password, token,
                                       sizeof token);
  if (rc != UCONTACT_OK) {
    char why[UCONTACT_ERROR_BUFFER_SIZE];
    ucontact_last_error_message(why, sizeof why);
    fprintf(stderr, "%s: %s (%d): %s\n", argv[0], ucontact_strerror(rc),
            (int)rc, why);
    return 1;
  }
  printf("%s\n", token);
  return 0;
}
