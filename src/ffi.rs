//! The C ABI. Every export checks each pointer, decodes strings strictly as UTF-8, and runs
//! inside [`boundary`], so no panic ever unwinds into the caller.

#![allow(non_camel_case_types)]

use std::cell::{Cell, RefCell};
use std::ffi::{c_char, CStr};
use std::panic::{self, AssertUnwindSafe};
use std::path::Path;
use std::sync::Once;
use std::time::Duration;

use crate::client::{self, Client};
use crate::error::*;

pub use crate::error::{
    UCONTACT_ERR_AUTH_REJECTED, UCONTACT_ERR_BAD_RESPONSE, UCONTACT_ERR_BUFFER_TOO_SMALL, UCONTACT_ERR_CA_FILE,
    UCONTACT_ERR_CONNECT, UCONTACT_ERR_HTTP_STATUS, UCONTACT_ERR_INTERNAL, UCONTACT_ERR_INVALID_ARGUMENT,
    UCONTACT_ERR_INVALID_DOMAIN, UCONTACT_ERR_INVALID_PROXY, UCONTACT_ERR_INVALID_UTF8, UCONTACT_ERR_TIMEOUT,
    UCONTACT_ERR_TLS, UCONTACT_OK,
};

/// A login client for one uContact origin, with its own settings and connections.
///
/// Made by `ucontact_client_new`, released by `ucontact_client_free`. Opaque: use it only
/// through these functions.
pub struct ucontact_client {
    inner: Client,
}

thread_local! {
    /// This thread's last failure, for `ucontact_last_error_message`.
    static LAST_ERROR: RefCell<String> = const { RefCell::new(String::new()) };
    /// Its code, for `ucontact_last_error_code`.
    static LAST_CODE: Cell<i32> = const { Cell::new(UCONTACT_OK) };
    /// Set while this thread runs inside `boundary`: the panic hook stays quiet then.
    static IN_BOUNDARY: Cell<bool> = const { Cell::new(false) };
    /// Where the last panic caught on this thread happened.
    static PANIC_AT: RefCell<String> = const { RefCell::new(String::new()) };
}

/// The library prints nothing: a panic inside the boundary is reported through the result
/// code and the last-error message, not on stderr. Panics elsewhere in a Rust host keep
/// the host's hook.
fn install_quiet_panic_hook() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        let previous = panic::take_hook();
        panic::set_hook(Box::new(move |info| {
            // During thread teardown the flag may be gone already; stay quiet then too.
            if IN_BOUNDARY.try_with(Cell::get).unwrap_or(true) {
                let at = info.location().map(|l| format!("{}:{}", l.file(), l.line())).unwrap_or_default();
                let _ = PANIC_AT.try_with(|p| *p.borrow_mut() = at);
            } else {
                previous(info);
            }
        }));
    });
}

/// Keeps `code` and `message` as this thread's last failure, the message cut to fit
/// `UCONTACT_ERROR_BUFFER_SIZE` with its NUL, so that the header's promise about that size
/// holds for every message.
///
/// Thread-locals are `try_with`-accessed everywhere in this module: a call made from a
/// thread-local or pthread-key destructor, after this thread's storage is gone, must not
/// panic outside the boundary. Its failure is then not recorded.
fn set_last_error(code: i32, message: &str) {
    let _ = LAST_CODE.try_with(|last| last.set(code));
    let mut fits = message.len().min(crate::UCONTACT_ERROR_BUFFER_SIZE - 1);
    while !message.is_char_boundary(fits) {
        fits -= 1;
    }
    let _ = LAST_ERROR.try_with(|last| {
        let mut last = last.borrow_mut();
        last.clear();
        last.push_str(&message[..fits]);
    });
}

