//! Generates a benchmark corpus: N journals in folders of 3–5 per
//! application, 600–1,500 words each, deterministic from a seed.
//!
//! cargo run --release --example corpus -- OUT_DIR N [SEED]
//!
//! The front-matter uses every field of SPEC §2 with realistic spreads of
//! outcomes, sent entries, replies and promised items; about 1 in 200 files
//! has a problem for `check` to find (a bad date, an unknown field, a broken
//! list). The repository's `today` is 2026-11-22; interviews spread over the
//! year before it.

use std::fmt::Write as _;
use std::path::Path;

/// SplitMix64: tiny, fast, and the same on every platform and Rust version.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi - lo + 1)
    }
    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }
    fn pick<'a>(&mut self, list: &[&'a str]) -> &'a str {
        list[self.below(list.len())]
    }
}

const COMPANIES: &[&str] = &[
    "Acme",
    "Globex",
    "Initech",
    "Hooli",
    "Umbrella",
    "Stark Industries",
    "Wayne Enterprises",
    "Cyberdyne",
    "Soylent",
    "Tyrell",
    "Wonka",
    "Oscorp",
    "Vandelay",
    "Massive Dynamic",
    "Aperture",
    "Black Mesa",
    "Pied Piper",
    "Dunder Mifflin",
    "Bluth",
    "Prestige Worldwide",
    "Gringotts",
    "Monarch",
    "Nakatomi",
    "Virtucon",
    "Weyland",
    "Yoyodyne",
    "Zorg",
    "Ollivanders",
];
const ROLES: &[&str] = &[
    "Backend Developer",
    "Data Engineer",
    "Platform Engineer",
    "SRE",
    "ML Engineer",
    "Product Engineer",
    "QA Lead",
    "Data Analyst",
    "Frontend Developer",
    "Security Engineer",
];
const FIRST: &[&str] = &[
    "Ann", "Bo", "Cy", "Dana", "Eli", "Fay", "Gus", "Hana", "Ivo", "Jun", "Kai", "Lea", "Max",
    "Nia", "Oto", "Pia", "Raj", "Sol", "Tia", "Uma", "Vic", "Wes", "Xia", "Yan", "Zoe",
];
const LAST: &[&str] = &[
    "Lee", "Chen", "Dee", "Okafor", "Novak", "Silva", "Berg", "Kaur", "Moreau", "Sato", "Rossi",
    "Haddad", "Nguyen", "Keller", "Ortiz", "Popescu", "Walsh", "Ibrahim",
];
const STAGES: &[&str] = &["screen", "technical", "onsite", "final"];
const FORMATS: &[&str] = &["video", "phone", "in-person"];
const CHANNELS: &[&str] = &["email", "email", "email", "phone", "mail", "linkedin"];
const WORDS: &[&str] = &[
    "the",
    "team",
    "asked",
    "about",
    "latency",
    "budget",
    "queue",
    "design",
    "trade-off",
    "we",
    "discussed",
    "migration",
    "schema",
    "their",
    "roadmap",
    "incident",
    "review",
    "and",
    "I",
    "explained",
    "how",
    "caching",
    "works",
    "with",
    "a",
    "diagram",
    "on",
    "call",
    "testing",
    "strategy",
    "for",
    "legacy",
    "code",
    "ownership",
    "on-call",
    "rotation",
    "metrics",
    "dashboards",
    "customers",
    "product",
    "manager",
    "hiring",
    "process",
    "next",
    "steps",
    "was",
    "clear",
    "friendly",
    "panel",
    "whiteboard",
    "coding",
    "exercise",
    "pairing",
    "refactor",
    "database",
    "index",
    "throughput",
    "capacity",
    "planning",
];
const STRUGGLES: &[&str] = &[
    "Explaining the trade-offs in my system design",
    "System design: ran out of time before storage",
    "Salary expectations: gave a number too early",
    "Rambled on the conflict-with-a-manager question",
    "Forgot the complexity of a heap operation",
    "SQL window functions under time pressure",
    "Estimating capacity on the spot",
];
const WELL: &[&str] = &[
    "Clear story about the billing migration",
    "Asked good questions about on-call",
    "Pairing felt natural",
    "Kept answers short and concrete",
];

