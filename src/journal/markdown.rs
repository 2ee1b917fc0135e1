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

/// Where parsing for reflections may start: the first line that could be a
/// reflection heading, when nothing before it can change how the rest
/// parses; else 0. Journals put their reflections after pages of notes, and
/// parsing those notes only to skip them is most of the cost of reading.
///
/// A candidate is an ATX heading at column 0, outside fenced code, whose
/// text names a keyword or has markup that could hide one. Anything before
/// it that could reach past it (an HTML block, a link reference definition,
/// a setext underline) means starting at 0.
fn reflection_start(body: &str, keywords: &[String]) -> usize {
    let mut fence: Option<(u8, usize)> = None;
    // Keywords of letters and spaces survive dropping the marks below.
    let plain = keywords
        .iter()
        .all(|k| k.chars().all(|c| c.is_alphanumeric() || c == ' '));
    for (at, line) in super::lines(body) {
        // A line that starts with a letter is paragraph text: not a fence,
        // heading, HTML, reference, underline or container (most lines).
        if line.as_bytes()[0].is_ascii_alphabetic() {
            continue;
        }
        let text = line.trim_end_matches(['\n', '\r']);
        let indent = text.len() - text.trim_start_matches(' ').len();
        let rest = &text[indent..];
        let bytes = rest.as_bytes();
        if indent <= 3 && (rest.starts_with("```") || rest.starts_with("~~~")) {
            let run = bytes.iter().take_while(|b| **b == bytes[0]).count();
            match fence {
                None => fence = Some((bytes[0], run)),
                Some((c, n)) if c == bytes[0] && run >= n && rest[run..].trim().is_empty() => {
                    fence = None
                }
                Some(_) => {}
            }
            continue;
        }
        if fence.is_some() {
            continue;
        }
        if indent <= 3 {
            let underline = !rest.is_empty()
                && (rest.trim_end().bytes().all(|b| b == b'=')
                    || rest.trim_end().bytes().all(|b| b == b'-'));
            let reference = rest.starts_with('[') && rest.contains("]:");
            if rest.starts_with('<') || underline || reference {
                return 0;
            }
        }
        if indent == 0 && rest.starts_with('#') {
            let level = bytes.iter().take_while(|b| **b == b'#').count();
            let after = &rest[level..];
            if level <= 6 && (after.is_empty() || after.starts_with([' ', '\t'])) {
                // Emphasis, code and link marks only split the words the
                // heading's text is made of; entities and HTML can hide them.
                // ASCII (most headings) without Unicode's case tables.
                let lower = match after.is_ascii() {
                    true => after.to_ascii_lowercase(),
                    false => after.to_lowercase(),
                };
                let lower: String = lower
                    .chars()
                    .filter(|c| !matches!(c, '*' | '_' | '`' | '[' | ']' | '!'))
                    .collect();
                let hidden = lower.contains(['&', '\\', '<']) || !plain;
                if hidden || keywords.iter().any(|k| lower.contains(k.as_str())) {
                    return at;
                }
            }
        } else if text.contains('#') && without_containers(text).starts_with('#') {
            // Perhaps a heading inside a list item or a quote: parse it all.
            return 0;
        }
    }
    // No heading could be a reflection's: nothing to parse.
    body.len()
}

/// `line` without its indentation, block quote markers and list markers.
fn without_containers(line: &str) -> &str {
    let mut s = line.trim_start();
    loop {
        if let Some(r) = s.strip_prefix('>') {
            s = r.trim_start();
            continue;
        }
        let digits = s.bytes().take_while(u8::is_ascii_digit).count();
        let marker = if digits > 0 {
            s[digits..].strip_prefix(['.', ')'])
        } else {
            s.strip_prefix(['-', '*', '+'])
        };
        match marker {
            Some(r) if r.starts_with([' ', '\t']) => s = r.trim_start(),
            _ => return s,
        }
    }
}

/// The reflection sections of `body`; `keywords` are matched case-insensitively
/// against heading text.
pub fn reflection<S: AsRef<str>>(body: &str, keywords: &[S]) -> Reflection {
    let keywords: Vec<String> = keywords.iter().map(|k| k.as_ref().to_lowercase()).collect();
    reflection_from(&body[reflection_start(body, &keywords)..], &keywords, false)
}

/// Whether `body` has a reflection section, as [`reflection`] finds them:
/// its first section's heading only, no items. Parsing stops at that
/// heading (what `check` and `due` need; the long reflections after it
/// are not read).
pub fn first_reflection<S: AsRef<str>>(body: &str, keywords: &[S]) -> Reflection {
    let keywords: Vec<String> = keywords.iter().map(|k| k.as_ref().to_lowercase()).collect();
    reflection_from(&body[reflection_start(body, &keywords)..], &keywords, true)
}

