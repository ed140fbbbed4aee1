//! The domain parser on arbitrary text: it must never panic, and an origin it accepts
//! reads back through the URL parser as the same scheme, host and port, with no user
//! information, and plain HTTP only for loopback.
#![no_main]

use libfuzzer_sys::fuzz_target;
use ucontact::domain::Origin;

fuzz_target!(|data: &[u8]| {
    let Ok(domain) = std::str::from_utf8(data) else { return };
    let Ok(origin) = Origin::parse(domain) else { return };
    assert!(origin.is_https() || origin.is_loopback());
    let url = reqwest::Url::parse(&origin.login_url()).expect("an accepted origin is a URL");
    assert_eq!(url.scheme(), if origin.is_https() { "https" } else { "http" });
    assert_eq!(url.host_str(), Some(origin.host()));
    assert_eq!(url.port(), origin.port());
    assert!(url.username().is_empty() && url.password().is_none());
    assert_eq!(url.path(), "/Integra/resources/auth/getUserToken");
});
