//! `check-in` and `keep-warm`: the follow-up cadence of a pending application.
//!
//! One function decides which of the two applies, so they can never both be
//! open for one application.

use chrono::NaiveDate;

use super::{Action, Check, Ctx, Dated, Param, Rule, Unit};
use crate::diagnostics::Severity;
use crate::journal::Application;
use crate::journal::model::{Kind, Outcome};
use crate::time::add_days;

/// Checking in while there is still a reason to ask.
pub const CHECK_IN: Rule = Rule {
    id: "check-in",
    reason: "ask for the timeline and respect it; with no news after about a week, a short polite check-in is welcome, then weekly",
    severity: Severity::Note,
    draft: true,
    off_weekends: true,
    params: &[
        Param {
            key: "first_check_in_days",
            default: 7,
            unit: Unit::Days,
            doc: "after the interview (or the last reply), before the first check-in",
        },
        Param {
            key: "check_in_every_days",
            default: 7,
            unit: Unit::Days,
            doc: "between check-ins",
        },
        Param {
            key: "max_check_ins",
            default: 3,
            unit: Unit::Count,
            doc: "check-ins before keep-warm takes over",
        },
    ],
    reads: &[Dated::Sent, Dated::Reply],
    check: Check::Actions(actions),
};

/// Staying in touch once the check-ins are used up.
pub const KEEP_WARM: Rule = Rule {
    id: "keep-warm",
    reason: "after three check-ins, stop asking; about once a month, send something useful to stay on their mind",
    severity: Severity::Note,
    draft: true,
    off_weekends: true,
    params: &[Param {
        key: "keep_warm_every_days",
        default: 30,
        unit: Unit::Days,
        doc: "between keep-warm messages",
    }],
    reads: &[Dated::Sent, Dated::Reply],
    check: Check::Companion("check-in"),
};

fn actions(app: &Application<'_>, ctx: &Ctx<'_>, out: &mut Vec<Action>) {
    // Nobody is chased on the eve of meeting them: with another interview
    // already scheduled, the cadence waits for it and then starts again
    // from it (it becomes the latest interview).
    // Once an offer elsewhere is accepted, `withdraw` replaces the chase.
    if app.outcome != Outcome::Pending
        || !app.scheduled.is_empty()
        || ctx.accepted_elsewhere(app).is_some()
    {
        return;
    }
    let Some(latest) = app.latest() else { return };
    let r = &ctx.config.rules;
    let interview = latest.date.date(ctx.tz);
    let base = app.replies().map(|r| r.on).fold(interview, NaiveDate::max);
    let follow_ups: Vec<NaiveDate> = app
        .sent()
        .filter(|(_, s)| matches!(s.kind, Kind::CheckIn | Kind::KeepWarm))
        .map(|(_, s)| s.on.date(ctx.tz))
        .filter(|d| *d >= base)
        .collect();
    let k = follow_ups.len() as i64;
    let last = follow_ups.iter().copied().max().unwrap_or(base);
    let (rule, due) = if k >= r.max_check_ins {
        (&KEEP_WARM, add_days(last, r.keep_warm_every_days))
    } else if k == 0 {
        let due = [
            Some(add_days(base, r.first_check_in_days)),
            app.no_contact_before,
            app.decision_by.map(|d| add_days(d, 1)),
        ]
        .into_iter()
        .flatten()
        .max()
        .expect("the first entry is always there");
        (&CHECK_IN, due)
    } else {
        (
            &CHECK_IN,
            add_days(last, r.check_in_every_days)
                .max(app.no_contact_before.unwrap_or(NaiveDate::MIN)),
        )
    };
    let person = app.contact_name();
    let who = person.as_deref().unwrap_or("the hiring team");
    let title = if rule.id == KEEP_WARM.id {
        format!("Send {who} something useful to stay in touch")
    } else if k == 0 {
        format!("Check in with {who} about the {} role", app.role)
    } else {
        format!("Check in again with {who} about the {} role", app.role)
    };
    let mut a = Action::new(rule.id, app, latest, due, title);
    let kind = if rule.id == KEEP_WARM.id {
        Kind::KeepWarm
    } else {
        Kind::CheckIn
    };
    a.channel = Some(app.channel_for(person.as_deref(), kind, &r.cards));
    a.person = person;
    out.push(a);
}

#[cfg(test)]
mod tests {
    use crate::rules::testkit::*;

    const BASE: &str = "company: A\nrole: R\ndate: 2026-11-02\ninterviewers: [Ann]";

