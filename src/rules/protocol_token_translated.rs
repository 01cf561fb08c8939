//! ## What it does
//! Finds protocol tokens that were translated: HTTP header names, HTTP
//! methods, media types, permission scopes and JSON property names.
//!
//! In span-pair files, a segment whose English half is exactly such a token
//! must keep it in the localized half (header names and media types compare
//! case-insensitively: `Content-type` is not a translation of
//! `Content-Type`); so must a lowercase name alone in the first cell of a
//! table row (a property, parameter or enumeration member: `organized`,
//! `saturday`). In plain localized files, the name column of the
//! request-headers table must hold header names: a cell that is not an HTTP
//! field name, but that the span-pair vocabulary or the row's value shows to
//! be a header (`Bearer {token}` is `Authorization`, a bare media type is
//! `Accept`), is reported with the English name; in property tables, a
//! name with letters outside ASCII, the one capitalized word among JSON
//! names (`Anzeigename`), or a capitalized word where the page's JSON has a
//! name that no row lists (`Muster` for `pattern`) is a translated name;
//! and so is a media type
//! in its value column whose top-level type was translated
//! (`Anwendung/json`). In both formats, the request line and header lines
//! of HTTP examples must keep their method (`ABRUFEN /me` is a translated
//! `GET`) and media types.
//!
//! ## Why is this bad?
//! Readers copy these tokens into requests and code. A request with an
//! `承認` header or a `Авторизация` header is not authorized.
//!
//! ## Example
//! ```markdown
//! |<span data-ttu-id="a-1">承認</span><span class="sxs-lookup"><span data-stu-id="a-1">Authorization</span></span>|<span data-ttu-id="a-2">ベアラー {token}。必須。</span><span class="sxs-lookup"><span data-stu-id="a-2">Bearer {token}. Required.</span></span>|
//! ```
//! Use instead:
//! ```markdown
//! |<span data-ttu-id="a-1">Authorization</span><span class="sxs-lookup"><span data-stu-id="a-1">Authorization</span></span>|<span data-ttu-id="a-2">ベアラー {token}。必須。</span><span class="sxs-lookup"><span data-stu-id="a-2">Bearer {token}. Required.</span></span>|
//! ```

use super::prelude::*;
use crate::lint::segment;
use crate::markdown::Block;

pub const RULE: Rule = Rule {
    id: "protocol-token-translated",
    severity: Severity::Error,
    summary: "A header name, HTTP method, media type, scope or JSON property name was translated",
    check: Check::Document(check),
};

fn check(ctx: &DocCtx, out: &mut Vec<Finding>) {
    if ctx.doc.locale.is_english() {
        return;
    }
    if ctx.doc.segments.is_empty() {
        headers_table(ctx, out);
    } else {
        segments(ctx, out);
    }
    methods(ctx, out);
}

/// The request methods of the IANA HTTP method registry that an API page
/// may show (HTTP and WebDAV).
const HTTP_METHODS: [&str; 17] = [
    "GET", "HEAD", "POST", "PUT", "DELETE", "CONNECT", "OPTIONS", "TRACE", "PATCH", "COPY",
    "LOCK", "MKCOL", "MOVE", "PROPFIND", "PROPPATCH", "UNLOCK", "MERGE",
];

