//! `promised-item`: send what you promised, when you promised it.

use super::{Action, Check, Ctx, Dated, Rule};
use crate::diagnostics::Severity;
use crate::journal::Application;
use crate::journal::model::{Kind, Outcome};
use crate::time::add_days;

/// The rule.
pub const RULE: Rule = Rule {
    id: "promised-item",
    reason: "send what you said you would, when you said you would; following through is the proof of what you claimed",
    severity: Severity::Note,
    draft: false,
    off_weekends: false,
    params: &[],
    reads: &[Dated::PromiseDone],
    check: Check::Actions(actions),
};

fn actions(app: &Application<'_>, ctx: &Ctx<'_>, out: &mut Vec<Action>) {
    // What you promised a future employer you still owe them.
    if !matches!(
        app.outcome,
        Outcome::Pending | Outcome::Offer | Outcome::Accepted
    ) {
        return;
    }
    for j in &app.journals {
        for (index, p) in j
            .promised
            .iter()
            .enumerate()
            .filter(|(_, p)| p.done.is_none())
        {
            let due = p.due.unwrap_or_else(|| add_days(j.date.date(ctx.tz), 1));
            // "to: Lucius" names Lucius Fox when he is one of the people.
            let to = p.to.as_deref().map(|t| app.full_name(t));
            let title = match &to {
                Some(to) => format!("Send {} to {to}", p.item),
                None => format!("Send {}", p.item),
            };
            let mut a = Action::new(RULE.id, app, j, due, title);
            a.entry = Some(index);
            a.person = to;
            // An item goes by email (or as they prefer), never on a card.
            a.channel =
                Some(app.channel_for(p.to.as_deref(), Kind::Other, &ctx.config.rules.cards));
            out.push(a);
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testkit::*;

    #[test]
    fn a_first_name_is_the_person_in_full() {
        let doc = "company: A\nrole: R\ndate: 2026-11-17\ninterviewers:\n  - name: Lucius Fox\npromised:\n  - {item: the write-up, to: Lucius}";
        let e = run(&[doc], "2026-11-18");
        let a = e
            .actions
            .iter()
            .find(|a| a.rule == "promised-item")
            .unwrap();
        assert_eq!(a.title, "Send the write-up to Lucius Fox");
        assert_eq!(a.person.as_deref(), Some("Lucius Fox"));
    }

    #[test]
    fn defaults_to_the_day_after_and_stops_when_done() {
        let doc = "company: A\nrole: R\ndate: 2026-11-17T18:00\npromised:\n  - item: code sample\n    to: Ann\n  - item: deck\n    due: 2026-11-20\n  - item: refs\n    done: 2026-11-18\n  - item: more\n    done: true";
        let e = run(&[doc], "2026-11-18");
        assert_eq!(
            due_of(&e, "promised-item"),
            vec![
                ("2026-11-18".into(), Some("Ann".into())),
                ("2026-11-20".into(), None)
            ]
        );
        assert_eq!(
            e.actions
                .iter()
                .find(|a| a.rule == "promised-item")
                .unwrap()
                .title,
            "Send code sample to Ann"
        );
    }

    #[test]
    fn applies_while_the_job_is_in_play() {
        let base = "company: A\nrole: R\ndate: 2026-11-17\npromised: [deck]";
        for (outcome, n) in [
            ("pending", 1),
            ("offer", 1),
            ("rejected", 0),
            ("withdrawn", 0),
            ("accepted", 1),
            ("declined", 0),
        ] {
            let doc = format!("{base}\noutcome: {outcome}");
            assert_eq!(
                due_of(&run(&[&doc], "2026-11-18"), "promised-item").len(),
                n,
                "{outcome}"
            );
        }
    }
}