/// [`reflection`] with lower-cased keywords, parsing all of `body`, or
/// up to its first section (`first`).
fn reflection_from(body: &str, keywords: &[String], first: bool) -> Reflection {
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
                if keywords.iter().any(|k| lower.contains(k.as_str())) {
                    out.sections.push(text.trim().to_string());
                    if first {
                        return out;
                    }
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
        let whole = reflection(body, DEFAULT_REFLECTION_HEADINGS);
        // What `check` and `due` read agrees: the first section, or none.
        let first = first_reflection(body, DEFAULT_REFLECTION_HEADINGS);
        assert_eq!(first.sections.first(), whole.sections.first(), "{body}");
        assert!(first.sections.len() <= 1);
        whole
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

    /// Starting late must never change what is found.
    fn same_as_parsing_everything(body: &str) {
        let keywords: Vec<String> = DEFAULT_REFLECTION_HEADINGS
            .iter()
            .map(|k| k.to_string())
            .collect();
        assert_eq!(
            read(body),
            reflection_from(body, &keywords, false),
            "start {} of {body:?}",
            reflection_start(body, &keywords)
        );
        assert_eq!(
            first_reflection(body, &keywords),
            reflection_from(body, &keywords, true),
            "first, from {} of {body:?}",
            reflection_start(body, &keywords)
        );
    }

    /// Bodies made of lines that each could start, end or hide a heading,
    /// in every order a small generator gives: skipping must find what a
    /// whole parse finds.
    #[test]
    fn skipping_finds_the_same_on_generated_bodies() {
        let lines = [
            "## Went well",
            "## WENT WELL",
            "# Questions",
            "## Réflexion: went well",
            "## Ce qui s'est bien passé",
            "## Struggled &amp; more",
            "## Take\\away",
            "## Was *gut* lief",
            "## Lessons ##",
            "#no space",
            "#",
            "- item # not a heading",
            "- ## Struggled",
            "> # Takeaways",
            "> > ## Went well",
            "1. # Lesson",
            "text with a # in it",
            "```",
            "~~~",
            "    # indented code",
            "<div>",
            "[ref]: http://x",
            "---",
            "===",
            "",
            "- calm",
            "plain text",
            "## Notes",
            "\t# tabbed",
            "## Went <b>well</b>",
            "## ÉCHECS",
            "## Takeaway`s`",
        ];
        let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
        let mut next = move || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        for _ in 0..3000 {
            let n = (next() % 12) as usize;
            let mut body = String::new();
            for i in 0..n {
                body.push_str(lines[(next() % lines.len() as u64) as usize]);
                // The last line sometimes without its line end.
                if i + 1 < n || next() % 2 == 0 {
                    body.push_str(if next() % 5 == 0 { "\r\n" } else { "\n" });
                }
            }
            same_as_parsing_everything(&body);
        }
    }

    #[test]
    fn starting_at_the_first_possible_heading_finds_the_same() {
        let tricky = [
            "- foo\n  ## Went well\n  - calm\n",
            "> ## Went well\n> - calm\n",
            "- ## Went well\n- calm\n",
            "1. ## Struggled\n2. x\n",
            "Went well\n---\n- calm\n",
            "Went well\n===\n- calm\n",
            "<div>\n## Went well\n- calm\n</div>\n",
            "<!--\n\n## Went well\n\n-->\n- calm\n",
            "[ref]: http://x\n\n## Went well\n- [calm][ref]\n",
            "```\n## Went well\n```\n## Takeaways\n- x\n",
            "~~~~\n```\n## Went well\n~~~~\n- y\n## Went well\n- z\n",
            "## What **went** well\n- x\n",
            "## What *went* well\n- x\n",
            "## [Went well](http://x)\n- x\n",
            "## Q: *about* it\n- q\n## Notes\n- n\n## `Lessons`\n- l\n",
            "## Went&#32;well\n- x\n",
            "## What w<span>ent</span> well\n- x\n",
            "## What went\\\n well\n- x\n",
            "## Questions\n- q1\n\n## Went well\n- a\n",
            "    ## Went well\n- not\n",
            "\t## Went well\n- x\n",
            "## Notes\ntext\n## Struggled\n- x\n### sub\n- y\n# Other\n- z\n",
            "just text\n- item\n",
            "#hashtag\n## Lessons\n- l\n",
            "#\n## Lesson\n- l",
            "## Went well ##\n- a",
            "## Notes\r\ntext\r\n## Went well\r\n- a\r\n",
            "- item\n## Went well\n- a\n",
            "para\n## Went well\n- a\n",
            "",
        ];
        for body in tricky {
            same_as_parsing_everything(body);
        }
        // Every journal in the repository: the demo and the test fixtures.
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut seen = 0;
        for entry in walkdir::WalkDir::new(root.join("content"))
            .into_iter()
            .chain(walkdir::WalkDir::new(root.join("tests/fixtures")))
            .filter_map(Result::ok)
            .filter(|e| e.path().extension().is_some_and(|x| x == "md"))
        {
            let Ok(text) = std::fs::read_to_string(entry.path()) else {
                continue;
            };
            if let Ok(split) = crate::journal::frontmatter::split(&text) {
                same_as_parsing_everything(split.body);
                seen += 1;
            }
        }
        assert!(seen > 30, "{seen} journals compared");
    }
}