/// Request lines of the page's HTTP blocks (code is never translated, in
/// either format): `ABRUFEN /me/events` is a translated `GET`.
fn methods(ctx: &DocCtx, out: &mut Vec<Finding>) {
    for b in &crate::lint::page::scan(ctx).blocks {
        let crate::markdown::Raw::Code { info, text } = &b.raw else {
            continue;
        };
        if !crate::lint::page::is_request_info(info) {
            continue;
        }
        let Some((n, line)) = text.lines().enumerate().find(|(_, l)| {
            let t = l.trim();
            !t.is_empty() && !t.starts_with("//") && !t.starts_with('#')
        }) else {
            continue;
        };
        // header lines of the message: `Content-Type: Anwendung/json`
        for (k, l) in text.lines().enumerate().skip(n + 1) {
            if l.trim().is_empty() {
                break;
            }
            for (found, english) in translated_media_types(l) {
                out.push(
                    ctx.at_line(&RULE, b.line + 1 + k as u32, media_message(english, found))
                        .key(format!("media-type:{found}")),
                );
            }
        }
        let Some(method) = translated_method(line) else {
            continue;
        };
        out.push(
            ctx.at_line(
                &RULE,
                b.line + 1 + n as u32,
                format!("`{method}` is not an HTTP method: the request method was translated"),
            )
            .key(format!("method:{method}")),
        );
    }
}

fn media_message(english: String, found: &str) -> String {
    format!("media type `{english}` is translated as `{found}`")
}

/// The top-level media types (RFC 6838 and its registry).
const MEDIA_TYPES: [&str; 10] = [
    "application", "text", "image", "audio", "video", "multipart", "message", "font", "model",
    "example",
];

/// Media types whose top-level type was translated (`Anwendung/json`,
/// `приложение/json`): a word that is no top-level type before a
/// well-known subtype. Each with the media type it stands for.
fn translated_media_types(text: &str) -> Vec<(&str, String)> {
    const SUBTYPES: [(&str, &str); 11] = [
        ("json", "application"),
        ("xml", "application"),
        ("octet-stream", "application"),
        ("x-www-form-urlencoded", "application"),
        ("pdf", "application"),
        ("zip", "application"),
        ("javascript", "application"),
        ("plain", "text"),
        ("html", "text"),
        ("csv", "text"),
        ("form-data", "multipart"),
    ];
    let mut out = Vec::new();
    for (slash, _) in text.match_indices('/') {
        let before = &text[..slash];
        let start = before
            .char_indices()
            .rev()
            .take_while(|(_, c)| c.is_alphabetic() || *c == '-')
            .last()
            .map_or(slash, |(i, _)| i);
        let word = &text[start..slash];
        let after = &text[slash + 1..];
        let Some((sub, top)) = SUBTYPES.iter().find(|(sub, _)| {
            after.len() >= sub.len()
                && after.is_char_boundary(sub.len())
                && after[..sub.len()].eq_ignore_ascii_case(sub)
                && !after[sub.len()..]
                    .chars()
                    .next()
                    .is_some_and(|c| c.is_alphanumeric() || c == '-')
        }) else {
            continue;
        };
        // a word of its own (not the end of a path or URL)
        let lead = text[..start].chars().next_back();
        if word.is_empty()
            || lead.is_some_and(|c| c.is_alphanumeric() || matches!(c, '/' | '.' | '-' | '_'))
            || MEDIA_TYPES.iter().any(|t| t.eq_ignore_ascii_case(word))
            // typos (`appplication`) and names (`servicePrincipals`) are
            // wrong too, but not translations
            || crate::lint::tokens::is_identifier(word)
            || MEDIA_TYPES
                .iter()
                .any(|t| crate::lint::tokens::near(&word.to_ascii_lowercase(), t))
        {
            continue;
        }
        out.push((&text[start..slash + 1 + sub.len()], format!("{top}/{sub}")));
    }
    out
}

/// The first word of a request line that is not an HTTP method, when the
/// rest of the line is a request target (`/path`, `https://…`,
/// `{baseUrl}/…`).
fn translated_method(line: &str) -> Option<&str> {
    let (word, target) = line.trim().split_once(char::is_whitespace)?;
    let target = target.trim_start();
    let is_target = target.starts_with('/')
        || target.starts_with("https://")
        || target.starts_with("http://")
        || target.starts_with('{') && target.contains('/');
    let word_like = word.chars().count() <= 24
        && word.chars().all(char::is_alphabetic)
        && !word.eq_ignore_ascii_case("http");
    (is_target && word_like && !HTTP_METHODS.iter().any(|m| m.eq_ignore_ascii_case(word)))
        .then_some(word)
}

