//! Drafts (§4): every rule with a draft, in every channel, rendered from the
//! `drafts` fixture with the embedded theme.

use crate::common::{Case, drafts_of};

use debrief::journal::model::Channel;
use debrief::render::drafts;
use debrief::rules::Action;

/// (action, channel, draft) for every action with a draft and every channel
/// it can go by (a LinkedIn note only by LinkedIn).
fn every_draft() -> Vec<(Action, drafts::Draft)> {
    drafts_of("drafts", "2026-11-22")
}

#[test]
fn every_rule_has_a_draft_in_every_channel() {
    let all = every_draft();
    let mut rules: Vec<&str> = all.iter().map(|(a, _)| a.rule).collect();
    rules.sort();
    rules.dedup();
    // Every rule that drafts, but `withdraw` (it needs an offer accepted
    // elsewhere, which would end this fixture's check-ins; tests/rules.rs
    // renders it).
    let mut drafting: Vec<&str> = debrief::rules::RULES
        .iter()
        .filter(|r| r.draft && r.id != "withdraw")
        .map(|r| r.id)
        .collect();
    drafting.sort();
    assert_eq!(rules, drafting);
    // Nine actions with drafts in four channels each, and one LinkedIn note.
    assert_eq!(all.len(), 9 * 4 + 1);
}

#[test]
fn drafts_keep_their_promises() {
    keep_their_promises(every_draft());
}

#[test]
fn withdrawal_drafts_keep_their_promises_in_every_channel() {
    let all: Vec<_> = drafts_of("after-offer", "2026-11-22")
        .into_iter()
        .filter(|(a, _)| a.rule == "withdraw")
        .collect();
    assert_eq!(all.len(), 4);
    for (_, d) in &all {
        // Polite, and discreet about where you are going.
        assert!(d.body.contains("withdraw"), "{}", d.body);
        assert!(!d.body.contains("Taken Labs"), "{}", d.body);
    }
    keep_their_promises(all);
}

/// Greeted by name, signed, and the shape of their channel.
fn keep_their_promises(all: Vec<(Action, drafts::Draft)>) {
    for (a, d) in all {
        let what = format!("{} by {:?} for {:?}", a.rule, d.channel, a.person);
        let person = a.person.as_deref().unwrap();
        let first = person.split(' ').next().unwrap();
        assert!(d.body.contains(first), "{what}: greets by name\n{}", d.body);
        assert!(d.body.contains("Alex Morgan"), "{what}: signed\n{}", d.body);
        match d.channel {
            Channel::Email => assert!(
                d.subject.as_deref().is_some_and(|s| !s.is_empty()),
                "{what}: subject"
            ),
            Channel::Mail => {
                assert!(d.subject.is_none());
                let words = d.body.split_whitespace().count();
                assert!(words < 90, "{what}: a card has {words} words\n{}", d.body);
            }
            Channel::Linkedin => {
                let chars = d.body.trim().chars().count();
                assert!(chars <= 300, "{what}: {chars} characters\n{}", d.body);
            }
            Channel::Phone => assert!(
                d.body.lines().filter(|l| l.starts_with("- ")).count() >= 3,
                "{what}: talking points"
            ),
        }
        let placeholder = d.body.contains(drafts::PLACEHOLDER);
        if a.company == "Elm Corp" {
            assert!(
                placeholder || a.rule == "feedback" || a.rule == "offer-reply",
                "{what}: never pretends\n{}",
                d.body
            );
        }
    }
}

#[test]
fn drafts_name_something_specific_and_the_promises() {
    let all = every_draft();
    let thanks = all
        .iter()
        .find(|(a, d)| {
            a.rule == "thank-you" && a.company == "Acme Rockets" && d.channel == Channel::Email
        })
        .map(|(_, d)| d)
        .unwrap();
    assert_eq!(
        thanks.subject.as_deref(),
        Some("Thank you for the onsite interview")
    );
    // Regression: notes are about the employer in the third person; the
    // letter speaks to them ("your", not "their"), mid-sentence fragments
    // start in lower case, and a promise whose date has passed is not made
    // again for that date.
    assert!(
        thanks
            .body
            .contains("I especially enjoyed hearing that your launch pipeline deploys forty services in a fixed order."),
        "{}",
        thanks.body
    );
    assert!(
        thanks
            .body
            .contains("(built a deploy orchestrator used by 300 engineers)"),
        "{}",
        thanks.body
    );
    assert!(
        thanks
            .body
            .contains("I am sorry for the delay with the orchestrator design notes"),
        "{}",
        thanks.body
    );
    assert!(!thanks.body.contains("by 12 November"), "{}", thanks.body);
    let check_in = all
        .iter()
        .find(|(a, d)| {
            a.rule == "check-in" && a.company == "Acme Rockets" && d.channel == Channel::Email
        })
        .map(|(_, d)| d)
        .unwrap();
    assert!(check_in.body.contains("next steps"), "{}", check_in.body);
}

