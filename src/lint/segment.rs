//! Helpers shared by the segment QA rules.
