//! HTTP facts in code blocks: request lines, endpoints, example requests and
//! responses, media types.

use super::{Endpoint, ExampleRequest, ExampleResponse};
use regex::Regex;
use std::sync::LazyLock;

static REQUEST_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)\s+(\S.*?)\s*$").expect("regex")
});
static PARAM: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\{([^{}]+)\}").expect("regex"));
static STATUS_LINE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\s*HTTP(?:/[\d.]+)?\s+(\d{3})\b").expect("regex"));
static MEDIA_TYPE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(?:application|text|image|multipart|audio|video|font|model)/[A-Za-z0-9.+\-*]+[A-Za-z0-9+*]")
        .expect("regex")
});
static VERSION: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(v\d+(?:\.\d+)?|beta)$").expect("regex"));

/// The first media type named in `text`.
pub fn media_type(text: &str) -> Option<&str> {
    MEDIA_TYPE.find(text).map(|m| m.as_str())
}

/// Endpoints of an HTTP request block (one per `METHOD path` line).
pub fn endpoints(code: &str) -> Vec<Endpoint> {
    code.lines()
        .filter_map(|l| REQUEST_LINE.captures(l))
        .map(|c| {
            let path = c[2].to_string();
            let parameters = PARAM
                .captures_iter(&path)
                .map(|p| p[1].trim().to_string())
                .collect();
            Endpoint {
                method: c[1].to_string(),
                path,
                parameters,
            }
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
    let line = REQUEST_LINE.captures(first)?;
    let url = line[2].to_string();
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
        method: line[1].to_string(),
        host,
        version,
        path,
    })
}

/// An example response: status line, then headers, a blank line and the body.
pub fn example_response(code: &str) -> Option<ExampleResponse> {
    let mut lines = code.lines().skip_while(|l| l.trim().is_empty());
    let status: u16 = STATUS_LINE.captures(lines.next()?)?[1].parse().ok()?;
    let rest: Vec<&str> = lines.collect();
    let body_start = rest
        .iter()
        .position(|l| l.trim_start().starts_with(['{', '[']) || l.trim().is_empty())
        .unwrap_or(rest.len());
    let body = rest[body_start..].join("\n");
    let body = body.trim();
    Some(ExampleResponse {
        status,
        body: if body.is_empty() {
            None
        } else {
            serde_json::from_str(body).ok()
        },
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
        assert_eq!(r.body, Some(serde_json::json!({"a": 1})));
    }
}
