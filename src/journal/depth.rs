//! How deeply a journal's body nests: block quotes, lists and raw HTML
//! elements inside one another.
//!
//! Rendering and sanitizing grow faster than linearly with nesting (50,000
//! nested `<div>` took 8 s to build, 9 MB of `>` 20 s and a 255 MB page), and
//! no notes nest more than a handful of levels. So a body that nests deeper
//! than [`MAX_BODY_DEPTH`] is refused with the place where it does, before
//! Markdown or the sanitizer see it. Pure and linear in the body's length.

use pulldown_cmark::{Event, Options, Parser};

/// Rule id of a body that nests too deeply.
pub const TOO_DEEP: &str = "too-deep";

/// The deepest nesting of block quotes, lists and HTML elements a body may
/// have.
pub const MAX_BODY_DEPTH: usize = 100;

/// Where a body first nests deeper than [`MAX_BODY_DEPTH`]: a line and a
/// column (in characters, from 1) counted from the body's first line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TooDeep {
    /// The line within the body, from 1.
    pub line: u32,
    /// The column, from 1.
    pub column: u32,
}

/// `None` if `body` nests at most [`MAX_BODY_DEPTH`] levels, else where it
/// goes deeper.
pub fn too_deep(body: &str) -> Option<TooDeep> {
    // Every journal is read through here: most are judged by a bound found
    // in one pass over the bytes, and only a body that might nest too
    // deeply is parsed.
    if nesting_bound(body) <= MAX_BODY_DEPTH {
        return None;
    }
    // Container markers at the start of a line (`> > >`, `- - -`, `1. 1.`)
    // are counted first, without a parser: a line of a million `>` must
    // not become a million nested block quotes before it is refused.
    let mut offset = 0;
    for line in body.split_inclusive('\n') {
        if let Some(at) = deep_markers(line) {
            return Some(place(body, offset + at));
        }
        offset += line.len();
    }
    let mut html = 0usize;
    let mut depth = 0usize;
    let options =
        Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH | Options::ENABLE_TASKLISTS;
    for (event, range) in Parser::new_ext(body, options).into_offset_iter() {
        match event {
            Event::Start(_) => depth += 1,
            Event::End(_) => depth = depth.saturating_sub(1),
            Event::Html(text) | Event::InlineHtml(text) => {
                if let Some(at) =
                    html_depth(&text, &mut html, MAX_BODY_DEPTH - depth.min(MAX_BODY_DEPTH))
                {
                    return Some(place(body, range.start + at));
                }
            }
            _ => {}
        }
        if depth + html > MAX_BODY_DEPTH {
            return Some(place(body, range.start));
        }
    }
    None
}

/// An upper bound of how deeply `body` nests, in one pass: for any line,
/// its block containers are at most its leading markers and half its
/// indentation; inline spans nest at most as many times as their paragraph
/// has delimiters; raw HTML at most as many elements as are opened.
/// Per byte: 1 for an inline delimiter, 1 << 32 for `<`.
const CLASS: [u64; 256] = {
    let mut t = [0u64; 256];
    let mut i = 0;
    while i < 256 {
        t[i] = match i as u8 {
            b'*' | b'_' | b'[' | b'~' | b'`' | b'!' => 1,
            b'<' => 1 << 32,
            _ => 0,
        };
        i += 1;
    }
    t
};

fn nesting_bound(body: &str) -> usize {
    let (mut containers, mut inline, mut opened) = (0usize, 0usize, 0usize);
    let mut paragraph = 0usize;
    // Lines are found with memchr and counted with plain comparisons the
    // compiler turns into vector code: this runs over every journal.
    for line in body.split('\n') {
        let bytes = line.as_bytes();
        let indent = bytes
            .iter()
            .take_while(|b| **b == b' ' || **b == b'\t')
            .count();
        let rest = &bytes[indent..];
        if rest.iter().all(|b| b.is_ascii_whitespace()) {
            inline = inline.max(paragraph);
            paragraph = 0;
            continue;
        }
        containers = containers.max(indent / 2 + 1 + leading_markers(rest));
        // One pass, no branches: the low half counts delimiters, the high
        // half `<`.
        let counts: u64 = rest.iter().map(|&b| CLASS[b as usize]).sum();
        paragraph += (counts & 0xffff_ffff) as usize;
        opened += (counts >> 32) as usize;
    }
    // Headings, tables and paragraphs add a few levels of their own.
    containers + inline.max(paragraph) + opened + 4
}

/// How many container markers (`>`, `-`, `*`, `+`, `1.`, `1)`, with the
/// blanks between them) open `line`, which starts after its indentation.
fn leading_markers(line: &[u8]) -> usize {
    let mut i = 0;
    let mut count = 0;
    loop {
        while i < line.len() && (line[i] == b' ' || line[i] == b'\t') {
            i += 1;
        }
        match line.get(i) {
            Some(b'>' | b'-' | b'*' | b'+') => i += 1,
            Some(b'0'..=b'9') => {
                let digits = line[i..].iter().take_while(|b| b.is_ascii_digit()).count();
                if !matches!(line.get(i + digits), Some(b'.' | b')')) {
                    return count;
                }
                i += digits + 1;
            }
            _ => return count,
        }
        count += 1;
    }
}

