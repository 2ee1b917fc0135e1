//! Rendering actions, scheduled interviews and problems for people
//! (terminal text) and machines (JSON, GitHub annotations).
//!
//! Functions here return strings; printing, colour detection and exit codes
//! belong to the CLI. Colour is written as ANSI styles and stripped by the
//! caller's stream when the terminal (or `NO_COLOR`) says so.

use std::collections::HashMap;
use std::fmt::Write;
use std::path::Path;

use anstyle::{AnsiColor, Style};
use chrono::NaiveDate;
use serde::Serialize;

use crate::diagnostics::{Counts, Problem, Severity, plural};
use crate::report::scheduled::Interview;
use crate::rules::{self, Action, Status};

const BOLD: Style = Style::new().bold();
const DIM: Style = Style::new().dimmed();
const BLUE: Style = Style::new()
    .fg_color(Some(anstyle::Color::Ansi(AnsiColor::Blue)))
    .bold();

fn severity_style(s: Severity) -> Style {
    let color = match s {
        Severity::Error => AnsiColor::Red,
        Severity::Warning => AnsiColor::Yellow,
        Severity::Note => AnsiColor::Cyan,
    };
    Style::new()
        .fg_color(Some(anstyle::Color::Ansi(color)))
        .bold()
}

/// `text` made safe to print on a terminal: control characters a journal
/// could carry (escape sequences that set the clipboard, retitle the
/// window or move the cursor, a bare CR that hides a line) are written
/// out visibly as `\u{1b}`; only line ends, tabs and the colour
/// (SGR) sequences debrief itself writes pass through.
pub fn terminal_safe(text: &str) -> std::borrow::Cow<'_, str> {
    // Bidirectional overrides and isolates reorder what a terminal shows
    // ("Trojan Source"); line and paragraph separators break lines.
    let unsafe_char = |c: char| {
        (c.is_control() && c != '\n' && c != '\t')
            || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{2028}' | '\u{2029}')
    };
    // Only these bytes can start a character that needs a look: ASCII
    // controls, and the first byte of C1 controls (U+0080–U+009F) and of
    // the separators, overrides and isolates (U+2028–U+2069). The runs
    // between them are copied whole.
    let suspect = |b: u8| (b < 0x20 && b != b'\n' && b != b'\t') || matches!(b, 0x7f | 0xc2 | 0xe2);
    if !text.bytes().any(suspect) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    let mut rest = text;
    loop {
        let run = rest.bytes().position(suspect).unwrap_or(rest.len());
        out.push_str(&rest[..run]);
        rest = &rest[run..];
        let Some(c) = rest.chars().next() else {
            break;
        };
        if let Some(len) = sgr_len(rest) {
            out.push_str(&rest[..len]);
            rest = &rest[len..];
            continue;
        }
        if c == '\r' && rest[1..].starts_with('\n') {
            out.push('\r');
        } else if unsafe_char(c) {
            write!(out, "\\u{{{:x}}}", c as u32).unwrap();
        } else {
            out.push(c);
        }
        rest = &rest[c.len_utf8()..];
    }
    std::borrow::Cow::Owned(out)
}

/// The length of the colour (SGR) sequence `text` starts with, if it
/// starts with one: ESC `[`, digits and `;`, `m`.
fn sgr_len(text: &str) -> Option<usize> {
    let params = text.strip_prefix("\u{1b}[")?;
    let n = params
        .bytes()
        .take_while(|b| b.is_ascii_digit() || *b == b';')
        .count();
    (params.as_bytes().get(n) == Some(&b'm')).then_some(n + 3)
}

