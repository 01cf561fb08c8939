//! Tokens that must survive translation, found in a segment's text:
//! placeholders, inline code, link targets, numbers and markup.

use regex::Regex;
use std::borrow::Cow;
use std::sync::LazyLock;

static PLACEHOLDER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\{\{[^{}]+\}\}|\{[^{}\s][^{}]*\}|&lt;[\p{L}_][\w.\-]*&gt;|<[\p{L}_][\w.\-]*>|%(?:\d+\$)?[sdfi]").expect("regex")
});
static CODE: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"`([^`]+)`").expect("regex"));
/// A Markdown link destination (`](target "title")`) or an HTML `href`.
const LINK_PATTERN: &str = r#"\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)|href\s*=\s*"([^"]+)""#;
#[cfg(test)]
static LINK: LazyLock<Regex> = LazyLock::new(|| Regex::new(LINK_PATTERN).expect("regex"));
/// [`LINK_PATTERN`] anchored at the start of the text: tried only where a
/// match can start ([`link_matches`]).
static LINK_AT: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&format!("^(?:{LINK_PATTERN})")).expect("regex"));
static NUMBER: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\d+(?:[.,]\d+)*").expect("regex"));
static TAG: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"</?([A-Za-z][A-Za-z0-9]*)\b[^>]*>").expect("regex"));
static LOCALE_IN_URL: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)/[a-z]{2}-[a-z]{2,4}/").expect("regex"));

/// HTML elements that are markup, not `<placeholder>`s.
const HTML_TAGS: &[&str] = &[
    "a", "b", "br", "code", "div", "em", "i", "img", "kbd", "li", "ol", "p", "pre", "s", "span",
    "strong", "sub", "sup", "table", "tbody", "td", "th", "thead", "tr", "u", "ul", "hr", "small",
    "big", "del", "ins", "mark", "q", "abbr",
];

fn is_html(name: &str) -> bool {
    HTML_TAGS.iter().any(|t| t.eq_ignore_ascii_case(name))
}

// Most segments hold no code, link or placeholder: the patterns are only
// run where the characters they start with occur.

/// Can [`LINK_PATTERN`] (or a link target pattern) match in `s`?
pub(crate) fn may_link(s: &str) -> bool {
    LINK_OPENING.find(s.as_bytes()).is_some() || HREF.find(s.as_bytes()).is_some()
}

/// Can a Markdown link target (`](`) or a URL (`http`) start in `s`?
pub(crate) fn may_link_target(s: &str) -> bool {
    LINK_OPENING.find(s.as_bytes()).is_some() || HTTP.find(s.as_bytes()).is_some()
}

static HTTP: LazyLock<memchr::memmem::Finder<'static>> =
    LazyLock::new(|| memchr::memmem::Finder::new("http"));

/// The two ways a link target starts, searched for with SIMD (`str::contains`
/// set up a searcher for every segment half).
static LINK_OPENING: LazyLock<memchr::memmem::Finder<'static>> =
    LazyLock::new(|| memchr::memmem::Finder::new("]("));
static HREF: LazyLock<memchr::memmem::Finder<'static>> =
    LazyLock::new(|| memchr::memmem::Finder::new("href"));

/// Can [`PLACEHOLDER`] match in `s`?
pub(crate) fn may_placeholder(s: &str) -> bool {
    // ASCII bytes stand only for themselves in UTF-8: searched as bytes
    let b = s.as_bytes();
    memchr::memchr3(b'{', b'&', b'<', b).is_some() || memchr::memchr(b'%', b).is_some()
}

/// Can an inline code pattern match in `s`?
pub(crate) fn may_code(s: &str) -> bool {
    memchr::memchr(b'`', s.as_bytes()).is_some()
}

/// The matches of [`LINK_PATTERN`] in `s`, as `find_iter` finds them. A
/// match starts with `](` or `href`: the pattern is tried, anchored, only
/// where those start (the unanchored search was a tenth of lint's work on
/// segments), leftmost first, each search going on after the last match.
fn link_matches(s: &str) -> impl Iterator<Item = std::ops::Range<usize>> + '_ {
    let bytes = s.as_bytes();
    let mut at = 0;
    std::iter::from_fn(move || {
        while at < s.len() {
            let rest = &bytes[at..];
            let next = [LINK_OPENING.find(rest), HREF.find(rest)];
            let start = at + next.into_iter().flatten().min()?;
            // `start` is at an ASCII byte: a character boundary
            if let Some(m) = LINK_AT.find(&s[start..]) {
                at = start + m.end();
                return Some(start..at);
            }
            at = start + 1;
        }
        None
    })
}

