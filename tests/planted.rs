//! Planted defects: real pages (tests/fixtures/sample, or the shared sample
//! with `LOCDOC_SAMPLE`) get one defect each, of each kind the linter
//! promises to catch; the matching rule must report one more finding than on
//! the untouched page. Detection rate per rule and locale is printed; the
//! test requires ≥ 95% per rule.

mod common;
use common::TempTree;
use locdoc::lint::config::Config;
use locdoc::lint::engine::{lint, Options};
use regex::Regex;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

type Plant = fn(&str) -> Option<String>;

/// The localized halves of a span-pair text: (start, end) byte ranges.
fn targets(text: &str) -> Vec<(usize, usize, String)> {
    let re = Regex::new(r#"<span data-ttu-id="([^"]+)">(.*?)</span><span class="sxs-lookup"><span data-stu-id="[^"]+">(.*?)</span></span>"#).unwrap();
    re.captures_iter(text)
        .map(|c| {
            let m = c.get(2).unwrap();
            (m.start(), m.end(), c[3].to_string())
        })
        .collect()
}

/// Replaces, in the first localized half whose English satisfies `pick`,
/// the text with `edit(localized, english)`.
fn edit_target(
    text: &str,
    pick: impl Fn(&str, &str) -> bool,
    edit: impl Fn(&str, &str) -> Option<String>,
) -> Option<String> {
    for (s, e, english) in targets(text) {
        let local = &text[s..e];
        if pick(local, &english) {
            if let Some(new) = edit(local, &english) {
                if new != local {
                    return Some(format!("{}{}{}", &text[..s], new, &text[e..]));
                }
            }
        }
    }
    None
}

fn plant_placeholder(t: &str) -> Option<String> {
    let re = Regex::new(r"\{[A-Za-z][\w-]*\}").unwrap();
    edit_target(
        t,
        |l, en| re.is_match(en) && re.find(l).is_some_and(|m| en.contains(m.as_str())),
        |l, _| {
            let m = re.find(l)?;
            Some(format!("{}{{ИД}}{}", &l[..m.start()], &l[m.end()..]))
        },
    )
}

/// Drops the delimiters of the first match of `pattern` (one group: the
/// content) in a localized half whose English half has one too.
fn unwrap_first(t: &str, pattern: &str) -> Option<String> {
    let re = Regex::new(pattern).unwrap();
    edit_target(
        t,
        |l, en| re.is_match(en) && re.is_match(l),
        |l, _| {
            let c = re.captures(l)?;
            let m = c.get(0)?;
            Some(format!("{}{}{}", &l[..m.start()], &c[1], &l[m.end()..]))
        },
    )
}

fn plant_inline_code(t: &str) -> Option<String> {
    unwrap_first(t, r"`([^`]+)`")
}

fn plant_link(t: &str) -> Option<String> {
    let re = Regex::new(r"\]\(([^)\s]+)\)").unwrap();
    edit_target(
        t,
        |l, en| re.is_match(en) && re.is_match(l),
        |l, _| {
            let m = re.captures(l)?.get(1)?;
            Some(format!(
                "{}{}-x{}",
                &l[..m.start()],
                m.as_str(),
                &l[m.end()..]
            ))
        },
    )
}

fn plant_number(t: &str) -> Option<String> {
    let re = Regex::new(r"\b([2-9]\d{1,3})\b").unwrap();
    edit_target(
        t,
        |l, en| {
            !en.contains('`')
                && !en.contains("](")
                && re.is_match(en)
                && re.is_match(l)
                && !l.contains('`')
        },
        |l, _| {
            let m = re.find(l)?;
            let n: u32 = m.as_str().parse().ok()?;
            Some(format!("{}{}{}", &l[..m.start()], n + 1, &l[m.end()..]))
        },
    )
}

fn plant_markup(t: &str) -> Option<String> {
    unwrap_first(t, r"\*\*([^*]+)\*\*")
}

fn plant_protocol(t: &str) -> Option<String> {
    edit_target(
        t,
        |l, en| (en == "Authorization" || en == "Content-Type") && l == en,
        |_, en| {
            Some(if en == "Authorization" {
                "Autorisierung".into()
            } else {
                "Inhaltstyp".into()
            })
        },
    )
}

fn plant_untranslated(t: &str) -> Option<String> {
    edit_target(
        t,
        |l, en| {
            l != en
                && en.split_whitespace().count() >= 4
                && !en.contains('`')
                && !en.contains('{')
                && en.is_ascii()
        },
        |_, en| Some(en.to_string()),
    )
}

fn plant_empty(t: &str) -> Option<String> {
    edit_target(
        t,
        |l, en| !l.trim().is_empty() && en.split_whitespace().count() >= 2,
        |_, _| Some(String::new()),
    )
}

fn plant_id_mismatch(t: &str) -> Option<String> {
    let re = Regex::new(r#"data-stu-id="([0-9a-f]+-)(p?)(\d+)""#).unwrap();
    let c = re.captures(t)?;
    let m = c.get(0)?;
    Some(format!(
        "{}data-stu-id=\"{}{}9{}\"{}",
        &t[..m.start()],
        &c[1],
        &c[2],
        &c[3],
        &t[m.end()..]
    ))
}

fn plant_unpaired(t: &str) -> Option<String> {
    let re =
        Regex::new(r#"<span class="sxs-lookup"><span data-stu-id="[^"]+">[^<]*</span></span>"#)
            .unwrap();
    let m = re.find_iter(t).nth(3)?;
    Some(format!("{}{}", &t[..m.start()], &t[m.end()..]))
}

fn plant_malformed(t: &str) -> Option<String> {
    let re = Regex::new(r#"(<span data-ttu-id="[^"]+">[^<]*)</span>(<span class="sxs-lookup">)"#)
        .unwrap();
    let c = re.captures_iter(t).nth(3)?;
    let m = c.get(0)?;
    Some(format!(
        "{}{}{}{}",
        &t[..m.start()],
        &c[1],
        &c[2],
        &t[m.end()..]
    ))
}

fn plant_duplicate(t: &str) -> Option<String> {
    let re = Regex::new(r#"data-ttu-id="([^"]+)""#).unwrap();
    let ids: Vec<String> = re.captures_iter(t).map(|c| c[1].to_string()).collect();
    let (a, b) = (ids.get(2)?, ids.get(3)?);
    Some(t.replacen(&format!("\"{b}\""), &format!("\"{a}\""), 2))
}

fn plant_response_code(t: &str) -> Option<String> {
    // only where the Response prose states a code to contradict
    if !Regex::new(r"`[1-5]\d\d [A-Z]").unwrap().is_match(t) {
        return None;
    }
    let re = Regex::new(r"HTTP/1\.1 (200 OK|201 Created|204 No Content)").unwrap();
    let m = re.find(t)?;
    let new = if m.as_str().contains("200") {
        "HTTP/1.1 202 Accepted"
    } else {
        "HTTP/1.1 200 OK"
    };
    Some(format!("{}{}{}", &t[..m.start()], new, &t[m.end()..]))
}

fn plant_example_endpoint(t: &str) -> Option<String> {
    let re = Regex::new(r"(?m)^(GET|POST|PATCH|PUT|DELETE) (https://graph\.microsoft\.com/(?:v1\.0|beta))(/[^\s?]+)").unwrap();
    let c = re.captures(t)?;
    let m = c.get(3)?;
    Some(format!(
        "{}/planted{}{}",
        &t[..m.start()],
        m.as_str(),
        &t[m.end()..]
    ))
}

/// The byte ranges of the bodies of the fenced code blocks of a page (the
/// lines between the fences).
fn fenced_bodies(t: &str) -> Vec<(usize, usize)> {
    let fence = Regex::new(r"(?m)^[ \t]*```").unwrap();
    let marks: Vec<usize> = fence.find_iter(t).map(|m| m.start()).collect();
    marks
        .chunks(2)
        .filter_map(|pair| {
            let [open, close] = pair else { return None };
            let start = t[*open..].find('\n')? + open + 1;
            (start <= *close).then_some((start, *close))
        })
        .collect()
}

fn plant_json(t: &str) -> Option<String> {
    // a comma ending a member line of a JSON sample (a json block, or the
    // body of an HTTP example), before any mark of a shortened sample
    let member =
        Regex::new(r#"(?m)^\s*"[^"\n]*"\s*:\s*(?:"[^"\n]*"|\d+|true|false|null),[ \t]*$"#).unwrap();
    for (start, end) in fenced_bodies(t) {
        let body = &t[start..end];
        let Some(m) = member.find(body) else { continue };
        if ["...", "…", "//", "{id}", "<"]
            .iter()
            .any(|mark| body[..m.end()].contains(mark))
        {
            continue;
        }
        let comma = start + m.start() + m.as_str().rfind(',')?;
        return Some(format!("{}{}", &t[..comma], &t[comma + 1..]));
    }
    None
}

fn plant_anchor(t: &str) -> Option<String> {
    // a link to a misspelled section anchor of the page, after the first
    // paragraph under its title
    let anchor =
        Regex::new(r#"<a name="(permissions|http-request|request-headers|response)">"#).unwrap();
    let name = anchor.captures(t)?[1].to_string();
    let title = Regex::new(r"(?m)^# .*\n+[^\n#|<`]+").unwrap();
    let at = title.find(t)?.end();
    let typo = format!("{}{}", &name[..name.len() - 1], "x");
    Some(format!("{} [→](#{typo}){}", &t[..at], &t[at..]))
}

/// The front matter of a page: the byte range of its lines between the
/// `---` lines (the end is the line break before the closing `---`).
fn front_matter(t: &str) -> Option<(usize, usize)> {
    let rest = t.strip_prefix("---\n")?;
    Some((4, rest.find("\n---")? + 4))
}

fn plant_front_matter_unclosed(t: &str) -> Option<String> {
    let (s, e) = front_matter(t)?;
    let re = Regex::new(r"(?m)^title:[ \t]*(.+)$").unwrap();
    let c = re.captures(&t[s..e])?;
    let v = c.get(1)?;
    Some(format!(
        "{}[{}{}",
        &t[..s + v.start()],
        v.as_str(),
        &t[s + v.end()..]
    ))
}

fn plant_front_matter_twice(t: &str) -> Option<String> {
    let (s, e) = front_matter(t)?;
    let re = Regex::new(r"(?m)^description:.*$").unwrap();
    let m = re.find(&t[s..e])?;
    let at = s + m.end();
    Some(format!("{}\ndescription: planted{}", &t[..at], &t[at..]))
}

fn plant_front_matter_unterminated(t: &str) -> Option<String> {
    // the closing `---` line lost
    let (_, e) = front_matter(t)?;
    Some(format!("{}{}", &t[..e], &t[e + 4..]))
}

fn plant_permissions(t: &str) -> Option<String> {
    // the first scope of the permissions table, its first dot spaced out
    let section = Regex::new(r#"(?m)^#+ .*name="permissions""#).unwrap();
    let from = section.find(t)?.end();
    let to = t[from..].find("\n#").map_or(t.len(), |i| from + i);
    let scope = Regex::new(
        r"\b([A-Z][A-Za-z]+)\.((?:Read|ReadWrite|ReadBasic|Manage|Send)[A-Za-z]*(?:\.All)?)\b",
    )
    .unwrap();
    let m = scope.captures(&t[from..to])?;
    let whole = m.get(0)?;
    Some(format!(
        "{}{}. {}{}",
        &t[..from + whole.start()],
        &m[1],
        &m[2],
        &t[from + whole.end()..]
    ))
}

fn plant_annotation(t: &str) -> Option<String> {
    let re = Regex::new(r#"<!--\s*\{[^}]*"name":\s*"[^"]+(")"#).unwrap();
    let q = re.captures(t)?.get(1)?;
    Some(format!("{}{}", &t[..q.start()], &t[q.end()..]))
}

fn plant_operation_name(t: &str) -> Option<String> {
    // an action or function page (`recoverPasscode action`: its anchor);
    // the operation in the HTTP request section renamed
    let anchor = Regex::new(r#"(?m)^# <a name="([a-z][a-z0-9]*)-(?:action|function)">"#).unwrap();
    let op = anchor.captures(t)?[1].to_string();
    let section = Regex::new(r#"(?m)^#+ .*name="http-request""#).unwrap();
    let from = section.find(t)?.end();
    let to = t[from..].find("\n#").map_or(t.len(), |i| from + i);
    let call = Regex::new(r"/([A-Za-z][A-Za-z0-9]*)(?:\(|\s|$)").unwrap();
    let m = call
        .captures_iter(&t[from..to])
        .filter_map(|c| c.get(1))
        .find(|m| m.as_str().to_ascii_lowercase() == op)?;
    Some(format!(
        "{}{}Planted{}",
        &t[..from + m.start()],
        m.as_str(),
        &t[from + m.end()..]
    ))
}

fn plant_request_body(t: &str) -> Option<String> {
    // the body of the first example request that sends one, dropped; on a
    // page whose Request body section tells of the body by a table of
    // properties, a resource link, or in English (a plain page that says
    // so only in its language cannot be judged alone)
    let section = Regex::new(r#"(?m)^#+ .*name="request-body""#).unwrap();
    let from = section.find(t)?.end();
    let to = t[from..].find("\n#").map_or(t.len(), |i| from + i);
    let said = &t[from..to];
    if !(said.contains("\n|") || said.contains("resources/") || said.contains("sxs-lookup")) {
        return None;
    }
    let fence = Regex::new(r"(?m)^\s*```(?:http|HTTP)\s*\n\s*(?:POST|PATCH|PUT) https://").unwrap();
    let m = fence.find(t)?;
    let start = m.start();
    let end = t[m.end()..].find("```").map(|i| m.end() + i)?;
    let block = &t[start..end];
    let blank = block.find("\n\n").or_else(|| block.find("\r\n\r\n"))?;
    if !block[blank..].trim_start().starts_with(['{', '[']) {
        return None;
    }
    Some(format!("{}\n{}", &t[..start + blank], &t[end..]))
}

fn plant_id_prefix(t: &str) -> Option<String> {
    // one pair's ids (both halves) moved to another prefix
    let re = Regex::new(r#"data-ttu-id="([0-9a-f]{5})-(p?\d+)""#).unwrap();
    let c = re.captures_iter(t).nth(2)?;
    let (prefix, n) = (&c[1], &c[2]);
    let other = if prefix == "fffff" { "eeeee" } else { "fffff" };
    let (ttu, stu) = (
        format!("data-ttu-id=\"{prefix}-{n}\""),
        format!("data-stu-id=\"{prefix}-{n}\""),
    );
    Some(
        t.replacen(&ttu, &format!("data-ttu-id=\"{other}-{n}\""), 1)
            .replacen(&stu, &format!("data-stu-id=\"{other}-{n}\""), 1),
    )
}

fn plant_locale(t: &str) -> Option<String> {
    // the front matter declares another locale of the corpus
    let re = Regex::new(r"(?m)^ms\.contentlocale:[ \t]*([A-Za-z]{2})(-[A-Za-z]+)?[ \t]*$").unwrap();
    let c = re.captures(t)?;
    let other = match c[1].to_ascii_lowercase().as_str() {
        "de" => "ja-JP",
        "ja" => "de-DE",
        "ru" => "zh-CN",
        "zh" => "ru-RU",
        "fr" => "ko-KR",
        "ko" => "pt-BR",
        _ => "fr-FR",
    };
    let m = c.get(0)?;
    Some(format!(
        "{}ms.contentlocale: {other}{}",
        &t[..m.start()],
        &t[m.end()..]
    ))
}

// ---- variants: other ways the same kinds of defect are made -----------

fn plant_placeholder_case(t: &str) -> Option<String> {
    // `{id}` → `{Id}` (de), the placeholder's case changed
    let re = Regex::new(r"\{([a-z])([\w-]*)\}").unwrap();
    edit_target(
        t,
        |l, en| re.find(en).is_some_and(|m| l.contains(m.as_str())),
        |l, en| {
            let m = re.find(en)?;
            let c = re.captures(m.as_str())?;
            let upper = format!("{{{}{}}}", c[1].to_uppercase(), &c[2]);
            Some(l.replacen(m.as_str(), &upper, 1))
        },
    )
}

fn plant_placeholder_dropped(t: &str) -> Option<String> {
    // the placeholder left out of the localized half
    let re = Regex::new(r"\{[A-Za-z][\w-]*\}").unwrap();
    edit_target(
        t,
        |l, en| re.find(en).is_some_and(|m| l.contains(m.as_str())),
        |l, en| Some(l.replacen(re.find(en)?.as_str(), "", 1)),
    )
}

fn plant_inline_code_changed(t: &str) -> Option<String> {
    // the text inside backticks translated
    let re = Regex::new(r"`([A-Za-z][A-Za-z0-9]{2,})`").unwrap();
    edit_target(
        t,
        |l, en| re.find(en).is_some_and(|m| l.contains(m.as_str())),
        |l, en| {
            let m = re.find(en)?;
            Some(l.replacen(m.as_str(), "`Wert`", 1))
        },
    )
}

fn plant_link_dropped(t: &str) -> Option<String> {
    // a link of the localized half reduced to its text
    unwrap_first(t, r"\[([^\]]+)\]\([^)\s]+\)")
}

fn plant_markup_italic(t: &str) -> Option<String> {
    // the asterisks of an italic span dropped (the characters around kept)
    let re = Regex::new(r"(^|[^*\w])\*([^*\s][^*]*)\*([^*\w]|$)").unwrap();
    edit_target(
        t,
        |l, en| re.is_match(en) && re.is_match(l),
        |l, _| {
            let c = re.captures(l)?;
            let m = c.get(0)?;
            Some(format!(
                "{}{}{}{}{}",
                &l[..m.start()],
                &c[1],
                &c[2],
                &c[3],
                &l[m.end()..]
            ))
        },
    )
}

fn plant_markup_tag(t: &str) -> Option<String> {
    // an HTML tag of the localized half dropped (`<br/>`, `<b>`)
    let re = Regex::new(r"<(?:br\s*/?|/?b|/?i|/?code)>").unwrap();
    edit_target(
        t,
        |l, en| re.is_match(en) && re.is_match(l),
        |l, _| Some(l.replacen(re.find(l)?.as_str(), " ", 1)),
    )
}

fn plant_number_dropped(t: &str) -> Option<String> {
    // a number of the localized half left out
    let re = Regex::new(r"\b([2-9]\d{1,3})\b").unwrap();
    edit_target(
        t,
        |l, en| {
            !en.contains('`')
                && !en.contains("](")
                && !l.contains('`')
                && re.find(en).is_some_and(|m| l.contains(m.as_str()))
        },
        |l, en| Some(l.replacen(re.find(en)?.as_str(), "", 1)),
    )
}

fn plant_empty_spaces(t: &str) -> Option<String> {
    edit_target(
        t,
        |l, en| !l.trim().is_empty() && en.split_whitespace().count() >= 2,
        |_, _| Some("  ".to_string()),
    )
}

fn plant_unpaired_localized(t: &str) -> Option<String> {
    // a localized half dropped, its English half left
    let re =
        Regex::new(r#"<span data-ttu-id="[^"]+">[^<]*</span>(<span class="sxs-lookup">)"#).unwrap();
    let c = re.captures_iter(t).nth(3)?;
    let (m, keep) = (c.get(0)?, c.get(1)?);
    Some(format!(
        "{}{}{}",
        &t[..m.start()],
        keep.as_str(),
        &t[m.end()..]
    ))
}

fn plant_malformed_lookup(t: &str) -> Option<String> {
    // the closing tags of an English half lost
    let re = Regex::new(r#"(<span data-stu-id="[^"]+">[^<]*)</span></span>"#).unwrap();
    let c = re.captures_iter(t).nth(3)?;
    let m = c.get(0)?;
    Some(format!("{}{}{}", &t[..m.start()], &c[1], &t[m.end()..]))
}

fn plant_protocol_plain(t: &str) -> Option<String> {
    // the `Authorization` cell of the request headers table translated (in
    // the page's script)
    let re = Regex::new(r"(?m)^\|\s*Authorization\s*\|").unwrap();
    let m = re.find(t)?;
    let word = if t.chars().any(|c| ('\u{3040}'..='\u{30ff}').contains(&c)) {
        "承認"
    } else if t.chars().any(|c| ('\u{0400}'..='\u{04ff}').contains(&c)) {
        "Авторизация"
    } else if t.chars().any(|c| ('\u{ac00}'..='\u{d7af}').contains(&c)) {
        "권한 부여"
    } else if t.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)) {
        "授权"
    } else {
        "Autorisierung"
    };
    Some(format!("{}| {word} |{}", &t[..m.start()], &t[m.end()..]))
}

fn plant_response_code_prose(t: &str) -> Option<String> {
    // the code the Response section states, changed (the example kept)
    let section = Regex::new(r#"(?m)^#+ .*name="response""#).unwrap();
    let from = section.find(t)?.end();
    let to = t[from..].find("\n#").map_or(t.len(), |i| from + i);
    let re = Regex::new(r"`(200 OK|201 Created|204 No Content)`").unwrap();
    let m = re.find(&t[from..to])?;
    // (where the example response agrees, so that the edit is the defect)
    if !t.contains(&format!("HTTP/1.1 {}", m.as_str().trim_matches('`'))) {
        return None;
    }
    let new = if m.as_str().contains("200") {
        "`202 Accepted`"
    } else {
        "`200 OK`"
    };
    Some(format!(
        "{}{}{}",
        &t[..from + m.start()],
        new,
        &t[from + m.end()..]
    ))
}

fn plant_example_method(t: &str) -> Option<String> {
    // the method of an example request changed (of a path without a key
    // in parentheses, which reads as its collection's)
    let re = Regex::new(r"(?m)^(GET|DELETE) https://graph\.microsoft\.com/(?:v1\.0|beta)/[^\s(]*$")
        .unwrap();
    let m = re.captures(t)?.get(1)?;
    let other = if m.as_str() == "GET" { "PUT" } else { "PATCH" };
    Some(format!("{}{other}{}", &t[..m.start()], &t[m.end()..]))
}

fn plant_unknown_scope(t: &str) -> Option<String> {
    // a scope of the permissions table misspelled: a dot dropped
    let (from, to) = section_range(t, "permissions")?;
    let re = Regex::new(r"\b([A-Z][A-Za-z]+)\.(Read|ReadWrite)\.All\b").unwrap();
    replace_in(t, (from, to), &re, |m| Some(m.replacen(".All", "All", 1)))
}

fn plant_relative_link(t: &str) -> Option<String> {
    // a link to a resource page pointed at a name one letter short
    let re = Regex::new(r"\]\(\.\./resources/([a-z]{4,})\.md").unwrap();
    let m = re.captures(t)?.get(1)?;
    Some(format!(
        "{}{}{}",
        &t[..m.end() - 2],
        &t[m.end() - 1..m.end()],
        &t[m.end()..]
    ))
    .filter(|_| m.len() > 4)
}

/// Files a case needs besides the planted page (`case`: its locale
/// directory, `locale_dir`: the page's locale in the sample); false when
/// the sample cannot give them.
type Setup = fn(case: &Path, locale_dir: &Path, text: &str) -> bool;

/// The permissions reference of the page's locale, for `unknown-permission`.
fn setup_catalogue(case: &Path, locale_dir: &Path, _: &str) -> bool {
    let from = locale_dir.join("concepts/permissions-reference.md");
    let to = case.join("concepts/permissions-reference.md");
    std::fs::create_dir_all(to.parent().unwrap()).unwrap();
    std::fs::copy(from, to).is_ok()
}

/// Every relative page the page links, as empty pages: a complete tree.
fn setup_link_targets(case: &Path, _: &Path, text: &str) -> bool {
    let re = Regex::new(r"\]\(((?:\.\./|\./)?[\w./-]+\.md)(?:#[^)]*)?\)").unwrap();
    for c in re.captures_iter(text) {
        let to = case.join(&c[1]);
        if let Some(dir) = to.parent() {
            std::fs::create_dir_all(dir).unwrap();
        }
        std::fs::write(to, "# Page\n").unwrap();
    }
    true
}

fn setup_for(rule: &str) -> Option<Setup> {
    match rule {
        "unknown-permission" => Some(setup_catalogue),
        "relative-link-broken" => Some(setup_link_targets),
        _ => None,
    }
}

const PLANTS: &[(&str, Plant, bool)] = &[
    // (rule, plant, needs span pairs)
    ("placeholder-mismatch", plant_placeholder, true),
    ("inline-code-mismatch", plant_inline_code, true),
    ("link-mismatch", plant_link, true),
    ("number-mismatch", plant_number, true),
    ("markup-mismatch", plant_markup, true),
    ("protocol-token-translated", plant_protocol, true),
    ("untranslated", plant_untranslated, true),
    ("empty-translation", plant_empty, true),
    ("sxs-id-mismatch", plant_id_mismatch, true),
    ("sxs-unpaired", plant_unpaired, true),
    ("sxs-malformed", plant_malformed, true),
    ("sxs-duplicate-id", plant_duplicate, true),
    ("response-code-mismatch", plant_response_code, false),
    ("example-endpoint-mismatch", plant_example_endpoint, false),
    ("sxs-id-prefix", plant_id_prefix, true),
    ("json-example-invalid", plant_json, false),
    ("anchor-missing", plant_anchor, false),
    ("frontmatter-invalid", plant_front_matter_unclosed, false),
    ("frontmatter-invalid", plant_front_matter_twice, false),
    (
        "frontmatter-invalid",
        plant_front_matter_unterminated,
        false,
    ),
    ("permissions-malformed", plant_permissions, false),
    ("annotation-invalid", plant_annotation, false),
    ("operation-name-mismatch", plant_operation_name, false),
    ("request-body-mismatch", plant_request_body, false),
    ("locale-mismatch", plant_locale, false),
    ("placeholder-mismatch", plant_placeholder_case, true),
    ("placeholder-mismatch", plant_placeholder_dropped, true),
    ("inline-code-mismatch", plant_inline_code_changed, true),
    ("link-mismatch", plant_link_dropped, true),
    ("markup-mismatch", plant_markup_italic, true),
    ("markup-mismatch", plant_markup_tag, true),
    ("number-mismatch", plant_number_dropped, true),
    ("empty-translation", plant_empty_spaces, true),
    ("sxs-unpaired", plant_unpaired_localized, true),
    ("sxs-malformed", plant_malformed_lookup, true),
    ("protocol-token-translated", plant_protocol_plain, false),
    ("response-code-mismatch", plant_response_code_prose, false),
    ("example-endpoint-mismatch", plant_example_method, false),
    ("unknown-permission", plant_unknown_scope, false),
    ("relative-link-broken", plant_relative_link, false),
];

/// Positions and messages of the findings of `rule` when `paths` are
/// linted (with `source` as the English tree), on `file` only if given: a
/// planted defect must add one.
fn findings(
    paths: Vec<PathBuf>,
    source: Option<PathBuf>,
    rule: &str,
    file: Option<&Path>,
) -> Vec<String> {
    let out = lint(&Options {
        paths,
        source,
        config: Config::default(),
        ..Default::default()
    });
    let file = file.map(|f| f.to_string_lossy().to_string());
    out.findings
        .into_iter()
        .filter(|f| f.rule == rule && file.as_ref().is_none_or(|p| f.path == *p))
        .map(|f| format!("{}:{} {}", f.line, f.column, f.message))
        .collect()
}

/// [`findings`] of `rule` in the tree `dir`.
fn messages(dir: &Path, rule: &str) -> Vec<String> {
    findings(vec![dir.to_path_buf()], None, rule, None)
}

/// Did the plant add a finding?
fn added(before: &[String], after: &[String]) -> bool {
    after.iter().any(|m| !before.contains(m))
}

/// Planted defects found and missed, per kind.
#[derive(Default)]
struct Detection {
    stats: BTreeMap<String, (usize, usize)>,
    misses: Vec<String>,
}

impl Detection {
    /// One plant of `kind`: found, or missed (in `case`).
    fn record(&mut self, kind: &str, found: bool, case: impl FnOnce() -> String) {
        let e = self.stats.entry(kind.to_string()).or_default();
        e.1 += 1;
        if found {
            e.0 += 1;
        } else {
            self.misses.push(format!("{kind} {}", case()));
        }
    }

    /// Prints the misses and requires something planted and ≥ 95% of each
    /// kind found (`what`: the defects, for the message).
    fn require(&self, what: &str) {
        for m in &self.misses {
            println!("missed: {m}");
        }
        assert!(!self.stats.is_empty(), "nothing was planted");
        let weak: Vec<String> = self
            .stats
            .iter()
            .filter(|(_, (hit, n))| (*hit as f64) < 0.95 * *n as f64)
            .map(|(r, (hit, n))| format!("{r}: {hit}/{n}"))
            .collect();
        assert!(weak.is_empty(), "{what} under 95% detection: {weak:?}");
    }

    /// Prints the rate of each kind, then [`require`](Self::require)s.
    fn report(&self, what: &str) {
        for (kind, (hit, n)) in &self.stats {
            println!("{kind:40} {hit}/{n}");
        }
        self.require(what);
    }
}

fn sample_root() -> PathBuf {
    std::env::var_os("LOCDOC_SAMPLE")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/sample"))
}

#[test]
fn planted_defects_are_found() {
    plant_everywhere(&sample_root());
}

/// The same on pages translated into locales the corpus does not have
/// (`tests/fixtures/locales`: French, Korean, Brazilian Portuguese): the
/// rules know no language in particular.
#[test]
fn planted_defects_are_found_in_other_locales() {
    plant_everywhere(&Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/locales"));
}

/// Plants each kind of defect in the pages of `root` (`live-sxs/<locale>`,
/// `live/<locale>`) and requires ≥ 95% of them found, per rule.
fn plant_everywhere(root: &Path) {
    let root = root.to_path_buf();
    let tmp = TempTree::new("planted");
    let mut stats: BTreeMap<(&str, String), (usize, usize)> = BTreeMap::new();
    let mut misses: Vec<String> = Vec::new();
    let limit: usize = std::env::var("LOCDOC_PLANT_LIMIT")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(12);
    for tree in ["live-sxs", "live"] {
        let Ok(locales) = std::fs::read_dir(root.join(tree)) else {
            continue;
        };
        let mut locales: Vec<PathBuf> = locales.filter_map(Result::ok).map(|e| e.path()).collect();
        locales.sort();
        for loc_dir in locales {
            let locale = loc_dir.file_name().unwrap().to_string_lossy().to_string();
            let files: Vec<PathBuf> = walkdir::WalkDir::new(&loc_dir)
                .sort_by_file_name()
                .into_iter()
                .filter_map(Result::ok)
                .filter(|e| e.file_type().is_file())
                .map(|e| e.into_path())
                .collect();
            let api_pages: Vec<PathBuf> = files
                .iter()
                .filter(|f| f.to_string_lossy().contains("/api/"))
                .cloned()
                .collect();
            for (rule, plant, needs_pairs) in PLANTS {
                if *needs_pairs && tree != "live-sxs" {
                    continue;
                }
                // page checks are planted in API operation pages
                let files = if *needs_pairs { &files } else { &api_pages };
                let mut tried = 0;
                for f in files {
                    if tried >= limit {
                        break;
                    }
                    let text = std::fs::read_to_string(f).unwrap();
                    let Some(planted) = plant(&text) else {
                        continue;
                    };
                    tried += 1;
                    let case = tmp.join(format!("{rule}-{tried}")).join(&locale);
                    let _ = std::fs::remove_dir_all(&case);
                    std::fs::create_dir_all(&case).unwrap();
                    if let Some(setup) = setup_for(rule) {
                        if !setup(&case, &loc_dir, &text) {
                            tried -= 1;
                            let _ =
                                std::fs::remove_dir_all(tmp.join(format!("{rule}-{}", tried + 1)));
                            continue;
                        }
                    }
                    let name = f.file_name().unwrap();
                    std::fs::write(case.join(name), &text).unwrap();
                    let before = messages(&case, rule);
                    std::fs::write(case.join(name), &planted).unwrap();
                    let after = messages(&case, rule);
                    let e = stats.entry((rule, locale.clone())).or_default();
                    e.1 += 1;
                    if after.iter().any(|m| !before.contains(m)) {
                        e.0 += 1;
                    } else {
                        misses.push(format!("{rule} {locale} {}", f.display()));
                    }
                    let _ = std::fs::remove_dir_all(tmp.join(format!("{rule}-{tried}")));
                }
            }
        }
    }
    let mut per_rule = Detection {
        misses,
        ..Default::default()
    };
    for ((rule, locale), (hit, n)) in &stats {
        println!("{rule:28} {locale:6} {hit}/{n}");
        let e = per_rule.stats.entry(rule.to_string()).or_default();
        e.0 += hit;
        e.1 += n;
    }
    per_rule.require("rules");
}

// ---------------------------------------------------------------------
// Defects of one translation among its group: the page in every locale
// of the sample and the English page, one locale's page planted.

/// The byte range of the section whose heading carries `<a name="NAME">`
/// (or, on an English page, whose heading's text is NAME with spaces),
/// up to the next heading.
fn section_range(t: &str, name: &str) -> Option<(usize, usize)> {
    let heading = Regex::new(r"(?m)^#+ (.*)$").unwrap();
    let from = heading
        .captures_iter(t)
        .find(|c| {
            c[1].contains(&format!("name=\"{name}\""))
                || c[1].trim().to_lowercase().replace(' ', "-") == name
        })?
        .get(0)?
        .end();
    let to = t[from..].find("\n#").map_or(t.len(), |i| from + i);
    Some((from, to))
}

/// Replaces the first match of `re` within `t[range]` by `with(match)`,
/// in the localized text (not in the English half of a span pair).
fn replace_in(
    t: &str,
    (from, to): (usize, usize),
    re: &Regex,
    with: impl Fn(&str) -> Option<String>,
) -> Option<String> {
    let m = re.find_iter(&t[from..to]).find(|m| {
        let before = &t[..from + m.start()];
        !before[before.rfind("<span").unwrap_or(0)..].contains("data-stu-id")
    })?;
    let new = with(m.as_str())?;
    Some(format!(
        "{}{}{}",
        &t[..from + m.start()],
        new,
        &t[from + m.end()..]
    ))
}

fn plant_group_endpoint(t: &str) -> Option<String> {
    // the last literal segment (no placeholder) of the first endpoint's
    // path, one letter more
    let (from, to) = section_range(t, "http-request")?;
    let line = Regex::new(r"(?m)^(?:GET|POST|PATCH|PUT|DELETE) (/[^\s?]*)").unwrap();
    let path = line.captures(&t[from..to])?.get(1)?;
    let segment = Regex::new(r"/([A-Za-z][A-Za-z0-9.]*)(?:/|$|\()").unwrap();
    let last = segment
        .captures_iter(path.as_str())
        .filter_map(|c| c.get(1))
        .last()?;
    let at = from + path.start() + last.end();
    Some(format!("{}s{}", &t[..at], &t[at..]))
}

fn plant_group_permission(t: &str) -> Option<String> {
    // the first scope of the permissions table, narrowed or widened
    let re = Regex::new(r"\b[A-Z][A-Za-z]+(?:\.[A-Z][A-Za-z]+)+\b").unwrap();
    replace_in(t, section_range(t, "permissions")?, &re, |m| {
        Some(match m.strip_suffix(".All") {
            Some(narrow) if narrow.contains('.') => narrow.to_string(),
            _ => format!("{m}.All"),
        })
    })
}

fn plant_group_code(t: &str) -> Option<String> {
    // the success code the Response section names
    let re = Regex::new(r"\b(?:200 OK|201 Created|204 No Content)\b").unwrap();
    replace_in(t, section_range(t, "response")?, &re, |m| {
        Some(
            if m.starts_with("200") {
                "202 Accepted"
            } else {
                "200 OK"
            }
            .to_string(),
        )
    })
}

fn plant_group_header(t: &str) -> Option<String> {
    // a row of the request headers table dropped (not its first)
    let (from, to) = section_range(t, "request-headers")?;
    let rows: Vec<(usize, &str)> = t[from..to]
        .split_inclusive('\n')
        .scan(from, |at, line| {
            let start = *at;
            *at += line.len();
            Some((start, line))
        })
        .filter(|(_, l)| l.trim_start().starts_with('|') && !l.contains("---"))
        .collect();
    // the header row, then at least two rows
    let (start, line) = *rows.get(2)?;
    Some(format!("{}{}", &t[..start], &t[start + line.len()..]))
}

fn plant_group_body_property(t: &str) -> Option<String> {
    // the first property row of the request body table dropped
    let (from, to) = section_range(t, "request-body")?;
    let sep = t[from..to]
        .find("|:-")
        .or_else(|| t[from..to].find("|--"))?
        + from;
    let row = t[sep..to].find('\n')? + sep + 1;
    let end = t[row..to].find('\n').map_or(to, |i| row + i + 1);
    if !t[row..end].trim_start().starts_with('|') || !t[end..to].trim_start().starts_with('|') {
        return None;
    }
    Some(format!("{}{}", &t[..row], &t[end..]))
}

fn plant_group_link(t: &str) -> Option<String> {
    // a link to a resource page pointed at a near name
    let re = Regex::new(r"\]\(\.\./resources/[a-z]+").unwrap();
    let m = re.find(t)?;
    Some(format!("{}s{}", &t[..m.end()], &t[m.end()..]))
}

/// The English commit a page was translated from (`ms.sourcegitcommit`).
fn source_commit(t: &str) -> Option<String> {
    let re = Regex::new(r"(?m)^ms\.sourcegitcommit:[ \t]*(\S+)").unwrap();
    Some(re.captures(t)?[1].to_string())
}

fn plant_group_commit(t: &str) -> Option<String> {
    // translated from another English commit than its peers
    let re = Regex::new(r"(?m)^(ms\.sourcegitcommit:[ \t]*)(\S+)").unwrap();
    let c = re.captures(t)?;
    let v = c.get(2)?;
    let other = if v.as_str().starts_with('0') {
        "1"
    } else {
        "0"
    }
    .repeat(40);
    Some(format!("{}{other}{}", &t[..v.start()], &t[v.end()..]))
}

fn plant_group_structure(t: &str) -> Option<String> {
    // a code block lost in translation (its fences and lines)
    let (start, end) = *fenced_bodies(t).last()?;
    let open = t[..start - 1].rfind('\n').map_or(0, |i| i + 1);
    let close = t[end..].find('\n').map_or(t.len(), |i| end + i + 1);
    Some(format!("{}{}", &t[..open], &t[close..]))
}

const GROUP_PLANTS: &[(&str, Plant, Option<&str>)] = &[
    // (rule, plant, the source rule that also reports it with `--source`)
    (
        "xl-endpoints",
        plant_group_endpoint,
        Some("source-facts-mismatch"),
    ),
    (
        "xl-permissions",
        plant_group_permission,
        Some("source-facts-mismatch"),
    ),
    (
        "xl-response-code",
        plant_group_code,
        Some("source-facts-mismatch"),
    ),
    ("xl-headers", plant_group_header, None),
    ("xl-request-body", plant_group_body_property, None),
    ("xl-links", plant_group_link, None),
    ("xl-source-version", plant_group_commit, None),
    ("xl-structure", plant_group_structure, None),
];

/// The findings of `rule` on `file`, linting the locales under `dir` (and
/// `dir/en-US` as the source when `source`).
fn group_messages(dir: &Path, file: &Path, rule: &str, source: bool) -> Vec<String> {
    let en = dir.join("en-US");
    let paths: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| *p != en)
        .collect();
    findings(paths, source.then_some(en), rule, Some(file))
}

/// Each group defect planted in one locale's page of every API page the
/// sample has in each locale (the planted locale taking turns), in both
/// forms; found by its rule with and without the English source, and by
/// the source rule with it. Also, with the English source: a page missing
/// from one locale is a `missing-translation` of the English page, one
/// made from an older English version than its peers (another commit, an
/// earlier handoff) a `stale-translation`, and one whose title and name
/// match no English page an `orphan-translation`.
#[test]
fn planted_group_defects_are_found() {
    let root = sample_root();
    let tmp = TempTree::new("planted-groups");
    let mut found = Detection::default();
    let handoff = Regex::new(r"(?m)^(ms\.lasthandoff:[ \t]*)(\S+)").unwrap();
    let anchor = Regex::new(r#"(?m)^(# <a name=")([^"]+)(">)"#).unwrap();
    for tree in ["live-sxs", "live"] {
        let Ok(locales) = std::fs::read_dir(root.join(tree)) else {
            continue;
        };
        let mut locales: Vec<String> = locales
            .filter_map(Result::ok)
            .map(|e| e.file_name().to_string_lossy().to_string())
            .collect();
        locales.sort();
        // API pages every locale and the English tree have
        let first = root.join(tree).join(&locales[0]);
        let mut pages: Vec<PathBuf> = walkdir::WalkDir::new(&first)
            .sort_by_file_name()
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_file())
            .filter_map(|e| e.path().strip_prefix(&first).ok().map(Path::to_path_buf))
            .filter(|rel| rel.to_string_lossy().contains("/api/"))
            .filter(|rel| {
                root.join("en-US").join(rel).is_file()
                    && locales
                        .iter()
                        .all(|l| root.join(tree).join(l).join(rel).is_file())
            })
            .collect();
        pages.truncate(40);
        for (n, rel) in pages.iter().enumerate() {
            let case = tmp.join("case");
            let _ = std::fs::remove_dir_all(&case);
            // the page, and another one so that each locale stays in the
            // run when the page is removed from one
            let other = &pages[(n + 1) % pages.len()];
            for l in locales.iter().map(String::as_str).chain(["en-US"]) {
                for rel in [rel, other] {
                    let from = if l == "en-US" {
                        root.join("en-US").join(rel)
                    } else {
                        root.join(tree).join(l).join(rel)
                    };
                    let to = case.join(l).join(rel);
                    std::fs::create_dir_all(to.parent().unwrap()).unwrap();
                    std::fs::copy(&from, &to).unwrap();
                }
            }
            for (k, (rule, plant, source_rule)) in GROUP_PLANTS.iter().enumerate() {
                // (the rules of versions: a locale that shares its English
                // commit with another one)
                let commits: Vec<Option<String>> = locales
                    .iter()
                    .map(|l| {
                        source_commit(&std::fs::read_to_string(case.join(l).join(rel)).unwrap())
                    })
                    .collect();
                let shares = |i: usize| {
                    commits[i].is_some()
                        && (0..locales.len()).any(|j| j != i && commits[j] == commits[i])
                };
                let turn = (n + k) % locales.len();
                let locale = if rule.starts_with("xl-s") {
                    let Some(i) = (0..locales.len())
                        .map(|d| (turn + d) % locales.len())
                        .find(|&i| shares(i))
                    else {
                        continue;
                    };
                    &locales[i]
                } else {
                    &locales[turn]
                };
                let file = case.join(locale).join(rel);
                let text = std::fs::read_to_string(&file).unwrap();
                let Some(planted) = plant(&text) else {
                    continue;
                };
                let mut checks: Vec<(&str, bool)> = vec![(rule, false), (rule, true)];
                // the source rule, where the English page states the fact
                let english = std::fs::read_to_string(case.join("en-US").join(rel)).unwrap();
                checks.extend(
                    source_rule
                        .filter(|_| plant(&english).is_some())
                        .map(|r| (r, true)),
                );
                let before: Vec<Vec<String>> = checks
                    .iter()
                    .map(|(r, s)| group_messages(&case, &file, r, *s))
                    .collect();
                std::fs::write(&file, &planted).unwrap();
                for ((r, s), before) in checks.iter().zip(before) {
                    let after = group_messages(&case, &file, r, *s);
                    let label = format!("{r}{}", if *s { " (--source)" } else { "" });
                    found.record(&label, added(&before, &after), || {
                        format!("{tree} {locale} {}", rel.display())
                    });
                }
                std::fs::write(&file, &text).unwrap();
            }
            // a translation of an older English version than its peers (its
            // commit another, its handoff earlier): stale
            let locale = &locales[(n + 1) % locales.len()];
            let file = case.join(locale).join(rel);
            let text = std::fs::read_to_string(&file).unwrap();
            if let Some(c) = handoff.captures(&text) {
                if let Some(older) = plant_group_commit(&text) {
                    let v = c.get(2).unwrap();
                    let older = older.replacen(
                        &format!("{}{}", &c[1], v.as_str()),
                        &format!("{}01/01/2010", &c[1]),
                        1,
                    );
                    let before = group_messages(&case, &file, "stale-translation", true);
                    std::fs::write(&file, older).unwrap();
                    let after = group_messages(&case, &file, "stale-translation", true);
                    std::fs::write(&file, &text).unwrap();
                    found.record(
                        "stale-translation (--source)",
                        added(&before, &after),
                        || format!("{tree} {locale} {}", rel.display()),
                    );
                }
            }
            // a translation of no English page: its title's anchor and its
            // name both changed (an API renamed or removed in English)
            let locale = &locales[(n + 2) % locales.len()];
            let file = case.join(locale).join(rel);
            let text = std::fs::read_to_string(&file).unwrap();
            if anchor.is_match(&text) {
                let orphan = anchor.replace(&text, "${1}${2}-planted${3}").to_string();
                let moved = file.with_file_name(format!(
                    "{}-planted.md",
                    file.file_stem().unwrap().to_string_lossy()
                ));
                std::fs::remove_file(&file).unwrap();
                std::fs::write(&moved, orphan).unwrap();
                let orphans = group_messages(&case, &moved, "orphan-translation", true);
                std::fs::remove_file(&moved).unwrap();
                std::fs::write(&file, &text).unwrap();
                found.record("orphan-translation (--source)", !orphans.is_empty(), || {
                    format!("{tree} {locale} {}", rel.display())
                });
            }
            // a translation missing from one locale
            let locale = &locales[n % locales.len()];
            let file = case.join(locale).join(rel);
            let english = case.join("en-US").join(rel);
            let before = group_messages(&case, &english, "missing-translation", true);
            std::fs::remove_file(&file).unwrap();
            let after = group_messages(&case, &english, "missing-translation", true);
            let missing = after
                .iter()
                .any(|m| !before.contains(m) && m.contains(locale.as_str()));
            found.record("missing-translation (--source)", missing, || {
                format!("{tree} {locale} {}", rel.display())
            });
        }
    }
    found.report("group defects");
}

// ---------------------------------------------------------------------
// Defects that take more than one page of a locale.

/// The localized halves of a span-pair text, with their English halves:
/// `(start, end, english)` of each localized half.
fn pairs(text: &str) -> Vec<(usize, usize, String)> {
    targets(text)
}

/// A segment whose English the locale's pages translate one way (four
/// times at least, every time alike: three stay, the rule's majority)
/// translated otherwise in one page (the
/// localized half of another segment of that page put in its place): an
/// `inconsistent-translation`. And a page filed under another locale's
/// directory (its `ms.contentlocale` line, if any, dropped so that the
/// directory declares): a `locale-mismatch`.
#[test]
fn planted_locale_defects_are_found() {
    let root = sample_root();
    let tmp = TempTree::new("planted-locale");
    let limit: usize = std::env::var("LOCDOC_PLANT_LIMIT")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(12)
        .min(10);
    let mut found = Detection::default();
    let contentlocale = Regex::new(r"(?m)^ms\.contentlocale:.*\n").unwrap();
    let all_findings = |dir: &Path, rule: &str, file: &Path| {
        findings(vec![dir.to_path_buf()], None, rule, Some(file))
    };
    for tree in ["live-sxs", "live"] {
        let Ok(entries) = std::fs::read_dir(root.join(tree)) else {
            continue;
        };
        let mut locales: Vec<String> = entries
            .filter_map(Result::ok)
            .map(|e| e.file_name().to_string_lossy().to_string())
            .collect();
        locales.sort();
        for (li, locale) in locales.iter().enumerate() {
            let loc_dir = root.join(tree).join(locale);
            let files: Vec<PathBuf> = walkdir::WalkDir::new(&loc_dir)
                .sort_by_file_name()
                .into_iter()
                .filter_map(Result::ok)
                .filter(|e| e.file_type().is_file())
                .map(|e| e.into_path())
                .collect();
            let texts: Vec<String> = files
                .iter()
                .map(|f| std::fs::read_to_string(f).unwrap())
                .collect();

            // inconsistent-translation (span pairs)
            if tree == "live-sxs" {
                // English → its translations across the locale
                let mut seen: BTreeMap<String, Vec<String>> = BTreeMap::new();
                for t in &texts {
                    for (s, e, en) in pairs(t) {
                        seen.entry(en).or_default().push(t[s..e].to_string());
                    }
                }
                let mut tried = 0;
                for (k, t) in texts.iter().enumerate() {
                    if tried >= limit {
                        break;
                    }
                    let ps = pairs(t);
                    let Some(&(s, e, _)) = ps.iter().find(|(s, e, en)| {
                        let all = &seen[en];
                        en.split_whitespace().count() >= 2
                            && en.chars().any(|c| c.is_ascii_lowercase())
                            && all.len() >= 4
                            && all.iter().all(|x| *x == t[*s..*e])
                    }) else {
                        continue;
                    };
                    let local = &t[s..e];
                    let Some(other) = ps
                        .iter()
                        .map(|(s2, e2, _)| &t[*s2..*e2])
                        .find(|o| o.trim() != local.trim() && o.split_whitespace().count() >= 2)
                    else {
                        continue;
                    };
                    let planted = format!("{}{}{}", &t[..s], other, &t[e..]);
                    tried += 1;
                    let case = tmp.join(format!("inconsistent-{tried}")).join(locale);
                    common::copy_dir(&loc_dir, &case);
                    let file = case.join(files[k].strip_prefix(&loc_dir).unwrap());
                    let before = all_findings(&case, "inconsistent-translation", &file);
                    std::fs::write(&file, planted).unwrap();
                    let after = all_findings(&case, "inconsistent-translation", &file);
                    found.record("inconsistent-translation", added(&before, &after), || {
                        format!("{locale} {}", files[k].display())
                    });
                    let _ = std::fs::remove_dir_all(tmp.join(format!("inconsistent-{tried}")));
                }
            }

            // locale-mismatch: under the next locale's directory
            let other = &locales[(li + 1) % locales.len()];
            if other == locale {
                continue;
            }
            let mut tried = 0;
            for (k, t) in texts.iter().enumerate() {
                if tried >= limit || !files[k].to_string_lossy().contains("/api/") {
                    continue;
                }
                let text = contentlocale.replace(t, "").to_string();
                tried += 1;
                let name = files[k].file_name().unwrap();
                let home = tmp.join(format!("home-{tried}")).join(locale);
                let away = tmp.join(format!("away-{tried}")).join(other);
                for d in [&home, &away] {
                    std::fs::create_dir_all(d).unwrap();
                    std::fs::write(d.join(name), &text).unwrap();
                }
                let before = all_findings(&home, "locale-mismatch", &home.join(name));
                let after = all_findings(&away, "locale-mismatch", &away.join(name));
                found.record(
                    "locale-mismatch (directory)",
                    before.is_empty() && !after.is_empty(),
                    || format!("{locale} as {other} {}", files[k].display()),
                );
            }
        }
    }
    found.report("locale defects");
}