/// `text`, as [`terminal_safe`] leaves it, without its colour sequences:
/// for output that is not a terminal. (anstream strips the same, looking
/// at every byte for any escape; these are the only ones left.)
pub fn without_styles(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.contains('\u{1b}') {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = memchr::memchr(0x1b, rest.as_bytes()) {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        rest = &rest[sgr_len(rest).unwrap_or(1)..];
    }
    out.push_str(rest);
    std::borrow::Cow::Owned(out)
}

/// The closing line of `check`: `2 errors, 3 warnings, 1 note`.
pub fn count_line(c: Counts) -> String {
    let mut s = format!(
        "{}, {}",
        plural(c.errors as i64, "error"),
        plural(c.warnings as i64, "warning")
    );
    if c.notes > 0 {
        write!(s, ", {}", plural(c.notes as i64, "note")).unwrap();
    }
    if c.allowed > 0 {
        write!(s, " ({} allowed)", c.allowed).unwrap();
    }
    s
}

/// The lines the problems point at, by file and line number: each file
/// read once, the files in parallel, only those lines kept.
fn quoted_lines<'p>(problems: &'p [Problem], root: &Path) -> HashMap<(&'p str, u32), String> {
    use rayon::prelude::*;
    let mut wanted: HashMap<&str, Vec<u32>> = HashMap::new();
    for p in problems {
        if let (Some(file), Some(line)) = (&p.file, p.line) {
            wanted.entry(file.as_str()).or_default().push(line);
        }
    }
    wanted
        .into_par_iter()
        .flat_map_iter(|(file, mut lines)| {
            lines.sort_unstable();
            lines.dedup();
            let text = std::fs::read(root.join(file))
                .map(|b| String::from_utf8_lossy(&b).into_owned())
                .unwrap_or_default();
            let mut all = text.lines();
            let mut at = 0;
            let mut found = Vec::with_capacity(lines.len());
            for l in lines {
                // Lines count from 1; the iterator has given `at` so far.
                let Some(line) = all.nth((l as usize).saturating_sub(at + 1)) else {
                    break;
                };
                at = l as usize;
                found.push(((file, l), line.to_string()));
            }
            found
        })
        .collect()
}

/// `check` for people, like a compiler: each problem with its location, the
/// offending line with a caret, the rule's reason, then the counts. Source
/// lines are read from the files under `root`.
pub fn check_human(problems: &[Problem], root: &Path, journals: usize) -> String {
    let mut out = String::new();
    let sources = quoted_lines(problems, root);
    // Acknowledged ones are counted at the end, not shown again.
    for p in problems.iter().filter(|p| !p.allowed) {
        let style = severity_style(p.severity);
        writeln!(
            out,
            "{style}{}[{}]{style:#}{BOLD}: {}{BOLD:#}",
            p.severity.as_str(),
            p.rule,
            p.message
        )
        .unwrap();
        if let (Some(file), Some(location)) = (&p.file, p.location()) {
            let line_text = p.line.and_then(|l| sources.get(&(file.as_str(), l)));
            let gutter = p.line.map_or(1, |l| l.to_string().len());
            let pad = " ".repeat(gutter);
            writeln!(out, "{pad}{BLUE}-->{BLUE:#} {location}").unwrap();
            if let (Some(l), Some(text)) = (p.line, line_text) {
                let text = text.trim_start_matches('\u{feff}').replace('\t', " ");
                let (text, col) = window(&text, p.column.unwrap_or(1).max(1) as usize);
                writeln!(out, "{pad} {BLUE}|{BLUE:#}").unwrap();
                writeln!(out, "{BLUE}{l} |{BLUE:#} {text}").unwrap();
                writeln!(
                    out,
                    "{pad} {BLUE}|{BLUE:#} {}{style}^{style:#}",
                    " ".repeat(col - 1)
                )
                .unwrap();
            }
            if let Some(rule) = rules::rule(p.rule) {
                writeln!(
                    out,
                    "{pad} {BLUE}={BLUE:#} {BOLD}help{BOLD:#}: {}",
                    rule.reason
                )
                .unwrap();
            }
        } else if let Some(rule) = rules::rule(p.rule) {
            writeln!(out, "  {BLUE}={BLUE:#} {BOLD}help{BOLD:#}: {}", rule.reason).unwrap();
        }
        out.push('\n');
    }
    let counts = Counts::of(problems);
    writeln!(
        out,
        "{BOLD}{}{BOLD:#} in {}",
        count_line(counts),
        plural(journals as i64, "journal")
    )
    .unwrap();
    out
}

