//! The language-neutral API model of a page.
//!
//! [`PageModel`] has three parts: `page` (identity and metadata), `api` (the
//! neutral facts: endpoints, permissions, headers, body, responses,
//! examples, section keys), and `segments` (span pairs with their Markdown
//! context), kept beside the neutral part, never mixed into it.
//!
//! **Invariant:** nothing in [`ApiModel`] depends on the language a page is
//! written in. Two pages that describe the same API in different locales
//! and agree have equal `ApiModel`s.

mod build;
pub mod compare;
pub mod headers;
pub mod http;
pub mod permissions;
pub mod vocabulary;

pub use build::{build, build_from, build_queries, build_tracked, build_with, segments};
pub use vocabulary::Vocabulary;

use crate::document::Form;
use crate::locale::Locale;
use crate::markdown::Context;
use serde::Serialize;

/// Everything locdoc knows about one page.
#[derive(Debug, Clone, Serialize)]
pub struct PageModel {
    pub page: PageInfo,
    pub api: ApiModel,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub segments: Vec<SegmentInfo>,
}

/// Identity and metadata of a page.
#[derive(Debug, Clone, Serialize)]
pub struct PageInfo {
    pub path: String,
    /// Path relative to the locale root.
    pub rel_path: String,
    pub locale: Locale,
    pub form: Form,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source_commit: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub handoff: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub localization_priority: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub content_hash: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
}

/// What kind of page this is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum PageKind {
    ApiOperation,
    Resource,
    Enum,
    Concept,
    Other,
}

/// The neutral facts of a page.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ApiModel {
    /// The language-neutral identity: the English anchor of the H1
    /// (`recoverpasscode-action`), else the slug of an English H1, else the path.
    pub identity: String,
    pub kind: PageKind,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub namespace: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub operation: Option<Operation>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub endpoints: Vec<Endpoint>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub permissions: Option<Permissions>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub request_headers: Vec<Header>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub request_body: Option<RequestBody>,
    /// Status codes named in the Response section's prose.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub response_codes: Vec<u16>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub examples: Vec<Example>,
    /// ApiDoctor annotations (`<!-- { "blockType": … } -->`), parsed.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub annotations: Vec<serde_json::Value>,
    /// Section keys in document order (anchors, never localized titles).
    pub sections: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Operation {
    /// `recoverPasscode`, `user`.
    pub name: String,
    /// `action`, `function`, `get`, `list`, `create`, `update`, `delete`, …
    pub kind: String,
}

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Endpoint {
    pub method: String,
    pub path: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub parameters: Vec<String>,
}

/// Permission types of Microsoft identity platform permissions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum PermissionType {
    DelegatedWork,
    DelegatedPersonal,
    Application,
}

impl PermissionType {
    pub const ALL: [PermissionType; 3] = [
        PermissionType::DelegatedWork,
        PermissionType::DelegatedPersonal,
        PermissionType::Application,
    ];
}

/// What a permission type grants: scopes, or not supported.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Grant {
    NotSupported,
    Scopes(Vec<String>),
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Permissions {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub delegated_work: Option<Grant>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub delegated_personal: Option<Grant>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub application: Option<Grant>,
}

impl Permissions {
    pub fn get(&self, t: PermissionType) -> Option<&Grant> {
        match t {
            PermissionType::DelegatedWork => self.delegated_work.as_ref(),
            PermissionType::DelegatedPersonal => self.delegated_personal.as_ref(),
            PermissionType::Application => self.application.as_ref(),
        }
    }

    fn slot(&mut self, t: PermissionType) -> &mut Option<Grant> {
        match t {
            PermissionType::DelegatedWork => &mut self.delegated_work,
            PermissionType::DelegatedPersonal => &mut self.delegated_personal,
            PermissionType::Application => &mut self.application,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Header {
    /// Canonical header name (`Authorization`), whatever the page wrote.
    pub name: String,
    /// A media type named in the value (`application/json`), if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub media_type: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum RequestBody {
    None,
    /// A JSON representation of a resource (the linked resource page's name).
    Resource(String),
    /// Properties listed in a table.
    Properties(Vec<String>),
    /// A body is described but not in a form locdoc reads.
    Described,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Example {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub request: Option<ExampleRequest>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub response: Option<ExampleResponse>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ExampleRequest {
    pub method: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub host: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub version: Option<String>,
    pub path: String,
}

#[derive(Debug, Clone)]
pub struct ExampleResponse {
    pub status: u16,
    /// The body as the example writes it (its lines joined by `\n`, trimmed).
    /// Serialized as its JSON value, and left out when it is no JSON: it
    /// is parsed only when the model is written out, as lint and drift
    /// never read it.
    pub body: Option<String>,
}

impl ExampleResponse {
    /// The body's JSON value, when it parses.
    pub fn json_body(&self) -> Option<serde_json::Value> {
        serde_json::from_str(self.body.as_deref()?).ok()
    }
}

/// Equal as the models they are written as: the same status and the same
/// JSON value of the body (however it is laid out), or no JSON body at all.
impl PartialEq for ExampleResponse {
    fn eq(&self, other: &Self) -> bool {
        self.status == other.status
            && (self.body == other.body || self.json_body() == other.json_body())
    }
}

impl Serialize for ExampleResponse {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct as _;
        let body = self.json_body();
        let mut out =
            serializer.serialize_struct("ExampleResponse", 1 + usize::from(body.is_some()))?;
        out.serialize_field("status", &self.status)?;
        if let Some(body) = &body {
            out.serialize_field("body", body)?;
        }
        out.end()
    }
}

/// A span-pair segment with its context, for span-pair pages.
#[derive(Debug, Clone, Serialize)]
pub struct SegmentInfo {
    pub id: String,
    pub line: u32,
    pub column: u32,
    pub target: String,
    pub source: String,
    pub context: Context,
}
