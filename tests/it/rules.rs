//! Every rule of SPEC §3 on its fixture folder, through the real binary.
//! Each fixture's expected values were worked out by hand from the spec.

use crate::common::Case;

/// The actions of the given rules only, as `rule due company person`.
fn actions_of(case: &Case, rules: &[&str]) -> Vec<String> {
    case.actions()
        .into_iter()
        .filter(|a| rules.contains(&a.split(' ').next().unwrap()))
        .collect()
}

#[test]
fn thank_you_per_interviewer_date_only_and_datetime() {
    let case = Case::new("thank-you");
    assert_eq!(
        actions_of(&case, &["thank-you"]),
        [
            // 15:30 + 24 h; Cy Diaz was thanked by name.
            "thank-you 2026-11-21 Acme Di Evans",
            // A date-only interview starts at 00:00, so it is due exactly today.
            "thank-you 2026-11-22 Acme Ann Lee",
            "thank-you 2026-11-22 Acme Bo Chen",
            // Bolt's thank-you without `to` covers both of its interviewers.
        ]
    );
    let json = case.due_json();
    let ann = &json["actions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["person"] == "Ann Lee")
        .unwrap()
        .clone();
    assert_eq!(ann["status"], "due");
    assert_eq!(ann["due_at"], "2026-11-22T00:00:00Z");
    let di = json["actions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["person"] == "Di Evans")
        .unwrap()
        .clone();
    assert_eq!(di["status"], "overdue");
    assert_eq!(di["due_at"], "2026-11-21T15:30:00Z");
}

#[test]
fn thank_you_offset_moves_the_interview_across_midnight() {
    // 20:00 at -05:00 is 10:00 the next day in Tokyo; 24 hours later is the 19th.
    let case = Case::new("thank-you-offset");
    assert_eq!(
        actions_of(&case, &["thank-you", "check-in"]),
        [
            "thank-you 2026-11-19 Tokyo Co Hana Ito",
            "check-in 2026-11-25 Tokyo Co Hana Ito",
        ]
    );
    let json = case.due_json();
    assert_eq!(json["actions"][0]["due_at"], "2026-11-19T10:00:00+09:00");
}

#[test]
fn promised_items_default_to_the_day_after() {
    assert_eq!(
        actions_of(&Case::new("promised-item"), &["promised-item"]),
        [
            "promised-item 2026-11-21 Acme Ann Lee",
            "promised-item 2026-11-25 Acme -",
        ]
    );
}

#[test]
fn check_in_cadence() {
    assert_eq!(
        actions_of(&Case::new("check-in"), &["check-in", "keep-warm"]),
        [
            "check-in 2026-11-09 Contact Rae Stone", // `contact` names the person
            "check-in 2026-11-09 First Pat Quinn",   // interview + 7
            "check-in 2026-11-16 Second Pat Quinn",  // last check-in + 7
            "check-in 2026-11-19 Reply Pat Quinn",   // the reply on the 12th resets the base
            "check-in 2026-11-20 NoContact Pat Quinn", // no_contact_before wins
            "check-in 2026-11-23 Decision Pat Quinn", // the day after decision_by
            "keep-warm 2026-12-23 Third Pat Quinn",  // third check-in + 30
        ]
    );
}

#[test]
fn linkedin_only_with_permission_until_sent() {
    assert_eq!(
        actions_of(&Case::new("linkedin"), &["linkedin"]),
        ["linkedin 2026-11-21 Acme Ann Lee"]
    );
    assert_eq!(
        Case::new("linkedin").due_json()["actions"][1]["channel"],
        "linkedin"
    );
}

#[test]
fn references_once_each_until_briefed() {
    assert_eq!(
        actions_of(&Case::new("references"), &["references"]),
        [
            "references 2026-11-11 Acme Ann Lee",
            "references 2026-11-18 Acme Cy Diaz",
        ]
    );
}

#[test]
fn reflection_until_a_reflection_heading_exists() {
    assert_eq!(
        actions_of(&Case::new("reflection"), &["reflection"]),
        ["reflection 2026-11-22 Acme -"]
    );
}

#[test]
fn feedback_after_a_rejection_until_asked() {
    assert_eq!(
        actions_of(&Case::new("feedback"), &["feedback"]),
        ["feedback 2026-11-23 Acme Ann Lee"]
    );
}

#[test]
fn offer_reply_goes_to_the_contact_by_their_channel() {
    let case = Case::new("offer-reply");
    assert_eq!(
        actions_of(&case, &["offer-reply", "check-in", "thank-you"]),
        ["offer-reply 2026-11-23 Acme Ann Lee"]
    );
    let a = case.due_json()["actions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["rule"] == "offer-reply")
        .unwrap()
        .clone();
    assert_eq!(a["channel"], "phone");
    assert_eq!(a["journal"], "content/a2.md");
}

#[test]
fn each_outcome_switches_rules_on_and_off() {
    let all = Case::new("outcomes").actions();
    let rules_for = |company: &str| {
        let mut r: Vec<String> = all
            .iter()
            .filter(|a| a.contains(company))
            .map(|a| a.split(' ').next().unwrap().to_string())
            .collect();
        r.sort();
        r
    };
    assert_eq!(
        rules_for("Pending Co"),
        [
            "check-in",
            "linkedin",
            "promised-item",
            "references",
            "reflection",
            "thank-you"
        ]
    );
    assert_eq!(
        rules_for("Offer Co"),
        ["linkedin", "offer-reply", "promised-item", "reflection"]
    );
    assert_eq!(
        rules_for("Rejected Co"),
        ["feedback", "linkedin", "reflection"]
    );
    assert_eq!(rules_for("Withdrawn Co"), ["reflection"]);
}

#[test]
fn one_application_across_files_differing_in_case_and_spaces() {
    // max(latest interview + 7, no_contact_before from the first file, decision_by + 1)
    let case = Case::new("application");
    assert_eq!(
        actions_of(&case, &["check-in"]),
        ["check-in 2026-11-30 Stark Industries Tony Stark"]
    );
    assert_eq!(
        case.problems_of("few-active").len(),
        1,
        "one application, not two"
    );
}

#[test]
fn snooze_hides_until_its_date_then_the_action_returns() {
    assert_eq!(
        actions_of(&Case::new("snooze"), &["thank-you", "reflection"]),
        [
            "thank-you 2026-11-21 Acme Bo Chen",
            "reflection 2026-11-22 Acme -",
        ]
    );
    assert_eq!(
        actions_of(
            &Case::new("snooze").today("2026-11-21"),
            &["thank-you", "reflection"]
        ),
        ["thank-you 2026-11-21 Acme Bo Chen"]
    );
    let later = Case::new("snooze").today("2026-11-25");
    let thanks = actions_of(&later, &["thank-you"]);
    assert_eq!(
        thanks,
        [
            "thank-you 2026-11-21 Acme Ann Lee",
            "thank-you 2026-11-21 Acme Bo Chen"
        ]
    );
    assert_eq!(later.due_json()["actions"][0]["status"], "overdue");
}

#[test]
fn scheduled_interviews_yield_no_actions_or_problems() {
    let case = Case::new("scheduled");
    // No check-in to Ann Lee: Acme's next interview is already on the
    // calendar (26 November); the cadence starts again after it.
    assert!(case.actions().is_empty(), "{:?}", case.actions());
    assert_eq!(
        case.problems(),
        ["note few-active -:-:- 2 pending applications; keep at least 3 going in parallel"]
    );
}

#[test]
fn configured_timings_are_used() {
    assert_eq!(
        Case::new("timings").actions(),
        [
            "thank-you 2026-11-20 Acme Ann Lee",
            "reflection 2026-11-23 Acme -",
            "check-in 2026-11-30 Acme Ann Lee",
        ]
    );
}

#[test]
fn too_soon() {
    assert_eq!(
        Case::new("too-soon").problems_of("too-soon"),
        [
            "warning too-soon content/a.md:9:5 check-in sent on 2026-11-10, before 2026-11-12, the date they asked you to wait for",
            "warning too-soon content/a.md:11:5 feedback sent on 2026-11-11, before 2026-11-12, the date they asked you to wait for",
            "warning too-soon content/b.md:8:5 check-in sent 6 days after the interview of 2026-11-02; wait at least 7 days",
        ]
    );
}

#[test]
fn too_frequent_across_journals() {
    let case = Case::new("too-frequent");
    assert_eq!(
        case.problems_of("too-frequent"),
        [
            "warning too-frequent content/a2.md:7:5 check-in sent on 2026-10-12, 4 days after the previous one on 2026-10-08; leave at least 7 days",
        ]
    );
    // Three follow-ups since the latest interview: keep-warm, 30 days after the last.
    assert_eq!(
        actions_of(&case, &["check-in", "keep-warm"]),
        ["keep-warm 2026-11-18 ACME -"]
    );
}

#[test]
fn wrong_channel() {
    assert_eq!(
        Case::new("wrong-channel").problems_of("wrong-channel"),
        [
            "warning wrong-channel content/a.md:14:14 thank-you to Ann Lee went by email, but Ann Lee prefers phone",
            "warning wrong-channel content/a.md:18:14 check-in to Bo Chen went by phone, but this journal's channel is email",
        ]
    );
}

#[test]
fn late_thank_you() {
    assert_eq!(
        Case::new("late-thank-you").problems_of("late-thank-you"),
        [
            "note late-thank-you content/a.md:10:5 thank-you sent on 2026-11-19, more than 24 hours after the interview",
            "note late-thank-you content/a.md:11:5 thank-you sent on 2026-11-18, more than 24 hours after the interview",
        ]
    );
}

#[test]
fn no_timeline() {
    assert_eq!(
        Case::new("no-timeline").problems_of("no-timeline"),
        [
            "note no-timeline content/none.md:-:- no timeline for Acme (Engineer): note what they said happens next with `next_steps`, `decision_by` or `no_contact_before`",
        ]
    );
}

#[test]
fn generic_draft() {
    assert_eq!(
        Case::new("generic-draft").problems_of("generic-draft"),
        [
            "warning generic-draft content/bare.md:-:- no `discussed`, `learned` or `highlights`: its drafts will keep a placeholder instead of something you discussed",
        ]
    );
}

#[test]
fn few_active() {
    assert_eq!(
        Case::new("feedback").problems_of("few-active"),
        ["note few-active -:-:- 0 pending applications; keep at least 3 going in parallel",]
    );
}

#[test]
fn severities_are_configurable() {
    let case = Case::new("severity");
    assert_eq!(
        case.problems(),
        [
            "error no-timeline content/a.md:-:- no timeline for Acme (Engineer): note what they said happens next with `next_steps`, `decision_by` or `no_contact_before`",
            "note unknown-field content/a.md:5:1 unknown field `salary`; it is kept and shown but not checked",
        ]
    );
    assert_eq!(
        case.run(&["check"]).code,
        1,
        "a rule raised to error fails check"
    );
}

#[test]
fn people_are_written_once_and_thank_yous_count_where_they_belong() {
    let case = Case::new("people");
    // Priya's `prefers: phone` and Dana's email, written in the screen's
    // journal, hold at the onsite; Dana's note written in the third
    // interview's journal counts for her onsite; Kim was told by a sent
    // entry of kind `references`.
    assert_eq!(
        actions_of(&case, &["thank-you", "references"]),
        [
            "thank-you 2026-11-11 Panel Co Dana Lee",
            "thank-you 2026-11-11 Panel Co Priya Patel",
        ]
    );
    let problems = case.problems();
    assert!(
        !problems
            .iter()
            .any(|p| p.contains("wrong-channel") || p.contains("late-thank-you")),
        "{problems:?}"
    );
    assert_eq!(
        case.problems_of("counted-elsewhere"),
        [
            "note counted-elsewhere content/late-note.md:11:5 the thank-you to Dana is counted for the onsite interview on 2026-11-17 (content/onsite.md), where you met them"
        ]
    );
    assert_eq!(
        case.problems_of("person-conflict"),
        [
            "warning person-conflict content/screen.md:12:5 Dana Lee has `email: dana@panel.example` here but `email: d.lee@panel.example` in content/onsite.md:8:5, which is the one used (the latest interview that happened has the last word)"
        ]
    );
    // The draft to Priya at the onsite knows her title and number.
    let out = case.run(&["draft", "content/screen.md", "--to", "Priya"]);
    assert!(out.stdout.contains("+44 20 7946 0000"), "{}", out.stdout);
}

#[test]
fn an_accepted_offer_withdraws_the_others_and_a_decision_has_its_day() {
    let case = Case::new("after-offer");
    assert_eq!(
        case.actions(),
        [
            // Accepted Wed 18 Nov + 2 days; Told Inc was already told.
            "withdraw 2026-11-20 Open Co Bo Chen",
            // The date given in the offer reply.
            "offer-decision 2026-11-24 Second Offer Di Evans",
        ]
    );
    // Nothing more to pace or to add to the pipeline.
    assert!(case.problems().is_empty(), "{:?}", case.problems());
    let out = case.run(&["draft", "content/open.md", "--rule", "withdraw"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out.stdout.contains("Hi Bo,"), "{}", out.stdout);
    assert!(
        out.stdout.contains("withdrawing my application"),
        "{}",
        out.stdout
    );
    assert!(
        !out.stdout.contains("Taken Labs"),
        "the other employer is not named\n{}",
        out.stdout
    );
}

#[test]
fn an_allowed_problem_is_listed_and_counted_but_does_not_fail() {
    let case = Case::new("allow");
    let out = case.run(&["check", "--deny", "warnings"]);
    assert_eq!(out.code, 0, "{}", out.stdout);
    assert!(out.stdout.contains("(1 allowed)"), "{}", out.stdout);
    assert!(!out.stdout.contains("too-soon"), "{}", out.stdout);
    let json = case.check_json();
    assert_eq!(json["allowed"], 1);
    assert_eq!(json["warnings"], 0);
    let soon = json["problems"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["rule"] == "too-soon")
        .unwrap()
        .clone();
    assert_eq!(soon["allowed"], true);
    assert_eq!(soon["line"], 10);
    // Without the acknowledgement, the same journal fails.
    let text = std::fs::read_to_string(case.root().join("content/early.md")).unwrap();
    let bare = Case::temp().file(
        "content/early.md",
        text.replace("    allow: [too-soon]\n", ""),
    );
    assert_eq!(
        bare.today("2026-11-22")
            .run(&["check", "--deny", "warnings"])
            .code,
        1
    );
}

// Found by an outside trial of two weeks' search (see docs/).
#[test]
fn a_withdrawal_closes_the_application_and_its_bookings() {
    let case = Case::temp()
        .file(
            "content/hooli/screen.md",
            "---\ncompany: Hooli\nrole: SRE\ndate: 2026-11-10\ninterviewers: [Gavin Belson]\nlearned: [x]\nnext_steps: soon\nsent:\n  - {kind: thank-you, on: 2026-11-10}\n  - {kind: withdraw, to: Gavin, on: 2026-11-20}\n---\n## What went well\n- a\n",
        )
        .file(
            "content/hooli/onsite.md",
            "---\ncompany: Hooli\nrole: SRE\ndate: 2026-11-28T10:00\ninterviewers: [Big Head]\n---\n",
        )
        .today("2026-11-22");
    let json = case.due_json();
    assert_eq!(json["interviews"], serde_json::json!([]), "{json}");
    assert!(json["actions"].as_array().unwrap().is_empty(), "{json}");
    // After the day it was booked for: no thank-you for an interview that never was.
    let later = case.today("2026-11-30");
    assert!(!later.actions().iter().any(|a| a.starts_with("thank-you")));
    // Nor is it a contact in the work-search log.
    let log = later.run(&[
        "report",
        "--work-search",
        "--from",
        "2026-11-01",
        "--to",
        "2026-12-31",
    ]);
    assert!(!log.stdout.contains("2026-11-28"), "{}", log.stdout);
}

#[test]
fn a_booked_interview_neither_changes_past_judgements_nor_names_people_short() {
    let case = Case::temp()
        .file(
            "content/a/screen.md",
            "---\ncompany: Acme\nrole: R\ndate: 2026-11-10\ninterviewers:\n  - {name: Hank Scorpio, prefers: mail}\nlearned: [x]\nnext_steps: soon\nsent:\n  - {kind: thank-you, on: 2026-11-10, channel: mail}\n---\n## What went well\n- a\n",
        )
        .file(
            "content/a/onsite.md",
            "---\ncompany: Acme\nrole: R\ndate: 2026-12-10\ninterviewers:\n  - {name: Hank, prefers: email}\n---\n",
        )
        .today("2026-11-22");
    // The card went as he asked at the time: no wrong-channel.
    assert!(
        case.problems_of("wrong-channel").is_empty(),
        "{:?}",
        case.problems()
    );
    // Once the onsite has happened, its thank-you names him in full.
    let after = case.today("2026-12-11");
    assert!(
        after
            .actions()
            .iter()
            .any(|a| a == "thank-you 2026-12-11 Acme Hank Scorpio"),
        "{:?}",
        after.actions()
    );
}

#[test]
fn init_refuses_to_nest_a_repository_in_another() {
    let case = Case::temp();
    let inner = case.root().join("content/sub");
    let r = case.run(&["init", inner.to_str().unwrap()]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("is inside the journal repository"),
        "{}",
        r.stderr
    );
    assert!(!inner.exists());
}
