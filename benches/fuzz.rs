//! A fuzzer on stable Rust for everything a journal passes through:
//! front-matter splitting, the YAML/TOML tree, the schema, the rules, the
//! Markdown renderer, `check`'s and `due`'s text, and a whole site built into
//! memory.
//!
//!   cargo run --release --example fuzz -- --minutes 10
//!   cargo run --release --example fuzz -- --seconds 20 --seed 7   # CI's smoke run
//!
//! Inputs are the demo journals and the test fixtures, mutated (bytes
//! flipped, chunks cut, repeated and spliced, hostile tokens inserted:
//! aliases, brackets, nested tags, odd dates, control characters) and
//! journals generated from the field table with random values. Each case
//! runs in this process under `catch_unwind`, timed, with its peak memory
//! counted by the allocator below. A panic, a case over 2 s or over 500 MB
//! is a finding: the input is written to `target/fuzz-findings/` and the
//! run exits 1. Every finding is then kept as a fixture in
//! `tests/fixtures/fuzz/`, which `tests/fuzz_fixtures.rs` runs on every
//! `cargo test`.

use std::alloc::{GlobalAlloc, Layout, System};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

#[path = "fuzz_case.rs"]
mod fuzz_case;
use fuzz_case::{pure, whole};

/// Counts bytes in use and the most in use since the last reset.
struct Counting;

static IN_USE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

// SAFETY: every call is passed on to the system allocator unchanged; the
// counters only observe sizes.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let p = unsafe { System.alloc(layout) };
        if !p.is_null() {
            let now = IN_USE.fetch_add(layout.size(), Ordering::Relaxed) + layout.size();
            PEAK.fetch_max(now, Ordering::Relaxed);
        }
        p
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) };
        IN_USE.fetch_sub(layout.size(), Ordering::Relaxed);
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let p = unsafe { System.realloc(ptr, layout, new_size) };
        if !p.is_null() {
            if new_size >= layout.size() {
                let now = IN_USE.fetch_add(new_size - layout.size(), Ordering::Relaxed)
                    + (new_size - layout.size());
                PEAK.fetch_max(now, Ordering::Relaxed);
            } else {
                IN_USE.fetch_sub(layout.size() - new_size, Ordering::Relaxed);
            }
        }
        p
    }
}

#[global_allocator]
static ALLOC: Counting = Counting;

const SLOW: Duration = Duration::from_secs(2);
const TOO_BIG: usize = 500 * 1024 * 1024;

/// xorshift64*: small, seedable, and good enough to pick mutations.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// Pieces that have broken parsers before, or could.
const TOKENS: &[&str] = &[
    "&a ",
    "*a",
    "&b [*a, *a, *a, *a]",
    "<<: *a",
    "[",
    "]",
    "{",
    "}",
    "- ",
    "  - ",
    ": ",
    "---\n",
    "+++\n",
    "\n",
    "\r",
    "\r\n",
    "\t",
    "\u{0}",
    "\u{1b}]52;c;aGk=\u{7}",
    "\u{feff}",
    "\u{202e}",
    "'",
    "\"",
    "\\",
    "#",
    "!!str ",
    "!!binary ",
    "? ",
    "|\n  ",
    ">\n  ",
    "<div>",
    "</div>",
    "<script>alert(1)</script>",
    "<img src=https://x.example/a.png>",
    ">",
    "> > > > ",
    "* ",
    "1. ",
    "```",
    "    ",
    "[a]: javascript:alert(1)\n",
    "![x](https://x.example/y)",
    "0026-11-10",
    "2026-02-30",
    "+262142-12-31T00:00",
    "-262143-01-01T00:00",
    "2026-11-10T25:61",
    "2026-11-10T10:00+14:00",
    "9999999999999999999999",
    "-1",
    "1e400",
    "NaN",
    ".inf",
    "~",
    "null",
    "true",
    "é",
    "日本語",
    "👩‍💻",
    "company: ",
    "role: ",
    "date: ",
    "interviewers:\n  - name: ",
    "sent:\n  - {kind: thank-you, to: ",
    "promised:\n  - {item: ",
    "outcome: ",
    "snooze:\n  - ",
    "replies:\n  - {from: ",
    "decision_by: ",
    "contact: ",
    "channel: ",
    "prefers: ",
    "references:\n",
];