/// Runs one export's body: a failure becomes its code and this thread's last-error
/// message, a panic becomes `UCONTACT_ERR_INTERNAL`.
fn boundary(body: impl FnOnce() -> Result<(), Error>) -> i32 {
    install_quiet_panic_hook();
    let outer = IN_BOUNDARY.try_with(|b| b.replace(true)).unwrap_or(true);
    let result = panic::catch_unwind(AssertUnwindSafe(body));
    let _ = IN_BOUNDARY.try_with(|b| b.set(outer));
    match result {
        Ok(Ok(())) => UCONTACT_OK,
        Ok(Err(e)) => {
            set_last_error(e.code(), e.message());
            e.code()
        }
        Err(payload) => {
            // The payload is dropped unread: a message is not formatted from it.
            drop(payload);
            let at = PANIC_AT.try_with(|p| std::mem::take(&mut *p.borrow_mut())).unwrap_or_default();
            set_last_error(
                UCONTACT_ERR_INTERNAL,
                &format!("internal error: the library panicked at {at} and recovered; please report it"),
            );
            UCONTACT_ERR_INTERNAL
        }
    }
}

/// Borrows a C string argument as UTF-8, or names the argument that is NULL or not UTF-8.
///
/// # Safety
/// `ptr` is NULL or points to a NUL-terminated string that outlives the call.
unsafe fn arg<'a>(ptr: *const c_char, name: &str) -> Result<&'a str, Error> {
    if ptr.is_null() {
        return Err(Error::new(UCONTACT_ERR_INVALID_ARGUMENT, format!("{name} is NULL")));
    }
    // SAFETY: non-NULL, NUL-terminated by the caller's contract.
    unsafe { CStr::from_ptr(ptr) }
        .to_str()
        .map_err(|_| Error::new(UCONTACT_ERR_INVALID_UTF8, format!("{name} is not valid UTF-8")))
}

/// Checks an out-buffer and empties it, so that every failure after this leaves `""`.
///
/// # Safety
/// `out_buf` is NULL or points to `len` writable bytes.
unsafe fn empty_out_buffer(out_buf: *mut c_char, len: usize) -> Result<(), Error> {
    if out_buf.is_null() {
        return Err(Error::new(UCONTACT_ERR_INVALID_ARGUMENT, "out_buf is NULL"));
    }
    if len == 0 {
        return Err(Error::new(UCONTACT_ERR_INVALID_ARGUMENT, "len is 0"));
    }
    // SAFETY: len >= 1 writable bytes.
    unsafe { *out_buf = 0 };
    Ok(())
}

/// Writes the whole token and its NUL, or nothing.
///
/// # Safety
/// `out_buf` points to `len` writable bytes.
unsafe fn write_token(token: &str, out_buf: *mut c_char, len: usize) -> Result<(), Error> {
    let needed = token.len() + 1;
    if needed > len {
        return Err(Error::new(
            UCONTACT_ERR_BUFFER_TOO_SMALL,
            format!("the token needs {needed} bytes with its terminator, out_buf has {len}; UCONTACT_TOKEN_BUFFER_SIZE always fits"),
        ));
    }
    // SAFETY: needed <= len; the token has no NUL (token68 text).
    unsafe {
        std::ptr::copy_nonoverlapping(token.as_ptr(), out_buf.cast::<u8>(), token.len());
        *out_buf.add(token.len()) = 0;
    }
    Ok(())
}

/// The body of both login exports: the out-buffer is checked and emptied first, then
/// `login` runs, and its token is written whole or not at all.
///
/// # Safety
/// `out_buf` is NULL or points to `len` writable bytes.
unsafe fn token_call(
    out_buf: *mut c_char,
    len: usize,
    login: impl FnOnce() -> Result<zeroize::Zeroizing<String>, Error>,
) -> i32 {
    boundary(|| {
        // SAFETY: forwarded contract.
        unsafe {
            empty_out_buffer(out_buf, len)?;
            write_token(&login()?, out_buf, len)
        }
    })
}

