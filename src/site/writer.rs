//! How a page is written: a template of the theme rendered with the site's
//! values and the page's way back to the root, its long lists spliced in,
//! handed to the sink; and the numbered pages of lists too long for one.

use std::borrow::Borrow;
use std::collections::HashMap;
use std::sync::Mutex;

use chrono::NaiveDate;
use serde::Serialize;

use super::splice::{Pieces, ROOT, Rooted, Splice};
use super::staging::Sink;
use super::{BuildError, paginate};
use crate::render::theme::ThemeError;

/// What every template gets as `site`.
#[derive(Serialize, Clone)]
pub(super) struct SiteView<'a> {
    pub title: &'a str,
    pub base_url: Option<&'a str>,
    pub private: bool,
    /// Built locked: `report.json` and `calendar.ics` are left out.
    pub encrypted: bool,
    pub today: NaiveDate,
}

/// A long list: what it is called, where its numbered pages are, what
/// kind of items it holds, and the page it belongs to.
pub(super) struct ListOf<'a> {
    pub title: &'a str,
    pub dir: &'a str,
    /// What the items are: `actions`, `problems`, `takeaways`, `grouped`
    /// (a practice or strengths list, rendered whole) or plain lines.
    pub kind: &'a str,
    pub back: &'a str,
    pub back_name: &'a str,
}

/// A numbered page of a long list (the theme's `list.html`).
#[derive(Serialize)]
struct ListView<'a> {
    title: &'a str,
    kind: &'a str,
    items: &'a str,
    back: &'a str,
    back_name: &'a str,
}

/// The way back to the site's root from the page `file`: `../` as deep as
/// it is.
pub(super) fn root_of(file: &str) -> String {
    "../".repeat(file.matches('/').count())
}

/// The first items of a list for a summary page, and where the whole list
/// is when it is longer.
pub(super) fn first<'i, R: Borrow<Rooted>>(items: &'i [R], dir: &str) -> (&'i [R], Option<String>) {
    let more = (items.len() > paginate::SHOWN).then(|| paginate::href(dir, 1));
    (&items[..items.len().min(paginate::SHOWN)], more)
}

/// A numbered page of a list as written: what it was made from (the
/// identity of its items, its pager) and its bytes.
pub(super) struct Listed {
    made_from: Vec<(usize, usize)>,
    /// Its pager; none for a page kept between renders that is not a
    /// numbered page (a prep sheet).
    pager: Option<paginate::Pager>,
    bytes: Pieces,
}

/// The numbered pages of lists a render wrote, by file.
pub(super) type Lists = HashMap<String, Listed>;

/// Writes the pages of one render (from several threads at once).
pub(super) struct Writer<'a> {
    pub tera: &'a tera::Tera,
    pub site: SiteView<'a>,
    pub sink: &'a dyn Sink,
    /// The numbered pages the render before wrote, when this one changes
    /// only some applications (the site's values, theme and day are the
    /// same): a page made from the very same items is not made again.
    previous: Option<&'a Lists>,
    /// The numbered pages of lists written, so that the next render can
    /// take away those a shorter list no longer has, and keep the others.
    lists: Mutex<Lists>,
}

impl<'a> Writer<'a> {
    pub fn new(
        tera: &'a tera::Tera,
        site: SiteView<'a>,
        sink: &'a dyn Sink,
        previous: Option<&'a Lists>,
    ) -> Self {
        Writer {
            tera,
            site,
            sink,
            previous,
            lists: Mutex::new(Lists::new()),
        }
    }

    /// The template `name` rendered for a page `root` away from the top.
    pub fn render(
        &self,
        name: &str,
        root: &str,
        fill: &dyn Fn(&mut tera::Context),
    ) -> Result<String, ThemeError> {
        let mut ctx = tera::Context::new();
        ctx.insert("site", &self.site);
        ctx.insert("root", root);
        fill(&mut ctx);
        crate::render::theme::render(self.tera, name, &ctx)
    }

    /// The template `name` rendered for pages at any depth.
    pub fn rooted(
        &self,
        name: &str,
        fill: &dyn Fn(&mut tera::Context),
    ) -> Result<Rooted, ThemeError> {
        self.render(name, ROOT.as_str(), fill).map(Rooted::new)
    }

    /// Writes the page `file` from the template `name`, its lists put in
    /// after; its root is as deep as the file.
    pub fn spliced(
        &self,
        file: &str,
        name: &str,
        lists: &Splice,
        fill: &dyn Fn(&mut tera::Context),
    ) -> Result<(), BuildError> {
        let page = self.render(name, &root_of(file), fill)?;
        self.sink.put(file, lists.apply(page))?;
        Ok(())
    }

