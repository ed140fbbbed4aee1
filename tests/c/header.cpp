// The header compiles as C++11 and links from C++: extern "C" and plain types.
#include "ucontact.h"
#include "ucontact.h"

#include <cstdio>
#include <cstring>

static_assert(UCONTACT_OK == 0, "UCONTACT_OK is 0");
static_assert(UCONTACT_TOKEN_BUFFER_SIZE >= 2, "room for a token");

int main() {
  char token[UCONTACT_TOKEN_BUFFER_SIZE];
  int32_t rc = ucontact_get_user_token(nullptr, "u", "p", token, sizeof token);
  int ok = rc == UCONTACT_ERR_INVALID_ARGUMENT && token[0] == '\0' &&
           std::strcmp(ucontact_strerror(rc), ucontact_strerror(101)) == 0;
  std::printf("header.cpp: %d passed, %d failed\n", ok ? 1 : 0, ok ? 0 : 1);
  return ok ? 0 : 1;
}
