//! The commands as a user runs them: JSON shapes, exit codes, human output,
//! bad input, and the files `init` and `new` write.

use crate::common::{Case, files, run};

use std::collections::BTreeSet;

use assert_cmd::Command;
use serde_json::Value;

fn keys(v: &Value) -> Vec<&str> {
    let mut k: Vec<&str> = v.as_object().unwrap().keys().map(String::as_str).collect();
    k.sort();
    k
}

#[test]
fn due_json_shape_field_by_field() {
    // The offer came on Friday 20 November: two days later is a Sunday, so
    // the answer is due on Monday.
    let json = Case::new("offer-reply").today("2026-11-23").due_json();
    assert_eq!(keys(&json), ["actions", "interviews", "today"]);
    // Nothing is scheduled here: the list is there, empty.
    assert_eq!(json["interviews"], serde_json::json!([]));
    assert_eq!(json["today"], "2026-11-23");
    let offer = json["actions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["rule"] == "offer-reply")
        .unwrap();
    assert_eq!(
        keys(offer),
        [
            "channel", "company", "draft", "due", "id", "journal", "person", "role", "rule",
            "status", "title"
        ]
    );
    assert_eq!(offer["rule"], "offer-reply");
    assert_eq!(offer["status"], "due");
    assert_eq!(offer["due"], "2026-11-23");
    assert_eq!(offer["person"], "Ann Lee");
    assert_eq!(offer["company"], "Acme");
    assert_eq!(offer["role"], "Engineer");
    assert_eq!(offer["journal"], "content/a2.md");
    assert_eq!(offer["channel"], "phone");
    assert_eq!(offer["title"], "Answer the offer from Acme");
    assert_eq!(offer["draft"], true);

    // An hour-based rule has due_at; a reflection has no person, no channel, no draft.
    let reflection = &json["actions"][0];
    assert_eq!(
        keys(reflection),
        [
            "company", "draft", "due", "due_at", "id", "journal", "role", "rule", "status", "title"
        ]
    );
    assert_eq!(reflection["rule"], "reflection");
    assert_eq!(reflection["status"], "overdue");
    assert_eq!(reflection["due_at"], "2026-11-12T00:00:00Z");
    assert_eq!(reflection["draft"], false);
}

#[test]
fn due_json_lists_scheduled_interviews_beside_the_actions() {
    // Issue 16, point 18: interviews dated after today were nowhere in
    // `due`. They come as a new top-level list; `today` and `actions` are
    // as they were, so readers of the old shape keep working.
    let c = Case::new("upcoming-interviews");
    let json = c.due_json();
    assert_eq!(keys(&json), ["actions", "interviews", "today"]);
    assert_eq!(json["actions"].as_array().unwrap().len(), 1);
    let interviews = json["interviews"].as_array().unwrap();
    let journals: Vec<&str> = interviews
        .iter()
        .map(|i| i["journal"].as_str().unwrap())
        .collect();
    assert_eq!(
        journals,
        [
            "content/acme/2026-11-24-onsite.md",
            "content/initech/2026-11-30-technical.md",
            "content/globex/2026-12-10-interview.md",
            "content/umbrella/2027-03-15-final.md",
        ]
    );
    let onsite = &interviews[0];
    assert_eq!(
        keys(onsite),
        [
            "at",
            "company",
            "date",
            "format",
            "interviewers",
            "journal",
            "role",
            "stage",
            "title"
        ]
    );
    assert_eq!(onsite["date"], "2026-11-24");
    assert_eq!(onsite["at"], "2026-11-24T14:00:00-05:00");
    assert_eq!(onsite["company"], "Acme");
    assert_eq!(onsite["role"], "Backend Developer");
    assert_eq!(onsite["stage"], "onsite");
    assert_eq!(onsite["format"], "in-person");
    assert_eq!(
        onsite["interviewers"],
        serde_json::json!(["Bo Chen", "Cy Dee"])
    );
    assert_eq!(onsite["title"], "Onsite interview at Acme");
    // Written as 09:30 Pacific: given in the configured timezone.
    assert_eq!(interviews[1]["at"], "2026-11-30T12:30:00-05:00");
    // A date without a time has no `at`, and what is not noted is left out.
    assert_eq!(
        keys(&interviews[2]),
        [
            "company",
            "date",
            "interviewers",
            "journal",
            "role",
            "title"
        ]
    );
    assert_eq!(interviews[3]["at"], "2027-03-15T10:00:00-04:00");

    // --within keeps the interviews in that many days, as it does actions.
    let near = c.run(&["due", "--format", "json", "--within", "3"]);
    let near: Value = serde_json::from_str(&near.stdout).unwrap();
    assert_eq!(near["interviews"].as_array().unwrap().len(), 1);
    assert_eq!(near["actions"], json["actions"]);
}

#[test]
fn due_shows_upcoming_interviews_after_the_actions() {
    let c = Case::new("upcoming-interviews");
    let r = c.run(&["due"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    insta::assert_snapshot!("due_upcoming_interviews", r.stdout);
    let near = c.run(&["due", "--within", "3"]).stdout;
    assert!(near.contains("Upcoming interviews (1)\n"), "{near}");
    assert!(!near.contains("Initech"), "{near}");
    // With nothing due, the interviews still show.
    let r = Case::new("scheduled").run(&["due"]);
    assert!(
        r.stdout.starts_with(
            "Nothing due. Every follow-up is done for now.\n\nUpcoming interviews (2)\n"
        ),
        "{}",
        r.stdout
    );
    // With nothing scheduled, no section.
    let r = Case::new("check-in").today("2026-11-16").run(&["due"]);
    assert!(!r.stdout.contains("interviews"), "{}", r.stdout);
}

#[test]
fn check_json_shape_field_by_field() {
    let json = Case::new("wrong-channel").check_json();
    assert_eq!(keys(&json), ["errors", "notes", "problems", "warnings"]);
    assert_eq!(
        (
            json["errors"].as_u64(),
            json["warnings"].as_u64(),
            json["notes"].as_u64()
        ),
        (Some(0), Some(2), Some(1))
    );
    let first = &json["problems"][0];
    assert_eq!(
        keys(first),
        ["column", "file", "line", "message", "rule", "severity"]
    );
    assert_eq!(first["rule"], "wrong-channel");
    assert_eq!(first["severity"], "warning");
    assert_eq!(first["file"], "content/a.md");
    assert_eq!(first["line"], 14);
    assert_eq!(first["column"], 14);
    // A problem about no file leaves the location out.
    let global = &json["problems"][2];
    assert_eq!(keys(global), ["message", "rule", "severity"]);
    assert_eq!(global["rule"], "few-active");
}

#[test]
fn due_within_days_keeps_overdue_and_near_ones() {
    let all = Case::new("check-in").today("2026-11-15").actions();
    let near = Case::new("check-in").today("2026-11-15");
    let near = near.run(&["due", "--format", "json", "--within", "1"]);
    let near: Value = serde_json::from_str(&near.stdout).unwrap();
    let dues: Vec<&str> = near["actions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["due"].as_str().unwrap())
        .collect();
    assert!(dues.iter().all(|d| *d <= "2026-11-16"), "{dues:?}");
    assert!(dues.len() < all.len() && dues.contains(&"2026-11-16") && dues.contains(&"2026-11-03"));
}

#[test]
fn exit_codes() {
    assert_eq!(Case::new("scheduled").run(&["check"]).code, 0, "only notes");
    assert_eq!(
        Case::new("generic-draft").run(&["check"]).code,
        0,
        "warnings pass by default"
    );
    assert_eq!(
        Case::new("generic-draft")
            .run(&["check", "--deny", "warnings"])
            .code,
        1
    );
    assert_eq!(Case::new("bad-input").run(&["check"]).code, 1);
    assert_eq!(Case::new("scheduled").run(&["due"]).code, 0);
    assert_eq!(Case::new("bad-input").run(&["due"]).code, 1);

    let no_content = tempfile::tempdir().unwrap();
    let mut cmd = Command::cargo_bin("debrief").unwrap();
    cmd.arg("-C").arg(no_content.path()).arg("check");
    let r = run(cmd);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("no content/ folder"), "{}", r.stderr);

    let bad_config = Case::temp().file("debrief.toml", "[rules]\nthank_you_hour = 3\n");
    let r = bad_config.run(&["due"]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr
            .contains("debrief.toml:2:1: unknown field `thank_you_hour`"),
        "{}",
        r.stderr
    );

    let bad_tz = Case::temp().file("debrief.toml", "timezone = \"Mars/Olympus\"\n");
    assert_eq!(bad_tz.run(&["check"]).code, 2);

    let r = Case::new("scheduled").today("2026-02-30").run(&["due"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("is not a date"), "{}", r.stderr);
    assert_eq!(
        Case::new("scheduled")
            .run(&["due", "--format", "yaml"])
            .code,
        2
    );
    assert_eq!(Case::new("scheduled").run(&["frobnicate"]).code, 2);
}

#[test]
fn today_comes_from_the_environment_too() {
    let mut cmd = Command::cargo_bin("debrief").unwrap();
    cmd.arg("-C")
        .arg(Case::new("reflection").root())
        .args(["due", "--format", "json"]);
    cmd.env("DEBRIEF_TODAY", "2026-11-30");
    let mut out = cmd.output().unwrap();
    out.stdout.truncate(200);
    assert!(String::from_utf8_lossy(&out.stdout).contains("\"today\": \"2026-11-30\""));
}

#[test]
fn positional_root_works_like_dash_c() {
    let mut cmd = Command::cargo_bin("debrief").unwrap();
    cmd.args(["--today", "2026-11-22", "due", "--format", "json"])
        .arg(Case::new("linkedin").root());
    let r = run(cmd);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(
        serde_json::from_str::<Value>(&r.stdout).unwrap(),
        Case::new("linkedin").due_json()
    );
}

#[test]
fn every_bad_file_is_reported_in_one_run() {
    let case = Case::new("bad-input");
    let errors: Vec<String> = case
        .problems()
        .into_iter()
        .filter(|p| p.starts_with("error"))
        .collect();
    assert_eq!(
        errors,
        [
            "error front-matter content/bad-date.md:4:7 invalid date \"2026-13-45\": write YYYY-MM-DD, YYYY-MM-DDTHH:MM or RFC 3339",
            "error front-matter content/bad-values.md:5:10 unknown outcome \"hired\": expected one of pending, offer, rejected, withdrawn, accepted, declined",
            "error front-matter content/bad-values.md:6:10 unknown channel \"fax\": expected one of email, phone, mail, linkedin",
            "error front-matter content/bad-values.md:8:11 unknown kind \"thanks\": did you mean `thank-you`?",
            "error front-matter content/empty.md:-:- the file is empty; a journal starts with front-matter between `---` lines",
            "error front-matter content/latin1.md:2:13 the file is not valid UTF-8 (bad byte at offset 16); save it as UTF-8",
            "error front-matter content/missing-role.md:1:1 missing required field `role`",
            "error front-matter content/no-front-matter.md:1:1 no front-matter: a journal starts with a `---` line (YAML) or a `+++` line (TOML)",
            "error front-matter content/toml-syntax.md:3:8 the front-matter is not valid TOML: string values must be quoted, expected literal string",
            "error front-matter content/unclosed.md:1:1 the front-matter opened here is never closed by a `---` line",
            "error front-matter content/wrong-type.md:5:15 expected an interviewer (a mapping with name, title, email, phone, prefers, linkedin, discussed, allow), found a number",
            "error front-matter content/yaml-syntax.md:4:5 the front-matter is not valid YAML: illegal placement of ':' indicator",
        ]
    );
    assert_eq!(
        case.problems_of("unknown-field"),
        [
            "warning unknown-field content/typo.md:5:1 unknown field `interveiwers` (did you mean `interviewers`?); it is kept and shown but not checked",
        ]
    );
    // Hidden files, backups and other extensions are not journals: nothing about them.
    let all = case.problems().join("\n");
    for ignored in [".hidden.md", "backup.md~", ".cache", "notes.txt"] {
        assert!(!all.contains(ignored), "{ignored} should be ignored");
    }
}

#[test]
fn due_lists_good_journals_and_names_the_bad_ones() {
    let case = Case::new("bad-input");
    let r = case.run(&["due"]);
    assert_eq!(r.code, 1);
    assert!(
        r.stdout.contains("Thank Ann Lee for the interview"),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout.contains("CRLF Co"),
        "a BOM and CRLF file is read: {}",
        r.stdout
    );
    assert!(
        r.stderr.contains("10 journals could not be read"),
        "{}",
        r.stderr
    );
    for bad in [
        "content/bad-date.md",
        "content/empty.md",
        "content/latin1.md",
        "content/yaml-syntax.md",
    ] {
        assert!(r.stderr.contains(bad), "{bad} not named: {}", r.stderr);
    }
}

#[cfg(unix)]
#[test]
fn a_symlink_loop_is_reported_not_followed_forever() {
    let case = Case::temp().file(
        "content/a/ok.md",
        "---\ncompany: A\nrole: R\ndate: 2026-11-20\n---\n",
    );
    std::os::unix::fs::symlink(
        case.root().join("content"),
        case.root().join("content/a/loop"),
    )
    .unwrap();
    let r = case.run(&["check", "--format", "json"]);
    assert_eq!(r.code, 0, "a loop is a warning: {}", r.stdout);
    let problems = case.problems_of("symlink-loop");
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(problems[0].contains("content/a/loop"), "{problems:?}");
    assert_eq!(
        case.actions()
            .iter()
            .filter(|a| a.starts_with("thank-you") || a.starts_with("check-in"))
            .count(),
        1
    );
}

#[test]
fn a_huge_file_is_refused_with_a_message() {
    let mut big = b"---\ncompany: A\nrole: R\ndate: 2026-11-20\n---\n".to_vec();
    big.resize(50 * 1024 * 1024, b'x');
    let case = Case::temp().file("content/huge.md", big);
    assert_eq!(
        case.problems_of("front-matter"),
        [
            "error front-matter content/huge.md:-:- the file is 50.0 MB; journals larger than 1 MB are not read (move attachments out of the journal and link to them)",
        ]
    );
}

#[test]
fn github_annotations() {
    let r = Case::new("wrong-channel").run(&["check", "--format", "github"]);
    let first = r.stdout.lines().next().unwrap();
    assert_eq!(
        first,
        "::warning file=content/a.md,line=14,col=14,title=wrong-channel::thank-you to Ann Lee went by email, but Ann Lee prefers phone"
    );
    assert!(
        r.stdout
            .lines()
            .any(|l| l.starts_with("::notice title=few-active::"))
    );
}

#[test]
fn quiet_prints_nothing_but_keeps_the_exit_code() {
    let r = Case::new("bad-input").run(&["-q", "check"]);
    assert_eq!((r.code, r.stdout.as_str(), r.stderr.as_str()), (1, "", ""));
}

#[test]
fn check_reads_like_a_compiler() {
    let r = Case::new("bad-input").run(&["check"]);
    insta::assert_snapshot!("check_bad_input", r.stdout);
    let r = Case::new("too-soon").run(&["check"]);
    insta::assert_snapshot!("check_too_soon", r.stdout);
}

#[test]
fn due_groups_by_status() {
    let r = Case::new("check-in")
        .today("2026-11-16")
        .run(&["due", "--within", "5"]);
    assert_eq!(r.code, 0);
    insta::assert_snapshot!("due_check_in", r.stdout);
}

#[test]
fn colour_only_when_asked_or_on_a_terminal() {
    let plain = Case::new("too-soon").run(&["check"]);
    assert!(!plain.stdout.contains('\x1b'));
    let coloured = Case::new("too-soon").run(&["--color", "always", "check"]);
    assert!(
        coloured.stdout.contains("\x1b["),
        "--color always forces ANSI even with NO_COLOR"
    );
}

#[test]
fn init_creates_a_repository_and_never_overwrites() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join(".gitignore"), "mine\n").unwrap();
    let mut cmd = Command::cargo_bin("debrief").unwrap();
    cmd.args(["--today", "2026-11-22", "init"]).arg(dir.path());
    let r = run(cmd);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(dir.path().join("debrief.toml").is_file());
    assert_eq!(
        std::fs::read_to_string(dir.path().join(".gitignore")).unwrap(),
        "mine\n",
        "kept"
    );
    assert!(r.stderr.contains("kept the existing .gitignore"));
    let journal = dir
        .path()
        .join("content/example-labs-software-engineer/2026-11-21-screen.md");
    assert!(journal.is_file());

    // The new repository works at once.
    let mut cmd = Command::cargo_bin("debrief").unwrap();
    cmd.arg("-C")
        .arg(dir.path())
        .args(["--today", "2026-11-22", "due", "--format", "json"]);
    let r = run(cmd);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.contains("Sam Rivera"));

    let mut again = Command::cargo_bin("debrief").unwrap();
    again.arg("init").arg(dir.path());
    let r = run(again);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("already a debrief repository"));
}

