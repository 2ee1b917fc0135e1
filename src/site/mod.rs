//! The static site: `debrief build`.

pub mod staging;
