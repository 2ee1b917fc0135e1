//! Generates a benchmark corpus: N journals in folders of 3–5 per
//! application, 600–1,500 words each, deterministic from a seed.
//!
//! cargo run --release --example corpus -- OUT_DIR N [SEED] [OPTIONS]
//!
//! The front-matter uses every field of SPEC §2 with realistic spreads of
//! outcomes, sent entries, replies and promised items; about 1 in 200 files
//! has a problem for `check` to find (a bad date, an unknown field, a broken
//! list). The repository's `today` is 2026-11-22; interviews spread over the
//! year before it.
//!
//! That is the `default` shape, and its output stays the same byte for byte
//! (published figures were measured on it). Options choose another shape and
//! then change single knobs of it:
//!
//! --shape default|messy  the starting point (default: default)
//! --sent-percent P       share of journals whose thank-you is recorded as sent (80; messy 15)
//! --pending-percent P  share of applications with no outcome yet (45; messy 70)
//! --per-app A-B          journals per application (3-5; messy 2-6)
//! --span DAYS            the days over which applications start (330; messy 340)
//! --prose short|long     reflection items: one short stock phrase each, or
//!                        3–6 items of 1–3 sentences of varied prose (short; messy long)
//! --topics K             distinct struggle topics the long prose draws from (12, at most 16)
//! --odd P                P% of applications with an unusual company name, P% with
//!                        an unusual role, P/2 % of journals with no body and P/10 %
//!                        with ~5,000 words (0; messy 6)
//!
//! The messy shape is what a year of real journals looks like: most
//! follow-ups never recorded, long reflections in the writer's own words
//! (each struggle one of 12 topics in 4–6 wordings, among unrelated
//! sentences), headings and list markers that vary, and a few oddities.

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

/// How reflection items are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Prose {
    /// One stock phrase per item, from a handful (the default shape).
    Short,
    /// 3–6 items per section, each 1–3 sentences of varied prose.
    Long,
}

/// The knobs of a corpus. `Shape::default()` is the shape the published
/// figures were measured on; with it the output is the same byte for byte
/// as before the knobs existed (a knob only draws random numbers when it
/// is away from the default, or draws exactly the numbers it always drew).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Shape {
    /// Percent of journals with their thank-you recorded under `sent`.
    pub sent_percent: usize,
    /// Percent of applications with no outcome yet (their open actions stay
    /// open: the rules ask nothing more of a decided application).
    pub pending_percent: usize,
    /// Journals per application, lowest and highest.
    pub per_app: (usize, usize),
    /// Applications start on a day in 0..=span (day 0 is 2025-11-22).
    pub span: usize,
    /// How reflection items are written.
    pub prose: Prose,
    /// Distinct struggle topics in long prose (1..=STRUGGLE_TOPICS.len()).
    pub topics: usize,
    /// Percent of oddities (see the module documentation); 0 for none.
    pub odd: usize,
}

impl Default for Shape {
    fn default() -> Self {
        Shape {
            sent_percent: 80,
            pending_percent: 45,
            per_app: (3, 5),
            span: 330,
            prose: Prose::Short,
            topics: 12,
            odd: 0,
        }
    }
}

impl Shape {
    /// A year of journals as people write them: about 4 per application,
    /// most follow-ups never recorded as sent, long reflections.
    pub fn messy() -> Self {
        Shape {
            sent_percent: 15,
            pending_percent: 70,
            per_app: (2, 6),
            span: 340,
            prose: Prose::Long,
            topics: 12,
            odd: 6,
        }
    }

