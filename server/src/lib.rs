//! A local uContact-compatible login server, for tests, demos and benchmarks.
//!
//! It speaks `POST /Integra/resources/auth/getUserToken` as the vendor documents it: it
//! checks the method, path and `Content-Type`, decodes the form, answers the token of a
//! configured user as a JSON string and `"0"` to anyone else. HTTP/1.1 and HTTP/2, plain
//! or TLS with a certificate authority it makes itself. It listens on loopback only.
//!
//! A [`Fault`] makes it misbehave in one chosen way, for the tests of the client's error
//! handling. Every request it receives is recorded; `GET /__ucontact/requests` returns the
//! record as JSON for tests that run the server as a separate process.

use std::convert::Infallible;
use std::io;
use std::net::{IpAddr, SocketAddr};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use base64::Engine as _;
use bytes::Bytes;
use http_body_util::{BodyExt, Full};
use hyper::body::Incoming;
use hyper::{Request, Response, StatusCode};
use hyper_util::rt::{TokioExecutor, TokioIo};
use tokio::io::{AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

/// The login endpoint's path.
pub const LOGIN_PATH: &str = "/Integra/resources/auth/getUserToken";
/// A second copy of the endpoint, the target of the redirect faults.
pub const MOVED_LOGIN_PATH: &str = "/moved/Integra/resources/auth/getUserToken";
/// Where the record of received requests is served.
pub const REQUESTS_PATH: &str = "/__ucontact/requests";
/// The session id in every default token: `base64("<user>:" + SESSION_ID)`.
pub const SESSION_ID: &str = "0b6f2c9e-4d1a-4f7e-9c3b-5a8d7e6f1a20";
/// The user configured when none is given.
pub const DEMO_USER: &str = "demo";
/// Its password.
pub const DEMO_PASSWORD: &str = "demo-password";

/// The token the server gives `user` unless one was configured: the shape uContact uses.
pub fn default_token(user: &str) -> String {
    base64::engine::general_purpose::STANDARD.encode(format!("{user}:{SESSION_ID}"))
}

/// Which HTTP versions are served.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Versions {
    Both,
    Http1,
    Http2,
}

/// Which certificate a TLS server presents.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Certificate {
    /// Issued by the test CA written to `ca.pem`, for localhost, 127.0.0.1 and ::1.
    Good,
    /// Issued by the test CA, but expired a year ago.
    Expired,
    /// Issued by the test CA for `wrong.example` only.
    WrongName,
    /// Issued by another CA, not written anywhere.
    Untrusted,
}

/// One way to misbehave; `None` is the well-behaved server.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Fault {
    None,
    /// Answer every login with this status and a short text body.
    Status(u16),
    /// Answer every login with this exact body (status 200).
    Body(Vec<u8>),
    /// Answer with the older array form: `["Supervisor", 1, "<token>"]`.
    Array,
    /// Answer a JSON string of this many bytes.
    Huge(usize),
    /// Answer the login path with this status and `Location` (the moved path answers
    /// normally).
    Redirect(u16, String),
    /// Wait this long before answering.
    Delay(Duration),
    /// Accept, read the request, never answer.
    Silent,
    /// Send the headers and a few bytes of the body, then stall.
    StallBody,
    /// Send a correct reply one byte a second.
    Trickle,
    /// Read the request, then close the connection without a reply.
    Drop,
    /// Send part of the reply, then reset the connection.
    Reset,
    /// Answer correctly with keep-alive, then close the connection after this long idle
    /// (over TLS without a close_notify, as a crashed or impatient server does).
    CloseIdle(Duration),
    /// Read the request, then write these bytes as the whole reply, not HTTP-checked.
    RawReply(Vec<u8>),
    /// Serve normally, but shut each connection down gracefully this long after it was
    /// accepted: an HTTP/2 GOAWAY, or `Connection: close` semantics on HTTP/1.1.
    GoAway(Duration),
}

impl Fault {
    /// Faults written as raw HTTP/1.1 bytes instead of through hyper.
    fn is_raw(&self) -> bool {
        matches!(
            self,
            Fault::Silent
                | Fault::StallBody
                | Fault::Trickle
                | Fault::Drop
                | Fault::Reset
                | Fault::CloseIdle(_)
                | Fault::RawReply(_)
        )
    }
}

