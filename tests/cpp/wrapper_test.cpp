/*
 * Tests of include/ucontact.hpp against the local uContact servers that
 * tests/cpp/run.sh starts; it passes their URLs in the environment:
 *
 *   UCONTACT_TEST_URL         users demo/demo-password and zoë, see run.sh
 *   UCONTACT_TEST_STATUS_URL  --fault status:503
 *   UCONTACT_TEST_SILENT_URL  --fault silent
 *   UCONTACT_TEST_CLOSED_URL  a loopback port where nothing listens
 *   UCONTACT_TEST_TLS_URL     --tls, whose CA is UCONTACT_TEST_CA_FILE
 *   UCONTACT_TEST_VERSION     the version in Cargo.toml
 *
 * Prints one "PASS name" or "FAIL name: why" line per test as it ends, for
 * run.sh to count, and exits non-zero when a test failed.
 */
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <iostream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <thread>
#include <type_traits>
#include <utility>
#include <vector>

#include <ucontact.hpp>
#include <ucontact.hpp> // twice: the include guard holds

std::string version_from_second_unit();

namespace {

const char *const demo_token =
    "ZGVtbzowYjZmMmM5ZS00ZDFhLTRmN2UtOWMzYi01YThkN2U2ZjFhMjA=";
const char *const zoe_token = "em_token-for.zoe~1";
const char *const zoe_user = "zo\xC3\xAB";
const char *const zoe_password = "p&ss w\xC3\xB6rd=1";
// Distinctive, so that a message that leaked it would be found.
const char *const wrong_password = "Wrong-Pa55word-7f3a";

static_assert(!std::is_copy_constructible<ucontact::client>::value,
              "a client owns its handle: no copies");
static_assert(!std::is_copy_assignable<ucontact::client>::value,
              "a client owns its handle: no copies");
static_assert(std::is_nothrow_move_constructible<ucontact::client>::value,
              "moving a client never throws");
static_assert(std::is_nothrow_move_assignable<ucontact::client>::value,
              "moving a client never throws");
static_assert(std::is_base_of<std::runtime_error, ucontact::error>::value,
              "ucontact::error is a std::runtime_error");

// One test's findings: a test fails when any check in it fails.
struct failure : std::runtime_error {
  explicit failure(const std::string &why) : std::runtime_error(why) {}
};

std::string env(const char *name) {
  const char *value = std::getenv(name);
  if (value == nullptr || *value == '\0') {
    throw failure(std::string(name) + " is not set (run tests/cpp/run.sh)");
  }
  return value;
}

template <typename A, typename B>
void expect_eq(const A &actual, const B &expected, const char *what) {
  if (!(actual == expected)) {
    std::ostringstream why;
    why << what << ": got [" << actual << "], expected [" << expected << "]";
    throw failure(why.str());
  }
}

void expect(bool condition, const std::string &what) {
  if (!condition) {
    throw failure(what);
  }
}

// Runs `call`, which must throw ucontact::error with `code`; returns it.
template <typename Call>
ucontact::error expect_error(std::int32_t code, Call call) {
  try {
    call();
  } catch (const ucontact::error &e) {
    if (e.code() != code) {
      std::ostringstream why;
      why << "threw code " << e.code() << " (" << e.what() << "), expected "
          << code;
      throw failure(why.str());
    }
    return e;
  }
  std::ostringstream why;
  why << "returned, expected ucontact::error " << code;
  throw failure(why.str());
}

void expect_contains(const std::string &text, const std::string &part,
                     const char *what) {
  expect(text.find(part) != std::string::npos,
         std::string(what) + ": [" + text + "] lacks [" + part + "]");
}

void expect_lacks(const std::string &text, const std::string &part,
                  const char *what) {
  expect(text.find(part) == std::string::npos,
         std::string(what) + ": [" + text + "] holds [" + part + "]");
}

// --- tests -----------------------------------------------------------------

void one_call_returns_exact_token() {
  expect_eq(ucontact::get_user_token(env("UCONTACT_TEST_URL"), "demo",
                                     "demo-password"),
            demo_token, "token");
}

void client_returns_exact_token() {
  ucontact::client uc(env("UCONTACT_TEST_URL"));
  expect_eq(uc.get_user_token("demo", "demo-password"), demo_token, "token");
  expect_eq(uc.get_user_token("demo", "demo-password"), demo_token,
            "second token on the same client");
}

void utf8_user_and_form_characters_pass_through() {
  // run.sh then checks the bytes the server decoded for this login.
  ucontact::client uc(env("UCONTACT_TEST_URL"));
  uc.set_user_agent("ucontact-cpp-test/1.0");
  expect_eq(uc.get_user_token(zoe_user, zoe_password), zoe_token, "token");
}

void wrong_password_throws_auth_rejected() {
  ucontact::error e = expect_error(UCONTACT_ERR_AUTH_REJECTED, [] {
    ucontact::get_user_token(env("UCONTACT_TEST_URL"), "demo", wrong_password);
  });
  expect_contains(e.what(), "rejected the login", "message");
  expect_lacks(e.what(), wrong_password, "message");

  ucontact::client uc(env("UCONTACT_TEST_URL"));
  e = expect_error(UCONTACT_ERR_AUTH_REJECTED,
                   [&] { uc.get_user_token("demo", wrong_password); });
  expect_lacks(e.what(), wrong_password, "client message");
}

void http_503_throws_http_status() {
  ucontact::error e = expect_error(UCONTACT_ERR_HTTP_STATUS, [] {
    ucontact::get_user_token(env("UCONTACT_TEST_STATUS_URL"), "demo",
                             wrong_password);
  });
  expect_contains(e.what(), "503", "message");
  expect_lacks(e.what(), wrong_password, "message");
}

void domain_with_path_throws_invalid_domain() {
  ucontact::error e = expect_error(UCONTACT_ERR_INVALID_DOMAIN, [] {
    ucontact::get_user_token("https://evil.example/path", "demo",
                             wrong_password);
  });
  expect_contains(e.what(), "path", "message");
  e = expect_error(UCONTACT_ERR_INVALID_DOMAIN,
                   [] { ucontact::client uc("https://evil.example/path"); });
  expect_contains(e.what(), "path", "client message");
  expect_error(UCONTACT_ERR_INVALID_DOMAIN,
               [] { ucontact::client uc("http://example.com"); });
}

void closed_port_throws_connect() {
  ucontact::error e = expect_error(UCONTACT_ERR_CONNECT, [] {
    ucontact::get_user_token(env("UCONTACT_TEST_CLOSED_URL"), "demo",
                             wrong_password);
  });
  expect_lacks(e.what(), wrong_password, "message");
  ucontact::client uc(env("UCONTACT_TEST_CLOSED_URL"));
  expect_error(UCONTACT_ERR_CONNECT,
               [&] { uc.get_user_token("demo", "demo-password"); });
}

void silent_server_throws_timeout() {
  ucontact::client uc(env("UCONTACT_TEST_SILENT_URL"));
  uc.set_timeouts(std::chrono::milliseconds(100),
                  std::chrono::milliseconds(300));
  expect_error(UCONTACT_ERR_TIMEOUT,
               [&] { uc.get_user_token("demo", "demo-password"); });
}

void untrusted_tls_server_throws_tls_and_ca_file_fixes_it() {
  ucontact::client uc(env("UCONTACT_TEST_TLS_URL"));
  expect_error(UCONTACT_ERR_TLS,
               [&] { uc.get_user_token("demo", "demo-password"); });
  uc.set_ca_file(env("UCONTACT_TEST_CA_FILE"));
  expect_eq(uc.get_user_token("demo", "demo-password"), demo_token, "token");
}

void missing_ca_file_throws_ca_file_naming_it() {
  ucontact::client uc(env("UCONTACT_TEST_URL"));
  ucontact::error e = expect_error(UCONTACT_ERR_CA_FILE, [&] {
    uc.set_ca_file("/nonexistent/ucontact-test-ca.pem");
  });
  expect_contains(e.what(), "/nonexistent/ucontact-test-ca.pem", "message");
  expect_eq(uc.get_user_token("demo", "demo-password"), demo_token,
            "token after the refused setting");
}

void bad_proxy_throws_invalid_proxy_and_empty_means_none() {
  ucontact::client uc(env("UCONTACT_TEST_URL"));
  expect_error(UCONTACT_ERR_INVALID_PROXY,
               [&] { uc.set_proxy("socks9://127.0.0.1:1"); });
  uc.set_proxy("").set_proxy_from_environment().set_proxy("");
  expect_eq(uc.get_user_token("demo", "demo-password"), demo_token, "token");
}

void bad_user_agent_throws_invalid_argument() {
  ucontact::client uc(env("UCONTACT_TEST_URL"));
  expect_error(UCONTACT_ERR_INVALID_ARGUMENT, [&] { uc.set_user_agent(""); });
  expect_error(UCONTACT_ERR_INVALID_ARGUMENT,
               [&] { uc.set_user_agent("tab\there"); });
}

void timeouts_out_of_bounds_throw_invalid_argument() {
  using std::chrono::milliseconds;
  ucontact::client uc(env("UCONTACT_TEST_URL"));
  ucontact::error e = expect_error(UCONTACT_ERR_INVALID_ARGUMENT, [&] {
    uc.set_timeouts(milliseconds(-1), milliseconds(1000));
  });
  expect_contains(e.what(), "4294967295", "message");
  expect_error(UCONTACT_ERR_INVALID_ARGUMENT, [&] {
    uc.set_timeouts(milliseconds(1000), milliseconds(0x100000000LL));
  });
  expect_error(UCONTACT_ERR_INVALID_ARGUMENT, [&] {
    uc.set_timeouts(milliseconds(0), milliseconds(1000));
  });
  expect_error(UCONTACT_ERR_INVALID_ARGUMENT, [&] {
    uc.set_timeouts(milliseconds(2000), milliseconds(1000));
  });
  uc.set_timeouts(std::chrono::seconds(5), std::chrono::seconds(5));
  expect_eq(uc.get_user_token("demo", "demo-password"), demo_token, "token");
}

void nul_byte_in_a_string_throws_invalid_argument_naming_it() {
  const std::string url = env("UCONTACT_TEST_URL");
  const std::string secret("demo-pass\0word", 14);
  ucontact::error e = expect_error(UCONTACT_ERR_INVALID_ARGUMENT, [&] {
    ucontact::get_user_token(url, "demo", secret);
  });
  expect_eq(std::string(e.what()), "password contains a NUL byte", "message");
  e = expect_error(UCONTACT_ERR_INVALID_ARGUMENT, [&] {
    ucontact::get_user_token(url, std::string("de\0mo", 5), "demo-password");
  });
  expect_eq(std::string(e.what()), "user contains a NUL byte", "message");
  e = expect_error(UCONTACT_ERR_INVALID_ARGUMENT,
                   [&] { ucontact::client uc(url + std::string("\0x", 2)); });
  expect_eq(std::string(e.what()), "domain contains a NUL byte", "message");
  ucontact::client uc(url);
  expect_error(UCONTACT_ERR_INVALID_ARGUMENT,
               [&] { uc.get_user_token("demo", secret); });
  expect_error(UCONTACT_ERR_INVALID_ARGUMENT,
               [&] { uc.set_ca_file(std::string("/tmp\0x", 6)); });
}

void empty_user_throws_invalid_argument() {
  expect_error(UCONTACT_ERR_INVALID_ARGUMENT, [] {
    ucontact::get_user_token(env("UCONTACT_TEST_URL"), "", "demo-password");
  });
  ucontact::client uc(env("UCONTACT_TEST_URL"));
  expect_error(UCONTACT_ERR_INVALID_ARGUMENT,
               [&] { uc.get_user_token("demo", ""); });
}

// ucontact_client_new returns NULL and leaves the code in
// ucontact_last_error_code; the constructor must throw the very code that
// ucontact_get_user_token returns for each of these domains (all refused
// before any network work).
void client_constructor_codes_agree_with_the_c_library() {
  const char *const domains[] = {
      "https://evil.example/path",  // valid UTF-8, not a domain
      "https://\xC3\xB1\x61nd\xC3\xBA.example/x", // ñandú, with a path
      "acme/\xF0\x9F\x98\x80",     // U+1F600, with a path
      "https://evil.example/\xC3",  // cut sequence
      "https://evil.example/\xC0\xAF", // overlong '/'
      "https://evil.example/\xE0\x80\xAF", // overlong '/'
      "https://evil.example/\xED\xA0\x80", // surrogate U+D800
      "https://evil.example/\xF4\x90\x80\x80", // above U+10FFFF
      "https://evil.example/\xF8\x88\x80\x80\x80", // 5-byte form
      "https://evil.example/\x80",  // lone continuation byte
      "https://evil.example/\xE2\x82\xAC", // valid U+20AC
      "https://evil.example/\xED\x9F\xBF", // valid U+D7FF
      "https://evil.example/\xF4\x8F\xBF\xBF", // valid U+10FFFF
      "https://evil.example/\xF0\x8F\xBF\xBF", // overlong U+FFFF
      "https://evil.example/\xF0\x9F\x98", // cut 4-byte sequence
      "\xFF",
  };
  for (const char *domain : domains) {
    char token[UCONTACT_TOKEN_BUFFER_SIZE];
    std::int32_t expected =
        ucontact_get_user_token(domain, "demo", "x", token, sizeof token);
    expect(expected == UCONTACT_ERR_INVALID_DOMAIN ||
               expected == UCONTACT_ERR_INVALID_UTF8,
           "the C library refused a test domain with code " +
               std::to_string(expected));
    expect_error(expected, [&] { ucontact::client uc(domain); });
  }
}

void moved_client_keeps_working_and_moved_from_refuses_calls() {
  ucontact::client first(env("UCONTACT_TEST_URL"));
  ucontact_client *handle = first.native_handle();
  expect(handle != nullptr, "a new client has a handle");

  ucontact::client second(std::move(first));
  expect(second.native_handle() == handle, "the handle moved");
  expect(first.native_handle() == nullptr, "the moved-from handle is NULL");
  expect(!first && static_cast<bool>(second), "operator bool");
  expect_eq(second.get_user_token("demo", "demo-password"), demo_token,
            "token from the moved-to client");

  ucontact::error e = expect_error(UCONTACT_ERR_INVALID_ARGUMENT, [&] {
    first.get_user_token("demo", "demo-password");
  });
  expect_eq(std::string(e.what()), "this ucontact::client was moved from",
            "message");
  expect_error(UCONTACT_ERR_INVALID_ARGUMENT,
               [&] { first.set_user_agent("x/1"); });
  expect_error(UCONTACT_ERR_INVALID_ARGUMENT, [&] {
    first.set_timeouts(std::chrono::seconds(1), std::chrono::seconds(2));
  });
  expect_error(UCONTACT_ERR_INVALID_ARGUMENT, [&] { first.set_proxy(""); });
  expect_error(UCONTACT_ERR_INVALID_ARGUMENT,
               [&] { first.set_proxy_from_environment(); });
  expect_error(UCONTACT_ERR_INVALID_ARGUMENT,
               [&] { first.set_ca_file("/tmp/x.pem"); });

  // Move-assignment frees the target's own client and takes the source's.
  ucontact::client third(env("UCONTACT_TEST_URL"));
  third = std::move(second);
  expect(third.native_handle() == handle, "the handle moved by assignment");
  expect(second.native_handle() == nullptr, "moved-from by assignment");
  expect_eq(third.get_user_token("demo", "demo-password"), demo_token,
            "token after move-assignment");

  // A moved-from client may be assigned a live one again.
  first = std::move(third);
  expect_eq(first.get_user_token("demo", "demo-password"), demo_token,
            "token from a revived client");

  ucontact::client &same = first;
  first = std::move(same);
  expect(first.native_handle() == handle, "self-move keeps the handle");
}

void one_client_serves_many_threads() {
  const ucontact::client uc(env("UCONTACT_TEST_URL"));
  std::vector<std::string> tokens(4);
  std::vector<std::thread> threads;
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    threads.emplace_back([&uc, &tokens, i] {
      try {
        tokens[i] = uc.get_user_token("demo", "demo-password");
      } catch (const ucontact::error &e) {
        tokens[i] = std::string("error: ") + e.what();
      }
    });
  }
  for (std::thread &t : threads) {
    t.join();
  }
  for (const std::string &token : tokens) {
    expect_eq(token, demo_token, "token from a thread");
  }
}

