//! The prep sheet of an interview to come: when and how, who you will
//! meet (and what you discussed with those you met before), what earlier
//! rounds taught you, your highlights, the promises you made and whether
//! you kept them, the timeline they gave, what to practise, and the
//! questions you asked before. Pure: the application, the interview and
//! the notes of earlier rounds in; a [`Prep`] (and its Markdown) out.

use chrono::NaiveDate;
use pulldown_cmark::{Event, HeadingLevel, Parser, Tag, TagEnd};
use serde::Serialize;

use crate::journal::model::normalise;
use crate::journal::{Application, Journal};
use crate::time::add_days;

/// Someone you will meet.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Person {
    /// Their name.
    pub name: String,
    /// Their job title, when a journal gives it.
    pub title: Option<String>,
    /// The earlier rounds you met them in: date and stage.
    pub met: Vec<(NaiveDate, Option<String>)>,
    /// What you discussed with them, from every earlier round.
    pub discussed: Vec<String>,
}

/// A promise made in an earlier round.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Promised {
    /// What.
    pub item: String,
    /// To whom.
    pub to: Option<String>,
    /// When it was due.
    pub due: NaiveDate,
    /// Whether you sent it.
    pub kept: bool,
}

/// An earlier round, briefly.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Round {
    /// When.
    pub date: NaiveDate,
    /// Its title ("Screen interview at Hooli").
    pub title: String,
    /// Who you met.
    pub people: Vec<String>,
}

/// The prep sheet of one interview.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Prep {
    /// The interview's title.
    pub title: String,
    /// The company.
    pub company: String,
    /// The role.
    pub role: String,
    /// Its date.
    pub date: NaiveDate,
    /// Its time of day (`HH:MM`), when the journal gives one.
    pub time: Option<String>,
    /// The stage (onsite, final…).
    pub stage: Option<String>,
    /// In person, video, phone…
    pub format: Option<String>,
    /// What you noted for it so far (its journal's body, as written).
    pub notes: String,
    /// Who you will meet.
    pub people: Vec<Person>,
    /// The latest rounds before, at most [`LIST_SHOWN`], oldest first.
    pub rounds: Vec<Round>,
    /// What you learned about them, every round.
    pub learned: Vec<String>,
    /// What you talked about, every round.
    pub discussed: Vec<String>,
    /// Your highlights so far.
    pub highlights: Vec<String>,
    /// Promises made in earlier rounds (those not sent first), at most
    /// [`LIST_SHOWN`].
    pub promised: Vec<Promised>,
    /// How many more promises the earlier rounds hold.
    pub promised_more: usize,
    /// How many more earlier rounds there are than `rounds` lists.
    pub rounds_more: usize,
    /// What they said happens next, in their words.
    pub next_steps: Option<String>,
    /// When they said they would decide.
    pub decision_by: Option<NaiveDate>,
    /// What you struggled with in earlier rounds with them.
    pub struggled: Vec<String>,
    /// The top of your practice list, across every interview.
    pub practice: Vec<String>,
    /// Takeaways of earlier rounds with them.
    pub takeaways: Vec<String>,
    /// The questions you asked in earlier rounds.
    pub questions: Vec<String>,
}

/// Texts once each (ignoring case and spacing), in order.
fn once(items: impl IntoIterator<Item = String>) -> Vec<String> {
    let mut seen = std::collections::HashSet::new();
    items
        .into_iter()
        .filter(|i| seen.insert(normalise(i)))
        .collect()
}

/// How many items a list of a prep sheet shows: a sheet is read in the
/// minutes before an interview, and stays a page whatever the journals hold.
pub const LIST_SHOWN: usize = 12;

/// The first [`LIST_SHOWN`] of `items`, and a last line saying how many
/// more the journals have.
fn capped(mut items: Vec<String>) -> Vec<String> {
    if items.len() > LIST_SHOWN {
        let more = items.len() - LIST_SHOWN;
        items.truncate(LIST_SHOWN);
        items.push(format!("… and {more} more in the earlier rounds' journals"));
    }
    items
}

