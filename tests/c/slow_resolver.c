/*
 * An LD_PRELOAD shim: getaddrinfo() sleeps 3 s before it answers, as a hung
 * resolver or NSS module would. Used by test_slow_resolver.c; no network.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <netdb.h>
#include <unistd.h>

int getaddrinfo(const char *node, const char *service,
                const struct addrinfo *hints, struct addrinfo **res) {
  int (*real)(const char *, const char *, const struct addrinfo *,
              struct addrinfo **);
  *(void **)(&real) = dlsym(RTLD_NEXT, "getaddrinfo");
  sleep(3);
  return real(node, service, hints, res);
}