/// At most [`QUOTED`] characters of `line` around column `col` (from 1),
/// with `…` where it is cut, and the column within what is shown: a line
/// of 900 KB is not printed whole for one caret.
fn window(line: &str, col: usize) -> (String, usize) {
    const QUOTED: usize = 120;
    let chars: Vec<char> = line.chars().collect();
    if chars.len() <= QUOTED {
        return (line.to_string(), col);
    }
    let at = (col - 1).min(chars.len());
    let start = at.saturating_sub(QUOTED / 2);
    let end = (start + QUOTED).min(chars.len());
    let mut shown = String::new();
    let mut col = at - start + 1;
    if start > 0 {
        shown.push('…');
        col += 1;
    }
    shown.extend(&chars[start..end]);
    if end < chars.len() {
        shown.push('…');
    }
    (shown, col)
}

#[derive(Serialize)]
struct CheckJson<'a> {
    problems: &'a [Problem],
    errors: usize,
    warnings: usize,
    notes: usize,
    /// Only when some are: the shape is the spec's otherwise.
    #[serde(skip_serializing_if = "is_zero")]
    allowed: usize,
}

fn is_zero(n: &usize) -> bool {
    *n == 0
}

/// `check --format json`: `{"problems": [...], "errors", "warnings", "notes"}`.
pub fn check_json(problems: &[Problem]) -> String {
    let c = Counts::of(problems);
    let doc = CheckJson {
        problems,
        errors: c.errors,
        warnings: c.warnings,
        notes: c.notes,
        allowed: c.allowed,
    };
    serde_json::to_string_pretty(&doc).expect("problems serialize") + "\n"
}

/// `check --format github`: workflow commands that annotate pull requests.
pub fn check_github(problems: &[Problem]) -> String {
    fn data(s: &str) -> String {
        s.replace('%', "%25")
            .replace('\r', "%0D")
            .replace('\n', "%0A")
    }
    fn property(s: &str) -> String {
        data(s).replace(':', "%3A").replace(',', "%2C")
    }
    let mut out = String::new();
    for p in problems.iter().filter(|p| !p.allowed) {
        let level = match p.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Note => "notice",
        };
        let mut props = Vec::new();
        if let Some(f) = &p.file {
            props.push(format!("file={}", property(f)));
        }
        if let Some(l) = p.line {
            props.push(format!("line={l}"));
        }
        if let Some(c) = p.column {
            props.push(format!("col={c}"));
        }
        props.push(format!("title={}", property(p.rule)));
        writeln!(out, "::{level} {}::{}", props.join(","), data(&p.message)).unwrap();
    }
    out
}

#[derive(Serialize)]
struct DueJson<'a> {
    today: NaiveDate,
    actions: &'a [Action],
    interviews: &'a [Interview],
}

/// `due --format json`: `{"today": "YYYY-MM-DD", "actions": [...],
/// "interviews": [...]}`; `interviews` came later, beside the fields
/// readers already had, so they keep working.
pub fn due_json(today: NaiveDate, actions: &[Action], interviews: &[Interview]) -> String {
    serde_json::to_string_pretty(&DueJson {
        today,
        actions,
        interviews,
    })
    .expect("actions serialize")
        + "\n"
}