/// The prep sheet of `interview`, a journal of `app` (dated today or
/// later), with `practice` the top of the practice list and `body` the
/// notes of a journal (read again from its file).
pub fn prep(
    app: &Application<'_>,
    interview: &Journal,
    practice: &[String],
    body: &dyn Fn(&Journal) -> String,
    tz: chrono_tz::Tz,
) -> Prep {
    let day = interview.date.date(tz);
    // Earlier rounds: the interviews before this one.
    let before: Vec<&Journal> = app
        .journals
        .iter()
        .chain(&app.scheduled)
        .copied()
        .filter(|j| j.date.date(tz) < day && j.path != interview.path)
        .collect();
    let people = interview
        .interviewers
        .iter()
        .map(|i| {
            let full = app.interviewer(&i.name);
            let same = |j: &&Journal| {
                j.interviewers.iter().any(|k| {
                    normalise(&app.full_name(&k.name)) == normalise(&app.full_name(&i.name))
                })
            };
            let met: Vec<&Journal> = before.iter().copied().filter(same).collect();
            Person {
                name: app.full_name(&i.name),
                title: i
                    .title
                    .clone()
                    .or_else(|| full.and_then(|f| f.title.clone())),
                met: met
                    .iter()
                    .map(|j| (j.date.date(tz), j.stage.clone()))
                    .collect(),
                discussed: capped(once(met.iter().flat_map(|j| {
                    j.interviewers
                        .iter()
                        .filter(|k| {
                            normalise(&app.full_name(&k.name)) == normalise(&app.full_name(&i.name))
                        })
                        .flat_map(|k| k.discussed.clone())
                }))),
            }
        })
        .collect();
    let mut promised: Vec<Promised> = before
        .iter()
        .flat_map(|j| {
            j.promised.iter().map(|p| Promised {
                item: p.item.clone(),
                to: p.to.clone(),
                due: p.due.unwrap_or_else(|| add_days(j.date.date(tz), 1)),
                kept: p.done.is_some(),
            })
        })
        .collect();
    // What is still owed comes first; a sheet shows a dozen.
    promised.sort_by_key(|p| p.kept);
    let promised_more = promised.len().saturating_sub(LIST_SHOWN);
    promised.truncate(LIST_SHOWN);
    let rounds_more = before.len().saturating_sub(LIST_SHOWN);
    let next_steps = app
        .journals
        .iter()
        .chain(&app.scheduled)
        .rev()
        .find_map(|j| j.next_steps.clone());
    let struggled = once(before.iter().flat_map(|j| j.reflection.struggled.clone()));
    Prep {
        title: interview.display_title(),
        company: app.company.clone(),
        role: app.role.clone(),
        date: day,
        time: interview
            .date
            .has_time()
            .then(|| interview.date.instant(tz).format("%H:%M").to_string()),
        stage: interview.stage.clone(),
        format: interview.format.clone(),
        notes: tidy(&body(interview)),
        people,
        rounds: before[rounds_more..]
            .iter()
            .map(|j| Round {
                date: j.date.date(tz),
                title: j.display_title(),
                people: j
                    .interviewers
                    .iter()
                    .map(|i| app.full_name(&i.name))
                    .collect(),
            })
            .collect(),
        learned: capped(once(before.iter().flat_map(|j| j.learned.clone()))),
        discussed: capped(once(before.iter().flat_map(|j| j.discussed.clone()))),
        highlights: capped(once(before.iter().flat_map(|j| j.highlights.clone()))),
        promised,
        promised_more,
        rounds_more,
        next_steps,
        decision_by: app.decision_by,
        // What the earlier rounds already list is not said twice.
        practice: practice
            .iter()
            .filter(|p| !struggled.iter().any(|s| normalise(s) == normalise(p)))
            .cloned()
            .collect(),
        struggled: capped(struggled),
        takeaways: capped(once(
            before.iter().flat_map(|j| j.reflection.takeaways.clone()),
        )),
        questions: capped(once(before.iter().flat_map(|j| questions_asked(&body(j))))),
    }
}

/// The interviews of `app` a prep sheet is for, soonest first, while the
/// application is open: those dated after today, and today's that give a
/// time of day (a journal dated today without one is most often written
/// after the interview).
pub fn to_come<'a, 'j>(
    app: &'a Application<'j>,
    today: NaiveDate,
    tz: chrono_tz::Tz,
) -> impl Iterator<Item = &'j Journal> + 'a {
    let open = app.is_open();
    app.journals
        .iter()
        .filter(move |j| open && j.date.has_time() && j.date.date(tz) == today)
        .chain(app.scheduled.iter().filter(move |_| open))
        .copied()
}

/// How many items of the practice list a prep sheet shows.
pub const TOP_PRACTICE: usize = 5;

/// The top of the practice list of `journals` (those held by `today`): the
/// [`TOP_PRACTICE`] most frequent struggles, in the list's words.
pub fn top_practice<'a>(journals: impl Iterator<Item = &'a Journal>) -> Vec<String> {
    let items: Vec<super::practice::Item<'_, ()>> = journals
        .flat_map(|j| &j.reflection.struggled)
        .map(|text| super::practice::Item { text, source: () })
        .collect();
    super::practice::group(&items)
        .into_iter()
        .take(TOP_PRACTICE)
        .map(|g| g.label)
        .collect()
}

