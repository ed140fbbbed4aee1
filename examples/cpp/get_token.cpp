/*
 * Logs in to a uContact instance through the C++ wrapper and prints the
 * token: the vendor's getUserToken example, in C++, built with CMake against an
 * installed libucontact (see CMakeLists.txt).
 *
 *   get_token_cpp DOMAIN USER
 *
 * The password is read from UCONTACT_PASSWORD, so that it stays out of the
 * process list. UCONTACT_CA_FILE, when set, names a PEM file of extra trusted
 * roots, for an on-premise server with a private certificate authority.
 * DOMAIN is an instance name ("acme"), a host name, or an origin such as
 * "http://127.0.0.1:8080" for the local test server.
 */
#include <chrono>
#include <cstdlib>
#include <iostream>
#include <string>

#include <ucontact.hpp>

int main(int argc, char **argv) {
  if (argc != 3) {
    std::cerr << "usage: " << argv[0]
              << " DOMAIN USER  (password in UCONTACT_PASSWORD)\n";
    return 2;
  }
  const char *password = std::getenv("UCONTACT_PASSWORD");
  if (password == nullptr || *password == '\0') {
    std::cerr << argv[0] << ": set UCONTACT_PASSWORD\n";
    return 2;
  }

  try {
    ucontact::client client(argv[1]);
    client.set_timeouts(std::chrono::seconds(5), std::chrono::seconds(15));
    const char *ca_file = std::getenv("UCONTACT_CA_FILE");
    if (ca_file != nullptr && *ca_file != '\0') {
      client.set_ca_file(ca_file);
    }
    std::cout << client.get_user_token(argv[2], password) << '\n';
  } catch (const ucontact::error &e) {
    std::cerr << argv[0] << ": " << e.what() << " (" << e.code() << ")\n";
    return 1;
  }
  return 0;
}
