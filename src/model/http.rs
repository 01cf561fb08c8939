//! HTTP facts in code blocks: request lines, endpoints, example requests and
//! responses, media types.

use super::{Endpoint, ExampleRequest, ExampleResponse};
use regex::Regex;
use std::sync::LazyLock;

static STATUS_LINE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\s*HTTP(?:/[\d.]+)?\s+(\d{3})\b").expect("regex"));
static MEDIA_TYPE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(?:application|text|image|multipart|audio|video|font|model)/[A-Za-z0-9.+\-*]+[A-Za-z0-9+*]")
        .expect("regex")
});
static VERSION: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(v\d+(?:\.\d+)?|beta)$").expect("regex"));

/// The methods a request line may start with.
const METHODS: [&str; 7] = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"];

/// The three digits of a status line (`HTTP/1.1 204 No Content`,
/// `HTTP 200`): what `^\s*HTTP(?:/[\d.]+)?\s+(\d{3})\b` captures, by hand
/// for ASCII lines (the pattern is the reference for others: `\d` and
/// `\b` are Unicode classes there).
pub fn status_code(line: &str) -> Option<&str> {
    let rest = line.trim_start().strip_prefix("HTTP")?;
    if !rest.is_ascii() {
        return Some(STATUS_LINE.captures(line)?.get(1)?.as_str());
    }
    let rest = match rest.strip_prefix('/') {
        Some(v) => {
            let version = v
                .bytes()
                .take_while(|b| *b == b'.' || b.is_ascii_digit())
                .count();
            if version == 0 {
                return None;
            }
            &v[version..]
        }
        None => rest,
    };
    let digits = rest.trim_start();
    if digits.len() == rest.len() {
        return None;
    }
    let code = digits.get(..3)?;
    let after = digits.as_bytes().get(3);
    (code.bytes().all(|b| b.is_ascii_digit())
        && !after.is_some_and(|b| b.is_ascii_alphanumeric() || *b == b'_'))
    .then_some(code)
}

/// `METHOD target` on one line (surrounding whitespace ignored): the
/// method and the target, e.g. `("GET", "/users/{id}")`.
pub fn request_line(line: &str) -> Option<(&str, &str)> {
    let (method, target) = line.trim().split_once(char::is_whitespace)?;
    let target = target.trim();
    (METHODS.contains(&method) && !target.is_empty()).then_some((method, target))
}

/// The names inside `{…}` (no nested braces), trimmed, in order.
fn parameters(path: &str) -> Vec<String> {
    let bytes = path.as_bytes();
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(open) = memchr::memchr(b'{', &bytes[from..]).map(|i| i + from) {
        let Some(k) = memchr::memchr2(b'{', b'}', &bytes[open + 1..]) else {
            break;
        };
        let close = open + 1 + k;
        if bytes[close] == b'}' && k > 0 {
            out.push(path[open + 1..close].trim().to_string());
            from = close + 1;
        } else if bytes[close] == b'{' {
            from = close;
        } else {
            from = open + 1;
        }
    }
    out
}

/// The first media type named in `text`.
pub fn media_type(text: &str) -> Option<&str> {
    MEDIA_TYPE.find(text).map(|m| m.as_str())
}

/// Endpoints of an HTTP request block (one per `METHOD path` line).
pub fn endpoints(code: &str) -> Vec<Endpoint> {
    code.lines()
        .filter_map(request_line)
        .map(|(method, path)| Endpoint {
            method: method.to_string(),
            path: path.to_string(),
            parameters: parameters(path),
        })
        .collect()
}

/// An example request: the first `METHOD URL` line of a block.
pub fn example_request(code: &str) -> Option<ExampleRequest> {
    // the request line comes first, after blank lines and `//` comments
    let first = code
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty() && !l.starts_with("//") && !l.starts_with('#'))?;
    let (method, url) = request_line(first)?;
    let url = url.to_string();
    let (host, rest) = match url.split_once("://") {
        Some((_, after)) => match after.find('/') {
            Some(i) => (Some(after[..i].to_string()), after[i..].to_string()),
            None => (Some(after.to_string()), "/".to_string()),
        },
        None => (None, url.clone()),
    };
    let trimmed = rest.trim_start_matches('/');
    let first = trimmed.split(['/', '?']).next().unwrap_or("");
    let (version, path) = if VERSION.is_match(first) {
        (
            Some(first.to_string()),
            format!("/{}", &trimmed[first.len()..].trim_start_matches('/')),
        )
    } else {
        (None, rest)
    };
    Some(ExampleRequest {
        method: method.to_string(),
        host,
        version,
        path,
    })
}

