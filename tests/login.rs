//! The one-call function over real sockets against the local server.

mod common;

use std::ffi::{c_char, CStr};
use std::sync::Arc;

use common::*;
use ucontact::ffi::*;

#[test]
fn fetches_the_exact_token_over_plain_http() {
    let server = plain();
    assert_eq!(c_login(&server.origin(), DEMO_USER, DEMO_PASSWORD), (UCONTACT_OK, DEMO_TOKEN.to_owned()));
}

#[test]
fn sends_the_documented_request() {
    let server = plain();
    c_login(&server.origin(), DEMO_USER, DEMO_PASSWORD);
    let seen = server.requests();
    assert_eq!(seen.len(), 1);
    let request = &seen[0];
    assert_eq!(request.method, "POST");
    assert_eq!(request.path, "/Integra/resources/auth/getUserToken");
    assert_eq!(request.content_type.as_deref(), Some("application/x-www-form-urlencoded; charset=UTF-8"));
    assert_eq!(request.body, b"user=demo&password=demo-password");
    assert_eq!(request.user_agent.as_deref(), Some(concat!("ucontact/", env!("CARGO_PKG_VERSION"))));
}

#[test]
fn tricky_passwords_arrive_byte_exact() {
    let passwords = [
        "p a s s",
        "a+b&c=d%e",
        "%41%2B%zz",
        "quote\"apos'back\\slash",
        "josé ñandú €",
        "emoji 😀🔑",
        "tab\tnewline\n",
        "=&=&",
        "user=x&password=y",
    ];
    let users: Vec<(String, String)> =
        passwords.iter().enumerate().map(|(i, p)| (format!("user{i}"), p.to_string())).collect();
    let server = serve(Config { users: users.clone(), ..Config::default() });
    for (user, password) in &users {
        assert_eq!(c_login(&server.origin(), user, password), (UCONTACT_OK, default_token(user)), "{password:?}");
    }
    let seen = server.requests();
    for ((user, password), request) in users.iter().zip(&seen) {
        assert_eq!(request.field("user"), Some(user.as_bytes()));
        assert_eq!(request.field("password"), Some(password.as_bytes()));
        assert_eq!(request.fields.len(), 2, "{password:?} split the form");
    }
    assert_eq!(seen[1].body, b"user=user1&password=a%2Bb%26c%3Dd%25e");
    assert_eq!(seen[2].body, b"user=user2&password=%2541%252B%25zz");
}

#[test]
fn non_ascii_user_names_arrive_as_utf8() {
    let server = serve(Config { users: vec![("José Ñ".into(), "pw".into())], ..Config::default() });
    assert_eq!(c_login(&server.origin(), "José Ñ", "pw"), (UCONTACT_OK, default_token("José Ñ")));
    assert_eq!(server.requests()[0].body, b"user=Jos%C3%A9+%C3%91&password=pw");
}

#[test]
fn a_wrong_password_is_rejected() {
    let server = plain();
    assert_eq!(c_login(&server.origin(), DEMO_USER, "wrong"), (UCONTACT_ERR_AUTH_REJECTED, String::new()));
    let message = last_error();
    assert!(message.contains("rejected the login"), "{message}");
    assert!(message.contains(&format!("127.0.0.1:{}", server.addr().port())), "{message}");
}

#[test]
fn a_bare_zero_is_rejected_too() {
    let server = with_fault(Fault::Body(b"0".to_vec()));
    assert_eq!(c_login(&server.origin(), DEMO_USER, DEMO_PASSWORD).0, UCONTACT_ERR_AUTH_REJECTED);
}

#[test]
fn reads_the_older_array_reply() {
    let server = with_fault(Fault::Array);
    assert_eq!(c_login(&server.origin(), DEMO_USER, DEMO_PASSWORD), (UCONTACT_OK, DEMO_TOKEN.to_owned()));
}

#[test]
fn decodes_escapes_and_accepts_a_bom_and_any_content_type() {
    let server = with_fault(Fault::Body(b"\xEF\xBB\xBF \"YWJj\\/x\\u003d\" \r\n".to_vec()));
    assert_eq!(c_login(&server.origin(), DEMO_USER, DEMO_PASSWORD), (UCONTACT_OK, "YWJj/x=".to_owned()));
}

