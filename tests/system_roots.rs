//! The one-call function trusts the system's store, which honours SSL_CERT_FILE and
//! SSL_CERT_DIR as OpenSSL does. A binary of its own: the variables are read once per
//! process, when the first HTTPS login loads the store.

mod common;

use common::*;
use ucontact::ffi::*;

#[test]
fn ssl_cert_file_is_honoured() {
    let server = tls("ssl-cert-file", Certificate::Good);
    std::env::set_var("SSL_CERT_FILE", server.ca_file().unwrap());
    std::env::remove_var("SSL_CERT_DIR");
    assert_eq!(c_login(&server.origin(), DEMO_USER, DEMO_PASSWORD), (UCONTACT_OK, DEMO_TOKEN.to_owned()));
    // A server whose CA is not in that file is refused.
    let stranger = tls("ssl-cert-file-stranger", Certificate::Good);
    assert_eq!(c_login(&stranger.origin(), DEMO_USER, DEMO_PASSWORD).0, UCONTACT_ERR_TLS);
    assert!(stranger.requests().is_empty());
    an_ssl_cert_file_that_is_not_a_file_fails_tls_at_once();
}

/// Called at the end of the test above: the variables are process-wide, so the two must
/// not run side by side.
fn an_ssl_cert_file_that_is_not_a_file_fails_tls_at_once() {
    // A client of its own: the shared one has loaded the store already.
    let server = tls("ssl-cert-file-device", Certificate::Good);
    std::env::set_var("SSL_CERT_FILE", "/dev/zero");
    let client = CClient::new(&server.origin()).timeouts(500, 1000);
    assert_eq!(client.login(DEMO_USER, DEMO_PASSWORD).0, UCONTACT_ERR_TLS);
    assert_eq!(last_error(), "SSL_CERT_FILE names /dev/zero, which is not a regular file");
}
