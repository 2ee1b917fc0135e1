//! Hostile and unlucky inputs, through the binary: paths that try to leave
//! the output folder, a build killed half-way, journals that collide, tiny
//! files that explode, impossible dates, control characters and links out
//! of the repository. Each test names the finding it guards against.

use std::path::Path;

use crate::common::Case;

fn journal(company: &str, role: &str, date: &str) -> String {
    format!(
        "---\ncompany: {company}\nrole: {role}\ndate: {date}\ninterviewers:\n  - name: Ann Lee\n---\n## Notes\n\n- talked\n"
    )
}

fn pages(dir: &Path, folder: &str) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir.join(folder))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

// Regression: `build --output nope/../../docs` deleted ../docs/keep.txt.
#[test]
fn an_output_path_through_a_missing_folder_cannot_reach_a_foreign_folder() {
    let outer = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(outer.path().join("docs")).unwrap();
    std::fs::write(outer.path().join("docs/keep.txt"), "mine").unwrap();
    let repo = outer.path().join("j");
    let init = assert_cmd::Command::cargo_bin("debrief")
        .unwrap()
        .arg("init")
        .arg(&repo)
        .output()
        .unwrap();
    assert!(init.status.success());
    let case = Case::at(&repo);
    for bad in ["nope/../../docs", "nope/../content/x", "content/../../docs"] {
        let r = case.run(&["build", "--output", bad]);
        assert_eq!(r.code, 2, "{bad}: {r:?}");
        assert!(r.stderr.contains("refusing"), "{r:?}");
    }
    assert_eq!(
        std::fs::read_to_string(outer.path().join("docs/keep.txt")).unwrap(),
        "mine"
    );
    assert!(!repo.join("nope").exists());
    let gitignore = std::fs::read_to_string(repo.join(".gitignore")).unwrap();
    assert!(gitignore.contains(".public.*"), "{gitignore}");
}

// Regression: with content/ a link, `--output content/x` wrote the site
// among the journals.
#[test]
fn an_output_inside_linked_content_is_refused() {
    let outer = tempfile::tempdir().unwrap();
    let journals = outer.path().join("journals");
    std::fs::create_dir_all(&journals).unwrap();
    std::fs::write(journals.join("a.md"), journal("Acme", "Dev", "2026-11-10")).unwrap();
    let case = Case::temp();
    std::fs::remove_dir(case.root().join("content")).unwrap();
    std::os::unix::fs::symlink(&journals, case.root().join("content")).unwrap();
    let r = case.run(&["build", "--output", "content/x"]);
    assert_eq!(r.code, 2, "{r:?}");
    assert!(!journals.join("x").exists());
}

// Regression: a `.public.old` left by a killed build made every later
// build fail with "Directory not empty"; a stale staging folder lingered.
#[test]
fn a_killed_builds_leftovers_do_not_break_the_next_build() {
    let case = Case::temp().file("content/a.md", journal("Acme", "Dev", "2026-11-10"));
    assert_eq!(case.run(&["build"]).code, 0);
    for left in [".public.old", ".public.staging-Xy12ab"] {
        let dir = case.root().join(left);
        std::fs::create_dir_all(dir.join("journals")).unwrap();
        std::fs::write(dir.join(".debrief-output"), "").unwrap();
    }
    let r = case.run(&["build"]);
    assert_eq!(r.code, 0, "{r:?}");
    assert!(case.root().join("public/index.html").is_file());
    let left: Vec<String> = pages(case.root(), ".")
        .into_iter()
        .filter(|n| n.starts_with(".public") && n != ".public.lock")
        .collect();
    assert!(left.is_empty(), "{left:?}");
}

// A build killed with SIGKILL at many moments always leaves a whole site,
// old or new, and the next build succeeds.
#[test]
fn a_build_killed_at_any_moment_leaves_a_site_and_no_blocker() {
    let mut case = Case::temp();
    for i in 0..150 {
        case = case.file(
            &format!("content/c{i}/2026-11-1{}-screen.md", i % 10),
            journal(
                &format!("Company {i}"),
                "Engineer",
                &format!("2026-11-1{}", i % 10),
            ),
        );
    }
    assert_eq!(case.run(&["build"]).code, 0);
    let bin = assert_cmd::cargo::cargo_bin("debrief");
    for delay_ms in [5u64, 20, 40, 60, 90, 130, 200, 300] {
        let mut child = std::process::Command::new(&bin)
            .arg("-C")
            .arg(case.root())
            .args(["--today", "2026-11-22", "-q", "build"])
            .spawn()
            .unwrap();
        std::thread::sleep(std::time::Duration::from_millis(delay_ms));
        let _ = child.kill();
        let _ = child.wait();
        assert!(
            case.root().join("public/index.html").is_file(),
            "no site after a kill at {delay_ms} ms"
        );
    }
    let r = case.run(&["build"]);
    assert_eq!(r.code, 0, "{r:?}");
    assert_eq!(pages(case.root(), "public/journals").len(), 150);
}

