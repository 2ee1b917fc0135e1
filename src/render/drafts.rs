//! Ready-to-send drafts (§4): what each draft says, prepared from the
//! journals, then rendered with the theme's `drafts/<rule>.<channel>.txt`
//! (falling back to `drafts/<rule>.txt`).
//!
//! Preparing the data is pure. The wording lives in the theme, not here, so a
//! user can rewrite any draft without touching code. A draft never pretends:
//! without `learned` the templates keep a visible placeholder.

use serde::Serialize;

use super::notes::Note;
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
    "you", "this", "that", "these", "those", "his", "her", "he", "she", "my", "in", "on", "at",
    "for", "with", "about", "most", "some",
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

#[derive(Serialize, Clone)]
struct PersonView {
    name: String,
    first_name: String,
    title: Option<String>,
    email: Option<String>,
    phone: Option<String>,
}

#[derive(Serialize, Clone)]
struct MeView {
    name: String,
    email: Option<String>,
    phone: Option<String>,
}

#[derive(Serialize, Clone)]
struct PromiseView {
    item: String,
    /// The item as your own talking points say it ("your slides" for
    /// "my slides").
    yours: String,
    due: Option<String>,
    done: bool,
    /// Not sent, and its due date is before the day the draft is for: the
    /// draft owns up to it instead of promising the same date again.
    late: bool,
}

/// The promises of a draft joined per state ("the code sample and my
/// slides"), so several make one sentence, not a line each.
#[derive(Serialize, Clone, Default)]
struct PromisesView {
    /// Those already sent.
    sent: Option<String>,
    /// Those past their date, not sent.
    late: Option<String>,
    /// Those still to come, each with its date ("the deck by 19 November").
    coming: Option<String>,
}

impl PromisesView {
    fn of(promised: &[PromiseView]) -> PromisesView {
        let join = |items: Vec<String>| (!items.is_empty()).then(|| and_list(&items));
        PromisesView {
            sent: join(
                promised
                    .iter()
                    .filter(|p| p.done)
                    .map(|p| p.item.clone())
                    .collect(),
            ),
            late: join(
                promised
                    .iter()
                    .filter(|p| !p.done && p.late)
                    .map(|p| p.item.clone())
                    .collect(),
            ),
            coming: join(
                promised
                    .iter()
                    .filter(|p| !p.done && !p.late)
                    .map(|p| match &p.due {
                        Some(d) => format!("{} by {d}", p.item),
                        None => p.item.clone(),
                    })
                    .collect(),
            ),
        }
    }
}

/// "a", "a and b", "a, b and c".
fn and_list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

/// Everything a draft template can use. Documented in the README.
#[derive(Serialize, Clone)]
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
    /// The same, joined into one phrase per state, for one sentence each.
    promises: PromisesView,
    next_steps: Option<String>,
    /// The one specific thing this draft mentions, to follow "I especially
    /// enjoyed …": "our conversation about …" or "hearing that …".
    enjoyed: Option<String>,
    /// The same thing, to follow "I keep thinking back to …".
    recall: Option<String>,
    /// `recall`, when it is short enough for a card (else the card leaves
    /// the sentence out rather than cut it).
    recall_card: Option<String>,
    /// One of your highlights, lower-cased to sit inside a sentence.
    highlight: Option<String>,
    /// Check-ins already sent for this application, and the last one's date.
    earlier_check_ins: usize,
    last_check_in: Option<String>,
    /// The date an offer reply promises an answer by.
    answer_by: String,
    /// For an offer reply written on or after the date they asked for an
    /// answer by (a `decision_by` after the offer came): that date (the
    /// draft owns up to it and asks for time).
    their_date: Option<String>,
    /// The next interview of the application still booked, if any (a
    /// withdrawal asks to cancel it).
    booked: Option<String>,
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

