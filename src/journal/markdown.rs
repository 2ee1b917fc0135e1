//! Reading the Markdown body for what the rules and reports need: the
//! reflection sections and the list items under them.
//!
//! Uses pulldown-cmark so headings inside code blocks or HTML are not mistaken
//! for sections. Rendering to HTML belongs to the site, not here.

use pulldown_cmark::{Event, HeadingLevel, Parser, Tag, TagEnd};

use super::model::Reflection;

/// The heading words that make a reflection section, by default.
pub const DEFAULT_REFLECTION_HEADINGS: &[&str] = &[
    "reflection",
    "went well",
    "struggled",
    "do differently",
    "takeaway",
    "lesson",
];

#[derive(Clone, Copy, PartialEq)]
enum Bucket {
    None,
    WentWell,
    Struggled,
    Takeaways,
}

fn bucket_of(heading: &str) -> Bucket {
    if heading.contains("struggled") {
        Bucket::Struggled
    } else if heading.contains("went well") {
        Bucket::WentWell
    } else if heading.contains("takeaway")
        || heading.contains("lesson")
        || heading.contains("do differently")
    {
        Bucket::Takeaways
    } else {
        Bucket::None
    }
}

/// The reflection sections of `body`; `keywords` are matched case-insensitively
/// against heading text.
pub fn reflection<S: AsRef<str>>(body: &str, keywords: &[S]) -> Reflection {
    let mut out = Reflection::default();
    let mut in_heading: Option<(HeadingLevel, String)> = None;
    // The open headings inside a reflection section, outermost first, each
    // with where its list items go (a plain sub-heading inherits its parent's).
    let mut stack: Vec<(HeadingLevel, Bucket)> = Vec::new();
    let mut items: Vec<String> = Vec::new();

    for event in Parser::new(body) {
        match event {
            Event::Start(Tag::Heading { level, .. }) => in_heading = Some((level, String::new())),
            Event::End(TagEnd::Heading(_)) => {
                let Some((level, text)) = in_heading.take() else {
                    continue;
                };
                while stack.last().is_some_and(|(l, _)| *l >= level) {
                    stack.pop();
                }
                let lower = text.to_lowercase();
                let inherited = stack.last().map_or(Bucket::None, |(_, b)| *b);
                if keywords
                    .iter()
                    .any(|k| lower.contains(&k.as_ref().to_lowercase()))
                {
                    out.sections.push(text.trim().to_string());
                    let bucket = match bucket_of(&lower) {
                        Bucket::None => inherited,
                        b => b,
                    };
                    stack.push((level, bucket));
                } else if !stack.is_empty() {
                    stack.push((level, inherited));
                }
            }
            Event::Start(Tag::Item) => items.push(String::new()),
            Event::End(TagEnd::Item) => {
                let Some(item) = items.pop() else { continue };
                let item = item.split_whitespace().collect::<Vec<_>>().join(" ");
                if item.is_empty() {
                    continue;
                }
                match stack.last().map(|(_, b)| *b) {
                    Some(Bucket::WentWell) => out.went_well.push(item),
                    Some(Bucket::Struggled) => out.struggled.push(item),
                    Some(Bucket::Takeaways) => out.takeaways.push(item),
                    _ => {}
                }
            }
            Event::Text(t) | Event::Code(t) => {
                if let Some((_, h)) = &mut in_heading {
                    h.push_str(&t);
                } else if let Some(item) = items.last_mut() {
                    item.push_str(&t);
                }
            }
            Event::SoftBreak | Event::HardBreak => {
                if let Some(item) = items.last_mut() {
                    item.push(' ');
                }
            }
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(body: &str) -> Reflection {
        reflection(body, DEFAULT_REFLECTION_HEADINGS)
    }

    #[test]
    fn finds_sections_and_their_items() {
        let r = read(
            "# Questions\n- not this\n\n## What went well\n- clear **story**\n- asked good questions\n\n## Where I struggled\n- system design\n  - nested detail\n\n## Takeaways\n- practise `SQL`\n\n## Logistics\n- not this either\n",
        );
        assert_eq!(
            r.sections,
            vec!["What went well", "Where I struggled", "Takeaways"]
        );
        assert_eq!(r.went_well, vec!["clear story", "asked good questions"]);
        assert_eq!(r.struggled, vec!["nested detail", "system design"]);
        assert_eq!(r.takeaways, vec!["practise SQL"]);
    }

    #[test]
    fn sub_headings_stay_in_their_reflection() {
        let r = read(
            "## Reflection\n### Struggled\n- whiteboard nerves\n### Struggled again\n- nerves again\n#### Detail\n- deep\n# Next\n- out\n",
        );
        assert_eq!(
            r.sections,
            vec!["Reflection", "Struggled", "Struggled again"]
        );
        assert_eq!(
            r.struggled,
            vec!["whiteboard nerves", "nerves again", "deep"]
        );
    }

    #[test]
    fn headings_in_code_are_not_sections() {
        let r = read("```\n# Reflection\n```\n");
        assert!(r.sections.is_empty());
    }

    #[test]
    fn keywords_are_configurable_and_case_insensitive() {
        let r = reflection("## RETRO\n", &["retro"]);
        assert_eq!(r.sections, vec!["RETRO"]);
        assert!(read("## RETRO\n").sections.is_empty());
    }
}
