//! Acceptance on the five seed documents the product was specified from
//! (tests/fixtures/seeds, © Microsoft, CC BY 4.0): ja and zh span-pair without
//! front matter, ja span-pair with front matter, ru plain with front matter,
//! de plain without any.

use locdoc::document::Form;
use locdoc::model::{self, compare, Grant, PageModel, Vocabulary};
use locdoc::workspace::Workspace;
use std::path::PathBuf;

fn seeds() -> Vec<PageModel> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/seeds");
    let ws = Workspace::load(&[dir]);
    assert_eq!(ws.documents.len(), 5);
    let vocab = Vocabulary::from_documents(&ws.documents);
    ws.documents
        .iter()
        .map(|d| {
            let mut m = model::build(d, &vocab);
            m.segments = model::segments(d);
            m
        })
        .collect()
}

fn name(m: &PageModel) -> &str {
    m.page.rel_path.as_str()
}

#[test]
fn forms_and_locales() {
    let got: Vec<(String, Form, String)> = seeds()
        .iter()
        .map(|m| (name(m).to_string(), m.page.form, m.page.locale.tag.clone()))
        .collect();
    assert_eq!(
        got,
        [
            ("000.md".into(), Form::SpanPair, "ja".into()),
            ("001.md".into(), Form::SpanPair, "zh".into()),
            ("002.md".into(), Form::SpanPair, "ja-JP".into()),
            ("003.md".into(), Form::Plain, "ru-RU".into()),
            ("004.md".into(), Form::Plain, "de".into()),
        ]
    );
}

#[test]
fn recover_passcode_seeds_share_the_api() {
    let models = seeds();
    let recover: Vec<&PageModel> = models
        .iter()
        .filter(|m| m.api.identity == "recoverpasscode-action")
        .collect();
    assert_eq!(recover.len(), 4, "000, 001, 003, 004");
    for m in &recover {
        let a = &m.api;
        assert_eq!(a.endpoints.len(), 3, "{}", name(m));
        assert!(a.endpoints.iter().all(|e| e.method == "POST"));
        let headers: Vec<&str> = a.request_headers.iter().map(|h| h.name.as_str()).collect();
        assert_eq!(headers, ["Authorization", "Accept"], "{}", name(m));
        assert_eq!(
            a.request_body,
            Some(model::RequestBody::None),
            "{}",
            name(m)
        );
        assert_eq!(a.response_codes, [204], "{}", name(m));
        let req = a.examples[0].request.as_ref().unwrap();
        let url = format!(
            "https://{}/{}{}",
            req.host.as_deref().unwrap(),
            req.version.as_deref().unwrap(),
            req.path
        );
        assert_eq!(
            url,
            "https://graph.microsoft.com/v1.0/users/{usersId}/managedDevices/{managedDeviceId}/recoverPasscode"
        );
        let p = a.permissions.as_ref().unwrap();
        assert_eq!(
            p.delegated_work,
            Some(Grant::Scopes(vec![
                "DeviceManagementManagedDevices.PriviligedOperation.All".into()
            ]))
        );
        assert_eq!(p.delegated_personal, Some(Grant::NotSupported));
        let expected_app = if name(m) == "003.md" {
            Grant::Scopes(vec![
                "DeviceManagementManagedDevices.PriviligedOperation.All".into(),
            ])
        } else {
            Grant::NotSupported
        };
        assert_eq!(p.application, Some(expected_app), "{}", name(m));
    }
}

#[test]
fn group_reports_exactly_the_application_difference() {
    let models = seeds();
    let groups = compare::group(&models);
    let recover = groups
        .iter()
        .find(|g| g.key.starts_with("recoverpasscode-action"))
        .unwrap();
    assert_eq!(recover.pages.len(), 4);
    let fields: Vec<&str> = recover
        .differences
        .iter()
        .map(|d| d.field.as_str())
        .collect();
    assert_eq!(fields, ["permissions.application"]);
    let reset = groups
        .iter()
        .find(|g| g.key.starts_with("resetpasscode"))
        .unwrap();
    assert_eq!(reset.pages.len(), 1);
}

#[test]
fn seed_models_snapshot() {
    for m in seeds() {
        let mut m = m;
        m.page.path = m.page.rel_path.clone();
        insta::assert_json_snapshot!(format!("model-{}", name(&m)), m);
    }
}
