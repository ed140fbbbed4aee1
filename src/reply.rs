//! Reading the server's reply to a login.
//!
//! The documented reply is JSON: a string holding the token, or on older servers an
//! array whose last element is the token; `"0"` or `0` means the login was refused.
//! Anything else is refused here rather than guessed at, since the token is later sent
//! as `Authorization: Basic <token>` and must be exactly what the server meant.

use zeroize::Zeroizing;

use crate::{UCONTACT_MAX_RESPONSE_BYTES, UCONTACT_TOKEN_BUFFER_SIZE};

/// The longest token accepted, in bytes.
pub const MAX_TOKEN_LEN: usize = UCONTACT_TOKEN_BUFFER_SIZE as usize - 1;

/// How deeply arrays and objects may nest before the reply is refused.
const MAX_DEPTH: usize = 32;

/// What a reply says.
#[derive(Debug, PartialEq, Eq)]
pub enum Reply {
    /// The login succeeded; this is the token.
    Token(Zeroizing<String>),
    /// The server answered `"0"` or `0`.
    Rejected,
}

/// Why a reply could not be read. The texts are safe to show: they never quote the body.
#[derive(Debug, PartialEq, Eq)]
pub struct Malformed(pub &'static str);

/// Reads a whole reply body.
pub fn parse(body: &[u8]) -> Result<Reply, Malformed> {
    if body.len() > UCONTACT_MAX_RESPONSE_BYTES as usize {
        return Err(Malformed("the reply is larger than UCONTACT_MAX_RESPONSE_BYTES"));
    }
    let body = body.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(body);
    let mut parser = Parser { text: body, at: 0 };
    parser.skip_space();
    let value = parser.value(0)?;
    parser.skip_space();
    if parser.at != body.len() {
        return Err(Malformed("the reply has data after its JSON value"));
    }
    match value {
        Value::Array(Some(last)) => read_answer(*last),
        Value::Array(None) => Err(Malformed("the reply is an empty JSON array")),
        other => read_answer(other),
    }
}

fn read_answer(value: Value) -> Result<Reply, Malformed> {
    match value {
        Value::String(text) if text.as_str() == "0" => Ok(Reply::Rejected),
        Value::String(text) => {
            check_token68(&text)?;
            Ok(Reply::Token(text))
        }
        Value::Zero => Ok(Reply::Rejected),
        _ => Err(Malformed("the reply is neither a JSON string nor an array ending in one")),
    }
}

/// RFC 7235 token68: `1*( ALPHA / DIGIT / "-" / "." / "_" / "~" / "+" / "/" ) *"="`.
fn check_token68(token: &str) -> Result<(), Malformed> {
    if token.is_empty() {
        return Err(Malformed("the token is empty"));
    }
    if token.len() > MAX_TOKEN_LEN {
        return Err(Malformed("the token is longer than UCONTACT_TOKEN_BUFFER_SIZE - 1 bytes"));
    }
    let body = token.trim_end_matches('=');
    let allowed = |b: u8| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~' | b'+' | b'/');
    if body.is_empty() || !body.bytes().all(allowed) {
        return Err(Malformed("the token holds characters outside HTTP's token68 syntax"));
    }
    Ok(())
}

/// The parts of a JSON value that matter here; the rest is checked and dropped.
enum Value {
    String(Zeroizing<String>),
    Zero,
    /// The array's last element, if it has one.
    Array(Option<Box<Value>>),
    Other,
}

struct Parser<'a> {
    text: &'a [u8],
    at: usize,
}