/// Span pairs whose English half is a protocol token.
fn segments(ctx: &DocCtx, out: &mut Vec<Finding>) {
    let text = &ctx.doc.source.text;
    // the headings, read only for a word-like header name
    let headings = std::cell::OnceCell::new();
    for seg in &ctx.doc.segments {
        let (source, target) = (seg.source_text(text), seg.target_text(text));
        let Some((kind, token)) = segment::protocol_token(source)
            .or_else(|| first_cell_name(text, seg.range.start, source))
        else {
            continue;
        };
        // "Authorization", "Date", "Accept" are words too: a header name
        // only in a headers section.
        if kind == "header name"
            && segment::is_word_like_header(&token)
            && !segment::heading_at(headings.get_or_init(|| segment::headings(text)), seg.range.start)
                .to_ascii_lowercase()
                .contains("header")
        {
            continue;
        }
        if target.trim().is_empty() || segment::same_token(kind, &token, target) {
            continue;
        }
        // The token kept, with words around it, is not a translation of it
        // ("`displayName` プロパティ").
        if segment::bare(target).contains(token.as_str())
            || (kind == "header name" || kind == "media type")
                && target
                    .to_ascii_lowercase()
                    .contains(&token.to_ascii_lowercase())
        {
            continue;
        }
        let mut f = Finding::new(
            &RULE,
            ctx.path(),
            (seg.line, seg.column),
            format!(
                "{kind} `{token}` is translated as `{}`",
                crate::markdown::squash(target)
            ),
        )
        .key(seg.id.clone());
        let len = text[seg.range.clone()].chars().count() as u32;
        let line_len = ctx.doc.source.line_text(seg.line).chars().count() as u32;
        f.end_column = (seg.column + len).min(line_len + 1);
        f.target = Some(target.to_string());
        f.source = Some(source.to_string());
        out.push(f);
    }
}

/// A lowercase name alone in the first cell of a table row (`criteria`,
/// `displayName`, an enumeration member): a JSON property name or value,
/// never translated.
fn first_cell_name(text: &str, start: usize, source: &str) -> Option<(&'static str, String)> {
    let name = source.trim();
    let mut chars = name.chars();
    let shaped = chars.next().is_some_and(|c| c.is_ascii_lowercase())
        && name.len() > 1
        && chars.all(|c| c.is_ascii_alphanumeric());
    if !shaped {
        return None;
    }
    // back from the segment: spaces, `|`, spaces, the line's start
    let b = text.as_bytes();
    let mut i = start;
    let back = |i: &mut usize| {
        while *i > 0 && matches!(b[*i - 1], b' ' | b'\t') {
            *i -= 1;
        }
    };
    back(&mut i);
    if i == 0 || b[i - 1] != b'|' {
        return None;
    }
    i -= 1;
    back(&mut i);
    (i == 0 || b[i - 1] == b'\n').then(|| ("JSON name", name.to_string()))
}

/// Is this table a table of headers? Tables under a headers section
/// (`request-headers`, `optional-request-headers`), or tables naming a
/// header no prose would (`Authorization`, `Content-Type`).
fn is_headers_table(key: &str, rows: &[Vec<String>]) -> bool {
    key.contains("header")
        || rows.iter().any(|r| {
            r.first()
                .and_then(|c| segment::header_name(c))
                .is_some_and(|h| h == "Authorization" || h.contains('-'))
        })
}

/// The request-headers tables of a plain localized page.
fn headers_table(ctx: &DocCtx, out: &mut Vec<Finding>) {
    let lang = ctx.doc.locale.language();
    for section in &ctx.outline.sections {
        let key = section.key();
        let Some(rows) = section.blocks.iter().find_map(|b| match b {
            Block::Table { rows, .. } => Some(rows),
            _ => None,
        }) else {
            continue;
        };
        if is_headers_table(key, rows) {
            header_rows(ctx, lang, rows, out);
        } else if matches!(
            key,
            "properties" | "relationships" | "request-body"
        ) {
            property_rows(ctx, lang, rows, out);
        }
    }
}

