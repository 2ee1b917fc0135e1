//! The practice list: what you struggled with, grouped when several journals
//! describe the same thing in different words (and the strengths, grouped
//! the same way).
//!
//! Each item is cut into words, lower-cased, stripped of English stop words
//! (NLTK's list, from `stop-words`) and of words every interview note uses
//! ("struggled", "question", "interviewer", …), and reduced to Snowball stems
//! (`rust-stemmers`), so "databases" meets "database" and "explaining" meets
//! "explained". Words weigh by how rare they are in the whole list (inverse
//! document frequency): a word most items use says little about any one.
//!
//! Groups are formed in one pass, most frequent wording first: an item, or
//! one sentence of it when it has several (a list item is often a topic
//! plus an aside about the day), joins the group whose centre (the sum of
//! what joined it) it is most similar to (cosine at least [`JOIN`], and at
//! least two words in common, or the item's one word carrying half of the
//! centre); the item whole, then each sentence in order, and the first
//! that can join decides (people say what an item is about first). Otherwise
//! the item starts a group about its first sentence. A second pass, with
//! the centres as the first left them, files every item again the same
//! way, so early items meet the groups formed after them. An item is
//! compared with a group's centre, never with its single most similar
//! member, so groups cannot chain through weak links the way a transitive
//! closure does.
//!
//! Time is near-linear: candidates are found through an index from word to
//! the groups whose centre holds it, and a word shared by more than
//! [`POSTINGS`] groups stops being indexed (it cannot tell topics apart).

use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

use rust_stemmers::{Algorithm, Stemmer};
use serde::Serialize;

/// How similar (cosine, 0 to 1) an item must be to a group's centre to join it.
const JOIN: f32 = 0.4;

/// How many groups one word leads to, at most, when looking for candidates.
const POSTINGS: usize = 48;

/// Words that say nothing about *what* was hard, beyond the stop words:
/// every interview note uses them. Compared after stemming.
const DOMAIN: &[&str] = &[
    "struggle",
    "struggled",
    "struggling",
    "hard",
    "harder",
    "difficult",
    "difficulty",
    "bit",
    "lot",
    "felt",
    "feel",
    "feeling",
    "question",
    "answer",
    "interview",
    "interviewer",
    "round",
    "time",
    "went",
    "go",
    "going",
    "need",
    "better",
    "tricky",
    "tough",
    "poorly",
    "badly",
    "weak",
    "really",
    "quite",
    "still",
    "though",
    "enough",
    "also",
    "get",
    "got",
    "one",
    "way",
    "much",
    "well",
    "good",
    "great",
    "didnt",
    "dont",
    "wasnt",
    "couldnt",
    "im",
    "ive",
    "would",
    "could",
    "might",
    "maybe",
    "thing",
    "things",
    "kind",
    "sort",
];

static STEMMER: LazyLock<Stemmer> = LazyLock::new(|| Stemmer::create(Algorithm::English));

/// Stop words (as written) and domain words (as stems).
static STOP: LazyLock<(HashSet<&'static str>, HashSet<String>)> = LazyLock::new(|| {
    let words: HashSet<&'static str> = stop_words::get("en").iter().copied().collect();
    let stems = DOMAIN
        .iter()
        .map(|w| STEMMER.stem(w).into_owned())
        .collect();
    (words, stems)
});

/// The stem of `word` (lower-case), or `None` for a word that says nothing.
fn significant(word: &str) -> Option<String> {
    let (stop, domain) = &*STOP;
    if word.chars().count() < 2 || stop.contains(word) {
        return None;
    }
    let stem = STEMMER.stem(word).into_owned();
    (!domain.contains(&stem) && !domain.contains(word)).then_some(stem)
}

/// Calls `f` with each word of `text` as written (lower-case) and the
/// number of its sentence; a hyphenated word gives its parts.
fn each_word(text: &str, mut f: impl FnMut(&str, usize)) {
    let mut sentence = 0;
    let mut seen_word = false;
    let mut word = String::new();
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c.is_alphanumeric() {
            word.extend(c.to_lowercase());
            seen_word = true;
            continue;
        }
        if !word.is_empty() {
            f(&word, sentence);
            word.clear();
        }
        // A sentence ends at '.', '!', '?', ';' or a line break followed by
        // more text (not the dot of "e.g." or "v1.2").
        let ends = matches!(c, '.' | '!' | '?' | ';' | '\n')
            && chars.peek().is_none_or(|n| n.is_whitespace());
        if ends && seen_word {
            sentence += 1;
            seen_word = false;
        }
    }
    if !word.is_empty() {
        f(&word, sentence);
    }
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
    /// Wordings and sources left out of `also` and `sources` when a page
    /// shows only the first ones (see [`Group::shortened`]).
    pub more_also: usize,
    /// See `more_also`.
    pub more_sources: usize,
}

