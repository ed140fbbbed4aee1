//! Helpers shared by the integration tests: the local server and calls through the C ABI.
#![allow(dead_code, unused_imports)]

use std::ffi::{c_char, CStr, CString};
use std::path::PathBuf;

use ucontact::ffi::*;
pub use ucontact_server::{default_token, Certificate, Config, Fault, Running, Versions, DEMO_PASSWORD, DEMO_USER};

/// The demo user's token, written out so that a change to the server's token scheme
/// cannot silently change what the tests expect.
pub const DEMO_TOKEN: &str = "ZGVtbzowYjZmMmM5ZS00ZDFhLTRmN2UtOWMzYi01YThkN2U2ZjFhMjA=";

pub fn serve(config: Config) -> Running {
    ucontact_server::start(config).expect("the local server starts")
}

pub fn plain() -> Running {
    serve(Config::default())
}

pub fn with_fault(fault: Fault) -> Running {
    serve(Config { fault, ..Config::default() })
}

/// A fresh directory under the target folder for a TLS server's CA.
pub fn tls_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("ucontact-test-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    dir
}

pub fn tls(name: &str, certificate: Certificate) -> Running {
    serve(Config { tls_dir: Some(tls_dir(name)), certificate, ..Config::default() })
}

/// A port on which nothing listens.
pub fn closed_port() -> u16 {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    listener.local_addr().unwrap().port()
}

pub fn cstr(s: &str) -> CString {
    CString::new(s).unwrap()
}

/// This thread's last-error message.
pub fn last_error() -> String {
    let mut buf = [0 as c_char; ucontact::UCONTACT_ERROR_BUFFER_SIZE];
    unsafe { ucontact_last_error_message(buf.as_mut_ptr(), buf.len()) };
    unsafe { CStr::from_ptr(buf.as_ptr()) }.to_str().unwrap().to_owned()
}

/// Calls `ucontact_get_user_token`; returns the code and what `out_buf` holds.
pub fn c_login(domain: &str, user: &str, password: &str) -> (i32, String) {
    let (domain, user, password) = (cstr(domain), cstr(user), cstr(password));
    let mut out = [b'#' as c_char; ucontact::UCONTACT_TOKEN_BUFFER_SIZE];
    let code = unsafe { ucontact_get_user_token(domain.as_ptr(), user.as_ptr(), password.as_ptr(), out.as_mut_ptr(), out.len()) };
    (code, unsafe { CStr::from_ptr(out.as_ptr()) }.to_str().unwrap().to_owned())
}

/// A C-ABI client for `domain`, freed on drop.
pub struct CClient(pub *mut ucontact_client);

unsafe impl Send for CClient {}
unsafe impl Sync for CClient {}

impl CClient {
    pub fn new(domain: &str) -> CClient {
        let client = unsafe { ucontact_client_new(cstr(domain).as_ptr()) };
        assert!(!client.is_null(), "ucontact_client_new({domain:?}) failed: {}", last_error());
        CClient(client)
    }

    pub fn timeouts(self, connect_ms: u32, total_ms: u32) -> CClient {
        assert_eq!(unsafe { ucontact_client_set_timeouts(self.0, connect_ms, total_ms) }, UCONTACT_OK);
        self
    }

    pub fn ca_file(self, path: &std::path::Path) -> CClient {
        let path = cstr(path.to_str().unwrap());
        assert_eq!(unsafe { ucontact_client_set_ca_file(self.0, path.as_ptr()) }, UCONTACT_OK, "{}", last_error());
        self
    }

    pub fn login(&self, user: &str, password: &str) -> (i32, String) {
        let (user, password) = (cstr(user), cstr(password));
        let mut out = [b'#' as c_char; ucontact::UCONTACT_TOKEN_BUFFER_SIZE];
        let code = unsafe { ucontact_client_get_user_token(self.0, user.as_ptr(), password.as_ptr(), out.as_mut_ptr(), out.len()) };
        (code, unsafe { CStr::from_ptr(out.as_ptr()) }.to_str().unwrap().to_owned())
    }
}

impl Drop for CClient {
    fn drop(&mut self) {
        unsafe { ucontact_client_free(self.0) };
    }
}
