//! Long lists of pre-rendered items go into a page after Tera rendered it.
//!
//! The dashboard of 10,000 journals holds megabytes of action items. Passed
//! through Tera's context as one string, they are copied into its values,
//! then into its output; as a slot they are copied once, into the page.
//! The template sees a short marker where the items go (a `| safe` value,
//! empty when there are no items, so `{% if %}` still works), and
//! [`Splice::apply`] puts the items in its place.
//!
//! The items are shared [`Bytes`], so a page is a list of [`Pieces`] that
//! point into them rather than one new buffer.
//!
//! The marker is an HTML comment: journal text never reaches a page with a
//! `<` unescaped (template values are autoescaped, Markdown is sanitized,
//! comments dropped), so no journal can write a marker.

use std::sync::LazyLock;

use bytes::Bytes;

/// Stands for the way back to the site's root (`{{ root }}`) while a
/// fragment shown on pages of several depths is rendered: random for each
/// process, so no journal can write it.
pub static ROOT: LazyLock<String> = LazyLock::new(|| {
    let mut seed = [0u8; 16];
    // Without randomness, the time and the process still make it unlikely.
    if getrandom::fill(&mut seed).is_err() {
        let t = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos());
        seed = (t ^ u128::from(std::process::id())).to_le_bytes();
    }
    let hex: String = seed.iter().map(|b| format!("{b:02x}")).collect();
    format!("debrief-root-{hex}/")
});

/// A fragment for pages at any depth (an action on the dashboard, on the
/// drafts page and on the numbered pages of both): rendered once with
/// [`ROOT`] for the root, and kept as the pieces between, so that a page
/// puts its own root between them without copying anything.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Rooted(Vec<Bytes>);

/// `text` without spare capacity. Templates and writers grow their
/// strings by doubling, so a fragment kept for the whole build (an
/// action's item, event, entry and draft, for every open action) would
/// hold up to twice its size.
pub fn shrunk(mut text: String) -> String {
    text.shrink_to_fit();
    text
}

/// [`shrunk`] `text`, as bytes.
pub fn lean(text: String) -> Bytes {
    Bytes::from(shrunk(text))
}

impl Rooted {
    /// `rendered` (made with [`ROOT`] for the root), cut where the root goes.
    pub fn new(rendered: String) -> Rooted {
        let all = lean(rendered);
        let text = std::str::from_utf8(&all).expect("rendered from a String");
        let mut pieces = Vec::new();
        let mut from = 0;
        for (at, _) in text.match_indices(ROOT.as_str()) {
            pieces.push(all.slice(from..at));
            from = at + ROOT.len();
        }
        pieces.push(all.slice(from..));
        Rooted(pieces)
    }

    /// A fragment without links: the same at every depth.
    pub fn plain(bytes: Bytes) -> Rooted {
        Rooted(vec![bytes])
    }

    /// What it is made of, as addresses and lengths: two fragments alive
    /// at once with the same identity are the same fragment.
    pub fn identity(&self) -> impl Iterator<Item = (usize, usize)> + '_ {
        self.0.iter().map(|b| (b.as_ptr() as usize, b.len()))
    }

    /// Its pieces on a page whose way back to the root is `root`.
    fn at(&self, root: &Bytes, out: &mut Vec<Bytes>) {
        for (i, piece) in self.0.iter().enumerate() {
            if i > 0 {
                out.push(root.clone());
            }
            out.push(piece.clone());
        }
    }
}

/// A file's bytes as a list of pieces. The pages every journal feeds are
/// joined from parts that stay in memory between saves: they go out (to
/// disk, or to a browser from `serve`) piece by piece, never copied into one
/// buffer.
#[derive(Debug, Clone, Default)]
pub struct Pieces(Vec<Bytes>);

impl Pieces {
    /// How many bytes in all.
    pub fn len(&self) -> usize {
        self.0.iter().map(Bytes::len).sum()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.0.iter().all(Bytes::is_empty)
    }

    /// The pieces, in order.
    pub fn pieces(&self) -> &[Bytes] {
        &self.0
    }

    /// The pieces, to send.
    pub fn into_pieces(self) -> Vec<Bytes> {
        self.0
    }

    /// Puts `piece` at the end.
    pub fn push(&mut self, piece: impl Into<Bytes>) {
        let piece = piece.into();
        if !piece.is_empty() {
            self.0.push(piece);
        }
    }

    /// The bytes in one buffer.
    pub fn to_vec(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(self.len());
        self.0.iter().for_each(|p| out.extend_from_slice(p));
        out
    }
}

impl From<Vec<u8>> for Pieces {
    fn from(bytes: Vec<u8>) -> Self {
        let mut p = Pieces::default();
        p.push(bytes);
        p
    }
}

