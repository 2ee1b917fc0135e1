//! The whole test suite in one binary: one link of the crate and its
//! dev-dependencies instead of one per file. Each module is what was a
//! test file; `common` holds the helpers they share.

mod common;

/// The benchmark's corpus generator, also used to make large repositories.
#[allow(dead_code)]
#[path = "../../benches/corpus.rs"]
mod corpus;

/// The fuzzer's stages, run on every kept hostile input.
#[path = "../../benches/fuzz_case.rs"]
mod fuzz_case;

/// The practice-list fixture's generator (30,000 items about 50 topics).
#[path = "../../benches/practice_list.rs"]
mod practice_list;

mod browser;
mod ci;
mod cli;
mod drafts;
mod drafts_voice;
mod encrypt;
mod fuzz_fixtures;
mod prep;
mod record;
mod report;
mod rules;
mod safety;
mod serve;
mod site;
mod site_reports;
mod week_tally;
