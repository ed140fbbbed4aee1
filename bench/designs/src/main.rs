//! Three ways to run reqwest's async client behind a blocking call, measured with the loop
//! of bench/clients/c/bench.h:
//!
//! - `shared-current-thread`: one current-thread runtime and one client for the process;
//!   each calling thread drives it with `block_on` (libucontact's design). Only the thread
//!   that holds the runtime's driver polls the sockets and the connection tasks, so two
//!   callers take turns.
//! - `per-thread`: a current-thread runtime and a client for each calling thread, made on
//!   its first call. Each thread drives its own connections; no hand-off, no sharing.
//! - `multi-thread`: one multi-thread runtime (2 workers) and one client; callers use
//!   `block_on`, while the connection tasks run on the workers (a hand-off per call).
//!
//!   runtime-designs DESIGN warm URL CA_FILE BUNDLE WARMUP_S CALLS THROUGHPUT_S
//!
//! The client trusts CA_FILE only: the system's roots change the cold start, not these
//! warm figures.

use std::sync::{Arc, Barrier, OnceLock};
use std::time::{Duration, Instant};

use reqwest::header::CONTENT_TYPE;

const BODY: &str = "user=demo&password=demo-password";
const EXPECTED: &[u8] = b"\"ZGVtbzowYjZmMmM5ZS00ZDFhLTRmN2UtOWMzYi01YThkN2U2ZjFhMjA=\"";
const PATH: &str = "/Integra/resources/auth/getUserToken";

static CA_FILE: OnceLock<String> = OnceLock::new();

fn client() -> reqwest::Client {
    let pem = std::fs::read(CA_FILE.get().expect("CA file")).expect("the CA file");
    let mut roots = rustls::RootCertStore::empty();
    for cert in rustls_pki_types::pem::PemObject::pem_slice_iter(&pem) {
        let cert: rustls_pki_types::CertificateDer = cert.expect("PEM");
        roots.add(cert).expect("a CA certificate");
    }
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let mut tls = rustls::ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .expect("TLS versions")
        .with_root_certificates(roots)
        .with_no_client_auth();
    tls.alpn_protocols = vec![b"h2".to_vec(), b"http/1.1".to_vec()];
    let mut builder = reqwest::Client::builder().tls_backend_preconfigured(tls).tcp_nodelay(true);
    // More of libucontact's settings, one switch each, to find what costs it system calls.
    let on = |name: &str| std::env::var(name).is_ok_and(|v| v == "1");
    if on("DESIGN_IDLE") {
        builder = builder.pool_idle_timeout(Duration::from_secs(15));
    }
    if on("DESIGN_CONNECT_TIMEOUT") {
        builder = builder.connect_timeout(Duration::from_secs(10));
    }
    if on("DESIGN_REDIRECT") {
        builder = builder.redirect(reqwest::redirect::Policy::custom(|attempt| attempt.stop())).referer(false);
    }
    builder.build().expect("client")
}

/// Two of libucontact's per-call habits, to be switched on one at a time and measured:
/// `DESIGN_TIMEOUT=1` wraps each login in `tokio::time::timeout` (its total timeout), and
/// `DESIGN_CHUNKS=1` reads the body with a `chunk()` loop instead of `bytes()`.
static HABITS: OnceLock<(bool, bool)> = OnceLock::new();

fn habits() -> (bool, bool) {
    *HABITS.get_or_init(|| {
        let on = |name: &str| std::env::var(name).is_ok_and(|v| v == "1");
        (on("DESIGN_TIMEOUT"), on("DESIGN_CHUNKS"))
    })
}

async fn login(client: &reqwest::Client, url: &str) -> bool {
    let (timeout, chunks) = habits();
    if timeout {
        return tokio::time::timeout(Duration::from_secs(30), login_once(client, url, chunks)).await.unwrap_or(false);
    }
    login_once(client, url, chunks).await
}

async fn login_once(client: &reqwest::Client, url: &str, chunks: bool) -> bool {
    let Ok(mut reply) = client.post(url).header(CONTENT_TYPE, "application/x-www-form-urlencoded").body(BODY).send().await
    else {
        return false;
    };
    let ok = reply.status() == 200;
    if !chunks {
        return matches!(reply.bytes().await, Ok(body) if ok && body.as_ref() == EXPECTED);
    }
    let mut body = Vec::new();
    loop {
        match reply.chunk().await {
            Ok(Some(chunk)) => body.extend_from_slice(&chunk),
            Ok(None) => return ok && body == EXPECTED,
            Err(_) => return false,
        }
    }
}

fn current_thread() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread().enable_all().build().expect("runtime")
}

