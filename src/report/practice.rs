//! The practice list: what you struggled with, grouped when several journals
//! describe the same thing in different words.
//!
//! Two items are about the same thing when they share significant words:
//! each item is lower-cased, split into words, stripped of common words
//! ("the", "my", "struggled", …) and of simple English endings ("-ing",
//! "-ed", "-s"), and two items join when at least half the words of the
//! shorter one are shared (and at least one, or two for long items). Groups
//! are closed under that relation, so A~B and B~C puts A, B and C together.

use std::collections::{BTreeSet, HashMap, HashSet};

use serde::Serialize;

/// Words that say nothing about *what* was hard.
const STOP: &[&str] = &[
    "a",
    "about",
    "again",
    "all",
    "also",
    "an",
    "and",
    "any",
    "are",
    "as",
    "at",
    "be",
    "been",
    "being",
    "but",
    "by",
    "can",
    "could",
    "did",
    "didn",
    "didnt",
    "do",
    "does",
    "doing",
    "don",
    "dont",
    "enough",
    "for",
    "from",
    "get",
    "got",
    "had",
    "has",
    "have",
    "how",
    "i",
    "if",
    "in",
    "into",
    "is",
    "it",
    "its",
    "just",
    "me",
    "more",
    "most",
    "much",
    "my",
    "myself",
    "no",
    "not",
    "of",
    "on",
    "one",
    "or",
    "our",
    "out",
    "over",
    "quite",
    "really",
    "should",
    "so",
    "some",
    "still",
    "struggle",
    "struggled",
    "struggling",
    "t",
    "than",
    "that",
    "the",
    "their",
    "them",
    "then",
    "there",
    "they",
    "this",
    "to",
    "too",
    "up",
    "very",
    "was",
    "wasn",
    "wasnt",
    "way",
    "we",
    "well",
    "were",
    "what",
    "when",
    "which",
    "while",
    "who",
    "why",
    "with",
    "without",
    "would",
    "you",
    "your",
    "hard",
    "difficult",
    "bit",
    "lot",
    "felt",
    "feel",
    "question",
    "questions",
    "answer",
    "answers",
    "answered",
    "answering",
    "interview",
    "interviewer",
    "interviewers",
    "time",
    "times",
    "went",
    "need",
    "needed",
    "needs",
    "better",
    "again",
    "though",
    "tricky",
    "tough",
    "poorly",
    "badly",
    "weak",
];

/// The significant words of an item, reduced to rough stems.
pub fn words(text: &str) -> BTreeSet<String> {
    text.to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty() && !STOP.contains(w))
        .map(stem)
        .filter(|w| w.chars().count() > 1 && !STOP.contains(&w.as_str()))
        .collect()
}

/// A rough English stem: enough to make "explaining", "explained" and
/// "explain", or "trade-offs" and "tradeoff", meet.
fn stem(word: &str) -> String {
    let mut w = word.to_string();
    for suffix in ["ing", "ed", "es", "s", "ly"] {
        if let Some(base) = w.strip_suffix(suffix)
            && base.chars().count() >= 3
            && !(suffix == "s" && base.ends_with('s'))
        {
            w = base.to_string();
            break;
        }
    }
    w
}

/// Whether two items (as word sets) are about the same thing.
pub fn related(a: &BTreeSet<String>, b: &BTreeSet<String>) -> bool {
    let shared = a.intersection(b).count();
    let smaller = a.len().min(b.len());
    if shared == 0 || smaller == 0 {
        return false;
    }
    let needed = if smaller >= 4 { 2 } else { 1 };
    shared >= needed && shared * 2 >= smaller
}

/// One item of the list, with where it is written.
#[derive(Debug, Clone)]
pub struct Item<'a, J> {
    /// The text as written.
    pub text: &'a str,
    /// Where it comes from (a journal reference of the caller's choosing).
    pub source: J,
}

/// Items about the same thing.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Group<J> {
    /// The wording shown: the first one written.
    pub label: String,
    /// How many items it gathers.
    pub count: usize,
    /// Every distinct wording after the first.
    pub also: Vec<String>,
    /// Where each item comes from, in order, without repeats.
    pub sources: Vec<J>,
}