#[test]
fn refuses_malformed_replies() {
    for body in [&b"{}"[..], b"\"a b\"", b"\"tok\" trailing", b"\"\\u0000\"", b"<html>", b""] {
        let server = with_fault(Fault::Body(body.to_vec()));
        let (code, out) = c_login(&server.origin(), DEMO_USER, DEMO_PASSWORD);
        assert_eq!((code, out.as_str()), (UCONTACT_ERR_BAD_RESPONSE, ""), "{:?}", String::from_utf8_lossy(body));
        assert!(last_error().starts_with("unexpected reply from 127.0.0.1:"), "{}", last_error());
    }
}

#[test]
fn refuses_a_body_over_the_cap() {
    let server = with_fault(Fault::Huge(ucontact::UCONTACT_MAX_RESPONSE_BYTES + 1));
    assert_eq!(c_login(&server.origin(), DEMO_USER, DEMO_PASSWORD).0, UCONTACT_ERR_BAD_RESPONSE);
    assert!(last_error().contains("larger than UCONTACT_MAX_RESPONSE_BYTES"), "{}", last_error());
}

#[test]
fn reports_http_statuses() {
    for status in [401u16, 404, 500, 503] {
        let server = with_fault(Fault::Status(status));
        assert_eq!(c_login(&server.origin(), DEMO_USER, DEMO_PASSWORD), (UCONTACT_ERR_HTTP_STATUS, String::new()));
        assert!(last_error().contains(&format!("answered HTTP {status}")), "{}", last_error());
    }
    let server = with_fault(Fault::Status(404));
    c_login(&server.origin(), DEMO_USER, DEMO_PASSWORD);
    assert!(last_error().contains("too old to have the login endpoint"), "{}", last_error());
}

#[test]
fn reports_a_refused_connection() {
    let port = closed_port();
    assert_eq!(c_login(&format!("http://127.0.0.1:{port}"), DEMO_USER, DEMO_PASSWORD).0, UCONTACT_ERR_CONNECT);
    assert!(last_error().starts_with(&format!("could not connect to 127.0.0.1:{port}")), "{}", last_error());
}

#[test]
fn localhost_reaches_the_loopback_server() {
    let server = plain();
    let domain = format!("http://localhost:{}", server.addr().port());
    assert_eq!(c_login(&domain, DEMO_USER, DEMO_PASSWORD), (UCONTACT_OK, DEMO_TOKEN.to_owned()));
}

#[test]
fn reaches_an_ipv6_loopback_server() {
    let server = serve(Config { bind: "[::1]:0".parse().unwrap(), ..Config::default() });
    assert_eq!(server.origin(), format!("http://[::1]:{}", server.addr().port()));
    assert_eq!(c_login(&server.origin(), DEMO_USER, DEMO_PASSWORD), (UCONTACT_OK, DEMO_TOKEN.to_owned()));
}

#[test]
fn refuses_bad_arguments_before_any_traffic() {
    let server = plain();
    let origin = server.origin();
    let cases: Vec<(String, &str, &str, i32, &str)> = vec![
        (origin.clone(), "", "pw", UCONTACT_ERR_INVALID_ARGUMENT, "user is empty"),
        (origin.clone(), "demo", "", UCONTACT_ERR_INVALID_ARGUMENT, "password is empty"),
        (format!("{origin}/Integra"), "demo", "pw", UCONTACT_ERR_INVALID_DOMAIN, "no path"),
        (format!("http://demo:pw@127.0.0.1:{}", server.addr().port()), "demo", "pw", UCONTACT_ERR_INVALID_DOMAIN, "user information"),
        ("ftp://127.0.0.1".into(), "demo", "pw", UCONTACT_ERR_INVALID_DOMAIN, "https://"),
    ];
    for (domain, user, password, code, text) in cases {
        assert_eq!(c_login(&domain, user, password), (code, String::new()), "{domain:?}");
        assert!(last_error().contains(text), "{domain:?}: {}", last_error());
    }
    assert!(server.requests().is_empty());
    assert_eq!(server.connections(), 0);
}