void errors_are_caught_as_runtime_errors() {
  try {
    ucontact::get_user_token("https://evil.example/path", "demo", "x");
  } catch (const std::runtime_error &e) {
    const ucontact::error *typed = dynamic_cast<const ucontact::error *>(&e);
    expect(typed != nullptr, "the std::runtime_error is a ucontact::error");
    expect_eq(typed->code(), UCONTACT_ERR_INVALID_DOMAIN, "code");
    return;
  }
  throw failure("nothing was thrown");
}

void error_carries_code_and_message() {
  ucontact::error made(UCONTACT_ERR_TIMEOUT, "custom");
  expect_eq(made.code(), UCONTACT_ERR_TIMEOUT, "code");
  expect_eq(std::string(made.what()), "custom", "message");
}

void version_matches_cargo_header_and_every_unit() {
  const std::string expected = env("UCONTACT_TEST_VERSION");
  expect_eq(ucontact::version(), expected, "ucontact::version()");
  expect_eq(std::to_string(UCONTACT_VERSION_MAJOR) + "." +
                std::to_string(UCONTACT_VERSION_MINOR) + "." +
                std::to_string(UCONTACT_VERSION_PATCH),
            expected, "UCONTACT_VERSION_* in ucontact.h");
  expect_eq(version_from_second_unit(), expected, "second translation unit");
}

