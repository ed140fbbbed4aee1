//! Property tests of the two parsers that see untrusted text: the domain (the caller's)
//! and the reply (the server's). No input panics, and a refused domain sends nothing.

mod common;

use proptest::prelude::*;

use common::*;
use ucontact::domain::Origin;
use ucontact::ffi::*;
use ucontact::reply;

fn config() -> ProptestConfig {
    // Bounded for CI; PROPTEST_CASES raises it for a longer local run.
    ProptestConfig { cases: 2000, ..ProptestConfig::default() }
}

/// Strings near the accepted forms, where mistakes hide.
fn domain_like() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        "[a-zA-Z0-9.:/@%?#\\[\\] _-]{0,40}",
        ("(https?|ftp|HTTP)?(://)?", "[a-z0-9.-]{0,20}", "(:[0-9]{0,6})?", "(/.{0,4})?").prop_map(|(a, b, c, d)| format!("{a}{b}{c}{d}")),
    ]
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn domain_parsing_never_panics_and_accepts_only_clean_origins(domain in domain_like()) {
        if let Ok(origin) = Origin::parse(&domain) {
            let url = origin.url();
            prop_assert!(url.starts_with("https://") || (url.starts_with("http://") && origin.is_loopback()));
            let authority = &url[url.find("://").unwrap() + 3..];
            prop_assert!(!authority.contains(['/', '@', '?', '#', '%', ' ']), "{url}");
            // What the URL parser makes of the login URL is the same origin.
            let parsed = reqwest::Url::parse(&origin.login_url()).unwrap();
            prop_assert_eq!(parsed.path(), "/Integra/resources/auth/getUserToken");
            prop_assert!(parsed.username().is_empty() && parsed.password().is_none());
            prop_assert_eq!(parsed.port(), origin.port());
            prop_assert_eq!(parsed.host_str(), Some(origin.host()));
        }
    }

    #[test]
    fn reply_parsing_never_panics(body in proptest::collection::vec(any::<u8>(), 0..200)) {
        let _ = reply::parse(&body);
    }

    #[test]
    fn reply_parsing_of_json_like_text_never_panics(body in "[\\[\\]{}\",:0-9a-zA-Z\\\\u /=+ \t\r\n-]{0,60}") {
        if let Ok(reply::Reply::Token(token)) = reply::parse(body.as_bytes()) {
            prop_assert!(!token.is_empty() && token.bytes().all(|b| b.is_ascii_graphic()));
        }
    }

    #[test]
    fn any_token68_string_round_trips(token in "[A-Za-z0-9._~+/-]{1,100}={0,2}") {
        let body = format!("\"{token}\"");
        let expected = if token == "0" { reply::Reply::Rejected } else { reply::Reply::Token(token.clone().into()) };
        prop_assert_eq!(reply::parse(body.as_bytes()), Ok(expected));
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    /// Mutations of a live server's own origin: whatever is refused never reaches it.
    #[test]
    fn a_refused_domain_sends_nothing(prefix in "[a-z:/@%. ]{0,6}", suffix in "[a-z0-9:/@%?#. ]{0,6}") {
        let server = plain();
        let domain = format!("{prefix}{}{suffix}", server.origin());
        let (code, _) = c_login(&domain, DEMO_USER, DEMO_PASSWORD);
        if code == UCONTACT_ERR_INVALID_DOMAIN {
            prop_assert_eq!(server.connections(), 0, "{} reached the server", domain);
        } else {
            prop_assert!(Origin::parse(&domain).is_ok(), "{} was sent but does not parse", domain);
        }
    }
}
