//! Ready-to-send drafts (§4): what each draft says, prepared from the
//! journals, then rendered with the theme's `drafts/<rule>.<channel>.txt`
//! (falling back to `drafts/<rule>.txt`).
//!
//! Preparing the data is pure. The wording lives in the theme, not here, so a
//! user can rewrite any draft without touching code. A draft never pretends:
//! without `learned` the templates keep a visible placeholder.

use serde::Serialize;

use super::theme::{ThemeError, error_chain};
use crate::config::Me;
use crate::journal::Application;
use crate::journal::model::{Channel, Journal, same_person};
use crate::rules::Action;

/// The visible placeholder a draft keeps when there is nothing specific to say.
pub const PLACEHOLDER: &str = "[add something specific you discussed]";

/// Words that may start a `learned` item and read fine in lower case
/// mid-sentence; anything else (a name, an acronym) keeps its capital.
const LOWERABLE: &[&str] = &[
    "the", "their", "they", "there", "our", "a", "an", "its", "it", "how", "what", "we", "your",
    "this", "that", "these", "those", "his", "her", "he", "she", "my", "in", "on", "at", "for",
    "with", "about", "most", "some",
];

/// A rendered draft.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Draft {
    /// The rule of the action it answers.
    pub rule: &'static str,
    /// The channel it is written for.
    pub channel: Channel,
    /// The subject line (email drafts).
    pub subject: Option<String>,
    /// The text to send or say.
    pub body: String,
}

#[derive(Serialize)]
struct PersonView {
    name: String,
    first_name: String,
    title: Option<String>,
    email: Option<String>,
    phone: Option<String>,
}

#[derive(Serialize)]
struct MeView {
    name: String,
    email: Option<String>,
    phone: Option<String>,
}

#[derive(Serialize)]
struct PromiseView {
    item: String,
    due: Option<String>,
    done: bool,
}

/// Everything a draft template can use. Documented in the README.
#[derive(Serialize)]
pub struct DraftData {
    rule: &'static str,
    channel: &'static str,
    person: PersonView,
    me: MeView,
    company: String,
    role: String,
    stage: Option<String>,
    interview: String,
    date: String,
    learned: Vec<String>,
    learned_short: String,
    highlights: Vec<String>,
    promised: Vec<PromiseView>,
    next_steps: Option<String>,
}

/// Text as a clause to continue a sentence: no closing full stop, and a
/// leading "The"/"Their"/… in lower case.
pub fn clause(text: &str) -> String {
    let t = text
        .trim()
        .trim_end_matches(['.', '!', '?', ';', ':', ','])
        .trim_end();
    let first = t.split_whitespace().next().unwrap_or("");
    let rest_lower = first.chars().skip(1).all(|c| !c.is_uppercase());
    if rest_lower && LOWERABLE.contains(&first.to_lowercase().as_str()) {
        let mut chars = t.chars();
        let head: String = chars
            .next()
            .map(|c| c.to_lowercase().collect())
            .unwrap_or_default();
        return head + chars.as_str();
    }
    t.to_string()
}