/// The level of a Markdown heading line (`## x` is 2), if it is one.
fn heading_level(line: &str) -> Option<usize> {
    let hashes = line.len() - line.trim_start_matches('#').len();
    ((1..=6).contains(&hashes) && line[hashes..].starts_with([' ', '\t'])).then_some(hashes)
}

/// A journal's notes as a prep sheet shows them under its own heading:
/// without comments (the template's hints), without headings that have
/// nothing under them, and with the highest heading at level 3, below
/// the sheet's.
pub fn tidy(notes: &str) -> String {
    // Comments out.
    let mut text = String::with_capacity(notes.len());
    let mut rest = notes;
    while let Some(at) = rest.find("<!--") {
        text.push_str(&rest[..at]);
        rest = rest[at..]
            .find("-->")
            .map_or("", |end| &rest[at + end + 3..]);
    }
    text.push_str(rest);
    // Headings with nothing under them out, outside fenced code.
    let mut kept: Vec<(&str, Option<usize>)> = Vec::new();
    let mut pending: Vec<(usize, &str)> = Vec::new();
    let mut fenced = false;
    let blank_last =
        |kept: &Vec<(&str, Option<usize>)>| kept.last().is_none_or(|(l, _)| l.trim().is_empty());
    for line in text.lines() {
        let fence = line.trim_start().starts_with("```") || line.trim_start().starts_with("~~~");
        match heading_level(line).filter(|_| !fenced) {
            Some(level) => {
                while pending.last().is_some_and(|(l, _)| *l >= level) {
                    pending.pop();
                }
                pending.push((level, line));
            }
            None if line.trim().is_empty() && !fenced => {
                if pending.is_empty() && !blank_last(&kept) {
                    kept.push(("", None));
                }
            }
            None => {
                for (level, h) in pending.drain(..) {
                    if !blank_last(&kept) {
                        kept.push(("", None));
                    }
                    kept.push((h, Some(level)));
                    kept.push(("", None));
                }
                kept.push((line, None));
            }
        }
        if fence {
            fenced = !fenced;
        }
    }
    // The highest heading at level 3.
    let top = kept.iter().filter_map(|(_, h)| *h).min().unwrap_or(3);
    let mut out: Vec<String> = kept
        .iter()
        .map(|(l, h)| match h {
            Some(level) if top < 3 => {
                let to = (level + 3 - top).min(6);
                format!("{}{}", "#".repeat(to), &l[*level..])
            }
            _ => l.to_string(),
        })
        .collect();
    while out.last().is_some_and(|l| l.trim().is_empty()) {
        out.pop();
    }
    out.join("\n")
}

/// The list items under a heading about the questions you asked ("Questions
/// I asked", "My questions"), in a journal's notes.
pub fn questions_asked(body: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut heading: Option<(HeadingLevel, String)> = None;
    let mut under: Option<HeadingLevel> = None;
    let mut item: Option<String> = None;
    let mut depth = 0usize;
    for event in Parser::new(body) {
        match event {
            Event::Start(Tag::Heading { level, .. }) => {
                if under.is_some_and(|l| level <= l) {
                    under = None;
                }
                heading = Some((level, String::new()));
            }
            Event::End(TagEnd::Heading(_)) => {
                if let Some((level, text)) = heading.take() {
                    let t = text.to_lowercase();
                    if t.contains("i asked")
                        || t.contains("my questions")
                        || t.contains("questions for them")
                    {
                        under = Some(level);
                    }
                }
            }
            Event::Start(Tag::Item) => {
                depth += 1;
                if under.is_some() && depth == 1 {
                    item = Some(String::new());
                }
            }
            Event::End(TagEnd::Item) => {
                depth = depth.saturating_sub(1);
                if depth == 0
                    && let Some(text) = item.take()
                    && !text.trim().is_empty()
                {
                    out.push(text.trim().to_string());
                }
            }
            Event::Text(t) | Event::Code(t) => {
                if let Some((_, h)) = heading.as_mut() {
                    h.push_str(&t);
                } else if let Some(i) = item.as_mut().filter(|_| depth == 1) {
                    i.push_str(&t);
                }
            }
            Event::SoftBreak | Event::HardBreak => {
                if let Some(i) = item.as_mut().filter(|_| depth == 1) {
                    i.push(' ');
                }
            }
            _ => {}
        }
    }
    out
}