/// How to run a server.
#[derive(Debug, Clone)]
pub struct Config {
    /// A loopback address; port 0 picks a free port.
    pub bind: SocketAddr,
    /// `(user, password)` pairs that log in.
    pub users: Vec<(String, String)>,
    /// `(user, token)` pairs that replace [`default_token`].
    pub tokens: Vec<(String, String)>,
    pub versions: Versions,
    /// `Some(dir)`: serve TLS, writing the test CA to `dir/ca.pem`.
    pub tls_dir: Option<PathBuf>,
    pub certificate: Certificate,
    pub fault: Fault,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            bind: SocketAddr::from(([127, 0, 0, 1], 0)),
            users: vec![(DEMO_USER.to_owned(), DEMO_PASSWORD.to_owned())],
            tokens: Vec::new(),
            versions: Versions::Both,
            tls_dir: None,
            certificate: Certificate::Good,
            fault: Fault::None,
        }
    }
}

/// A request as the server saw it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Seen {
    pub method: String,
    pub path: String,
    /// `"HTTP/1.1"` or `"HTTP/2.0"`.
    pub version: String,
    pub content_type: Option<String>,
    pub user_agent: Option<String>,
    pub body: Vec<u8>,
    /// The decoded form fields, in order.
    pub fields: Vec<(Vec<u8>, Vec<u8>)>,
}

impl Seen {
    /// The decoded value of a form field.
    pub fn field(&self, name: &str) -> Option<&[u8]> {
        self.fields.iter().find(|(k, _)| k == name.as_bytes()).map(|(_, v)| v.as_slice())
    }
}

struct State {
    config: Config,
    seen: Mutex<Vec<Seen>>,
    connections: AtomicUsize,
}

