//! `thank-you`: thank each interviewer of each interview within a day.

use super::{Action, Check, Ctx, Dated, Param, Rule, Unit, hours_after, the_interview};
use crate::diagnostics::Severity;
use crate::journal::Application;
use crate::journal::model::{Kind, Outcome, channel_for};

/// The rule.
pub const RULE: Rule = Rule {
    id: "thank-you",
    reason: "thank every interviewer within a day; a short note naming something you discussed is remembered",
    severity: Severity::Note,
    draft: true,
    off_weekends: false,
    params: &[Param {
        key: "thank_you_hours",
        default: 24,
        unit: Unit::Hours,
        doc: "after the interview, to thank each interviewer",
    }],
    reads: &[Dated::Sent],
    check: Check::Actions(actions),
};

fn actions(app: &Application<'_>, ctx: &Ctx<'_>, out: &mut Vec<Action>) {
    if app.outcome != Outcome::Pending {
        return;
    }
    let thanks = app.thanks();
    for j in &app.journals {
        let (due, at) = hours_after(j, ctx.config.rules.thank_you_hours, ctx.tz);
        for i in &j.interviewers {
            if thanks.iter().any(|t| t.thanks(j, &i.name)) {
                continue;
            }
            let title = format!("Thank {} for {}", i.name, the_interview(j));
            let mut a = Action::new(RULE.id, app, j, due, title);
            a.due_at = Some(at);
            a.person = Some(app.full_name(&i.name));
            a.channel = Some(channel_for(
                Kind::ThankYou,
                j.channel,
                app.prefers(&i.name),
                &ctx.config.rules.cards,
            ));
            out.push(a);
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testkit::*;

    const TWO: &str =
        "company: A\nrole: R\ndate: 2026-11-17T14:00\ninterviewers: [Ann Lee, Bo Chen]";

    #[test]
    fn one_per_interviewer_a_day_later() {
        let e = run(&[TWO], "2026-11-18");
        assert_eq!(
            due_of(&e, "thank-you"),
            vec![
                ("2026-11-18".into(), Some("Ann Lee".into())),
                ("2026-11-18".into(), Some("Bo Chen".into()))
            ]
        );
        assert_eq!(
            e.actions[0].due_at.unwrap().to_rfc3339(),
            "2026-11-18T14:00:00+00:00"
        );
    }

    #[test]
    fn a_thank_you_without_to_covers_everyone() {
        let doc = format!("{TWO}\nsent:\n  - kind: thank-you\n    on: 2026-11-17");
        assert!(due_of(&run(&[&doc], "2026-11-18"), "thank-you").is_empty());
    }

    #[test]
    fn a_thank_you_to_one_covers_only_them() {
        let doc = format!("{TWO}\nsent:\n  - kind: thank-you\n    on: 2026-11-17\n    to: ann lee");
        assert_eq!(
            due_of(&run(&[&doc], "2026-11-18"), "thank-you"),
            vec![("2026-11-18".into(), Some("Bo Chen".into()))]
        );
    }

    #[test]
    fn only_pending_applications() {
        for outcome in ["offer", "rejected", "withdrawn"] {
            let doc = format!("{TWO}\noutcome: {outcome}");
            assert!(
                due_of(&run(&[&doc], "2026-11-18"), "thank-you").is_empty(),
                "{outcome}"
            );
        }
    }
}