#[test]
fn names_each_null_pointer() {
    let (d, u, p) = (cstr("http://127.0.0.1:9"), cstr("demo"), cstr("pw"));
    let mut out = [b'#' as c_char; 16];
    let null = std::ptr::null();
    let cases = [
        (null, u.as_ptr(), p.as_ptr(), "domain is NULL"),
        (d.as_ptr(), null, p.as_ptr(), "user is NULL"),
        (d.as_ptr(), u.as_ptr(), null, "password is NULL"),
    ];
    for (domain, user, password, text) in cases {
        out[0] = b'#' as c_char;
        let code = unsafe { ucontact_get_user_token(domain, user, password, out.as_mut_ptr(), out.len()) };
        assert_eq!(code, UCONTACT_ERR_INVALID_ARGUMENT);
        assert_eq!(out[0], 0, "out_buf emptied");
        assert_eq!(last_error(), text);
    }
    let code = unsafe { ucontact_get_user_token(d.as_ptr(), u.as_ptr(), p.as_ptr(), std::ptr::null_mut(), 16) };
    assert_eq!((code, last_error().as_str()), (UCONTACT_ERR_INVALID_ARGUMENT, "out_buf is NULL"));
    out[0] = b'#' as c_char;
    let code = unsafe { ucontact_get_user_token(d.as_ptr(), u.as_ptr(), p.as_ptr(), out.as_mut_ptr(), 0) };
    assert_eq!((code, last_error().as_str()), (UCONTACT_ERR_INVALID_ARGUMENT, "len is 0"));
    assert_eq!(out[0], b'#' as c_char, "len 0: nothing written");
}

#[test]
fn refuses_invalid_utf8() {
    let bad = b"caf\xe9\0";
    let good = cstr("x");
    let domain = cstr("http://127.0.0.1:9");
    let mut out = [0 as c_char; 16];
    for (which, args) in [
        ("domain", [bad.as_ptr().cast(), good.as_ptr(), good.as_ptr()]),
        ("user", [domain.as_ptr(), bad.as_ptr().cast(), good.as_ptr()]),
        ("password", [domain.as_ptr(), good.as_ptr(), bad.as_ptr().cast()]),
    ] {
        let code = unsafe { ucontact_get_user_token(args[0], args[1], args[2], out.as_mut_ptr(), out.len()) };
        assert_eq!(code, UCONTACT_ERR_INVALID_UTF8);
        assert_eq!(last_error(), format!("{which} is not valid UTF-8"));
    }
}

#[test]
fn small_buffers_get_the_whole_token_or_nothing() {
    let server = plain();
    let (domain, user, password) = (cstr(&server.origin()), cstr(DEMO_USER), cstr(DEMO_PASSWORD));
    let exact = DEMO_TOKEN.len() + 1;
    for len in [1, 2, exact - 1, exact, exact + 1] {
        let mut buf = vec![0x5Au8 as c_char; len + 8];
        let code = unsafe { ucontact_get_user_token(domain.as_ptr(), user.as_ptr(), password.as_ptr(), buf.as_mut_ptr(), len) };
        assert!(buf[len..].iter().all(|&b| b == 0x5A), "len {len}: canary overwritten");
        let written = unsafe { CStr::from_ptr(buf.as_ptr()) }.to_str().unwrap();
        if len >= exact {
            assert_eq!((code, written), (UCONTACT_OK, DEMO_TOKEN), "len {len}");
        } else {
            assert_eq!((code, written), (UCONTACT_ERR_BUFFER_TOO_SMALL, ""), "len {len}");
            assert_eq!(last_error(), format!("the token needs {exact} bytes with its terminator, out_buf has {len}; UCONTACT_TOKEN_BUFFER_SIZE always fits"));
        }
    }
}

#[test]
fn reuses_one_connection_for_sequential_calls() {
    let server = plain();
    for _ in 0..20 {
        assert_eq!(c_login(&server.origin(), DEMO_USER, DEMO_PASSWORD).1, DEMO_TOKEN);
    }
    assert_eq!(server.connections(), 1);
}

#[test]
fn many_threads_get_their_own_exact_tokens() {
    let users: Vec<(String, String)> = (0..8).map(|i| (format!("agent{i}"), format!("pw {i}&"))).collect();
    let server = Arc::new(serve(Config { users: users.clone(), ..Config::default() }));
    let threads: Vec<_> = users
        .into_iter()
        .map(|(user, password)| {
            let origin = server.origin();
            std::thread::spawn(move || {
                for _ in 0..25 {
                    assert_eq!(c_login(&origin, &user, &password), (UCONTACT_OK, default_token(&user)));
                }
            })
        })
        .collect();
    for thread in threads {
        thread.join().unwrap();
    }
    assert_eq!(server.requests().len(), 200);
    // A connection goes back to the pool a moment after its reply is read, so a thread can
    // open a second one in that window; the number stays bounded all the same.
    assert!(server.connections() <= 16, "{} connections for 8 threads", server.connections());
}

