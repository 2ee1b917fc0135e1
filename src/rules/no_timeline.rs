//! `no-timeline`: a pending application without any word on what happens next.

use super::{Check, Ctx, Dated, Rule};
use crate::diagnostics::{Problem, Severity};
use crate::journal::Application;
use crate::journal::model::Outcome;

/// The rule.
pub const RULE: Rule = Rule {
    id: "no-timeline",
    reason: "ask at the end of each interview when they expect to decide; without it you cannot pace your follow-ups",
    severity: Severity::Note,
    draft: false,
    off_weekends: false,
    params: &[],
    reads: &[Dated::Outcome],
    check: Check::Problems(problems),
};

fn problems(app: &Application<'_>, ctx: &Ctx<'_>, out: &mut Vec<Problem>) {
    // With an offer accepted elsewhere, there is nothing left to pace.
    if app.outcome != Outcome::Pending || ctx.accepted_elsewhere(app).is_some() {
        return;
    }
    let has_timeline = app.journals.iter().chain(&app.scheduled).any(|j| {
        j.next_steps.is_some() || j.decision_by.is_some() || j.no_contact_before.is_some()
    });
    if let (false, Some(latest)) = (has_timeline, app.latest()) {
        let msg = format!(
            "no timeline for {} ({}): note what they said happens next with `next_steps`, `decision_by` or `no_contact_before`",
            app.company, app.role
        );
        out.push(Problem::at(RULE.id, RULE.severity, &latest.path, None, msg));
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testkit::*;

    #[test]
    fn any_journal_with_a_timeline_is_enough() {
        let a = "company: A\nrole: R\ndate: 2026-11-01";
        let b = "company: A\nrole: R\ndate: 2026-11-08\nnext_steps: a call next week";
        assert_eq!(
            problems_of(&run(&[a], "2026-11-20"), "no-timeline").len(),
            1
        );
        assert!(problems_of(&run(&[a, b], "2026-11-20"), "no-timeline").is_empty());
        let done = "company: A\nrole: R\ndate: 2026-11-01\noutcome: offer";
        assert!(problems_of(&run(&[done], "2026-11-20"), "no-timeline").is_empty());
    }
}