struct test_case {
  const char *name;
  void (*run)();
};

} // namespace

int main() {
  const test_case tests[] = {
      {"one_call_returns_exact_token", one_call_returns_exact_token},
      {"client_returns_exact_token", client_returns_exact_token},
      {"utf8_user_and_form_characters_pass_through",
       utf8_user_and_form_characters_pass_through},
      {"wrong_password_throws_auth_rejected",
       wrong_password_throws_auth_rejected},
      {"http_503_throws_http_status", http_503_throws_http_status},
      {"domain_with_path_throws_invalid_domain",
       domain_with_path_throws_invalid_domain},
      {"closed_port_throws_connect", closed_port_throws_connect},
      {"silent_server_throws_timeout", silent_server_throws_timeout},
      {"untrusted_tls_server_throws_tls_and_ca_file_fixes_it",
       untrusted_tls_server_throws_tls_and_ca_file_fixes_it},
      {"missing_ca_file_throws_ca_file_naming_it",
       missing_ca_file_throws_ca_file_naming_it},
      {"bad_proxy_throws_invalid_proxy_and_empty_means_none",
       bad_proxy_throws_invalid_proxy_and_empty_means_none},
      {"bad_user_agent_throws_invalid_argument",
       bad_user_agent_throws_invalid_argument},
      {"timeouts_out_of_bounds_throw_invalid_argument",
       timeouts_out_of_bounds_throw_invalid_argument},
      {"nul_byte_in_a_string_throws_invalid_argument_naming_it",
       nul_byte_in_a_string_throws_invalid_argument_naming_it},
      {"empty_user_throws_invalid_argument",
       empty_user_throws_invalid_argument},
      {"client_constructor_codes_agree_with_the_c_library",
       client_constructor_codes_agree_with_the_c_library},
      {"moved_client_keeps_working_and_moved_from_refuses_calls",
       moved_client_keeps_working_and_moved_from_refuses_calls},
      {"one_client_serves_many_threads", one_client_serves_many_threads},
      {"errors_are_caught_as_runtime_errors",
       errors_are_caught_as_runtime_errors},
      {"error_carries_code_and_message", error_carries_code_and_message},
      {"version_matches_cargo_header_and_every_unit",
       version_matches_cargo_header_and_every_unit},
  };

  int failed = 0;
  for (const test_case &test : tests) {
    try {
      test.run();
      std::cout << "PASS " << test.name << std::endl;
    } catch (const failure &f) {
      std::cout << "FAIL " << test.name << ": " << f.what() << std::endl;
      ++failed;
    } catch (const std::exception &e) {
      std::cout << "FAIL " << test.name << ": unexpected exception: "
                << e.what() << std::endl;
      ++failed;
    }
  }
  return failed == 0 ? 0 : 1;
}
