//! The HTTP side of a login: TLS, connection reuse, redirects, timeouts, and the mapping
//! of every transport failure onto a result code.
//!
//! Each [`Transport`] owns a few single-threaded tokio runtimes ("lanes", one per CPU),
//! which the *calling* threads drive with `block_on` for the length of one call. No worker thread drives the connections
//! between calls (host-name look-ups run on tokio's blocking pool, whose threads exit
//! after 10 s idle), so nothing needs to be joined at exit, a `fork()` child finds no
//! half-owned worker, and the request is not handed to another thread on the way out.
//! Many threads may call at once: a lane lets each of its callers poll its own request,
//! and one at a time drives the lane's sockets and timers; with a lane per CPU, that many
//! callers make progress in parallel.

use std::error::Error as StdError;
use std::future::Future;
use std::mem::ManuallyDrop;
use std::net::{Ipv4Addr, Ipv6Addr, SocketAddr};
use std::sync::atomic::{AtomicPtr, Ordering};
use std::sync::Arc;
use std::time::Duration;

use bytes::Bytes;
use once_cell::sync::OnceCell;
use reqwest::header::{HeaderValue, ACCEPT, CONTENT_TYPE};
use reqwest::redirect;
use rustls_pki_types::CertificateDer;
use zeroize::Zeroizing;

use crate::domain::Origin;
use crate::error::*;
use crate::reply::{self, Reply};
use crate::UCONTACT_MAX_RESPONSE_BYTES;

/// `Content-Type` of the login request. Java servlet containers decode a form without a
/// charset as ISO-8859-1, so say UTF-8.
pub const FORM_CONTENT_TYPE: &str = "application/x-www-form-urlencoded; charset=UTF-8";

/// How many redirects one login may follow (each a 307/308 to the same origin).
const MAX_REDIRECTS: usize = 5;

/// Connections idle longer than this are not reused: shorter than the keep-alive of the
/// usual servlet containers (20 s), so the server rarely closes one under us.
const POOL_IDLE: Duration = Duration::from_secs(15);

/// Where a client's proxy comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ProxyChoice {
    /// `HTTPS_PROXY`, `ALL_PROXY` and `NO_PROXY` from the environment (the default).
    Environment,
    /// No proxy at all.
    Direct,
    /// This proxy URL, checked when it was set.
    Url(String),
}

/// What a client may be configured with.
#[derive(Clone)]
pub struct Settings {
    pub connect_timeout: Duration,
    pub total_timeout: Duration,
    /// Trusted in addition to the system's roots.
    pub extra_roots: Vec<CertificateDer<'static>>,
    pub proxy: ProxyChoice,
    pub user_agent: String,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            connect_timeout: Duration::from_millis(crate::UCONTACT_DEFAULT_CONNECT_TIMEOUT_MS as u64),
            total_timeout: Duration::from_millis(crate::UCONTACT_DEFAULT_TOTAL_TIMEOUT_MS as u64),
            extra_roots: Vec::new(),
            proxy: ProxyChoice::Environment,
            user_agent: concat!("ucontact/", env!("CARGO_PKG_VERSION")).to_owned(),
        }
    }
}

/// How many lanes a transport has at most: one per CPU lets that many callers drive
/// their requests at the same time; more would only add connections.
const MAX_LANES: usize = 8;

/// The lanes of one process and what they share.
pub struct Transport {
    pid: u32,
    settings: Arc<Settings>,
    /// The system's roots plus the client's: loaded once, on the first HTTPS login of any
    /// lane, since reading the trust store is the slowest part of a cold start.
    roots: OnceCell<Arc<rustls::RootCertStore>>,
    lanes: Box<[OnceCell<Lane>]>,
}