/// Logs in to a uContact instance and writes its API token to `out_buf`.
///
/// Sends `POST /Integra/resources/auth/getUserToken` with the form fields `user` and
/// `password` over HTTPS, reusing a connection of an earlier call where it can, and reads
/// the token from the reply. Later API calls send the token as
/// `Authorization: Basic <token>`; treat it as a secret.
///
/// - `domain`: one of
///   - an instance name, one DNS label such as `"acme"` (logs in to
///     `https://acme.ucontactcloud.com`);
///   - a host name with dots, for on-premise servers (`"uc.example.com"`);
///   - an origin URL `"https://host[:port]"`, with at most a lone trailing `/`;
///     `"http://"` only when the host is loopback (127.0.0.0/8, `[::1]`, `localhost`).
///   Anything else is refused before any network work.
/// - `user`, `password`: non-empty UTF-8. Sent form-encoded exactly as given; never
///   copied into a message.
/// - `out_buf`, `len`: a buffer of `len` bytes. `UCONTACT_TOKEN_BUFFER_SIZE` always fits.
///
/// On success `out_buf` holds the NUL-terminated token. On any failure, `out_buf[0]` is NUL
/// (when `out_buf` is not NULL and `len > 0`), and nothing is ever written past `len`.
///
/// Blocks the calling thread until the reply is read, for at most
/// `UCONTACT_DEFAULT_TOTAL_TIMEOUT_MS` (connecting: at most
/// `UCONTACT_DEFAULT_CONNECT_TIMEOUT_MS`), plus the time to load the system's trust store
/// on the first HTTPS call of the process. Safe to call from many threads at once.
///
/// Returns:
/// - `UCONTACT_OK`: the token is in `out_buf`.
/// - `UCONTACT_ERR_INVALID_ARGUMENT`: a NULL pointer, an empty `user` or `password`, or
///   `len` is 0.
/// - `UCONTACT_ERR_INVALID_UTF8`: `domain`, `user` or `password` is not UTF-8.
/// - `UCONTACT_ERR_INVALID_DOMAIN`: `domain` is none of the forms above; nothing was sent.
/// - `UCONTACT_ERR_CONNECT`: DNS, a refused, reset or dropped connection.
/// - `UCONTACT_ERR_TIMEOUT`: the connect or total timeout passed.
/// - `UCONTACT_ERR_TLS`: the handshake failed or the certificate is not trusted.
/// - `UCONTACT_ERR_HTTP_STATUS`: a status other than 2xx, including a redirect that is not
///   a 307/308 to the same origin.
/// - `UCONTACT_ERR_AUTH_REJECTED`: the server answered `"0"`: wrong user or password.
/// - `UCONTACT_ERR_BAD_RESPONSE`: the reply is not a token reply, or is larger than
///   `UCONTACT_MAX_RESPONSE_BYTES`.
/// - `UCONTACT_ERR_BUFFER_TOO_SMALL`: the token (plus NUL) does not fit in `len` bytes.
///   The server has logged the user in by then and the token is lost: pass
///   `UCONTACT_TOKEN_BUFFER_SIZE` bytes.
/// - `UCONTACT_ERR_INTERNAL`: a bug in the library; the next call works as usual.
///
/// # Safety
/// Each string argument is NULL or NUL-terminated; `out_buf` is NULL or has `len`
/// writable bytes.
#[no_mangle]
pub unsafe extern "C" fn ucontact_get_user_token(
    domain: *const c_char,
    user: *const c_char,
    password: *const c_char,
    out_buf: *mut c_char,
    len: usize,
) -> i32 {
    // SAFETY: the caller's contract above, for each pointer.
    unsafe {
        token_call(out_buf, len, || {
            let (domain, user, password) = (arg(domain, "domain")?, arg(user, "user")?, arg(password, "password")?);
            client::get_user_token(domain, user, password)
        })
    }
}

