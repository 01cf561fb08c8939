//! Syntax-highlighting classes for the code blocks of API pages: HTTP
//! requests and responses (method, URL, status, header names) and JSON
//! (keys, strings, numbers, literals). Tokens become `<span class="tok-…">`;
//! other languages are escaped as they are.

use super::sanitize::escape;

/// A fenced block as `<pre><code class="language-INFO">…</code></pre>`.
pub fn code_block(info: &str, code: &str) -> String {
    let lang: String = info
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '+'))
        .collect();
    let body = match lang.as_str() {
        "http" | "msgraph-interactive" => http(code),
        "json" | "javascript" | "js" => json(code),
        _ => escape(code),
    };
    if lang.is_empty() {
        format!("<pre><code>{body}</code></pre>\n")
    } else {
        format!("<pre><code class=\"language-{lang}\">{body}</code></pre>\n")
    }
}

fn span(class: &str, text: &str) -> String {
    format!("<span class=\"tok-{class}\">{}</span>", escape(text))
}

const METHODS: &[&str] = &["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"];

/// An HTTP message: start line, header lines, then a body (JSON or text).
fn http(code: &str) -> String {
    let mut out = String::new();
    let mut lines = code.split_inclusive('\n');
    let mut in_headers = false;
    for line in lines.by_ref() {
        let content = line.trim_end_matches(['\n', '\r']);
        let eol = &line[content.len()..];
        if !in_headers {
            if content.trim().is_empty() {
                out.push_str(&escape(line));
                continue;
            }
            let (first, rest) = content.split_once(' ').unwrap_or((content, ""));
            if METHODS.contains(&first) {
                out.push_str(&span("method", first));
                out.push(' ');
                out.push_str(&span("url", rest));
            } else if first.starts_with("HTTP/") {
                out.push_str(&span("protocol", first));
                out.push(' ');
                out.push_str(&span("status", rest));
            } else {
                out.push_str(&escape(content));
            }
            out.push_str(eol);
            in_headers = true;
            continue;
        }
        if content.trim().is_empty() {
            out.push_str(&escape(line));
            break;
        }
        match content.split_once(':') {
            Some((name, value))
                if !name.is_empty()
                    && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') =>
            {
                out.push_str(&span("header", name));
                out.push(':');
                out.push_str(&escape(value));
            }
            _ => {
                // no blank line before the body: the rest is body
                out.push_str(&json(&[content, eol].concat()));
                let rest: String = lines.collect();
                out.push_str(&json(&rest));
                return out;
            }
        }
        out.push_str(eol);
    }
    let rest: String = lines.collect();
    out.push_str(&json(&rest));
    out
}

/// JSON-ish text: strings (keys when followed by `:`), numbers, literals.
fn json(code: &str) -> String {
    let mut out = String::with_capacity(code.len() * 2);
    let chars: Vec<char> = code.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c == '"' {
            let start = i;
            i += 1;
            while i < chars.len() && chars[i] != '"' && chars[i] != '\n' {
                if chars[i] == '\\' {
                    i += 1;
                }
                i += 1;
            }
            i = (i + 1).min(chars.len());
            let s: String = chars[start..i].iter().collect();
            let mut j = i;
            while j < chars.len() && (chars[j] == ' ' || chars[j] == '\t') {
                j += 1;
            }
            let class = if j < chars.len() && chars[j] == ':' {
                "key"
            } else {
                "string"
            };
            out.push_str(&span(class, &s));
        } else if c == '-' || c.is_ascii_digit() {
            let start = i;
            i += 1;
            while i < chars.len()
                && (chars[i].is_ascii_digit() || matches!(chars[i], '.' | 'e' | 'E' | '+' | '-'))
            {
                i += 1;
            }
            let s: String = chars[start..i].iter().collect();
            if s == "-" {
                out.push_str(&escape(&s));
            } else {
                out.push_str(&span("number", &s));
            }
        } else if c.is_ascii_alphabetic() {
            let start = i;
            while i < chars.len() && chars[i].is_ascii_alphanumeric() {
                i += 1;
            }
            let s: String = chars[start..i].iter().collect();
            if matches!(s.as_str(), "true" | "false" | "null") {
                out.push_str(&span("literal", &s));
            } else {
                out.push_str(&escape(&s));
            }
        } else {
            out.push_str(&escape(&c.to_string()));
            i += 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn http_request_tokens() {
        let h = code_block(
            "http",
            "POST https://graph.microsoft.com/v1.0/me\nContent-type: application/json\n\n{\"a\": 1, \"b\": \"<x>\"}\n",
        );
        assert!(h.starts_with("<pre><code class=\"language-http\">"), "{h}");
        assert!(h.contains("<span class=\"tok-method\">POST</span>"), "{h}");
        assert!(
            h.contains("<span class=\"tok-header\">Content-type</span>"),
            "{h}"
        );
        assert!(
            h.contains("<span class=\"tok-key\">&quot;a&quot;</span>"),
            "{h}"
        );
        assert!(h.contains("<span class=\"tok-number\">1</span>"), "{h}");
        assert!(
            h.contains("<span class=\"tok-string\">&quot;&lt;x&gt;&quot;</span>"),
            "{h}"
        );
    }

    #[test]
    fn response_status_and_unknown_language() {
        let h = code_block("http", "HTTP/1.1 204 No Content\n");
        assert!(
            h.contains("<span class=\"tok-status\">204 No Content</span>"),
            "{h}"
        );
        let c = code_block("csharp <script>", "var x = \"<b>\";");
        assert!(c.contains("language-csharpscript"), "{c}");
        assert!(c.contains("&lt;b&gt;"), "{c}");
    }
}
