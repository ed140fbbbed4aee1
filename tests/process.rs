//! Process-level behaviour: fork, a caller inside a tokio runtime, panics at the boundary.
//! Kept in one test binary of its own because fork() wants few threads around.

mod common;

use common::*;
use ucontact::ffi::*;

#[test]
fn a_forked_child_opens_its_own_connection() {
    let server = plain();
    let origin = server.origin();
    assert_eq!(c_login(&origin, DEMO_USER, DEMO_PASSWORD).1, DEMO_TOKEN);
    let pid = unsafe { libc::fork() };
    assert!(pid >= 0, "fork failed");
    if pid == 0 {
        // The child: exit 0 only for the exact token; never unwind into the test harness.
        let ok = std::panic::catch_unwind(|| c_login(&origin, DEMO_USER, DEMO_PASSWORD))
            .map(|result| result == (UCONTACT_OK, DEMO_TOKEN.to_owned()))
            .unwrap_or(false);
        unsafe { libc::_exit(if ok { 0 } else { 1 }) };
    }
    let mut status = 0;
    assert_eq!(unsafe { libc::waitpid(pid, &mut status, 0) }, pid);
    assert!(libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 0, "child status {status}");
    // The parent's pooled connection still works, and the child used a new one.
    assert_eq!(c_login(&server.origin(), DEMO_USER, DEMO_PASSWORD).1, DEMO_TOKEN);
    assert_eq!(server.connections(), 2);
}

#[test]
fn a_caller_inside_a_tokio_runtime_gets_its_token() {
    let server = plain();
    let origin = server.origin();
    for runtime in [
        tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap(),
        tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap(),
    ] {
        let token = runtime.block_on(async { ucontact::get_user_token(&origin, DEMO_USER, DEMO_PASSWORD) });
        assert_eq!(token.unwrap().as_str(), DEMO_TOKEN);
        let inside_task = runtime.block_on(async {
            let origin = origin.clone();
            tokio::spawn(async move { c_login(&origin, DEMO_USER, DEMO_PASSWORD) }).await.unwrap()
        });
        assert_eq!(inside_task, (UCONTACT_OK, DEMO_TOKEN.to_owned()));
        // A client made and freed inside the runtime: its own runtime is shut down safely.
        let freed = runtime.block_on(async {
            let client = CClient::new(&origin);
            let result = client.login(DEMO_USER, DEMO_PASSWORD);
            drop(client);
            result
        });
        assert_eq!(freed, (UCONTACT_OK, DEMO_TOKEN.to_owned()));
    }
}

#[cfg(feature = "test-panic")]
#[test]
fn a_panic_becomes_internal_and_the_next_call_works() {
    let server = plain();
    let (code, out) = c_login(&server.origin(), "__ucontact_test_panic__", "pw");
    assert_eq!((code, out.as_str()), (UCONTACT_ERR_INTERNAL, ""));
    let message = last_error();
    assert!(message.starts_with("internal error: the library panicked at src/client.rs:"), "{message}");
    assert!(!message.contains("pw"), "{message}");
    assert_eq!(c_login(&server.origin(), DEMO_USER, DEMO_PASSWORD), (UCONTACT_OK, DEMO_TOKEN.to_owned()));
}
