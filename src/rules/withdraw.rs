//! `withdraw`: once you accept an offer, tell the other employers.

use super::{Action, Check, Ctx, Dated, Param, Rule, Unit};
use crate::diagnostics::Severity;
use crate::journal::Application;
use crate::journal::model::{Kind, Outcome};
use crate::time::add_days;

/// The rule.
pub const RULE: Rule = Rule {
    id: "withdraw",
    reason: "once you accept an offer, tell every other employer still considering you, with thanks, so nobody spends more time on your application",
    severity: Severity::Note,
    draft: true,
    off_weekends: true,
    params: &[Param {
        key: "withdraw_days",
        default: 2,
        unit: Unit::Days,
        doc: "after accepting an offer, to withdraw from the other applications",
    }],
    reads: &[Dated::Outcome, Dated::Sent],
    check: Check::Actions(actions),
};

/// One action per pending application once another one's offer is
/// accepted, due `withdraw_days` after the acceptance; closed by a `sent`
/// of kind `withdraw` or the outcome `withdrawn`.
fn actions(app: &Application<'_>, ctx: &Ctx<'_>, out: &mut Vec<Action>) {
    let Some(accepted) = ctx.accepted_elsewhere(app) else {
        return;
    };
    if app.outcome != Outcome::Pending || app.sent().any(|(_, s)| s.kind == Kind::Withdraw) {
        return;
    }
    let Some(latest) = app.latest() else { return };
    // A booked interview is cancelled before it takes place: by the day
    // before it, or at once.
    let booked = app
        .scheduled
        .first()
        .map(|j| add_days(j.date.date(ctx.tz), -1).max(accepted.on));
    let due = add_days(accepted.on, ctx.config.rules.withdraw_days)
        .min(booked.unwrap_or(chrono::NaiveDate::MAX));
    let title = format!(
        "Withdraw your application to {} ({})",
        app.company, app.role
    );
    let mut a = Action::new(RULE.id, app, latest, due, title);
    a.person = app.contact_name();
    a.channel = Some(app.channel_for(a.person.as_deref(), Kind::Withdraw, &ctx.config.rules.cards));
    out.push(a);
}

#[cfg(test)]
mod tests {
    use crate::rules::testkit::*;

    const TAKEN: &str = "company: Taken\nrole: R\ndate: 2026-11-10\ncontact: Ann\noutcome: accepted\noutcome_on: 2026-11-18";
    const OTHER: &str = "company: Other\nrole: R\ndate: 2026-11-12\ninterviewers: [Bo Chen]\nsent:\n  - {kind: thank-you, on: 2026-11-12}";

    #[test]
    fn a_booked_interview_is_cancelled_before_it_takes_place() {
        let booked = "company: Other\nrole: R\ndate: 2026-11-19T10:00\ninterviewers: [Bo Chen]";
        // Accepted Wed 18 Nov; the interview is on the 19th: due on the 18th.
        let e = run(&[TAKEN, OTHER, booked], "2026-11-18");
        assert_eq!(
            due_of(&e, "withdraw"),
            vec![("2026-11-18".into(), Some("Bo Chen".into()))]
        );
    }

    #[test]
    fn every_other_pending_application_gets_one_and_no_check_in() {
        let e = run(&[TAKEN, OTHER], "2026-11-25");
        // Wed 18 Nov + 2 days.
        assert_eq!(
            due_of(&e, "withdraw"),
            vec![("2026-11-20".into(), Some("Bo Chen".into()))]
        );
        assert!(due_of(&e, "check-in").is_empty(), "{:?}", e.actions);
        // Without the acceptance, the other one is chased as usual.
        let pending = TAKEN.replace("outcome: accepted", "outcome: offer");
        let e = run(&[&pending, OTHER], "2026-11-25");
        assert!(due_of(&e, "withdraw").is_empty());
        assert_eq!(due_of(&e, "check-in").len(), 1);
    }

    #[test]
    fn a_withdraw_note_or_the_outcome_closes_it() {
        let sent = format!("{OTHER}\n  - {{kind: withdraw, on: 2026-11-19}}");
        assert!(due_of(&run(&[TAKEN, &sent], "2026-11-25"), "withdraw").is_empty());
        let out = format!("{OTHER}\noutcome: withdrawn");
        assert!(due_of(&run(&[TAKEN, &out], "2026-11-25"), "withdraw").is_empty());
    }

    #[test]
    fn an_application_begun_after_the_acceptance_is_a_new_search() {
        let later = OTHER.replace("2026-11-12", "2026-11-19");
        let e = run(&[TAKEN, &later], "2026-11-30");
        assert!(due_of(&e, "withdraw").is_empty());
        assert_eq!(due_of(&e, "check-in").len(), 1);
        assert_eq!(problems_of(&e, "few-active").len(), 1);
    }

    #[test]
    fn an_accepted_offer_ends_the_few_active_note() {
        let e = run(&[TAKEN, OTHER], "2026-11-25");
        assert!(problems_of(&e, "few-active").is_empty());
        let pending = TAKEN.replace("outcome: accepted", "outcome: offer");
        assert_eq!(
            problems_of(&run(&[&pending, OTHER], "2026-11-25"), "few-active").len(),
            1
        );
    }
}
