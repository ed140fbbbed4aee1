/*
 * ucontact.hpp: libucontact for C++11 and later, header-only, over ucontact.h.
 *
 *   std::string token = ucontact::get_user_token("acme", "agent", password);
 *
 *   ucontact::client uc("uc.example.com");
 *   uc.set_timeouts(std::chrono::seconds(5), std::chrono::seconds(15))
 *       .set_ca_file("/etc/uc/ca.pem");
 *   std::string token = uc.get_user_token("agent", password);
 *
 * Rules beyond those of ucontact.h:
 *
 * - Errors. Every failure throws ucontact::error, a std::runtime_error whose
 *   code() is the UCONTACT_ERR_* value of ucontact.h and whose what() is the
 *   library's message for that failure (ucontact_last_error_message), such as
 *   "127.0.0.1:8080 rejected the login: wrong user name or password, ...".
 *   what() never holds the password or a token. ucontact_strerror(code())
 *   describes the code. Only std::bad_alloc may be thrown besides.
 * - Strings. Arguments are std::string holding UTF-8. One that holds a NUL
 *   byte is refused with UCONTACT_ERR_INVALID_ARGUMENT, as C would see it cut.
 * - The C boundary. The library never calls back into C++: every exception
 *   is thrown by this header after the C function has returned, so none ever
 *   unwinds through the library.
 * - Threads. A client's const member get_user_token() may run on many threads
 *   at once; its setters must not run while another thread uses it.
 * - Secrets. The token's stack copy is erased; the std::string returned is an
 *   ordinary string, which the caller clears when done with it.
 * - Linking. Link libucontact: `pkg-config --libs ucontact`, or the CMake
 *   target ucontact::ucontact.
 */

#ifndef UCONTACT_HPP
#define UCONTACT_HPP

#if !defined(__cplusplus) || __cplusplus < 201103L
#error "ucontact.hpp needs C++11 or later; C programs include ucontact.h"
#endif

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <string>

#include "ucontact.h"

namespace ucontact {

/// A failed call. code() is one of the UCONTACT_ERR_* values of ucontact.h,
/// never UCONTACT_OK; what() says what failed, without secrets.
class error : public std::runtime_error {
public:
  error(std::int32_t code, const std::string &message)
      : std::runtime_error(message), code_(code) {}

  /// The UCONTACT_ERR_* value.
  std::int32_t code() const noexcept { return code_; }

private:
  std::int32_t code_;
};

namespace detail {

/// The error for a code a C function just returned on this thread, with the
/// library's message for it, which stays until this thread's next failure.
inline error last_error(std::int32_t code) {
  char message[UCONTACT_ERROR_BUFFER_SIZE];
  ucontact_last_error_message(message, sizeof message);
  return error(code, message);
}

inline void check(std::int32_t code) {
  if (code != UCONTACT_OK) {
    throw last_error(code);
  }
}

/// The C string of `value`, which C would see cut at a NUL byte inside it.
inline const char *c_str(const std::string &value, const char *name) {
  if (value.find('\0') != std::string::npos) {
    throw error(UCONTACT_ERR_INVALID_ARGUMENT,
                std::string(name) + " contains a NUL byte");
  }
  return value.c_str();
}

/// A token out-buffer that erases itself, whatever happens after the call.
struct token_buffer {
  char data[UCONTACT_TOKEN_BUFFER_SIZE];

  token_buffer() { data[0] = '\0'; }
  token_buffer(const token_buffer &) = delete;
  token_buffer &operator=(const token_buffer &) = delete;
  ~token_buffer() {
    volatile char *p = data;
    for (std::size_t i = 0; i < sizeof data; ++i) {
      p[i] = '\0';
    }
  }
};

/// A timeout in the C API's unit, refused when it cannot be one.
inline std::uint32_t milliseconds(std::chrono::milliseconds value) {
  if (value.count() < 0 || value.count() > 0xFFFFFFFFLL) {
    throw error(UCONTACT_ERR_INVALID_ARGUMENT,
                "timeouts must be between 1 and 4294967295 ms");
  }
  return static_cast<std::uint32_t>(value.count());
}

} // namespace detail

/// The library's version, "MAJOR.MINOR.PATCH", as ucontact_version() gives it
/// (the shared library's, which may be newer than this header's
/// UCONTACT_VERSION_* constants).
inline std::string version() { return ucontact_version(); }

/// Logs in to `domain` (the forms of ucontact_get_user_token in ucontact.h) as
/// `user` with `password` and returns the API token, blocking for at most
/// UCONTACT_DEFAULT_TOTAL_TIMEOUT_MS. Throws ucontact::error with the code
/// ucontact_get_user_token returns; an invalid domain is refused before any
/// network work. Safe to call from many threads at once.
inline std::string get_user_token(const std::string &domain,
                                  const std::string &user,
                                  const std::string &password) {
  const char *c_domain = detail::c_str(domain, "domain");
  const char *c_user = detail::c_str(user, "user");
  const char *c_password = detail::c_str(password, "password");
  detail::token_buffer token;
  detail::check(ucontact_get_user_token(c_domain, c_user, c_password,
                                        token.data, sizeof token.data));
  return std::string(token.data);
}

/// A login client for one uContact origin, with its own timeouts, trust roots,
/// proxy and user agent, and its own connections, which later logins reuse.
/// Owns a ucontact_client: movable, not copyable. A moved-from client only
/// refuses every call with UCONTACT_ERR_INVALID_ARGUMENT.
class client {
public:
  /// A client for `domain` (the forms of ucontact_get_user_token), with the
  /// defaults of ucontact_client_new. Connects to nothing yet. Throws
  /// ucontact::error with the code ucontact_last_error_code gives:
  /// UCONTACT_ERR_INVALID_DOMAIN, UCONTACT_ERR_INVALID_UTF8, or
  /// UCONTACT_ERR_INVALID_ARGUMENT for a NUL byte.
  explicit client(const std::string &domain)
      : handle_(ucontact_client_new(detail::c_str(domain, "domain"))) {
    if (handle_ == nullptr) {
      throw detail::last_error(ucontact_last_error_code());
    }
  }

