//! `wrong-channel`: a follow-up sent another way than the person asked for.

use super::{Check, Ctx, Rule};
use crate::diagnostics::{Problem, Severity};
use crate::journal::Application;
use crate::journal::model::{Channel, Kind};

/// The rule.
pub const RULE: Rule = Rule {
    id: "wrong-channel",
    reason: "follow up the way each person asked to be contacted; if they said email, do not call",
    severity: Severity::Warning,
    draft: false,
    off_weekends: false,
    check: Check::Problems(problems),
};

fn problems(app: &Application<'_>, _ctx: &Ctx<'_>, out: &mut Vec<Problem>) {
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
                    i.prefers.unwrap_or(j.channel),
                    i.prefers.is_some(),
                ));
            }
            if j.interviewers.is_empty() {
                expected.push(("them".into(), j.channel, false));
            }
        } else {
            for name in &s.to {
                let prefers = app.interviewer(name).and_then(|i| i.prefers);
                expected.push((
                    name.clone(),
                    prefers.unwrap_or(j.channel),
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
}