impl Parser<'_> {
    fn peek(&self) -> Option<u8> {
        self.text.get(self.at).copied()
    }

    fn skip_space(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.at += 1;
        }
    }

    fn expect(&mut self, what: &'static [u8]) -> Result<(), Malformed> {
        if self.text[self.at..].starts_with(what) {
            self.at += what.len();
            Ok(())
        } else {
            Err(Malformed("the reply is not valid JSON"))
        }
    }

    fn value(&mut self, depth: usize) -> Result<Value, Malformed> {
        if depth > MAX_DEPTH {
            return Err(Malformed("the reply nests JSON more deeply than 32 levels"));
        }
        match self.peek() {
            Some(b'"') => Ok(Value::String(self.string()?)),
            Some(b'[') => self.array(depth),
            Some(b'{') => self.object(depth),
            Some(b't') => self.expect(b"true").map(|()| Value::Other),
            Some(b'f') => self.expect(b"false").map(|()| Value::Other),
            Some(b'n') => self.expect(b"null").map(|()| Value::Other),
            Some(b'-' | b'0'..=b'9') => self.number(),
            None => Err(Malformed("the reply is empty")),
            Some(_) => Err(Malformed("the reply is not valid JSON")),
        }
    }

    fn array(&mut self, depth: usize) -> Result<Value, Malformed> {
        self.at += 1;
        self.skip_space();
        if self.peek() == Some(b']') {
            self.at += 1;
            return Ok(Value::Array(None));
        }
        loop {
            self.skip_space();
            let item = self.value(depth + 1)?;
            self.skip_space();
            match self.peek() {
                Some(b',') => self.at += 1,
                Some(b']') => {
                    self.at += 1;
                    return Ok(Value::Array(Some(Box::new(item))));
                }
                _ => return Err(Malformed("the reply is not valid JSON")),
            }
        }
    }

    fn object(&mut self, depth: usize) -> Result<Value, Malformed> {
        self.at += 1;
        self.skip_space();
        if self.peek() == Some(b'}') {
            self.at += 1;
            return Ok(Value::Other);
        }
        loop {
            self.skip_space();
            if self.peek() != Some(b'"') {
                return Err(Malformed("the reply is not valid JSON"));
            }
            self.string()?;
            self.skip_space();
            self.expect(b":")?;
            self.skip_space();
            self.value(depth + 1)?;
            self.skip_space();
            match self.peek() {
                Some(b',') => self.at += 1,
                Some(b'}') => {
                    self.at += 1;
                    return Ok(Value::Other);
                }
                _ => return Err(Malformed("the reply is not valid JSON")),
            }
        }
    }

    fn number(&mut self) -> Result<Value, Malformed> {
        let start = self.at;
        let bad = Malformed("the reply holds a malformed JSON number");
        if self.peek() == Some(b'-') {
            self.at += 1;
        }
        match self.peek() {
            Some(b'0') => self.at += 1,
            Some(b'1'..=b'9') => self.digits(),
            _ => return Err(bad),
        }
        if self.peek() == Some(b'.') {
            self.at += 1;
            if !matches!(self.peek(), Some(b'0'..=b'9')) {
                return Err(bad);
            }
            self.digits();
        }
        if matches!(self.peek(), Some(b'e' | b'E')) {
            self.at += 1;
            if matches!(self.peek(), Some(b'+' | b'-')) {
                self.at += 1;
            }
            if !matches!(self.peek(), Some(b'0'..=b'9')) {
                return Err(bad);
            }
            self.digits();
        }
        Ok(if &self.text[start..self.at] == b"0" { Value::Zero } else { Value::Other })
    }

    fn digits(&mut self) {
        while matches!(self.peek(), Some(b'0'..=b'9')) {
            self.at += 1;
        }
    }

    fn string(&mut self) -> Result<Zeroizing<String>, Malformed> {
        self.at += 1;
        let mut out = Zeroizing::new(Vec::new());
        loop {
            let b = self.peek().ok_or(Malformed("the reply ends inside a JSON string"))?;
            self.at += 1;
            match b {
                b'"' => break,
                b'\\' => self.escape(&mut out)?,
                0x00..=0x1F => return Err(Malformed("the reply has a control character in a string")),
                _ => out.push(b),
            }
        }
        // The bytes were copied as they came, so check them as a whole once; a failure
        // keeps `out`, which is wiped on drop.
        match std::str::from_utf8(&out) {
            Ok(_) => Ok(Zeroizing::new(String::from_utf8(std::mem::take(&mut *out)).unwrap_or_default())),
            Err(_) => Err(Malformed("the reply has a string that is not valid UTF-8")),
        }
    }

    fn escape(&mut self, out: &mut Vec<u8>) -> Result<(), Malformed> {
        let b = self.peek().ok_or(Malformed("the reply ends inside a JSON escape"))?;
        self.at += 1;
        let simple = match b {
            b'"' => b'"',
            b'\\' => b'\\',
            b'/' => b'/',
            b'b' => 0x08,
            b'f' => 0x0C,
            b'n' => b'\n',
            b'r' => b'\r',
            b't' => b'\t',
            b'u' => {
                let c = self.unicode_escape()?;
                let mut utf8 = [0u8; 4];
                out.extend_from_slice(c.encode_utf8(&mut utf8).as_bytes());
                return Ok(());
            }
            _ => return Err(Malformed("the reply has an unknown JSON escape")),
        };
        out.push(simple);
        Ok(())
    }

    fn hex4(&mut self) -> Result<u32, Malformed> {
        let digits = self
            .text
            .get(self.at..self.at + 4)
            .ok_or(Malformed("the reply has a truncated \\u escape"))?;
        let mut value = 0;
        for &d in digits {
            let v = (d as char).to_digit(16).ok_or(Malformed("the reply has a malformed \\u escape"))?;
            value = value * 16 + v;
        }
        self.at += 4;
        Ok(value)
    }

    fn unicode_escape(&mut self) -> Result<char, Malformed> {
        let lone = Malformed("the reply has a lone UTF-16 surrogate in a \\u escape");
        let first = self.hex4()?;
        let code = match first {
            0xD800..=0xDBFF => {
                if !self.text[self.at..].starts_with(b"\\u") {
                    return Err(lone);
                }
                self.at += 2;
                let second = self.hex4()?;
                if !(0xDC00..=0xDFFF).contains(&second) {
                    return Err(lone);
                }
                0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00)
            }
            0xDC00..=0xDFFF => return Err(lone),
            _ => first,
        };
        char::from_u32(code).ok_or(lone)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TOKEN: &str = "ZGVtbzowYjZmMmM5ZS00ZDFhLTRmN2UtOWMzYi01YThkN2U2ZjFhMjA=";

    fn token(body: &str) -> String {
        match parse(body.as_bytes()) {
            Ok(Reply::Token(t)) => t.to_string(),
            other => panic!("{body:?} gave {other:?}"),
        }
    }

    fn malformed(body: &[u8]) -> &'static str {
        match parse(body) {
            Err(Malformed(why)) => why,
            other => panic!("{:?} gave {other:?}", String::from_utf8_lossy(body)),
        }
    }

    #[test]
    fn reads_a_json_string() {
        assert_eq!(token(&format!("\"{TOKEN}\"")), TOKEN);
        assert_eq!(token("\"QWRtaW46OTgz\""), "QWRtaW46OTgz");
        assert_eq!(token("\"a+b/c-d.e_f~g==\""), "a+b/c-d.e_f~g==");
    }

    #[test]
    fn reads_the_last_element_of_an_array() {
        assert_eq!(token("[\"x\", 1, {\"a\": [true, null]}, \"tok\"]"), "tok");
        assert_eq!(token("[\"tok\"]"), "tok");
        assert_eq!(token("[ [1,2] , \"tok\" ]"), "tok");
    }

    #[test]
    fn decodes_json_escapes() {
        assert_eq!(token("\"YWJj\\u003d\\u003D\""), "YWJj==");
        assert_eq!(token("\"a\\/b\""), "a/b");
        assert_eq!(token("\"\\u0041\\u0062\""), "Ab");
    }

    #[test]
    fn accepts_bom_and_surrounding_white_space() {
        assert_eq!(token("\u{feff}\"tok\""), "tok");
        assert_eq!(token(" \r\n\t\"tok\"\n"), "tok");
        assert_eq!(token("\u{feff}  [\"tok\"]  "), "tok");
    }

    #[test]
    fn reads_zero_as_a_rejected_login() {
        for body in ["\"0\"", "0", " 0\n", "[\"0\"]", "[\"x\", 0]", "\u{feff}\"0\""] {
            assert_eq!(parse(body.as_bytes()), Ok(Reply::Rejected), "{body:?}");
        }
    }

    #[test]
    fn refuses_other_json_values() {
        for body in ["1", "-0", "0.0", "0e0", "true", "null", "{}", "{\"token\":\"x\"}", "[]", "[1]", "[\"x\", {}]"] {
            malformed(body.as_bytes());
        }
    }

    #[test]
    fn refuses_tokens_outside_token68() {
        for body in [
            "\"\"",
            "\"a b\"",
            "\"a\\\"b\"",
            "\"a\\u0000b\"",
            "\"é\"",
            "\"a=b\"",
            "\"===\"",
            "\"a,b\"",
            "\"a\\nb\"",
            "\"tok\\u00e9\"",
        ] {
            assert!(malformed(body.as_bytes()).contains("token"), "{body:?}");
        }
    }

    #[test]
    fn refuses_broken_json() {
        for body in [
            "",
            "   ",
            "\"tok",
            "\"tok\\",
            "\"tok\\u00\"",
            "\"tok\\u12",
            "\"tok\\x41\"",
            "\"tok\" x",
            "\"tok\"\"tok\"",
            "tok",
            "[\"tok\"",
            "[\"tok\",]",
            "[,\"tok\"]",
            "{\"a\" 1}",
            "\"\\ud800\"",
            "\"\\udc00\"",
            "\"\\ud800\\u0041\"",
            "01",
            "-",
            "1.",
            "1e",
            "\"a\tb\"",
            "\u{feff}\u{feff}\"tok\"",
        ] {
            malformed(body.as_bytes());
        }
        malformed(b"\"\xff\xfe\"");
        malformed(b"\"\xc3\"");
    }

    #[test]
    fn refuses_deep_nesting_without_overflowing_the_stack() {
        let deep = format!("{}\"tok\"{}", "[".repeat(100_000), "]".repeat(100_000));
        assert!(malformed(&deep.as_bytes()[..UCONTACT_MAX_RESPONSE_BYTES as usize]).contains("deeply"));
        let ok = format!("[{}1{}, \"tok\"]", "[".repeat(31), "]".repeat(31));
        assert_eq!(token(&ok), "tok");
    }

    #[test]
    fn enforces_the_size_limits() {
        let longest = "a".repeat(MAX_TOKEN_LEN);
        assert_eq!(token(&format!("\"{longest}\"")), longest);
        let too_long = format!("\"{longest}a\"");
        assert!(malformed(too_long.as_bytes()).contains("longer"));
        let mut huge = vec![b' '; UCONTACT_MAX_RESPONSE_BYTES as usize];
        huge.extend_from_slice(b"\"tok\"");
        assert!(malformed(&huge).contains("larger"));
    }
}
