//! The reqwest peer: one `reqwest::blocking::Client`, trusting the test CA on top of the
//! system's roots, shared by the threads. The measuring loop is that of
//! bench/clients/c/bench.h. Arguments:
//!   reqwest-peer warm URL CA_FILE BUNDLE WARMUP_S CALLS THROUGHPUT_S
//!   reqwest-peer cold URL CA_FILE BUNDLE

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Barrier;
use std::time::{Duration, Instant};

use reqwest::blocking::Client;
use reqwest::header::CONTENT_TYPE;

const BODY: &str = "user=demo&password=demo-password";
const EXPECTED: &str = "\"ZGVtbzowYjZmMmM5ZS00ZDFhLTRmN2UtOWMzYi01YThkN2U2ZjFhMjA=\"";
const PATH: &str = "/Integra/resources/auth/getUserToken";

static TOLD: AtomicBool = AtomicBool::new(false);

fn call(client: &Client, url: &str) -> bool {
    let reply = client.post(url).header(CONTENT_TYPE, "application/x-www-form-urlencoded").body(BODY).send();
    let outcome = reply.and_then(|reply| {
        let status = reply.status();
        reply.text().map(|text| status == 200 && text == EXPECTED)
    });
    match outcome {
        Ok(good) => good,
        Err(e) => {
            if !TOLD.swap(true, Ordering::Relaxed) {
                eprintln!("reqwest-peer: {e}");
            }
            false
        }
    }
}

/// User plus system CPU time of the whole process, all threads.
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

/// Good calls, wrong answers and elapsed nanoseconds of `threads` threads.
fn throughput(client: &Client, url: &str, threads: usize, seconds: f64) -> (u64, u64, u128) {
    let start = Barrier::new(threads + 1);
    let began = Instant::now();
    let deadline = began + Duration::from_secs_f64(seconds);
    let (counts, elapsed) = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads)
            .map(|_| {
                scope.spawn(|| {
                    start.wait();
                    let (mut ok, mut bad) = (0, 0);
                    while Instant::now() < deadline {
                        if call(client, url) {
                            ok += 1
                        } else {
                            bad += 1
                        }
                    }
                    (ok, bad)
                })
            })
            .collect();
        start.wait();
        let counts: Vec<(u64, u64)> = workers.into_iter().map(|w| w.join().expect("worker")).collect();
        (counts, began.elapsed().as_nanos())
    });
    (counts.iter().map(|c| c.0).sum(), counts.iter().map(|c| c.1).sum(), elapsed)
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.len() < 5 || (args[1] != "cold" && args.len() < 8) {
        eprintln!("usage: reqwest-peer warm|cold URL CA_FILE BUNDLE [WARMUP_S CALLS THROUGHPUT_S]");
        std::process::exit(2);
    }
    let pem = std::fs::read(&args[3]).expect("the CA file");
    let ca = reqwest::Certificate::from_pem(&pem).expect("a PEM certificate");
    let client = Client::builder().tls_certs_merge([ca]).build().expect("the client");
    let url = format!("{}{PATH}", args[2]);
    if args[1] == "cold" {
        std::process::exit(if call(&client, &url) { 0 } else { 3 });
    }

    let warmup: f64 = args[5].parse().expect("WARMUP_S");
    let calls: usize = args[6].parse().expect("CALLS");
    let seconds: f64 = args[7].parse().expect("THROUGHPUT_S");
    let (mut bad, mut total) = (0u64, 0u64);
    let until = Instant::now() + Duration::from_secs_f64(warmup);
    while total < 200 || Instant::now() < until {
        bad += u64::from(!call(&client, &url));
        total += 1;
    }
    let mut latencies = Vec::with_capacity(calls);
    let cpu = cpu_ns();
    for _ in 0..calls {
        let began = Instant::now();
        let good = call(&client, &url);
        latencies.push(began.elapsed().as_nanos());
        bad += u64::from(!good);
        total += 1;
    }
    let cpu = cpu_ns() - cpu;
    let (ok1, bad1, ns1) = throughput(&client, &url, 1, seconds);
    let (ok2, bad2, ns2) = throughput(&client, &url, 2, seconds);
    bad += bad1 + bad2;
    total += ok1 + bad1 + ok2 + bad2;
    let list: Vec<String> = latencies.iter().map(u128::to_string).collect();
    println!(
        "{{\"lat_ns\":[{}],\"lat_cpu_ns\":{cpu},\"t1_calls\":{ok1},\"t1_ns\":{ns1},\"t2_calls\":{ok2},\"t2_ns\":{ns2},\"bad\":{bad},\"total_calls\":{total}}}",
        list.join(",")
    );
}