  ~client() { ucontact_client_free(handle_); }

  client(client &&other) noexcept : handle_(other.handle_) {
    other.handle_ = nullptr;
  }

  client &operator=(client &&other) noexcept {
    if (this != &other) {
      ucontact_client_free(handle_);
      handle_ = other.handle_;
      other.handle_ = nullptr;
    }
    return *this;
  }

  client(const client &) = delete;
  client &operator=(const client &) = delete;

  /// Sets the connect timeout (TCP and TLS set-up) and the total timeout of one
  /// login. Both at least 1 ms and at most 4294967295 ms, and `connect` no
  /// longer than `total`; otherwise UCONTACT_ERR_INVALID_ARGUMENT, and the
  /// settings are unchanged.
  client &set_timeouts(std::chrono::milliseconds connect,
                       std::chrono::milliseconds total) {
    std::uint32_t connect_ms = detail::milliseconds(connect);
    std::uint32_t total_ms = detail::milliseconds(total);
    detail::check(
        ucontact_client_set_timeouts(handle(), connect_ms, total_ms));
    return *this;
  }

  /// Trusts the certificates of the PEM file at `pem_path` besides the
  /// system's roots; the file is read now. UCONTACT_ERR_CA_FILE when it is
  /// missing, unreadable or holds no certificate.
  client &set_ca_file(const std::string &pem_path) {
    detail::check(ucontact_client_set_ca_file(
        handle(), detail::c_str(pem_path, "pem_path")));
    return *this;
  }

  /// Tunnels the login through the proxy `url` ("http://host:port" or
  /// "https://host:port"), or through none when `url` is empty.
  /// UCONTACT_ERR_INVALID_PROXY for another form.
  client &set_proxy(const std::string &url) {
    detail::check(
        ucontact_client_set_proxy(handle(), detail::c_str(url, "url")));
    return *this;
  }

  /// Takes the proxy from HTTPS_PROXY, ALL_PROXY and NO_PROXY again: the
  /// default.
  client &set_proxy_from_environment() {
    detail::check(ucontact_client_set_proxy(handle(), nullptr));
    return *this;
  }

  /// Sets the User-Agent header: printable ASCII, not empty, otherwise
  /// UCONTACT_ERR_INVALID_ARGUMENT.
  client &set_user_agent(const std::string &user_agent) {
    detail::check(ucontact_client_set_user_agent(
        handle(), detail::c_str(user_agent, "user_agent")));
    return *this;
  }

  /// Logs in as `user` with `password` and returns the API token, throwing
  /// ucontact::error with the code ucontact_client_get_user_token returns.
  /// Blocks for at most the total timeout. Many threads may call it at once.
  std::string get_user_token(const std::string &user,
                             const std::string &password) const {
    const char *c_user = detail::c_str(user, "user");
    const char *c_password = detail::c_str(password, "password");
    detail::token_buffer token;
    detail::check(ucontact_client_get_user_token(
        handle(), c_user, c_password, token.data, sizeof token.data));
    return std::string(token.data);
  }

  /// The C handle, still owned by this object; NULL once moved from.
  ucontact_client *native_handle() const noexcept { return handle_; }

  /// False once moved from.
  explicit operator bool() const noexcept { return handle_ != nullptr; }

private:
  ucontact_client *handle() const {
    if (handle_ == nullptr) {
      throw error(UCONTACT_ERR_INVALID_ARGUMENT,
                  "this ucontact::client was moved from");
    }
    return handle_;
  }

  ucontact_client *handle_;
};

} // namespace ucontact

#endif /* UCONTACT_HPP */
