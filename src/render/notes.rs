//! Which of your notes may go into a letter, and how a person is greeted.
//!
//! `learned` and `next_steps` are written for yourself: "Sam said they are
//! moving to Snowflake", "salary band 120-140k; I was vague about equity",
//! "the interviewer seemed bored". A draft quotes a note only when it reads
//! as something you heard from the person you write to: no one named, no
//! "I"/"he"/"she", no judgement or money, no shorthand. A reporting lead
//! ("I learned that", "Sam mentioned") is taken off first; "we discussed X"
//! is a topic. Anything else stays out, and the draft keeps its visible
//! placeholder rather than say something its sender would not.

/// What a note can be in a letter.
#[derive(Debug, PartialEq, Eq)]
pub enum Note {
    /// Something heard: continues "I especially enjoyed hearing that …".
    Fact(String),
    /// Something talked about: continues "our conversation about …".
    Topic(String),
}

/// Words that make a note private: your own voice, someone else's, money,
/// judgement, hearsay.
const PRIVATE: &[&str] = &[
    // Your voice, or a third person's.
    "i",
    "i'm",
    "i've",
    "i'd",
    "i'll",
    "me",
    "my",
    "mine",
    "myself",
    "you",
    "your",
    "yours",
    "he",
    "she",
    "him",
    "her",
    "his",
    "hers",
    "we",
    "us",
    "our",
    "ours",
    // Money.
    "salary",
    "salaries",
    "pay",
    "paid",
    "compensation",
    "comp",
    "equity",
    "bonus",
    "band",
    "stock",
    "offer",
    "budget",
    // Hearsay and guesses.
    "glassdoor",
    "blind",
    "reddit",
    "rumor",
    "rumour",
    "rumours",
    "rumors",
    "gossip",
    "according",
    "apparently",
    "probably",
    "maybe",
    "think",
    "thought",
    "felt",
    "feel",
    "guess",
    "seemed",
    "seems",
    "seem",
    // Shorthand a letter does not use.
    "tbh",
    "imo",
    "imho",
    "lol",
    "btw",
    "fyi",
    "eow",
    "eod",
    "asap",
    "tbd",
    "tbc",
    "etc",
    // Reported speech and people by role: whose words these are is unclear.
    "interviewer",
    "interviewers",
    "recruiter",
    "said",
    "mentioned",
    "told",
    // Funding and job-ad text.
    "funding",
    "raised",
    "valuation",
    "revenue",
    "series",
    "required",
    "requirements",
    "responsibilities",
    "qualifications",
    // Judgement.
    "jerk",
    "mess",
    "bored",
    "boring",
    "rude",
    "toxic",
    "weak",
    "bad",
    "awful",
    "terrible",
    "hate",
    "hated",
    "annoying",
    "annoyed",
    "arrogant",
    "stupid",
    "dumb",
    "lazy",
    "chaotic",
    "disorganized",
    "disorganised",
    "messy",
    "worried",
    "worry",
    "concern",
    "concerned",
    "concerning",
    "vague",
    "nervous",
    "weird",
    "sketchy",
    "unprofessional",
    "distracted",
    "rushed",
    "desperate",
    "lowball",
    "underpaid",
    "overworked",
    "burnout",
    "turnover",
    "politics",
    "drama",
    "struggle",
    "struggles",
    "struggling",
    "problem",
    "problems",
    "complained",
    "complain",
    "layoff",
    "layoffs",
    "fired",
    "quit",
    "quitting",
    "leaving",
    "late",
    "rambled",
    "awkward",
    "unclear",
];

/// Leads that report a fact; what follows is the fact.
const REPORTED: &[&str] = &[
    "turns out that",
    "turns out",
    "it turns out that",
    "it turns out",
    "i learned that",
    "i learned",
    "learned that",
    "learned",
    "i heard that",
    "i heard",
    "heard that",
    "heard",
    "they told me that",
    "they told me",
    "they said that",
    "they said",
    "they mentioned that",
    "they mentioned",
];

/// Leads that name a topic; what follows is the topic.
const TOPICS: &[&str] = &[
    "we discussed",
    "discussed",
    "we talked about",
    "talked about",
    "we spoke about",
    "spoke about",
    "we covered",
    "covered",
];

/// Verbs with which a named person reports something ("Sam mentioned …").
const SAID: &[&str] = &[
    "said",
    "mentioned",
    "explained",
    "told me",
    "shared",
    "noted",
];

/// The words of `text`, lower case, apostrophes kept ("i'm").
fn words(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’')
        .filter(|w| !w.is_empty())
        .map(|w| w.replace('’', "'").to_lowercase())
}