impl<J: Clone> Group<J> {
    /// The group with at most `n` wordings and sources listed, and how
    /// many more each has.
    pub fn shortened(&self, n: usize) -> Group<J> {
        Group {
            label: self.label.clone(),
            count: self.count,
            also: self.also.iter().take(n).cloned().collect(),
            sources: self.sources.iter().take(n).cloned().collect(),
            more_also: self.more_also + self.also.len().saturating_sub(n),
            more_sources: self.more_sources + self.sources.len().saturating_sub(n),
        }
    }
}

/// A distinct wording: its terms (ids, weighted) as a whole and sentence
/// by sentence, and how many items use it.
struct Wording {
    /// The whole item first, then each sentence when there are several.
    parts: Vec<Vec<(u32, f32)>>,
    count: usize,
    first: usize,
}

/// Turns texts into wordings, interning words and stems as it goes.
#[derive(Default)]
struct Lexicon {
    /// A word as written → its term id (`u32::MAX`: not significant).
    word: HashMap<String, u32>,
    /// A stem → its term id.
    stem: HashMap<String, u32>,
}

impl Lexicon {
    /// The terms of `text`: as a whole, then per sentence when it has
    /// several (nothing when it has no significant word).
    fn parts(&mut self, text: &str) -> Vec<Vec<(u32, f32)>> {
        let mut parts: Vec<Vec<(u32, f32)>> = vec![Vec::new()];
        // The sentence the last part holds (sentences without a significant
        // word get none).
        let mut current = None;
        each_word(text, |w, sentence| {
            let id = match self.word.get(w) {
                Some(&id) => id,
                None => {
                    let id = match significant(w) {
                        Some(stem) => {
                            let next = self.stem.len() as u32;
                            *self.stem.entry(stem).or_insert(next)
                        }
                        None => u32::MAX,
                    };
                    self.word.insert(w.to_string(), id);
                    id
                }
            };
            if id != u32::MAX {
                parts[0].push((id, 1.0));
                if current != Some(sentence) {
                    current = Some(sentence);
                    parts.push(Vec::new());
                }
                parts.last_mut().expect("a sentence").push((id, 1.0));
            }
        });
        for p in &mut parts {
            p.sort_by_key(|t| t.0);
            p.dedup_by_key(|t| t.0);
        }
        match parts.len() {
            1 if parts[0].is_empty() => Vec::new(),
            // One sentence: it is the whole.
            2 => vec![parts.swap_remove(0)],
            _ => parts,
        }
    }
}

/// A group being formed: the sum of its wordings' unit vectors.
#[derive(Default)]
struct Centre {
    /// Term → (summed weight, its place in that term's postings, if indexed).
    sum: HashMap<u32, (f32, Option<u32>)>,
    norm2: f32,
    /// How many items joined it.
    items: usize,
}

/// The groups being formed, and the index from term to groups.
struct Grouping {
    centres: Vec<Centre>,
    /// Term → (group, its summed weight for the term).
    postings: Vec<Vec<(u32, f32)>>,
    score: Vec<f32>,
    /// Per group: the share of its centre's weight the item holds.
    covered: Vec<f32>,
    /// Per group: how many of the item's terms its centre holds.
    shared: Vec<u32>,
    touched: Vec<u32>,
}

impl Grouping {
    fn new(terms: usize) -> Self {
        Grouping {
            centres: Vec::new(),
            postings: vec![Vec::new(); terms],
            score: Vec::new(),
            covered: Vec::new(),
            shared: Vec::new(),
            touched: Vec::new(),
        }
    }

    /// The group whose centre `v` (a unit vector) is most similar to, at
    /// least [`JOIN`].
    fn best(&mut self, v: &[(u32, f32)]) -> Option<(usize, f32)> {
        for &(t, w) in v {
            for &(g, s) in &self.postings[t as usize] {
                let g = g as usize;
                if self.score[g] == 0.0 {
                    self.touched.push(g as u32);
                }
                self.score[g] += w * s;
                self.covered[g] += s * s;
                self.shared[g] += 1;
            }
        }
        let mut best: Option<(usize, f32)> = None;
        for &g in &self.touched {
            let g = g as usize;
            let cos = self.score[g] / self.centres[g].norm2.sqrt();
            let cover = self.covered[g] / self.centres[g].norm2;
            let shared = self.shared[g] as usize;
            self.score[g] = 0.0;
            self.covered[g] = 0.0;
            self.shared[g] = 0;
            // Two words in common, or the item's only word and at least
            // half of what the group is about: one word of several in
            // common ("salary expectations", "on-call expectations") is
            // not enough.
            let enough = if v.len() == 1 {
                cover >= 0.5
            } else {
                shared >= 2
            };
            if cos >= JOIN && enough && best.is_none_or(|(b, c)| cos > c || (cos == c && g < b)) {
                best = Some((g, cos));
            }
        }
        self.touched.clear();
        best
    }