    /// The shape of a name: `default` or `messy`.
    pub fn named(name: &str) -> Option<Self> {
        match name {
            "default" => Some(Shape::default()),
            "messy" => Some(Shape::messy()),
            _ => None,
        }
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

// The word lists of the other shapes. None of them may hold ": " or " #"
// where they go into the front-matter (plain YAML scalars).

/// Company names with punctuation, Unicode and length (`--odd`).
const ODD_COMPANIES: &[&str] = &[
    "Müller & Söhne GmbH",
    "Société Générale de Logiciels S.A.",
    "Ørsted & Ålborg Dataværk A/S",
    "Łukasiewicz Systems Sp. z o.o.",
    "O'Reilly-Byrne Consulting Ltd.",
    "Smith, Jones & Partners (Europe) LLP",
    "São Paulo Pagamentos Ltda.",
    "Kaizen 株式会社",
    "Zürich Quant AG",
    "The International Consolidated Widget Manufacturing and Logistics Holding Company of Greater Manchester plc",
    "Café Über Alles e.V.",
    "R&D Labs (formerly Acme Research)",
    "Naïve Bayes & Co.",
    "Þórsson Fisheries ehf.",
];
/// Roles with slashes, commas, brackets and dashes (`--odd`).
const ODD_ROLES: &[&str] = &[
    "Backend/Platform Engineer",
    "SRE / DevOps",
    "Data Scientist (ML/NLP)",
    "Senior Software Engineer, Payments/Risk",
    "Full-stack Developer (React/Node.js)",
    "Staff Engineer — Infrastructure/Tooling",
    "Ingénieur·e logiciel",
    "Engineering Manager (Data/ML, 8 reports)",
];
/// Interviewers with accents, hyphens and apostrophes (`--odd`).
const ODD_PEOPLE: &[&str] = &[
    "Zoë Müller-Lüdenscheidt",
    "José Núñez",
    "Siobhán O'Connell",
    "Bjørn Ødegård",
    "Łucja Wąsik",
    "Anne-Marie de la Tour",
    "Nguyễn Thị Minh",
];

/// What was hard, one topic per row, each in several wordings: the practice
/// list has to find that the rows' items are about the same thing.
const STRUGGLE_TOPICS: &[&[&str]] = &[
    &[
        "explaining the trade-offs in my system design",
        "justifying why I put a queue between the services in the design round",
        "the design exercise, where I never got as far as the storage layer",
        "walking through my architecture diagram without losing the thread",
        "defending the design when they asked what happens if the cache dies",
    ],
    &[
        "naming a salary range when the recruiter asked for it up front",
        "the compensation conversation, where I gave a number far too early",
        "negotiating pay without sounding apologetic",
        "saying what I earn now when they pushed for it",
    ],
    &[
        "the question about a conflict with my manager, where I rambled",
        "telling the story of a disagreement with a colleague in some order",
        "keeping behavioural answers to situation, task, action and result",
        "describing a time I failed without getting defensive",
        "the conflict story, which came out long and without a point",
    ],
    &[
        "the complexity of heap operations, I mixed up log n and n",
        "working out the big-O of my own solution out loud",
        "analysing the running time of the recursive version",
        "complexity analysis once the loops were nested",
    ],
    &[
        "writing SQL window functions under time pressure",
        "a SQL query with a self-join that I could not get right",
        "ranking rows per group in SQL on the whiteboard",
        "the SQL exercise, partitions and running totals in particular",
        "remembering the SQL syntax for a window frame",
    ],
    &[
        "estimating capacity on the spot",
        "back-of-the-envelope numbers for storage and traffic",
        "guessing how many requests per second the service would take",
        "the estimation question about disk space for a year of logs",
    ],
    &[
        "staying calm when the live coding editor would not run my code",
        "thinking aloud while typing in the shared editor",
        "nerves during the pair programming, my hands were shaking",
        "debugging my own code while someone watched every keystroke",
        "live coding with the whole panel watching",
        "the live coding round, I went silent for minutes",
    ],
    &[
        "explaining my testing strategy for legacy code",
        "deciding what to unit test first in their example",
        "the follow-up about flaky tests in continuous integration",
        "describing how I would test a payment flow from end to end",
    ],
    &[
        "saying why I want to work for them in particular",
        "explaining my motivation for leaving my current job",
        "the where-do-you-see-yourself-in-five-years question",
        "making my reasons for switching to this field sound convincing",
    ],
    &[
        "reasoning about race conditions in the concurrent counter",
        "locks versus atomics, where I stayed vague",
        "explaining a deadlock with a concrete example",
        "the thread-safety follow-up on my cache",
        "concurrency questions, again",
    ],
    &[
        "explaining a technical decision to a non-technical stakeholder",
        "talking about which product metrics I would watch",
        "prioritising features when the product manager pushed back",
        "the product sense questions about their onboarding funnel",
    ],
    &[
        "what happens when you type an address into a browser, I skipped DNS",
        "HTTP caching headers and when a response is stale",
        "the details of the TLS handshake",
        "explaining how a load balancer decides where a request goes",
        "networking basics, which I had not revised",
    ],
    &[
        "coming up with good questions for them at the end",
        "running out of questions to ask the panel",
        "asking the hiring manager anything useful in the last five minutes",
        "having no questions ready about the team",
    ],
    &[
        "keeping an eye on the clock during the case study",
        "running over time on the first problem",
        "pacing myself through three exercises in an hour",
        "time management in the take-home review",
    ],
    &[
        "debugging a crashing pod in Kubernetes",
        "the on-call scenario with the full disk at three in the morning",
        "reading a flame graph they put in front of me",
        "finding the slow query in their incident exercise",
    ],
    &[
        "giving examples of mentoring junior engineers",
        "talking about leading a project without formal authority",
        "the question on how I handle an underperforming teammate",
        "describing how I bring a team to agree on a design",
    ],
];
/// What went well, in several wordings per topic.
const WELL_TOPICS: &[&[&str]] = &[
    &[
        "my story about the billing migration",
        "the billing migration example, told in the right order",
        "walking them through the migration project I led",
    ],
    &[
        "asking good questions about on-call",
        "my questions about how their on-call rotation works",
        "the on-call questions I had prepared",
    ],
    &[
        "pairing with the engineer, which felt natural",
        "the pair programming part",
        "working through the bug together with the interviewer",
    ],
    &[
        "keeping my answers short and concrete",
        "short answers with one example each",
        "not rambling for once",
    ],
    &[
        "the coding exercise, solved with time to spare",
        "writing tests before the code in the live exercise",
        "finding the off-by-one error before they pointed at it",
        "the refactoring task",
    ],
    &[
        "the rapport with the hiring manager",
        "chatting with the team lead about their roadmap",
        "getting the panel to laugh at the start",
    ],
    &[
        "the system design round, I drew the whole thing in time",
        "sketching the data model before anything else",
        "explaining why I would not shard yet",
    ],
    &[
        "my preparation on the company's product",
        "knowing their recent launch in detail",
        "having read their engineering blog",
    ],
];
/// How a sentence about a struggle starts and ends around its topic.
const STRUGGLE_FRAMES: &[&str] = &[
    "{}.",
    "I struggled with {}.",
    "The hard part was {}.",
    "Once again {}.",
    "Weakest moment of the day was {}.",
    "I fumbled {}.",
    "Need to practise {}.",
    "It went wrong at {}.",
    "Not my best moment, {}.",
];
/// How a sentence about something that went well wraps its topic.
const WELL_FRAMES: &[&str] = &[
    "{}.",
    "I was happy with {}.",
    "What worked was {}.",
    "They seemed to like {}.",
    "Strong point, {}.",
    "Pleasantly surprised by {}.",
];
/// Sentences about nothing in particular, as people write between the ones
/// that matter.
const FILLER: &[&str] = &[
    "The recruiter joined ten minutes late.",
    "My headphones died halfway through and I had to switch to the laptop speakers.",
    "Coffee right before was a mistake.",
    "The office was nicer than the photos suggested.",
    "I had slept badly the night before.",
    "The video kept freezing, so we carried on by phone for a while.",
    "They seemed busy and a little distracted.",
    "There was construction noise outside my window the whole time.",
    "Someone's dog was barking in the background.",
    "Parking took forever and I arrived flustered.",
    "It was raining, which somehow made everything slower.",
    "The interviewer mentioned they had been at the company for six years.",
    "We spent the first few minutes talking about the weather in Lisbon.",
    "I wrote this on the train home, so it may be incomplete.",
    "Lunch with the team was included, which was nice.",
    "Overall the mood was relaxed.",
    "They use a lot of acronyms I did not know.",
    "I should have brought water.",
    "Half the panel had their cameras off.",
    "The building had three separate security checks.",
    "No idea how I came across, honestly.",
    "It reminded me of the interview at my last job.",
];
/// Advice to oneself, for takeaways.
const ADVICE: &[&str] = &[
    "Next time, write down the numbers before estimating anything.",
    "Prepare two conflict stories and time them.",
    "Revise window functions the evening before.",
    "Ask for a minute to think instead of talking straight away.",
    "Have three questions ready for the end, written down.",
    "Practise drawing the design from the top, storage included.",
    "Say the salary range only after they have said theirs.",
    "Test the headset before the call, not during it.",
    "Keep a glass of water on the desk.",
    "Read the company's engineering blog beforehand.",
];
/// What the recruiter said comes next, `{}` a number of days.
const NEXT_STEPS: &[&str] = &[
    "They will decide within {} days.",
    "The recruiter will call within {} days.",
    "Feedback expected in about {} days, maybe sooner.",
    "Waiting on the hiring manager, {} days or so.",
    "Next round to be booked, they said {} days at most.",
];
/// What one learns about a company.
const LEARNED: &[&str] = &[
    "Their platform is being rebuilt this quarter",
    "The team is moving from a monolith to services",
    "They plan to hire two more engineers in spring",
    "On-call is one week in six",
    "Most of the stack is Go and Postgres",
    "The office is hybrid, three days a week",
    "Their CTO left in the summer",
    "The product team sits in another time zone",
];

/// `s` with its first letter upper-cased.
fn capitalised(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|first| first.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

/// One sentence: `frame` with its `{}` replaced by `topic`.
fn framed(frame: &str, topic: &str) -> String {
    capitalised(&frame.replacen("{}", topic, 1))
}

/// A reflection item of long prose: 1–3 sentences, one of them about a topic
/// of `topics` (a wording picked among its rows), the others filler.
fn long_item(r: &mut Rng, topics: &[&[&str]], frames: &[&str]) -> String {
    let sentences = r.range(1, 3);
    let at = r.below(sentences);
    let mut item = String::new();
    for i in 0..sentences {
        if i > 0 {
            item.push(' ');
        }
        if i == at {
            let wordings = topics[r.below(topics.len())];
            let frame = r.pick(frames);
            item += &framed(frame, r.pick(wordings));
        } else {
            item += r.pick(FILLER);
        }
    }
    item
}

/// A Markdown list of `items` with `marker`, some hard-wrapped at 72
/// columns as people who wrap their text write them.
fn list(r: &mut Rng, items: &[String]) -> String {
    let marker = r.pick(&["-", "-", "*", "+"]);
    let wrap = r.chance(30);
    let mut out = String::new();
    for item in items {
        let mut line = format!("{marker} ");
        for (i, word) in item.split(' ').enumerate() {
            if i > 0 {
                if wrap && line.len() + word.len() >= 72 {
                    out += &line;
                    out.push('\n');
                    line = String::from("  ");
                } else {
                    line.push(' ');
                }
            }
            line += word;
        }
        out += &line;
        out.push('\n');
    }
    out
}

/// The reflection sections in long prose: "What went well" and "What I
/// struggled with" of 3–6 items each, and 1–3 takeaways; heading levels and
/// list markers vary.
fn long_reflections(r: &mut Rng, shape: &Shape) -> String {
    let level = r.pick(&["##", "##", "##", "###"]);
    let well_heading = r.pick(&[
        "What went well",
        "What went well",
        "What went well?",
        "what went well",
    ]);
    let struggled_heading = r.pick(&[
        "What I struggled with",
        "What I struggled with",
        "What I struggled with?",
        "What I struggled with (honestly)",
    ]);
    let well: Vec<String> = (0..r.range(3, 6))
        .map(|_| long_item(r, WELL_TOPICS, WELL_FRAMES))
        .collect();
    let topics = &STRUGGLE_TOPICS[..shape.topics];
    let struggled: Vec<String> = (0..r.range(3, 6))
        .map(|_| long_item(r, topics, STRUGGLE_FRAMES))
        .collect();
    let takeaways: Vec<String> = (0..r.range(1, 3))
        .map(|_| r.pick(ADVICE).to_string())
        .collect();
    let mut f = String::new();
    let _ = writeln!(f, "{level} {well_heading}\n\n{}", list(r, &well));
    let _ = writeln!(f, "{level} {struggled_heading}\n\n{}", list(r, &struggled));
    let _ = writeln!(f, "{level} Takeaways\n\n{}", list(r, &takeaways));
    f
}

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

#[allow(clippy::too_many_arguments)]
fn journal(
    r: &mut Rng,
    shape: &Shape,
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
        .map(|_| {
            if shape.odd > 0 && r.chance(shape.odd) {
                r.pick(ODD_PEOPLE).to_string()
            } else {
                format!("{} {}", r.pick(FIRST), r.pick(LAST))
            }
        })
        .collect();
    if n == 1 && r.chance(30) {
        let _ = writeln!(f, "interviewer: {}", people[0]);
    } else {
        f.push_str("interviewers:\n");
        for p in &people {
            // Letters of the name that an address can hold.
            let email: String = p
                .to_lowercase()
                .replace(' ', ".")
                .chars()
                .filter(|c| c.is_ascii_alphanumeric() || *c == '.' || *c == '-')
                .collect();
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
        let days = r.range(5, 20);
        let next = match shape.prose {
            Prose::Short => NEXT_STEPS[0],
            Prose::Long => r.pick(NEXT_STEPS),
        };
        let _ = writeln!(
            f,
            "next_steps: {}",
            next.replacen("{}", &days.to_string(), 1)
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
    if r.chance(shape.sent_percent) {
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
        // The share not pending splits 15 : 30 : 10 into offers, rejections
        // and withdrawals (45 pending: 45, 15, 30, 10 percent).
        let o = r.below(100);
        let pending = shape.pending_percent;
        let decided = 100 - pending;
        let outcome = if o < pending {
            "pending"
        } else if o < pending + decided * 15 / 55 {
            "offer"
        } else if o < pending + decided * 45 / 55 {
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
        match shape.prose {
            Prose::Short => {
                let _ = writeln!(
                    f,
                    "learned:\n  - Their {} is being rebuilt this quarter",
                    r.pick(WORDS)
                );
            }
            Prose::Long => {
                let _ = writeln!(f, "learned:\n  - {}", r.pick(LEARNED));
            }
        }
    }
    if r.chance(40) {
        match shape.prose {
            Prose::Short => {
                let _ = writeln!(f, "highlights:\n  - {}", r.pick(WELL));
            }
            Prose::Long => {
                let wordings = WELL_TOPICS[r.below(WELL_TOPICS.len())];
                let _ = writeln!(f, "highlights:\n  - {}", capitalised(r.pick(wordings)));
            }
        }
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
    // Oddities: a journal that is only its front-matter, and a few of
    // about 5,000 words.
    if shape.odd > 0 && r.below(200) < shape.odd {
        f.push_str("---\n");
        return f;
    }
    let huge = shape.odd > 0 && r.below(1000) < shape.odd;
    f.push_str("---\n\n");

    // The body: 600–1,500 words of notes, with reflection sections.
    let target = if huge {
        r.range(4500, 5500)
    } else {
        r.range(600, 1500)
    };
    let mut words = 0;
    let _ = writeln!(f, "# {} interview at {company}\n", stage_name);
    // Some write their reflections first, before the notes.
    let first = shape.prose == Prose::Long && r.chance(10);
    if first {
        f += &long_reflections(r, shape);
    }
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
    if first || !r.chance(85) {
        return f;
    }
    if shape.prose == Prose::Long {
        f += &long_reflections(r, shape);
    } else {
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
/// from `seed`, in the default shape; returns how many journals and
/// applications it wrote.
pub fn generate(out: &Path, n: usize, seed: u64) -> (usize, usize) {
    generate_shaped(out, n, seed, &Shape::default())
}

/// [`generate`] in any shape.
pub fn generate_shaped(out: &Path, n: usize, seed: u64, shape: &Shape) -> (usize, usize) {
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
        let (lo, hi) = shape.per_app;
        let count = r.range(lo, hi).min(n - written);
        let mut company = format!("{} {}", r.pick(COMPANIES), app / COMPANIES.len());
        let mut role = r.pick(ROLES).to_string();
        if shape.odd > 0 {
            // The application's number keeps each its own.
            if r.chance(shape.odd) {
                company = format!("{} {app}", r.pick(ODD_COMPANIES));
            }
            if r.chance(shape.odd) {
                role = r.pick(ODD_ROLES).to_string();
            }
        }
        let dir = out.join("content").join(format!("app-{app:06}"));
        std::fs::create_dir_all(&dir).unwrap();
        let mut day = r.range(0, shape.span) as i64;
        for stage in 0..count {
            let broken = r.below(200) == 0;
            let text = journal(
                &mut r,
                shape,
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

const USAGE: &str = "usage: corpus OUT_DIR N [SEED] [--shape default|messy] [--sent-percent P] \
[--pending-percent P] [--per-app A-B] [--span DAYS] [--prose short|long] [--topics K] [--odd P]";

/// Stops with `message` and the usage.
fn usage(message: &str) -> ! {
    eprintln!("corpus: {message}\n{USAGE}");
    std::process::exit(2);
}

/// The number in `value`, the argument of `option`, between `lo` and `hi`.
fn number(option: &str, value: &str, lo: usize, hi: usize) -> usize {
    match value.parse() {
        Ok(v) if (lo..=hi).contains(&v) => v,
        _ => usage(&format!(
            "{option} takes a number from {lo} to {hi}, not {value:?}"
        )),
    }
}

/// The shape the options in `args` ask for: `--shape` first, then each knob
/// over it, whatever their order.
fn shape_of(args: &[String]) -> Shape {
    let mut pairs = Vec::new();
    let mut it = args.iter();
    while let Some(option) = it.next() {
        let Some(value) = it.next() else {
            usage(&format!("{option} needs a value"))
        };
        pairs.push((option.as_str(), value.as_str()));
    }
    let mut shape = Shape::default();
    for (option, value) in &pairs {
        if *option == "--shape" {
            shape = Shape::named(value)
                .unwrap_or_else(|| usage(&format!("no shape {value:?}: default or messy")));
        }
    }
    for (option, value) in pairs {
        match option {
            "--shape" => {}
            "--sent-percent" => shape.sent_percent = number(option, value, 0, 100),
            "--pending-percent" => shape.pending_percent = number(option, value, 0, 100),
            "--per-app" => {
                let (lo, hi) = value.split_once('-').unwrap_or((value, value));
                let lo = number(option, lo, 1, 1000);
                shape.per_app = (lo, number(option, hi, lo, 1000));
            }
            "--span" => shape.span = number(option, value, 0, 100_000),
            "--prose" => {
                shape.prose = match value {
                    "short" => Prose::Short,
                    "long" => Prose::Long,
                    _ => usage(&format!("--prose is short or long, not {value:?}")),
                }
            }
            "--topics" => shape.topics = number(option, value, 1, STRUGGLE_TOPICS.len()),
            "--odd" => shape.odd = number(option, value, 0, 100),
            _ => usage(&format!("unknown option {option:?}")),
        }
    }
    shape
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let positional = args
        .iter()
        .skip(1)
        .take_while(|a| !a.starts_with("--"))
        .count();
    if !(2..=3).contains(&positional) {
        usage("OUT_DIR and N come first");
    }
    let out = Path::new(&args[1]);
    let n: usize = args[2].parse().expect("N is a number");
    let seed: u64 = args[..=positional]
        .get(3)
        .map_or(1, |s| s.parse().expect("SEED is a number"));
    let shape = shape_of(&args[positional + 1..]);
    let (written, apps) = generate_shaped(out, n, seed, &shape);
    println!(
        "wrote {written} journals in {apps} applications to {}",
        out.display()
    );
}