/// `text` without `lead` (a phrase of whole words, any case), if it
/// starts with it.
fn strip_lead<'a>(text: &'a str, lead: &str) -> Option<&'a str> {
    let head = text.get(..lead.len())?;
    let rest = &text[lead.len()..];
    (head.eq_ignore_ascii_case(lead) && rest.starts_with(char::is_whitespace))
        .then(|| rest.trim_start())
}

/// `text` without a "Sam mentioned (that)" lead naming one of `people`.
fn strip_named<'a>(text: &'a str, people: &[&str]) -> Option<&'a str> {
    let mut names: Vec<&str> = people
        .iter()
        .flat_map(|p| {
            // "Dr. Sam Rivera said", "Sam said".
            let first = crate::journal::model::name_words(p).first().copied();
            std::iter::once(p.trim()).chain(first)
        })
        .filter(|n| !n.is_empty())
        .collect();
    // The longest first: "Sam Rivera said" before "Sam".
    names.sort_by_key(|n| std::cmp::Reverse(n.len()));
    names.iter().find_map(|name| {
        let rest = strip_lead(text, name)?;
        SAID.iter().find_map(|said| {
            let rest = strip_lead(rest, said)?;
            Some(strip_lead(rest, "that").unwrap_or(rest))
        })
    })
}

/// Whether `text` names one of `people` (a first name, or another part
/// of a name of three letters or more).
pub fn names_anyone(text: &str, people: &[&str]) -> bool {
    let said: Vec<String> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    people.iter().any(|p| {
        crate::journal::model::name_words(p)
            .iter()
            .flat_map(|w| w.split(|c: char| !c.is_alphanumeric()))
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .enumerate()
            .filter(|(i, n)| *i == 0 || n.chars().count() >= 3)
            .any(|(_, n)| said.contains(&n))
    })
}

/// Whether `text` can be said to someone at the employer as it is: no
/// one named, nothing private, no shorthand, no aside.
fn sayable(text: &str, people: &[&str]) -> bool {
    let text = text.trim().trim_end_matches(['.', '!']);
    let lower = text.to_lowercase();
    let shorthand = text.contains([
        ';', ':', '?', '!', '$', '€', '£', '=', '>', '<', '|', '+', '/', '—', '–', '(', '[',
    ]) || text.contains("--")
        || text.contains(" - ")
        || lower.contains("red flag")
        || words(text).any(|w| {
            // "120k", "40M", "2bn": figures of money.
            let digits = w.chars().take_while(char::is_ascii_digit).count();
            digits > 0 && matches!(&w[digits..], "k" | "m" | "b" | "bn" | "mm")
        });
    // "you'll", "I'm": the word before the apostrophe says whose voice.
    let private = words(text).any(|w| {
        let stem = w.split('\'').next().unwrap_or(&w);
        PRIVATE.contains(&w.as_str()) || PRIVATE.contains(&stem)
    });
    !text.is_empty() && !shorthand && !private && !shouting(text) && !names_anyone(text, people)
}

/// Words a fact heard from them may start with, besides a capitalised
/// one (a name, or the start of a sentence): a fact in shorthand ("team
/// of 6", "uses Go heavily") starts with none of them.
const SUBJECTS: &[&str] = &[
    "the", "they", "their", "a", "an", "this", "that", "these", "those", "it", "its", "there",
    "every", "each", "most", "many", "some", "all", "both", "one", "two", "three", "several",
];

/// A `learned` note as a letter may use it, or `None` when it must stay
/// private. `people` are everyone of the application, by name.
pub fn from_learned(note: &str, people: &[&str]) -> Option<Note> {
    let note = note.trim();
    if TOPICS.iter().any(|lead| strip_lead(note, lead).is_some()) {
        // "we discussed their migration": a topic.
        return from_discussed(note, people).map(Note::Topic);
    }
    let fact = REPORTED
        .iter()
        .find_map(|lead| strip_lead(note, lead))
        .or_else(|| strip_named(note, people))
        .unwrap_or(note);
    let fact = strip_lead(fact, "that").unwrap_or(fact);
    let first = fact.split_whitespace().next().unwrap_or("");
    let subject =
        first.starts_with(char::is_uppercase) || SUBJECTS.contains(&first.to_lowercase().as_str());
    (subject && sayable(fact, people)).then(|| Note::Fact(fact.to_string()))
}

