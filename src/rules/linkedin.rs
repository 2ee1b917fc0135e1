//! `linkedin`: connect with interviewers who said yes, within two days.

use std::collections::HashSet;

use super::{Action, Check, Ctx, Dated, Param, Rule, Unit, hours_after};
use crate::diagnostics::Severity;
use crate::journal::Application;
use crate::journal::model::{Channel, Kind, Outcome, normalise};

/// The rule.
pub const RULE: Rule = Rule {
    id: "linkedin",
    reason: "connect on LinkedIn only with people who agreed to it, within two days, with a short personal note",
    severity: Severity::Note,
    draft: true,
    off_weekends: false,
    params: &[Param {
        key: "linkedin_hours",
        default: 48,
        unit: Unit::Hours,
        doc: "after the interview, to connect on LinkedIn",
    }],
    reads: &[Dated::Sent],
    check: Check::Actions(actions),
};

fn actions(app: &Application<'_>, ctx: &Ctx<'_>, out: &mut Vec<Action>) {
    if !matches!(
        app.outcome,
        Outcome::Pending
            | Outcome::Offer
            | Outcome::Rejected
            | Outcome::Accepted
            | Outcome::Declined
    ) {
        return;
    }
    let mut seen = HashSet::new();
    for j in &app.journals {
        for i in j.interviewers.iter().filter(|i| i.linkedin) {
            if !seen.insert(normalise(&i.name)) {
                continue;
            }
            let connected = app
                .sent()
                .any(|(sj, s)| s.kind == Kind::Linkedin && Application::reaches(sj, s, &i.name));
            if connected {
                continue;
            }
            let (due, at) = hours_after(j, ctx.config.rules.linkedin_hours, ctx.tz);
            let mut a = Action::new(
                RULE.id,
                app,
                j,
                due,
                format!("Connect with {} on LinkedIn", i.name),
            );
            a.due_at = Some(at);
            a.person = Some(app.full_name(&i.name));
            a.channel = Some(Channel::Linkedin);
            out.push(a);
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testkit::*;

    const DOC: &str = "company: A\nrole: R\ndate: 2026-11-17\ninterviewers:\n  - {name: Ann, linkedin: true}\n  - {name: Bo}";

    #[test]
    fn only_those_who_agreed_within_two_days() {
        let e = run(&[DOC], "2026-11-18");
        assert_eq!(
            due_of(&e, "linkedin"),
            vec![("2026-11-19".into(), Some("Ann".into()))]
        );
    }

    #[test]
    fn a_request_in_any_journal_counts() {
        let later = "company: a \nrole: r\ndate: 2026-11-20\nsent:\n  - {kind: linkedin, to: Ann, on: 2026-11-20}";
        assert!(due_of(&run(&[DOC, later], "2026-11-21"), "linkedin").is_empty());
    }

    #[test]
    fn still_applies_after_a_rejection_but_not_a_withdrawal() {
        let rejected = format!("{DOC}\noutcome: rejected");
        assert_eq!(
            due_of(&run(&[&rejected], "2026-11-18"), "linkedin").len(),
            1
        );
        let withdrawn = format!("{DOC}\noutcome: withdrawn");
        assert!(due_of(&run(&[&withdrawn], "2026-11-18"), "linkedin").is_empty());
    }
}