/// Creates a login client for `domain`, which takes the same forms as in
/// `ucontact_get_user_token`. Builds no connection yet.
///
/// Defaults: connect timeout `UCONTACT_DEFAULT_CONNECT_TIMEOUT_MS`, total timeout
/// `UCONTACT_DEFAULT_TOTAL_TIMEOUT_MS`, the system's trust roots, the proxy from the
/// environment, user agent `ucontact/VERSION`.
///
/// Returns the client, to be released with `ucontact_client_free`; or NULL on failure,
/// with the code in `ucontact_last_error_code` and the reason in
/// `ucontact_last_error_message`:
/// - `UCONTACT_ERR_INVALID_ARGUMENT`: `domain` is NULL.
/// - `UCONTACT_ERR_INVALID_UTF8`: `domain` is not UTF-8.
/// - `UCONTACT_ERR_INVALID_DOMAIN`: `domain` is none of the accepted forms.
/// - `UCONTACT_ERR_INTERNAL`: a bug in the library.
///
/// # Safety
/// `domain` is NULL or NUL-terminated.
#[no_mangle]
pub unsafe extern "C" fn ucontact_client_new(domain: *const c_char) -> *mut ucontact_client {
    let mut made = None;
    boundary(|| {
        // SAFETY: the caller's contract above.
        let domain = unsafe { arg(domain, "domain")? };
        made = Some(Box::new(ucontact_client { inner: Client::new(domain)? }));
        Ok(())
    });
    made.map_or(std::ptr::null_mut(), Box::into_raw)
}

/// Releases a client and closes its connections. NULL is accepted and ignored. Returns
/// without waiting for a host-name look-up that may still run for a timed-out login.
///
/// No other call may be using the client at the same time, nor afterwards.
///
/// # Safety
/// `client` is NULL or came from `ucontact_client_new` and was not freed before.
#[no_mangle]
pub unsafe extern "C" fn ucontact_client_free(client: *mut ucontact_client) {
    if client.is_null() {
        return;
    }
    boundary(|| {
        // SAFETY: the caller's contract above.
        drop(unsafe { Box::from_raw(client) });
        Ok(())
    });
}

/// Runs a setter on a checked client pointer.
///
/// # Safety
/// `client` is NULL or a live client that no other thread is using.
unsafe fn with_client(client: *mut ucontact_client, set: impl FnOnce(&mut Client) -> Result<(), Error>) -> i32 {
    boundary(|| {
        // SAFETY: the caller's contract above.
        let client = unsafe { client.as_mut() }.ok_or_else(|| Error::new(UCONTACT_ERR_INVALID_ARGUMENT, "client is NULL"))?;
        set(&mut client.inner)
    })
}

/// Sets the client's connect timeout (TCP and TLS set-up) and total timeout (one whole
/// login, to the last byte of the reply), in milliseconds.
///
/// Both must be at least 1, and `connect_ms` no greater than `total_ms`. Must not be called
/// while another thread uses the client. Like every setter that succeeds, it closes the
/// client's pooled connections: the next login opens a new one with the new settings.
///
/// Returns `UCONTACT_OK`, or `UCONTACT_ERR_INVALID_ARGUMENT` for a NULL client or values
/// outside those bounds (the settings are then unchanged).
///
/// # Safety
/// `client` is NULL or a live client.
#[no_mangle]
pub unsafe extern "C" fn ucontact_client_set_timeouts(client: *mut ucontact_client, connect_ms: u32, total_ms: u32) -> i32 {
    // SAFETY: forwarded contract.
    unsafe {
        with_client(client, |c| {
            c.set_timeouts(Duration::from_millis(connect_ms.into()), Duration::from_millis(total_ms.into()))
        })
    }
}