/// An example response: status line, then headers, a blank line and the body.
pub fn example_response(code: &str) -> Option<ExampleResponse> {
    let mut lines = code.lines().skip_while(|l| l.trim().is_empty());
    let status: u16 = status_code(lines.next()?)?.parse().ok()?;
    let rest: Vec<&str> = lines.collect();
    let body_start = rest
        .iter()
        .position(|l| l.trim_start().starts_with(['{', '[']) || l.trim().is_empty())
        .unwrap_or(rest.len());
    let body = rest[body_start..].join("\n");
    let body = body.trim();
    Some(ExampleResponse {
        status,
        body: (!body.is_empty()).then(|| body.to_string()),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn endpoints_and_params() {
        let e = endpoints(
            "POST /users/{usersId}/managedDevices/{managedDeviceId}/recoverPasscode\nGET /me\n",
        );
        assert_eq!(e.len(), 2);
        assert_eq!(e[0].parameters, ["usersId", "managedDeviceId"]);
        let e = endpoints("GET /users/{id | userPrincipalName}/x");
        assert_eq!(e[0].path, "/users/{id | userPrincipalName}/x");
    }

    #[test]
    fn parameters_like_the_brace_pattern() {
        // `\{([^{}]+)\}`, leftmost-first, trimmed
        assert_eq!(parameters("/a/{x}/{ y }"), ["x", "y"]);
        assert_eq!(parameters("/{{x}}/{a{b}/{}/{c"), ["x", "b"]);
        assert!(parameters("/users/me").is_empty());
    }

    #[test]
    fn status_codes_as_the_pattern_reads_them() {
        for line in [
            "HTTP/1.1 204 No Content",
            "  HTTP 200",
            "HTTP/2 201",
            "HTTP/ 200",
            "HTTP/1.1 2000",
            "HTTP/1.1 20",
            "HTTP/1.1 200_",
            "HTTP/1.1 200.",
            "HTTP200",
            "HTTP/1.1\t404 Not found",
            "HTTP/1.1 200 é",
            "HTTP/１.1 200",
            "HTTPS/1.1 200",
            "http/1.1 200",
            "\u{3000}HTTP/1.1 202",
        ] {
            let expected = STATUS_LINE
                .captures(line)
                .map(|c| c.get(1).map_or("", |m| m.as_str()));
            assert_eq!(status_code(line), expected, "{line:?}");
        }
    }

    #[test]
    fn request_lines_need_a_known_method_and_a_target() {
        assert_eq!(request_line("  GET\t/me  "), Some(("GET", "/me")));
        assert_eq!(request_line("GETX /me"), None);
        assert_eq!(request_line("GET"), None);
        assert_eq!(request_line("get /me"), None);
        assert_eq!(
            request_line("PATCH   https://h/v1.0/x y"),
            Some(("PATCH", "https://h/v1.0/x y"))
        );
    }

    #[test]
    fn example_url_split() {
        let r =
            example_request("POST https://graph.microsoft.com/v1.0/users/{usersId}/x\n").unwrap();
        assert_eq!(r.host.as_deref(), Some("graph.microsoft.com"));
        assert_eq!(r.version.as_deref(), Some("v1.0"));
        assert_eq!(r.path, "/users/{usersId}/x");
        let r = example_request("GET /beta/me").unwrap();
        assert_eq!(
            (r.version.as_deref(), r.path.as_str()),
            (Some("beta"), "/me")
        );
    }

    #[test]
    fn response_with_body() {
        let r = example_response("HTTP/1.1 200 OK\nContent-type: application/json\n\n{\"a\": 1}")
            .unwrap();
        assert_eq!(r.status, 200);
        assert_eq!(r.json_body(), Some(serde_json::json!({"a": 1})));
        // equal as written out: the same JSON however laid out, or none
        let same = example_response("HTTP/1.1 200 OK\n\n{ \"a\":  1 }").unwrap();
        assert_eq!(r, same);
        let (broken, also) = (
            example_response("HTTP/1.1 200 OK\n\n{\"a\": }").unwrap(),
            example_response("HTTP/1.1 200 OK\n\n{oops").unwrap(),
        );
        assert_eq!(broken, also);
        assert_eq!(broken, example_response("HTTP/1.1 200 OK\n").unwrap());
        assert_ne!(r, broken);
        assert_ne!(
            r,
            example_response("HTTP/1.1 201 Created\n\n{\"a\": 1}").unwrap()
        );
    }
}
