//! ucontact: log in to a uContact contact-center instance and get its API token.
//!
//! The crate is built as a C-ABI library (`cdylib`, `staticlib`) whose functions are in
//! [`ffi`] and whose header cbindgen writes to `include/ucontact.h`; it is also an `rlib`
//! with the same behaviour in Rust terms: [`get_user_token`] and [`Client`].
//!
//! ```no_run
//! let token = ucontact::get_user_token("acme", "api-user", "s3cret")?;
//! // Later calls send it as `Authorization: Basic <token>`.
//! # Ok::<(), ucontact::Error>(())
//! ```

#![deny(unsafe_op_in_unsafe_fn)]

mod client;
pub mod domain;
pub mod error;
pub mod ffi;
mod form;
pub mod reply;
mod transport;

pub use client::{get_user_token, Client};
pub use error::Error;

/// An out-buffer of this many bytes always holds any token the library returns, with its
/// terminating NUL: a longer token is refused as `UCONTACT_ERR_BAD_RESPONSE`.
pub const UCONTACT_TOKEN_BUFFER_SIZE: usize = 1024;

/// The largest reply body read, in bytes. A larger one is `UCONTACT_ERR_BAD_RESPONSE`, and
/// the rest of it is not read.
pub const UCONTACT_MAX_RESPONSE_BYTES: usize = 65536;

/// The size of a buffer that holds any message of `ucontact_last_error_message` whole.
pub const UCONTACT_ERROR_BUFFER_SIZE: usize = 512;

/// Default time allowed to set up a connection (TCP and TLS), in milliseconds.
pub const UCONTACT_DEFAULT_CONNECT_TIMEOUT_MS: u32 = 10000;

/// Default time allowed for a whole login, from the call to the last byte of the reply,
/// in milliseconds.
pub const UCONTACT_DEFAULT_TOTAL_TIMEOUT_MS: u32 = 30000;

/// The version's major part: a change of it means an incompatible ABI.
pub const UCONTACT_VERSION_MAJOR: u32 = 0;
/// The version's minor part.
pub const UCONTACT_VERSION_MINOR: u32 = 1;
/// The version's patch part.
pub const UCONTACT_VERSION_PATCH: u32 = 0;

#[cfg(test)]
mod tests {
    #[test]
    fn version_constants_match_cargo_toml() {
        let parts = [super::UCONTACT_VERSION_MAJOR, super::UCONTACT_VERSION_MINOR, super::UCONTACT_VERSION_PATCH];
        let constants = parts.map(|p| p.to_string()).join(".");
        assert_eq!(constants, env!("CARGO_PKG_VERSION"), "update UCONTACT_VERSION_* in src/lib.rs");
    }
}