/// `due` for people: grouped into overdue, due today and upcoming, one line
/// per action with the date, company, person and what to do; then the
/// interviews to come (see [`interviews_human`]).
pub fn due_human(today: NaiveDate, actions: &[Action], interviews: &[Interview]) -> String {
    let mut out = String::new();
    if actions.is_empty() {
        writeln!(out, "Nothing due. Every follow-up is done for now.").unwrap();
        if !interviews.is_empty() {
            out.push('\n');
            out += &interviews_human(today, interviews);
        }
        return out;
    }
    let width = |f: fn(&Action) -> usize| actions.iter().map(f).max().unwrap_or(0).min(28);
    let company_w = width(|a| a.company.chars().count());
    let person_w = width(|a| a.person.as_deref().map_or(1, |p| p.chars().count()));
    let groups = [
        (Status::Overdue, "Overdue", severity_style(Severity::Error)),
        (Status::Due, "Due today", severity_style(Severity::Warning)),
        (Status::Upcoming, "Upcoming", severity_style(Severity::Note)),
    ];
    for (status, heading, style) in groups {
        let group: Vec<&Action> = actions.iter().filter(|a| a.status == status).collect();
        if group.is_empty() {
            continue;
        }
        writeln!(out, "{style}{heading}{style:#} ({})", group.len()).unwrap();
        for a in group {
            let when = match (a.due - today).num_days() {
                0 => "today".to_string(),
                1 => "tomorrow".to_string(),
                -1 => "yesterday".to_string(),
                d if d < 0 => format!("{} days ago", -d),
                d => format!("in {d} days"),
            };
            // "Connect on LinkedIn by linkedin" says it twice.
            let channel = match a.channel {
                Some(c) if a.rule != "linkedin" => format!(" by {}", c.as_str()),
                _ => String::new(),
            };
            writeln!(
                out,
                "  {DIM}{}{DIM:#}  {} {}  {:<company_w$}  {:<person_w$}  {}{DIM}{channel} [{}] · {when}{DIM:#}",
                a.id,
                a.due,
                a.due.format("%a"),
                truncate(&one_line(&a.company), company_w),
                truncate(&one_line(a.person.as_deref().unwrap_or("-")), person_w),
                one_line(&a.title),
                a.rule,
            )
            .unwrap();
        }
        out.push('\n');
    }
    if !interviews.is_empty() {
        out += &interviews_human(today, interviews);
        out.push('\n');
    }
    let n = |s| actions.iter().filter(|a| a.status == s).count();
    writeln!(
        out,
        "{BOLD}{} overdue, {} due today, {} upcoming{BOLD:#}",
        n(Status::Overdue),
        n(Status::Due),
        n(Status::Upcoming)
    )
    .unwrap();
    out
}

/// The "Upcoming interviews" section of `due`: one line per interview
/// with its day (and time, when the journal gives one), company, role,
/// stage and interviewers.
pub fn interviews_human(today: NaiveDate, interviews: &[Interview]) -> String {
    let mut out = String::new();
    let style = severity_style(Severity::Note);
    writeln!(
        out,
        "{style}Upcoming interviews{style:#} ({})",
        interviews.len()
    )
    .unwrap();
    let width = |f: fn(&Interview) -> usize| interviews.iter().map(f).max().unwrap_or(0).min(28);
    let company_w = width(|i| i.company.chars().count());
    let role_w = width(|i| i.role.chars().count());
    // A time column only when some interview has a time.
    let timed = interviews.iter().any(|i| i.at.is_some());
    for i in interviews {
        let time = match (timed, i.at) {
            (false, _) => String::new(),
            (true, Some(at)) => format!(" {}", at.format("%H:%M")),
            (true, None) => " ".repeat(6),
        };
        let with = if i.interviewers.is_empty() {
            String::new()
        } else {
            format!(" with {}", i.interviewers.join(", "))
        };
        let when = match (i.date - today).num_days() {
            1 => "tomorrow".to_string(),
            d => format!("in {d} days"),
        };
        writeln!(
            out,
            "  {} {}{time}  {:<company_w$}  {:<role_w$}  {}{with}{DIM} · {when}{DIM:#}",
            i.date,
            i.date.format("%a"),
            truncate(&i.company, company_w),
            truncate(&i.role, role_w),
            i.kind(),
        )
        .unwrap();
    }
    out
}

