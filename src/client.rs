//! The login in Rust terms: a configurable [`Client`] and the one-call [`get_user_token`]
//! on a shared default client.

use std::path::Path;
use std::time::Duration;

use bytes::Bytes;
use once_cell::sync::Lazy;
use rustls_pki_types::pem::PemObject;
use rustls_pki_types::CertificateDer;
use zeroize::Zeroizing;

use crate::domain::Origin;
use crate::error::*;
use crate::form;
use crate::transport::{PerProcess, ProxyChoice, Settings};

/// The client behind the one-call function: default settings, shared by every thread and
/// every domain, so that repeated calls reuse their connections. Never dropped, so the
/// process exits without waiting for it.
static DEFAULT: Lazy<PerProcess> = Lazy::new(|| PerProcess::new(Settings::default()));

/// Logs in to `domain` with the default settings and returns the token.
///
/// `domain` takes the forms described in the README: an instance name (`acme`), a host
/// name with dots, or an `https://host[:port]` origin (`http://` only for loopback).
pub fn get_user_token(domain: &str, user: &str, password: &str) -> Result<Zeroizing<String>, Error> {
    check_credentials(user, password)?;
    let origin = Origin::parse(domain)?;
    login(&DEFAULT, &origin, user, password)
}

/// A login client for one uContact origin with its own timeouts, trust roots, proxy and
/// user agent. Safe to share between threads for logins; the setters take `&mut self`.
pub struct Client {
    origin: Origin,
    transport: PerProcess,
}

impl Client {
    /// A client for `domain` (the same forms as [`get_user_token`]) with default settings.
    pub fn new(domain: &str) -> Result<Client, Error> {
        Ok(Client { origin: Origin::parse(domain)?, transport: PerProcess::new(Settings::default()) })
    }

    /// The origin this client logs in to, as `scheme://host[:port]`.
    pub fn origin(&self) -> String {
        self.origin.url()
    }

    /// Sets the connect timeout (TCP and TLS) and the total timeout of one login. Both
    /// must be at least 1 ms, and the connect timeout no longer than the total.
    pub fn set_timeouts(&mut self, connect: Duration, total: Duration) -> Result<(), Error> {
        if connect.is_zero() || total.is_zero() || connect > total {
            return Err(Error::new(
                UCONTACT_ERR_INVALID_ARGUMENT,
                "timeouts must be at least 1 ms, and the connect timeout no longer than the total",
            ));
        }
        self.transport.reconfigure(|s| {
            s.connect_timeout = connect;
            s.total_timeout = total;
        });
        Ok(())
    }

    /// Trusts the certificates of a PEM file in addition to the system's roots, for an
    /// on-premise server with a private certificate authority. Read now: a missing,
    /// unreadable or empty file is an error here, not at the first login.
    pub fn set_ca_file(&mut self, path: &Path) -> Result<(), Error> {
        let certs = read_ca_file(path)?;
        self.transport.reconfigure(|s| s.extra_roots = certs);
        Ok(())
    }

    /// `None`: the proxy from the environment (the default); `Some("")`: no proxy;
    /// `Some(url)`: that `http://` or `https://` proxy (SOCKS is not supported).
    /// Loopback origins never use the environment's proxy; plain-HTTP ones never use any.
    pub fn set_proxy(&mut self, proxy: Option<&str>) -> Result<(), Error> {
        let choice = match proxy {
            None => ProxyChoice::Environment,
            Some("") => ProxyChoice::Direct,
            Some(url) => {
                check_proxy_url(url)?;
                ProxyChoice::Url(url.to_owned())
            }
        };
        self.transport.reconfigure(|s| s.proxy = choice);
        Ok(())
    }

    /// The `User-Agent` header sent; by default `ucontact/VERSION`.
    pub fn set_user_agent(&mut self, user_agent: &str) -> Result<(), Error> {
        if user_agent.is_empty() || !user_agent.bytes().all(|b| (0x20..0x7f).contains(&b)) {
            return Err(Error::new(UCONTACT_ERR_INVALID_ARGUMENT, "the user agent must be non-empty printable ASCII"));
        }
        self.transport.reconfigure(|s| s.user_agent = user_agent.to_owned());
        Ok(())
    }