// Regression: `content/a/b.md`, `content/a-b.md` and `content/a-b-2.md`
// got two pages: one overwrote another and a journal vanished.
#[test]
fn journals_whose_names_look_alike_get_a_page_each() {
    let case = Case::temp()
        .file("content/a/b.md", journal("Acme", "Dev", "2026-11-10"))
        .file("content/a-b.md", journal("Bolt", "Dev", "2026-11-11"))
        .file("content/a-b-2.md", journal("Core", "Dev", "2026-11-12"));
    let r = case.run(&["build"]);
    assert_eq!(r.code, 0, "{r:?}");
    let journals = pages(case.root(), "public/journals");
    assert_eq!(journals.len(), 3, "{journals:?}");
    for company in ["Acme", "Bolt", "Core"] {
        let found = journals.iter().any(|j| {
            std::fs::read_to_string(
                case.root()
                    .join("public/journals")
                    .join(j)
                    .join("index.html"),
            )
            .unwrap()
            .contains(company)
        });
        assert!(found, "{company} has no page");
    }
}

// Regression: a company and role of 310 characters made a page name over
// 255 bytes, and a file name that is not UTF-8 failed the whole build.
#[test]
fn long_and_odd_names_still_get_pages() {
    use std::os::unix::ffi::OsStrExt;
    let long = "Very Long Company Name ".repeat(8);
    let case = Case::temp().file(
        "content/long.md",
        journal(&long, &"Principal Engineer ".repeat(7), "2026-11-10"),
    );
    let odd = case
        .root()
        .join("content")
        .join(std::ffi::OsStr::from_bytes(b"caf\xe9-screen.md"));
    std::fs::write(odd, journal("Cafe", "Dev", "2026-11-11")).unwrap();
    let r = case.run(&["build"]);
    assert_eq!(r.code, 0, "{r:?}");
    let journals = pages(case.root(), "public/journals");
    assert_eq!(journals.len(), 2, "{journals:?}");
    assert!(journals.iter().all(|j| j.len() <= 120), "{journals:?}");
    let r = case.run(&["check"]);
    assert_eq!(r.code, 0, "{r:?}");
}

// Regression: a 552-byte "billion laughs" journal ran every command out
// of memory.
#[test]
fn an_alias_bomb_is_a_located_error() {
    let mut bomb =
        String::from("---\ncompany: A\nrole: B\ndate: 2026-11-10\na0: &a0 [x,x,x,x,x,x,x,x,x,x]\n");
    for i in 1..10 {
        let p = i - 1;
        bomb +=
            &format!("a{i}: &a{i} [*a{p},*a{p},*a{p},*a{p},*a{p},*a{p},*a{p},*a{p},*a{p},*a{p}]\n");
    }
    bomb += "---\n";
    let case = Case::temp().file("content/bomb.md", &bomb);
    let r = case.run(&["check"]);
    assert_eq!(r.code, 1, "{r:?}");
    assert!(r.stdout.contains("content/bomb.md:"), "{}", r.stdout);
    assert!(r.stdout.contains("aliases"), "{}", r.stdout);
    assert_eq!(case.run(&["build"]).code, 1);
}

// Regression: 200,000 nested `<div>` took minutes to build, and 9 MB of
// `>` 20 s and a 255 MB page (the sizes here fit the 1 MB journal limit).
#[test]
fn notes_nested_too_deep_are_a_located_error() {
    let case = Case::temp()
        .file(
            "content/divs.md",
            journal("A", "B", "2026-11-10") + &"<div>".repeat(150_000),
        )
        .file(
            "content/quotes.md",
            journal("C", "D", "2026-11-10") + "\n" + &">".repeat(900_000),
        );
    let r = case.run(&["check", "--format", "json"]);
    assert_eq!(r.code, 1, "{r:?}");
    let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    let deep: Vec<&serde_json::Value> = v["problems"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| p["rule"] == "too-deep")
        .collect();
    assert_eq!(deep.len(), 2, "{}", r.stdout);
    assert_eq!(deep[0]["file"], "content/divs.md");
    assert_eq!(deep[0]["line"], 11);
    assert_eq!(deep[1]["line"], 12);
    let r = case.run(&["build", "--keep-going"]);
    assert_eq!(r.code, 0, "{r:?}");
}

// Regression: `date: 0026-11-10` passed check and made 105,722 week pages;
// far-off years panicked check, due and build; so did `due --within` with
// a huge number.
#[test]
fn impossible_dates_are_errors_not_panics() {
    let case = Case::temp()
        .file("content/typo.md", journal("A", "B", "0026-11-10"))
        .file(
            "content/far.md",
            journal("C", "D", "2026-11-10").replace(
                "---\n## Notes",
                "outcome: rejected\noutcome_on: +262142-12-31T00:00\n---\n## Notes",
            ),
        )
        .file("content/past.md", journal("E", "F", "-262143-01-01T00:00"))
        .file("content/ok.md", journal("G", "H", "2026-11-10"));
    let r = case.run(&["check"]);
    assert_eq!(r.code, 1, "{r:?}");
    assert!(r.stdout.contains("content/typo.md:4:7"), "{}", r.stdout);
    assert!(
        r.stdout.contains("the year 26,") || r.stdout.contains("year 26"),
        "{}",
        r.stdout
    );
    assert!(!r.stderr.contains("panicked"), "{}", r.stderr);
    for args in [
        &["due"][..],
        &["due", "--within", "100000000"],
        &["build", "--keep-going"],
        &["report"],
    ] {
        let r = case.run(args);
        assert!(!r.stderr.contains("panicked"), "{args:?}: {}", r.stderr);
        assert!(r.code <= 1, "{args:?}: {r:?}");
    }
    let weeks = pages(case.root(), "public/weeks");
    assert!(weeks.len() < 20, "{} week pages", weeks.len());
}

