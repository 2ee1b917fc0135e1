//! debrief checks interview journals against follow-up etiquette.
//!
//! The library is a pure core behind a thin CLI: [`repo`] reads a journal
//! repository from disk, [`rules`] turns journals, configuration and a date
//! into actions and problems, and [`output`] renders them for people and
//! machines. `main.rs` only parses arguments and maps results to exit codes.
#![warn(missing_docs)]

pub mod ci;
pub mod config;
pub mod diagnostics;
pub mod journal;
pub mod output;
pub mod record;
pub mod render;
pub mod repo;
pub mod report;
pub mod rules;
pub mod scaffold;
pub mod serve;
pub mod site;
pub mod time;
