//! Rendering with the theme: the embedded default theme and its overrides,
//! and the ready-to-send drafts of §4.
//!
//! Data preparation (what a draft says) is pure; the theme loader is the only
//! part that reads files, and only under `themes/`.

pub mod drafts;
pub mod notes;
pub mod theme;
