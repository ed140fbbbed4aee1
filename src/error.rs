//! Result codes of the C ABI, their descriptions, and the crate's error type.
//!
//! The values are a contract: once released, a value never changes meaning and is never
//! reused. A retired code keeps its number and its row in `strerror` as a placeholder.
//! Codes are grouped in blocks of 100 by cause, so a caller can test `code / 100`.

use std::ffi::CStr;

/// Success.
pub const UCONTACT_OK: i32 = 0;

/// A pointer argument was NULL, `user` or `password` was empty, or `len` was 0.
pub const UCONTACT_ERR_INVALID_ARGUMENT: i32 = 101;
/// A string argument was not valid UTF-8.
pub const UCONTACT_ERR_INVALID_UTF8: i32 = 102;
/// `domain` is none of the accepted forms. Nothing was sent: no DNS look-up, no connection.
pub const UCONTACT_ERR_INVALID_DOMAIN: i32 = 103;
/// `out_buf` is too small for the token. A buffer of `UCONTACT_TOKEN_BUFFER_SIZE` bytes
/// never is. Known only once the server has answered: the login did happen, and its token
/// is lost.
pub const UCONTACT_ERR_BUFFER_TOO_SMALL: i32 = 104;
/// A CA file given to `ucontact_client_set_ca_file` is missing, unreadable, not a regular
/// file, larger than 4 MiB, not PEM, or holds no usable certificate.
pub const UCONTACT_ERR_CA_FILE: i32 = 105;
/// A proxy URL given to `ucontact_client_set_proxy` cannot be used.
pub const UCONTACT_ERR_INVALID_PROXY: i32 = 106;

/// The connection failed: DNS look-up, refused, reset or dropped before the reply ended,
/// an HTTP/2 protocol error, or the network could not be set up (out of file descriptors).
pub const UCONTACT_ERR_CONNECT: i32 = 201;
/// The connect or total timeout passed.
pub const UCONTACT_ERR_TIMEOUT: i32 = 202;
/// The TLS handshake failed: an untrusted, expired or mismatched certificate, or no
/// common protocol.
pub const UCONTACT_ERR_TLS: i32 = 203;

/// The server refused the login: it answered `"0"` or `0`, alone or as the last element of
/// an array.
pub const UCONTACT_ERR_AUTH_REJECTED: i32 = 301;
/// The server answered an HTTP status other than 2xx (a redirect that the library does not
/// follow included).
pub const UCONTACT_ERR_HTTP_STATUS: i32 = 302;

/// The reply was not valid HTTP, not one of the documented forms, its token is not
/// token68 text, or the body was larger than `UCONTACT_MAX_RESPONSE_BYTES`.
pub const UCONTACT_ERR_BAD_RESPONSE: i32 = 401;

/// A bug in the library: a panic was caught at the boundary. The next call works as usual.
pub const UCONTACT_ERR_INTERNAL: i32 = 901;

/// Every code with its C name, in value order. The golden test and the wrappers' checks
/// read this list; a code added here without a row in `description` fails to build.
pub const ALL_CODES: &[(i32, &str)] = &[
    (UCONTACT_OK, "UCONTACT_OK"),
    (UCONTACT_ERR_INVALID_ARGUMENT, "UCONTACT_ERR_INVALID_ARGUMENT"),
    (UCONTACT_ERR_INVALID_UTF8, "UCONTACT_ERR_INVALID_UTF8"),
    (UCONTACT_ERR_INVALID_DOMAIN, "UCONTACT_ERR_INVALID_DOMAIN"),
    (UCONTACT_ERR_BUFFER_TOO_SMALL, "UCONTACT_ERR_BUFFER_TOO_SMALL"),
    (UCONTACT_ERR_CA_FILE, "UCONTACT_ERR_CA_FILE"),
    (UCONTACT_ERR_INVALID_PROXY, "UCONTACT_ERR_INVALID_PROXY"),
    (UCONTACT_ERR_CONNECT, "UCONTACT_ERR_CONNECT"),
    (UCONTACT_ERR_TIMEOUT, "UCONTACT_ERR_TIMEOUT"),
    (UCONTACT_ERR_TLS, "UCONTACT_ERR_TLS"),
    (UCONTACT_ERR_AUTH_REJECTED, "UCONTACT_ERR_AUTH_REJECTED"),
    (UCONTACT_ERR_HTTP_STATUS, "UCONTACT_ERR_HTTP_STATUS"),
    (UCONTACT_ERR_BAD_RESPONSE, "UCONTACT_ERR_BAD_RESPONSE"),
    (UCONTACT_ERR_INTERNAL, "UCONTACT_ERR_INTERNAL"),
];

/// The static, NUL-terminated description of `code`; unknown codes get a generic text.
pub fn description(code: i32) -> &'static CStr {
    match code {
        UCONTACT_OK => c"success",
        UCONTACT_ERR_INVALID_ARGUMENT => {
            c"invalid argument: a NULL pointer, an empty user or password, or a zero length"
        }
        UCONTACT_ERR_INVALID_UTF8 => c"a string argument is not valid UTF-8",
        UCONTACT_ERR_INVALID_DOMAIN => {
            c"invalid domain: expected an instance name, a host name or an https:// origin"
        }
        UCONTACT_ERR_BUFFER_TOO_SMALL => c"the output buffer is too small for the token",
        UCONTACT_ERR_CA_FILE => c"the CA file cannot be read or holds no PEM certificate",
        UCONTACT_ERR_INVALID_PROXY => c"the proxy URL cannot be used",
        UCONTACT_ERR_CONNECT => c"could not connect to the server, or the connection broke",
        UCONTACT_ERR_TIMEOUT => c"the request timed out",
        UCONTACT_ERR_TLS => c"the TLS handshake failed or the certificate was not trusted",
        UCONTACT_ERR_AUTH_REJECTED => c"the server rejected the user name or password",
        UCONTACT_ERR_HTTP_STATUS => c"the server answered an unexpected HTTP status",
        UCONTACT_ERR_BAD_RESPONSE => c"the server's reply is not a valid token reply",
        UCONTACT_ERR_INTERNAL => c"internal error in the ucontact library",
        _ => c"unknown ucontact error code",
    }
}

/// A failed call: a code from the table above and a message for people.
///
/// The message names the step that failed and the host; it never holds the password, the
/// request body or the token.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct Error {
    code: i32,
    message: String,
}

impl Error {
    pub(crate) fn new(code: i32, message: impl Into<String>) -> Self {
        Error { code, message: message.into() }
    }

    /// The `UCONTACT_ERR_*` value.
    pub fn code(&self) -> i32 {
        self.code
    }

    /// What went wrong, in words.
    pub fn message(&self) -> &str {
        &self.message
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique_and_sorted() {
        for pair in ALL_CODES.windows(2) {
            assert!(pair[0].0 < pair[1].0, "{} and {} out of order", pair[0].1, pair[1].1);
        }
    }

    #[test]
    fn every_code_has_its_own_description() {
        let unknown = description(-12345);
        for &(code, name) in ALL_CODES {
            assert_ne!(description(code), unknown, "{name} has no description");
        }
    }

    #[test]
    fn unknown_codes_get_the_generic_text() {
        assert_eq!(description(-1).to_str().unwrap(), "unknown ucontact error code");
        assert_eq!(description(i32::MAX).to_str().unwrap(), "unknown ucontact error code");
        assert_eq!(description(100).to_str().unwrap(), "unknown ucontact error code");
    }
}
