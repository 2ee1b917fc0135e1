//! `late-thank-you`: a thank-you sent after the window closed.

use super::{Check, Ctx, Dated, Rule, the_interview};
use crate::diagnostics::{Problem, Severity};
use crate::journal::Application;
use crate::journal::model::{Journal, Sent};
use crate::time::add_hours;

/// The rule.
pub const RULE: Rule = Rule {
    id: "late-thank-you",
    reason: "a late thank-you is better than none, but one within a day is the one that stands out",
    severity: Severity::Note,
    draft: false,
    off_weekends: false,
    params: &[],
    reads: &[Dated::Sent],
    check: Check::Problems(problems),
};

/// A thank-you written in one interview's journal to someone met in
/// another: counted there, and said so.
pub const COUNTED_ELSEWHERE: Rule = Rule {
    id: "counted-elsewhere",
    reason: "a thank-you counts for the interview where you met the person; record it in that interview's journal to keep the notes in one place",
    severity: Severity::Note,
    draft: false,
    off_weekends: false,
    params: &[],
    reads: &[Dated::Sent],
    check: Check::Problems(moved),
};

fn problems(app: &Application<'_>, ctx: &Ctx<'_>, out: &mut Vec<Problem>) {
    let hours = ctx.config.rules.thank_you_hours;
    let thanks = app.thanks();
    // One problem per entry and interview it counts for.
    let mut seen: Vec<(*const Sent, *const Journal)> = Vec::new();
    for t in thanks {
        let key = (t.sent as *const Sent, t.counts_for as *const Journal);
        if seen.contains(&key) {
            continue;
        }
        seen.push(key);
        let deadline = add_hours(t.counts_for.date.instant(ctx.tz), hours);
        let s = t.sent;
        let late = if s.on.has_time() {
            s.on.instant(ctx.tz) > deadline
        } else {
            s.on.date(ctx.tz) > deadline.date_naive()
        };
        if late {
            let after = if t.moved() {
                format!(
                    "{} on {}",
                    the_interview(t.counts_for),
                    t.counts_for.date.date(ctx.tz)
                )
            } else {
                "the interview".to_string()
            };
            let msg = format!(
                "thank-you sent on {}, more than {hours} hours after {after}",
                s.on.date(ctx.tz)
            );
            out.push(Problem::at(
                RULE.id,
                RULE.severity,
                &t.written.path,
                Some(s.loc),
                msg,
            ));
        }
    }
}

fn moved(app: &Application<'_>, ctx: &Ctx<'_>, out: &mut Vec<Problem>) {
    for t in app.thanks().iter().filter(|t| t.moved()) {
        let name = t.to.unwrap_or_default();
        let msg = format!(
            "the thank-you to {name} is counted for {} on {} ({}), where you met them",
            the_interview(t.counts_for),
            t.counts_for.date.date(ctx.tz),
            t.counts_for.path
        );
        out.push(Problem::at(
            COUNTED_ELSEWHERE.id,
            COUNTED_ELSEWHERE.severity,
            &t.written.path,
            Some(t.sent.loc),
            msg,
        ));
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testkit::*;

    #[test]
    fn the_next_day_is_fine_the_day_after_is_late() {
        let doc = "company: A\nrole: R\ndate: 2026-11-17T16:00\nsent:\n  - {kind: thank-you, on: 2026-11-18}\n  - {kind: thank-you, on: 2026-11-19}\n  - {kind: thank-you, on: 2026-11-18T17:00}";
        let e = run(&[doc], "2026-11-20");
        let lines: Vec<_> = problems_of(&e, "late-thank-you")
            .into_iter()
            .map(|p| p.1)
            .collect();
        assert_eq!(lines, vec![Some(7), Some(8)]);
    }

    const FIRST: &str =
        "company: A\nrole: R\ndate: 2026-11-10T10:00\nstage: screen\ninterviewers: [Dana Lee]";
    const SECOND: &str = "company: A\nrole: R\ndate: 2026-11-17T10:00\nstage: onsite\ninterviewers: [Raj Rao]\nsent:\n  - {kind: thank-you, to: Dana, on: 2026-11-11}\n  - {kind: thank-you, to: Raj Rao, on: 2026-11-17}";

    #[test]
    fn a_thank_you_in_the_wrong_journal_counts_where_the_person_was_met() {
        let e = run(&[FIRST, SECOND], "2026-11-18");
        // Dana's screen is thanked, on time, and nothing is late.
        assert!(due_of(&e, "thank-you").is_empty(), "{:?}", e.actions);
        assert!(problems_of(&e, "late-thank-you").is_empty());
        let moved = problems_of(&e, "counted-elsewhere");
        assert_eq!(moved.len(), 1, "{moved:?}");
        assert_eq!(moved[0].0.as_deref(), Some("content/1.md"));
        assert_eq!(moved[0].1, Some(8));
        assert!(
            moved[0]
                .2
                .contains("the screen interview on 2026-11-10 (content/0.md)"),
            "{}",
            moved[0].2
        );
    }

    #[test]
    fn counted_elsewhere_and_late_there_says_which_interview() {
        let late = SECOND.replace("to: Dana, on: 2026-11-11", "to: Dana, on: 2026-11-14");
        let e = run(&[FIRST, &late], "2026-11-18");
        let p = problems_of(&e, "late-thank-you");
        assert_eq!(p.len(), 1, "{p:?}");
        assert!(
            p[0].2.ends_with("after the screen interview on 2026-11-10"),
            "{}",
            p[0].2
        );
    }

    #[test]
    fn a_name_met_only_later_than_the_note_stays_where_it_is() {
        // Sent before the interview that names them: nothing to move to.
        let early = SECOND.replace("to: Dana, on: 2026-11-11", "to: Dana, on: 2026-11-09");
        let e = run(&[FIRST, &early], "2026-11-18");
        assert!(problems_of(&e, "counted-elsewhere").is_empty());
        assert_eq!(
            due_of(&e, "thank-you"),
            vec![("2026-11-11".into(), Some("Dana Lee".into()))]
        );
    }
}