/// A running server. Dropping it stops it.
pub struct Running {
    addr: SocketAddr,
    ca_file: Option<PathBuf>,
    state: Arc<State>,
    shutdown: Option<tokio::sync::oneshot::Sender<()>>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl Running {
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// `http://127.0.0.1:PORT` or `https://localhost:PORT` (TLS certificates name
    /// localhost).
    pub fn origin(&self) -> String {
        match (&self.ca_file, self.addr.ip()) {
            (Some(_), _) => format!("https://localhost:{}", self.addr.port()),
            (None, IpAddr::V6(ip)) => format!("http://[{ip}]:{}", self.addr.port()),
            (None, IpAddr::V4(ip)) => format!("http://{ip}:{}", self.addr.port()),
        }
    }

    /// The test CA's PEM file, for a TLS server.
    pub fn ca_file(&self) -> Option<&Path> {
        self.ca_file.as_deref()
    }

    /// Every request received so far, in order (not the record requests themselves).
    pub fn requests(&self) -> Vec<Seen> {
        self.state.seen.lock().unwrap().clone()
    }

    /// How many connections were accepted.
    pub fn connections(&self) -> usize {
        self.state.connections.load(Ordering::SeqCst)
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

/// Starts a server on its own thread and returns once it listens.
pub fn start(config: Config) -> io::Result<Running> {
    if !config.bind.ip().is_loopback() {
        return Err(io::Error::new(io::ErrorKind::InvalidInput, "the server listens on loopback addresses only"));
    }
    let tls = match &config.tls_dir {
        Some(dir) => Some(tls::acceptor(dir, config.certificate, config.versions, config.fault.is_raw())?),
        None => None,
    };
    let ca_file = config.tls_dir.as_ref().map(|d| d.join("ca.pem"));
    let runtime = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build()?;
    let listener = runtime.block_on(TcpListener::bind(config.bind))?;
    let addr = listener.local_addr()?;
    let state = Arc::new(State { config, seen: Mutex::new(Vec::new()), connections: AtomicUsize::new(0) });
    let (tx, rx) = tokio::sync::oneshot::channel();
    let serving = state.clone();
    let thread = std::thread::Builder::new().name("ucontact-server".into()).spawn(move || {
        runtime.block_on(async move {
            tokio::select! {
                _ = accept_loop(listener, serving, tls) => {}
                _ = rx => {}
            }
        });
        runtime.shutdown_background();
    })?;
    Ok(Running { addr, ca_file, state, shutdown: Some(tx), thread: Some(thread) })
}

async fn accept_loop(listener: TcpListener, state: Arc<State>, tls: Option<tokio_rustls::TlsAcceptor>) {
    loop {
        let Ok((stream, _)) = listener.accept().await else { continue };
        let _ = stream.set_nodelay(true);
        state.connections.fetch_add(1, Ordering::SeqCst);
        let state = state.clone();
        let tls = tls.clone();
        tokio::spawn(async move {
            let reset = matches!(state.config.fault, Fault::Reset);
            match tls {
                Some(acceptor) => match acceptor.accept(stream).await {
                    Ok(stream) if reset => raw::reset(stream, |s| s.get_ref().0, &state).await,
                    Ok(stream) => serve(stream, state).await,
                    Err(_) => {}
                },
                None if reset => raw::reset(stream, |s| s, &state).await,
                None => serve(stream, state).await,
            }
        });
    }
}

async fn serve<S: AsyncRead + AsyncWrite + Unpin + Send + 'static>(stream: S, state: Arc<State>) {
    if state.config.fault.is_raw() {
        return raw::serve(stream, &state).await;
    }
    let mut builder = hyper_util::server::conn::auto::Builder::new(TokioExecutor::new());
    match state.config.versions {
        Versions::Both => {}
        Versions::Http1 => builder = builder.http1_only(),
        Versions::Http2 => builder = builder.http2_only(),
    }
    let fault = state.config.fault.clone();
    let service = hyper::service::service_fn(move |req| handle(req, state.clone()));
    let connection = builder.serve_connection(TokioIo::new(stream), service);
    tokio::pin!(connection);
    if let Fault::GoAway(after) = fault {
        tokio::select! {
            _ = connection.as_mut() => return,
            _ = tokio::time::sleep(after) => connection.as_mut().graceful_shutdown(),
        }
    }
    let _ = connection.await;
}

fn reply(status: StatusCode, content_type: &str, body: impl Into<Bytes>) -> Response<Full<Bytes>> {
    let mut response = Response::new(Full::new(body.into()));
    *response.status_mut() = status;
    response.headers_mut().insert(hyper::header::CONTENT_TYPE, content_type.parse().unwrap());
    response
}

async fn handle(req: Request<Incoming>, state: Arc<State>) -> Result<Response<Full<Bytes>>, Infallible> {
    let method = req.method().as_str().to_owned();
    let path = req.uri().path_and_query().map(|p| p.as_str().to_owned()).unwrap_or_default();
    let version = format!("{:?}", req.version());
    let header = |name| req.headers().get(name).and_then(|v: &hyper::header::HeaderValue| v.to_str().ok()).map(str::to_owned);
    let content_type = header(hyper::header::CONTENT_TYPE);
    let user_agent = header(hyper::header::USER_AGENT);
    let body = match req.into_body().collect().await {
        Ok(body) => body.to_bytes().to_vec(),
        Err(_) => return Ok(reply(StatusCode::BAD_REQUEST, "text/plain", "unreadable body")),
    };
    if method == "GET" && path == REQUESTS_PATH {
        let record = requests_json(&state.seen.lock().unwrap());
        return Ok(reply(StatusCode::OK, "application/json", record));
    }
    let seen = Seen { method, path, version, content_type, user_agent, fields: decode_form(&body), body };
    state.seen.lock().unwrap().push(seen.clone());
    let (status, content_type, body, location) = answer(&state.config, &seen).await;
    let mut response = reply(status, content_type, body);
    if let Some(location) = location {
        response.headers_mut().insert(hyper::header::LOCATION, location.parse().unwrap());
    }
    Ok(response)
}

/// What the endpoint answers: status, content type, body and an optional `Location`.
async fn answer(config: &Config, seen: &Seen) -> (StatusCode, &'static str, Vec<u8>, Option<String>) {
    let text = |status: u16, body: &str| {
        (StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR), "text/plain", body.as_bytes().to_vec(), None)
    };
    if seen.path != LOGIN_PATH && seen.path != MOVED_LOGIN_PATH {
        return text(404, "Not Found");
    }
    if seen.method != "POST" {
        return text(405, "Method Not Allowed");
    }
    let form = seen.content_type.as_deref().unwrap_or("").split(';').next().unwrap_or("").trim().to_ascii_lowercase();
    if form != "application/x-www-form-urlencoded" {
        return text(415, "Unsupported Media Type");
    }
    match &config.fault {
        Fault::Status(status) => return text(*status, "Error"),
        Fault::Redirect(status, location) if seen.path == LOGIN_PATH => {
            let (status, ct, body, _) = text(*status, "Moved");
            return (status, ct, body, Some(location.clone()));
        }
        Fault::Delay(delay) => tokio::time::sleep(*delay).await,
        Fault::Body(body) => return (StatusCode::OK, "application/json", body.clone(), None),
        Fault::Huge(len) => {
            let mut body = vec![b'A'; *len];
            if let (Some(first), true) = (body.first_mut(), *len >= 2) {
                *first = b'"';
                body[*len - 1] = b'"';
            }
            return (StatusCode::OK, "application/json", body, None);
        }
        _ => {}
    }
    let body = match token_for(config, seen) {
        Some(token) if config.fault == Fault::Array => format!("[\"Supervisor\",1,\"{token}\"]"),
        Some(token) => format!("\"{token}\""),
        None => "\"0\"".to_owned(),
    };
    (StatusCode::OK, "application/json", body.into_bytes(), None)
}

/// The token of a configured user whose password matches, byte for byte.
fn token_for(config: &Config, seen: &Seen) -> Option<String> {
    let user = seen.field("user")?;
    let password = seen.field("password")?;
    let (name, _) = config.users.iter().find(|(u, p)| u.as_bytes() == user && p.as_bytes() == password)?;
    let token = config.tokens.iter().find(|(u, _)| u == name).map(|(_, t)| t.clone());
    Some(token.unwrap_or_else(|| default_token(name)))
}

/// Decodes `application/x-www-form-urlencoded`: `+` is a space, `%XX` a byte. A malformed
/// escape is kept as it is, as servlet containers do.
pub fn decode_form(body: &[u8]) -> Vec<(Vec<u8>, Vec<u8>)> {
    fn decode(part: &[u8]) -> Vec<u8> {
        let mut out = Vec::with_capacity(part.len());
        let mut i = 0;
        while i < part.len() {
            match part[i] {
                b'+' => out.push(b' '),
                b'%' if i + 2 < part.len() => {
                    let hex = std::str::from_utf8(&part[i + 1..i + 3]).ok().and_then(|h| u8::from_str_radix(h, 16).ok());
                    match hex {
                        Some(b) => {
                            out.push(b);
                            i += 2;
                        }
                        None => out.push(b'%'),
                    }
                }
                b => out.push(b),
            }
            i += 1;
        }
        out
    }
    body.split(|&b| b == b'&')
        .filter(|pair| !pair.is_empty())
        .map(|pair| match pair.iter().position(|&b| b == b'=') {
            Some(at) => (decode(&pair[..at]), decode(&pair[at + 1..])),
            None => (decode(pair), Vec::new()),
        })
        .collect()
}

fn requests_json(seen: &[Seen]) -> String {
    let text = |bytes: &[u8]| serde_json::Value::String(String::from_utf8_lossy(bytes).into_owned());
    let items: Vec<serde_json::Value> = seen
        .iter()
        .map(|s| {
            let fields: serde_json::Map<String, serde_json::Value> = s
                .fields
                .iter()
                .map(|(k, v)| (String::from_utf8_lossy(k).into_owned(), text(v)))
                .collect();
            serde_json::json!({
                "method": s.method,
                "path": s.path,
                "version": s.version,
                "content_type": s.content_type,
                "user_agent": s.user_agent,
                "body": text(&s.body),
                "fields": fields,
            })
        })
        .collect();
    serde_json::Value::Array(items).to_string()
}

/// The faults that need bytes hyper would never write.
mod raw {
    use super::*;

