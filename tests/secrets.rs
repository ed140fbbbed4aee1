//! The password never appears in a message, on any path; nor does the token.

mod common;

use common::*;
use ucontact::ffi::*;

const PASSWORD: &str = "Zebra-S3cr3t&p@ss=word";
const ENCODED: &str = "Zebra-S3cr3t%26p%40ss%3Dword";

fn assert_clean(context: &str) {
    let message = last_error();
    assert!(!message.is_empty(), "{context}: no message");
    for secret in [PASSWORD, ENCODED, "Zebra", DEMO_TOKEN] {
        assert!(!message.contains(secret), "{context}: the message holds a secret: {message}");
    }
}

#[test]
fn no_failure_message_holds_the_password() {
    let users = vec![(DEMO_USER.to_owned(), PASSWORD.to_owned())];
    let ok = serve(Config { users: users.clone(), ..Config::default() });
    let echo = serve(Config { users: users.clone(), fault: Fault::Body(format!("{{\"password\":\"{PASSWORD}\"}}").into_bytes()), ..Config::default() });
    let status = serve(Config { users: users.clone(), fault: Fault::Status(500), ..Config::default() });
    let silent = with_fault(Fault::Silent);
    let untrusted = tls("secrets", Certificate::Untrusted);

    let cases: Vec<(String, &str, &str, i32)> = vec![
        (ok.origin(), "", PASSWORD, UCONTACT_ERR_INVALID_ARGUMENT),
        (format!("https://{PASSWORD}.example"), DEMO_USER, PASSWORD, UCONTACT_ERR_INVALID_DOMAIN),
        // The arguments swapped by mistake: the password is in the domain's place.
        (PASSWORD.to_owned(), DEMO_USER, "x", UCONTACT_ERR_INVALID_DOMAIN),
        (ok.origin(), DEMO_USER, "Zebra-wrong", UCONTACT_ERR_AUTH_REJECTED),
        (echo.origin(), DEMO_USER, PASSWORD, UCONTACT_ERR_BAD_RESPONSE),
        (status.origin(), DEMO_USER, PASSWORD, UCONTACT_ERR_HTTP_STATUS),
        (format!("http://127.0.0.1:{}", closed_port()), DEMO_USER, PASSWORD, UCONTACT_ERR_CONNECT),
        (untrusted.origin(), DEMO_USER, PASSWORD, UCONTACT_ERR_TLS),
    ];
    for (domain, user, password, code) in cases {
        assert_eq!(c_login(&domain, user, password).0, code, "{domain}: {}", last_error());
        assert_clean(&domain);
    }

    let client = CClient::new(&silent.origin()).timeouts(100, 300);
    assert_eq!(client.login(DEMO_USER, PASSWORD).0, UCONTACT_ERR_TIMEOUT);
    assert_clean("timeout");

    // A buffer too small for the token: the message gives sizes, not the token.
    let (domain, user, password) = (cstr(&ok.origin()), cstr(DEMO_USER), cstr(PASSWORD));
    let mut small = [0 as std::ffi::c_char; 8];
    let code = unsafe { ucontact_get_user_token(domain.as_ptr(), user.as_ptr(), password.as_ptr(), small.as_mut_ptr(), small.len()) };
    assert_eq!(code, UCONTACT_ERR_BUFFER_TOO_SMALL);
    assert_clean("buffer too small");
}

#[test]
fn the_rust_error_type_shows_no_password() {
    let server = plain();
    let error = ucontact::get_user_token(&server.origin(), DEMO_USER, PASSWORD).unwrap_err();
    assert_eq!(error.code(), UCONTACT_ERR_AUTH_REJECTED);
    for text in [format!("{error}"), format!("{error:?}")] {
        assert!(!text.contains("Zebra"), "{text}");
    }
}