    /// Which of `parts` (an item, then its sentences when it has several)
    /// joins a group, and that group: the first part that can. People say
    /// what an item is about first and add asides after ("Conflict with my
    /// manager: rambling. I was tired."), so an aside never pulls an item
    /// away from its topic.
    fn closest(&mut self, parts: &[Vec<(u32, f32)>]) -> Option<(usize, usize)> {
        parts
            .iter()
            .enumerate()
            .find_map(|(i, part)| self.best(part).map(|(g, _)| (i, g)))
    }

    /// Adds `count` items of wording `v` to group `g` (a new one when `g`
    /// is the number of groups).
    fn add(&mut self, g: usize, v: &[(u32, f32)], count: usize) {
        if g == self.centres.len() {
            self.centres.push(Centre::default());
            self.score.push(0.0);
            self.covered.push(0.0);
            self.shared.push(0);
        }
        let centre = &mut self.centres[g];
        centre.items += count;
        for &(t, w) in v {
            let add = w * count as f32;
            let entry = centre.sum.entry(t).or_insert((0.0, None));
            let list = &mut self.postings[t as usize];
            if entry.1.is_none() && list.len() < POSTINGS {
                entry.1 = Some(list.len() as u32);
                list.push((g as u32, 0.0));
            }
            centre.norm2 += (entry.0 + add).powi(2) - entry.0.powi(2);
            entry.0 += add;
            if let Some(p) = entry.1 {
                list[p as usize].1 = entry.0;
            }
        }
    }
}