/// At most `max` characters, cut at a word boundary, with an ellipsis.
fn short(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let mut out = String::new();
    for word in text.split_whitespace() {
        if out.chars().count() + word.chars().count() + 1 > max.saturating_sub(1) {
            break;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out.push('…');
    out
}

/// Prepares what the draft for `action` can say, from its journal `j` and
/// application `app`; dates are shown in `tz`.
pub fn data(
    action: &Action,
    app: &Application<'_>,
    j: &Journal,
    me: &Me,
    tz: chrono_tz::Tz,
) -> DraftData {
    let name = action
        .person
        .clone()
        .unwrap_or_else(|| "Hiring Team".into());
    let known = action.person.as_deref().and_then(|p| app.interviewer(p));
    let person = PersonView {
        first_name: if action.person.is_some() {
            name.split_whitespace().next().unwrap_or(&name).to_string()
        } else {
            name.clone()
        },
        name,
        title: known.and_then(|i| i.title.clone()),
        email: known.and_then(|i| i.email.clone()),
        phone: known.and_then(|i| i.phone.clone()),
    };
    // A draft to one person reminds them only of what was promised to them
    // (or to nobody in particular).
    let promised = j
        .promised
        .iter()
        .filter(|p| match (&p.to, &action.person) {
            (None, _) => true,
            (Some(to), Some(person)) => same_person(person, to) || same_person(to, person),
            (Some(_), None) => false,
        })
        .map(|p| PromiseView {
            item: clause(&p.item),
            due: p.due.map(|d| d.format("%-d %B").to_string()),
            done: p.done.is_some(),
        })
        .collect();
    let learned: Vec<String> = j.learned.iter().map(|l| clause(l)).collect();
    DraftData {
        rule: action.rule,
        channel: action.channel.unwrap_or(Channel::Email).as_str(),
        person,
        me: MeView {
            name: me.name.clone().unwrap_or_else(|| "[your name]".into()),
            email: me.email.clone(),
            phone: me.phone.clone(),
        },
        company: action.company.clone(),
        role: action.role.clone(),
        stage: j.stage.clone(),
        interview: match &j.stage {
            Some(s) => format!("{s} interview"),
            None => "interview".into(),
        },
        date: j.date.date(tz).format("%-d %B").to_string(),
        learned_short: learned.first().map(|l| short(l, 90)).unwrap_or_default(),
        learned,
        highlights: j.highlights.iter().map(|h| clause(h)).collect(),
        promised,
        next_steps: j.next_steps.as_deref().map(clause),
    }
}

/// Renders `data` with the theme's template for its rule and channel.
pub fn render(tera: &tera::Tera, data: &DraftData) -> Result<Draft, ThemeError> {
    let specific = format!("drafts/{}.{}.txt", data.rule, data.channel);
    let name = if tera.contains_template(&specific) {
        specific
    } else {
        format!("drafts/{}.txt", data.rule)
    };
    let context = tera::Context::from_serialize(data).map_err(|e| ThemeError(error_chain(&e)))?;
    let text = super::theme::render(tera, &name, &context)?;
    let text = tidy(&text);
    let (subject, body) = match text.strip_prefix("Subject:") {
        Some(rest) => {
            let (line, body) = rest.split_once('\n').unwrap_or((rest, ""));
            (
                Some(line.trim().to_string()),
                body.trim_start_matches('\n').to_string(),
            )
        }
        None => (None, text),
    };
    let channel = Channel::ALL
        .into_iter()
        .find(|c| c.as_str() == data.channel)
        .unwrap_or(Channel::Email);
    Ok(Draft {
        rule: data.rule,
        channel,
        subject,
        body,
    })
}

/// Trailing spaces off every line, at most one blank line in a row, one
/// final newline: templates stay readable without whitespace tricks.
fn tidy(text: &str) -> String {
    let mut out = String::new();
    let mut blank = 0;
    for line in text.trim().lines() {
        let line = line.trim_end();
        if line.is_empty() {
            blank += 1;
            if blank > 1 {
                continue;
            }
        } else {
            blank = 0;
        }
        out.push_str(line);
        out.push('\n');
    }
    out
}

/// The drafts of the open actions whose journal is `journal` (a path relative
/// to the repository root), optionally only of one rule or for one person.
pub fn for_journal(
    journals: &[Journal],
    actions: &[Action],
    ctx: &crate::rules::Ctx<'_>,
    tera: &tera::Tera,
    journal: &str,
    rule: Option<&str>,
    to: Option<&str>,
) -> Result<Vec<(Action, Draft)>, ThemeError> {
    let apps = crate::journal::application::group(journals, ctx.today, ctx.tz);
    let mut out = Vec::new();
    for action in actions.iter().filter(|a| a.draft && a.journal == journal) {
        if rule.is_some_and(|r| r != action.rule) {
            continue;
        }
        if let Some(to) = to {
            let matches = action
                .person
                .as_deref()
                .is_some_and(|p| same_person(p, to) || same_person(to, p));
            if !matches {
                continue;
            }
        }
        let key = crate::journal::application::key(&action.company, &action.role);
        let (Some(app), Some(j)) = (
            apps.iter().find(|a| a.key == key),
            journals.iter().find(|j| j.path == journal),
        ) else {
            continue;
        };
        let draft = render(tera, &data(action, app, j, &ctx.config.me, ctx.tz))?;
        out.push((action.clone(), draft));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clauses_continue_a_sentence() {
        assert_eq!(
            clause("Their models retrain nightly."),
            "their models retrain nightly"
        );
        assert_eq!(
            clause("Happy's team owns the feature store"),
            "Happy's team owns the feature store"
        );
        assert_eq!(clause("AWS costs doubled!"), "AWS costs doubled");
        assert_eq!(clause("  The API is new  "), "the API is new");
    }

    #[test]
    fn short_cuts_at_a_word() {
        assert_eq!(short("one two three", 20), "one two three");
        assert_eq!(short("one two three four", 12), "one two…");
    }

    #[test]
    fn tidy_keeps_one_blank_line() {
        assert_eq!(tidy("\n\nHi  \n\n\n\nBye\n\n"), "Hi\n\nBye\n");
    }
}
