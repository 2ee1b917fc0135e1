//! `offer-decision`: give your answer to an offer by the date agreed.

use super::{Action, Check, Ctx, Dated, Rule};
use crate::diagnostics::Severity;
use crate::journal::Application;
use crate::journal::model::{Kind, Outcome};

/// The rule.
pub const RULE: Rule = Rule {
    id: "offer-decision",
    reason: "give your answer by the date you agreed; if you need longer, ask before it passes, not after",
    severity: Severity::Note,
    draft: false,
    // A date you agreed with them is kept as it is, weekend or not.
    off_weekends: false,
    params: &[],
    reads: &[Dated::Outcome, Dated::Sent],
    check: Check::Actions(actions),
};

/// While an offer stands, the date you said you would decide by (the
/// latest `decide_by` of an `offer-reply`), else the offer journal's
/// `decision_by`, gives the decision its own action. Recording `accepted`
/// or `declined` closes it.
fn actions(app: &Application<'_>, ctx: &Ctx<'_>, out: &mut Vec<Action>) {
    if app.outcome != Outcome::Offer {
        return;
    }
    let Some(latest) = app.latest() else { return };
    // Until you have answered the offer, `offer-reply` is the action; the
    // decision has a day of its own only once your reply named one.
    let replies: Vec<_> = app
        .sent()
        .filter(|(_, s)| s.kind == Kind::OfferReply)
        .map(|(_, s)| s)
        .collect();
    let Some(replied) = replies.iter().map(|s| s.on.date(ctx.tz)).max() else {
        return;
    };
    let promised = replies.iter().filter_map(|s| s.decide_by).max();
    let journal = app
        .outcome_journal
        .filter(|j| app.journals.iter().any(|k| k.path == j.path))
        .unwrap_or(latest);
    // A `decision_by` before your reply was their date, not yours.
    let theirs = journal.decision_by.filter(|d| *d > replied);
    let Some(by) = promised.or(theirs) else {
        return;
    };
    let title = format!("Accept or decline the offer from {}", app.company);
    let mut a = Action::new(RULE.id, app, journal, by, title);
    a.person = app.contact_name();
    a.channel = Some(app.channel_for(
        a.person.as_deref(),
        Kind::OfferReply,
        &ctx.config.rules.cards,
    ));
    out.push(a);
}

#[cfg(test)]
mod tests {
    use crate::rules::testkit::*;

    const OFFER: &str = "company: A\nrole: R\ndate: 2026-11-10\ncontact: Ann\noutcome: offer\noutcome_on: 2026-11-17";

    #[test]
    fn the_date_you_gave_in_your_reply_then_theirs() {
        let replied = format!(
            "{OFFER}\nsent:\n  - {{kind: offer-reply, on: 2026-11-18, decide_by: 2026-11-25}}"
        );
        let e = run(&[&replied], "2026-11-18");
        assert_eq!(
            due_of(&e, "offer-decision"),
            vec![("2026-11-25".into(), Some("Ann".into()))]
        );
        assert!(due_of(&e, "offer-reply").is_empty());
        let theirs = format!(
            "{OFFER}\ndecision_by: 2026-11-28\nsent:\n  - {{kind: offer-reply, on: 2026-11-18}}"
        );
        assert_eq!(
            due_of(&run(&[&theirs], "2026-11-18"), "offer-decision"),
            vec![("2026-11-28".into(), Some("Ann".into()))]
        );
        // Before you reply, the reply is the action, whatever date they
        // gave (found by a trial: a decision due the day after the offer).
        let unanswered = format!("{OFFER}\ndecision_by: 2026-11-28");
        assert!(due_of(&run(&[&unanswered], "2026-11-18"), "offer-decision").is_empty());
        // No date, no decision action: the offer-reply asks for one.
        assert!(due_of(&run(&[OFFER], "2026-11-18"), "offer-decision").is_empty());
    }

    #[test]
    fn accepting_or_declining_closes_it() {
        for outcome in ["accepted", "declined"] {
            let doc = OFFER.replace("outcome: offer", &format!("outcome: {outcome}"));
            let doc = format!("{doc}\ndecision_by: 2026-11-28");
            let e = run(&[&doc], "2026-11-18");
            assert!(due_of(&e, "offer-decision").is_empty(), "{outcome}");
            assert!(due_of(&e, "offer-reply").is_empty(), "{outcome}");
        }
    }
}
