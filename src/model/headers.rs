//! Request header names: canonical spelling, and recovering the English
//! name of a header cell that a translator translated.
//!
//! Header names are protocol tokens, not prose: the registry below is the
//! set of HTTP fields (IANA and the Graph-specific ones) docs use, not a
//! word list of any language.

use super::vocabulary::Lookup;

/// HTTP request fields known to locdoc, in canonical spelling.
const REGISTRY: &[&str] = &[
    "Accept",
    "Accept-Charset",
    "Accept-Encoding",
    "Accept-Language",
    "Authorization",
    "Cache-Control",
    "Client-Request-Id",
    "ConsistencyLevel",
    "Content-Disposition",
    "Content-Encoding",
    "Content-Language",
    "Content-Length",
    "Content-Location",
    "Content-Range",
    "Content-Type",
    "Cookie",
    "Date",
    "ETag",
    "Expect",
    "From",
    "Host",
    "If-Match",
    "If-Modified-Since",
    "If-None-Match",
    "If-Range",
    "If-Unmodified-Since",
    "Location",
    "Origin",
    "Prefer",
    "Range",
    "Referer",
    "Retry-After",
    "Return-Client-Request-Id",
    "Transfer-Encoding",
    "User-Agent",
    "Workbook-Session-Id",
    "X-AnchorMailbox",
    "X-MS-Client-Request-Id",
    "X-Forwarded-For",
    "client-request-id",
];

/// The registry spelling of `name`, case-insensitively.
pub fn canonical(name: &str) -> Option<&'static str> {
    let n = name.trim().trim_matches('`');
    REGISTRY.iter().copied().find(|r| r.eq_ignore_ascii_case(n))
}

/// How the header's English name was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NameOrigin {
    Written,
    Vocabulary,
    Inferred,
    Unknown,
}

/// Resolves a header cell to its English name.
pub fn resolve(name: &str, value: &str, lang: &str, vocab: &Lookup<'_>) -> (String, NameOrigin) {
    if let Some(c) = canonical(name) {
        return (c.to_string(), NameOrigin::Written);
    }
    if let Some(c) = vocab.lookup(lang, name).and_then(canonical) {
        return (c.to_string(), NameOrigin::Vocabulary);
    }
    let v = value.trim();
    let lower = v.to_lowercase();
    if lower.contains("bearer") || lower.contains("{token}") || lower.contains("<token>") {
        return ("Authorization".into(), NameOrigin::Inferred);
    }
    if super::http::media_type(v).is_some_and(|m| m.len() == v.trim_end_matches('.').len()) {
        // A bare media type is what an Accept row carries; Content-Type rows
        // add a requirement ("application/json. Required.") and are never
        // translated in practice.
        return ("Accept".into(), NameOrigin::Inferred);
    }
    let token = name.trim().trim_matches('`');
    (token.to_string(), NameOrigin::Unknown)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn registry_names_are_tokens() {
        // `lint::segment::protocol_token` answers a text with a space at once
        for name in REGISTRY {
            assert!(crate::lint::segment::is_http_token(name), "{name}");
        }
    }
}
