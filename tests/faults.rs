//! A misbehaving network or server: every case ends with its documented code, within the
//! configured total timeout plus a second, and the next call works.

mod common;

use std::time::{Duration, Instant};

use common::*;
use ucontact::ffi::*;

const CONNECT_MS: u32 = 300;
const TOTAL_MS: u32 = 800;

/// Logs in through a client with short timeouts; checks the bound on the time taken.
fn timed_login(server: &Running) -> (i32, String) {
    let client = CClient::new(&server.origin()).timeouts(CONNECT_MS, TOTAL_MS);
    let start = Instant::now();
    let result = client.login(DEMO_USER, DEMO_PASSWORD);
    let limit = Duration::from_millis(TOTAL_MS.into()) + Duration::from_secs(1);
    assert!(start.elapsed() < limit, "took {:?}, over the total timeout plus 1 s", start.elapsed());
    result
}

#[test]
fn a_server_that_never_answers_times_out() {
    let server = with_fault(Fault::Silent);
    assert_eq!(timed_login(&server), (UCONTACT_ERR_TIMEOUT, String::new()));
    assert!(last_error().contains("within the total timeout of 800 ms"), "{}", last_error());
}

#[test]
fn a_body_that_stalls_times_out() {
    let server = with_fault(Fault::StallBody);
    assert_eq!(timed_login(&server).0, UCONTACT_ERR_TIMEOUT);
}

#[test]
fn a_reply_trickling_a_byte_a_second_times_out() {
    let server = with_fault(Fault::Trickle);
    assert_eq!(timed_login(&server).0, UCONTACT_ERR_TIMEOUT);
}

#[test]
fn a_slow_server_within_the_timeout_succeeds() {
    let server = with_fault(Fault::Delay(Duration::from_millis(200)));
    assert_eq!(timed_login(&server), (UCONTACT_OK, DEMO_TOKEN.to_owned()));
}

#[test]
fn a_refused_connection_fails_to_connect() {
    let server_gone = format!("http://127.0.0.1:{}", closed_port());
    let client = CClient::new(&server_gone).timeouts(CONNECT_MS, TOTAL_MS);
    assert_eq!(client.login(DEMO_USER, DEMO_PASSWORD).0, UCONTACT_ERR_CONNECT);
}

#[test]
fn a_connection_dropped_before_the_reply_fails_to_connect() {
    let server = with_fault(Fault::Drop);
    assert_eq!(timed_login(&server).0, UCONTACT_ERR_CONNECT);
    assert!(last_error().starts_with("the connection to 127.0.0.1:"), "{}", last_error());
}

#[test]
fn a_connection_reset_mid_reply_fails_to_connect() {
    let server = with_fault(Fault::Reset);
    assert_eq!(timed_login(&server).0, UCONTACT_ERR_CONNECT);
}

/// Three logins with a pause between them in which the server closes the idle pooled
/// connection: each must succeed on a new connection, sending the login once.
fn survives_idle_closes(server: Running) {
    let client = match server.ca_file() {
        Some(ca) => CClient::new(&server.origin()).ca_file(ca),
        None => CClient::new(&server.origin()),
    };
    for round in 0..3 {
        assert_eq!(client.login(DEMO_USER, DEMO_PASSWORD), (UCONTACT_OK, DEMO_TOKEN.to_owned()), "round {round}");
        // Long enough for the server to close the idle connection under the pool.
        std::thread::sleep(Duration::from_millis(300));
    }
    assert_eq!(server.connections(), 3);
    assert_eq!(server.requests().len(), 3, "a login was sent twice");
}

#[test]
fn a_keep_alive_connection_closed_while_idle_is_replaced() {
    survives_idle_closes(with_fault(Fault::CloseIdle(Duration::from_millis(50))));
}

#[test]
fn a_tls_connection_closed_without_close_notify_while_idle_is_replaced() {
    let dir = tls_dir("close-idle");
    survives_idle_closes(serve(Config { tls_dir: Some(dir), fault: Fault::CloseIdle(Duration::from_millis(50)), ..Config::default() }));
}

#[test]
fn an_http2_goaway_while_idle_is_honoured() {
    let dir = tls_dir("goaway");
    let server = serve(Config { tls_dir: Some(dir), versions: Versions::Http2, fault: Fault::GoAway(Duration::from_millis(100)), ..Config::default() });
    survives_idle_closes(server);
}

#[test]
fn a_connection_dropped_before_the_reply_sends_the_login_once() {
    let server = with_fault(Fault::Drop);
    assert_eq!(timed_login(&server).0, UCONTACT_ERR_CONNECT);
    assert_eq!(server.requests().len(), 1);
}