    /// Reads one HTTP/1.1 request (head and `Content-Length` body); `None` at EOF.
    async fn read_request<S: AsyncRead + Unpin>(stream: &mut S, state: &State) -> Option<Seen> {
        let mut data = Vec::new();
        let mut chunk = [0u8; 4096];
        let head_end = loop {
            if let Some(at) = data.windows(4).position(|w| w == b"\r\n\r\n") {
                break at + 4;
            }
            let n = stream.read(&mut chunk).await.ok()?;
            if n == 0 {
                return None;
            }
            data.extend_from_slice(&chunk[..n]);
        };
        let head = String::from_utf8_lossy(&data[..head_end]).into_owned();
        let mut lines = head.split("\r\n");
        let mut request_line = lines.next().unwrap_or("").split(' ');
        let method = request_line.next().unwrap_or("").to_owned();
        let path = request_line.next().unwrap_or("").to_owned();
        let mut content_type = None;
        let mut user_agent = None;
        let mut length = 0usize;
        for line in lines {
            if let Some((name, value)) = line.split_once(':') {
                let value = value.trim().to_owned();
                match name.trim().to_ascii_lowercase().as_str() {
                    "content-length" => length = value.parse().unwrap_or(0),
                    "content-type" => content_type = Some(value),
                    "user-agent" => user_agent = Some(value),
                    _ => {}
                }
            }
        }
        while data.len() < head_end + length {
            let n = stream.read(&mut chunk).await.ok()?;
            if n == 0 {
                return None;
            }
            data.extend_from_slice(&chunk[..n]);
        }
        let body = data[head_end..head_end + length].to_vec();
        let seen = Seen { method, path, version: "HTTP/1.1".into(), content_type, user_agent, fields: decode_form(&body), body };
        state.seen.lock().unwrap().push(seen.clone());
        Some(seen)
    }

