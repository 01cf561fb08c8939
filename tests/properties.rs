//! Properties of the readers on arbitrary input: reading, extraction and
//! model building never panic; well-formed span-pair documents give back
//! exactly the halves they were built from.

use locdoc::model::{self, Vocabulary};
use locdoc::sxs::{self, Side};
use locdoc::Document;
use proptest::prelude::*;

/// Text pieces that exercise the span parser and the Markdown reader.
fn fragment() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-zA-Z0-9 .,:{}<>|#*`_\\[\\]()!-]{0,20}",
        Just("<span data-ttu-id=\"a-1\">".to_string()),
        Just("</span>".to_string()),
        Just("<span class=\"sxs-lookup\">".to_string()),
        Just("<span data-stu-id=\"a-1\">".to_string()),
        Just("\n".to_string()),
        Just("\n\n".to_string()),
        Just("---\n".to_string()),
        Just("| a | b |\n|---|---|\n".to_string()),
        Just("```http\nGET /me\n```\n".to_string()),
        Just("# <a name=\"x\"></a>".to_string()),
        Just("アクセス許可".to_string()),
    ]
}

/// Pieces of an API reference page: front matter, headings, permission
/// tables, HTTP blocks, span pairs, paragraphs.
fn page_fragment() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("---\ntitle: user: get\nms.contentlocale: ja-JP\ndoc_type: apiPageType\n---\n".to_string()),
        Just("# Get user\n\n".to_string()),
        Just("## <a name=\"permissions\"></a>アクセス許可\n\n".to_string()),
        Just("|アクセス許可の種類|アクセス許可|\n|:---|:---|\n|委任 (職場または学校のアカウント)|User.Read, User.ReadWrite|\n|アプリケーション|User.Read.All|\n\n".to_string()),
        Just("## HTTP request\n\n```http\nGET /users/{id}\nPOST /me/events\n```\n\n".to_string()),
        Just("## Request headers\n\n| Name | Description |\n|:--|:--|\n| Authorization | Bearer {token}. Required. |\n\n".to_string()),
        Just("## Response\n\n```http\nHTTP/1.1 200 OK\nContent-type: application/json\n\n{\n  \"id\": \"1\"\n}\n```\n\n".to_string()),
        Just("<span data-ttu-id=\"ab12c-101\">ユーザーを取得します。</span><span class=\"sxs-lookup\"><span data-stu-id=\"ab12c-101\">Get a user.</span></span>\n\n".to_string()),
        Just("- item one\n- item two\n\n".to_string()),
        Just("If successful, this method returns a `200 OK` response code.\n\n".to_string()),
        "[a-zA-Z ]{0,20}\n{0,2}",
    ]
}

/// Segment text without markup that would end a span.
fn half() -> impl Strategy<Value = String> {
    "[a-zA-Z0-9 .,{}_`*()ぁ-んа-я-]{1,30}"
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 1000, ..ProptestConfig::default() })]

    #[test]
    fn any_input_reads_extracts_and_models(parts in prop::collection::vec(fragment(), 0..40)) {
        let text: String = parts.concat();
        let doc = Document::from_text("any.md", &text);
        let _ = doc.extract(Side::Target);
        let _ = doc.extract(Side::Source);
        let _ = model::build(&doc, &Vocabulary::default());
        let _ = model::segments(&doc);
        for d in &doc.diagnostics {
            prop_assert!(d.line as usize <= text.lines().count() + 1);
        }
    }

    #[test]
    fn model_ignores_crlf_and_bom(parts in prop::collection::vec(page_fragment(), 0..30)) {
        let text: String = parts.concat();
        let model_of = |bytes: Vec<u8>| {
            let (src, _) = locdoc::source::Source::decode("ja-JP/p.md", bytes).expect("text");
            let doc = Document::from_text("ja-JP/p.md", &src.text);
            serde_json::to_value(model::build(&doc, &Vocabulary::default())).expect("json")
        };
        let lf = model_of(text.clone().into_bytes());
        let crlf = model_of(text.replace('\n', "\r\n").into_bytes());
        let bom = model_of([&b"\xEF\xBB\xBF"[..], text.as_bytes()].concat());
        let both = model_of([&b"\xEF\xBB\xBF"[..], text.replace('\n', "\r\n").as_bytes()].concat());
        prop_assert_eq!(&lf, &crlf, "CRLF changed the model of {:?}", text);
        prop_assert_eq!(&lf, &bom, "a BOM changed the model of {:?}", text);
        prop_assert_eq!(&lf, &both);
    }

    #[test]
    fn well_formed_pairs_round_trip(
        halves in prop::collection::vec((half(), half()), 1..12),
        glue in prop::collection::vec("[ a-z|]{0,3}\n?", 12),
    ) {
        let mut text = String::new();
        for (i, (t, s)) in halves.iter().enumerate() {
            text.push_str(&glue[i]);
            text.push_str(&format!(
                "<span data-ttu-id=\"ab12c-{n}\">{t}</span><span class=\"sxs-lookup\"><span data-stu-id=\"ab12c-{n}\">{s}</span></span>",
                n = 100 + i
            ));
        }
        let doc = Document::from_text("pairs.md", &text);
        prop_assert!(doc.diagnostics.iter().all(|d| !d.code.starts_with("sxs-")), "{:?}", doc.diagnostics);
        prop_assert_eq!(doc.segments.len(), halves.len());
        for (seg, (t, s)) in doc.segments.iter().zip(&halves) {
            prop_assert_eq!(seg.target_text(&text), t.as_str());
            prop_assert_eq!(seg.source_text(&text), s.as_str());
        }
        // re-wrapping the segments gives back the original text
        let mut rebuilt = String::new();
        let mut pos = 0;
        for seg in &doc.segments {
            rebuilt.push_str(&text[pos..seg.range.start]);
            rebuilt.push_str(&format!(
                "<span data-ttu-id=\"{id}\">{t}</span><span class=\"sxs-lookup\"><span data-stu-id=\"{id}\">{s}</span></span>",
                id = seg.id,
                t = seg.target_text(&text),
                s = seg.source_text(&text)
            ));
            pos = seg.range.end;
        }
        rebuilt.push_str(&text[pos..]);
        prop_assert_eq!(&rebuilt, &text);
        let target = sxs::extract(&text, &doc.segments, Side::Target);
        for (t, _) in &halves {
            let unescaped = t.replace("\\*", "*").replace("\\`", "`");
            prop_assert!(target.contains(&unescaped));
        }
    }
}