/// One single-threaded runtime and its HTTP clients (and so its own connection pool).
/// Every caller on a lane drives it while it waits for its own reply; a caller is given
/// the same lane for all its calls, and callers are spread over the lanes in turn.
struct Lane {
    pid: u32,
    runtime: ManuallyDrop<tokio::runtime::Runtime>,
    /// For https:// origins.
    https: OnceCell<reqwest::Client>,
    /// For https:// loopback origins when the proxy comes from the environment: a proxy
    /// would reach its own loopback, not this machine's.
    https_loopback: OnceCell<reqwest::Client>,
    /// For http:// loopback origins: never through a proxy, `localhost` never looked up.
    plain: OnceCell<reqwest::Client>,
}

thread_local! {
    /// This thread's lane, chosen on its first call.
    static LANE: std::cell::Cell<Option<usize>> = const { std::cell::Cell::new(None) };
}

/// Hands out lanes in turn, one per calling thread.
static NEXT_LANE: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);

fn lane_index(lanes: usize) -> usize {
    let index = LANE
        .try_with(|lane| match lane.get() {
            Some(index) => index,
            None => {
                let index = NEXT_LANE.fetch_add(1, Ordering::Relaxed);
                lane.set(Some(index));
                index
            }
        })
        // During thread teardown: any lane will do.
        .unwrap_or(0);
    index % lanes
}

impl Transport {
    fn new(settings: Arc<Settings>) -> Transport {
        let lanes = std::thread::available_parallelism().map_or(1, |n| n.get()).clamp(1, MAX_LANES);
        Transport {
            pid: std::process::id(),
            settings,
            roots: OnceCell::new(),
            lanes: (0..lanes).map(|_| OnceCell::new()).collect(),
        }
    }

    fn lane(&self) -> Result<&Lane, Error> {
        self.lanes[lane_index(self.lanes.len())].get_or_try_init(Lane::new)
    }

    fn roots(&self) -> Result<Arc<rustls::RootCertStore>, Error> {
        self.roots.get_or_try_init(|| load_roots(&self.settings).map(Arc::new)).cloned()
    }

    fn client_for<'a>(&self, lane: &'a Lane, origin: &Origin) -> Result<&'a reqwest::Client, Error> {
        let kind = Kind::for_origin(origin, &self.settings.proxy);
        let cell = match kind {
            Kind::Https => &lane.https,
            Kind::HttpsDirect => &lane.https_loopback,
            Kind::Plain => &lane.plain,
        };
        cell.get_or_try_init(|| {
            let roots = if kind == Kind::Plain { Arc::new(rustls::RootCertStore::empty()) } else { self.roots()? };
            build_client(&self.settings, kind, roots)
        })
    }

    /// Logs in: one POST, its reply read and checked. Blocks the calling thread for at
    /// most the total timeout (plus the time to load the trust store on first use).
    pub fn login(&self, origin: &Origin, body: Bytes) -> Result<Zeroizing<String>, Error> {
        let lane = self.lane()?;
        let client = self.client_for(lane, origin)?;
        let total = self.settings.total_timeout;
        let work = async {
            match tokio::time::timeout(total, login(client, origin, body)).await {
                Ok(result) => result,
                Err(_) => Err(Error::new(
                    UCONTACT_ERR_TIMEOUT,
                    format!("no complete reply from {} within the total timeout of {} ms", origin.authority(), total.as_millis()),
                )),
            }
        };
        lane.block_on(work)
    }
}

impl Lane {
    fn new() -> Result<Lane, Error> {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_io()
            .enable_time()
            .build()
            // Out of file descriptors, most likely: a resource, not a bug.
            .map_err(|e| Error::new(UCONTACT_ERR_CONNECT, format!("cannot set up network I/O: {e}")))?;
        Ok(Lane {
            pid: std::process::id(),
            runtime: ManuallyDrop::new(runtime),
            https: OnceCell::new(),
            https_loopback: OnceCell::new(),
            plain: OnceCell::new(),
        })
    }

    /// Runs `work` to completion on this thread. A caller that is itself inside a tokio
    /// runtime cannot block its thread on another runtime, so there the work runs on a
    /// short-lived thread of its own while the caller waits.
    fn block_on<T: Send>(&self, work: impl Future<Output = T> + Send) -> T {
        if tokio::runtime::Handle::try_current().is_err() {
            return self.runtime.block_on(work);
        }
        std::thread::scope(|scope| match scope.spawn(|| self.runtime.block_on(work)).join() {
            Ok(value) => value,
            Err(panic) => std::panic::resume_unwind(panic),
        })
    }
}

