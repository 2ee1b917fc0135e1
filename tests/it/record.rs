//! Recording from the command line (`done`, `snooze`, `sent`, `reply`,
//! `outcome`) on journals of every style, through the binary, and the
//! lossless edit as a property over every fixture journal.

use crate::common::{Case, read};

use debrief::journal::model::Outcome;
use debrief::record::{self, Record};

/// The `record` fixture copied into a temporary repository.
fn repo() -> Case {
    let src = crate::common::checkout().join("tests/fixtures/record");
    let mut case = Case::temp();
    for f in [
        "debrief.toml",
        "content/block.md",
        "content/flow.md",
        "content/crlf-bom.md",
        "content/toml.md",
    ] {
        case = case.file(f, std::fs::read(src.join(f)).unwrap());
    }
    case.today("2026-11-20")
}

/// The id of the open action of `rule` for `person` (or none).
fn id_of(case: &Case, rule: &str, company: &str, person: Option<&str>) -> String {
    let json = case.due_json();
    json["actions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| {
            a["rule"] == rule && a["company"] == company && person.is_none_or(|p| a["person"] == p)
        })
        .unwrap_or_else(|| panic!("no {rule} for {company}: {json}"))["id"]
        .as_str()
        .unwrap()
        .to_string()
}

/// Lines of `new` that are not in `old`, and whether every line of `old`
/// is still in `new` in order (nothing removed or changed).
fn added(old: &str, new: &str) -> (Vec<String>, bool) {
    let diff = similar::TextDiff::from_lines(old, new);
    let mut added = Vec::new();
    let mut kept = true;
    for c in diff.iter_all_changes() {
        match c.tag() {
            similar::ChangeTag::Insert => added.push(c.value().trim_end().to_string()),
            similar::ChangeTag::Delete => kept = false,
            similar::ChangeTag::Equal => {}
        }
    }
    (added, kept)
}

