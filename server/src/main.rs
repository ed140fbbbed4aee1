//! `ucontact-server`: the local uContact-compatible login server as a program.
//!
//! Prints one JSON line when it listens, `{"url":…,"port":…,"ca_file":…}`, then serves
//! until it is killed (or, with `--exit-with-stdin`, until its standard input closes).

use std::io::{Read, Write};
use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

use ucontact_server::{Certificate, Config, Fault, Versions};

const USAGE: &str = "\
usage: ucontact-server [options]

Serves POST /Integra/resources/auth/getUserToken on loopback, as uContact does.

  --port N               port to listen on (default 0: a free one, printed)
  --bind ADDR            127.0.0.1 (default), ::1 or another loopback address
  --user NAME=PASSWORD   a user that logs in (repeatable; default demo=demo-password)
  --token NAME=TOKEN     the token NAME gets (default base64 of NAME:session-id)
  --tls DIR              serve HTTPS; the test CA is written to DIR/ca.pem
  --cert KIND            good (default), expired, wrong-name or untrusted
  --http1 | --http2      serve only that HTTP version (default both)
  --fault KIND           misbehave; KIND is one of
                           status:N  body:TEXT  array  huge:BYTES  delay:MS
                           redirect:CODE:LOCATION  silent  stall-body  trickle
                           drop  reset  close-idle:MS  goaway:MS
                           raw:BYTES (the whole reply, a literal \\r\\n as CR LF)
  --exit-with-stdin      exit when standard input closes
  --help                 this text

GET /__ucontact/requests returns every request received, as JSON.";

fn fail(message: &str) -> ! {
    eprintln!("ucontact-server: {message}\n\n{USAGE}");
    std::process::exit(2);
}

fn pair(value: &str, what: &str) -> (String, String) {
    match value.split_once('=') {
        Some((name, rest)) if !name.is_empty() => (name.to_owned(), rest.to_owned()),
        _ => fail(&format!("{what} takes NAME=VALUE")),
    }
}

fn number<T: std::str::FromStr>(text: &str, what: &str) -> T {
    text.parse().unwrap_or_else(|_| fail(&format!("{what} takes a number")))
}

fn fault(spec: &str) -> Fault {
    let (kind, arg) = spec.split_once(':').unwrap_or((spec, ""));
    match kind {
        "status" => Fault::Status(number(arg, "status")),
        "body" => Fault::Body(arg.as_bytes().to_vec()),
        "array" => Fault::Array,
        "huge" => Fault::Huge(number(arg, "huge")),
        "delay" => Fault::Delay(Duration::from_millis(number(arg, "delay"))),
        "redirect" => match arg.split_once(':') {
            Some((code, location)) => Fault::Redirect(number(code, "redirect"), location.to_owned()),
            None => fail("redirect takes CODE:LOCATION"),
        },
        "silent" => Fault::Silent,
        "stall-body" => Fault::StallBody,
        "trickle" => Fault::Trickle,
        "drop" => Fault::Drop,
        "reset" => Fault::Reset,
        "close-idle" => Fault::CloseIdle(Duration::from_millis(number(arg, "close-idle"))),
        "goaway" => Fault::GoAway(Duration::from_millis(number(arg, "goaway"))),
        "raw" => Fault::RawReply(arg.replace("\\r\\n", "\r\n").into_bytes()),
        _ => fail(&format!("unknown fault {kind:?}")),
    }
}

fn main() {
    let mut config = Config::default();
    let mut users = Vec::new();
    let mut port = 0u16;
    let mut bind = config.bind.ip();
    let mut exit_with_stdin = false;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut value = || args.next().unwrap_or_else(|| fail(&format!("{arg} needs a value")));
        match arg.as_str() {
            "--port" => port = number(&value(), "--port"),
            "--bind" => bind = number(&value(), "--bind"),
            "--user" => users.push(pair(&value(), "--user")),
            "--token" => config.tokens.push(pair(&value(), "--token")),
            "--tls" => config.tls_dir = Some(PathBuf::from(value())),
            "--cert" => {
                config.certificate = match value().as_str() {
                    "good" => Certificate::Good,
                    "expired" => Certificate::Expired,
                    "wrong-name" => Certificate::WrongName,
                    "untrusted" => Certificate::Untrusted,
                    other => fail(&format!("unknown certificate kind {other:?}")),
                }
            }
            "--http1" => config.versions = Versions::Http1,
            "--http2" => config.versions = Versions::Http2,
            "--fault" => config.fault = fault(&value()),
            "--exit-with-stdin" => exit_with_stdin = true,
            "--help" | "-h" => {
                println!("{USAGE}");
                return;
            }
            other => fail(&format!("unknown option {other:?}")),
        }
    }
    if !users.is_empty() {
        config.users = users;
    }
    config.bind = SocketAddr::new(bind, port);

    let server = ucontact_server::start(config).unwrap_or_else(|e| fail(&format!("cannot start: {e}")));
    let ca_file = server.ca_file().map(|p| p.display().to_string());
    let line = serde_json::json!({ "url": server.origin(), "port": server.addr().port(), "ca_file": ca_file });
    let mut stdout = std::io::stdout();
    let _ = writeln!(stdout, "{line}");
    let _ = stdout.flush();

    if exit_with_stdin {
        let mut sink = [0u8; 256];
        let mut stdin = std::io::stdin();
        while matches!(stdin.read(&mut sink), Ok(n) if n > 0) {}
    } else {
        loop {
            std::thread::park();
        }
    }
    drop(server);
}
