//! The reply parser on arbitrary bytes: it must never panic, and a token it accepts is
//! always non-empty printable ASCII that fits the C out-buffer.
#![no_main]

use libfuzzer_sys::fuzz_target;
use ucontact::reply::{parse, Reply};

fuzz_target!(|body: &[u8]| {
    if let Ok(Reply::Token(token)) = parse(body) {
        assert!(!token.is_empty());
        assert!(token.len() < ucontact::UCONTACT_TOKEN_BUFFER_SIZE);
        assert!(token.bytes().all(|b| b.is_ascii_graphic() && b != b'"' && b != b'\\'));
    }
});