impl Drop for Lane {
    fn drop(&mut self) {
        // In a fork() child the runtime's epoll instance is still shared with the parent:
        // shutting it down would deregister the parent's sockets. Leave it be.
        if self.pid != std::process::id() {
            return;
        }
        // SAFETY: taken once, here, and never used again.
        let runtime = unsafe { ManuallyDrop::take(&mut self.runtime) };
        // Without waiting for the blocking pool: a host-name look-up still running there
        // (a slow resolver, after the login already timed out) must not hold up
        // ucontact_client_free or a setter. It ends on its own. This is also the one way
        // to shut a runtime down on a thread that drives another (a Rust caller inside
        // its own tokio runtime).
        runtime.shutdown_background();
    }
}

/// A [`Transport`] per process: after `fork()` the child builds its own on first use and
/// never touches the parent's, which it leaks.
pub struct PerProcess {
    settings: Arc<Settings>,
    current: AtomicPtr<Transport>,
}

impl PerProcess {
    pub fn new(settings: Settings) -> PerProcess {
        PerProcess { settings: Arc::new(settings), current: AtomicPtr::new(std::ptr::null_mut()) }
    }

    /// Changes the settings; the next call builds a new transport with them. Takes
    /// `&mut self`: no request may run at the same time.
    pub fn reconfigure(&mut self, change: impl FnOnce(&mut Settings)) {
        change(Arc::make_mut(&mut self.settings));
        let old = std::mem::replace(self.current.get_mut(), std::ptr::null_mut());
        release(old);
    }

    /// The transport of this process, built on first use.
    pub fn get(&self) -> Result<&Transport, Error> {
        let pid = std::process::id();
        let seen = self.current.load(Ordering::Acquire);
        // SAFETY: a non-null pointer here came from Box::into_raw below and is freed only
        // by `reconfigure` or `drop`, which take `&mut self`.
        if let Some(transport) = unsafe { seen.as_ref() } {
            if transport.pid == pid {
                return Ok(transport);
            }
        }
        let fresh = Box::into_raw(Box::new(Transport::new(self.settings.clone())));
        match self.current.compare_exchange(seen, fresh, Ordering::AcqRel, Ordering::Acquire) {
            // The transport replaced, if any, belongs to the parent process: leaked on
            // purpose, see `Transport::drop`.
            Ok(_) => Ok(unsafe { &*fresh }),
            Err(winner) => {
                // Another thread of this process installed one first; use it.
                drop(unsafe { Box::from_raw(fresh) });
                Ok(unsafe { &*winner })
            }
        }
    }
}

impl Drop for PerProcess {
    fn drop(&mut self) {
        release(*self.current.get_mut());
    }
}

fn release(transport: *mut Transport) {
    if transport.is_null() {
        return;
    }
    // SAFETY: the pointer came from Box::into_raw and the caller has exclusive access.
    let transport = unsafe { Box::from_raw(transport) };
    if transport.pid == std::process::id() {
        drop(transport);
    } else {
        std::mem::forget(transport);
    }
}

/// The trust store: the system's roots (honouring `SSL_CERT_FILE` and `SSL_CERT_DIR`) and
/// the client's extra ones.
fn load_roots(settings: &Settings) -> Result<rustls::RootCertStore, Error> {
    check_ssl_cert_file()?;
    let mut roots = rustls::RootCertStore::empty();
    for cert in rustls_native_certs::load_native_certs().certs {
        // A system store can hold certificates rustls cannot use; skip those.
        let _ = roots.add(cert);
    }
    for cert in &settings.extra_roots {
        roots.add(cert.clone()).map_err(|e| {
            Error::new(UCONTACT_ERR_CA_FILE, format!("a certificate of the CA file cannot be used: {e}"))
        })?;
    }
    Ok(roots)
}

