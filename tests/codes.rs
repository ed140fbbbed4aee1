//! The result codes are a contract: a golden file lists every value, name and message, and
//! the header must define exactly those values.

use std::ffi::CStr;

use ucontact::error::ALL_CODES;
use ucontact::ffi::ucontact_strerror;

fn golden_text() -> String {
    let mut text = String::new();
    for &(code, name) in ALL_CODES {
        let message = unsafe { CStr::from_ptr(ucontact_strerror(code)) }.to_str().unwrap();
        text.push_str(&format!("{code}\t{name}\t{message}\n"));
    }
    text
}

#[test]
fn codes_and_messages_match_the_golden_file() {
    let golden = include_str!("golden/codes.tsv");
    assert_eq!(
        golden_text(),
        golden,
        "a code or message changed. Released values never change; if this is a new code or a \
         reworded message, update tests/golden/codes.tsv (and the README's error table)"
    );
}

#[test]
fn the_header_defines_exactly_these_codes() {
    let header = include_str!("../include/ucontact.h");
    let mut defined: Vec<(i32, String)> = header
        .lines()
        .filter_map(|line| line.strip_prefix("#define "))
        .filter_map(|rest| rest.split_once(' '))
        .filter(|(name, _)| *name == "UCONTACT_OK" || name.starts_with("UCONTACT_ERR_"))
        .map(|(name, value)| (value.trim().parse().expect("a plain integer"), name.to_owned()))
        .collect();
    defined.sort();
    let expected: Vec<(i32, String)> = ALL_CODES.iter().map(|&(c, n)| (c, n.to_owned())).collect();
    assert_eq!(defined, expected, "include/ucontact.h and src/error.rs disagree: rebuild and commit the header");
}

#[test]
fn the_readme_error_table_lists_every_code() {
    let readme = include_str!("../README.md");
    for &(code, name) in ALL_CODES {
        let row = format!("| {code} | `{name}` |");
        assert!(readme.contains(&row), "README.md's error table lacks the row starting {row:?}");
    }
}