/// `text` with every [`link_matches`] match replaced by `rep` (taken as
/// it is), kept as it is when nothing matches.
fn replace_links<'t>(text: Cow<'t, str>, rep: &str) -> Cow<'t, str> {
    let mut out: Option<String> = None;
    let mut last = 0;
    for m in link_matches(&text) {
        let out = out.get_or_insert_with(String::new);
        out.push_str(&text[last..m.start]);
        out.push_str(rep);
        last = m.end;
    }
    match out {
        None => text,
        Some(mut out) => {
            out.push_str(&text[last..]);
            Cow::Owned(out)
        }
    }
}

/// `re.replace_all(text, rep)` that keeps `text` when nothing matches.
pub(crate) fn replace<'t>(
    re: &Regex,
    text: Cow<'t, str>,
    rep: impl regex::Replacer,
) -> Cow<'t, str> {
    match re.replace_all(&text, rep) {
        Cow::Borrowed(_) => text,
        Cow::Owned(s) => Cow::Owned(s),
    }
}

/// Inline code spans.
pub fn inline_code(s: &str) -> Vec<String> {
    if !may_code(s) {
        return Vec::new();
    }
    // the group is the match without its backticks (a match is found by
    // the fast engine; capture groups would need the slow one)
    CODE.find_iter(s)
        .map(|m| {
            let m = m.as_str();
            code_content(&m[1..m.len() - 1]).to_string()
        })
        .collect()
}

/// What a code span shows of the text between its backticks, as CommonMark
/// renders it: one space stripped from each end when both ends have one
/// (`` ` a ` `` shows `a`; `` `200 OK ` `` shows `200 OK `, space included).
/// Line breaks count as spaces.
pub fn code_content(s: &str) -> &str {
    let space = |c: char| c == ' ' || c == '\n' || c == '\r';
    let strip = s.len() >= 2 && s.starts_with(space) && s.ends_with(space) && !s.chars().all(space);
    if strip {
        &s[1..s.len() - 1]
    } else {
        s
    }
}

/// Text with inline code removed (placeholders inside code belong to the code).
fn without_code(s: &str) -> Cow<'_, str> {
    if may_code(s) {
        CODE.replace_all(s, " ")
    } else {
        Cow::Borrowed(s)
    }
}

/// Placeholders, normalized (`&lt;x&gt;` → `<x>`), sorted. Placeholders
/// inside inline code count too: `` `GET /users/{id}` `` must keep `{id}`.
pub fn placeholders(s: &str) -> Vec<String> {
    if !may_placeholder(s) {
        return Vec::new();
    }
    let text = if may_code(s) {
        CODE.replace_all(s, " $1 ")
    } else {
        Cow::Borrowed(s)
    };
    let text = if may_link(&text) {
        replace_links(text, "]()")
    } else {
        text
    };
    let mut v: Vec<String> = PLACEHOLDER
        .find_iter(&text)
        .map(|m| m.as_str().replace("&lt;", "<").replace("&gt;", ">"))
        .filter(|p| !(p.starts_with('<') && is_html(p.trim_matches(['<', '>', '/']))))
        .collect();
    v.sort();
    v
}

/// Link targets with the locale segment of URLs normalized, sorted.
pub fn links(s: &str) -> Vec<String> {
    if !may_link(s) {
        return Vec::new();
    }
    let mut v: Vec<String> = link_matches(s)
        .map(|m| link_group(&s[m]))
        .map(|url| {
            if url.contains('-') {
                LOCALE_IN_URL.replace_all(url, "/LOCALE/").into_owned()
            } else {
                url.to_string()
            }
        })
        .collect();
    v.sort();
    v
}

/// The target a match of [`LINK_PATTERN`] captures, read off the match: for
/// `](target "title")` the run after `](`, blanks and `<` up to `)`, a
/// blank or `>` (the pattern's class, which the match ends after); for
/// `href = "target"` what the quotes hold.
fn link_group(m: &str) -> &str {
    match m.strip_prefix("](") {
        Some(rest) => {
            let rest = rest.trim_start();
            let rest = rest.strip_prefix('<').unwrap_or(rest);
            let end = rest
                .find(|c: char| c == ')' || c == '>' || c.is_whitespace())
                .unwrap_or(rest.len());
            &rest[..end]
        }
        None => {
            let open = m.find('"').map_or(m.len(), |i| i + 1);
            &m[open..m.len().saturating_sub(1).max(open)]
        }
    }
}