/// TLS with the ring provider: aws-lc-rs' entropy seeding alone costs a short-lived
/// process about 30 ms.
fn tls_config(roots: Arc<rustls::RootCertStore>) -> Result<rustls::ClientConfig, Error> {
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let mut config = rustls::ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(|e| Error::new(UCONTACT_ERR_INTERNAL, format!("cannot set up TLS: {e}")))?
        .with_root_certificates(roots)
        .with_no_client_auth();
    config.alpn_protocols = vec![b"h2".to_vec(), b"http/1.1".to_vec()];
    Ok(config)
}

/// The trust store reads `SSL_CERT_FILE` whole and without a deadline, so a value naming
/// a FIFO or a device would hang the first HTTPS login past its timeout: refuse it first.
fn check_ssl_cert_file() -> Result<(), Error> {
    let Some(path) = std::env::var_os("SSL_CERT_FILE") else { return Ok(()) };
    match std::fs::metadata(&path) {
        Ok(meta) if !meta.is_file() => Err(Error::new(
            UCONTACT_ERR_TLS,
            format!("SSL_CERT_FILE names {}, which is not a regular file", std::path::Path::new(&path).display()),
        )),
        _ => Ok(()),
    }
}

/// Which of a lane's clients to build.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// HTTPS through the configured proxy.
    Https,
    /// HTTPS with no proxy: loopback origins while the proxy comes from the environment.
    HttpsDirect,
    /// Plain HTTP, loopback only.
    Plain,
}

impl Kind {
    /// The proxy policy: plain HTTP (loopback only) never uses a proxy; HTTPS to a
    /// loopback host skips the environment's proxy, which would reach its own loopback;
    /// everything else follows the client's proxy setting.
    fn for_origin(origin: &Origin, proxy: &ProxyChoice) -> Kind {
        match (origin.is_https(), origin.is_loopback() && *proxy == ProxyChoice::Environment) {
            (false, _) => Kind::Plain,
            (true, true) => Kind::HttpsDirect,
            (true, false) => Kind::Https,
        }
    }

    /// The proxy this kind of client is built with: `None` for a direct connection,
    /// `Some(None)` for the environment's, `Some(Some(url))` for a given one.
    fn proxy<'a>(self, proxy: &'a ProxyChoice) -> Option<Option<&'a str>> {
        match (self, proxy) {
            (Kind::Plain | Kind::HttpsDirect, _) | (Kind::Https, ProxyChoice::Direct) => None,
            (Kind::Https, ProxyChoice::Environment) => Some(None),
            (Kind::Https, ProxyChoice::Url(url)) => Some(Some(url)),
        }
    }
}

fn build_client(settings: &Settings, kind: Kind, roots: Arc<rustls::RootCertStore>) -> Result<reqwest::Client, Error> {
    let https = kind != Kind::Plain;
    let mut builder = reqwest::Client::builder()
        .tls_backend_preconfigured(tls_config(roots)?)
        .connect_timeout(settings.connect_timeout)
        .redirect(same_origin_redirects())
        .referer(false)
        .pool_idle_timeout(POOL_IDLE)
        .tcp_nodelay(true)
        .user_agent(settings.user_agent.as_str());
    builder = match kind.proxy(&settings.proxy) {
        None => builder.no_proxy(),
        Some(None) => builder,
        Some(Some(url)) => builder.proxy(
            reqwest::Proxy::all(url).map_err(|_| Error::new(UCONTACT_ERR_INVALID_PROXY, "the proxy URL cannot be used"))?,
        ),
    };
    if !https {
        // Plain HTTP is for loopback only: a proxy would carry the password off the
        // machine in clear text, and `localhost` must not depend on /etc/hosts or DNS.
        let loopback = [
            SocketAddr::from((Ipv4Addr::LOCALHOST, 0)),
            SocketAddr::from((Ipv6Addr::LOCALHOST, 0)),
        ];
        builder = builder.resolve_to_addrs("localhost", &loopback);
    }
    builder
        .build()
        .map_err(|e| Error::new(UCONTACT_ERR_INTERNAL, format!("cannot build the HTTP client: {}", innermost(&e))))
}

