//! `wrong-channel`: a follow-up sent another way than the person asked for.

use super::{Check, Ctx, Dated, Rule};
use crate::diagnostics::{Problem, Severity};
use crate::journal::Application;
use crate::journal::model::{Channel, Kind, channel_for};

/// The rule.
pub const RULE: Rule = Rule {
    id: "wrong-channel",
    reason: "follow up the way each person asked to be contacted; if they said email, do not call",
    severity: Severity::Warning,
    draft: false,
    off_weekends: false,
    params: &[],
    reads: &[Dated::Sent],
    check: Check::Problems(problems),
};

fn problems(app: &Application<'_>, ctx: &Ctx<'_>, out: &mut Vec<Problem>) {
    let cards = &ctx.config.rules.cards;
    for (j, s) in app.sent() {
        // A LinkedIn request goes by LinkedIn whatever the journal's channel.
        let (Some(used), false) = (s.channel, s.kind == Kind::Linkedin) else {
            continue;
        };
        let mut expected: Vec<(String, Channel, bool)> = Vec::new();
        if s.to.is_empty() {
            for i in &j.interviewers {
                expected.push((
                    i.name.clone(),
                    channel_for(s.kind, j.channel, app.prefers(&i.name), cards),
                    app.prefers(&i.name).is_some(),
                ));
            }
            if j.interviewers.is_empty() {
                expected.push((
                    "them".into(),
                    channel_for(s.kind, j.channel, None, cards),
                    false,
                ));
            }
        } else {
            for name in &s.to {
                // A name of nobody is `unknown-person`'s to report.
                if app.interviewer(name).is_none() {
                    continue;
                }
                let prefers = app.interviewer(name).and_then(|i| i.prefers);
                expected.push((
                    name.clone(),
                    channel_for(s.kind, j.channel, prefers, cards),
                    prefers.is_some(),
                ));
            }
        }
        for (name, want, personal) in expected {
            if want == used {
                continue;
            }
            let why = if personal {
                format!("{name} prefers {}", want.as_str())
            } else if want != j.channel {
                format!(
                    "a {} goes by {} when the journal's channel is {}",
                    s.kind.as_str(),
                    want.as_str(),
                    j.channel.as_str()
                )
            } else {
                format!("this journal's channel is {}", want.as_str())
            };
            let msg = format!(
                "{} to {name} went by {}, but {why}",
                s.kind.as_str(),
                used.as_str()
            );
            out.push(Problem::at(
                RULE.id,
                RULE.severity,
                &j.path,
                s.channel_loc.or(Some(s.loc)),
                msg,
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testkit::*;

    #[test]
    fn compares_with_prefers_then_the_journal_channel() {
        let doc = "company: A\nrole: R\ndate: 2026-11-02\nchannel: email\ninterviewers:\n  - {name: Ann, prefers: phone}\n  - Bo\nsent:\n  - {kind: thank-you, on: 2026-11-02, channel: email}\n  - {kind: check-in, on: 2026-11-10, to: Bo, channel: phone}\n  - {kind: linkedin, on: 2026-11-03, to: Bo, channel: linkedin}";
        let e = run(&[doc], "2026-11-20");
        let found: Vec<_> = problems_of(&e, "wrong-channel")
            .into_iter()
            .map(|p| (p.1, p.2))
            .collect();
        assert_eq!(
            found,
            vec![
                (
                    Some(10),
                    "thank-you to Ann went by email, but Ann prefers phone".to_string()
                ),
                (
                    Some(11),
                    "check-in to Bo went by phone, but this journal's channel is email".to_string()
                ),
            ]
        );
    }

    // Regression: with `channel: mail` (a handwritten card), a feedback
    // request and a check-in were drafted as cards, and sending them by
    // email was reported as the wrong channel.
    #[test]
    fn a_card_suits_a_thank_you_only_unless_configured() {
        let doc = "company: A\nrole: R\ndate: 2026-11-02\nchannel: mail\ninterviewers:\n  - Bo\n  - {name: Cy, prefers: phone}\ncontact: Bo\nsent:\n  - {kind: thank-you, on: 2026-11-03, to: Bo, channel: email}\n  - {kind: check-in, on: 2026-11-10, to: Bo, channel: email}";
        let e = run(&[doc], "2026-11-12");
        let found: Vec<_> = problems_of(&e, "wrong-channel")
            .into_iter()
            .map(|p| p.2)
            .collect();
        assert_eq!(
            found,
            ["thank-you to Bo went by email, but this journal's channel is mail"]
        );
        let channel = |e: &crate::rules::Evaluation, rule: &str, who: &str| {
            e.actions
                .iter()
                .find(|a| a.rule == rule && a.person.as_deref() == Some(who))
                .and_then(|a| a.channel)
                .map(|c| c.as_str())
        };
        assert_eq!(channel(&e, "check-in", "Bo"), Some("email"));
        assert_eq!(channel(&e, "thank-you", "Cy"), Some("phone"));
        let rejected = format!("{doc}\noutcome: rejected\noutcome_on: 2026-11-11");
        let e = run(&[&rejected], "2026-11-12");
        assert_eq!(channel(&e, "feedback", "Bo"), Some("email"));
        let mut config = crate::config::Config::default();
        config.rules.cards = vec!["thank-you".into(), "check-in".into()];
        let e = run_with(&[doc], "2026-11-12", &config);
        assert_eq!(channel(&e, "check-in", "Bo"), Some("mail"));
        assert_eq!(problems_of(&e, "wrong-channel").len(), 2);
    }
}