/// Trusts the certificates in the PEM file at `pem_path` in addition to the system's
/// roots: for on-premise servers whose certificate comes from a private authority.
/// Certificate checks stay on; there is no way to turn them off.
///
/// The file is read during this call; it must be a regular file of at most 4 MiB. Must
/// not be called while another thread uses the client.
///
/// Returns:
/// - `UCONTACT_OK`.
/// - `UCONTACT_ERR_INVALID_ARGUMENT`: `client` or `pem_path` is NULL.
/// - `UCONTACT_ERR_INVALID_UTF8`: `pem_path` is not UTF-8.
/// - `UCONTACT_ERR_CA_FILE`: the file is missing, unreadable, not a regular file, too
///   large, not PEM, or holds no usable certificate. The settings are then unchanged.
///
/// # Safety
/// `client` is NULL or a live client; `pem_path` is NULL or NUL-terminated.
#[no_mangle]
pub unsafe extern "C" fn ucontact_client_set_ca_file(client: *mut ucontact_client, pem_path: *const c_char) -> i32 {
    // SAFETY: forwarded contract.
    unsafe {
        with_client(client, |c| {
            let path = arg(pem_path, "pem_path")?;
            c.set_ca_file(Path::new(path))
        })
    }
}

/// Chooses the client's proxy for HTTPS: NULL takes it from the environment
/// (`HTTPS_PROXY`, `ALL_PROXY`, `NO_PROXY`; the default), `""` uses none, and a URL
/// `http://host:port` or `https://host:port` uses that proxy, through which the login is
/// tunnelled with CONNECT. Loopback origins never use a proxy from the environment (a
/// proxy would reach its own loopback, not this machine's), and plain-HTTP ones never use
/// any proxy.
///
/// Must not be called while another thread uses the client.
///
/// Returns `UCONTACT_OK`; `UCONTACT_ERR_INVALID_ARGUMENT` for a NULL client;
/// `UCONTACT_ERR_INVALID_UTF8`; or `UCONTACT_ERR_INVALID_PROXY` for a URL that is not of
/// those forms (the settings are then unchanged).
///
/// # Safety
/// `client` is NULL or a live client; `url` is NULL or NUL-terminated.
#[no_mangle]
pub unsafe extern "C" fn ucontact_client_set_proxy(client: *mut ucontact_client, url: *const c_char) -> i32 {
    // SAFETY: forwarded contract.
    unsafe {
        with_client(client, |c| {
            let url = if url.is_null() { None } else { Some(arg(url, "url")?) };
            c.set_proxy(url)
        })
    }
}

/// Sets the `User-Agent` header the client sends (default: `ucontact/VERSION`).
///
/// Must not be called while another thread uses the client.
///
/// Returns `UCONTACT_OK`; `UCONTACT_ERR_INVALID_ARGUMENT` for a NULL pointer or a value
/// that is empty or not printable ASCII; `UCONTACT_ERR_INVALID_UTF8`.
///
/// # Safety
/// `client` is NULL or a live client; `user_agent` is NULL or NUL-terminated.
#[no_mangle]
pub unsafe extern "C" fn ucontact_client_set_user_agent(client: *mut ucontact_client, user_agent: *const c_char) -> i32 {
    // SAFETY: forwarded contract.
    unsafe { with_client(client, |c| c.set_user_agent(arg(user_agent, "user_agent")?)) }
}

/// Logs in through `client`: the arguments, out-buffer rules, blocking and return codes
/// are those of `ucontact_get_user_token`, with the client's own timeouts, roots and proxy.
/// `UCONTACT_ERR_INVALID_ARGUMENT` also covers a NULL `client`.
///
/// Many threads may call this at once with the same client.
///
/// # Safety
/// `client` is NULL or a live client; the other pointers as in `ucontact_get_user_token`.
#[no_mangle]
pub unsafe extern "C" fn ucontact_client_get_user_token(
    client: *const ucontact_client,
    user: *const c_char,
    password: *const c_char,
    out_buf: *mut c_char,
    len: usize,
) -> i32 {
    // SAFETY: the caller's contract above, for each pointer.
    unsafe {
        token_call(out_buf, len, || {
            let client = client.as_ref().ok_or_else(|| Error::new(UCONTACT_ERR_INVALID_ARGUMENT, "client is NULL"))?;
            client.inner.get_user_token(arg(user, "user")?, arg(password, "password")?)
        })
    }
}

