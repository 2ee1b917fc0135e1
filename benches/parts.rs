//! Criterion benches of the parts of a build, on a generated corpus of
//! 1,000 journals (`cargo bench --bench parts`). The end-to-end figures of
//! whole commands come from `benches/run.sh`.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use debrief::journal::{self, markdown::DEFAULT_REFLECTION_HEADINGS};
use debrief::repo::Repository;
use debrief::report::{history::Timeline, week::Week, weekly};

#[allow(dead_code)]
#[path = "corpus.rs"]
mod corpus;
#[path = "practice_list.rs"]
mod practice_list;

fn parts(c: &mut Criterion) {
    let (struggles, _) = practice_list::generate(30_000, 7);
    let list: Vec<debrief::report::practice::Item<'_, usize>> = struggles
        .iter()
        .enumerate()
        .map(|(i, (text, _))| debrief::report::practice::Item { text, source: i })
        .collect();
    c.bench_function("group a practice list of 30,000 items", |b| {
        b.iter(|| debrief::report::practice::group(black_box(&list)).len())
    });
    let dir = tempfile::tempdir().expect("a temporary folder");
    corpus::generate(dir.path(), 1000, 1);
    let repo = Repository::load(dir.path(), None).expect("the corpus loads");
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 20).expect("a date");
    let sample = std::fs::read(dir.path().join("content/app-000000/0-screen.md")).unwrap();
    let body = repo.journals[0].body.clone();
    let ids = debrief::rules::action_ids();

    c.bench_function("front-matter and reflections of one journal", |b| {
        b.iter(|| {
            journal::parse(
                "content/x.md",
                black_box(&sample),
                DEFAULT_REFLECTION_HEADINGS,
                &ids,
            )
        })
    });
    c.bench_function("markdown to safe HTML, one journal", |b| {
        b.iter(|| debrief::site::markdown::to_html(black_box(&body)))
    });
    c.bench_function("load 1,000 journals from disk", |b| {
        b.iter(|| Repository::load(dir.path(), None).unwrap())
    });
    c.bench_function("rules over 1,000 journals", |b| {
        b.iter(|| repo.evaluate(black_box(today)))
    });
    let weeks = Week::of(today - chrono::Duration::days(364)).through(Week::of(today));
    let asked: Vec<_> = weeks
        .iter()
        .map(|w| {
            let d = weekly::as_of(*w, today);
            (d, d)
        })
        .collect();
    let days: Vec<_> = asked.iter().map(|a| a.0).collect();
    c.bench_function("a year of past weeks' actions, 1,000 journals", |b| {
        b.iter(|| {
            let t = Timeline::new(&repo.journals, &days, today, repo.tz);
            t.actions(&asked, &repo.config).len()
        })
    });
    let opts = debrief::site::Options::in_memory();
    c.bench_function("render the site of 1,000 journals into memory", |b| {
        b.iter(|| {
            let sink = debrief::site::Memory::default();
            debrief::site::render(
                &repo,
                today,
                &opts,
                &sink,
                &debrief::site::Scope::Everything,
            )
            .unwrap();
            sink.into_files().len()
        })
    });
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(10);
    targets = parts
}
criterion_main!(benches);