/// The name column of a property table: JSON names, never translated.
/// A cell with letters outside ASCII among cells that are JSON names is a
/// translated name.
fn property_rows(ctx: &DocCtx, lang: &str, rows: &[Vec<String>], out: &mut Vec<Finding>) {
    let names = rows
        .iter()
        .filter_map(|r| r.first())
        .filter(|c| {
            let c = segment::bare(c);
            segment::is_json_property(c)
                || (c.len() > 1 && c.chars().all(|ch| ch.is_ascii_lowercase()))
        })
        .count();
    // JSON names start with a lowercase letter: a capitalized word in a
    // table of such names, or alone in a table of one or two rows, is a
    // translated one (`Anzeigename`), when no other name of the table is
    // capitalized
    let capitalized = |c: &str| {
        c.chars().next().is_some_and(char::is_uppercase)
            && c.chars().all(char::is_alphabetic)
            && !c.chars().skip(1).any(char::is_uppercase)
    };
    let capitals = rows
        .iter()
        .filter_map(|r| r.first())
        .filter(|c| capitalized(segment::bare(c)))
        .count();
    if names < 2 && capitals == 0 {
        return;
    }
    let lone_capital = capitals == 1 && (names >= 2 || rows.len() <= 2);
    // a capitalized word for a name of the page's JSON that no row has:
    // `Anzeigename` for `user` (lower case, `App` for `app`, is no word
    // of another language). The page's JSON names, and whether one of
    // them has no row, are read once, and only for a capitalized name.
    let json_cell = std::cell::OnceCell::new();
    let json = || {
        json_cell.get_or_init(|| {
            let keys = json_keys(ctx);
            let lowered: Vec<String> = rows
                .iter()
                .filter_map(|r| r.first())
                .map(|c| segment::bare(c).to_lowercase())
                .collect();
            let unlisted = keys.iter().any(|k| !lowered.contains(&k.to_lowercase()));
            (keys, unlisted)
        })
    };
    let replaced = |name: &str| {
        let (keys, unlisted) = json();
        *unlisted && !keys.iter().any(|k| k.eq_ignore_ascii_case(name))
    };
    for row in rows {
        let Some(cell) = row.first() else { continue };
        let name = segment::bare(cell);
        // not a group label (`**Onboarding**`, a row of one cell) nor a
        // name the page's JSON uses (`"Comment": …`)
        let latin_word = capitalized(name)
            && row.iter().skip(1).any(|c| !c.trim().is_empty())
            && !ctx.doc.source.text.contains(&format!("**{name}**"))
            && !ctx.doc.source.text.contains(&format!("\"{name}\""))
            && (lone_capital || replaced(name));
        if !latin_word
            && (name.is_ascii() || !name.chars().any(char::is_alphabetic) || name.contains(['[', ']']))
        {
            continue;
        }
        let msg = match ctx
            .lookup
            .lookup(lang, name)
            .filter(|e| segment::is_json_property(e))
        {
            Some(e) => format!("JSON property name `{e}` is translated as `{name}`"),
            None => {
                format!("property name `{name}` is not a JSON name: a property name was translated")
            }
        };
        out.push(
            ctx.at_line(&RULE, row_line(ctx, name), msg)
                .key(format!("properties:{name}")),
        );
    }
}

/// The names of the page's JSON samples (`"name":`), when it has any.
fn json_keys<'c>(ctx: &'c DocCtx) -> Vec<&'c str> {
    let mut keys: Vec<&str> = Vec::new();
    for b in &crate::lint::page::scan(ctx).blocks {
        let crate::lint::page::Raw::Code { info, text } = &b.raw else {
            continue;
        };
        if !info.eq_ignore_ascii_case("json") {
            continue;
        }
        for (i, _) in text.match_indices("\":") {
            let Some(open) = text[..i].rfind('"') else { continue };
            let key = &text[open + 1..i];
            if !key.is_empty() && key.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
                keys.push(key);
            }
        }
    }
    keys.sort_unstable();
    keys.dedup();
    keys
}

