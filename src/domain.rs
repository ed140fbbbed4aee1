//! Turning the caller's `domain` argument into the one origin a login may go to.
//!
//! This is pure string work: it runs before any network code, so a refused domain never
//! causes a DNS look-up or a connection.

use std::net::{Ipv4Addr, Ipv6Addr};

use crate::error::{Error, UCONTACT_ERR_INVALID_DOMAIN};

/// The suffix a bare instance name is completed with.
pub const CLOUD_SUFFIX: &str = ".ucontactcloud.com";

/// The path of the login endpoint on every origin.
pub const LOGIN_PATH: &str = "/Integra/resources/auth/getUserToken";

const MAX_HOST_LEN: usize = 253;
const MAX_LABEL_LEN: usize = 63;

/// Where a login goes: the scheme, host and port of one server.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Origin {
    https: bool,
    /// Lower-case; an IPv6 address keeps its brackets, as in a URL.
    host: String,
    port: Option<u16>,
    loopback: bool,
}

impl Origin {
    /// Parses one of the accepted forms (see the crate docs and the README):
    /// an instance name, a host name with dots, or an `https://host[:port]` origin
    /// (`http://` only for loopback hosts), with at most a lone trailing `/`.
    pub fn parse(domain: &str) -> Result<Origin, Error> {
        let origin = Origin::parse_form(domain)?;
        // The checks above are meant to accept only hosts that the URL parser reads the
        // same way; confirm it, so that no disagreement can send a login elsewhere.
        match reqwest::Url::parse(&origin.login_url()) {
            Ok(url) if reads_as(&url, &origin) => {
                // Keep the parser's spelling (it writes IPv6 in its own canonical form).
                let host = url.host_str().unwrap_or_default().to_owned();
                Ok(Origin { host, ..origin })
            }
            _ => Err(invalid(domain, "the host name is not valid in a URL")),
        }
    }

    fn parse_form(domain: &str) -> Result<Origin, Error> {
        let refuse = |why: &str| Err(invalid(domain, why));
        if domain.is_empty() {
            return refuse("it is empty");
        }
        match domain.find("://") {
            Some(at) => {
                let scheme = &domain[..at];
                let rest = &domain[at + 3..];
                let https = if scheme.eq_ignore_ascii_case("https") {
                    true
                } else if scheme.eq_ignore_ascii_case("http") {
                    false
                } else {
                    return refuse("only https:// (or http:// to a loopback host) is accepted");
                };
                let authority = rest.strip_suffix('/').unwrap_or(rest);
                let origin = parse_authority(authority).map_err(|why| invalid(domain, why))?;
                if !https && !origin.loopback {
                    return refuse("plain http:// is accepted only for loopback hosts");
                }
                // The scheme's own port is no port at all, as URL parsers have it.
                let default_port = if https { 443 } else { 80 };
                let port = origin.port.filter(|&p| p != default_port);
                Ok(Origin { https, port, ..origin })
            }
            None => {
                if domain.contains(':') {
                    return refuse("a port is accepted only in the origin form, as in https://host:port");
                }
                if domain.contains('.') {
                    let host = parse_host_name(domain).map_err(|why| invalid(domain, why))?;
                    Ok(Origin::https(host, None))
                } else {
                    check_label(domain).map_err(|why| invalid(domain, why))?;
                    Ok(Origin::https(format!("{}{CLOUD_SUFFIX}", domain.to_ascii_lowercase()), None))
                }
            }
        }
    }

    fn https(host: String, port: Option<u16>) -> Origin {
        let loopback = is_loopback_host(&host);
        Origin { https: true, host, port, loopback }
    }

    /// True for `https://`.
    pub fn is_https(&self) -> bool {
        self.https
    }

    /// True when the host is `localhost`, in 127.0.0.0/8, or `::1`.
    pub fn is_loopback(&self) -> bool {
        self.loopback
    }

    /// The host as written in a URL (IPv6 in brackets).
    pub fn host(&self) -> &str {
        &self.host
    }

    /// The explicit port, if the domain named one.
    pub fn port(&self) -> Option<u16> {
        self.port
    }

    /// `https://host[:port]`.
    pub fn url(&self) -> String {
        let scheme = if self.https { "https" } else { "http" };
        match self.port {
            Some(port) => format!("{scheme}://{}:{port}", self.host),
            None => format!("{scheme}://{}", self.host),
        }
    }

    /// The full URL of the login endpoint.
    pub fn login_url(&self) -> String {
        format!("{}{LOGIN_PATH}", self.url())
    }