fn sentence(r: &mut Rng, words: usize) -> String {
    let mut s = String::new();
    for i in 0..words {
        let w = r.pick(WORDS);
        if i == 0 {
            let mut c = w.chars();
            s.extend(c.next().map(|c| c.to_ascii_uppercase()));
            s.push_str(c.as_str());
        } else {
            s.push(' ');
            if r.chance(4) {
                let _ = write!(s, "*{w}*");
            } else if r.chance(2) {
                let _ = write!(s, "[{w}](https://example.com/{w})");
            } else {
                s.push_str(w);
            }
        }
    }
    s.push('.');
    s
}

/// Day 0 is 2025-11-22: the corpus spans the year before "today", 2026-11-22.
fn date(day: i64) -> String {
    let start = chrono::NaiveDate::from_ymd_opt(2025, 11, 22).expect("a date");
    (start + chrono::Duration::days(day)).to_string()
}

fn journal(
    r: &mut Rng,
    company: &str,
    role: &str,
    stage: usize,
    day: i64,
    last: bool,
    broken: bool,
) -> String {
    let mut f = String::from("---\n");
    let _ = writeln!(f, "company: {company}\nrole: {role}");
    let hour = r.range(9, 16);
    let _ = writeln!(f, "date: {}T{hour:02}:00:00", date(day));
    let stage_name = STAGES[stage.min(STAGES.len() - 1)];
    let _ = writeln!(f, "stage: {stage_name}\nformat: {}", r.pick(FORMATS));
    if r.chance(30) {
        let _ = writeln!(f, "channel: {}", r.pick(CHANNELS));
    }
    let n = r.range(1, 3);
    let people: Vec<String> = (0..n)
        .map(|_| format!("{} {}", r.pick(FIRST), r.pick(LAST)))
        .collect();
    if n == 1 && r.chance(30) {
        let _ = writeln!(f, "interviewer: {}", people[0]);
    } else {
        f.push_str("interviewers:\n");
        for p in &people {
            let email = p.to_lowercase().replace(' ', ".");
            let _ = writeln!(
                f,
                "  - name: {p}\n    title: Engineer\n    email: {email}@example.com"
            );
            if r.chance(15) {
                let _ = writeln!(f, "    prefers: {}", r.pick(CHANNELS));
            }
            if r.chance(20) {
                f.push_str("    linkedin: true\n");
            }
        }
    }
    if r.chance(40) {
        let _ = writeln!(f, "contact: {}", people[0]);
    }
    if r.chance(70) {
        let _ = writeln!(
            f,
            "next_steps: They will decide within {} days.",
            r.range(5, 20)
        );
    }
    if r.chance(40) {
        let _ = writeln!(f, "decision_by: {}", date(day + r.range(7, 21) as i64));
    }
    if r.chance(10) {
        let _ = writeln!(
            f,
            "no_contact_before: {}",
            date(day + r.range(5, 14) as i64)
        );
    }
    if r.chance(35) {
        f.push_str("promised:\n");
        let _ = writeln!(
            f,
            "  - item: the code sample\n    to: {}\n    due: {}",
            people[0],
            date(day + 2)
        );
        if r.chance(60) {
            let _ = writeln!(f, "    done: {}", date(day + r.range(1, 3) as i64));
        }
    }
    let reply_day = day + r.range(2, 20) as i64;
    if r.chance(80) {
        f.push_str("sent:\n");
        let _ = writeln!(
            f,
            "  - kind: thank-you\n    on: {}",
            date(day + r.range(0, 2) as i64)
        );
        if last && r.chance(50) {
            let _ = writeln!(
                f,
                "  - kind: check-in\n    to: {}\n    on: {}\n    channel: email",
                people[0],
                date(day + 8)
            );
        }
        if r.chance(10) {
            let _ = writeln!(
                f,
                "  - kind: linkedin\n    to: {}\n    on: {}\n    note: connected after the call",
                people[0],
                date(day + 3)
            );
        }
    }
    if r.chance(55) {
        let _ = writeln!(
            f,
            "replies:\n  - on: {}\n    from: {}\n    note: Thanks, we will be in touch.",
            date(reply_day),
            people[0]
        );
    }
    if last {
        let o = r.below(100);
        let outcome = if o < 45 {
            "pending"
        } else if o < 60 {
            "offer"
        } else if o < 90 {
            "rejected"
        } else {
            "withdrawn"
        };
        if outcome != "pending" {
            let _ = writeln!(f, "outcome: {outcome}\noutcome_on: {}", date(reply_day));
        }
        if outcome == "offer" && r.chance(50) {
            f.push_str("references:\n  - name: Alex Ref\n    briefed: true\n  - Sam Ref\n");
        }
    }
    if r.chance(60) {
        let _ = writeln!(
            f,
            "learned:\n  - Their {} is being rebuilt this quarter",
            r.pick(WORDS)
        );
    }
    if r.chance(40) {
        let _ = writeln!(f, "highlights:\n  - {}", r.pick(WELL));
    }
    if r.chance(30) {
        let _ = writeln!(f, "tags: [{}, {}]", r.pick(WORDS), r.pick(WORDS));
    }
    if r.chance(3) {
        let _ = writeln!(
            f,
            "snooze:\n  - rule: check-in\n    until: {}",
            date(day + 30)
        );
    }
    if broken {
        match r.below(3) {
            0 => f.push_str("decision_by: 2026-13-45\n"),
            1 => f.push_str("interveiwers: [Typo Person]\n"),
            _ => f.push_str("sent: [\n"),
        }
    }
    f.push_str("---\n\n");

    // The body: 600–1,500 words of notes, with reflection sections.
    let target = r.range(600, 1500);
    let mut words = 0;
    let _ = writeln!(f, "# {} interview at {company}\n", stage_name);
    while words < target {
        let q = r.range(4, 9);
        let _ = writeln!(f, "## Question: {}\n", sentence(r, q));
        words += q;
        for _ in 0..r.range(1, 3) {
            let n = r.range(30, 80);
            let mut para = String::new();
            let mut left = n;
            while left > 0 {
                let k = left.min(r.range(8, 16));
                para += &sentence(r, k);
                para.push(' ');
                left -= k;
            }
            let _ = writeln!(f, "{}\n", para.trim_end());
            words += n;
        }
        if r.chance(25) {
            for _ in 0..r.range(2, 4) {
                let _ = writeln!(f, "- {}", sentence(r, 8));
                words += 8;
            }
            f.push('\n');
        }
        if r.chance(8) {
            f.push_str("```sql\nSELECT id, count(*) FROM events GROUP BY id;\n```\n\n");
        }
        if r.chance(6) {
            f.push_str(
                "| topic | how it went |\n|---|---|\n| design | ok |\n| coding | good |\n\n",
            );
        }
    }
    if r.chance(85) {
        let _ = writeln!(f, "## What went well\n\n- {}\n", r.pick(WELL));
        let _ = writeln!(
            f,
            "## What I struggled with\n\n- {}\n- {}\n",
            r.pick(STRUGGLES),
            r.pick(STRUGGLES)
        );
        let _ = writeln!(f, "## Takeaways\n\n- {}\n", sentence(r, 10));
    }
    f
}