/// The element name a match of [`TAG`] captures: the letters and digits
/// after `<` or `</`.
fn tag_name(m: &str) -> &str {
    let m = m.strip_prefix("</").unwrap_or(&m[1..]);
    let end = m
        .bytes()
        .position(|b| !b.is_ascii_alphanumeric())
        .unwrap_or(m.len());
    &m[..end]
}

/// `s` without inline code, with link destinations replaced by `link`
/// and placeholders by a space. The patterns run only where their first
/// characters occur.
pub(crate) fn prose_of<'s>(s: &'s str, link: &str) -> Cow<'s, str> {
    let text = without_code(s);
    let text = if may_link(&text) {
        replace_links(text, link)
    } else {
        text
    };
    if may_placeholder(&text) {
        replace(&PLACEHOLDER, text, " ")
    } else {
        text
    }
}

/// Numbers of the prose as written (`1,000`, `2.5`), in order.
pub fn numbers_as_written(s: &str) -> Vec<String> {
    NUMBER
        .find_iter(&prose_of(s, "]()"))
        .map(|m| m.as_str().to_string())
        .collect()
}

/// Does `s` hold a numeric character ([`char::is_numeric`])? Every number
/// starts with one. ASCII digits are found without decoding characters.
pub(crate) fn has_numeric(s: &str) -> bool {
    s.bytes().any(|b| b.is_ascii_digit())
        || (!s.is_ascii() && s.chars().any(|c| !c.is_ascii() && c.is_numeric()))
}

/// Numbers of the prose (not in code, links or placeholders), digits only, sorted.
pub fn numbers(s: &str) -> Vec<String> {
    // every number starts with a digit (`\d`: a Unicode decimal digit)
    if !has_numeric(s) {
        return Vec::new();
    }
    let text = prose_of(s, "]()");
    let mut v: Vec<String> = NUMBER
        .find_iter(&text)
        .map(|m| {
            m.as_str()
                .chars()
                .filter(char::is_ascii_digit)
                .collect::<String>()
        })
        .collect();
    v.sort();
    v
}

/// Markup tokens: emphasis delimiters and HTML element names, sorted.
/// Underscores that delimit emphasis (`_Title_`, `の_filter_を`): an
/// underscore with no ASCII letter, digit or underscore on one side (those
/// inside `snake_case` names have them on both).
fn emphasis_underscores(text: &str) -> usize {
    let b = text.as_bytes();
    let word = |c: u8| c.is_ascii_alphanumeric() || c == b'_';
    memchr::memchr_iter(b'_', b)
        .filter(|&i| {
            let before = i.checked_sub(1).map(|j| b[j]);
            let after = b.get(i + 1).copied();
            // a delimiter touches text on one side and not the other
            let open = before.is_none_or(|c| !word(c))
                && after.is_some_and(|c| !c.is_ascii_whitespace() && c != b'_');
            let close = after.is_none_or(|c| !word(c))
                && before.is_some_and(|c| !c.is_ascii_whitespace() && c != b'_');
            open || close
        })
        .count()
}

pub fn markup(s: &str) -> Vec<String> {
    let text = without_code(s);
    let mut v: Vec<String> = Vec::new();
    let bold = text.matches("**").count();
    if bold > 0 {
        v.push(format!("** x{bold}"));
    }
    let italic = emphasis_underscores(&text);
    if italic > 0 {
        v.push(format!("_ x{italic}"));
    }
    if text.contains('<') {
        for m in TAG.find_iter(&text) {
            let name = tag_name(m.as_str()).to_ascii_lowercase();
            if is_html(&name) {
                v.push(format!("<{name}>"));
            }
        }
    }
    v.sort();
    v
}

/// Does the text contain words to translate (not only identifiers, scopes,
/// URLs, code, numbers, placeholders)?
pub fn has_translatable_words(s: &str) -> bool {
    // two prose words answer: the rest of the text is not read
    let Some(cut) = token_start(s) else {
        // nothing for `prose_of` to rewrite
        return prose_words(s).nth(1).is_some();
    };
    // `prose_of` changes nothing before the cut, so the words that end
    // there are words of the rewritten text too (the last one may go on)
    let head = &s[..cut];
    let ended = head.rfind(is_word_break).map_or("", |end| &head[..end]);
    prose_words(ended).nth(1).is_some() || prose_words(&prose_of(s, "]")).nth(1).is_some()
}

/// Does the text hold a line to translate: words to translate
/// ([`has_translatable_words`]), or one beside something else
/// (`Namespace: microsoft.graph`)? A word alone (`Response`, `None`) is a
/// label whose translation may follow its context (its case, its gender).
pub fn has_translatable_line(s: &str) -> bool {
    if has_translatable_words(s) {
        return true;
    }
    s.split_whitespace().nth(1).is_some()
        && match token_start(s) {
            None => prose_words(s).next().is_some(),
            Some(_) => prose_words(&prose_of(s, "]")).next().is_some(),
        }
}