/// Notes speak of the employer in the third person ("their robots", "they
/// ship weekly"); a draft to someone who works there says "you". The
/// company's own name opening a note becomes "your team".
fn to_second_person(text: &str, company: &str) -> String {
    // The company's name, or its first word ("Stark" for Stark Industries).
    let short = company
        .split_whitespace()
        .next()
        .filter(|w| w.chars().count() >= 3);
    let named = [Some(company), short]
        .into_iter()
        .flatten()
        .find_map(|name| {
            text.strip_prefix(name)
                .filter(|rest| !name.is_empty() && !rest.starts_with(char::is_alphanumeric))
        });
    let text = match named {
        Some(rest) => format!("your team{rest}"),
        None => text.to_string(),
    };
    let mut out = String::with_capacity(text.len() + 8);
    let mut word = String::new();
    let flush = |word: &mut String, out: &mut String| {
        let swapped = match word.to_lowercase().as_str() {
            // "them" is as often the things talked about ("moving off
            // them slowly") as the employer: it stays.
            "they" => Some("you"),
            "their" => Some("your"),
            "theirs" => Some("yours"),
            "themselves" => Some("yourselves"),
            _ => None,
        };
        match swapped {
            Some(s) if word.starts_with(char::is_uppercase) => {
                let mut c = s.chars();
                out.extend(c.next().map(|f| f.to_ascii_uppercase()));
                out.push_str(c.as_str());
            }
            Some(s) => out.push_str(s),
            None => out.push_str(word),
        }
        word.clear();
    };
    for c in text.chars() {
        if c.is_alphanumeric() {
            word.push(c);
        } else {
            flush(&mut word, &mut out);
            out.push(c);
        }
    }
    flush(&mut word, &mut out);
    out
}

/// A note made into a fragment that sits inside a sentence: no closing
/// stop, a word written twice in a row once, and a capital first letter
/// lowered when the first word is a common one ("The", "Their", "Led"):
/// a name ("Kafka", "Python", `proper`), an acronym or "I" keeps it.
fn fragment(text: &str, proper: &[&str]) -> String {
    let t = once_each(&clause(text));
    let first = t.split(|c: char| !c.is_alphanumeric()).next().unwrap_or("");
    let lower = first.to_lowercase();
    let common = LOWERABLE.contains(&lower.as_str())
        || VERBS.contains(&lower.as_str())
        || (lower.len() > 4 && lower.ends_with("ed"));
    let name = proper.iter().any(|p| {
        p.split_whitespace()
            .any(|w| w.trim_end_matches("'s").eq_ignore_ascii_case(first))
    });
    if !common || name || first.is_empty() || first.chars().skip(1).any(char::is_uppercase) {
        return t;
    }
    let mut chars = t.chars();
    let head: String = chars
        .next()
        .map(|c| c.to_lowercase().collect())
        .unwrap_or_default();
    head + chars.as_str()
}

/// Verbs a highlight of your work starts with ("Led the migration"),
/// besides those ending in "-ed": lowered inside a sentence.
const VERBS: &[&str] = &[
    "led", "built", "ran", "cut", "grew", "wrote", "drove", "won", "set", "made", "taught",
    "brought", "took", "kept", "held", "found", "met", "sold", "put", "got", "began", "spent",
];

/// `text` with a word written twice in a row ("the the") once.
fn once_each(text: &str) -> String {
    let mut out: Vec<&str> = Vec::new();
    for w in text.split(' ') {
        if out
            .last()
            .is_some_and(|l| !w.is_empty() && l.eq_ignore_ascii_case(w))
        {
            continue;
        }
        out.push(w);
    }
    out.join(" ")
}

/// An item as the object of "send …": with an article when it has none
/// ("code sample" → "the code sample").
fn with_article(item: &str) -> String {
    const DETERMINERS: &[&str] = &[
        "a", "an", "the", "my", "our", "your", "some", "any", "two", "three", "those", "these",
        "this", "that",
    ];
    let first = item.split_whitespace().next().unwrap_or("").to_lowercase();
    if DETERMINERS.contains(&first.as_str()) || item.ends_with('s') && !item.contains(' ') {
        item.to_string()
    } else {
        format!("the {item}")
    }
}

/// `item` as your own notes to yourself say it: "my slides" is "your
/// slides" in talking points.
fn yours(item: &str) -> String {
    match item.split_once(' ') {
        Some((first, rest)) if first.eq_ignore_ascii_case("my") => format!("your {rest}"),
        Some((first, rest)) if first.eq_ignore_ascii_case("our") => format!("your {rest}"),
        _ => item.to_string(),
    }
}