/// Front-matter fields with values to choose from, for generated journals.
const FIELDS: &[(&str, &[&str])] = &[
    (
        "company",
        &[
            "Acme",
            "\"Stark\\u001b[31m\"",
            "''",
            "[a, b]",
            "Initech Ltd.",
        ],
    ),
    (
        "role",
        &["Engineer", "\"\"", "{x: 1}", "Principal Something"],
    ),
    (
        "date",
        &[
            "2026-11-10",
            "2026-11-10T14:00",
            "2026-11-10T14:00:00+09:00",
            "0026-11-10",
            "yesterday",
            "2026-11-22",
        ],
    ),
    ("stage", &["screen", "onsite", "final", "offer", "42"]),
    (
        "channel",
        &[
            "video",
            "phone",
            "onsite",
            "mail",
            "email",
            "carrier pigeon",
        ],
    ),
    (
        "interviewers",
        &[
            "[]",
            "\n  - name: Ann Lee\n    email: ann@example.com",
            "\n  - Ann Lee\n  - Bob",
            "\n  - name: Ann\n    prefers: phone\n  - name: Ann",
        ],
    ),
    (
        "sent",
        &[
            "[]",
            "\n  - {kind: thank-you, to: Ann Lee, on: 2026-11-11}",
            "\n  - {kind: check-in, on: 2026-11-01}",
            "\n  - {kind: nonsense}",
            "\n  - {kind: thank-you, to: Nobody, on: 2026-11-09}",
        ],
    ),
    (
        "promised",
        &[
            "[]",
            "\n  - {item: code sample, to: Ann Lee, due: 2026-11-12}",
            "\n  - {item: x, done: true}",
            "\n  - {item: y, due: not-a-date}",
        ],
    ),
    (
        "replies",
        &[
            "[]",
            "\n  - {from: Ann Lee, on: 2026-11-15, note: next round}",
            "\n  - {on: 2026-11-09}",
        ],
    ),
    (
        "outcome",
        &[
            "pending",
            "rejected",
            "offer",
            "accepted",
            "withdrawn",
            "ghosted",
            "maybe",
        ],
    ),
    (
        "outcome_on",
        &["2026-11-20", "+262142-12-31T00:00", "2026-11-01"],
    ),
    ("decision_by", &["2026-11-30", "2026-11-01", "soon"]),
    ("next_steps", &["\"a decision within two weeks\"", "[]"]),
    (
        "learned",
        &["[]", "[\"they ship weekly\", \"Rust in production\"]"],
    ),
    ("highlights", &["[]", "[\"the migration story\"]"]),
    (
        "snooze",
        &[
            "[]",
            "\n  - {rule: check-in, until: 2026-12-01}",
            "\n  - {rule: nope, until: 2026-12-01}",
        ],
    ),
    (
        "references",
        &["[]", "\n  - {name: Cleo, briefed: 2026-11-11}"],
    ),
    ("linkedin", &["true", "false", "maybe"]),
];

const BODIES: &[&str] = &[
    "\n## What went well\n\n- the system design part\n\n## What I struggled with\n\n- salary expectations\n",
    "\n# Notes\n\n<b>bold</b> <a href=\"javascript:alert(1)\">x</a>\n",
    "\n> quoted\n> > twice\n\n| a | b |\n|---|---|\n| 1 | 2 |\n",
    "",
];

fn generated(rng: &mut Rng) -> Vec<u8> {
    let mut s = String::from(if rng.below(8) == 0 { "+++\n" } else { "---\n" });
    let toml = s.starts_with('+');
    for (name, values) in FIELDS {
        if rng.below(3) == 0 && !matches!(*name, "company" | "role" | "date") {
            continue;
        }
        let value = rng.pick(values);
        if toml {
            s += &format!("{name} = \"{}\"\n", value.replace(['"', '\n'], " "));
        } else {
            s += &format!("{name}: {value}\n");
        }
    }
    s += if toml { "+++\n" } else { "---\n" };
    s += *rng.pick(BODIES);
    s.into_bytes()
}

fn mutated(rng: &mut Rng, seeds: &[Vec<u8>]) -> Vec<u8> {
    let mut bytes = rng.pick(seeds).clone();
    for _ in 0..1 + rng.below(8) {
        let at = rng.below(bytes.len() + 1);
        match rng.below(9) {
            0 => {
                if !bytes.is_empty() {
                    let i = rng.below(bytes.len());
                    bytes[i] = rng.next() as u8;
                }
            }
            1 => {
                let end = (at + rng.below(64)).min(bytes.len());
                bytes.drain(at..end);
            }
            2..=4 => {
                let token = rng.pick(TOKENS).as_bytes();
                bytes.splice(at..at, token.iter().copied());
            }
            5 => {
                // A token repeated: depth and width bombs.
                let token = rng.pick(TOKENS).as_bytes();
                let times = 1 << rng.below(16);
                let piece: Vec<u8> = token.repeat(times);
                bytes.splice(at..at, piece);
            }
            6 => {
                // A chunk of the input repeated.
                let end = (at + rng.below(256)).min(bytes.len());
                let chunk = bytes[at..end].to_vec();
                let times = 1 + rng.below(64);
                bytes.splice(end..end, chunk.repeat(times));
            }
            7 => {
                // Spliced with another seed.
                let other = rng.pick(seeds);
                let from = rng.below(other.len());
                let to = (from + rng.below(512)).min(other.len());
                bytes.splice(at..at, other[from..to].iter().copied());
            }
            _ => {
                let end = (at + rng.below(32)).min(bytes.len());
                bytes[at..end].reverse();
            }
        }
    }
    bytes.truncate(debrief::repo::MAX_JOURNAL_BYTES as usize);
    bytes
}