#[test]
fn new_writes_a_journal_once() {
    let case = Case::temp();
    let args = [
        "new",
        "--company",
        "Acme: Rockets",
        "--role",
        "Engineer",
        "--date",
        "2026-11-20T14:00",
        "--stage",
        "onsite",
        "--interviewer",
        "Ann Lee",
        "--interviewer",
        "Bo Chen",
    ];
    let r = case.run(&args);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(
        r.stdout.trim(),
        "content/acme-rockets-engineer/2026-11-20-onsite.md"
    );
    let path = case
        .root()
        .join("content/acme-rockets-engineer/2026-11-20-onsite.md");
    let written = std::fs::read_to_string(&path).unwrap();
    assert_eq!(
        case.actions()
            .iter()
            .filter(|a| a.starts_with("thank-you"))
            .collect::<Vec<_>>(),
        [
            "thank-you 2026-11-21 Acme: Rockets Ann Lee",
            "thank-you 2026-11-21 Acme: Rockets Bo Chen"
        ]
    );

    // A second interview on the same day and stage gets its own file,
    // then a third (issue 16: the second was refused); what is there is
    // never touched.
    std::fs::write(&path, format!("{written}\nmy notes\n")).unwrap();
    for n in [2, 3] {
        let r = case.run(&args);
        assert_eq!(r.code, 0, "{}", r.stderr);
        let rel = format!("content/acme-rockets-engineer/2026-11-20-onsite-{n}.md");
        assert_eq!(r.stdout.trim(), rel);
        assert_eq!(
            std::fs::read_to_string(case.root().join(rel)).unwrap(),
            written
        );
    }
    assert!(
        std::fs::read_to_string(&path)
            .unwrap()
            .ends_with("my notes\n"),
        "not overwritten"
    );

    let r = case.run(&["new", "--company", "A", "--role", "R", "--date", "tomorrow"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("invalid date \"tomorrow\""));
}

#[test]
fn new_uses_the_themes_journal_template() {
    let case = Case::temp().file(
        "themes/default/archetypes/journal.md",
        "\n## My own template\n",
    );
    assert_eq!(case.run(&["new", "--company", "A", "--role", "R"]).code, 0);
    let text =
        std::fs::read_to_string(case.root().join("content/a-r/2026-11-22-interview.md")).unwrap();
    assert!(text.ends_with("---\n\n## My own template\n"), "{text}");
}

#[test]
fn the_demo_repository_works_and_is_never_written_to() {
    let root = crate::common::checkout();
    let before = files(&root.join("content"));
    for args in [
        &["due", "--format", "json"][..],
        &["check", "--format", "json"],
        &["report", "--format", "html"],
        &["report", "--work-search", "--format", "csv"],
    ] {
        let mut cmd = Command::cargo_bin("debrief").unwrap();
        cmd.arg("-C")
            .arg(root)
            .args(["--today", "2026-11-22"])
            .args(args);
        let r = run(cmd);
        assert_eq!(r.code, 0, "{args:?}: {}", r.stderr);
    }
    let mut cmd = Command::cargo_bin("debrief").unwrap();
    cmd.arg("-C")
        .arg(root)
        .args(["--today", "2026-11-22", "due", "--format", "json"]);
    let due: Value = serde_json::from_str(&run(cmd).stdout).unwrap();
    let mut rules: Vec<&str> = due["actions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["rule"].as_str().unwrap())
        .collect();
    rules.sort();
    rules.dedup();
    assert_eq!(
        rules,
        [
            "check-in",
            "feedback",
            "keep-warm",
            "linkedin",
            "offer-reply",
            "promised-item",
            "references",
            "reflection",
            "thank-you"
        ],
        "every action rule fires on the demo"
    );
    // But two: the demo's accepted offer (Tyrell) came with its decision
    // date kept and its withdrawal sent, so `offer-decision` and
    // `withdraw` are closed; the recorded entries show them.
    let all: Vec<&str> = debrief::rules::action_ids();
    let closed: Vec<&&str> = all.iter().filter(|r| !rules.contains(r)).collect();
    assert_eq!(closed, [&"offer-decision", &"withdraw"]);
    assert_eq!(files(&root.join("content")), before);
}

#[test]
fn completions_and_help() {
    let mut cmd = Command::cargo_bin("debrief").unwrap();
    cmd.args(["completions", "bash"]);
    let r = run(cmd);
    assert_eq!(r.code, 0);
    assert!(
        r.stdout.contains("_clap_complete_debrief()"),
        "{}",
        r.stdout
    );
    for sub in ["check", "due", "init", "new"] {
        let mut cmd = Command::cargo_bin("debrief").unwrap();
        cmd.args([sub, "--help"]);
        let r = run(cmd);
        assert_eq!(r.code, 0);
        assert!(
            r.stdout.contains("--today"),
            "{sub} --help lists the global options"
        );
    }
}

#[test]
fn readme_documents_every_rule_with_its_reason() {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    for rule in debrief::rules::RULES {
        let row = format!("| `{}` |", rule.id);
        assert!(
            readme
                .lines()
                .any(|l| l.starts_with(&row) && l.contains(rule.reason)),
            "README lacks a row for {} with its reason",
            rule.id
        );
        // Its timings, with their defaults, in its row.
        let row = readme
            .lines()
            .find(|l| l.starts_with(&row) && l.contains(rule.reason))
            .unwrap();
        for p in rule.params {
            assert!(
                row.contains(&format!("`{}` ({})", p.key, p.default)),
                "README's row for {} lacks `{}` ({})",
                rule.id,
                p.key,
                p.default
            );
        }
    }
    // Every timing, with its default, in the configuration example.
    for p in debrief::rules::params() {
        assert!(
            readme
                .lines()
                .any(|l| l.starts_with(&format!("{} = {}", p.key, p.default))),
            "README's configuration lacks {} = {}",
            p.key,
            p.default
        );
    }
}

#[test]
fn config_option_replaces_the_repositorys_file() {
    // The fixture's own debrief.toml sets a 12-hour thank-you window (due the 20th).
    let case = Case::new("timings");
    let other = tempfile::NamedTempFile::new().unwrap();
    std::fs::write(
        other.path(),
        "timezone = \"UTC\"\n[rules]\nthank_you_hours = 48\n",
    )
    .unwrap();
    let config = other.path().to_str().unwrap();
    let r = case.run(&["--config", config, "due", "--format", "json"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let due: Value = serde_json::from_str(&r.stdout).unwrap();
    let thanks = due["actions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["rule"] == "thank-you")
        .unwrap();
    assert_eq!(thanks["due"], "2026-11-22", "10:00 on the 20th + 48 h");

    let r = case.run(&["--config", "/no/such/debrief.toml", "due"]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr
            .contains("cannot read the configuration /no/such/debrief.toml"),
        "{}",
        r.stderr
    );
}

/// The front-matter of a journal `new` wrote, named by what it printed.
fn front_matter_of(case: &Case, printed: &str) -> String {
    let text = std::fs::read_to_string(case.root().join(printed.trim())).unwrap();
    let (fm, _) = text[4..].split_once("\n---\n").unwrap();
    fm.to_string()
}

/// The field a front-matter line sets or shows commented out (`# outcome:
/// pending  # …` shows `outcome`), if any.
fn field_of(line: &str) -> Option<&str> {
    let text = line.trim_start().trim_start_matches('#').trim_start();
    let text = text.strip_prefix("- ").unwrap_or(text);
    let (field, _) = text.split_once(':')?;
    field
        .chars()
        .all(|c| c.is_ascii_lowercase() || c == '_')
        .then_some(field)
}

#[test]
fn new_shows_every_field_the_optional_ones_commented() {
    // Issue 16: the template lacked replies, outcome, contact, references,
    // the per-person prefers/linkedin/discussed and allow, and guessed a
    // `format: video`.
    let case = Case::temp();
    let panel = case.run(&[
        "new",
        "--company",
        "Acme",
        "--role",
        "Engineer",
        "--date",
        "2026-11-20",
        "--stage",
        "onsite",
        "--interviewer",
        "Ann Lee",
        "--interviewer",
        "Bo: \"Chen\"",
    ]);
    let nobody = case.run(&[
        "new",
        "--company",
        "Initech",
        "--role",
        "SRE",
        "--format",
        "phone",
    ]);
    for (r, people) in [(&panel, 2), (&nobody, 1)] {
        assert_eq!(r.code, 0, "{}", r.stderr);
        let fm = front_matter_of(&case, &r.stdout);
        let shown = |field: &str| fm.lines().filter(|l| field_of(l) == Some(field)).count();
        for field in debrief::journal::schema::FIELDS.iter() {
            // `interviewer` is the shorthand for `interviewers`.
            if *field != "interviewer" {
                assert!(shown(field) > 0, "`{field}` missing:\n{fm}");
            }
        }
        // Each interviewer (or the example of one) with their own fields.
        for field in ["title", "email", "phone", "prefers", "linkedin"] {
            assert_eq!(
                shown(field),
                people + usize::from(field == "title"),
                "{field}:\n{fm}"
            );
        }
        assert_eq!(
            shown("discussed"),
            people + 1,
            "per person and per journal:\n{fm}"
        );
        // The optional fields are there to uncomment, not set.
        for field in [
            "replies",
            "outcome",
            "outcome_on",
            "references",
            "contact",
            "no_contact_before",
            "decision_by",
            "discussed",
        ] {
            assert!(
                fm.lines().any(|l| l.starts_with(&format!("# {field}: ")))
                    && !fm.lines().any(|l| l.starts_with(&format!("{field}:"))),
                "`{field}` not commented out:\n{fm}"
            );
        }
        assert!(fm.contains("allow: [too-soon]"), "{fm}");
        let outcome = fm.lines().find(|l| l.starts_with("# outcome:")).unwrap();
        for value in [
            "pending",
            "offer",
            "rejected",
            "withdrawn",
            "accepted",
            "declined",
        ] {
            assert!(outcome.contains(value), "{outcome}");
        }
    }
    // `format` only when given.
    let formats = |r: &crate::common::Run| {
        front_matter_of(&case, &r.stdout)
            .lines()
            .filter(|l| l.starts_with("format:"))
            .map(str::to_string)
            .collect::<Vec<_>>()
    };
    assert_eq!(formats(&panel), Vec::<String>::new());
    assert_eq!(formats(&nobody), ["format: \"phone\""]);
}

#[test]
fn new_journals_check_clean_as_written() {
    // Issue 16: what `new` writes is read without a warning about its
    // fields; a journal still to be filled in only asks to be (no
    // `learned`, no timeline), and an interview yet to come not even that.
    let case = Case::temp();
    let past = case.run(&[
        "new",
        "--company",
        "Acme",
        "--role",
        "Engineer",
        "--date",
        "2026-11-20T14:00",
        "--interviewer",
        "Ann Lee",
        "--interviewer",
        "Bo: \"Chen\"\n# x",
    ]);
    assert_eq!(past.code, 0, "{}", past.stderr);
    let asked: BTreeSet<String> = case.check_json()["problems"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| p["file"].is_string())
        .map(|p| p["rule"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(
        asked,
        BTreeSet::from(["generic-draft".to_string(), "no-timeline".to_string()])
    );

    let case = Case::temp();
    for company in ["Acme", "Initech"] {
        let r = case.run(&[
            "new",
            "--company",
            company,
            "--role",
            "SRE",
            "--date",
            "2026-11-25",
        ]);
        assert_eq!(r.code, 0, "{}", r.stderr);
    }
    let r = case.run(&["check", "--deny", "warnings"]);
    assert_eq!(r.code, 0, "{}", r.stdout);
    assert!(r.stdout.contains("0 errors, 0 warnings"), "{}", r.stdout);
}

/// Every key of `debrief.toml` as `table.key`, tables included (`me`,
/// `rules.severity`), from the defaults of the configuration itself; and
/// the tables whose keys are free (rule ids).
fn config_keys() -> (BTreeSet<String>, BTreeSet<String>) {
    fn walk(prefix: &str, v: &Value, keys: &mut BTreeSet<String>, free: &mut BTreeSet<String>) {
        for (k, v) in v.as_object().unwrap() {
            let key = if prefix.is_empty() {
                k.clone()
            } else {
                format!("{prefix}.{k}")
            };
            match v.as_object() {
                Some(table) if table.is_empty() => {
                    free.insert(key.clone());
                }
                Some(_) => walk(&key, v, keys, free),
                None => {}
            }
            keys.insert(key);
        }
    }
    let defaults = serde_json::to_value(debrief::config::Config::default()).unwrap();
    let (mut keys, mut free) = (BTreeSet::new(), BTreeSet::new());
    walk("", &defaults, &mut keys, &mut free);
    (keys, free)
}

/// The keys a `debrief.toml` text shows, set or commented out, as
/// [`config_keys`] names them; the entries of free tables left out.
fn documented_keys(toml: &str) -> BTreeSet<String> {
    let (_, free) = config_keys();
    let mut table = String::new();
    let mut keys = BTreeSet::new();
    for line in toml.lines() {
        let line = line.trim_start_matches('#').trim();
        if let Some(rest) = line.strip_prefix('[') {
            table = rest.split(']').next().unwrap().to_string();
            keys.insert(table.clone());
        } else if let Some((key, _)) = line.split_once(" = ")
            && key
                .chars()
                .all(|c| c.is_ascii_lowercase() || c == '_' || c == '-')
            && !free.contains(&table)
        {
            keys.insert(if table.is_empty() {
                key.to_string()
            } else {
                format!("{table}.{key}")
            });
        }
    }
    keys
}

#[test]
fn init_lists_every_configuration_key_with_its_default() {
    // Issue 16: `[site] title`, `base_url`, `theme` and others were missing.
    let dir = tempfile::tempdir().unwrap();
    let mut cmd = Command::cargo_bin("debrief").unwrap();
    cmd.args(["--today", "2026-11-22", "init"]).arg(dir.path());
    assert_eq!(run(cmd).code, 0);
    let text = std::fs::read_to_string(dir.path().join("debrief.toml")).unwrap();
    assert_eq!(documented_keys(&text), config_keys().0, "{text}");

    // As written it changes nothing; with every setting uncommented, each
    // one shows its default (the settings without one show an example).
    let parse = |text: &str| {
        debrief::config::Config::parse(text, "debrief.toml", &debrief::rules::ids()).unwrap()
    };
    let defaults = debrief::config::Config::default();
    assert_eq!(parse(&text), defaults);
    let uncommented: String = text
        .lines()
        .map(|l| match l.strip_prefix("# ") {
            Some(setting)
                if setting.split_once(" = ").is_some_and(|(k, _)| {
                    k.chars().all(|c| c.is_ascii_lowercase() || c == '_')
                }) =>
            {
                format!("{setting}\n")
            }
            _ => format!("{l}\n"),
        })
        .collect();
    let set = serde_json::to_value(parse(&uncommented)).unwrap();
    let defaults = serde_json::to_value(defaults).unwrap();
    for (table, values) in defaults.as_object().unwrap() {
        let pairs: Vec<(String, &Value)> = match values.as_object() {
            Some(m) => m.iter().map(|(k, v)| (format!("{table}.{k}"), v)).collect(),
            None => vec![(table.clone(), values)],
        };
        for (key, default) in pairs {
            let path = format!("/{}", key.replace('.', "/"));
            let shown = set.pointer(&path).unwrap();
            if default.is_null() {
                assert!(!shown.is_null(), "{key} has no example");
            } else {
                assert_eq!(
                    shown, default,
                    "{key} shows a value that is not its default"
                );
            }
        }
    }
}

#[test]
fn readme_lists_every_configuration_key() {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let section = readme.split("\n## Configuration\n").nth(1).unwrap();
    let section = section.split("\n## ").next().unwrap();
    let block = section.split("```toml\n").nth(1).unwrap();
    let block = block.split("```").next().unwrap();
    assert_eq!(documented_keys(block), config_keys().0);
}

const ONSITE: &str = "---\ncompany: Acme\nrole: Engineer\ndate: 2026-11-18T10:00\ninterviewers:\n  - name: Bo Chen\nlearned: [their queue design]\n---\n## What went well\n- the design exercise\n";

#[test]
fn run_from_a_subfolder_finds_the_repository_upward() {
    // Issue 16: anywhere but the root, debrief said "no content/ folder";
    // cargo and git look upward.
    let case = Case::temp()
        .file("content/acme/2026-11-18-onsite.md", ONSITE)
        // A folder of notes called `content`: debrief.toml still marks the root.
        .file("content/acme/content/slides.txt", "");
    for sub in ["content", "content/acme", "content/acme/content"] {
        let r = case.run_in(sub, &["due", "--format", "json"]);
        assert_eq!(r.code, 0, "from {sub}: {}", r.stderr);
        assert_eq!(
            serde_json::from_str::<Value>(&r.stdout).unwrap(),
            case.due_json(),
            "from {sub}"
        );
        let r = case.run_in(sub, &["check", "--format", "json"]);
        assert_eq!(
            serde_json::from_str::<Value>(&r.stdout).unwrap(),
            case.check_json(),
            "from {sub}"
        );
    }
    // A journal named from where you are.
    let r = case.run_in("content/acme", &["draft", "2026-11-18-onsite.md"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.contains("Hi Bo"), "{}", r.stdout);
    // `new` writes into the repository's content/ and prints a path that
    // opens from where you are.
    let r = case.run_in(
        "content/acme",
        &[
            "new",
            "--company",
            "Acme",
            "--role",
            "Engineer",
            "--date",
            "2026-11-20",
        ],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    let written = case
        .root()
        .join("content/acme-engineer/2026-11-20-interview.md");
    assert!(written.is_file());
    assert_eq!(
        std::path::Path::new(r.stdout.trim())
            .canonicalize()
            .unwrap(),
        written.canonicalize().unwrap()
    );

    // An explicit root is used as given, not searched from.
    let r = case.run_in("", &["-C", "content", "check"]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("no content/ folder in content:"),
        "{}",
        r.stderr
    );
    // Outside any repository: the message it always gave.
    let nowhere = tempfile::tempdir().unwrap();
    let mut cmd = Command::cargo_bin("debrief").unwrap();
    cmd.current_dir(nowhere.path()).arg("check");
    let r = run(cmd);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("no content/ folder in ."), "{}", r.stderr);
}

#[test]
fn new_edit_opens_the_journal_in_the_editor() {
    let case = Case::temp().today("2026-11-20");
    // An "editor" that appends a line to the file it is given.
    let script = case.root().join("editor.sh");
    std::fs::write(&script, "#!/bin/sh\necho '# edited' >> \"$1\"\n").unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755)).unwrap();
    let r = case.run_env(
        &["new", "--company", "Acme", "--role", "Engineer", "--edit"],
        &[("VISUAL", script.to_str().unwrap())],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    let text = std::fs::read_to_string(
        case.root()
            .join("content/acme-engineer/2026-11-20-interview.md"),
    )
    .unwrap();
    assert!(text.ends_with("# edited\n"), "{text}");
    // Without an editor it says how to get one, and the journal stays.
    let r = case.run_env(
        &["new", "--company", "Acme", "--role", "Engineer", "--edit"],
        &[("VISUAL", ""), ("EDITOR", "")],
    );
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("set $VISUAL or $EDITOR"), "{}", r.stderr);
}

#[test]
fn completions_offer_the_open_action_ids() {
    let case = Case::new("thank-you");
    let id = case.due_json()["actions"][0]["id"]
        .as_str()
        .unwrap()
        .to_string();
    let mut cmd = Command::cargo_bin("debrief").unwrap();
    cmd.current_dir(case.root())
        .env("COMPLETE", "fish")
        .env("DEBRIEF_TODAY", "2026-11-22")
        .args(["--", "debrief", "done", &id[..2]]);
    let r = run(cmd);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let line = r
        .stdout
        .lines()
        .find(|l| l.starts_with(&id))
        .unwrap_or_else(|| panic!("{}", r.stdout));
    assert!(line.contains("Thank"), "{line}");
}

#[test]
fn build_due_and_draft_say_where_a_bad_journal_is_wrong() {
    let case = Case::temp()
        .file("content/a/bad.md", "---\ncompany: [x\n---\n")
        .file("content/b/no-date.md", "---\ncompany: A\nrole: B\n---\n")
        .file(
            "content/b/ok.md",
            "---\ncompany: A\nrole: B\ndate: 2026-11-02\ninterviewers: [Bo Chen]\n---\n",
        )
        .today("2026-11-10");
    let where_ = [
        "content/a/bad.md:3:1: the front-matter is not valid YAML",
        "content/b/no-date.md:1:1: missing required field `date`",
    ];
    for args in [&["build"][..], &["due"]] {
        let r = case.run(args);
        assert_eq!(r.code, 1, "{args:?}: {}", r.stderr);
        for w in where_ {
            assert!(r.stderr.contains(w), "{args:?}: {w} in {}", r.stderr);
        }
    }
    let r = case.run(&["draft", "content/a/bad.md"]);
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains(where_[0]), "{}", r.stderr);
}

// Regression (an outside audit): init and new made their files 0600, as
// temporary files are, where any other tool's follow the umask.
#[cfg(unix)]
#[test]
fn files_init_and_new_make_follow_the_umask_like_any_other() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let mut cmd = assert_cmd::Command::cargo_bin("debrief").unwrap();
    cmd.arg("init").arg(dir.path().join("search"));
    let r = crate::common::run(cmd);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let root = dir.path().join("search");
    let mut cmd = assert_cmd::Command::cargo_bin("debrief").unwrap();
    cmd.current_dir(&root).args([
        "new",
        "--company",
        "Acme",
        "--role",
        "Dev",
        "--date",
        "2026-11-20",
    ]);
    let r = crate::common::run(cmd);
    assert_eq!(r.code, 0, "{}", r.stderr);
    // What the same process makes with plain std::fs: 0666 less the umask.
    std::fs::write(root.join("plain.txt"), "x").unwrap();
    let mode = |p: &std::path::Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    let plain = mode(&root.join("plain.txt"));
    let journal = walkdir::WalkDir::new(root.join("content"))
        .into_iter()
        .filter_map(Result::ok)
        .find(|e| e.file_type().is_file() && e.path().to_string_lossy().contains("acme"))
        .map(|e| e.into_path())
        .expect("the new journal");
    for file in [root.join("debrief.toml"), root.join(".gitignore"), journal] {
        assert_eq!(mode(&file), plain, "{}", file.display());
    }
    assert_ne!(
        plain & 0o044,
        0,
        "the test runs with a umask that lets others read"
    );
}