/// The code of this thread's last failure: the value that the failed call returned, or,
/// for `ucontact_client_new`, which returns NULL, the reason it did.
///
/// `UCONTACT_OK` on a thread where no call has failed yet; a successful call leaves it
/// unchanged, like `ucontact_last_error_message`, which describes the same failure.
#[no_mangle]
pub extern "C" fn ucontact_last_error_code() -> i32 {
    LAST_CODE.try_with(Cell::get).unwrap_or(UCONTACT_OK)
}

/// A static description of a result code, such as `"the request timed out"`.
///
/// Never NULL: an unknown code gets `"unknown ucontact error code"`. The string is owned
/// by the library and must not be freed. For the details of the last failure, see
/// `ucontact_last_error_message`.
#[no_mangle]
pub extern "C" fn ucontact_strerror(code: i32) -> *const c_char {
    description(code).as_ptr()
}

/// Copies this thread's last failure in words (the step that failed, the host, the HTTP
/// status) into `buf`, with `snprintf` semantics.
///
/// Writes at most `len - 1` bytes and a NUL (cutting at a UTF-8 character boundary), and
/// returns the full length of the message without its NUL, so a return value `>= len`
/// means it was cut. `buf` may be NULL when `len` is 0, to ask for the length only; a
/// buffer of `UCONTACT_ERROR_BUFFER_SIZE` bytes holds any message whole. The message is
/// `""` on a thread where no call has failed yet; a successful call leaves it unchanged.
/// It never holds the password, the request body or a token.
///
/// # Safety
/// `buf` is NULL or has `len` writable bytes.
#[no_mangle]
pub unsafe extern "C" fn ucontact_last_error_message(buf: *mut c_char, len: usize) -> usize {
    if !buf.is_null() && len > 0 {
        // SAFETY: len >= 1 writable bytes; overwritten below when there is a message.
        unsafe { *buf = 0 };
    }
    let copied = LAST_ERROR.try_with(|last| {
        let last = last.borrow();
        if !buf.is_null() && len > 0 {
            let mut fits = last.len().min(len - 1);
            while !last.is_char_boundary(fits) {
                fits -= 1;
            }
            // SAFETY: fits + 1 <= len writable bytes.
            unsafe {
                std::ptr::copy_nonoverlapping(last.as_ptr(), buf.cast::<u8>(), fits);
                *buf.add(fits) = 0;
            }
        }
        last.len()
    });
    copied.unwrap_or(0)
}