/// Where the first inline code, link target or placeholder of `s` could
/// start (what [`prose_of`] rewrites starts with `` ` ``, `]`, `href`,
/// `{`, `&`, `<` or `%`).
fn token_start(s: &str) -> Option<usize> {
    let b = s.as_bytes();
    b.iter().enumerate().position(|(i, &c)| {
        matches!(c, b'`' | b']' | b'{' | b'&' | b'<' | b'%')
            || (c == b'h' && b[i..].starts_with(b"href"))
    })
}

/// Does `c` end a word for [`has_translatable_words`]?
fn is_word_break(c: char) -> bool {
    c.is_whitespace() || matches!(c, '[' | ']' | '(' | ')' | '*' | '|' | ',' | ';' | ':' | '"')
}

/// The words of `text` that are prose: two letters or more, letters,
/// apostrophes and hyphens only (before trailing `.!?`), no identifier.
fn prose_words(text: &str) -> impl Iterator<Item = &str> {
    text.split(is_word_break)
        .filter(|w| !w.is_empty())
        .filter(|w| {
            let w = w.trim_end_matches(['.', '!', '?']);
            w.chars().nth(1).is_some()
                && w.chars()
                    .all(|c| c.is_alphabetic() || c == '\'' || c == '-')
                && !is_identifier(w)
        })
}

/// camelCase, PascalCase with inner capitals, dotted or underscored names.
pub fn is_identifier(w: &str) -> bool {
    let inner_upper = w.chars().skip(1).any(|c| c.is_ascii_uppercase());
    let first_lower = w.chars().next().is_some_and(|c| c.is_ascii_lowercase());
    (first_lower && inner_upper)
        || w.bytes()
            .any(|b| matches!(b, b'.' | b'_' | b'/' | b'@' | b'$'))
        || (w.len() > 1 && w.chars().all(|c| c.is_ascii_uppercase()))
}

/// Multiset difference: items of `a` not matched in `b`.
pub fn missing(a: &[String], b: &[String]) -> Vec<String> {
    let mut b = b.to_vec();
    let mut out = Vec::new();
    for x in a {
        match b.iter().position(|y| y == x) {
            Some(i) => {
                b.remove(i);
            }
            None => out.push(x.clone()),
        }
    }
    out
}

/// Are two names one small edit apart (a renamed or mistyped link
/// target, a mistyped key): at most two characters inserted, deleted or
/// replaced, in names of five characters or more?
pub fn near(a: &str, b: &str) -> bool {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    if a.len().min(b.len()) < 5 || a.len().abs_diff(b.len()) > 2 {
        return false;
    }
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            cur[j + 1] = (prev[j] + usize::from(ca != cb))
                .min(prev[j + 1] + 1)
                .min(cur[j] + 1);
        }
        prev = cur;
    }
    prev[b.len()] <= 2
}

#[cfg(test)]
mod tests {
    #[test]
    fn emphasis_underscores_skip_names() {
        use super::emphasis_underscores as n;
        assert_eq!(n("a _Title_ column"), 2);
        assert_eq!(n("の_filter_を、_type_。"), 4);
        assert_eq!(n("client_credentials and __init"), 0);
        assert_eq!(n("_start_, _end_"), 4);
        assert_eq!(n("broken _ emphasis"), 0);
        assert_eq!(n("_重要: _"), 1);
    }

    #[test]
    fn near_is_two_edits_in_names_of_five_or_more() {
        assert!(near("outlookcategory", "outlookcategory-x"));
        assert!(near("permissions-reference", "permission-reference"));
        assert!(near("blockTyp", "blockType"));
        assert!(!near("outlookcategory", "outlookcategory-xyz"));
        assert!(!near("user", "users"));
        assert!(!near("message", "event"));
    }

    use super::*;

    #[test]
    fn code_content_strips_one_space_only_from_both_ends() {
        assert_eq!(code_content(" a "), "a");
        assert_eq!(code_content("  a  "), " a ");
        assert_eq!(code_content("200 OK "), "200 OK ");
        assert_eq!(code_content(" x"), " x");
        assert_eq!(code_content("  "), "  ");
        assert_eq!(code_content(" "), " ");
    }

