//! Times the incremental rebuilds of `debrief serve` in one process, phase
//! by phase, without the file watcher: `cargo run --release --example
//! rebuild -- DIR [note|sent] [RUNS]` on a corpus from `--example corpus`.
//! With `VERIFY=1` it then compares the site with a first build's.
//! The end-to-end figure (file event to site served) is `benches/run.sh`'s.

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;
use std::time::{Duration, Instant};

use debrief::serve::{Options, Preview};

fn main() {
    let mut args = std::env::args().skip(1);
    let root = PathBuf::from(args.next().expect("DIR"));
    let edit = args.next().unwrap_or_else(|| "note".into());
    let runs: usize = args.next().map_or(5, |r| r.parse().expect("RUNS"));
    let mut journals: Vec<PathBuf> = walk(&root.join("content"));
    journals.sort();
    let journal = match edit.as_str() {
        "note" => journals[0].clone(),
        _ => journals
            .iter()
            .find(|p| !std::fs::read_to_string(p).unwrap().contains("\nsent:"))
            .expect("a journal with nothing sent")
            .clone(),
    };
    let original = std::fs::read_to_string(&journal).unwrap();
    let started = Instant::now();
    let mut preview = Preview::new(options(&root));
    println!(
        "first build: {:.0} ms",
        started.elapsed().as_secs_f64() * 1e3
    );
    let mut totals: BTreeMap<&'static str, Vec<Duration>> = BTreeMap::new();
    let mut walls = Vec::new();
    for run in 1..=runs {
        let text = match edit.as_str() {
            "note" => format!("{original}- a note saved in run {run}\n"),
            _ if run % 2 == 1 => {
                let day = &original[original.find("\ndate: ").unwrap() + 7..][..10];
                original.replacen(
                    "\n---",
                    &format!("\nsent:\n  - {{kind: thank-you, on: {day}}}\n---"),
                    1,
                )
            }
            _ => original.clone(),
        };
        std::fs::write(&journal, text).unwrap();
        let started = Instant::now();
        let rebuilt = preview
            .update(&BTreeSet::from([journal.clone()]))
            .expect("a rebuild");
        walls.push(started.elapsed());
        if run == 1 {
            println!("files rendered: {} of {}", rebuilt.rendered, rebuilt.files);
        }
        assert!(!rebuilt.everything, "{rebuilt:?}");
        for (phase, took) in rebuilt.phases {
            totals.entry(phase).or_default().push(took);
        }
    }
    if std::env::var_os("VERIFY").is_some() {
        // What the rebuilds left must be what a first build makes.
        let fresh = Preview::new(options(&root));
        let (a, b) = (preview.served(), fresh.served());
        let differ: Vec<&String> = a
            .files
            .iter()
            .filter(|(k, v)| b.files.get(*k) != Some(v))
            .map(|(k, _)| k)
            .chain(b.files.keys().filter(|k| !a.files.contains_key(*k)))
            .collect();
        println!(
            "verify: {} files differ from a first build: {:?}",
            differ.len(),
            &differ[..differ.len().min(10)]
        );
    }
    std::fs::write(&journal, original).unwrap();
    let median = |v: &mut Vec<Duration>| {
        v.sort();
        v[v.len() / 2].as_secs_f64() * 1e3
    };
    println!(
        "{edit}: {:.1} ms per rebuild (median of {runs})",
        median(&mut walls)
    );
    for (phase, mut took) in totals {
        println!("  {phase:<32} {:6.1} ms", median(&mut took));
    }
}

/// Serving `root` as on 2026-11-22, the day the corpus is made for.
fn options(root: &std::path::Path) -> Options {
    Options {
        root: root.to_path_buf(),
        config: None,
        today: Some(chrono::NaiveDate::from_ymd_opt(2026, 11, 22).unwrap()),
        addr: "127.0.0.1:0".parse().unwrap(),
        poll: false,
        open: false,
        limits: Default::default(),
    }
}

fn walk(dir: &std::path::Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            out.extend(walk(&p));
        } else if p.extension().is_some_and(|x| x == "md") {
            out.push(p);
        }
    }
    out
}
