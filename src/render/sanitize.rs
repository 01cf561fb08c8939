//! Sanitizing the HTML rendered from page Markdown (ammonia): raw HTML in a
//! page keeps its structure but loses scripts, event handlers, `style` and
//! `javascript:` URLs. Template output is escaped by minijinja; this module
//! covers what the Markdown itself carries.

use std::sync::LazyLock;

static CLEANER: LazyLock<ammonia::Builder<'static>> = LazyLock::new(|| {
    let mut b = ammonia::Builder::default();
    b.add_generic_attributes(["class", "id"])
        .add_tag_attributes("a", ["name"])
        .add_tag_attributes("img", ["width", "height"])
        .link_rel(None)
        .url_relative(ammonia::UrlRelative::PassThrough)
        .strip_comments(true);
    b
});

/// `html` with everything unsafe removed.
pub fn clean(html: &str) -> String {
    CLEANER.clean(html).to_string()
}

/// Whether a link or image URL is harmless as it is: relative, or with
/// an `http`, `https` or `mailto` scheme.
pub fn safe_url(url: &str) -> bool {
    let url = url.trim_start();
    let end = url.find(['/', '?', '#']).unwrap_or(url.len());
    match url[..end].find(':') {
        None => true,
        Some(i) => {
            let scheme = url[..i].to_ascii_lowercase();
            matches!(scheme.as_str(), "http" | "https" | "mailto")
        }
    }
}

/// `text` escaped for HTML element content and attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scripts_handlers_and_javascript_urls_are_removed() {
        let dirty = r#"<p onclick="x()">a<script>alert(1)</script><a href="javascript:alert(1)">b</a><a name="keep"></a></p>"#;
        let c = clean(dirty);
        assert!(!c.contains("script"), "{c}");
        assert!(!c.contains("onclick"), "{c}");
        assert!(!c.contains("javascript:"), "{c}");
        assert!(c.contains(r#"name="keep""#), "{c}");
    }

    #[test]
    fn safe_urls() {
        for ok in [
            "../a.md#x",
            "https://x.org/a:b",
            "mailto:a@b",
            "#frag",
            "a/b:c",
        ] {
            assert!(safe_url(ok), "{ok}");
        }
        for bad in [
            "javascript:alert(1)",
            " JavaScript:x",
            "data:text/html,x",
            "vbscript:x",
        ] {
            assert!(!safe_url(bad), "{bad}");
        }
    }

    #[test]
    fn relative_links_and_classes_survive() {
        let c = clean(r#"<a href="../x.html#y">t</a><span class="tok-key">k</span>"#);
        assert!(c.contains(r#"href="../x.html#y""#), "{c}");
        assert!(c.contains(r#"class="tok-key""#), "{c}");
    }
}