    #[test]
    fn groups_read_off_matches_equal_the_captures() {
        let texts = [
            "see [a](../x.md) and [b]( <https://h/p> \"t\" ) or <a href = \"q.md\">",
            "[x](y)[z](<w>) href=\"\u{e9}\" [](a\tb) ](\u{3000}u)",
            "`code` and `` and ` a b ` <b>x</b> </SPAN_x> <em1 > <a\u{e9}>",
        ];
        for t in texts {
            let captured: Vec<&str> = LINK
                .captures_iter(t)
                .filter_map(|c| c.get(1).or_else(|| c.get(2)))
                .map(|m| m.as_str())
                .collect();
            let read: Vec<&str> = LINK.find_iter(t).map(|m| link_group(m.as_str())).collect();
            assert_eq!(read, captured, "{t:?}");
            let captured: Vec<String> = CODE
                .captures_iter(t)
                .map(|c| code_content(&c[1]).to_string())
                .collect();
            assert_eq!(inline_code(t), captured, "{t:?}");
            let names: Vec<String> = TAG
                .captures_iter(t)
                .map(|c| c[1].to_ascii_lowercase())
                .collect();
            let read: Vec<String> = TAG
                .find_iter(t)
                .map(|m| tag_name(m.as_str()).to_ascii_lowercase())
                .collect();
            assert_eq!(read, names, "{t:?}");
        }
    }

    #[test]
    fn placeholders_survive_or_not() {
        assert_eq!(placeholders("Bearer {token}. Required."), ["{token}"]);
        assert_eq!(
            placeholders("ベアラー &lt;トークン&gt;が必須。"),
            ["<トークン>"]
        );
        assert_eq!(placeholders("a <b>bold</b> `{code}` %s"), ["%s", "{code}"]);
    }

    #[test]
    fn translatable() {
        assert!(has_translatable_words("Not supported."));
        assert!(!has_translatable_words(
            "DeviceManagementManagedDevices.PriviligedOperation.All"
        ));
        assert!(!has_translatable_words("application/json"));
        assert!(!has_translatable_words("`GET /me` {id}"));
    }

    #[test]
    fn has_numeric_is_any_numeric() {
        for c in (0..=0x10ffff).filter_map(char::from_u32) {
            for s in [format!("ab{c}é"), format!("{c}")] {
                assert_eq!(has_numeric(&s), s.chars().any(char::is_numeric), "{c:?}");
            }
        }
        assert!(!has_numeric(""));
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig { cases: 4000, ..Default::default() })]
        /// The anchored search at the places a link can start finds what
        /// the search of the whole text finds, and replaces as it does.
        #[test]
        fn link_matches_are_the_patterns(
            parts in proptest::collection::vec(proptest::sample::select(vec![
                "]", "(", ")", "](", "](u)", "](<u>)", "](<)", "]( u \"t\" )", "](u \"", "<", ">",
                "\"", "href", "href=\"", "href = \"x\"", "hre", "f", "h", " ", "\t", "\n",
                "\u{3000}", "u", "é", "日", "[a]", "x.md", "#frag", "=",
            ]), 0..14)
        ) {
            let s = parts.concat();
            let found: Vec<_> = link_matches(&s).collect();
            let expected: Vec<_> = LINK.find_iter(&s).map(|m| m.range()).collect();
            proptest::prop_assert_eq!(found, expected, "{:?}", s);
            proptest::prop_assert_eq!(
                replace_links(Cow::Borrowed(&s), "]()"),
                LINK.replace_all(&s, "]()"),
                "{:?}", s
            );
        }

        /// The answer read off the words before the first token equals the
        /// answer on the whole rewritten text.
        #[test]
        fn translatable_words_shortcut_is_exact(
            parts in proptest::collection::vec(proptest::sample::select(vec![
                "Gets", "the", "user", "a", "é", "x-y", "it's", "userId", "ID", "v1.0", " ",
                " ", ",", ":", "(", ")", "[", "]", "](", "](u)", "`", "`c`", "{", "}", "{id}",
                "&lt;", "&gt;", "<", ">", "<b>", "%s", "%", "href=\"u\"", "href", "h", "ref",
                "\"", "*", "|", ";", ".", "!", "?", "1", "\u{3000}", "ユーザー",
            ]), 0..16)
        ) {
            let s = parts.concat();
            proptest::prop_assert_eq!(
                has_translatable_words(&s),
                prose_words(&prose_of(&s, "]")).nth(1).is_some(),
                "{:?}", s
            );
        }
    }

    #[test]
    fn links_ignore_locale() {
        assert_eq!(
            links("[x](https://d.com/en-us/a) [y](../b.md)"),
            ["../b.md", "https://d.com/LOCALE/a"]
        );
    }
}
