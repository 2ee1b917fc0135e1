//! Problems as data: what `check` reports, located in a file.
//!
//! Every stage of the pipeline reports into this one type, so the terminal,
//! JSON and GitHub renderers all show the same fields. Nothing here prints;
//! rendering lives in `output`.

use serde::Serialize;

/// How serious a problem is. `Off` only appears in configuration.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Something to know, not to fix.
    Note,
    /// Probably a mistake in etiquette or in the journal.
    Warning,
    /// The journal cannot be read as written.
    Error,
}

impl Severity {
    /// The lower-case name used in output and configuration.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Note => "note",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

/// A position in a file, both 1-based (columns count characters).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Loc {
    /// Line, from 1.
    pub line: u32,
    /// Column, from 1, in characters.
    pub column: u32,
}

impl Loc {
    /// A location at `line`, `column`.
    pub fn new(line: u32, column: u32) -> Self {
        Loc { line, column }
    }
}

/// One problem found by `check`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Problem {
    /// The rule id, e.g. `too-soon`.
    pub rule: &'static str,
    /// How serious it is, after `[rules.severity]` was applied.
    pub severity: Severity,
    /// The file, relative to the repository root, when the problem has one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub file: Option<String>,
    /// Line in `file`, from 1.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<u32>,
    /// Column in `file`, from 1.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub column: Option<u32>,
    /// What is wrong, in one sentence.
    pub message: String,
    /// Acknowledged by an `allow:` in its journal: still listed, not
    /// counted against `check`.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub allowed: bool,
}

impl Problem {
    /// A problem located at `loc` in `file` (`None`: the file as a whole).
    pub fn at(
        rule: &'static str,
        severity: Severity,
        file: &str,
        loc: Option<Loc>,
        message: impl Into<String>,
    ) -> Self {
        Problem {
            rule,
            severity,
            file: Some(file.to_string()),
            line: loc.map(|l| l.line),
            column: loc.map(|l| l.column),
            message: message.into(),
            allowed: false,
        }
    }

    /// A problem about the whole repository, in no file.
    pub fn global(rule: &'static str, severity: Severity, message: impl Into<String>) -> Self {
        Problem {
            rule,
            severity,
            file: None,
            line: None,
            column: None,
            message: message.into(),
            allowed: false,
        }
    }

    /// `file:line:column`, as far as they are known (`None` without a file).
    pub fn location(&self) -> Option<String> {
        let file = self.file.as_ref()?;
        Some(match (self.line, self.column) {
            (Some(l), Some(c)) => format!("{file}:{l}:{c}"),
            (Some(l), None) => format!("{file}:{l}"),
            _ => file.clone(),
        })
    }

    /// Sort key: file, then position, then rule, so output is stable.
    pub fn sort_key(&self) -> (bool, &str, u32, u32, &str) {
        (
            self.file.is_none(),
            self.file.as_deref().unwrap_or(""),
            self.line.unwrap_or(0),
            self.column.unwrap_or(0),
            self.rule,
        )
    }
}

/// Counts by severity, as the JSON of `check` and the closing line show them.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    /// Problems of severity error.
    pub errors: usize,
    /// Problems of severity warning.
    pub warnings: usize,
    /// Problems of severity note.
    pub notes: usize,
    /// Problems acknowledged with `allow:`, whatever their severity (not
    /// in the three counts above).
    pub allowed: usize,
}

impl Counts {
    /// Counts the problems by severity.
    pub fn of(problems: &[Problem]) -> Self {
        Counts::of_all(problems)
    }

    /// [`Counts::of`] problems however they are held.
    pub fn of_all<'a>(problems: impl IntoIterator<Item = &'a Problem>) -> Self {
        let mut c = Counts::default();
        for p in problems {
            if p.allowed {
                c.allowed += 1;
                continue;
            }
            match p.severity {
                Severity::Error => c.errors += 1,
                Severity::Warning => c.warnings += 1,
                Severity::Note => c.notes += 1,
            }
        }
        c
    }
}

/// `1 day`, `3 days`: a count with its noun, for messages.
pub fn plural(n: impl Into<i64>, word: &str) -> String {
    let n = n.into();
    if n == 1 {
        format!("{n} {word}")
    } else {
        format!("{n} {word}s")
    }
}

/// The person of `people` whose name is closest to `name`, case aside, if
/// it is close enough to be a likely typo.
pub fn did_you_mean_person<'p>(name: &str, people: &[&'p str]) -> Option<&'p str> {
    let lower: Vec<String> = people.iter().map(|p| p.to_lowercase()).collect();
    let refs: Vec<&str> = lower.iter().map(String::as_str).collect();
    let hit = did_you_mean(name, &refs)?;
    people.iter().copied().find(|p| p.to_lowercase() == hit)
}

/// The closest name in `known` to `word`, if it is close enough to be a likely typo.
pub fn did_you_mean<'a>(word: &str, known: &[&'a str]) -> Option<&'a str> {
    let word = word.to_lowercase();
    known
        .iter()
        .map(|k| (strsim::jaro_winkler(&word, k), *k))
        .filter(|(score, _)| *score >= 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, k)| k)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_the_closest_field() {
        let known = ["interviewers", "interviewer", "company", "role"];
        assert_eq!(did_you_mean("interveiwers", &known), Some("interviewers"));
        assert_eq!(did_you_mean("compnay", &known), Some("company"));
        assert_eq!(did_you_mean("salary", &known), None);
    }
}