impl From<String> for Pieces {
    fn from(text: String) -> Self {
        Pieces::from(text.into_bytes())
    }
}

/// The same bytes, however they are cut into pieces.
impl PartialEq for Pieces {
    fn eq(&self, other: &Self) -> bool {
        self.len() == other.len()
            && self
                .0
                .iter()
                .flat_map(|p| p.iter())
                .eq(other.0.iter().flat_map(|p| p.iter()))
    }
}

impl Eq for Pieces {}

/// The lists of one page, each put where its marker is.
#[derive(Default)]
pub struct Splice {
    slots: Vec<Vec<Bytes>>,
}

const OPEN: &str = "<!--debrief-slot-";
const CLOSE: &str = "-->";

impl Splice {
    /// The marker the template shows where `items` go: empty for no items.
    pub fn slot(&mut self, items: Vec<Bytes>) -> String {
        if items.iter().all(|i| i.is_empty()) {
            return String::new();
        }
        self.slots.push(items);
        format!("{OPEN}{}{CLOSE}", self.slots.len() - 1)
    }

    /// The marker for `items` on a page whose way back to the root is
    /// `root`.
    pub fn slot_at<R: std::borrow::Borrow<Rooted>>(&mut self, items: &[R], root: &str) -> String {
        let root = Bytes::copy_from_slice(root.as_bytes());
        let mut pieces = Vec::with_capacity(items.len() * 3);
        items.iter().for_each(|i| i.borrow().at(&root, &mut pieces));
        self.slot(pieces)
    }

    /// `page` with every marker replaced by its items (a marker shown
    /// twice gets them twice; one not shown, not at all).
    pub fn apply(&self, page: String) -> Pieces {
        // Where each marker is, and its items.
        let mut found: Vec<(usize, usize, &[Bytes])> = Vec::new();
        let mut from = 0;
        while let Some(at) = page[from..].find(OPEN).map(|i| from + i) {
            let after = at + OPEN.len();
            let slot = page[after..].find(CLOSE).and_then(|end| {
                let i: usize = page[after..after + end].parse().ok()?;
                Some((self.slots.get(i)?, after + end + CLOSE.len()))
            });
            match slot {
                Some((items, to)) => {
                    found.push((at, to, items));
                    from = to;
                }
                // Not one of ours: kept as it is.
                None => from = after,
            }
        }
        let page = Bytes::from(page);
        let mut out = Pieces::default();
        let mut kept = 0;
        for (at, to, items) in found {
            out.push(page.slice(kept..at));
            items.iter().for_each(|i| out.push(i.clone()));
            kept = to;
        }
        out.push(page.slice(kept..));
        out
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_rooted_fragment_takes_the_root_of_each_page() {
        let made = format!(
            "<a href=\"{}applications/x/\">x</a> <a href=\"{}journals/y/\">y</a>",
            *ROOT, *ROOT
        );
        let item = Rooted::new(made);
        for (root, want) in [
            (
                "",
                "<a href=\"applications/x/\">x</a> <a href=\"journals/y/\">y</a>",
            ),
            (
                "../../",
                "<a href=\"../../applications/x/\">x</a> <a href=\"../../journals/y/\">y</a>",
            ),
        ] {
            let mut s = Splice::default();
            let marker = s.slot_at(std::slice::from_ref(&item), root);
            let page = s.apply(format!("<ul>{marker}</ul>"));
            assert_eq!(
                String::from_utf8(page.to_vec()).unwrap(),
                format!("<ul>{want}</ul>")
            );
        }
    }

    use super::*;

    #[test]
    fn markers_are_replaced_by_their_items_and_the_rest_is_kept() {
        let mut s = Splice::default();
        let a = s.slot(vec![Bytes::from("<li>1</li>"), Bytes::from("<li>2</li>")]);
        let none = s.slot(vec![]);
        let b = s.slot(vec![Bytes::from("<p>b</p>")]);
        assert_eq!(none, "");
        let page = format!("<ul>{a}</ul>{b}{a}<!--debrief-slot-9--><!--debrief-slot-x--> end");
        let out = s.apply(page);
        assert_eq!(
            out.to_vec(),
            b"<ul><li>1</li><li>2</li></ul><p>b</p><li>1</li><li>2</li><!--debrief-slot-9--><!--debrief-slot-x--> end"
        );
        // The items are not copied: the pieces point at them.
        assert_eq!(out.pieces().len(), 8);
        assert_eq!(out, Pieces::from(out.to_vec()));
        assert_ne!(out, Pieces::from(b"<ul>".to_vec()));
    }
}
