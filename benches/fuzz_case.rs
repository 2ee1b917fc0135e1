//! One fuzz case: what the fuzzer (`benches/fuzz.rs`) runs on each input
//! and `tests/fuzz_fixtures.rs` runs on each kept finding.

use std::path::Path;

use chrono::NaiveDate;
use debrief::journal::{self, Body};
use debrief::repo::Repository;
use debrief::site::{self, Scope, staging::Memory};

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 22).unwrap()
}

/// One journal through every pure stage: parse, rules, check and due
/// text, the Markdown page.
pub fn pure(bytes: &[u8]) {
    let snooze = debrief::rules::action_ids();
    let read = journal::parse(
        "content/case.md",
        bytes,
        journal::markdown::DEFAULT_REFLECTION_HEADINGS,
        &snooze,
    );
    let config = debrief::config::Config::default();
    let ctx = debrief::rules::Ctx {
        today: today(),
        tz: chrono_tz::Europe::Berlin,
        config: &config,
        accepted: None,
    };
    let good = read.is_good();
    let journals: Vec<_> = read.journal.into_iter().filter(|_| good).collect();
    let eval = debrief::rules::evaluate(&journals, read.problems, &ctx);
    let interviews = debrief::report::scheduled::upcoming(&journals, today(), ctx.tz);
    let _ = debrief::output::due_human(today(), &eval.actions, &interviews);
    let _ = debrief::output::due_json(today(), &eval.actions, &interviews);
    let _ = debrief::output::check_json(&eval.problems);
    let _ = debrief::output::check_github(&eval.problems);
    for j in &journals {
        let _ = debrief::site::markdown::to_html(&j.body);
    }
}

/// The journal with two demo journals in a repository on disk, loaded,
/// checked with quoted lines, and the whole site rendered into memory.
pub fn whole(bytes: &[u8], dir: &Path, demo: &[(String, Vec<u8>)]) {
    let _ = std::fs::remove_dir_all(dir);
    std::fs::create_dir_all(dir.join("content/case")).unwrap();
    std::fs::write(
        dir.join("debrief.toml"),
        "timezone = \"America/New_York\"\n",
    )
    .unwrap();
    std::fs::write(dir.join("content/case/2026-11-10-case.md"), bytes).unwrap();
    for (rel, b) in demo {
        let path = dir.join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, b).unwrap();
    }
    let repo = Repository::load_with(dir, None, Body::Drop).expect("the repository loads");
    let eval = repo.evaluate(today());
    let _ = debrief::output::check_human(&eval.problems, &repo.root, repo.files);
    let opts = site::Options {
        output: dir.join("public"),
        base_url: None,
        keep_going: true,
        password: None,
        allow_weak_password: false,
    };
    let memory = Memory::default();
    let _ = site::render(&repo, today(), &opts, &memory, &Scope::Everything);
}

/// Two demo journals (path relative to `root`, bytes) to build beside a case.
pub fn demo(root: &Path) -> Vec<(String, Vec<u8>)> {
    [
        "content/stark-ml-engineer",
        "content/initech-backend-developer",
    ]
    .iter()
    .flat_map(|d| walkdir::WalkDir::new(root.join(d)).into_iter().flatten())
    .filter(|e| e.file_type().is_file())
    .take(2)
    .map(|e| {
        let rel = e
            .path()
            .strip_prefix(root)
            .unwrap()
            .to_string_lossy()
            .into_owned();
        (rel, std::fs::read(e.path()).unwrap())
    })
    .collect()
}