// Regression: an OSC 52 sequence in a company name reached the terminal
// raw (it can write the clipboard).
#[test]
fn control_characters_in_journals_reach_the_terminal_escaped() {
    let case = Case::temp().file(
        "content/a.md",
        journal("\"Acme\\e]52;c;aGVsbG8=\\a\"", "Dev", "2026-11-20"),
    );
    for args in [&["due"][..], &["draft", "content/a.md"], &["report"]] {
        let r = case.run(args);
        assert!(!r.stdout.contains('\u{1b}'), "{args:?}: {:?}", r.stdout);
        assert!(!r.stdout.contains('\u{7}'), "{args:?}: {:?}", r.stdout);
        assert!(
            r.stdout.contains("Acme\\u{1b}]52"),
            "{args:?}: {}",
            r.stdout
        );
    }
}

// Regression: a journal linked to /proc/self/environ made `check` print
// the environment, DEBRIEF_PASSWORD included.
#[test]
fn a_link_out_of_the_repository_is_reported_and_never_read() {
    let case = Case::temp();
    std::os::unix::fs::symlink("/proc/self/environ", case.root().join("content/env.md")).unwrap();
    let r = case.run_env(&["check"], &[("DEBRIEF_PASSWORD", "hunter2-secret-value")]);
    assert_eq!(r.code, 1, "{r:?}");
    assert!(!r.stdout.contains("hunter2"), "{}", r.stdout);
    assert!(r.stdout.contains("content/env.md"), "{}", r.stdout);
    assert!(r.stdout.contains("out of the repository"), "{}", r.stdout);
}

// Regression: `-q` still printed "journals with errors were left out";
// `.MD` journals were skipped without a word; an unknown TZ became UTC.
#[test]
fn quiet_is_quiet_upper_case_journals_count_and_a_bad_tz_is_named() {
    let case = Case::temp()
        .file("content/broken.md", "---\ncompany: [\n---\n")
        .file("content/UPPER.MD", journal("Acme", "Dev", "2026-11-10"));
    let r = case.run(&["-q", "build", "--keep-going"]);
    assert_eq!(r.code, 0, "{r:?}");
    assert_eq!((r.stdout.as_str(), r.stderr.as_str()), ("", ""));
    let due = case.due_json();
    assert!(
        due["actions"]
            .as_array()
            .unwrap()
            .iter()
            .any(|a| a["journal"] == "content/UPPER.MD"),
        "{due}"
    );
    let no_tz = Case::temp()
        .file("debrief.toml", "")
        .file("content/a.md", journal("Acme", "Dev", "2026-11-10"));
    // `crate::common::run` sets TZ=UTC; these runs set their own.
    let due_in = |tz: &str| {
        assert_cmd::Command::cargo_bin("debrief")
            .unwrap()
            .arg("-C")
            .arg(no_tz.root())
            .args(["--today", "2026-11-22", "due"])
            .env("TZ", tz)
            .output()
            .unwrap()
    };
    let out = due_in("Mars/Olympus_Mons");
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    assert!(String::from_utf8_lossy(&out.stderr).contains("TZ=Mars/Olympus_Mons"));
    assert_eq!(due_in("Europe/Paris").status.code(), Some(0));
    assert_eq!(due_in(":/etc/localtime").status.code(), Some(0));
}

// Regression: `theme = "/tmp/th"` (or `../th`, or themes/y linked out of
// the repository) published files from outside it.
#[test]
fn a_theme_from_outside_the_repository_is_refused() {
    let outside = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(outside.path().join("static")).unwrap();
    std::fs::write(outside.path().join("static/leak.txt"), "SECRET").unwrap();
    let case = Case::temp().file("content/a.md", journal("Acme", "Dev", "2026-11-10"));
    std::fs::create_dir_all(case.root().join("themes")).unwrap();
    std::os::unix::fs::symlink(outside.path(), case.root().join("themes/linked")).unwrap();
    let abs = outside.path().to_str().unwrap().to_string();
    for theme in [abs.as_str(), "../../x", "linked"] {
        std::fs::write(
            case.root().join("debrief.toml"),
            format!("timezone = \"UTC\"\ntheme = {theme:?}\n"),
        )
        .unwrap();
        let r = case.run(&["build"]);
        assert_eq!(r.code, 2, "{theme}: {r:?}");
        assert!(
            !case.root().join("public/static/leak.txt").exists(),
            "{theme}"
        );
    }
}