    fn response(body: &str, keep_alive: bool) -> Vec<u8> {
        let connection = if keep_alive { "keep-alive" } else { "close" };
        format!(
            "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: {connection}\r\n\r\n{body}",
            body.len()
        )
        .into_bytes()
    }

    fn login_reply(state: &State, seen: &Seen) -> String {
        match token_for(&state.config, seen) {
            Some(token) => format!("\"{token}\""),
            None => "\"0\"".to_owned(),
        }
    }

    pub async fn serve<S: AsyncRead + AsyncWrite + Unpin>(mut stream: S, state: &State) {
        match state.config.fault.clone() {
            Fault::Silent => {
                let _ = read_request(&mut stream, state).await;
                let mut sink = [0u8; 1024];
                while let Ok(n) = stream.read(&mut sink).await {
                    if n == 0 {
                        break;
                    }
                }
            }
            Fault::StallBody => {
                if read_request(&mut stream, state).await.is_some() {
                    let head = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 60\r\n\r\n\"ZGVt";
                    let _ = stream.write_all(head.as_bytes()).await;
                    let _ = stream.flush().await;
                    tokio::time::sleep(Duration::from_secs(3600)).await;
                }
            }
            Fault::Trickle => {
                if let Some(seen) = read_request(&mut stream, state).await {
                    for byte in response(&login_reply(state, &seen), false) {
                        if stream.write_all(&[byte]).await.is_err() || stream.flush().await.is_err() {
                            return;
                        }
                        tokio::time::sleep(Duration::from_secs(1)).await;
                    }
                }
            }
            Fault::RawReply(bytes) => {
                if read_request(&mut stream, state).await.is_some() {
                    let _ = stream.write_all(&bytes).await;
                    let _ = stream.flush().await;
                    let _ = stream.shutdown().await;
                }
            }
            Fault::Drop | Fault::Reset => {
                let _ = read_request(&mut stream, state).await;
            }
            Fault::CloseIdle(idle) => {
                while let Some(seen) = read_request(&mut stream, state).await {
                    if stream.write_all(&response(&login_reply(state, &seen), true)).await.is_err() {
                        return;
                    }
                    let _ = stream.flush().await;
                    // Wait for the next request only this long, then close under the
                    // client's feet as an idle keep-alive timeout does.
                    let mut probe = [0u8; 1];
                    match tokio::time::timeout(idle, stream.read(&mut probe)).await {
                        Err(_) | Ok(Ok(0)) | Ok(Err(_)) => return,
                        Ok(Ok(_)) => return,
                    }
                }
            }
            _ => {}
        }
    }