/// Writes `n` journals (and a `debrief.toml`) under `out`, deterministically
/// from `seed`; returns how many journals and applications it wrote.
pub fn generate(out: &Path, n: usize, seed: u64) -> (usize, usize) {
    let mut r = Rng(seed);
    std::fs::create_dir_all(out.join("content")).unwrap();
    std::fs::write(
        out.join("debrief.toml"),
        "timezone = \"UTC\"\n\n[me]\nname = \"Bench Mark\"\nemail = \"bench@example.org\"\n",
    )
    .unwrap();
    let mut written = 0;
    let mut app = 0;
    while written < n {
        let count = r.range(3, 5).min(n - written);
        let company = format!("{} {}", r.pick(COMPANIES), app / COMPANIES.len());
        let role = r.pick(ROLES).to_string();
        let dir = out.join("content").join(format!("app-{app:06}"));
        std::fs::create_dir_all(&dir).unwrap();
        let mut day = r.range(0, 330) as i64;
        for stage in 0..count {
            let broken = r.below(200) == 0;
            let text = journal(
                &mut r,
                &company,
                &role,
                stage,
                day,
                stage + 1 == count,
                broken,
            );
            std::fs::write(
                dir.join(format!("{stage}-{}.md", STAGES[stage.min(3)])),
                text,
            )
            .unwrap();
            day += r.range(3, 14) as i64;
            written += 1;
        }
        app += 1;
    }
    (written, app)
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.len() < 3 {
        eprintln!("usage: corpus OUT_DIR N [SEED]");
        std::process::exit(2);
    }
    let out = Path::new(&args[1]);
    let n: usize = args[2].parse().expect("N is a number");
    let seed: u64 = args
        .get(3)
        .map_or(1, |s| s.parse().expect("SEED is a number"));
    let (written, apps) = generate(out, n, seed);
    println!(
        "wrote {written} journals in {apps} applications to {}",
        out.display()
    );
}