trait Design: Sync {
    /// One blocking login.
    fn call(&self, url: &str) -> bool;
}

struct SharedCurrentThread(tokio::runtime::Runtime, reqwest::Client);
impl Design for SharedCurrentThread {
    fn call(&self, url: &str) -> bool {
        self.0.block_on(login(&self.1, url))
    }
}

struct PerThread;
thread_local! {
    static MINE: (tokio::runtime::Runtime, reqwest::Client) = (current_thread(), client());
}
impl Design for PerThread {
    fn call(&self, url: &str) -> bool {
        MINE.with(|(runtime, client)| runtime.block_on(login(client, url)))
    }
}

struct MultiThread(tokio::runtime::Runtime, reqwest::Client);
impl Design for MultiThread {
    fn call(&self, url: &str) -> bool {
        self.0.block_on(login(&self.1, url))
    }
}

fn cpu_ns() -> u128 {
    // SAFETY: getrusage only writes the struct it is given.
    let usage = unsafe {
        let mut usage: libc::rusage = std::mem::zeroed();
        libc::getrusage(libc::RUSAGE_SELF, &mut usage);
        usage
    };
    let micros = |t: libc::timeval| t.tv_sec as u128 * 1_000_000 + t.tv_usec as u128;
    (micros(usage.ru_utime) + micros(usage.ru_stime)) * 1000
}

fn measure(design: &impl Design, url: &str, warmup: f64, calls: usize, seconds: f64) {
    let call = || design.call(url);
    let (mut bad, mut total) = (0u64, 0u64);
    let until = Instant::now() + Duration::from_secs_f64(warmup);
    while total < 200 || Instant::now() < until {
        bad += u64::from(!call());
        total += 1;
    }
    let mut latencies = Vec::with_capacity(calls);
    let cpu = cpu_ns();
    for _ in 0..calls {
        let began = Instant::now();
        let good = call();
        latencies.push(began.elapsed().as_nanos());
        bad += u64::from(!good);
        total += 1;
    }
    let cpu = cpu_ns() - cpu;
    let mut phases = Vec::new();
    for threads in [1, 2] {
        let start = Barrier::new(threads + 1);
        let began = Instant::now();
        let deadline = began + Duration::from_secs_f64(seconds);
        let counts: Vec<(u64, u64)> = std::thread::scope(|scope| {
            let workers: Vec<_> = (0..threads)
                .map(|_| {
                    scope.spawn(|| {
                        start.wait();
                        let (mut ok, mut wrong) = (0, 0);
                        while Instant::now() < deadline {
                            if call() {
                                ok += 1
                            } else {
                                wrong += 1
                            }
                        }
                        (ok, wrong)
                    })
                })
                .collect();
            start.wait();
            workers.into_iter().map(|w| w.join().expect("worker")).collect()
        });
        let ok: u64 = counts.iter().map(|c| c.0).sum();
        let wrong: u64 = counts.iter().map(|c| c.1).sum();
        bad += wrong;
        total += ok + wrong;
        phases.push((ok, began.elapsed().as_nanos()));
    }
    let list: Vec<String> = latencies.iter().map(u128::to_string).collect();
    println!(
        "{{\"lat_ns\":[{}],\"lat_cpu_ns\":{cpu},\"t1_calls\":{},\"t1_ns\":{},\"t2_calls\":{},\"t2_ns\":{},\"bad\":{bad},\"total_calls\":{total}}}",
        list.join(","),
        phases[0].0,
        phases[0].1,
        phases[1].0,
        phases[1].1
    );
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.len() < 9 || args[2] != "warm" {
        eprintln!("usage: runtime-designs shared-current-thread|per-thread|multi-thread warm URL CA_FILE BUNDLE WARMUP_S CALLS THROUGHPUT_S");
        std::process::exit(2);
    }
    CA_FILE.set(args[4].clone()).expect("set once");
    let url = format!("{}{PATH}", args[3]);
    let (warmup, calls, seconds) =
        (args[6].parse().expect("WARMUP_S"), args[7].parse().expect("CALLS"), args[8].parse().expect("THROUGHPUT_S"));
    match args[1].as_str() {
        "shared-current-thread" => measure(&SharedCurrentThread(current_thread(), client()), &url, warmup, calls, seconds),
        "per-thread" => measure(&PerThread, &url, warmup, calls, seconds),
        "multi-thread" => {
            let runtime = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().expect("runtime");
            measure(&MultiThread(runtime, client()), &url, warmup, calls, seconds)
        }
        other => {
            eprintln!("runtime-designs: unknown design {other}");
            std::process::exit(2);
        }
    }
}