    /// Writes the page `file` from the template `name`.
    pub fn page(
        &self,
        file: &str,
        name: &str,
        fill: &dyn Fn(&mut tera::Context),
    ) -> Result<(), BuildError> {
        self.spliced(file, name, &Splice::default(), fill)
    }

    /// Writes `file`, a numbered page of a list made from `items` (the
    /// fragments it shows, whose identity says whether it changed) by
    /// `make`, unless the render before made it from the same items (then
    /// it is left where that render put it).
    pub fn numbered(
        &self,
        file: String,
        items: impl Iterator<Item = (usize, usize)>,
        pager: &paginate::Pager,
        make: impl FnOnce() -> Result<Pieces, BuildError>,
    ) -> Result<(), BuildError> {
        let made_from: Vec<(usize, usize)> = items.collect();
        let kept = self
            .previous
            .and_then(|p| p.get(&file))
            .filter(|l| l.made_from == made_from && l.pager.as_ref() == Some(pager))
            .map(|l| l.bytes.clone());
        // A page kept as it was is already where the render before put it.
        let bytes = match kept {
            Some(bytes) => bytes,
            None => {
                let bytes = make()?;
                self.sink.put(&file, bytes.clone())?;
                bytes
            }
        };
        let listed = Listed {
            made_from,
            pager: Some(pager.clone()),
            bytes,
        };
        self.lists
            .lock()
            .expect("not poisoned")
            .insert(file, listed);
        Ok(())
    }

    /// Writes the numbered pages of a long list of rendered items, when a
    /// summary page shows only the first ones ([`first`]).
    pub fn list_pages<R: Borrow<Rooted> + Sync>(
        &self,
        of: &ListOf<'_>,
        items: &[R],
    ) -> Result<(), BuildError> {
        if items.len() <= paginate::SHOWN {
            return Ok(());
        }
        use rayon::prelude::*;
        paginate::pages(of.dir, items.len(), paginate::PER_PAGE)
            .into_par_iter()
            .try_for_each(|(range, pager)| {
                let file = paginate::file(of.dir, pager.page);
                self.list_page(file, of, &items[range], &pager)
            })
    }

    /// Writes `file`, a numbered page of a list of `items` (rendered
    /// fragments: the same at every depth, or one piece made for this page).
    pub fn list_page(
        &self,
        file: String,
        of: &ListOf<'_>,
        items: &[impl Borrow<Rooted>],
        pager: &paginate::Pager,
    ) -> Result<(), BuildError> {
        let identity = items.iter().flat_map(|i| i.borrow().identity());
        let root = root_of(&file);
        self.numbered(file.clone(), identity, pager, || {
            let mut lists = Splice::default();
            let slot = lists.slot_at(items, &root);
            let page = self.render("templates/list.html", &root, &|c| {
                c.insert(
                    "list",
                    &ListView {
                        title: of.title,
                        kind: of.kind,
                        items: &slot,
                        back: of.back,
                        back_name: of.back_name,
                    },
                );
                c.insert("pager", pager);
            })?;
            Ok(lists.apply(page))
        })
    }

    /// Writes `file`, a page made of parts kept between renders (a prep
    /// sheet), and counts it among the pages of this render that the next
    /// one takes away when it does not write them again.
    pub fn tracked(&self, file: &str, bytes: Pieces) -> Result<(), BuildError> {
        self.sink.put(file, bytes.clone())?;
        let listed = Listed {
            made_from: Vec::new(),
            pager: None,
            bytes,
        };
        self.lists
            .lock()
            .expect("not poisoned")
            .insert(file.to_string(), listed);
        Ok(())
    }

    /// Keeps the numbered pages the render before wrote for the lists of
    /// pages this one does not make again (the applications it leaves as
    /// they were), as if written now.
    pub fn keep_lists(&self, kept: impl Fn(&str) -> bool) {
        let Some(previous) = self.previous else {
            return;
        };
        let mut lists = self.lists.lock().expect("not poisoned");
        for (file, l) in previous.iter().filter(|(file, _)| kept(file)) {
            let listed = Listed {
                made_from: l.made_from.clone(),
                pager: l.pager.clone(),
                bytes: l.bytes.clone(),
            };
            lists.insert(file.clone(), listed);
        }
    }

    /// The numbered pages of lists written.
    pub fn into_lists(self) -> Lists {
        self.lists.into_inner().expect("not poisoned")
    }
}