#[test]
fn errors_are_kept_per_thread() {
    let server = plain();
    assert_eq!(c_login(&server.origin(), DEMO_USER, "wrong").0, UCONTACT_ERR_AUTH_REJECTED);
    let origin = server.origin();
    std::thread::spawn(move || {
        assert_eq!(last_error(), "");
        assert_eq!(c_login(&origin, "", "x").0, UCONTACT_ERR_INVALID_ARGUMENT);
        assert_eq!(last_error(), "user is empty");
    })
    .join()
    .unwrap();
    assert!(last_error().contains("rejected the login"));
}

#[test]
fn serves_http2_and_http1_over_tls() {
    for versions in [Versions::Both, Versions::Http1, Versions::Http2] {
        let server = serve(Config { tls_dir: Some(tls_dir(&format!("{versions:?}"))), versions, ..Config::default() });
        let client = CClient::new(&server.origin()).ca_file(server.ca_file().unwrap());
        assert_eq!(client.login(DEMO_USER, DEMO_PASSWORD), (UCONTACT_OK, DEMO_TOKEN.to_owned()));
        let expected = if versions == Versions::Http1 { "HTTP/1.1" } else { "HTTP/2.0" };
        assert_eq!(server.requests()[0].version, expected);
    }
}

#[test]
fn strerror_describes_every_code_and_unknown_ones() {
    for &(code, _) in ucontact::error::ALL_CODES {
        let text = unsafe { CStr::from_ptr(ucontact_strerror(code)) }.to_str().unwrap();
        assert_ne!(text, "unknown ucontact error code");
    }
    let text = unsafe { CStr::from_ptr(ucontact_strerror(-7)) }.to_str().unwrap();
    assert_eq!(text, "unknown ucontact error code");
}

#[test]
fn refuses_ca_files_that_are_not_small_regular_pem_files() {
    let client = CClient::new("https://localhost:1");
    let set = |path: &str| {
        let path = cstr(path);
        (unsafe { ucontact_client_set_ca_file(client.0, path.as_ptr()) }, last_error())
    };
    let dir = tls_dir("ca-files");
    std::fs::create_dir_all(&dir).unwrap();
    let fifo = dir.join("fifo");
    assert!(std::process::Command::new("mkfifo").arg(&fifo).status().unwrap().success());
    let big = dir.join("big.pem");
    std::fs::write(&big, vec![b'#'; (4 << 20) + 1]).unwrap();
    let not_pem = dir.join("not.pem");
    std::fs::write(&not_pem, "-----BEGIN CERTIFICATE-----\nhunter2\n").unwrap();
    let empty = dir.join("empty.pem");
    std::fs::write(&empty, "no certificates here\n").unwrap();
    let bad_der = dir.join("bad-der.pem");
    std::fs::write(&bad_der, "-----BEGIN CERTIFICATE-----\naGVsbG8=\n-----END CERTIFICATE-----\n").unwrap();
    let shown = |p: &std::path::Path| p.display().to_string();
    for (path, why) in [
        ("/dev/zero".to_owned(), "the CA file /dev/zero is not a regular file".to_owned()),
        (shown(&dir), format!("the CA file {} is not a regular file", shown(&dir))),
        (shown(&fifo), format!("the CA file {} is not a regular file", shown(&fifo))),
        (shown(&big), format!("the CA file {} is larger than 4194304 bytes", shown(&big))),
        (shown(&not_pem), format!("the CA file {} is not valid PEM", shown(&not_pem))),
        (shown(&empty), format!("the CA file {} holds no PEM certificate", shown(&empty))),
        (shown(&bad_der), format!("the CA file {} holds a certificate that cannot be used as a root (number 1)", shown(&bad_der))),
    ] {
        assert_eq!(set(&path), (UCONTACT_ERR_CA_FILE, why.clone()), "{path}");
        assert!(!why.contains("hunter2"));
    }
    assert_eq!(set("/nonexistent/ca.pem").0, UCONTACT_ERR_CA_FILE);
    assert!(last_error().starts_with("the CA file /nonexistent/ca.pem cannot be read: "), "{}", last_error());
}
