//! The static site: `debrief build`.

pub mod markdown;
pub mod staging;