/// Follows a 307 or 308 that stays on the same scheme, host and port, which resends the
/// same POST; stops at anything else and hands the 3xx back, which becomes
/// `UCONTACT_ERR_HTTP_STATUS`. A 301/302/303 would turn the login into a GET, and another
/// origin must never receive the credentials.
fn same_origin_redirects() -> redirect::Policy {
    redirect::Policy::custom(|attempt| {
        let keeps_method = matches!(attempt.status().as_u16(), 307 | 308);
        let same_origin = attempt.previous().first().is_some_and(|first| {
            let next = attempt.url();
            first.scheme() == next.scheme()
                && first.host_str() == next.host_str()
                && first.port_or_known_default() == next.port_or_known_default()
        });
        if keeps_method && same_origin && attempt.previous().len() <= MAX_REDIRECTS {
            attempt.follow()
        } else {
            attempt.stop()
        }
    })
}

async fn login(client: &reqwest::Client, origin: &Origin, body: Bytes) -> Result<Zeroizing<String>, Error> {
    settle_pooled_connections().await;
    let response = client
        .post(origin.login_url())
        .header(CONTENT_TYPE, HeaderValue::from_static(FORM_CONTENT_TYPE))
        .header(ACCEPT, HeaderValue::from_static("application/json, text/plain, */*"))
        .body(body)
        .send()
        .await
        .map_err(|e| transport_error(&e, origin))?;
    let status = response.status();
    if !status.is_success() {
        return Err(status_error(status, origin));
    }
    let body = read_body(response, origin).await?;
    match reply::parse(&body) {
        Ok(Reply::Token(token)) => Ok(token),
        Ok(Reply::Rejected) => Err(Error::new(
            UCONTACT_ERR_AUTH_REJECTED,
            format!("{} rejected the login: wrong user name or password, or the user may not log in", origin.authority()),
        )),
        Err(reply::Malformed(why)) => {
            Err(Error::new(UCONTACT_ERR_BAD_RESPONSE, format!("unexpected reply from {}: {why}", origin.authority())))
        }
    }
}

/// Between calls no thread drives the runtime, so a kept-alive connection that the server
/// closed, reset or sent GOAWAY on while it sat idle still looks usable to the pool. Giving
/// the runtime a few turns first lets each connection task read what arrived and take
/// itself out of the pool, so the login goes out on a live connection (or a new one)
/// instead of failing. A turn with nothing to do costs well under a microsecond.
async fn settle_pooled_connections() {
    for _ in 0..3 {
        tokio::task::yield_now().await;
    }
}

async fn read_body(mut response: reqwest::Response, origin: &Origin) -> Result<Zeroizing<Vec<u8>>, Error> {
    let cap = UCONTACT_MAX_RESPONSE_BYTES as usize;
    let too_big = || {
        Error::new(
            UCONTACT_ERR_BAD_RESPONSE,
            format!("the reply from {} is larger than UCONTACT_MAX_RESPONSE_BYTES ({cap} bytes)", origin.authority()),
        )
    };
    if response.content_length().is_some_and(|n| n > cap as u64) {
        return Err(too_big());
    }
    let mut body = Zeroizing::new(Vec::new());
    loop {
        match response.chunk().await {
            Ok(Some(chunk)) => {
                if body.len() + chunk.len() > cap {
                    return Err(too_big());
                }
                body.extend_from_slice(&chunk);
            }
            Ok(None) => return Ok(body),
            Err(e) => return Err(transport_error(&e, origin)),
        }
    }
}

fn status_error(status: reqwest::StatusCode, origin: &Origin) -> Error {
    let host = origin.authority();
    let status_text = match status.canonical_reason() {
        Some(reason) => format!("HTTP {} {reason}", status.as_u16()),
        None => format!("HTTP {}", status.as_u16()),
    };
    let hint = match status.as_u16() {
        300..=399 => "; only a 307 or 308 redirect to the same origin is followed",
        404 => "; an instance too old to have the login endpoint answers so",
        _ => "",
    };
    Error::new(UCONTACT_ERR_HTTP_STATUS, format!("{host} answered {status_text}{hint}"))
}

