//! Redirects never carry the credentials to another origin, never downgrade to plain HTTP,
//! and never turn the login into a GET.

mod common;

use common::*;
use ucontact::ffi::*;
use ucontact_server::MOVED_LOGIN_PATH;

fn redirecting(status: u16, location: String) -> Running {
    with_fault(Fault::Redirect(status, location))
}

#[test]
fn follows_307_and_308_to_the_same_origin_with_the_body() {
    for status in [307, 308] {
        let server = redirecting(status, MOVED_LOGIN_PATH.to_owned());
        assert_eq!(c_login(&server.origin(), DEMO_USER, DEMO_PASSWORD), (UCONTACT_OK, DEMO_TOKEN.to_owned()));
        let seen = server.requests();
        assert_eq!(seen.len(), 2);
        assert_eq!(seen[1].path, MOVED_LOGIN_PATH);
        assert_eq!(seen[1].method, "POST");
        assert_eq!(seen[1].body, b"user=demo&password=demo-password");
    }
}

#[test]
fn never_follows_301_302_303_so_the_login_never_becomes_a_get() {
    for status in [301, 302, 303] {
        let server = redirecting(status, MOVED_LOGIN_PATH.to_owned());
        assert_eq!(c_login(&server.origin(), DEMO_USER, DEMO_PASSWORD), (UCONTACT_ERR_HTTP_STATUS, String::new()));
        assert!(last_error().contains(&format!("HTTP {status}")), "{}", last_error());
        assert!(last_error().contains("only a 307 or 308 redirect to the same origin is followed"));
        assert_eq!(server.requests().len(), 1, "{status} was followed");
    }
}

#[test]
fn never_sends_the_credentials_to_another_origin() {
    let other = plain();
    for status in [307, 308] {
        let server = redirecting(status, format!("{}{MOVED_LOGIN_PATH}", other.origin()));
        assert_eq!(c_login(&server.origin(), DEMO_USER, DEMO_PASSWORD).0, UCONTACT_ERR_HTTP_STATUS);
    }
    // Same host, another port: another origin too.
    let server = redirecting(307, format!("http://localhost:{}{MOVED_LOGIN_PATH}", other.addr().port()));
    assert_eq!(c_login(&server.origin(), DEMO_USER, DEMO_PASSWORD).0, UCONTACT_ERR_HTTP_STATUS);
    assert!(other.requests().is_empty(), "the other origin received {:?}", other.requests());
    assert_eq!(other.connections(), 0);
}

#[test]
fn never_downgrades_from_https_to_http() {
    let plain_server = plain();
    let location = format!("http://127.0.0.1:{}{MOVED_LOGIN_PATH}", plain_server.addr().port());
    let server = serve(Config { tls_dir: Some(tls_dir("downgrade")), fault: Fault::Redirect(307, location), ..Config::default() });
    let client = CClient::new(&server.origin()).ca_file(server.ca_file().unwrap());
    assert_eq!(client.login(DEMO_USER, DEMO_PASSWORD).0, UCONTACT_ERR_HTTP_STATUS);
    assert_eq!(plain_server.connections(), 0);
}

#[test]
fn stops_a_redirect_loop() {
    let server = redirecting(307, ucontact_server::LOGIN_PATH.to_owned());
    assert_eq!(c_login(&server.origin(), DEMO_USER, DEMO_PASSWORD).0, UCONTACT_ERR_HTTP_STATUS);
    assert!(server.requests().len() <= 7, "{} requests", server.requests().len());
}
