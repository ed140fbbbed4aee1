//! The login's request body: `user=…&password=…`, form-encoded.

use zeroize::Zeroizing;

/// Encodes the two fields as `application/x-www-form-urlencoded`, `user` first.
///
/// Every byte except ASCII letters, digits and `*-._` is percent-encoded, a space becomes
/// `+`, so `+ & = %` and any UTF-8 arrive as typed; `%41` is sent as `%2541`, never
/// decoded. The buffer is sized exactly before it is written, so no reallocation leaves a
/// copy of the password behind, and it is wiped when dropped.
pub fn login_body(user: &str, password: &str) -> Zeroizing<Vec<u8>> {
    const USER: &[u8] = b"user=";
    const PASSWORD: &[u8] = b"&password=";
    let len = USER.len() + encoded_len(user) + PASSWORD.len() + encoded_len(password);
    let mut body = Zeroizing::new(Vec::with_capacity(len));
    body.extend_from_slice(USER);
    encode_into(user, &mut body);
    body.extend_from_slice(PASSWORD);
    encode_into(password, &mut body);
    debug_assert_eq!(body.len(), len);
    body
}

fn is_unreserved(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'*' | b'-' | b'.' | b'_')
}

fn encoded_len(text: &str) -> usize {
    text.bytes().map(|b| if is_unreserved(b) || b == b' ' { 1 } else { 3 }).sum()
}

fn encode_into(text: &str, out: &mut Vec<u8>) {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    for b in text.bytes() {
        if is_unreserved(b) {
            out.push(b);
        } else if b == b' ' {
            out.push(b'+');
        } else {
            out.extend_from_slice(&[b'%', HEX[usize::from(b >> 4)], HEX[usize::from(b & 15)]]);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn body(user: &str, password: &str) -> String {
        String::from_utf8(login_body(user, password).to_vec()).unwrap()
    }

    #[test]
    fn keeps_plain_fields_as_they_are() {
        assert_eq!(body("demo", "s3cret"), "user=demo&password=s3cret");
        assert_eq!(body("a.b-c_d*", "X"), "user=a.b-c_d*&password=X");
    }

    #[test]
    fn encodes_form_delimiters_and_spaces() {
        assert_eq!(body("a b", "p&w=r+d%"), "user=a+b&password=p%26w%3Dr%2Bd%25");
    }

    #[test]
    fn sends_percent_sequences_as_typed() {
        assert_eq!(body("u", "%41%2B"), "user=u&password=%2541%252B");
    }

    #[test]
    fn encodes_quotes_and_non_ascii_as_utf8() {
        assert_eq!(body("josé", "\"'ñ€😀"), "user=jos%C3%A9&password=%22%27%C3%B1%E2%82%AC%F0%9F%98%80");
    }

    #[test]
    fn sizes_the_buffer_exactly() {
        let b = login_body("üser name", "pässword &=");
        assert_eq!(b.len(), b.capacity());
    }
}