/// `extract_lines` of lines `a..b` is those lines of the whole extraction,
/// on either side, whenever it answers.
fn check_extract_lines(path: &str, text: &str) -> Result<usize, TestCaseError> {
    let doc = Document::from_text(path, text);
    let text = &doc.source.text;
    let mut starts = vec![0];
    starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
    let mut answered = 0;
    for side in [Side::Target, Side::Source] {
        let whole = doc.extract(side);
        let mut whole_starts = vec![0];
        whole_starts.extend(whole.match_indices('\n').map(|(i, _)| i + 1));
        for a in 0..starts.len() {
            for b in [a, a + 1, a + 3, starts.len()] {
                let b = b.min(starts.len());
                let end = starts.get(b).copied().unwrap_or(text.len());
                let Some(part) = doc.extract_lines(side, starts[a]..end) else {
                    continue;
                };
                answered += 1;
                let wend = whole_starts.get(b).copied().unwrap_or(whole.len());
                prop_assert_eq!(
                    part.as_str(),
                    &whole[whole_starts[a]..wend],
                    "lines {}..{}",
                    a,
                    b
                );
            }
        }
    }
    Ok(answered)
}

/// Pieces with reference definitions (and their twins) and pairs at line
/// starts whose halves look like links or definitions.
fn definition_fragment() -> impl Strategy<Value = String> {
    prop_oneof![
        fragment(),
        Just("[liste]: ../a/list.md\n[list]: ../a/list.md\n".to_string()),
        Just("[x]: /y\n".to_string()),
        Just("<span data-ttu-id=\"a-2\">[リスト]: /a</span><span class=\"sxs-lookup\"><span data-stu-id=\"a-2\">[list]: /a</span></span>\n".to_string()),
        Just("<span data-ttu-id=\"a-3\">[ユーザー](u.md)を取得</span><span class=\"sxs-lookup\"><span data-stu-id=\"a-3\">[Get](u.md) a user</span></span>\n".to_string()),
        Just("<span data-ttu-id=\"a-4\">[ラベル</span><span class=\"sxs-lookup\"><span data-stu-id=\"a-4\">[label</span></span>]: /z\n".to_string()),
    ]
}

proptest! {
    #[test]
    fn extracted_lines_are_lines_of_the_extraction(parts in prop::collection::vec(definition_fragment(), 0..40)) {
        check_extract_lines("ja-JP/p.md", &parts.concat())?;
    }
}

/// The same on the real span-pair pages of the sample: most keep their
/// lines, so the ranged extraction answers for most of them.
#[test]
fn extracted_lines_on_the_sample() {
    let root =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/sample/live-sxs");
    let (mut files, mut answered) = (0, 0);
    for e in walkdir::WalkDir::new(&root).sort_by_file_name() {
        let e = e.expect("entry");
        if e.path().extension().is_some_and(|x| x == "md") {
            let text = std::fs::read_to_string(e.path()).expect("read");
            let path = e.path().to_string_lossy();
            let n = check_extract_lines(&path, &text).unwrap_or_else(|err| panic!("{path}: {err}"));
            files += 1;
            answered += usize::from(n > 0);
        }
    }
    assert!(files >= 20, "{files} files");
    assert!(
        answered * 2 > files,
        "{answered} of {files} files keep their lines"
    );
}

/// Inputs the fuzz targets (fuzz/) once crashed on, kept as files under
/// tests/fixtures/regressions/: each goes through every reader again with
/// the targets' checks.
#[test]
fn fuzz_regressions() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/regressions");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("regressions directory")
        .map(|e| e.expect("entry").path())
        .collect();
    files.sort();
    assert!(!files.is_empty());
    for path in files {
        let name = path.display().to_string();
        let bytes = std::fs::read(&path).expect("read regression input");
        if let Ok((src, mut diags)) = locdoc::source::Source::decode(&name, bytes.clone()) {
            let fm = locdoc::front_matter::parse(&src, &mut diags);
            let body = locdoc::front_matter::body_start(&src.text);
            assert!(src.text.is_char_boundary(body), "{name}");
            if let Some(fm) = fm {
                assert_eq!(fm.range.end, body, "{name}");
            }
            let lines = src.text.split('\n').count() as u32;
            for d in &diags {
                assert!(d.line <= lines, "{name}: {d:?} beyond line {lines}");
            }
        }
        let text = String::from_utf8_lossy(&bytes);
        let doc = Document::from_text("ja-JP/regression.md", &text);
        let lines = text.split('\n').count() as u32;
        for d in &doc.diagnostics {
            assert!(d.line <= lines, "{name}: {d:?} beyond line {lines}");
        }
        let _ = doc.extract(Side::Target);
        let _ = doc.extract(Side::Source);
        let _ = model::build(&doc, &Vocabulary::default());
        let _ = model::segments(&doc);
    }
}
