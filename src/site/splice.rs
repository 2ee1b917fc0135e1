//! Long lists of pre-rendered items go into a page after Tera rendered it.
//!
//! The dashboard of 10,000 journals holds megabytes of action items. Passed
//! through Tera's context as one string, they are copied into its values,
//! then into its output; as a slot they are copied once, into the page.
//! The template sees a short marker where the items go (a `| safe` value,
//! empty when there are no items, so `{% if %}` still works), and
//! [`Splice::apply`] puts the items in its place.
//!
//! The marker is an HTML comment: journal text never reaches a page with a
//! `<` unescaped (template values are autoescaped, Markdown is sanitized,
//! comments dropped), so no journal can write a marker.

/// The lists of one page, each put where its marker is.
#[derive(Default)]
pub struct Splice<'a> {
    slots: Vec<Vec<&'a str>>,
}

const OPEN: &str = "<!--debrief-slot-";
const CLOSE: &str = "-->";

impl<'a> Splice<'a> {
    /// The marker the template shows where `items` go: empty for no items.
    pub fn slot(&mut self, items: Vec<&'a str>) -> String {
        if items.iter().all(|i| i.is_empty()) {
            return String::new();
        }
        self.slots.push(items);
        format!("{OPEN}{}{CLOSE}", self.slots.len() - 1)
    }

    /// `page` with every marker replaced by its items (a marker shown
    /// twice gets them twice; one not shown, not at all).
    pub fn apply(&self, page: String) -> String {
        if self.slots.is_empty() || !page.contains(OPEN) {
            return page;
        }
        let extra: usize = self.slots.iter().flatten().map(|i| i.len()).sum();
        let mut out = String::with_capacity(page.len() + extra);
        let mut rest = page.as_str();
        while let Some(at) = rest.find(OPEN) {
            out.push_str(&rest[..at]);
            let after = &rest[at + OPEN.len()..];
            let slot = after.find(CLOSE).and_then(|end| {
                let i: usize = after[..end].parse().ok()?;
                Some((self.slots.get(i)?, end + CLOSE.len()))
            });
            match slot {
                Some((items, len)) => {
                    items.iter().for_each(|i| out.push_str(i));
                    rest = &after[len..];
                }
                // Not one of ours: kept as it is.
                None => {
                    out.push_str(OPEN);
                    rest = after;
                }
            }
        }
        out.push_str(rest);
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markers_are_replaced_by_their_items_and_the_rest_is_kept() {
        let mut s = Splice::default();
        let a = s.slot(vec!["<li>1</li>", "<li>2</li>"]);
        let none = s.slot(vec![]);
        let b = s.slot(vec!["<p>b</p>"]);
        assert_eq!(none, "");
        let page = format!("<ul>{a}</ul>{b}{a}<!--debrief-slot-9--><!--debrief-slot-x--> end");
        assert_eq!(
            s.apply(page),
            "<ul><li>1</li><li>2</li></ul><p>b</p><li>1</li><li>2</li><!--debrief-slot-9--><!--debrief-slot-x--> end"
        );
    }
}