    /// Logs in and returns the token; see [`get_user_token`].
    pub fn get_user_token(&self, user: &str, password: &str) -> Result<Zeroizing<String>, Error> {
        check_credentials(user, password)?;
        login(&self.transport, &self.origin, user, password)
    }
}

/// The largest CA file read: a bundle of every public root is about 250 KiB.
const MAX_CA_FILE_BYTES: u64 = 4 << 20;

/// Reads the certificates of a PEM file, refusing anything that is not a regular file of
/// at most `MAX_CA_FILE_BYTES` (a FIFO would block, `/dev/zero` would never end). The
/// messages name the file but never quote its contents.
fn read_ca_file(path: &Path) -> Result<Vec<CertificateDer<'static>>, Error> {
    use std::io::Read;

    let shown = path.display();
    let fail = |why: String| Error::new(UCONTACT_ERR_CA_FILE, format!("the CA file {shown} {why}"));
    let meta = std::fs::metadata(path).map_err(|e| fail(format!("cannot be read: {e}")))?;
    if !meta.is_file() {
        return Err(fail("is not a regular file".into()));
    }
    if meta.len() > MAX_CA_FILE_BYTES {
        return Err(fail(format!("is larger than {MAX_CA_FILE_BYTES} bytes")));
    }
    let mut pem = Vec::new();
    std::fs::File::open(path)
        .and_then(|file| file.take(MAX_CA_FILE_BYTES + 1).read_to_end(&mut pem))
        .map_err(|e| fail(format!("cannot be read: {e}")))?;
    if pem.len() as u64 > MAX_CA_FILE_BYTES {
        return Err(fail(format!("is larger than {MAX_CA_FILE_BYTES} bytes")));
    }
    let certs: Vec<CertificateDer<'static>> = CertificateDer::pem_slice_iter(&pem)
        .collect::<Result<_, _>>()
        .map_err(|_| fail("is not valid PEM".into()))?;
    if certs.is_empty() {
        return Err(fail("holds no PEM certificate".into()));
    }
    let mut check = rustls::RootCertStore::empty();
    for (n, cert) in certs.iter().enumerate() {
        check
            .add(cert.clone())
            .map_err(|_| fail(format!("holds a certificate that cannot be used as a root (number {})", n + 1)))?;
    }
    Ok(certs)
}

fn check_proxy_url(url: &str) -> Result<(), Error> {
    let bad = |why: &str| Err(Error::new(UCONTACT_ERR_INVALID_PROXY, format!("the proxy URL cannot be used: {why}")));
    let Some((scheme, rest)) = url.split_once("://") else {
        return bad("it must start with http:// or https://");
    };
    if !scheme.eq_ignore_ascii_case("http") && !scheme.eq_ignore_ascii_case("https") {
        return bad("it must start with http:// or https://");
    }
    let authority = rest.strip_suffix('/').unwrap_or(rest);
    if authority.is_empty() || authority.contains(['/', '?', '#', ' ']) || authority.chars().any(char::is_control) {
        return bad("it must be scheme://host[:port]");
    }
    if reqwest::Proxy::all(url).is_err() {
        return bad("it is not a valid URL");
    }
    Ok(())
}

fn check_credentials(user: &str, password: &str) -> Result<(), Error> {
    if user.is_empty() {
        return Err(Error::new(UCONTACT_ERR_INVALID_ARGUMENT, "user is empty"));
    }
    if password.is_empty() {
        return Err(Error::new(UCONTACT_ERR_INVALID_ARGUMENT, "password is empty"));
    }
    Ok(())
}

fn login(transport: &PerProcess, origin: &Origin, user: &str, password: &str) -> Result<Zeroizing<String>, Error> {
    #[cfg(feature = "test-panic")]
    if user == "__ucontact_test_panic__" {
        panic!("test-panic feature: panic requested by the test user");
    }
    let transport = transport.get()?;
    // The body is the one copy of the password the library makes; the Bytes owns the
    // zeroizing buffer, so the bytes are wiped when the HTTP stack lets go of them.
    let body = Bytes::from_owner(form::login_body(user, password));
    transport.login(origin, body)
}