    /// `host:port` with the scheme's default port filled in, for messages.
    pub fn authority(&self) -> String {
        let port = self.port.unwrap_or(if self.https { 443 } else { 80 });
        format!("{}:{port}", self.host)
    }
}

/// The refused domain is not repeated in the message: a caller who swapped the arguments,
/// or wrote `https://user:password@host`, would otherwise see a password in a log.
/// Whether the URL parser's reading of a login URL has the origin's host and port. IPv6
/// addresses are compared as addresses: the two write `::ffff:127.0.0.1` differently.
fn reads_as(url: &reqwest::Url, origin: &Origin) -> bool {
    let same_host = match url.host() {
        Some(url::Host::Ipv6(addr)) => origin.host.strip_prefix('[').and_then(|h| h.strip_suffix(']')).and_then(|h| h.parse().ok()) == Some(addr),
        Some(_) => url.host_str() == Some(origin.host.as_str()),
        None => false,
    };
    same_host && url.port() == origin.port
}

fn invalid(_domain: &str, why: &str) -> Error {
    Error::new(UCONTACT_ERR_INVALID_DOMAIN, format!("invalid domain: {why}"))
}

/// `host[:port]` of an origin URL.
fn parse_authority(authority: &str) -> Result<Origin, &'static str> {
    if authority.is_empty() {
        return Err("the URL has no host");
    }
    if authority.contains('@') {
        return Err("user information is not accepted in the URL");
    }
    if authority.contains(['/', '?', '#']) {
        return Err("only an origin is accepted: no path, query or fragment");
    }
    if authority.contains('%') {
        return Err("percent-escapes are not accepted");
    }
    if authority.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err("it contains white space or control characters");
    }
    let (host, port) = if let Some(rest) = authority.strip_prefix('[') {
        let end = rest.find(']').ok_or("an IPv6 address lacks its closing ]")?;
        let addr: Ipv6Addr = rest[..end].parse().map_err(|_| "not a valid IPv6 address")?;
        if addr.is_unspecified() || addr.is_multicast() {
            return Err("not the address of one host");
        }
        let after = &rest[end + 1..];
        let port = match after {
            "" => None,
            _ => Some(parse_port(after.strip_prefix(':').ok_or("junk after the IPv6 address")?)?),
        };
        let host = format!("[{addr}]");
        let loopback = addr.is_loopback();
        return Ok(Origin { https: true, host, port, loopback });
    } else {
        match authority.rsplit_once(':') {
            Some((host, port)) => (host, Some(parse_port(port)?)),
            None => (authority, None),
        }
    };
    Ok(Origin::https(parse_host_name(host)?, port))
}

fn parse_port(text: &str) -> Result<u16, &'static str> {
    if text.is_empty() || text.len() > 5 || !text.bytes().all(|b| b.is_ascii_digit()) {
        return Err("the port must be a number from 1 to 65535");
    }
    match text.parse::<u16>() {
        Ok(0) | Err(_) => Err("the port must be a number from 1 to 65535"),
        Ok(port) => Ok(port),
    }
}

/// A host name (one label or several), or a dotted-quad IPv4 address. URL parsers read any host whose
/// last label is numeric as an IPv4 address (`127.1`, `0x7f.1`), so such a host is
/// accepted only in the canonical four-part form, where both readings agree.
fn parse_host_name(host: &str) -> Result<String, &'static str> {
    if host.len() > MAX_HOST_LEN {
        return Err("the host name is longer than 253 characters");
    }
    let labels: Vec<&str> = host.split('.').collect();
    let last = labels.last().copied().unwrap_or("");
    let numeric_last = !last.is_empty()
        && (last.bytes().all(|b| b.is_ascii_digit())
            || last.get(..2).is_some_and(|p| p.eq_ignore_ascii_case("0x")));
    if numeric_last {
        let addr: Ipv4Addr = host.parse().map_err(|_| "not a valid dotted-quad IPv4 address")?;
        if addr.is_unspecified() || addr.is_broadcast() || addr.is_multicast() {
            return Err("not the address of one host");
        }
        return Ok(addr.to_string());
    }
    for label in labels {
        check_label(label)?;
    }
    Ok(host.to_ascii_lowercase())
}

