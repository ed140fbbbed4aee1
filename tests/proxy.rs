//! Proxies: from the environment by default, none with "", or one given. A binary of its
//! own since it sets HTTPS_PROXY for the whole process.

mod common;

use std::ffi::CString;

use common::*;
use ucontact::ffi::*;

fn set_proxy(client: &CClient, url: Option<&str>) -> i32 {
    let url = url.map(|u| CString::new(u).unwrap());
    unsafe { ucontact_client_set_proxy(client.0, url.as_ref().map_or(std::ptr::null(), |u| u.as_ptr())) }
}

#[test]
fn proxy_settings() {
    let server = tls("proxy", Certificate::Good);
    let dead_proxy = format!("http://127.0.0.1:{}", closed_port());
    std::env::set_var("HTTPS_PROXY", &dead_proxy);
    std::env::remove_var("NO_PROXY");
    std::env::remove_var("no_proxy");

    // From the environment (the default): a loopback origin is reached directly, since a
    // proxy would reach its own loopback. (That a remote origin goes through
    // HTTPS_PROXY cannot be shown here without a remote host.)
    let client = CClient::new(&server.origin()).timeouts(500, 1000).ca_file(server.ca_file().unwrap());
    assert_eq!(client.login(DEMO_USER, DEMO_PASSWORD), (UCONTACT_OK, DEMO_TOKEN.to_owned()));

    // An explicit proxy is used, loopback or not: on a closed port it fails to connect.
    assert_eq!(set_proxy(&client, Some(&dead_proxy)), UCONTACT_OK);
    assert_eq!(client.login(DEMO_USER, DEMO_PASSWORD).0, UCONTACT_ERR_CONNECT);
    assert!(last_error().starts_with("could not connect to localhost:"), "{}", last_error());

    // "" uses none.
    assert_eq!(set_proxy(&client, Some("")), UCONTACT_OK);
    assert_eq!(client.login(DEMO_USER, DEMO_PASSWORD), (UCONTACT_OK, DEMO_TOKEN.to_owned()));
    assert_eq!(set_proxy(&client, Some(&dead_proxy)), UCONTACT_OK);

    // Plain-HTTP loopback origins never use a proxy, even from the environment.
    std::env::set_var("HTTP_PROXY", &dead_proxy);
    std::env::set_var("ALL_PROXY", &dead_proxy);
    let local = plain();
    assert_eq!(CClient::new(&local.origin()).login(DEMO_USER, DEMO_PASSWORD).1, DEMO_TOKEN);
    assert_eq!(c_login(&local.origin(), DEMO_USER, DEMO_PASSWORD).1, DEMO_TOKEN);

    // Unusable proxy URLs are refused when set, and the setting is unchanged.
    for bad in ["127.0.0.1:3128", "ftp://proxy", "http://", "http://proxy/path", "http://pro xy"] {
        assert_eq!(set_proxy(&client, Some(bad)), UCONTACT_ERR_INVALID_PROXY, "{bad:?}");
    }
    assert_eq!(client.login(DEMO_USER, DEMO_PASSWORD).0, UCONTACT_ERR_CONNECT);
}