/// The sheet as Markdown, to read in a terminal or print.
pub fn to_markdown(p: &Prep) -> String {
    let mut out = String::new();
    let mut line = |s: String| {
        out.push_str(&s);
        out.push('\n');
    };
    let when = match &p.time {
        Some(t) => format!("{} at {t}", p.date.format("%A %-d %B %Y")),
        None => p.date.format("%A %-d %B %Y").to_string(),
    };
    line(format!("# Prep: {}", p.title));
    line(String::new());
    let mut how = vec![when];
    how.extend(p.format.clone());
    how.extend(p.stage.clone());
    line(format!("{}: {} · {}", p.company, p.role, how.join(" · ")));
    let heading = |title: &str, line: &mut dyn FnMut(String)| {
        line(String::new());
        line(format!("## {title}"));
        line(String::new());
    };
    let list = |title: &str, items: &[String], line: &mut dyn FnMut(String)| {
        if items.is_empty() {
            return;
        }
        heading(title, line);
        for i in items {
            line(format!("- {i}"));
        }
    };
    if !p.people.is_empty() {
        heading("Who you will meet", &mut line);
        for person in &p.people {
            let title = person
                .title
                .as_deref()
                .map_or(String::new(), |t| format!(", {t}"));
            let met = match person.met.as_slice() {
                [] => " (first time)".to_string(),
                met => format!(
                    " (met {})",
                    met.iter()
                        .map(|(d, s)| match s {
                            Some(s) => format!("at the {s} on {d}"),
                            None => format!("on {d}"),
                        })
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            };
            line(format!("- **{}**{title}{met}", person.name));
            for d in &person.discussed {
                line(format!("  - you discussed {d}"));
            }
        }
    }
    if !p.rounds.is_empty() {
        heading("Earlier rounds", &mut line);
        if p.rounds_more > 0 {
            line(format!(
                "- … {} earlier ones, in their journals",
                p.rounds_more
            ));
        }
        for r in &p.rounds {
            let with = if r.people.is_empty() {
                String::new()
            } else {
                format!(", with {}", r.people.join(", "))
            };
            line(format!("- {}: {}{with}", r.date, r.title));
        }
    }
    if p.next_steps.is_some() || p.decision_by.is_some() {
        heading("The timeline they gave", &mut line);
        if let Some(n) = &p.next_steps {
            line(format!("- In their words: {n}"));
        }
        if let Some(d) = p.decision_by {
            line(format!("- A decision by {d}"));
        }
    }
    list("What you learned about them", &p.learned, &mut line);
    list("What you talked about", &p.discussed, &mut line);
    list("Your highlights", &p.highlights, &mut line);
    if !p.promised.is_empty() {
        heading("What you promised", &mut line);
        for pr in &p.promised {
            let to = pr
                .to
                .as_deref()
                .map_or(String::new(), |t| format!(" to {t}"));
            let state = if pr.kept { "sent" } else { "not sent yet" };
            line(format!("- {}{to}, due {}: {state}", pr.item, pr.due));
        }
        if p.promised_more > 0 {
            line(format!(
                "- … and {} more in the earlier rounds' journals",
                p.promised_more
            ));
        }
    }
    list("What was hard in earlier rounds", &p.struggled, &mut line);
    list("The top of your practice list", &p.practice, &mut line);
    list("Your takeaways", &p.takeaways, &mut line);
    list("Questions you asked before", &p.questions, &mut line);
    if !p.notes.is_empty() {
        heading("Your notes for this round", &mut line);
        line(p.notes.clone());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn notes_lose_comments_and_empty_headings_and_sit_below_the_sheet() {
        let template = "\n## Notes\n\n<!-- Who you met, what they asked. -->\n\n## Questions they asked\n\n## Questions I asked\n\n<!--\nAdd your reflection:\n\n## What went well\n-->\n";
        assert_eq!(tidy(template), "");
        assert_eq!(
            tidy(
                "Four hours on site.\n\n# Plan\n\n## Empty\n\n## To prepare\n\n- error budgets\n\n```\n# not a heading\n```\n"
            ),
            "Four hours on site.\n\n### Plan\n\n#### To prepare\n\n- error budgets\n\n```\n# not a heading\n```"
        );
    }

    #[test]
    fn questions_come_from_their_own_heading_only() {
        let body = "## Notes\n\n- not a question\n\n## Questions I asked\n\n- How is on-call shared?\n- What would my first\n  project be?\n  - a nested aside\n\n## What went well\n\n- the design\n";
        assert_eq!(
            questions_asked(body),
            ["How is on-call shared?", "What would my first project be?"]
        );
        assert!(questions_asked("## Questions they asked\n\n- Why us?\n").is_empty());
        assert_eq!(
            questions_asked("### My questions\n1. Team size?\n"),
            ["Team size?"]
        );
    }
}
