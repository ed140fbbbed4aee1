//! 32 threads by 200 logins each, through one shared client and through the one-call
//! function: every token exact, and the connections bounded.

mod common;

use std::sync::Arc;

use common::*;
use ucontact::ffi::*;

const THREADS: usize = 32;
const CALLS: usize = 200;

fn users() -> Vec<(String, String)> {
    (0..THREADS).map(|i| (format!("agent-{i}"), format!("pässword {i} &=+%"))).collect()
}

fn hammer(login: impl Fn(&str, &str) -> (i32, String) + Send + Sync + 'static) -> usize {
    let login = Arc::new(login);
    let threads: Vec<_> = users()
        .into_iter()
        .map(|(user, password)| {
            let login = login.clone();
            std::thread::spawn(move || {
                let expected = (UCONTACT_OK, default_token(&user));
                (0..CALLS).filter(|_| login(&user, &password) != expected).count()
            })
        })
        .collect();
    threads.into_iter().map(|t| t.join().unwrap()).sum()
}

#[test]
fn one_shared_client_under_32_threads() {
    let server = Arc::new(serve(Config { users: users(), ..Config::default() }));
    let client = Arc::new(CClient::new(&server.origin()));
    let wrong = hammer(move |user, password| client.login(user, password));
    assert_eq!(wrong, 0, "wrong or failed logins");
    assert_eq!(server.requests().len(), THREADS * CALLS);
    assert!(server.connections() <= 2 * THREADS, "{} connections", server.connections());
}

#[test]
fn the_one_call_function_under_32_threads() {
    let server = Arc::new(serve(Config { users: users(), ..Config::default() }));
    let origin = server.origin();
    let wrong = hammer(move |user, password| c_login(&origin, user, password));
    assert_eq!(wrong, 0, "wrong or failed logins");
    assert_eq!(server.requests().len(), THREADS * CALLS);
    assert!(server.connections() <= 2 * THREADS, "{} connections", server.connections());
}

#[test]
fn tls_with_http2_under_32_threads() {
    let server = Arc::new(serve(Config { users: users(), tls_dir: Some(tls_dir("stress")), ..Config::default() }));
    let client = Arc::new(CClient::new(&server.origin()).ca_file(server.ca_file().unwrap()));
    let wrong = hammer(move |user, password| client.login(user, password));
    assert_eq!(wrong, 0, "wrong or failed logins");
    assert!(server.connections() <= 2 * THREADS, "{} connections", server.connections());
}