/// Groups items about the same thing; most frequent first, then in the
/// order they were first written.
pub fn group<J: Clone + Eq + std::hash::Hash>(items: &[Item<'_, J>]) -> Vec<Group<J>> {
    // Items with the same significant words (or, with none, the same text)
    // are one "wording class"; only classes are compared, through an index
    // from word to class, so long lists with repeated wordings stay fast.
    // A text seen before is not split into words again.
    let mut class_of_text: HashMap<&str, usize> = HashMap::new();
    let mut class_of_key: HashMap<String, usize> = HashMap::new();
    let mut classes: Vec<BTreeSet<String>> = Vec::new();
    let class: Vec<usize> = items
        .iter()
        .map(|i| {
            if let Some(&c) = class_of_text.get(i.text) {
                return c;
            }
            let set = words(i.text);
            let key = if set.is_empty() {
                format!("\u{1f}{}", crate::journal::model::normalise(i.text))
            } else {
                set.iter().cloned().collect::<Vec<_>>().join(" ")
            };
            let c = *class_of_key.entry(key).or_insert_with(|| {
                classes.push(set);
                classes.len() - 1
            });
            class_of_text.insert(i.text, c);
            c
        })
        .collect();
    let mut parent: Vec<usize> = (0..classes.len()).collect();
    fn find(parent: &mut [usize], mut i: usize) -> usize {
        while parent[i] != i {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        i
    }
    let mut by_word: HashMap<&str, Vec<usize>> = HashMap::new();
    for (c, set) in classes.iter().enumerate() {
        let mut seen = BTreeSet::new();
        for w in set {
            for &other in by_word.get(w.as_str()).into_iter().flatten() {
                if seen.insert(other) && related(set, &classes[other]) {
                    let (a, b) = (find(&mut parent, c), find(&mut parent, other));
                    parent[a.max(b)] = a.min(b);
                }
            }
            by_word.entry(w.as_str()).or_default().push(c);
        }
    }
    let mut index_of_root: HashMap<usize, usize> = HashMap::new();
    let mut out: Vec<Group<J>> = Vec::new();
    // Each group's wordings and sources so far, to keep repeats out
    // without a scan.
    let mut seen: Vec<(HashSet<&str>, HashSet<&J>)> = Vec::new();
    for (i, item) in items.iter().enumerate() {
        let root = find(&mut parent, class[i]);
        let text = item.text.trim();
        match index_of_root.get(&root) {
            Some(&g) => {
                let group = &mut out[g];
                group.count += 1;
                let (wordings, sources) = &mut seen[g];
                if wordings.insert(text) {
                    group.also.push(text.to_string());
                }
                if sources.insert(&item.source) {
                    group.sources.push(item.source.clone());
                }
            }
            None => {
                index_of_root.insert(root, out.len());
                seen.push((HashSet::from([text]), HashSet::from([&item.source])));
                out.push(Group {
                    label: text.to_string(),
                    count: 1,
                    also: Vec::new(),
                    sources: vec![item.source.clone()],
                });
            }
        }
    }
    // Stable: equal counts keep the order of first appearance.
    out.sort_by_key(|g| std::cmp::Reverse(g.count));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn labels(texts: &[&str]) -> Vec<(String, usize)> {
        let items: Vec<Item<'_, usize>> = texts
            .iter()
            .enumerate()
            .map(|(i, t)| Item { text: t, source: i })
            .collect();
        group(&items)
            .into_iter()
            .map(|g| (g.label, g.count))
            .collect()
    }

    #[test]
    fn the_same_struggle_in_three_wordings_is_one_group() {
        let g = labels(&[
            "Explaining the trade-offs in my system design",
            "Salary expectations: gave a number too early",
            "System design: I didn't discuss trade-offs clearly",
            "Behavioural question about a conflict with a manager",
            "struggled with the system-design round",
        ]);
        assert_eq!(
            g,
            vec![
                (
                    "Explaining the trade-offs in my system design".to_string(),
                    3
                ),
                (
                    "Salary expectations: gave a number too early".to_string(),
                    1
                ),
                (
                    "Behavioural question about a conflict with a manager".to_string(),
                    1
                ),
            ]
        );
    }

    #[test]
    fn stems_meet_and_common_words_do_not_join() {
        assert_eq!(words("Explaining explained"), words("explain"));
        assert!(!related(
            &words("the questions about SQL"),
            &words("questions about my CV")
        ));
        assert!(related(
            &words("SQL window functions"),
            &words("window functions in SQL")
        ));
        // One shared word of four is not enough.
        assert!(!related(
            &words("testing strategy for legacy code"),
            &words("strategy for salary negotiation talks")
        ));
    }

    #[test]
    fn items_without_significant_words_group_only_when_identical() {
        let g = labels(&["It was hard", "it  was hard", "Too much"]);
        assert_eq!(
            g,
            vec![("It was hard".to_string(), 2), ("Too much".to_string(), 1)]
        );
    }
}
