//! `offer-reply`: answer an offer promptly, with thanks.

use chrono::NaiveDate;

use super::feedback::outcome_action;
use super::{Action, Check, Ctx, Dated, Param, Rule, Unit};
use crate::diagnostics::Severity;
use crate::journal::Application;
use crate::journal::model::{Kind, Outcome};

/// The rule.
pub const RULE: Rule = Rule {
    id: "offer-reply",
    reason: "answer an offer within a couple of days: thank them, and accept, decline or say when you will decide",
    severity: Severity::Note,
    draft: true,
    off_weekends: true,
    params: &[Param {
        key: "offer_reply_days",
        default: 2,
        unit: Unit::Days,
        doc: "after an offer, to answer it",
    }],
    reads: &[Dated::Outcome, Dated::Sent],
    check: Check::Actions(actions),
};

/// The day an answer to an offer is promised by, when the reply goes out
/// on `send_on`: their `decision_by` if it is later, else a week on (a
/// week to decide is usual), on a working day. The draft says it, and
/// `done` records it as the reply's `decide_by`.
pub fn answer_by(decision_by: Option<NaiveDate>, send_on: NaiveDate) -> NaiveDate {
    decision_by.filter(|d| *d > send_on).unwrap_or_else(|| {
        let mut d = crate::time::add_days(send_on, 7);
        while matches!(
            chrono::Datelike::weekday(&d),
            chrono::Weekday::Sat | chrono::Weekday::Sun
        ) {
            d = crate::time::add_days(d, 1);
        }
        d
    })
}

fn actions(app: &Application<'_>, ctx: &Ctx<'_>, out: &mut Vec<Action>) {
    out.extend(outcome_action(
        app,
        ctx,
        Outcome::Offer,
        Kind::OfferReply,
        &RULE,
        ctx.config.rules.offer_reply_days,
        |_, app| format!("Answer the offer from {}", app.company),
    ));
}

#[cfg(test)]
mod tests {
    use crate::rules::testkit::*;

    #[test]
    fn two_days_after_the_offer_until_answered() {
        let doc = "company: A\nrole: R\ndate: 2026-11-10\ncontact: Ann\noutcome: offer\noutcome_on: 2026-11-17";
        assert_eq!(
            due_of(&run(&[doc], "2026-11-18"), "offer-reply"),
            vec![("2026-11-19".into(), Some("Ann".into()))]
        );
        let answered = format!("{doc}\nsent:\n  - {{kind: offer-reply, on: 2026-11-18}}");
        assert!(due_of(&run(&[&answered], "2026-11-18"), "offer-reply").is_empty());
    }
}