/// The library's version, `"MAJOR.MINOR.PATCH"`: a static string, never NULL, not to be
/// freed. Equal to the `UCONTACT_VERSION_*` constants of the header it was built with.
#[no_mangle]
pub extern "C" fn ucontact_version() -> *const c_char {
    const VERSION: &CStr = match CStr::from_bytes_with_nul(concat!(env!("CARGO_PKG_VERSION"), "\0").as_bytes()) {
        Ok(version) => version,
        Err(_) => panic!("the version has a NUL"),
    };
    VERSION.as_ptr()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn message() -> String {
        let mut buf = [0 as c_char; UCONTACT_ERROR_BUFFER_SIZE_FOR_TESTS];
        unsafe { ucontact_last_error_message(buf.as_mut_ptr(), buf.len()) };
        unsafe { CStr::from_ptr(buf.as_ptr()) }.to_str().unwrap().to_owned()
    }
    const UCONTACT_ERROR_BUFFER_SIZE_FOR_TESTS: usize = crate::UCONTACT_ERROR_BUFFER_SIZE;

    #[test]
    fn writes_the_whole_token_or_nothing() {
        let mut buf = [b'#' as c_char; 8];
        assert_eq!(unsafe { write_token("abcdef", buf.as_mut_ptr(), 7) }, Ok(()));
        assert_eq!(&buf.map(|b| b as u8), b"abcdef\0#");
        let mut buf = [b'#' as c_char; 8];
        let err = unsafe { write_token("abcdef", buf.as_mut_ptr(), 6) }.unwrap_err();
        assert_eq!(err.code(), UCONTACT_ERR_BUFFER_TOO_SMALL);
        assert_eq!(err.message(), "the token needs 7 bytes with its terminator, out_buf has 6; UCONTACT_TOKEN_BUFFER_SIZE always fits");
        assert_eq!(&buf.map(|b| b as u8), b"########");
    }

    #[test]
    fn maps_a_panic_to_internal_and_keeps_working() {
        let code = boundary(|| panic!("boom"));
        assert_eq!(code, UCONTACT_ERR_INTERNAL);
        assert_eq!(ucontact_last_error_code(), UCONTACT_ERR_INTERNAL);
        let text = message();
        assert!(text.starts_with("internal error: the library panicked at src/ffi.rs:"), "{text}");
        assert!(!text.contains("boom"), "{text}");
        assert_eq!(boundary(|| Ok(())), UCONTACT_OK);
    }

    #[test]
    fn keeps_the_last_failure_until_the_next_one() {
        assert_eq!(boundary(|| Err(Error::new(UCONTACT_ERR_TIMEOUT, "first"))), UCONTACT_ERR_TIMEOUT);
        assert_eq!(boundary(|| Ok(())), UCONTACT_OK);
        assert_eq!(message(), "first");
        assert_eq!(ucontact_last_error_code(), UCONTACT_ERR_TIMEOUT);
        assert_eq!(boundary(|| Err(Error::new(UCONTACT_ERR_CONNECT, "second"))), UCONTACT_ERR_CONNECT);
        assert_eq!(message(), "second");
    }

    #[test]
    fn last_error_message_has_snprintf_semantics() {
        boundary(|| Err(Error::new(UCONTACT_ERR_CONNECT, "héllo")));
        assert_eq!(unsafe { ucontact_last_error_message(std::ptr::null_mut(), 0) }, 6);
        let mut buf = [b'#' as c_char; 8];
        assert_eq!(unsafe { ucontact_last_error_message(buf.as_mut_ptr(), 3) }, 6);
        // "hé" would need 3 bytes plus the NUL: cut before the é, never inside it.
        assert_eq!(&buf.map(|b| b as u8)[..4], b"h\0##");
        assert_eq!(unsafe { ucontact_last_error_message(buf.as_mut_ptr(), 1) }, 6);
        assert_eq!(buf[0], 0);
        assert_eq!(unsafe { ucontact_last_error_message(buf.as_mut_ptr(), 8) }, 6);
        assert_eq!(&buf.map(|b| b as u8)[..7], "héllo\0".as_bytes());
    }

    #[test]
    fn cuts_long_messages_to_the_error_buffer_size() {
        let long = "é".repeat(600);
        boundary(|| Err(Error::new(UCONTACT_ERR_CA_FILE, long.clone())));
        assert_eq!(ucontact_last_error_code(), UCONTACT_ERR_CA_FILE);
        let len = unsafe { ucontact_last_error_message(std::ptr::null_mut(), 0) };
        assert_eq!(len, 510);
        assert_eq!(message(), "é".repeat(255));
    }

    #[test]
    fn is_empty_on_a_fresh_thread() {
        std::thread::spawn(|| {
            assert_eq!(unsafe { ucontact_last_error_message(std::ptr::null_mut(), 0) }, 0);
            assert_eq!(ucontact_last_error_code(), UCONTACT_OK);
        })
        .join()
        .unwrap();
    }

    #[test]
    fn version_is_the_crate_version() {
        let version = unsafe { CStr::from_ptr(ucontact_version()) };
        assert_eq!(version.to_str().unwrap(), env!("CARGO_PKG_VERSION"));
    }
}