#[test]
fn a_tls_connection_reset_mid_reply_fails_to_connect() {
    let server = serve(Config { tls_dir: Some(tls_dir("reset")), fault: Fault::Reset, ..Config::default() });
    let client = CClient::new(&server.origin()).timeouts(CONNECT_MS, TOTAL_MS).ca_file(server.ca_file().unwrap());
    assert_eq!(client.login(DEMO_USER, DEMO_PASSWORD).0, UCONTACT_ERR_CONNECT);
}

#[test]
fn an_untrusted_certificate_fails_tls() {
    let server = tls("untrusted", Certificate::Untrusted);
    let client = CClient::new(&server.origin()).ca_file(server.ca_file().unwrap());
    assert_eq!(client.login(DEMO_USER, DEMO_PASSWORD), (UCONTACT_ERR_TLS, String::new()));
    assert!(last_error().contains("UnknownIssuer"), "{}", last_error());
    assert!(server.requests().is_empty());
}

#[test]
fn a_certificate_for_another_name_fails_tls() {
    let server = tls("wrong-name", Certificate::WrongName);
    let client = CClient::new(&server.origin()).ca_file(server.ca_file().unwrap());
    assert_eq!(client.login(DEMO_USER, DEMO_PASSWORD).0, UCONTACT_ERR_TLS);
    assert!(last_error().contains("certificate not valid for name \"localhost\""), "{}", last_error());
}

#[test]
fn an_expired_certificate_fails_tls() {
    let server = tls("expired", Certificate::Expired);
    let client = CClient::new(&server.origin()).ca_file(server.ca_file().unwrap());
    assert_eq!(client.login(DEMO_USER, DEMO_PASSWORD).0, UCONTACT_ERR_TLS);
    assert!(last_error().contains("certificate expired"), "{}", last_error());
}

#[test]
fn a_server_not_in_the_trust_store_fails_tls_until_its_ca_is_added() {
    let server = tls("private-ca", Certificate::Good);
    let client = CClient::new(&server.origin());
    assert_eq!(client.login(DEMO_USER, DEMO_PASSWORD).0, UCONTACT_ERR_TLS);
    let client = client.ca_file(server.ca_file().unwrap());
    assert_eq!(client.login(DEMO_USER, DEMO_PASSWORD), (UCONTACT_OK, DEMO_TOKEN.to_owned()));
}

#[test]
fn plain_http_to_a_tls_port_fails_cleanly() {
    let server = tls("plain-to-tls", Certificate::Good);
    let domain = format!("http://127.0.0.1:{}", server.addr().port());
    let client = CClient::new(&domain).timeouts(CONNECT_MS, TOTAL_MS);
    let code = client.login(DEMO_USER, DEMO_PASSWORD).0;
    assert!(code == UCONTACT_ERR_CONNECT || code == UCONTACT_ERR_BAD_RESPONSE, "code {code}: {}", last_error());
}

#[test]
fn tls_to_a_plain_port_fails_tls() {
    let server = plain();
    let domain = format!("https://127.0.0.1:{}", server.addr().port());
    let client = CClient::new(&domain).timeouts(CONNECT_MS, TOTAL_MS);
    assert_eq!(client.login(DEMO_USER, DEMO_PASSWORD).0, UCONTACT_ERR_TLS);
}

#[test]
fn a_reply_that_is_not_http_is_a_bad_response() {
    for reply in [&b"HTTP/1.1 abc OK\r\n\r\n"[..], b"HTTP/1.1 200 OK\r\nContent-Length: x\r\n\r\n\"t\"", b"SSH-2.0-OpenSSH_9.2\r\n"] {
        let server = with_fault(Fault::RawReply(reply.to_vec()));
        let (code, out) = timed_login(&server);
        assert_eq!((code, out.as_str()), (UCONTACT_ERR_BAD_RESPONSE, ""), "{:?}: {}", String::from_utf8_lossy(reply), last_error());
        assert!(last_error().contains("is not valid HTTP"), "{}", last_error());
    }
}

#[test]
fn tls_messages_carry_no_links_to_library_manuals() {
    let server = serve(Config { tls_dir: Some(tls_dir("no-links")), fault: Fault::Drop, ..Config::default() });
    let client = CClient::new(&server.origin()).timeouts(CONNECT_MS, TOTAL_MS).ca_file(server.ca_file().unwrap());
    assert_eq!(client.login(DEMO_USER, DEMO_PASSWORD).0, UCONTACT_ERR_CONNECT);
    assert!(!last_error().contains("https://"), "{}", last_error());
}
