//! Lists that grow with the repository, on numbered pages.
//!
//! A page that lists everything (every open action, every draft, every
//! application) grows without bound: at 10,000 journals the dashboard was
//! 13 MB. Such a page shows the first [`SHOWN`] items and links to the whole
//! list, which is cut into pages of [`PER_PAGE`] the way site generators
//! paginate: `due/overdue/` is the first page, `due/overdue/2/` the second.
//! Counts always give the whole list.

use std::ops::Range;

use serde::Serialize;

/// How many items a summary page (the dashboard, the reflections page)
/// shows of a list before linking to its pages.
pub const SHOWN: usize = 50;

/// How many items a numbered page holds.
pub const PER_PAGE: usize = 200;

/// How many page numbers the pager shows on each side of the current one.
const AROUND: usize = 2;

/// The pager of one numbered page: where it is and where the others are
/// (paths from the site's root, ending in `/`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Pager {
    /// This page's number, from 1.
    pub page: usize,
    /// How many pages.
    pub pages: usize,
    /// How many items in all.
    pub total: usize,
    /// The number of this page's first item, from 1 (for `<ol start>`).
    pub first: usize,
    /// The number of this page's last item.
    pub last: usize,
    /// The page before, if any.
    pub prev: Option<String>,
    /// The page after, if any.
    pub next: Option<String>,
    /// The numbers to show: the first and last page and those around this
    /// one, with `None` where numbers are left out.
    pub numbers: Vec<Option<PageLink>>,
}

/// A link to a numbered page.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PageLink {
    /// Its number.
    pub n: usize,
    /// Its path from the site's root.
    pub href: String,
    /// Whether it is the page showing the pager.
    pub current: bool,
}

/// The path (from the site's root) of page `n` of the list at `dir`.
pub fn href(dir: &str, n: usize) -> String {
    match n {
        1 => format!("{dir}/"),
        n => format!("{dir}/{n}/"),
    }
}

/// The file of page `n` of the list at `dir`.
pub fn file(dir: &str, n: usize) -> String {
    format!("{}index.html", href(dir, n))
}

/// The pages of a list of `total` items at `dir`, `per_page` to a page:
/// each page's items and pager. An empty list has one empty page.
pub fn pages(dir: &str, total: usize, per_page: usize) -> Vec<(Range<usize>, Pager)> {
    let per_page = per_page.max(1);
    let count = total.div_ceil(per_page).max(1);
    (1..=count)
        .map(|page| {
            let range = (page - 1) * per_page..(page * per_page).min(total);
            // The first page, those around this one and the last; a gap
            // between them is one `None`. Only those are visited: a list
            // of thousands of pages must not cost pages × pages.
            let mut shown: Vec<usize> = vec![1];
            shown.extend(page.saturating_sub(AROUND).max(1)..=(page + AROUND).min(count));
            shown.push(count);
            shown.dedup();
            let mut numbers = Vec::new();
            for (i, &n) in shown.iter().enumerate() {
                if i > 0 && n > shown[i - 1] + 1 {
                    numbers.push(None);
                }
                numbers.push(Some(PageLink {
                    n,
                    href: href(dir, n),
                    current: n == page,
                }));
            }
            let pager = Pager {
                page,
                pages: count,
                total,
                first: range.start + 1,
                last: range.end,
                prev: (page > 1).then(|| href(dir, page - 1)),
                next: (page < count).then(|| href(dir, page + 1)),
                numbers,
            };
            (range, pager)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_cover_every_item_once_in_order() {
        for total in [0, 1, 199, 200, 201, 1000, 1001] {
            let pages = pages("due/overdue", total, 200);
            let items: Vec<usize> = pages.iter().flat_map(|(r, _)| r.clone()).collect();
            assert_eq!(items, (0..total).collect::<Vec<_>>());
            assert_eq!(pages.len(), total.div_ceil(200).max(1));
            assert!(pages.iter().all(|(_, p)| p.total == total));
        }
    }

    #[test]
    fn the_first_page_is_the_folder_and_neighbours_link() {
        let pages = pages("due/overdue", 450, 200);
        assert_eq!(file("due/overdue", 1), "due/overdue/index.html");
        assert_eq!(file("due/overdue", 2), "due/overdue/2/index.html");
        let (range, second) = &pages[1];
        assert_eq!(range, &(200..400));
        assert_eq!(second.prev.as_deref(), Some("due/overdue/"));
        assert_eq!(second.next.as_deref(), Some("due/overdue/3/"));
        assert_eq!((second.first, second.last), (201, 400));
        assert_eq!(pages[0].1.prev, None);
        assert_eq!(pages[2].1.next, None);
    }

    #[test]
    fn long_pagers_leave_numbers_out() {
        let pages = pages("drafts", 100 * 200, 200);
        let shown = |p: &Pager| -> Vec<Option<usize>> {
            p.numbers.iter().map(|l| l.as_ref().map(|l| l.n)).collect()
        };
        assert_eq!(
            shown(&pages[49].1),
            vec![
                Some(1),
                None,
                Some(48),
                Some(49),
                Some(50),
                Some(51),
                Some(52),
                None,
                Some(100)
            ]
        );
        assert_eq!(
            shown(&pages[0].1),
            vec![Some(1), Some(2), Some(3), None, Some(100)]
        );
    }

    #[test]
    fn a_pager_shows_the_first_the_last_and_the_near_pages_with_gaps() {
        // Every page of lists of 1 to 12 pages, against the rule read
        // number by number.
        for count in 1..=12 {
            for (_, p) in pages("due", count * 10, 10) {
                let mut want: Vec<Option<usize>> = Vec::new();
                for n in 1..=count {
                    if n == 1 || n == count || n.abs_diff(p.page) <= AROUND {
                        want.push(Some(n));
                    } else if want.last().is_some_and(Option::is_some) {
                        want.push(None);
                    }
                }
                let got: Vec<Option<usize>> =
                    p.numbers.iter().map(|l| l.as_ref().map(|l| l.n)).collect();
                assert_eq!(got, want, "page {} of {count}", p.page);
            }
        }
    }
}