    /// Sends half a reply, then resets the TCP connection under it (`tcp` finds the
    /// socket inside a TLS stream).
    #[allow(deprecated)]
    pub async fn reset<S: AsyncRead + AsyncWrite + Unpin>(mut stream: S, tcp: impl Fn(&S) -> &TcpStream, state: &State) {
        if read_request(&mut stream, state).await.is_some() {
            let _ = stream.write_all(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Len").await;
            let _ = stream.flush().await;
            tokio::time::sleep(Duration::from_millis(50)).await;
            let _ = tcp(&stream).set_linger(Some(Duration::ZERO));
        }
    }
}

/// The test certificate authority and server certificates.
mod tls {
    use super::*;
    use rcgen::{BasicConstraints, CertificateParams, DnType, IsCa, Issuer, KeyPair, KeyUsagePurpose};
    use rustls::pki_types::{CertificateDer, PrivateKeyDer, PrivatePkcs8KeyDer};

    fn other(e: impl std::fmt::Display) -> io::Error {
        io::Error::other(e.to_string())
    }

    fn ca(name: &str) -> io::Result<(CertificateParams, KeyPair)> {
        let mut params = CertificateParams::new(Vec::<String>::new()).map_err(other)?;
        params.distinguished_name.push(DnType::CommonName, name);
        params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
        params.key_usages = vec![KeyUsagePurpose::KeyCertSign, KeyUsagePurpose::CrlSign];
        let key = KeyPair::generate().map_err(other)?;
        Ok((params, key))
    }

    /// Makes the CA and the chosen server certificate, writes `dir/ca.pem`, and returns
    /// an acceptor offering the ALPN protocols of `versions`.
    pub fn acceptor(dir: &Path, certificate: Certificate, versions: Versions, raw: bool) -> io::Result<tokio_rustls::TlsAcceptor> {
        std::fs::create_dir_all(dir)?;
        let (ca_params, ca_key) = ca("ucontact test CA")?;
        let ca_cert = ca_params.self_signed(&ca_key).map_err(other)?;
        std::fs::write(dir.join("ca.pem"), ca_cert.pem())?;

        let names = match certificate {
            Certificate::WrongName => vec!["wrong.example".to_owned()],
            _ => vec!["localhost".to_owned(), "127.0.0.1".to_owned(), "::1".to_owned()],
        };
        let mut params = CertificateParams::new(names).map_err(other)?;
        params.distinguished_name.push(DnType::CommonName, "ucontact test server");
        if certificate == Certificate::Expired {
            let now = time::OffsetDateTime::now_utc();
            params.not_before = now - time::Duration::days(730);
            params.not_after = now - time::Duration::days(365);
        }
        let key = KeyPair::generate().map_err(other)?;
        let cert = if certificate == Certificate::Untrusted {
            let (other_params, other_key) = ca("ucontact untrusted CA")?;
            params.signed_by(&key, &Issuer::new(other_params, other_key)).map_err(other)?
        } else {
            params.signed_by(&key, &Issuer::new(ca_params, ca_key)).map_err(other)?
        };

        let chain = vec![CertificateDer::from(cert.der().to_vec())];
        let private = PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(key.serialize_der()));
        let provider = Arc::new(rustls::crypto::ring::default_provider());
        let mut config = rustls::ServerConfig::builder_with_provider(provider)
            .with_safe_default_protocol_versions()
            .map_err(other)?
            .with_no_client_auth()
            .with_single_cert(chain, private)
            .map_err(other)?;
        config.alpn_protocols = match (versions, raw) {
            (_, true) | (Versions::Http1, _) => vec![b"http/1.1".to_vec()],
            (Versions::Http2, _) => vec![b"h2".to_vec()],
            (Versions::Both, _) => vec![b"h2".to_vec(), b"http/1.1".to_vec()],
        };
        Ok(tokio_rustls::TlsAcceptor::from(Arc::new(config)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_forms_as_servlet_containers_do() {
        let fields = decode_form(b"user=a+b&password=p%26w%3Dr%2Bd%25%C3%A9&x&%zz=1%4");
        assert_eq!(fields[0], (b"user".to_vec(), b"a b".to_vec()));
        assert_eq!(fields[1], (b"password".to_vec(), "p&w=r+d%é".as_bytes().to_vec()));
        assert_eq!(fields[2], (b"x".to_vec(), b"".to_vec()));
        assert_eq!(fields[3], (b"%zz".to_vec(), b"1%4".to_vec()));
    }

    #[test]
    fn default_token_is_base64_of_user_and_session() {
        assert_eq!(default_token("demo"), "ZGVtbzowYjZmMmM5ZS00ZDFhLTRmN2UtOWMzYi01YThkN2U2ZjFhMjA=");
    }
}
