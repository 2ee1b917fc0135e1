//! Every input the fuzzer or a review found hostile, kept in
//! `tests/fixtures/fuzz/`, run through every stage the fuzzer runs: parse,
//! rules, `check` and `due` text, the Markdown page, and a whole site built
//! into memory. A panic fails the test; so does a stage that lets a hostile
//! input through as a good journal.

fn fixtures() -> Vec<(String, Vec<u8>)> {
    let dir = crate::common::checkout().join("tests/fixtures/fuzz");
    let mut out: Vec<(String, Vec<u8>)> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.file_name().is_some_and(|n| n != "README.md"))
        .map(|p| {
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            (name, std::fs::read(&p).unwrap())
        })
        .collect();
    out.sort();
    out
}

#[test]
fn every_kept_finding_goes_through_every_stage() {
    let root = crate::common::checkout();
    let demo = crate::fuzz_case::demo(root);
    let scratch = tempfile::tempdir().unwrap();
    let found = fixtures();
    assert!(found.len() >= 10, "{} fixtures", found.len());
    for (name, bytes) in &found {
        let run = std::panic::catch_unwind(|| {
            crate::fuzz_case::pure(bytes);
            crate::fuzz_case::whole(bytes, scratch.path(), &demo);
        });
        assert!(run.is_ok(), "{name} panicked");
    }
}

#[test]
fn the_resource_bombs_are_refused_as_bad_journals() {
    let snooze = debrief::rules::action_ids();
    for (name, bytes) in fixtures() {
        let read = debrief::journal::parse(
            "content/x.md",
            &bytes,
            debrief::journal::markdown::DEFAULT_REFLECTION_HEADINGS,
            &snooze,
        );
        let refused = name.starts_with("deep-")
            || name.starts_with("billion")
            || name.starts_with("year")
            || name.starts_with("far");
        assert_eq!(!read.is_good(), refused, "{name}: {:?}", read.problems);
        for p in &read.problems {
            assert!(p.line.is_some(), "{name}: {p:?} has no line");
        }
    }
}