#[test]
fn done_records_each_action_where_the_rules_read_it_and_nothing_else() {
    let case = repo();
    let before = read(case.root(), "content/block.md");
    let thanks = id_of(&case, "thank-you", "Block & Co", Some("Ann Lee"));
    let item = id_of(&case, "promised-item", "Block & Co", None);
    let r = case.run(&["done", &thanks[..5], &item, "--on", "2026-11-18"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let after = read(case.root(), "content/block.md");
    let (lines, kept) = added(&before, &after);
    assert!(kept, "only additions:\n{after}");
    assert_eq!(
        lines,
        [
            "    done: 2026-11-18",
            "  - kind: thank-you",
            "    to: Ann Lee",
            "    on: 2026-11-18",
        ]
    );
    // Both closed, nothing new to check.
    let ids: Vec<String> = case.due_json()["actions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["id"].as_str().unwrap().to_string())
        .collect();
    assert!(!ids.contains(&thanks) && !ids.contains(&item), "{ids:?}");
    assert_eq!(case.run(&["check", "--deny", "warnings"]).code, 0);
}

#[test]
fn flow_lists_grow_in_flow_and_a_plain_item_becomes_a_mapping() {
    let case = repo();
    let before = read(case.root(), "content/flow.md");
    let kim = id_of(&case, "references", "Flow Inc", Some("Kim Park"));
    let slides = id_of(&case, "promised-item", "Flow Inc", None);
    let linkedin = id_of(&case, "linkedin", "Flow Inc", Some("Di Evans"));
    let r = case.run(&["done", &kim, &slides, &linkedin, "--on", "2026-11-19"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let after = read(case.root(), "content/flow.md");
    assert_eq!(
        after,
        before
            .replace(
                "references: [Kim Park,",
                "references: [{name: Kim Park, briefed: 2026-11-19},"
            )
            .replace(
                "promised: [slides]",
                "promised: [{item: slides, done: 2026-11-19}]"
            )
            .replace(
                "on: 2026-11-16}]",
                "on: 2026-11-16}, {kind: linkedin, to: Di Evans, on: 2026-11-19}]"
            )
    );
}

#[test]
fn crlf_and_a_byte_order_mark_are_kept_and_the_body_is_untouched() {
    let case = repo();
    let before = read(case.root(), "content/crlf-bom.md");
    let r = case.run(&[
        "sent",
        "thank-you",
        "content/crlf-bom.md",
        "--to",
        "eve",
        "--on",
        "2026-11-15",
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let after = read(case.root(), "content/crlf-bom.md");
    assert!(after.starts_with('\u{feff}'));
    assert!(
        !after.replace("\r\n", "").contains('\n'),
        "only CRLF line ends"
    );
    let body = |t: &str| t.split("---\r\n").nth(2).unwrap().to_string();
    assert_eq!(body(&after), body(&before));
    assert!(after.contains("sent:\r\n  - {kind: thank-you, to: Eve Fox, on: 2026-11-15}\r\n---"));
}

#[test]
fn toml_journals_are_edited_with_toml_edit() {
    let case = repo();
    let before = read(case.root(), "content/toml.md");
    let sample = id_of(&case, "promised-item", "Toml Co", None);
    assert_eq!(case.run(&["done", &sample, "--on", "2026-11-16"]).code, 0);
    let r = case.run(&[
        "reply",
        "content/toml.md",
        "--from",
        "Gus",
        "--on",
        "2026-11-18",
        "--note",
        "liked the sample",
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let after = read(case.root(), "content/toml.md");
    assert!(
        after.contains(
            "promised = [{ item = \"a writing sample\", done = 2026-11-16 }] # promised at the end"
        ),
        "{after}"
    );
    assert!(
        after.contains("name = \"Gus Hale\" # the editor"),
        "{after}"
    );
    assert!(
        after.contains(
            "[[replies]]\non = 2026-11-18\nfrom = \"Gus Hale\"\nnote = \"liked the sample\"\n+++"
        ),
        "{after}"
    );
    assert!(after.ends_with(before.split("+++\n").nth(2).unwrap()));
}

#[test]
fn snooze_outcome_and_dry_run() {
    let case = repo();
    let check_in = id_of(&case, "check-in", "Flow Inc", None);
    let before = read(case.root(), "content/flow.md");
    let r = case.run(&["snooze", &check_in, "--until", "2026-12-01", "--dry-run"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.contains("+++ b/content/flow.md"), "{}", r.stdout);
    assert!(r.stdout.contains("+snooze:"), "{}", r.stdout);
    assert_eq!(
        read(case.root(), "content/flow.md"),
        before,
        "a dry run writes nothing"
    );
    assert_eq!(
        case.run(&["snooze", &check_in, "--until", "2026-12-01"])
            .code,
        0
    );
    assert!(
        read(case.root(), "content/flow.md")
            .contains("  - {rule: check-in, until: 2026-12-01, to: Cy Diaz}")
    );
    assert!(
        !case.due_json()["actions"]
            .as_array()
            .unwrap()
            .iter()
            .any(|a| a["id"] == check_in.as_str())
    );
    let r = case.run(&["outcome", "offer", "content/flow.md", "--on", "2026-11-20"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let after = read(case.root(), "content/flow.md");
    assert!(
        after.ends_with(
            "outcome: offer\noutcome_on: 2026-11-20\n---\n## What went well\n- the SQL test\n"
        ),
        "{after}"
    );
}

#[test]
fn what_cannot_be_recorded_is_refused_clearly_and_nothing_is_written() {
    let case = repo();
    let before = read(case.root(), "content/block.md");
    // A name of nobody: exit 2 with the closest one.
    let r = case.run(&["sent", "check-in", "content/block.md", "--to", "Ann Lea"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("did you mean `Ann Lee`?"), "{}", r.stderr);
    // An id of nothing, and a reflection, which is written, not sent.
    let r = case.run(&["done", "ffffffff"]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("no open action has the id"),
        "{}",
        r.stderr
    );
    let case = case.file(
        "content/bare.md",
        "---\ncompany: Bare\nrole: R\ndate: 2026-11-10\n---\n",
    );
    let reflection = id_of(&case, "reflection", "Bare", None);
    let r = case.run(&["done", &reflection]);
    assert_eq!(r.code, 1);
    assert!(
        r.stderr
            .contains("add a section such as `## What went well`"),
        "{}",
        r.stderr
    );
    // A journal with a front-matter error is refused.
    let case = case.file(
        "content/broken.md",
        "---\ncompany: Broken\nrole: R\ndate: 2026-13-01\n---\n",
    );
    let r = case.run(&["sent", "other", "content/broken.md"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("fix it first"), "{}", r.stderr);
    assert_eq!(read(case.root(), "content/block.md"), before);
    assert_eq!(
        read(case.root(), "content/broken.md"),
        "---\ncompany: Broken\nrole: R\ndate: 2026-13-01\n---\n"
    );
}

/// Every journal of every fixture, in its own style and as CRLF with a
/// byte-order mark: each kind of record leaves the file reading as the
/// journal plus exactly that entry, with only one stretch of the text
/// changed and the body byte for byte.
#[test]
fn every_fixture_journal_takes_every_kind_of_record_losslessly() {
    let here = crate::common::checkout();
    let mut tried = 0;
    let mut seed = 7u64;
    // Records tried per style: as written, CRLF + BOM, JSON flow, TOML.
    let mut by_style = [0usize; 4];
    let walk = |dir: &str| {
        walkdir::WalkDir::new(here.join(dir))
            .into_iter()
            .filter_map(Result::ok)
    };
    // And journals of the benchmark's generator, which no one shaped for this.
    let generated = tempfile::tempdir().unwrap();
    crate::corpus::generate(generated.path(), 120, 7);
    let walk_generated = walkdir::WalkDir::new(generated.path())
        .into_iter()
        .filter_map(Result::ok);
    for entry in walk("tests/fixtures")
        .chain(walk("content"))
        .chain(walk_generated)
    {
        let path = entry.path();
        if path.extension().is_none_or(|e| e != "md")
            || path.components().any(|c| c.as_os_str() == "fuzz")
        {
            continue;
        }
        let Ok(text) = std::fs::read_to_string(path) else {
            continue;
        };
        for (style, variant) in styles(&text).into_iter().enumerate() {
            let rel = "content/x.md";
            let old = debrief::journal::parse(
                rel,
                variant.as_bytes(),
                &["went well"],
                &["check-in", "thank-you"],
            );
            let Some(j) = old.journal.clone().filter(|_| old.is_good()) else {
                continue;
            };
            let day = chrono::NaiveDate::from_ymd_opt(2026, 11, 30).unwrap();
            let mut records = vec![
                Record::sent(debrief::journal::model::Sent {
                    kind: debrief::journal::model::Kind::CheckIn,
                    to: vec![pick(&mut seed).into()],
                    on: debrief::time::When::Date(day),
                    channel: None,
                    note: Some(pick(&mut seed).into()),
                    loc: Default::default(),
                    channel_loc: None,
                    decide_by: None,
                }),
                Record::reply(debrief::journal::model::Reply {
                    on: day,
                    from: Some(pick(&mut seed).into()),
                    note: Some(pick(&mut seed).into()),
                    loc: Default::default(),
                }),
            ];
            records.extend(Record::outcome(Outcome::Declined, day));
            if let Some(i) = j.promised.iter().position(|p| p.done.is_none()) {
                records.push(Record::done(i, day));
            }
            if let Some(i) = j.references.iter().position(|r| r.briefed.is_none()) {
                records.push(Record::briefed(i, day));
            }
            for r in records {
                let what = format!("{} ({:?})", path.display(), r.edit);
                let new =
                    record::apply(&variant, &r.edit).unwrap_or_else(|e| panic!("{what}: {e}"));
                let read = debrief::journal::parse(
                    rel,
                    new.as_bytes(),
                    &["went well"],
                    &["check-in", "thank-you"],
                );
                record::verify(&j, &read, &*r.expect)
                    .and_then(|()| {
                        record::unchanged_elsewhere(&variant, &new, std::slice::from_ref(&r.edit))
                    })
                    .unwrap_or_else(|e| panic!("{what}: {e}\n{new}"));
                // The one stretch that changed lies inside the front-matter.
                let start = variant
                    .bytes()
                    .zip(new.bytes())
                    .take_while(|(a, b)| a == b)
                    .count();
                let end = variant
                    .bytes()
                    .rev()
                    .zip(new.bytes().rev())
                    .take_while(|(a, b)| a == b)
                    .count();
                let bare = debrief::journal::frontmatter::strip_bom(&variant);
                let split = debrief::journal::frontmatter::split(bare).unwrap();
                let matter_start = split.matter.as_ptr() as usize - variant.as_ptr() as usize;
                let matter_end = matter_start + split.matter.len();
                assert!(
                    start >= matter_start.min(variant.len())
                        && variant.len() - end.min(variant.len() - start) <= matter_end,
                    "{what}: changed outside the front-matter"
                );
                let body = |t: &str| {
                    debrief::journal::frontmatter::split(debrief::journal::frontmatter::strip_bom(
                        t,
                    ))
                    .unwrap()
                    .body
                    .to_string()
                };
                assert_eq!(body(&new), body(&variant), "{what}: the body");
                assert_eq!(
                    new.starts_with('\u{feff}'),
                    variant.starts_with('\u{feff}'),
                    "{what}"
                );
                if variant.contains("\r\n") {
                    assert!(
                        !new.replace("\r\n", "").contains('\n'),
                        "{what}: a bare line end\n{new}"
                    );
                }
                tried += 1;
                by_style[style.min(3)] += 1;
            }
        }
    }
    assert!(tried > 1000, "only {tried} records tried");
    assert!(
        by_style.iter().all(|n| *n > 100),
        "records per style: {by_style:?}"
    );
}

#[test]
fn a_folder_means_its_latest_interview_that_happened() {
    let case = repo().file(
        "content/block-next.md",
        "---\ncompany: \"Block & Co\"\nrole: Engineer\ndate: 2026-12-01\ninterviewers: [Ann Lee]\n---\n",
    );
    // Both journals of Block & Co sit in content/; a booked one must not
    // take the reply, or the rules would never read it.
    std::fs::create_dir_all(case.root().join("content/block")).unwrap();
    for f in ["block.md", "block-next.md"] {
        std::fs::rename(
            case.root().join("content").join(f),
            case.root().join("content/block").join(f),
        )
        .unwrap();
    }
    let r = case.run(&[
        "reply",
        "content/block",
        "--from",
        "Ann",
        "--on",
        "2026-11-19",
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stdout.starts_with("content/block/block.md:"),
        "{}",
        r.stdout
    );
    assert!(
        read(case.root(), "content/block/block.md")
            .contains("replies:\n  - {on: 2026-11-19, from: Ann Lee}\n")
    );
}

/// Text that YAML and TOML would misread if written carelessly.
const AWKWARD: &[&str] = &[
    "Zoë O'Neil",
    "Ann: Lee",
    "#1 fan",
    "a, b",
    "yes",
    "2026-11-30",
    "O\"Brien",
    "[x]",
    "{y}",
    "null",
    "- dash",
    "@at",
    "100%",
    "* star",
    "& amp",
    "! bang",
    "| pipe",
    "> gt",
    "`tick`",
    "key: value # c",
    "tab\there",
    "ünïcödé 名前",
];

/// One of [`AWKWARD`], chosen by a small generator.
fn pick(seed: &mut u64) -> &'static str {
    *seed = seed
        .wrapping_mul(6364136223846793005)
        .wrapping_add(1442695040888963407);
    AWKWARD[(*seed >> 33) as usize % AWKWARD.len()]
}

/// `text` as written, as CRLF with a byte-order mark, and, for YAML, its
/// front-matter re-rendered as one JSON flow mapping and as TOML (when
/// TOML can hold it).
fn styles(text: &str) -> Vec<String> {
    use debrief::journal::frontmatter::{Format, split, strip_bom};
    let mut out = vec![
        text.to_string(),
        format!(
            "\u{feff}{}",
            text.replace("\r\n", "\n").replace('\n', "\r\n")
        ),
    ];
    let lf = text.replace("\r\n", "\n");
    let Ok(s) = split(strip_bom(&lf)) else {
        return out;
    };
    if s.format != Format::Yaml {
        return out;
    }
    let Ok(node) = debrief::journal::node::from_yaml(s.matter, 2) else {
        return out;
    };
    let json = debrief::journal::schema::to_json(&node);
    out.push(format!("---\n{json}\n---\n{}", s.body));
    if let Ok(toml) = toml::to_string(&json) {
        out.push(format!("+++\n{toml}+++\n{}", s.body));
    }
    out
}

/// A temporary repository holding `content/a.md` with this front-matter.
fn one(matter: &str) -> Case {
    Case::temp()
        .file(
            "content/a.md",
            format!("---\n{matter}---\n## What went well\n- a\n"),
        )
        .today("2026-11-22")
}

const HEAD: &str = "company: Acme\nrole: R\ndate: 2026-11-17\ninterviewers: [Ann Lee]\nnext_steps: soon\nlearned: [x]\n";

// Found by an adversarial trial of the recording commands.
#[test]
fn text_of_other_entries_is_never_lost_or_the_edit_is_refused() {
    // The text of a `|` block, blank line and `#` included, stays its own.
    let case = one(&format!(
        "{HEAD}sent:\n  - kind: other\n    on: 2026-11-18\n    summary: |\n      Recruiter call.\n\n      # Action items: send portfolio\n"
    ));
    let thanks = id_of(&case, "thank-you", "Acme", None);
    assert_eq!(case.run(&["done", &thanks, "--on", "2026-11-18"]).code, 0);
    let after = read(case.root(), "content/a.md");
    assert!(
        after.contains("      # Action items: send portfolio\n  - kind: thank-you\n"),
        "{after}"
    );
    // Trailing blank lines kept by `|+` cannot be kept after a new item:
    // refused, nothing written.
    let keep =
        format!("{HEAD}sent:\n  - kind: other\n    on: 2026-11-18\n    note: |+\n      keep\n\n\n");
    let case = one(&keep);
    let before = read(case.root(), "content/a.md");
    let thanks = id_of(&case, "thank-you", "Acme", None);
    let r = case.run(&["done", &thanks, "--on", "2026-11-18"]);
    assert_eq!(r.code, 2, "{}", r.stdout);
    assert!(r.stderr.contains("nothing was written"), "{}", r.stderr);
    assert_eq!(read(case.root(), "content/a.md"), before);
}

#[test]
fn links_read_only_files_and_size_are_respected() {
    let case = one(HEAD);
    let real = case.root().join("real.md");
    std::fs::rename(case.root().join("content/a.md"), &real).unwrap();
    std::os::unix::fs::symlink(&real, case.root().join("content/a.md")).unwrap();
    let r = case.run(&["sent", "other", "content/a.md", "--on", "2026-11-20"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        std::fs::symlink_metadata(case.root().join("content/a.md"))
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert!(
        std::fs::read_to_string(&real)
            .unwrap()
            .contains("kind: other")
    );
    // A read-only journal is refused.
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&real, std::fs::Permissions::from_mode(0o444)).unwrap();
    let r = case.run(&["sent", "other", "content/a.md", "--on", "2026-11-21"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("read-only"), "{}", r.stderr);
    // A record that would take the journal over 1 MB is refused.
    let big = one(HEAD);
    let path = big.root().join("content/a.md");
    let mut text = std::fs::read_to_string(&path).unwrap();
    text.push_str(&"x".repeat(1024 * 1024 - text.len() - 10));
    std::fs::write(&path, &text).unwrap();
    let r = big.run(&["sent", "other", "content/a.md", "--note", &"n".repeat(200)]);
    assert_eq!(r.code, 2, "{}", r.stdout);
    assert_eq!(std::fs::read_to_string(&path).unwrap(), text);
}

#[test]
fn ids_channels_dates_and_folders_are_checked_before_anything_is_written() {
    let case = one(HEAD);
    let thanks = id_of(&case, "thank-you", "Acme", None);
    // The same id twice is recorded once, with its channel.
    let r = case.run(&[
        "done",
        &thanks,
        &thanks[..5],
        "--channel",
        "phone",
        "--on",
        "2026-11-17",
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(
        read(case.root(), "content/a.md")
            .matches("kind: thank-you")
            .count(),
        1
    );
    assert!(read(case.root(), "content/a.md").contains("channel: phone"));
    // Before the interview: refused.
    let case = one(HEAD);
    let thanks = id_of(&case, "thank-you", "Acme", None);
    let r = case.run(&["done", &thanks, "--on", "2026-11-10"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("before the interview"), "{}", r.stderr);
    // An unknown id among good ones stops everything.
    let r = case.run(&["done", &thanks, "ffffffff"]);
    assert_eq!(r.code, 2);
    assert!(!read(case.root(), "content/a.md").contains("kind: thank-you"));
    // A folder of several applications is not one.
    let case = case.file(
        "content/b.md",
        "---\ncompany: Other\nrole: R\ndate: 2026-11-17\n---\n",
    );
    let r = case.run(&["sent", "other", "content"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("several applications"), "{}", r.stderr);
    let r = case.run(&["sent", "other", "debrief.toml"]);
    assert!(r.stderr.contains("is not a journal"), "{}", r.stderr);
}

#[test]
fn a_snooze_that_would_hide_more_than_asked_is_refused() {
    let case = one(&format!(
        "{HEAD}promised:\n  - {{item: deck, to: Ann Lee}}\n  - {{item: memo, to: Ann Lee}}\n"
    ));
    let json = case.due_json();
    let ids: Vec<String> = json["actions"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|a| a["rule"] == "promised-item")
        .map(|a| a["id"].as_str().unwrap().to_string())
        .collect();
    let r = case.run(&["snooze", &ids[0], "--until", "2026-12-01"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("would also hide"), "{}", r.stderr);
    let r = case.run(&["snooze", &ids[0], &ids[1], "--until", "2026-12-01"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
}

#[test]
fn odd_but_valid_yaml_takes_records_too() {
    for (matter, want) in [
        (
            format!("{HEAD}sent: ~\n"),
            "sent: [{kind: other, on: 2026-11-20}]",
        ),
        (
            format!("{HEAD}sent:\n-   kind: thank-you\n    on: 2026-11-17\n"),
            "-   kind: other\n    on: 2026-11-20\n",
        ),
        (format!("{HEAD}promised:\n  - item: deck\n    done:\n"), ""),
    ] {
        let case = one(&matter);
        let r = if matter.contains("done:") {
            let id = id_of(&case, "promised-item", "Acme", None);
            case.run(&["done", &id, "--on", "2026-11-20"])
        } else {
            case.run(&["sent", "other", "content/a.md", "--on", "2026-11-20"])
        };
        assert_eq!(r.code, 0, "{matter}\n{}", r.stderr);
        let after = read(case.root(), "content/a.md");
        assert!(after.contains(want), "{after}");
        if matter.contains("done:") {
            assert!(after.contains("    done: 2026-11-20\n"), "{after}");
        }
    }
    // Control characters are escaped, and the journal still reads.
    let case = one(HEAD);
    let r = case.run(&["sent", "other", "content/a.md", "--note", "a\u{7f}b\u{85}c"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(read(case.root(), "content/a.md").contains(r#"note: "a\u007fb\u0085c""#));
    assert_eq!(case.run(&["check", "--deny", "warnings"]).code, 0);
}

#[test]
fn one_person_named_twice_is_written_once_and_due_keeps_one_line_per_action() {
    let case = one(&format!(
        "{HEAD}promised:\n  - item: |\n      the deck\n\n      # version 2\n    to: Ann Lee\n"
    ));
    let r = case.run(&[
        "sent",
        "other",
        "content/a.md",
        "--to",
        "Ann",
        "--to",
        "ann lee",
        "--on",
        "2026-11-20",
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        read(case.root(), "content/a.md").contains("{kind: other, to: Ann Lee, on: 2026-11-20}")
    );
    let due = case.run(&["due"]);
    let line = due
        .stdout
        .lines()
        .find(|l| l.contains("promised-item"))
        .unwrap();
    assert!(
        line.contains("Send the deck # version 2 to Ann Lee"),
        "{}",
        due.stdout
    );
}

/// Found by a trial: the offer reply's draft promised an answer by a date,
/// but `done` recorded the reply without it, so no decision was ever due.
#[test]
fn an_offer_reply_done_records_the_answer_date_its_draft_promised() {
    let case = Case::temp()
        .today("2026-11-20")
        .file(
            "content/orbit/2026-11-10-final.md",
            "---\ncompany: Orbit\nrole: Engineer\ndate: 2026-11-10\ninterviewers: [Ada Park]\nlearned: [their launch cadence]\nsent:\n  - {kind: thank-you, on: 2026-11-10}\noutcome: offer\noutcome_on: 2026-11-19\n---\n",
        );
    let id = id_of(&case, "offer-reply", "Orbit", None);
    let draft = case.run(&["draft", &id]);
    assert!(
        draft.stdout.contains("my answer by Monday 30 November"),
        "{}",
        draft.stdout
    );
    let r = case.run(&["done", &id]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let text = read(case.root(), "content/orbit/2026-11-10-final.md");
    assert!(text.contains("decide_by: 2026-11-30"), "{text}");
    // The decision now has its day.
    let due = case.due_json();
    let decision = due["actions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["rule"] == "offer-decision")
        .unwrap_or_else(|| panic!("{due}"));
    assert_eq!(decision["due"], "2026-11-30");
}