/// The byte offset in `line` of the container marker past the limit.
fn deep_markers(line: &str) -> Option<usize> {
    let bytes = line.as_bytes();
    let mut i = 0;
    let mut count = 0;
    loop {
        while i < bytes.len() && (bytes[i] == b' ' || bytes[i] == b'\t') {
            i += 1;
        }
        let start = i;
        match bytes.get(i) {
            Some(b'>') => i += 1,
            Some(b'-' | b'*' | b'+') if matches!(bytes.get(i + 1), Some(b' ' | b'\t')) => i += 1,
            Some(b'0'..=b'9') => {
                let digits = bytes[i..].iter().take_while(|b| b.is_ascii_digit()).count();
                if digits > 9
                    || !matches!(bytes.get(i + digits), Some(b'.' | b')'))
                    || !matches!(bytes.get(i + digits + 1), Some(b' ' | b'\t'))
                {
                    return None;
                }
                i += digits + 1;
            }
            _ => return None,
        }
        count += 1;
        if count > MAX_BODY_DEPTH {
            return Some(start);
        }
    }
}

/// Follows open and closed elements through `text`, with `depth` the
/// elements open before it; the offset in `text` of the tag that opens more
/// than `room` of them.
fn html_depth(text: &str, depth: &mut usize, room: usize) -> Option<usize> {
    // Elements that never hold others, so never close.
    const VOID: &[&str] = &[
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
        "source", "track", "wbr",
    ];
    let bytes = text.as_bytes();
    let mut i = 0;
    while let Some(lt) = text[i..].find('<') {
        let at = i + lt;
        i = at + 1;
        let closing = bytes.get(i) == Some(&b'/');
        let name_start = i + usize::from(closing);
        let name_len = bytes[name_start.min(bytes.len())..]
            .iter()
            .take_while(|b| b.is_ascii_alphanumeric() || **b == b'-')
            .count();
        if name_len == 0 || !bytes[name_start].is_ascii_alphabetic() {
            continue;
        }
        let name = text[name_start..name_start + name_len].to_ascii_lowercase();
        let end = text[name_start..].find('>').map(|e| name_start + e);
        let self_closing = end.is_some_and(|e| e > 0 && bytes[e - 1] == b'/');
        if closing {
            *depth = depth.saturating_sub(1);
        } else if !self_closing && !VOID.contains(&name.as_str()) {
            *depth += 1;
            if *depth > room {
                return Some(at);
            }
        }
        i = name_start + name_len;
    }
    None
}

fn place(body: &str, offset: usize) -> TooDeep {
    let before = &body[..offset.min(body.len())];
    let line = before.matches('\n').count() as u32 + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) as u32 + 1;
    TooDeep { line, column }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordinary_notes_are_not_too_deep() {
        for body in [
            "# Notes\n\n> quoted\n> > twice\n\n- a\n  - b\n    - c\n\n1. one\n2. two\n",
            "<div><p>text <b>bold</b><br><img src=x></p></div>\n",
            "a -> b, 3 > 2, x < y\n\n-- not a list\n",
            "",
        ] {
            assert_eq!(too_deep(body), None, "{body}");
        }
    }

    // Regression: 9 MB of `>` took 20 s and 3.5 GB to build into a 255 MB
    // page; 200,000 nested `<div>` took 218 s.
    #[test]
    fn deep_quotes_lists_and_elements_are_found_where_they_go_too_deep() {
        let quotes = format!("intro\n\n{}deep\n", ">".repeat(9_000_000));
        assert_eq!(
            too_deep(&quotes),
            Some(TooDeep {
                line: 3,
                column: 101
            })
        );
        let spaced = format!("{}x\n", "> ".repeat(150));
        assert_eq!(
            too_deep(&spaced),
            Some(TooDeep {
                line: 1,
                column: 201
            })
        );
        let lists = format!("{}x\n", "- ".repeat(150));
        assert!(too_deep(&lists).is_some());
        let numbered = format!("{}x\n", "1. ".repeat(150));
        assert!(too_deep(&numbered).is_some());
        let divs = format!("notes\n\n{}", "<div>".repeat(200_000));
        let at = too_deep(&divs).unwrap();
        assert_eq!(at.line, 3);
        let inline = format!("text {} end\n", "<span>".repeat(150));
        assert!(too_deep(&inline).is_some());
        let indented: String = (0..150)
            .map(|i| format!("{}- x\n", "  ".repeat(i)))
            .collect();
        assert!(too_deep(&indented).is_some());
    }

    #[test]
    fn ordinary_notes_are_judged_without_parsing() {
        let notes = "# Onsite\n\n## What went well\n\n- the *system design* part\n  - we drew [the diagram](https://x.example)\n\n> they said: a decision by Friday\n\nPlain text, with `code` and **bold**.\n";
        assert!(nesting_bound(&notes.repeat(200)) <= MAX_BODY_DEPTH);
        // The bound never hides a body that is too deep.
        for deep in [
            format!("{}x\n", "> ".repeat(150)),
            "<div>".repeat(150),
            format!("{}a{}", "*".repeat(120), "*".repeat(120)),
        ] {
            assert!(nesting_bound(&deep) > MAX_BODY_DEPTH);
        }
    }

    #[test]
    fn closed_elements_do_not_add_up() {
        let siblings = "<div>x</div>\n".repeat(10_000);
        assert_eq!(too_deep(&siblings), None);
    }
}
