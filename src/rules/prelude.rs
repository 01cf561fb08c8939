//! What rule files use.
#![allow(unused_imports)]

pub use crate::diagnostic::Severity;
pub use crate::lint::{Check, DocCtx, Finding, GroupCtx, LocaleCtx, Rule, SegCtx};
pub use crate::model::{Grant, PageKind, PermissionType};