    fn cadence(extra: &str, today: &str) -> Vec<(String, String)> {
        let doc = format!("{BASE}\n{extra}");
        run(&[&doc], today)
            .actions
            .iter()
            .filter(|a| a.rule == "check-in" || a.rule == "keep-warm")
            .map(|a| (a.rule.to_string(), a.due.to_string()))
            .collect()
    }

    // Regression: a check-in to Raj fell due on the very day of his next
    // interview.
    #[test]
    fn no_check_in_while_another_interview_is_scheduled() {
        let next = "company: A\nrole: R\ndate: 2026-11-12T10:00\ninterviewers: [Raj]";
        let run_on = |today: &str| {
            run(&[&format!("{BASE}\n"), next], today)
                .actions
                .iter()
                .filter(|a| a.rule == "check-in" || a.rule == "keep-warm")
                .map(|a| a.due.to_string())
                .collect::<Vec<_>>()
        };
        assert_eq!(run_on("2026-11-11"), Vec::<String>::new());
        assert_eq!(run_on("2026-11-12"), ["2026-11-19"]);
    }

    #[test]
    fn first_check_in_a_week_after_the_interview() {
        assert_eq!(
            cadence("", "2026-11-03"),
            vec![("check-in".into(), "2026-11-09".into())]
        );
    }

    #[test]
    fn the_timeline_they_gave_pushes_it_back() {
        assert_eq!(
            cadence("no_contact_before: 2026-11-20", "2026-11-03"),
            vec![("check-in".into(), "2026-11-20".into())]
        );
        // The day after a decision due on Friday is a Saturday: Monday.
        assert_eq!(
            cadence("decision_by: 2026-11-20", "2026-11-03"),
            vec![("check-in".into(), "2026-11-23".into())]
        );
    }

    // A day-based follow-up due on a weekend waits for Monday, unless
    // `[rules] weekend = "keep"`; hour-based ones keep their hour.
    #[test]
    fn weekends_move_day_based_follow_ups_to_monday() {
        let doc = format!("{BASE}\nno_contact_before: 2026-11-22");
        assert_eq!(
            cadence("no_contact_before: 2026-11-22", "2026-11-03"),
            vec![("check-in".into(), "2026-11-23".into())]
        );
        let mut keep = crate::config::Config::default();
        keep.rules.weekend = crate::config::Weekend::Keep;
        let kept = run_with(&[&doc], "2026-11-03", &keep);
        assert_eq!(due_of(&kept, "check-in")[0].0, "2026-11-22");
        // A thank-you due Saturday 24 h after a Friday interview stays.
        let friday = "company: A\nrole: R\ndate: 2026-11-20T10:00\ninterviewers: [Ann]";
        assert_eq!(
            due_of(&run(&[friday], "2026-11-20"), "thank-you")[0].0,
            "2026-11-21"
        );
    }

    #[test]
    fn a_reply_resets_the_cadence() {
        let sent = "sent:\n  - {kind: check-in, on: 2026-11-09}\nreplies:\n  - {on: 2026-11-12}";
        assert_eq!(
            cadence(sent, "2026-11-13"),
            vec![("check-in".into(), "2026-11-19".into())]
        );
    }

    #[test]
    fn weekly_then_keep_warm_after_the_third() {
        let two =
            "sent:\n  - {kind: check-in, on: 2026-11-09}\n  - {kind: check-in, on: 2026-11-16}";
        assert_eq!(
            cadence(two, "2026-11-17"),
            vec![("check-in".into(), "2026-11-23".into())]
        );
        let three = "sent:\n  - {kind: check-in, on: 2026-11-09}\n  - {kind: check-in, on: 2026-11-16}\n  - {kind: check-in, on: 2026-11-23}";
        assert_eq!(
            cadence(three, "2026-11-24"),
            vec![("keep-warm".into(), "2026-12-23".into())]
        );
    }

    #[test]
    fn later_check_ins_still_respect_no_contact_before() {
        let s = "no_contact_before: 2026-11-30\nsent:\n  - {kind: check-in, on: 2026-11-09}";
        assert_eq!(
            cadence(s, "2026-11-10"),
            vec![("check-in".into(), "2026-11-30".into())]
        );
    }

    #[test]
    fn only_pending_applications() {
        assert!(cadence("outcome: offer", "2026-11-03").is_empty());
        assert!(cadence("outcome: rejected", "2026-11-03").is_empty());
    }
}