/// Cards are short: a detail longer than this many words is left out of a
/// `mail` draft rather than cut.
const CARD_DETAIL_WORDS: usize = 18;

/// Prepares what the draft for `action` can say, from its journal `j` and
/// application `app`, for sending on `today` (or the due day, if later);
/// dates are shown in `tz`.
pub fn data(
    action: &Action,
    app: &Application<'_>,
    j: &Journal,
    me: &Me,
    tz: chrono_tz::Tz,
    today: chrono::NaiveDate,
) -> DraftData {
    let name = action
        .person
        .clone()
        .unwrap_or_else(|| "Hiring Team".into());
    let known = action.person.as_deref().and_then(|p| app.interviewer(p));
    let person = PersonView {
        first_name: if action.person.is_some() {
            super::notes::greeting(&name)
        } else {
            name.clone()
        },
        name: name.clone(),
        title: known.and_then(|i| i.title.clone()),
        email: known.and_then(|i| i.email.clone()),
        phone: known.and_then(|i| i.phone.clone()),
    };
    let send_on = today.max(action.due);
    // A draft to one person reminds them only of what was promised to them
    // (or to nobody in particular).
    let promised: Vec<PromiseView> = j
        .promised
        .iter()
        .filter(|p| match (&p.to, &action.person) {
            (None, _) => true,
            (Some(to), Some(person)) => same_person(person, to) || same_person(to, person),
            (Some(_), None) => false,
        })
        .map(|p| PromiseView {
            yours: yours(&with_article(&clause(&p.item))),
            item: with_article(&clause(&p.item)),
            due: p.due.map(|d| d.format("%-d %B").to_string()),
            done: p.done.is_some(),
            late: p.done.is_none()
                && p.due
                    .unwrap_or_else(|| crate::time::add_days(j.date.date(tz), 1))
                    < send_on,
        })
        .collect();
    // References are your own people: notes about the employer stay in
    // the third person for them.
    let to_employer = action.rule != "references";
    // The names a fragment may start with, gathered only when a fragment is
    // made: most drafts have none, and a panel may be long.
    let proper = std::cell::LazyCell::new(|| {
        app.journals
            .iter()
            .flat_map(|j| j.interviewers.iter().map(|i| i.name.as_str()))
            .chain([action.company.as_str(), action.role.as_str()])
            .collect::<Vec<&str>>()
    });
    let voice = |text: &str| {
        let t = if to_employer {
            to_second_person(text, &action.company)
        } else {
            text.to_string()
        };
        fragment(&t, &proper)
    };
    // Each person on a panel gets their own detail: their own
    // `discussed`, else the journal's items spread across the panel.
    let seat = action
        .person
        .as_deref()
        .and_then(|p| {
            j.interviewers.iter().position(|i| i.name == p).or_else(|| {
                j.interviewers
                    .iter()
                    .position(|i| same_person(&i.name, p) || same_person(p, &i.name))
            })
        })
        .unwrap_or(0);
    // Everyone of the application: a note naming one of them was written
    // about them, and is not repeated in a letter.
    let people: Vec<&str> = app
        .journals
        .iter()
        .chain(&app.scheduled)
        .flat_map(|j| j.interviewers.iter().map(|i| i.name.as_str()))
        .chain(action.person.as_deref())
        .collect();
    let own = j.interviewer(&name).and_then(|i| {
        i.discussed
            .iter()
            .find(|d| super::notes::from_discussed(d, &people).is_some())
            .cloned()
    });
    let pick = |items: Vec<Note>| {
        let n = items.len().max(1);
        items.into_iter().nth(seat % n)
    };
    // A `discussed` item is written for drafts; a `learned` note only when
    // it reads as something heard from them (see `notes`).
    let topic = |t: &String| super::notes::from_discussed(t, &people).map(Note::Topic);
    let note = own
        .as_ref()
        .and_then(topic)
        .or_else(|| pick(j.discussed.iter().filter_map(topic).collect()))
        .or_else(|| {
            pick(
                j.learned
                    .iter()
                    .filter_map(|l| super::notes::from_learned(l, &people))
                    .collect(),
            )
        });
    // How a note reads after "I especially enjoyed …", after "I keep
    // thinking back to …", and on its own.
    let said = |note: &Note| -> (String, String, String) {
        match note {
            Note::Topic(t) => {
                let t = voice(t);
                (
                    format!("our conversation about {t}"),
                    format!("our conversation about {t}"),
                    t,
                )
            }
            Note::Fact(f) => {
                let f = voice(f);
                (format!("hearing that {f}"), format!("learning that {f}"), f)
            }
        }
    };
    let offer = action.rule == "offer-reply";
    let (enjoyed, recall, detail) = match note.as_ref().filter(|_| !offer).map(said) {
        Some((e, r, d)) => (Some(e), Some(r), Some(d)),
        None => (None, None, None),
    };
    let fits_a_card = |d: &str| d.split_whitespace().count() <= CARD_DETAIL_WORDS;
    // A card or LinkedIn note holds a short detail: the one chosen, or
    // else the first short one of the journal's (a long one is left out
    // whole, never cut).
    let recall_card = match &detail {
        Some(d) if fits_a_card(d) => recall.clone(),
        Some(_) => j
            .discussed
            .iter()
            .filter_map(topic)
            .chain(
                j.learned
                    .iter()
                    .filter_map(|l| super::notes::from_learned(l, &people)),
            )
            .map(|n| said(&n))
            .find(|(_, _, d)| fits_a_card(d))
            .map(|(_, r, _)| r),
        None => None,
    };
    let learned: Vec<String> = j.learned.iter().map(|l| clause(l)).collect();
    // The check-ins of the cadence running now: since the latest interview
    // or reply (a reply answered the ones before it).
    let base = app
        .latest()
        .map(|l| l.date.date(tz))
        .into_iter()
        .chain(app.replies().map(|r| r.on))
        .max();
    let check_ins: Vec<chrono::NaiveDate> = app
        .journals
        .iter()
        .flat_map(|j| &j.sent)
        .filter(|s| s.kind == crate::journal::model::Kind::CheckIn)
        .map(|s| s.on.date(tz))
        .filter(|d| base.is_none_or(|b| *d >= b))
        .collect();
    let answer_by = crate::rules::offer_reply::answer_by(j.decision_by, send_on);
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
        interview: crate::journal::model::interview_name(j.stage.as_deref()),
        date: j.date.date(tz).format("%-d %B").to_string(),
        learned_short: learned.first().map(|l| short(l, 90)).unwrap_or_default(),
        learned,
        highlights: j.highlights.iter().map(|h| clause(h)).collect(),
        highlight: j
            .highlights
            .iter()
            .find_map(|h| super::notes::from_highlight(h))
            .map(|h| fragment(&h, &proper)),
        promises: PromisesView::of(&promised),
        promised,
        // What happens next, when it reads as what they said.
        next_steps: j
            .next_steps
            .as_deref()
            .and_then(|n| super::notes::from_next_steps(n, &people))
            .map(|n| voice(&n)),
        enjoyed,
        recall,
        recall_card,
        earlier_check_ins: check_ins.len(),
        last_check_in: check_ins
            .iter()
            .max()
            .map(|d| d.format("%-d %B").to_string()),
        answer_by: answer_by.format("%A %-d %B").to_string(),
        // A `decision_by` after the offer came is when they want the
        // answer; one on or before it was when they would decide.
        their_date: j
            .decision_by
            .filter(|d| *d <= send_on && Some(*d) > j.outcome_on.or(Some(j.date.date(tz))))
            .map(|d| d.format("%A %-d %B").to_string()),
        booked: app
            .scheduled
            .first()
            .map(|b| b.date.date(tz).format("%A %-d %B").to_string()),
    }
}