/// A `discussed` item (a topic, to follow "our conversation about …") as
/// a letter may use it, or `None`: what was written about a person, in
/// your own voice, or as a judgement stays out, as for `learned`.
pub fn from_discussed(item: &str, people: &[&str]) -> Option<String> {
    let item = item.trim();
    let topic = TOPICS
        .iter()
        .find_map(|lead| strip_lead(item, lead))
        .unwrap_or(item);
    sayable(&theirs_as_any(topic), people).then(|| topic.to_string())
}

/// `text` with the employer's own words ("their", "they") as any other:
/// the draft turns them to "your" and "you".
fn theirs_as_any(text: &str) -> String {
    text.split_whitespace()
        .map(|w| match w.to_lowercase().as_str() {
            "their" | "theirs" | "they" => "x",
            _ => w,
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// A `next_steps` note as a check-in may recall it ("when we spoke, you
/// mentioned …"), or `None`: a note of a few words ("waiting on them") or
/// a private one stays out.
pub fn from_next_steps(note: &str, people: &[&str]) -> Option<String> {
    let note = note.trim();
    let note = strip_named(note, people).unwrap_or(note);
    let long_enough = words(note).count() >= 3;
    let lower: Vec<String> = words(note).collect();
    let theirs = lower.iter().any(|w| w == "them" || w == "recruiter");
    (long_enough && !theirs && sayable(note, people)).then(|| note.to_string())
}

/// One of your highlights as a letter may quote it ("It connected with my
/// own work (…)"), or `None`: shorthand ("@ prev job"), shouting, an aside
/// in brackets or a note to yourself stays out. Emoji are left out.
pub fn from_highlight(text: &str) -> Option<String> {
    let plain: String = text
        .chars()
        .filter(|c| {
            c.is_alphanumeric()
                || c.is_whitespace()
                || c.is_ascii_punctuation()
                || "’–—£€%".contains(*c)
        })
        .collect();
    let plain = plain.split_whitespace().collect::<Vec<_>>().join(" ");
    let lower = plain.to_lowercase();
    let aside = plain.contains(['@', '(', '[', ';', '|', '='])
        || ["tbh", "imo", "prev ", "w/", "etc"]
            .iter()
            .any(|s| lower.contains(s));
    (!plain.is_empty() && !aside && !shouting(&plain)).then_some(plain)
}

/// Whether `text` is written in capitals: words of four letters or more
/// all in capitals, more than one of them.
fn shouting(text: &str) -> bool {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| {
            w.chars().count() >= 4 && w.chars().all(|c| c.is_uppercase() || c.is_ascii_digit())
        })
        .filter(|w| w.chars().any(char::is_alphabetic))
        .count()
        > 1
}

/// How a letter greets `name`: the first name; a title with the surname
/// ("Dr. Smith", "Ms. Van der Berg"), or with the first name for "Sir"
/// and "Dame"; the part after the comma of "Smith, John".
pub fn greeting(name: &str) -> String {
    use crate::journal::model::{is_honorific, name_words};
    let name = name.trim();
    let title = name
        .split_whitespace()
        .next()
        .filter(|w| is_honorific(w) && name.split_whitespace().count() > 1);
    let words = name_words(name);
    let Some(first) = words.first() else {
        return String::new();
    };
    match title {
        Some(t)
            if matches!(
                t.trim_end_matches('.').to_lowercase().as_str(),
                "sir" | "dame"
            ) =>
        {
            format!("{t} {first}")
        }
        Some(t) if words.len() > 1 => format!("{t} {}", words[1..].join(" ")),
        Some(t) => format!("{t} {first}"),
        None => first.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PEOPLE: &[&str] = &["Sam Rivera", "Maria Lopez", "John Smith"];

    fn fact(s: &str) -> Option<Note> {
        Some(Note::Fact(s.to_string()))
    }

    #[test]
    fn private_notes_stay_out_of_letters() {
        for note in [
            "the interviewer seemed bored and checked their phone a lot",
            "salary band is 120-140k; I was vague about equity",
            "their CEO is a jerk according to Glassdoor",
            "he said the role reports to the CTO",
            "team uses dbt heavily; on-call is 1 week in 6",
            "Maria said she is leaving the company next month, so John will own hiring.",
            "They struggle with flaky CI and I think their test culture is weak.",
            "I was nervous during the system design part",
            "They're rewriting the app in Flutter — big risk IMO",
            "The interviewer mentioned they use Go.",
            "The team lead said they value testing.",
            "You'll be working with the payments team.",
            "They're on Series B, raised 40M.",
            "5+ years of experience with C++ or Rust required.",
            "team of 6, 2 open reqs",
            "brand refresh planned for summer",
        ] {
            assert_eq!(from_learned(note, PEOPLE), None, "{note}");
        }
    }

    #[test]
    fn reporting_leads_are_taken_off() {
        assert_eq!(
            from_learned(
                "I learned that the team is hiring three more engineers.",
                PEOPLE
            ),
            fact("the team is hiring three more engineers.")
        );
        assert_eq!(
            from_learned(
                "Sam mentioned they are moving to Snowflake next year.",
                PEOPLE
            ),
            fact("they are moving to Snowflake next year.")
        );
        assert_eq!(
            from_learned("we discussed their migration to Kafka", PEOPLE),
            Some(Note::Topic("their migration to Kafka".into()))
        );
        assert_eq!(
            from_learned("The platform team ships twice a day", PEOPLE),
            fact("The platform team ships twice a day")
        );
        assert_eq!(
            from_learned("Turns out they use Go.", PEOPLE),
            fact("they use Go.")
        );
        assert_eq!(
            from_learned(
                "The team ships several times a day behind feature flags.",
                PEOPLE
            ),
            fact("The team ships several times a day behind feature flags.")
        );
    }

    #[test]
    fn discussed_topics_are_judged_as_notes_are() {
        let people = &["Dana Ruiz", "Bo Chen"];
        for item in [
            "Dana's team and how she runs standups",
            "their awful legacy code",
            "he asked about my gaps in employment",
            "my salary expectations (asked for 140k)",
            "Is the role hybrid?",
            "their Terraform modules — which are a bit of a mess tbh",
            "I told him about my best paper-sales quarter",
        ] {
            assert_eq!(from_discussed(item, people), None, "{item}");
        }
        assert_eq!(
            from_discussed(
                "we discussed their plan to win back the county schools",
                people
            ),
            Some("their plan to win back the county schools".into())
        );
        assert_eq!(
            from_discussed("the migration to Kubernetes!", people),
            Some("the migration to Kubernetes!".into())
        );
    }

    #[test]
    fn next_steps_are_recalled_only_when_they_read_as_said() {
        assert_eq!(
            from_next_steps("An onsite on the 26th.", PEOPLE),
            Some("An onsite on the 26th.".into())
        );
        let jo = &["Ms. Jo-Ann Van der Berg"];
        assert_eq!(from_next_steps("Jo-Ann to revert by EOW.", jo), None);
        for note in [
            "recruiter said: decision in 2 weeks, I should not follow up before",
            "waiting on them",
            "i need to send references first",
        ] {
            assert_eq!(from_next_steps(note, PEOPLE), None, "{note}");
        }
    }

    #[test]
    fn a_person_is_named_by_first_name_or_a_longer_part() {
        assert!(names_anyone(
            "Ellen wants SLOs for every service.",
            &["Ellen Park"]
        ));
        assert!(names_anyone("a talk with Park's team", &["Ellen Park"]));
        assert!(!names_anyone("Ellenborough Road", &["Ellen Park"]));
        assert!(names_anyone("an API for Al", &["Al Wu"]));
        assert!(!names_anyone("we use Wu-style kernels", &["Al Wu"]));
    }

    #[test]
    fn highlights_are_quoted_when_they_read_as_written_for_others() {
        assert_eq!(
            from_highlight("Grew the newsletter to 45k subscribers in 18 months 📈"),
            Some("Grew the newsletter to 45k subscribers in 18 months".into())
        );
        for note in [
            "led kafka migration @ prev job",
            "cut freight costs by £2.4m (18%) in 2024",
            "SHIPPED THE WHOLE BILLING REWRITE ALONE",
        ] {
            assert_eq!(from_highlight(note), None, "{note}");
        }
        assert!(from_learned("They HAVE NO AUTOMATED TESTS AT ALL", PEOPLE).is_none());
    }

    #[test]
    fn greetings_use_the_name_a_letter_would() {
        for (name, hi) in [
            ("Jane Smith", "Jane"),
            ("Dr. Jane Smith", "Dr. Smith"),
            ("Prof. Alan Turing", "Prof. Turing"),
            ("Smith, John", "John"),
            ("Ms Lee", "Ms Lee"),
            ("Priya", "Priya"),
            ("Ms. Jo-Ann Van der Berg", "Ms. Van der Berg"),
            ("Sir Robert Walpole", "Sir Robert"),
            ("Dame Judi Dench", "Dame Judi"),
            ("Bighetti, Nelson", "Nelson"),
        ] {
            assert_eq!(greeting(name), hi, "{name}");
        }
    }
}