/// One DNS label: 1 to 63 ASCII letters, digits and inner hyphens.
fn check_label(label: &str) -> Result<(), &'static str> {
    if label.is_empty() {
        return Err("a host name label is empty");
    }
    if label.len() > MAX_LABEL_LEN {
        return Err("a host name label is longer than 63 characters");
    }
    if !label.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-') {
        return Err("a host name may hold only ASCII letters, digits, hyphens and dots");
    }
    if label.starts_with('-') || label.ends_with('-') {
        return Err("a host name label may not start or end with a hyphen");
    }
    Ok(())
}

fn is_loopback_host(host: &str) -> bool {
    if host.eq_ignore_ascii_case("localhost") {
        return true;
    }
    match host.parse::<Ipv4Addr>() {
        Ok(addr) => addr.is_loopback(),
        Err(_) => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn url(domain: &str) -> String {
        match Origin::parse(domain) {
            Ok(origin) => origin.login_url(),
            Err(e) => panic!("{domain:?} refused: {e}"),
        }
    }

    fn refused(domain: &str) -> String {
        match Origin::parse(domain) {
            Ok(origin) => panic!("{domain:?} accepted as {}", origin.url()),
            Err(e) => {
                assert_eq!(e.code(), UCONTACT_ERR_INVALID_DOMAIN);
                e.message().to_owned()
            }
        }
    }

    #[test]
    fn completes_an_instance_name() {
        assert_eq!(url("acme"), "https://acme.ucontactcloud.com/Integra/resources/auth/getUserToken");
        assert_eq!(url("Acme-2"), "https://acme-2.ucontactcloud.com/Integra/resources/auth/getUserToken");
        assert_eq!(url("7"), "https://7.ucontactcloud.com/Integra/resources/auth/getUserToken");
        let longest = "a".repeat(63);
        assert_eq!(url(&longest), format!("https://{longest}.ucontactcloud.com{LOGIN_PATH}"));
    }

    #[test]
    fn takes_a_dotted_host_name_as_it_is() {
        assert_eq!(url("uc.example.com"), format!("https://uc.example.com{LOGIN_PATH}"));
        assert_eq!(url("UC.Example.COM"), format!("https://uc.example.com{LOGIN_PATH}"));
        assert_eq!(url("acme.ucontactcloud.com"), format!("https://acme.ucontactcloud.com{LOGIN_PATH}"));
        assert_eq!(url("10.1.2.3"), format!("https://10.1.2.3{LOGIN_PATH}"));
    }

    #[test]
    fn takes_an_https_origin_with_port_and_one_trailing_slash() {
        assert_eq!(url("https://uc.example.com"), format!("https://uc.example.com{LOGIN_PATH}"));
        assert_eq!(url("https://uc.example.com/"), format!("https://uc.example.com{LOGIN_PATH}"));
        assert_eq!(url("HTTPS://uc.example.com:8443"), format!("https://uc.example.com:8443{LOGIN_PATH}"));
        assert_eq!(url("https://intranet:8443/"), format!("https://intranet:8443{LOGIN_PATH}"));
        assert_eq!(url("https://[2001:db8::1]:8443"), format!("https://[2001:db8::1]:8443{LOGIN_PATH}"));
        assert_eq!(url("https://127.0.0.1:1"), format!("https://127.0.0.1:1{LOGIN_PATH}"));
        assert_eq!(url("https://h:65535"), format!("https://h:65535{LOGIN_PATH}"));
        assert_eq!(url("https://[::1]:443"), format!("https://[::1]{LOGIN_PATH}"));
        assert_eq!(url("http://127.0.0.1:80"), format!("http://127.0.0.1{LOGIN_PATH}"));
        assert_eq!(url("http://127.0.0.1:443"), format!("http://127.0.0.1:443{LOGIN_PATH}"));
    }

    #[test]
    fn takes_plain_http_only_for_loopback() {
        assert_eq!(url("http://127.0.0.1:8080"), format!("http://127.0.0.1:8080{LOGIN_PATH}"));
        assert_eq!(url("http://127.9.8.7:1/"), format!("http://127.9.8.7:1{LOGIN_PATH}"));
        assert_eq!(url("http://localhost:8080"), format!("http://localhost:8080{LOGIN_PATH}"));
        assert_eq!(url("http://LOCALHOST"), format!("http://localhost{LOGIN_PATH}"));
        assert_eq!(url("http://[::1]:8080"), format!("http://[::1]:8080{LOGIN_PATH}"));
        assert!(refused("http://uc.example.com").contains("loopback"));
        assert!(refused("http://10.0.0.1:80").contains("loopback"));
        assert!(refused("http://128.0.0.1").contains("loopback"));
        assert!(refused("http://[::2]").contains("loopback"));
        assert!(refused("http://localhost.example.com").contains("loopback"));
        assert!(refused("http://foo.localhost").contains("loopback"));
    }

    #[test]
    fn knows_which_origins_are_loopback() {
        assert!(Origin::parse("https://localhost:1").unwrap().is_loopback());
        assert!(Origin::parse("https://[::1]").unwrap().is_loopback());
        assert!(Origin::parse("127.0.0.1").unwrap().is_loopback());
        assert!(!Origin::parse("acme").unwrap().is_loopback());
        assert!(!Origin::parse("https://[::ffff:127.0.0.1]").unwrap().is_loopback());
    }

    #[test]
    fn refuses_user_information() {
        assert!(refused("https://user:pw@uc.example.com").contains("user information"));
        assert!(refused("https://@uc.example.com").contains("user information"));
        assert!(refused("user@acme").contains("letters"));
    }

    #[test]
    fn refuses_paths_queries_and_fragments() {
        for d in [
            "https://uc.example.com/Integra",
            "https://uc.example.com//",
            "https://uc.example.com?x=1",
            "https://uc.example.com/#top",
            "https://uc.example.com#top",
            "uc.example.com/",
            "acme/",
        ] {
            refused(d);
        }
    }

    #[test]
    fn refuses_other_schemes_and_odd_shapes() {
        for d in [
            "ftp://uc.example.com",
            "file:///etc/passwd",
            "javascript://x",
            "://acme",
            "https:/acme",
            "https//acme",
            "https://",
            "https:///",
            "acme:443",
            "https://acme:",
            "https://acme:0",
            "https://acme:65536",
            "https://acme:+443",
            "https://acme:８０",
            "https://[::1",
            "https://[::1]x",
            "https://[zz::1]",
            "https://[fe80::1%25eth0]",
        ] {
            refused(d);
        }
    }

    #[test]
    fn refuses_bad_label_characters() {
        for d in [
            "",
            " acme",
            "acme ",
            "ac me",
            "acme\t",
            "acme\n",
            "-acme",
            "acme-",
            "ac_me",
            "acmé",
            "xn--acm-bma.",
            "a..b",
            ".acme",
            "acme.",
            "acme.-x.com",
            "ac%6de",
            "https://ac%6de.com",
            "https://uc.exa mple.com",
        ] {
            refused(d);
        }
        refused(&"a".repeat(64));
        refused(&format!("{}.com", "a".repeat(64)));
        refused(&format!("{}.com", ["abcdefghi"; 26].join(".")));
    }

    #[test]
    fn refuses_numeric_hosts_that_a_url_parser_would_reread() {
        for d in ["127.1", "0x7f.0.0.1", "1.2.3", "1.2.3.4.5", "256.1.1.1", "01.2.3.4", "example.0x10"] {
            refused(d);
        }
        assert!(refused("http://127.1").contains("IPv4"));
        // In a URL a lone number is an IPv4 address too (`https://3` is 0.0.0.3).
        refused("https://3");
        // Punycode that is not valid punycode.
        assert_eq!(refused("xn--zz-.example"), "invalid domain: a host name label may not start or end with a hyphen");
        assert_eq!(refused("https://xn--ab--cd.example"), "invalid domain: the host name is not valid in a URL");
        refused("https://0x10:8443");
        assert_eq!(url("3"), format!("https://3.ucontactcloud.com{LOGIN_PATH}"));
    }

    #[test]
    fn refuses_addresses_that_are_not_one_host() {
        for d in ["0.0.0.0", "https://0.0.0.0", "255.255.255.255", "224.0.0.1", "https://[::]", "https://[ff02::1]:443"] {
            assert_eq!(refused(d), "invalid domain: not the address of one host", "{d}");
        }
    }

    #[test]
    fn says_where_a_port_belongs() {
        assert_eq!(refused("uc.example.com:8443"), "invalid domain: a port is accepted only in the origin form, as in https://host:port");
        assert_eq!(refused("https:acme.com"), "invalid domain: a port is accepted only in the origin form, as in https://host:port");
    }

    #[test]
    fn never_repeats_the_refused_domain() {
        assert_eq!(refused("https://user:hunter2@uc.example.com"), "invalid domain: user information is not accepted in the URL");
        assert_eq!(refused("hunter2 "), "invalid domain: a host name may hold only ASCII letters, digits, hyphens and dots");
    }
}