fn seeds(root: &Path) -> Vec<Vec<u8>> {
    let mut out = Vec::new();
    for dir in ["content", "tests/fixtures"] {
        for entry in walkdir::WalkDir::new(root.join(dir)).into_iter().flatten() {
            let name = entry.file_name().to_string_lossy();
            if entry.file_type().is_file()
                && name.ends_with(".md")
                && let Ok(b) = std::fs::read(entry.path())
            {
                out.push(b);
            }
        }
    }
    assert!(!out.is_empty(), "no seed journals under {}", root.display());
    out
}

enum Finding {
    Panic(String),
    Slow(Duration),
    Big(usize),
}

fn main() {
    let mut args = std::env::args().skip(1);
    let mut budget = Duration::from_secs(60);
    let mut seed = 0x5eed_u64;
    while let Some(a) = args.next() {
        let mut value = || args.next().expect("a value after the option");
        match a.as_str() {
            "--seconds" => budget = Duration::from_secs(value().parse().expect("seconds")),
            "--minutes" => {
                budget = Duration::from_secs(60 * value().parse::<u64>().expect("minutes"))
            }
            "--seed" => seed = value().parse().expect("seed"),
            other => panic!("unknown option {other}: use --seconds N, --minutes N, --seed S"),
        }
    }
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let seeds = seeds(&root);
    let demo = fuzz_case::demo(&root);
    let findings_dir = root.join("target/fuzz-findings");
    let scratch = tempfile::tempdir().unwrap();
    std::panic::set_hook(Box::new(|_| {}));
    let mut rng = Rng(seed | 1);
    let started = Instant::now();
    let (mut cases, mut wholes, mut found) = (0usize, 0usize, 0usize);
    let (mut slowest, mut biggest) = (Duration::ZERO, 0usize);
    while started.elapsed() < budget {
        let bytes = if rng.below(4) == 0 {
            generated(&mut rng)
        } else {
            mutated(&mut rng, &seeds)
        };
        let run_whole = cases % 25 == 0;
        PEAK.store(IN_USE.load(Ordering::Relaxed), Ordering::Relaxed);
        let base = IN_USE.load(Ordering::Relaxed);
        let t = Instant::now();
        let result = std::panic::catch_unwind(|| {
            pure(&bytes);
            if run_whole {
                whole(&bytes, scratch.path(), &demo);
            }
        });
        let took = t.elapsed();
        let peak = PEAK.load(Ordering::Relaxed).saturating_sub(base);
        cases += 1;
        wholes += usize::from(run_whole);
        slowest = slowest.max(took);
        biggest = biggest.max(peak);
        let finding = match result {
            Err(e) => Some(Finding::Panic(
                e.downcast_ref::<String>()
                    .cloned()
                    .or_else(|| e.downcast_ref::<&str>().map(|s| s.to_string()))
                    .unwrap_or_default(),
            )),
            Ok(()) if took > SLOW => Some(Finding::Slow(took)),
            Ok(()) if peak > TOO_BIG => Some(Finding::Big(peak)),
            Ok(()) => None,
        };
        if let Some(f) = finding {
            found += 1;
            std::fs::create_dir_all(&findings_dir).unwrap();
            let (kind, what) = match f {
                Finding::Panic(m) => ("panic", m),
                Finding::Slow(d) => ("slow", format!("{:.1} s", d.as_secs_f64())),
                Finding::Big(b) => ("memory", format!("{} MB", b >> 20)),
            };
            let file = findings_dir.join(format!("{kind}-{seed}-{cases}.md"));
            std::fs::write(&file, &bytes).unwrap();
            eprintln!("finding: {kind} ({what}) with {}", file.display());
        }
    }
    println!(
        "{cases} cases ({wholes} whole builds) in {:.0} s, seed {seed}: {found} findings; \
         slowest case {:.0} ms, most memory {:.1} MB",
        started.elapsed().as_secs_f64(),
        slowest.as_secs_f64() * 1e3,
        biggest as f64 / 1_048_576.0
    );
    std::process::exit(i32::from(found > 0));
}
