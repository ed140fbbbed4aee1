//! Writes `include/ucontact.h` from the crate's exported items and doc comments, and keeps
//! the test-only panic switch out of release builds.

use std::env;
use std::fs;
use std::path::PathBuf;

fn main() {
    println!("cargo:rerun-if-changed=src");
    println!("cargo:rerun-if-changed=cbindgen.toml");
    println!("cargo:rerun-if-env-changed=UCONTACT_SKIP_HEADER");

    if env::var_os("CARGO_FEATURE_TEST_PANIC").is_some() && env::var("PROFILE").as_deref() == Ok("release") {
        panic!("the test-panic feature is for tests only and cannot be built in release mode");
    }

    // The library may be unloaded with dlclose() and loaded again; thread-local
    // destructors and runtime timers of an unloaded copy would then point at unmapped
    // code. Marking it non-deletable makes dlclose() keep it mapped.
    if env::var("CARGO_CFG_TARGET_OS").as_deref() == Ok("linux") {
        println!("cargo:rustc-cdylib-link-arg=-Wl,-z,nodelete");
        println!("cargo:rustc-cdylib-link-arg=-Wl,-soname,libucontact.so.{}", env::var("CARGO_PKG_VERSION_MAJOR").unwrap());
    }

    let crate_dir = PathBuf::from(env::var("CARGO_MANIFEST_DIR").expect("set by cargo"));
    let config = cbindgen::Config::from_file(crate_dir.join("cbindgen.toml")).expect("cbindgen.toml is valid");
    let header = match cbindgen::Builder::new().with_crate(&crate_dir).with_config(config).generate() {
        Ok(bindings) => {
            let mut text = Vec::new();
            bindings.write(&mut text);
            text
        }
        // A syntax error in the sources is reported by rustc itself, better than here.
        Err(e) => {
            println!("cargo:warning=cbindgen could not generate the header: {e}");
            return;
        }
    };
    let out = PathBuf::from(env::var("OUT_DIR").expect("set by cargo")).join("ucontact.h");
    fs::write(&out, &header).expect("OUT_DIR is writable");
    if env::var_os("UCONTACT_SKIP_HEADER").is_none() {
        let committed = crate_dir.join("include").join("ucontact.h");
        if fs::read(&committed).ok().as_deref() != Some(&header[..]) {
            fs::create_dir_all(committed.parent().unwrap()).expect("include/ is writable");
            fs::write(&committed, &header).expect("include/ucontact.h is writable");
        }
    }
}
