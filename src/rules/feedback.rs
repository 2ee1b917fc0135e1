//! `feedback`: after a rejection, ask politely for feedback a few days later.

use super::{Action, Check, Ctx, Dated, Param, Rule, Unit};
use crate::diagnostics::Severity;
use crate::journal::Application;
use crate::journal::model::{Kind, Outcome};
use crate::time::add_days;

/// The rule.
pub const RULE: Rule = Rule {
    id: "feedback",
    reason: "after a no, wait a few days, thank them and ask what would have made the difference; the bridge stays open",
    severity: Severity::Note,
    draft: true,
    off_weekends: true,
    params: &[Param {
        key: "feedback_after_days",
        default: 3,
        unit: Unit::Days,
        doc: "after a rejection, to ask for feedback",
    }],
    reads: &[Dated::Outcome, Dated::Sent],
    check: Check::Actions(actions),
};

fn actions(app: &Application<'_>, ctx: &Ctx<'_>, out: &mut Vec<Action>) {
    out.extend(outcome_action(
        app,
        ctx,
        Outcome::Rejected,
        Kind::Feedback,
        &RULE,
        ctx.config.rules.feedback_after_days,
        |who, app| format!("Ask {who} for feedback on the {} interviews", app.role),
    ));
}

/// The one action an outcome calls for (`feedback`, `offer-reply`): due
/// `days` after the outcome, closed by a `sent` of `kind` anywhere.
pub(super) fn outcome_action(
    app: &Application<'_>,
    ctx: &Ctx<'_>,
    outcome: Outcome,
    kind: Kind,
    rule: &Rule,
    days: i64,
    title: fn(&str, &Application<'_>) -> String,
) -> Option<Action> {
    if app.outcome != outcome || app.sent().any(|(_, s)| s.kind == kind) {
        return None;
    }
    let latest = app.latest()?;
    let on = app.outcome_on.unwrap_or_else(|| latest.date.date(ctx.tz));
    let journal = app
        .outcome_journal
        .filter(|j| app.journals.iter().any(|k| k.path == j.path))
        .unwrap_or(latest);
    let person = app.contact_name();
    let who = person.as_deref().unwrap_or("the hiring team");
    let mut a = Action::new(rule.id, app, journal, add_days(on, days), title(who, app));
    a.channel = Some(app.channel_for(person.as_deref(), kind, &ctx.config.rules.cards));
    a.person = person;
    Some(a)
}

#[cfg(test)]
mod tests {
    use crate::rules::testkit::*;

    #[test]
    fn three_days_after_the_rejection_until_asked() {
        let doc = "company: A\nrole: R\ndate: 2026-11-10\ninterviewers: [Ann]\noutcome: rejected\noutcome_on: 2026-11-16";
        assert_eq!(
            due_of(&run(&[doc], "2026-11-18"), "feedback"),
            vec![("2026-11-19".into(), Some("Ann".into()))]
        );
        let asked = format!("{doc}\nsent:\n  - {{kind: feedback, on: 2026-11-19}}");
        assert!(due_of(&run(&[&asked], "2026-11-20"), "feedback").is_empty());
        let pending = "company: A\nrole: R\ndate: 2026-11-10";
        assert!(due_of(&run(&[pending], "2026-11-18"), "feedback").is_empty());
    }

    #[test]
    fn outcome_on_defaults_to_the_journal_date() {
        let doc = "company: A\nrole: R\ndate: 2026-11-10\noutcome: rejected";
        assert_eq!(
            due_of(&run(&[doc], "2026-11-18"), "feedback"),
            vec![("2026-11-13".into(), None)]
        );
    }
}