fn header_rows(ctx: &DocCtx, lang: &str, rows: &[Vec<String>], out: &mut Vec<Finding>) {
    for row in rows {
        let Some(cell) = row.first() else { continue };
        for value in row.get(1..).unwrap_or_default() {
            for (found, english) in translated_media_types(value) {
                out.push(
                    ctx.at_line(&RULE, ctx.line_of(found), media_message(english, found))
                        .key(format!("media-type:{found}")),
                );
            }
        }
        let name = segment::bare(cell);
        if name.is_empty() || segment::header_name(name).is_some() {
            continue;
        }
        let cells = row.get(1..).unwrap_or_default();
        let english = ctx
            .lookup
            .lookup(lang, name)
            .and_then(segment::header_name)
            .or_else(|| {
                // Without vocabulary, a cell that cannot be a field name
                // (spaces, letters outside ASCII) or a single word (field
                // names outside the registry are hyphenated: `X-Foo`) is
                // taken for a translation on the strength of its value.
                (!segment::is_http_token(name) || !name.contains('-'))
                    .then(|| cells.iter().find_map(|c| segment::header_from_value(c)))
                    .flatten()
            });
        let Some(english) = english else {
            // Letters outside ASCII are never part of a field name.
            if !name.is_ascii()
                && name.chars().any(char::is_alphabetic)
                && cells.iter().any(|c| !c.trim().is_empty())
            {
                out.push(
                    ctx.at_line(
                        &RULE,
                        row_line(ctx, name),
                        format!("request header name `{name}` is not an HTTP field name: a header name was translated"),
                    )
                    .key(format!("request-headers:{name}")),
                );
            }
            continue;
        };
        out.push(
            ctx.at_line(
                &RULE,
                row_line(ctx, name),
                format!("header name `{english}` is translated as `{name}`"),
            )
            .key(format!("request-headers:{english}")),
        );
    }
}

/// The line of the table row whose first cell is `name`.
fn row_line(ctx: &DocCtx, name: &str) -> u32 {
    ctx.doc
        .source
        .text
        .lines()
        .position(|l| {
            l.trim_start()
                .strip_prefix('|')
                .and_then(|r| r.split('|').next())
                .is_some_and(|c| segment::bare(c) == name)
        })
        .map_or_else(|| ctx.line_of(name), |i| i as u32 + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn translated_media_types_and_methods() {
        let found = |t: &str| -> Vec<String> {
            translated_media_types(t)
                .into_iter()
                .map(|(f, e)| format!("{f}={e}"))
                .collect()
        };
        assert_eq!(found("Anwendung/json"), ["Anwendung/json=application/json"]);
        assert_eq!(found("`приложение/xml`."), ["приложение/xml=application/xml"]);
        assert_eq!(found("Texte/plain; charset"), ["Texte/plain=text/plain"]);
        for quiet in [
            "application/json",
            "Application/JSON",
            "appplication/json",
            "/me/drive/json",
            "servicePrincipals/json",
            "image/png",
            "Anwendung/jsonp",
        ] {
            assert!(found(quiet).is_empty(), "{quiet}");
        }
        assert_eq!(translated_method("ABRUFEN /me"), Some("ABRUFEN"));
        assert_eq!(translated_method("取得 https://graph.microsoft.com/v1.0/me"), Some("取得"));
        assert_eq!(translated_method("GET /me"), None);
        assert_eq!(translated_method("PROPFIND /x"), None);
        assert_eq!(translated_method("HTTP/1.1 200 OK"), None);
        assert_eq!(translated_method("Siehe auch"), None);
    }
}