fn transport_error(e: &reqwest::Error, origin: &Origin) -> Error {
    let host = origin.authority();
    if let Some(tls) = find_tls_error(e) {
        return Error::new(UCONTACT_ERR_TLS, format!("TLS with {host} failed: {}", without_doc_links(tls.to_string())));
    }
    if e.is_timeout() {
        return Error::new(UCONTACT_ERR_TIMEOUT, format!("connecting to {host} timed out"));
    }
    let cause = innermost(e);
    if causes(e).any(|c| c.downcast_ref::<hyper::Error>().is_some_and(|h| h.is_parse() || h.is_parse_status())) {
        return Error::new(UCONTACT_ERR_BAD_RESPONSE, format!("the reply from {host} is not valid HTTP: {cause}"));
    }
    if e.is_connect() {
        return Error::new(UCONTACT_ERR_CONNECT, format!("could not connect to {host}: {cause}"));
    }
    Error::new(UCONTACT_ERR_CONNECT, format!("the connection to {host} failed: {cause}"))
}

/// Walks the error's causes. An `io::Error` hides its payload from `source()` (it returns
/// the payload's own source), so step into the payload instead.
fn causes<'a>(e: &'a (dyn StdError + 'static)) -> impl Iterator<Item = &'a (dyn StdError + 'static)> {
    std::iter::successors(Some(e), |&e: &&'a (dyn StdError + 'static)| {
        match e.downcast_ref::<std::io::Error>().and_then(|io| io.get_ref()) {
            Some(payload) => Some(payload as &(dyn StdError + 'static)),
            None => e.source(),
        }
    })
}

fn find_tls_error(e: &reqwest::Error) -> Option<&rustls::Error> {
    causes(e).find_map(|cause| cause.downcast_ref::<rustls::Error>())
}

/// The most specific cause, which says what happened ("Connection refused (os error 111)").
fn innermost(e: &reqwest::Error) -> String {
    let text = causes(e).last().map(|cause| cause.to_string()).unwrap_or_else(|| e.to_string());
    without_doc_links(text)
}

/// rustls ends some messages with a link to its manual, which says nothing to the end
/// user reading ours.
fn without_doc_links(text: String) -> String {
    match text.find(": https://docs.rs/") {
        Some(at) => text[..at].to_owned(),
        None => text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn proxy_for(domain: &str, choice: ProxyChoice) -> Option<Option<String>> {
        let origin = Origin::parse(domain).unwrap();
        Kind::for_origin(&origin, &choice).proxy(&choice).map(|p| p.map(str::to_owned))
    }

    #[test]
    fn a_remote_origin_follows_the_proxy_setting() {
        assert_eq!(proxy_for("acme", ProxyChoice::Environment), Some(None));
        assert_eq!(proxy_for("https://uc.example.com:8443", ProxyChoice::Direct), None, "\"\" bypasses HTTPS_PROXY");
        let url = "http://proxy.example:3128".to_owned();
        assert_eq!(proxy_for("uc.example.com", ProxyChoice::Url(url.clone())), Some(Some(url)));
    }

    #[test]
    fn a_loopback_origin_skips_only_the_environments_proxy() {
        for domain in ["https://localhost:8443", "https://127.0.0.1", "https://[::1]:1"] {
            assert_eq!(proxy_for(domain, ProxyChoice::Environment), None, "{domain}");
            assert_eq!(proxy_for(domain, ProxyChoice::Direct), None, "{domain}");
            let url = "http://127.0.0.1:3128".to_owned();
            assert_eq!(proxy_for(domain, ProxyChoice::Url(url.clone())), Some(Some(url)), "{domain}");
        }
    }

    #[test]
    fn plain_http_never_uses_a_proxy() {
        for choice in [ProxyChoice::Environment, ProxyChoice::Direct, ProxyChoice::Url("http://127.0.0.1:3128".into())] {
            assert_eq!(proxy_for("http://127.0.0.1:8080", choice), None);
        }
    }
}