/// Groups items about the same thing; most frequent first, then in the
/// order they were first written.
pub fn group<J: Clone + Eq + std::hash::Hash>(items: &[Item<'_, J>]) -> Vec<Group<J>> {
    // Distinct wordings: the same text (or, without significant words, the
    // same normalised text) is one wording, split into words once.
    let mut lexicon = Lexicon::default();
    let mut by_text: HashMap<&str, usize> = HashMap::new();
    let mut by_plain: HashMap<String, usize> = HashMap::new();
    let mut wordings: Vec<Wording> = Vec::new();
    let wording_of: Vec<usize> = items
        .iter()
        .enumerate()
        .map(|(i, item)| {
            let w = match by_text.get(item.text) {
                Some(&w) => w,
                None => {
                    let parts = lexicon.parts(item.text);
                    let w = if parts.is_empty() {
                        let plain = crate::journal::model::normalise(item.text);
                        *by_plain.entry(plain).or_insert(wordings.len())
                    } else {
                        wordings.len()
                    };
                    if w == wordings.len() {
                        wordings.push(Wording {
                            parts,
                            count: 0,
                            first: i,
                        });
                    }
                    by_text.insert(item.text, w);
                    w
                }
            };
            wordings[w].count += 1;
            w
        })
        .collect();

    // Weights: how rare each term is among the items.
    let terms = lexicon.stem.len();
    let mut df = vec![0usize; terms];
    for w in &wordings {
        for &(t, _) in w.parts.first().into_iter().flatten() {
            df[t as usize] += w.count;
        }
    }
    let n = items.len() as f32;
    let idf: Vec<f32> = df
        .iter()
        .map(|&d| (1.0 + n / d.max(1) as f32).ln())
        .collect();
    for part in wordings.iter_mut().flat_map(|w| &mut w.parts) {
        for t in part.iter_mut() {
            t.1 = idf[t.0 as usize];
        }
        let norm = part.iter().map(|t| t.1 * t.1).sum::<f32>().sqrt();
        for t in part.iter_mut() {
            t.1 /= norm;
        }
    }

    // The most frequent wordings first: they make the steadiest centres.
    let mut order: Vec<usize> = (0..wordings.len()).collect();
    order.sort_by_key(|&w| (std::cmp::Reverse(wordings[w].count), wordings[w].first));
    let mut grouping = Grouping::new(terms);
    let mut group_of = vec![usize::MAX; wordings.len()];
    for &w in &order {
        let parts = &wordings[w].parts;
        if parts.is_empty() {
            continue;
        }
        // The item, or the one sentence of it, closest to a group joins it;
        // otherwise the item starts a group about its first sentence.
        let (part, g) = grouping
            .closest(parts)
            .unwrap_or((parts.len().min(2) - 1, grouping.centres.len()));
        grouping.add(g, &parts[part], wordings[w].count);
        group_of[w] = g;
    }
    // Second pass: each wording filed again against the centres as they
    // now are. They are fixed during the pass, so its order does not matter.
    for &w in &order {
        if let Some((_, g)) = grouping.closest(&wordings[w].parts) {
            group_of[w] = g;
        }
    }

    // Wordings without significant words are groups of their own.
    let mut next = grouping.centres.len();
    for w in order {
        if group_of[w] == usize::MAX {
            group_of[w] = next;
            next += 1;
        }
    }

    let mut index_of: HashMap<usize, usize> = HashMap::new();
    let mut out: Vec<Group<J>> = Vec::new();
    // Each group's wordings and sources so far, to keep repeats out
    // without a scan.
    let mut seen: Vec<(HashSet<&str>, HashSet<&J>)> = Vec::new();
    for (item, &w) in items.iter().zip(&wording_of) {
        let text = item.text.trim();
        match index_of.get(&group_of[w]) {
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
                index_of.insert(group_of[w], out.len());
                seen.push((HashSet::from([text]), HashSet::from([&item.source])));
                out.push(Group {
                    label: text.to_string(),
                    count: 1,
                    also: Vec::new(),
                    sources: vec![item.source.clone()],
                    more_also: 0,
                    more_sources: 0,
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

    /// The significant words of an item, as stems (sorted, without repeats).
    fn words(text: &str) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        each_word(text, |w, _| out.extend(significant(w)));
        out.sort();
        out.dedup();
        out
    }

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
    fn stems_meet_and_common_words_do_not_count() {
        assert_eq!(words("Explaining explained"), words("explain"));
        assert_eq!(words("databases"), words("database"));
        assert_eq!(words("system-design"), words("design of a system"));
        assert_eq!(
            words("the questions I struggled with"),
            Vec::<String>::new()
        );
    }

    #[test]
    fn one_shared_word_of_several_does_not_join() {
        let g = labels(&[
            "testing strategy for legacy code",
            "strategy for salary negotiation talks",
            "SQL window functions",
            "window functions in SQL",
        ]);
        assert_eq!(g.len(), 3, "{g:?}");
        assert_eq!(g[0], ("SQL window functions".to_string(), 2));
    }

    #[test]
    fn a_shared_aside_does_not_join_two_topics() {
        let g = labels(&[
            "Recursion on trees. The interviewer looked at the clock the whole time and I got nervous.",
            "Notice period negotiation. The interviewer looked at the clock the whole time and I got nervous.",
        ]);
        assert_eq!(g.len(), 2, "{g:?}");
    }

    /// Wordings a person would see as one struggle, among unrelated items
    /// (from an outside trial): an aside shared with another item does not
    /// take a topic away, and no unrelated items join.
    #[test]
    fn natural_wordings_join_and_asides_do_not_pull() {
        let same: &[(&str, &str)] = &[
            ("Time complexity", "time complexity of heapsort"),
            ("salary question", "salary expectations"),
            ("behavioural: conflict", "conflict story"),
            (
                "tell me about yourself",
                "tell me about yourself - too long",
            ),
            (
                "Why I'm leaving my current job: sounded negative about my boss.",
                "Reasons for leaving my job: too much detail about the reorg.",
            ),
            (
                "Ran out of time on the system design (URL shortener).",
                "Ran out of time on the system design (chat app).",
            ),
            (
                "My story about a conflict with my manager was rambling. I was tired.",
                "Conflict with my manager story: rambling again.",
            ),
        ];
        let filler = [
            "Kubernetes pod scheduling",
            "Forgot to ask about the team size",
            "Whiteboard marker ran dry",
            "I was tired.",
            "Regex for email validation",
            "Dynamic programming on grids",
            "Explaining my gap year",
            "On-call expectations",
            "SQL window functions",
            "Their product roadmap",
        ];
        let mut texts: Vec<&str> = filler.to_vec();
        for (a, b) in same {
            texts.push(a);
            texts.push(b);
        }
        texts.push("I was tired.");
        let items: Vec<Item<'_, usize>> = texts
            .iter()
            .enumerate()
            .map(|(i, t)| Item { text: t, source: i })
            .collect();
        let groups = group(&items);
        let with = |text: &str| {
            groups
                .iter()
                .position(|g| g.label == text || g.also.iter().any(|a| a == text))
                .unwrap()
        };
        let joined = same.iter().filter(|(a, b)| with(a) == with(b)).count();
        // No two unrelated items together.
        for f in &filler {
            let g = &groups[with(f)];
            assert!(
                g.also.iter().all(|a| !filler.contains(&a.as_str())),
                "{f}: {g:?}"
            );
        }
        assert_eq!(groups[with("I was tired.")].count, 2, "{groups:?}");
        assert_eq!(
            with("My story about a conflict with my manager was rambling. I was tired."),
            with("Conflict with my manager story: rambling again."),
            "{groups:?}"
        );
        // Words alone cannot tell "salary question" from "on-call
        // expectations": pairs sharing one word of two stay apart.
        assert!(
            joined >= 2,
            "{joined} of {} pairs joined: {groups:?}",
            same.len()
        );
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