/// Renders `data` with the theme's template for its rule and channel.
pub fn render(tera: &tera::Tera, data: &DraftData) -> Result<Draft, ThemeError> {
    // A card holds about 90 words and a LinkedIn note 300 characters: what
    // does not fit is left out a whole sentence at a time, the detail
    // first, then the promises, then the stage.
    let fits = |d: &Draft| match d.channel {
        Channel::Linkedin => d.body.trim_end().chars().count() <= LINKEDIN_CHARS,
        Channel::Mail => d.body.split_whitespace().count() <= CARD_WORDS,
        _ => true,
    };
    let mut draft = render_once(tera, data)?;
    let mut lighter = data.clone();
    for step in 0..3 {
        if fits(&draft) {
            return Ok(draft);
        }
        match step {
            0 => lighter.recall_card = None,
            1 => lighter.promised.clear(),
            _ => lighter.interview = "interview".into(),
        }
        draft = render_once(tera, &lighter)?;
    }
    if draft.channel == Channel::Linkedin && !fits(&draft) {
        // Long names alone: cut at a word, never past the limit.
        draft.body = short(draft.body.trim_end(), LINKEDIN_CHARS);
    }
    Ok(draft)
}

/// How many characters a LinkedIn note may have.
const LINKEDIN_CHARS: usize = 300;

