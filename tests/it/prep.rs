//! Prep sheets (issue 20): `debrief prep` on the demo journals, and the
//! site's page per interview to come, linked from the board, the
//! dashboard's upcoming list and the calendar, kept right by `serve`.

use std::collections::BTreeSet;
use std::path::Path;

use crate::common::{Case, checkout, read};

fn demo() -> Case {
    Case::at(checkout()).today("2026-11-22")
}

#[test]
fn prep_prints_the_next_interviews_sheet() {
    let r = demo().run(&["prep"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let sheet = r.stdout;
    for part in [
        "# Prep: Onsite interview at Hooli",
        "Hooli: Senior SRE · Thursday 26 November 2026 at 10:00 · in-person · onsite",
        // Who you will meet, and what you discussed with those you met.
        "- **Gavin Belson**, CEO (met at the screen on 2026-11-13)\n  - you discussed how Hooli runs blameless incident reviews",
        "- **Big Head**, Head of Innovation (first time)",
        "- 2026-11-13: Screen interview at Hooli, with Gavin Belson, Denpok",
        "- In their words: An onsite on the 26th.",
        "## What you learned about them\n\n- Their incident reviews are blameless and published company-wide.",
        "## Your highlights\n\n- Ran the incident programme for a 300-engineer organisation.",
        "## What was hard in earlier rounds\n\n- Estimating error budgets on the spot.",
        "## The top of your practice list\n\n- ",
        "## Questions you asked before\n\n- Who carries the pager when the platform team is at an offsite?",
        // The round's own notes, their headings under the sheet's.
        "## Your notes for this round\n\nFour hours at the Palo Alto office",
        "### To prepare",
    ] {
        assert!(sheet.contains(part), "{part:?} missing:\n{sheet}");
    }
    // From its folder as `.`.
    let here = demo().run_in("content/hooli-senior-sre", &["prep", "."]);
    assert_eq!(here.stdout, sheet, "{}", here.stderr);
    // Placeholders of the scheduled journal are not earlier rounds' facts.
    assert!(
        !sheet.contains("(to fill in after the interview)"),
        "{sheet}"
    );
    // The same from the application's folder and from the journal.
    assert_eq!(
        demo().run(&["prep", "content/hooli-senior-sre"]).stdout,
        sheet
    );
    assert_eq!(
        demo()
            .run(&["prep", "content/hooli-senior-sre/2026-11-26-onsite.md"])
            .stdout,
        sheet
    );
}

#[test]
fn prep_refuses_what_is_not_to_come_and_says_why() {
    let r = demo().run(&["prep", "content/hooli-senior-sre/2026-11-13-screen.md"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("before today"), "{}", r.stderr);
    let r = demo().run(&["prep", "content/cyberdyne-platform-engineer"]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("no interview with Cyberdyne Systems"),
        "{}",
        r.stderr
    );
    // A closed application's booked interview has no sheet.
    let closed = Case::temp()
        .file(
            "content/gamma/2026-11-10-screen.md",
            "---\ncompany: Gamma\nrole: Dev\ndate: 2026-11-10\noutcome: rejected\noutcome_on: 2026-11-20\n---\n",
        )
        .file(
            "content/gamma/2026-11-30-technical.md",
            "---\ncompany: Gamma\nrole: Dev\ndate: 2026-11-30\n---\n",
        );
    for args in [
        &["prep", "content/gamma"][..],
        &["prep", "content/gamma/2026-11-30-technical.md"],
    ] {
        let r = closed.run(args);
        assert_eq!(r.code, 2, "{args:?}");
        assert!(r.stderr.contains("is rejected"), "{}", r.stderr);
    }
    let r = closed.run(&["prep"]);
    assert_eq!(r.code, 2);
    let r = Case::at(checkout()).today("2026-12-30").run(&["prep"]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("no interview is scheduled"),
        "{}",
        r.stderr
    );
}

#[test]
fn the_site_has_a_prep_page_linked_from_the_board_the_list_and_the_calendar() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("site");
    let r = demo().run(&[
        "build",
        "--output",
        out.to_str().unwrap(),
        "--base-url",
        "https://me.example/jobs/",
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let page = read(&out, "prep/hooli-senior-sre-2026-11-26-onsite/index.html");
    for part in [
        "<h1>Prep: Onsite interview at Hooli</h1>",
        "<li><strong>Gavin Belson</strong>, CEO (met at the screen on <time datetime=\"2026-11-13\">2026-11-13</time>)",
        "<li>You discussed how Hooli runs blameless incident reviews</li>",
        "Who carries the pager when the platform team is at an offsite?",
        "<h3>To prepare</h3>",
    ] {
        assert!(page.contains(part), "{part:?} missing");
    }
    let index = read(&out, "index.html");
    let link = "href=\"prep/hooli-senior-sre-2026-11-26-onsite/\"";
    let upcoming = &index[index.find("id=\"upcoming-h\"").unwrap()..];
    assert!(upcoming[..upcoming.find("</section>").unwrap()].contains(link));
    let board = &index[index.find("class=\"board\"").unwrap()..];
    assert!(board[..board.find("id=\"pipeline-h\"").unwrap()].contains(link));
    let ics = read(&out, "calendar.ics");
    assert!(
        ics.contains("URL:https://me.example/jobs/prep/hooli-senior-sre-2026-11-26-onsite/"),
        "{ics}"
    );
    // No prep page for an interview that took place.
    assert!(!out.join("prep/hooli-senior-sre-2026-11-13-screen").exists());
}

/// Copies the demo repository to a temporary folder.
fn demo_copy() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    for entry in walkdir::WalkDir::new(checkout().join("content")) {
        let entry = entry.unwrap();
        let rel = entry.path().strip_prefix(checkout()).unwrap();
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(tmp.path().join(rel)).unwrap();
        } else {
            std::fs::copy(entry.path(), tmp.path().join(rel)).unwrap();
        }
    }
    std::fs::copy(
        checkout().join("debrief.toml"),
        tmp.path().join("debrief.toml"),
    )
    .unwrap();
    tmp
}

#[test]
fn serve_keeps_prep_pages_right_through_saves() {
    use debrief::serve::Preview;
    let tmp = demo_copy();
    let root = tmp.path();
    let options = || crate::common::serve_options(root);
    let same_as_fresh = |p: &Preview, what: &str| {
        crate::common::serves_what_a_fresh_start_serves(p, &Preview::new(options()), what);
    };
    let prep = "prep/hooli-senior-sre-2026-11-26-onsite/index.html";
    let mut preview = Preview::new(options());
    assert!(preview.served().files.contains_key(prep));
    // A save in another application leaves the sheet.
    let other = root.join("content/globex-product-engineer/2026-11-20-screen.md");
    let text = std::fs::read_to_string(&other).unwrap();
    std::fs::write(&other, format!("{text}\nOne more line.\n")).unwrap();
    assert!(!preview.update(&BTreeSet::from([other])).unwrap().everything);
    same_as_fresh(&preview, "a note elsewhere");
    // A question noted in the earlier round reaches the sheet.
    let screen = root.join("content/hooli-senior-sre/2026-11-13-screen.md");
    let text = std::fs::read_to_string(&screen).unwrap();
    std::fs::write(
        &screen,
        format!("{text}- Is the SRE team on the product floor?\n"),
    )
    .unwrap();
    assert!(
        !preview
            .update(&BTreeSet::from([screen]))
            .unwrap()
            .everything
    );
    let served = String::from_utf8(preview.served().files[prep].to_vec()).unwrap();
    assert!(served.contains("Is the SRE team on the product floor?"));
    same_as_fresh(&preview, "a question added");
    // The interview's journal removed: its sheet goes.
    let onsite: &Path = &root.join("content/hooli-senior-sre/2026-11-26-onsite.md");
    std::fs::remove_file(onsite).unwrap();
    preview
        .update(&BTreeSet::from([onsite.to_path_buf()]))
        .unwrap();
    assert!(!preview.served().files.contains_key(prep));
    same_as_fresh(&preview, "the interview removed");
}

/// Found by a trial: on the morning of an interview it vanished from
/// `due`, the dashboard and the calendar. It stays until the next day.
#[test]
fn todays_interview_stays_listed_until_tomorrow() {
    let case = Case::temp().today("2026-11-22").file(
        "content/stark/2026-11-22-technical.md",
        "---\ncompany: Stark\nrole: Engineer\ndate: 2026-11-22T16:00\nstage: technical\ninterviewers: [Tony Stark]\n---\n",
    );
    let due = case.due_json();
    assert_eq!(due["interviews"][0]["company"], "Stark", "{due}");
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("site");
    let r = case.run(&["build", "--output", out.to_str().unwrap()]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let ics = read(&out, "calendar.ics");
    assert!(ics.contains("Technical interview"), "{ics}");
    let index = read(&out, "index.html");
    let upcoming = &index[index.find("id=\"upcoming-h\"").unwrap()..];
    assert!(
        upcoming[..upcoming.find("</section>").unwrap()]
            .contains("href=\"prep/stark-2026-11-22-technical/\""),
        "{upcoming}"
    );
    assert!(
        out.join("prep/stark-2026-11-22-technical/index.html")
            .is_file()
    );
    // A journal dated today without a time is written after the interview:
    // not one to come.
    let after = Case::temp().today("2026-11-22").file(
        "content/stark/2026-11-22-technical.md",
        "---\ncompany: Stark\nrole: Engineer\ndate: 2026-11-22\ninterviewers: [Tony Stark]\n---\n",
    );
    assert_eq!(after.due_json()["interviews"], serde_json::json!([]));
    assert_eq!(after.run(&["prep"]).code, 2);
}

#[test]
fn a_prep_sheets_lists_stay_short_however_long_the_journals_are() {
    // Forty questions asked and forty things learned in the first round:
    // the sheet shows a dozen of each and says how many more there are.
    let questions: String = (1..=40)
        .map(|i| format!("- Question number {i} about the team?\n"))
        .collect();
    let learned: String = (1..=40)
        .map(|i| format!("  - fact number {i} about them\n"))
        .collect();
    let promised: String = (1..=14)
        .map(|i| format!("  - {{item: sample number {i}, done: {}}}\n", i > 3))
        .collect();
    let screen = format!(
        "---\ncompany: Acme\nrole: Dev\ndate: 2026-11-10\ninterviewers: [Ann Lee]\nlearned:\n{learned}promised:\n{promised}---\n\n## Questions I asked\n\n{questions}"
    );
    let r = Case::temp()
        .file("content/acme/screen.md", &screen)
        .file(
            "content/acme/onsite.md",
            "---\ncompany: Acme\nrole: Dev\ndate: 2026-11-30T10:00\ninterviewers: [Ann Lee]\n---\n",
        )
        .today("2026-11-22")
        .run(&["prep"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let sheet = r.stdout;
    for shown in ["Question number 12 about", "fact number 12 about"] {
        assert!(sheet.contains(shown), "{shown}:\n{sheet}");
    }
    for left in ["Question number 13 about", "fact number 13 about"] {
        assert!(!sheet.contains(left), "{left}:\n{sheet}");
    }
    assert_eq!(
        sheet
            .matches("- … and 28 more in the earlier rounds' journals")
            .count(),
        2,
        "{sheet}"
    );
    // Promises: a dozen, those not sent first.
    assert!(
        sheet.contains("- … and 2 more in the earlier rounds' journals"),
        "{sheet}"
    );
    let first = sheet.find("- sample number 1,").expect("an open promise");
    let sent = sheet.find("- sample number 4,").expect("a sent one");
    assert!(first < sent, "{sheet}");
}