#[test]
fn snapshot_of_every_draft() {
    let mut text = String::new();
    for (a, d) in every_draft() {
        text += &format!(
            "=== {} · {} · {} · {}\n",
            a.rule,
            a.company,
            a.person.as_deref().unwrap_or("-"),
            d.channel.as_str()
        );
        if let Some(s) = &d.subject {
            text += &format!("Subject: {s}\n\n");
        }
        text += &d.body;
        text += "\n";
    }
    insta::assert_snapshot!("every_draft", text);
}

#[test]
fn draft_command_prints_and_filters() {
    let case = Case::new("drafts");
    let r = case.run(&["draft", "content/pending.md"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    for rule in ["thank-you", "linkedin", "check-in", "references"] {
        assert!(
            r.stdout.contains(&format!("── {rule} ·")),
            "{rule} missing:\n{}",
            r.stdout
        );
    }
    let only = case.run(&["draft", "content/pending.md", "--rule", "linkedin"]);
    assert_eq!(only.stdout.matches("── ").count(), 1, "{}", only.stdout);
    let to = case.run(&["draft", "content/pending.md", "--to", "Ray Park"]);
    assert!(
        to.stdout.starts_with("── references · Ray Park · by email"),
        "{}",
        to.stdout
    );
    assert!(
        to.stdout
            .contains("Subject: Acme Rockets may call you as my reference")
    );

    let none = case.run(&["draft", "content/pending.md", "--rule", "feedback"]);
    assert_eq!(none.code, 0);
    assert!(
        none.stdout
            .contains("No open action of content/pending.md needs a draft")
    );
    assert_eq!(case.run(&["draft", "content/missing.md"]).code, 2);
    assert_eq!(case.run(&["draft", "debrief.toml"]).code, 2);
}

#[test]
fn a_theme_override_of_one_draft_takes_effect() {
    let case = Case::temp()
        .file("debrief.toml", "timezone = \"UTC\"\ntheme = \"mine\"\n[me]\nname = \"Alex\"\n")
        .file("themes/mine/drafts/linkedin.txt", "Yo {{ person.first_name }}! ({{ company }}) {{ me.name }}\n")
        .file("content/a.md", "---\ncompany: Acme\nrole: R\ndate: 2026-11-20\ninterviewers:\n  - {name: Ann Lee, linkedin: true}\nlearned: [x]\n---\n");
    let r = case.run(&["draft", "content/a.md"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.contains("Yo Ann! (Acme) Alex\n"), "{}", r.stdout);
    assert!(
        r.stdout.contains("Subject: Thank you for the interview"),
        "the rest still embedded:\n{}",
        r.stdout
    );

    let broken = case.file(
        "themes/mine/drafts/linkedin.txt",
        "Yo {{ person.first_name\n",
    );
    let r = broken.run(&["draft", "content/a.md"]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("themes/mine/drafts/linkedin.txt"),
        "{}",
        r.stderr
    );
}

// Found by a trial: withdrawing did not ask to cancel the booked onsite,
// and the phone points asked to cancel "anything" when nothing was booked.
#[test]
fn a_withdrawal_asks_to_cancel_a_booked_interview_only_when_there_is_one() {
    // A copy of the fixture, with the onsite booked.
    let src = crate::common::checkout().join("tests/fixtures/after-offer");
    let mut case = Case::temp();
    for f in [
        "debrief.toml",
        "content/taken.md",
        "content/open.md",
        "content/told.md",
        "content/second-offer.md",
    ] {
        case = case.file(f, std::fs::read(src.join(f)).unwrap());
    }
    let case = case
        .today("2026-11-22")
        .file(
            "content/open-onsite.md",
            "---\ncompany: Open Co\nrole: Analyst\ndate: 2026-11-30T10:00\ninterviewers: [Bo Chen]\n---\n",
        );
    let r = case.run(&["draft", "content/open.md", "--rule", "withdraw"]);
    assert!(
        r.stdout
            .contains("Please cancel our interview on Monday 30 November"),
        "{}",
        r.stdout
    );
    let plain: Vec<_> = drafts_of("after-offer", "2026-11-22")
        .into_iter()
        .filter(|(a, _)| a.rule == "withdraw")
        .collect();
    assert!(
        plain.iter().all(|(_, d)| !d.body.contains("cancel")),
        "{:?}",
        plain[0].1.body
    );
}