/// How many words a handwritten card holds.
const CARD_WORDS: usize = 90;

/// `data` rendered with its template, as it is.
fn render_once(tera: &tera::Tera, data: &DraftData) -> Result<Draft, ThemeError> {
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
        // A sentence left out mid-paragraph leaves two spaces behind.
        let indent = line.len() - line.trim_start().len();
        let mut joined = line[..indent].to_string();
        for (i, word) in line[indent..]
            .split(' ')
            .filter(|w| !w.is_empty())
            .enumerate()
        {
            if i > 0 {
                joined.push(' ');
            }
            joined.push_str(word);
        }
        let line = joined.as_str();
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
        let draft = render(
            tera,
            &data(action, app, j, &ctx.config.me, ctx.tz, ctx.today),
        )?;
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
        assert_eq!(tidy("One.  Two.\n  - three"), "One. Two.\n  - three\n");
    }

    // Regression: notes speak of the employer and of people in the third
    // person; drafts sent to them read "your", never their own name.
    #[test]
    fn notes_are_turned_to_the_reader() {
        assert_eq!(
            to_second_person("Their robots restock the warehouse; they love it", "Acme"),
            "Your robots restock the warehouse; you love it"
        );
        assert_eq!(
            to_second_person("Acme ships weekly", "Acme"),
            "your team ships weekly"
        );
        assert_eq!(
            to_second_person("Acmeville is near", "Acme"),
            "Acmeville is near"
        );
        // Found by a trial: "them" is often the things, not the people.
        assert_eq!(
            to_second_person(
                "Hooli runs its own data centres and is moving off them slowly.",
                "Hooli"
            ),
            "your team runs its own data centres and is moving off them slowly."
        );
        assert_eq!(
            to_second_person("Stark retrains its models nightly", "Stark Industries"),
            "your team retrains its models nightly"
        );
    }

    #[test]
    fn fragments_start_lower_case_unless_a_name_or_acronym() {
        let proper = ["Ellen Park", "Northwind"];
        assert_eq!(
            fragment("Cut model-serving latency.", &proper),
            "cut model-serving latency"
        );
        assert_eq!(
            fragment("Ellen's team owns SLOs", &proper),
            "Ellen's team owns SLOs"
        );
        assert_eq!(fragment("AWS costs doubled!", &proper), "AWS costs doubled");
        assert_eq!(
            fragment("Northwind ships weekly", &proper),
            "Northwind ships weekly"
        );
        // A name keeps its capital; a common first word, "you" and a verb
        // of your highlights do not; "I" does.
        assert_eq!(
            fragment("Python is the main language", &proper),
            "Python is the main language"
        );
        assert_eq!(
            fragment("You are moving to Snowflake.", &proper),
            "you are moving to Snowflake"
        );
        assert_eq!(
            fragment("Led the the migration", &proper),
            "led the migration"
        );
        assert_eq!(fragment("Shipped a new API", &proper), "shipped a new API");
        assert_eq!(fragment("I led the team", &proper), "I led the team");
    }

    #[test]
    fn items_get_an_article() {
        assert_eq!(with_article("code sample"), "the code sample");
        assert_eq!(with_article("the design notes"), "the design notes");
        assert_eq!(with_article("two references"), "two references");
        assert_eq!(with_article("references"), "references");
    }
}