/// `s` on one line: a line break written in a journal (a promised item
/// in a `|` block, say) would split the action's line in two.
fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn truncate(s: &str, width: usize) -> String {
    if s.chars().count() <= width {
        s.to_string()
    } else {
        let mut t: String = s.chars().take(width.saturating_sub(1)).collect();
        t.push('…');
        t
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostics::{Loc, Severity};

    // Regression: an OSC 52 sequence in a journal value wrote the
    // clipboard of whoever ran `debrief due`.
    #[test]
    fn control_characters_from_journals_are_shown_not_obeyed() {
        let ours = format!("{BOLD}ok{BOLD:#} and {}", "\u{1b}[1;31mred\u{1b}[0m");
        assert_eq!(terminal_safe(&ours), ours);
        assert_eq!(
            terminal_safe("Acme\u{1b}]52;c;aGk=\u{7}\rBob\u{9b}x\r\nend\t."),
            "Acme\\u{1b}]52;c;aGk=\\u{7}\\u{d}Bob\\u{9b}x\r\nend\t."
        );
        assert!(matches!(
            terminal_safe("plain"),
            std::borrow::Cow::Borrowed(_)
        ));
        assert_eq!(
            terminal_safe("a\u{202e}b\u{2028}c"),
            "a\\u{202e}b\\u{2028}c"
        );
    }

    // Copying the runs between suspect bytes whole writes what looking at
    // every character writes: checked on strings mixing plain text, SGR
    // and other escapes, C0 and C1 controls, CR LF, separators, bidi
    // marks, harmless non-ASCII (· é …) and emoji.
    #[test]
    fn copying_runs_whole_changes_nothing() {
        let one_by_one = |text: &str| -> String {
            text.chars()
                .map(|c| {
                    let bad = (c.is_control() && c != '\n' && c != '\t')
                        || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{2028}' | '\u{2029}');
                    if bad { format!("\\u{{{:x}}}", c as u32) } else { c.to_string() }
                })
                .collect()
        };
        let pieces = [
            "plain ",
            "\u{1b}[1m",
            "\u{1b}[0m",
            "\u{1b}]52;c;x\u{7}",
            "\r\n",
            "\r",
            "\n",
            "\t",
            "\u{0}",
            "\u{7f}",
            "\u{85}",
            "\u{9b}",
            "·",
            "é",
            "…",
            "\u{2028}",
            "\u{202e}",
            "\u{2066}",
            "\u{2069}",
            "\u{2070}",
            "😀",
            "\u{1b}[",
            "\u{1b}[12;3m",
        ];
        let mut x = 7u64;
        for _ in 0..2000 {
            let mut text = String::new();
            for _ in 0..12 {
                x = x
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                text += pieces[(x >> 33) as usize % pieces.len()];
            }
            // The reference, with the two things the real one lets through.
            let mut want = String::new();
            let mut rest = text.as_str();
            while !rest.is_empty() {
                let sgr = rest.strip_prefix("\u{1b}[").and_then(|p| {
                    let n = p
                        .bytes()
                        .take_while(|b| b.is_ascii_digit() || *b == b';')
                        .count();
                    (p.as_bytes().get(n) == Some(&b'm')).then_some(n + 3)
                });
                let keep = sgr.or_else(|| rest.starts_with("\r\n").then_some(2));
                let len = keep.unwrap_or_else(|| rest.chars().next().map_or(1, char::len_utf8));
                match keep {
                    Some(_) => want += &rest[..len],
                    None => want += &one_by_one(&rest[..len]),
                }
                rest = &rest[len..];
            }
            assert_eq!(terminal_safe(&text), want, "{text:?}");
            // Stripped for a pipe as anstream would strip it.
            let safe = terminal_safe(&text);
            assert_eq!(
                without_styles(&safe),
                anstream::adapter::strip_str(&safe).to_string(),
                "{safe:?}"
            );
        }
    }

    // Regression: a 900 KB line was quoted whole, with a caret line as long.
    #[test]
    fn long_lines_are_quoted_around_the_column() {
        let line = "x".repeat(900_000);
        let (shown, col) = window(&line, 450_000);
        assert!(shown.chars().count() <= 122);
        assert_eq!(col, 62);
        assert_eq!(window("short", 3), ("short".to_string(), 3));
        let (start, col) = window(&"y".repeat(500), 1);
        assert_eq!((start.chars().next(), col), (Some('y'), 1));
    }

    #[test]
    fn the_lines_problems_point_at_are_read_once_each() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.md"), "one\r\ntwo\nthree\n").unwrap();
        let at = |file: &str, line: u32| {
            Problem::at("r", Severity::Note, file, Some(Loc::new(line, 1)), "m")
        };
        let problems = [
            at("a.md", 3),
            at("a.md", 1),
            at("a.md", 3),
            at("a.md", 99),
            at("gone.md", 1),
            Problem::global("r", Severity::Note, "m"),
        ];
        let lines = quoted_lines(&problems, dir.path());
        let mut got: Vec<_> = lines.iter().map(|(k, v)| (*k, v.as_str())).collect();
        got.sort();
        assert_eq!(got, [(("a.md", 1), "one"), (("a.md", 3), "three")]);
    }
}
