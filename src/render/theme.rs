//! The theme: the default one embedded in the binary, with any file of the
//! repository's `themes/<name>/` taking the place of the embedded file of the
//! same path.
//!
//! Templates are parsed once, here, into one Tera instance.
//!
//! What a theme holds is published, so a symbolic link in it may only name a
//! file inside the theme's folder: one to `/etc/passwd`, or to a journal,
//! makes the theme unusable rather than part of the site.

use std::collections::BTreeMap;
use std::path::Path;

use include_dir::{Dir, include_dir};

static EMBEDDED: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/themes/default");

/// A theme that cannot be used: a template that does not parse, or an
/// unreadable override.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ThemeError(pub String);

impl std::fmt::Display for ThemeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// The files of a theme, by path inside the theme (`drafts/thank-you.txt`).
pub struct Theme {
    files: BTreeMap<String, (Vec<u8>, String)>,
}

impl Theme {
    /// The embedded default theme alone.
    pub fn embedded() -> Theme {
        let mut files = BTreeMap::new();
        collect(&EMBEDDED, &mut files);
        Theme { files }
    }

    /// The embedded theme with `root/themes/<name>/` laid over it. A theme
    /// other than `default` must exist.
    pub fn load(root: &Path, name: &str) -> Result<Theme, ThemeError> {
        let mut theme = Theme::embedded();
        // A theme is a folder of themes/ by name: `/tmp/x` or `../x` in a
        // cloned repository's debrief.toml would publish the build
        // machine's files.
        let plain = !name.is_empty()
            && name != "."
            && name != ".."
            && !name.contains(['/', '\\'])
            && !Path::new(name).is_absolute();
        if !plain {
            return Err(ThemeError(format!(
                "theme `{name}` is not a folder name: a theme is a folder of themes/, named without `/` or `..`"
            )));
        }
        let dir = root.join("themes").join(name);
        if !dir.is_dir() {
            if name == "default" {
                return Ok(theme);
            }
            return Err(ThemeError(format!(
                "theme `{name}` not found: there is no folder themes/{name}/"
            )));
        }
        // Links are followed, and judged by where they lead once resolved.
        let inside = std::fs::canonicalize(&dir)
            .map_err(|e| ThemeError(format!("cannot read themes/{name}/: {e}")))?;
        let repository = std::fs::canonicalize(root)
            .map_err(|e| ThemeError(format!("cannot read {}: {e}", root.display())))?;
        if !inside.starts_with(&repository) {
            return Err(ThemeError(format!(
                "themes/{name}/ leads to {}, outside the repository: refused, so that nothing from \
                 elsewhere is published; copy the theme in instead",
                inside.display()
            )));
        }
        let mut outside = Vec::new();
        for entry in walkdir::WalkDir::new(&dir).follow_links(true) {
            let entry = entry.map_err(|e| ThemeError(format!("cannot read the theme: {e}")))?;
            if !entry.file_type().is_file() || entry.file_name().to_string_lossy().starts_with('.')
            {
                continue;
            }
            let rel = crate::journal::discover::relative(&dir, entry.path());
            let shown = format!("themes/{name}/{rel}");
            // Every file, not only links: a linked folder leads its files out too.
            let target = std::fs::canonicalize(entry.path())
                .map_err(|e| ThemeError(format!("cannot read {shown}: {e}")))?;
            if !target.starts_with(&inside) {
                outside.push(format!(
                    "{shown}: a symbolic link leads to {}, outside the theme's folder: \
                     refused, so that it is not published",
                    target.display()
                ));
                continue;
            }
            let bytes = std::fs::read(entry.path())
                .map_err(|e| ThemeError(format!("cannot read {}: {e}", entry.path().display())))?;
            theme.files.insert(rel, (bytes, shown));
        }
        if !outside.is_empty() {
            outside.sort();
            return Err(ThemeError(outside.join("\n")));
        }
        Ok(theme)
    }

    /// A file's contents.
    pub fn get(&self, path: &str) -> Option<&[u8]> {
        self.files.get(path).map(|(b, _)| b.as_slice())
    }

    /// The files under `folder/` (`static/`), with their paths in the theme.
    pub fn under<'a>(&'a self, folder: &'a str) -> impl Iterator<Item = (&'a str, &'a [u8])> {
        self.files
            .range(folder.to_string()..)
            .take_while(move |(path, _)| path.starts_with(folder))
            .map(|(path, (bytes, _))| (path.as_str(), bytes.as_slice()))
    }

    /// Where a file comes from: `themes/<name>/…` or `(embedded) …`.
    pub fn origin(&self, path: &str) -> Option<&str> {
        self.files.get(path).map(|(_, o)| o.as_str())
    }

    /// Every template (`drafts/*.txt`, `templates/*.html`) parsed into Tera,
    /// named by its path in the theme.
    pub fn tera(&self) -> Result<tera::Tera, ThemeError> {
        let mut templates = Vec::new();
        for (path, (bytes, origin)) in &self.files {
            let is_template = (path.starts_with("drafts/") && path.ends_with(".txt"))
                || (path.starts_with("templates/") && path.ends_with(".html"));
            if is_template {
                let text = std::str::from_utf8(bytes)
                    .map_err(|_| ThemeError(format!("{origin}: not valid UTF-8")))?;
                templates.push((path.as_str(), text));
            }
        }
        let mut tera = tera::Tera::new();
        // Added together so that a template may extend or include any other.
        tera.add_raw_templates(templates).map_err(|e| {
            let message = error_chain(&e);
            // Name the file the error is in, as the user knows it.
            let origin = self
                .files
                .iter()
                .filter(|(path, _)| message.contains(path.as_str()))
                .map(|(_, (_, origin))| origin.as_str())
                .next()
                .unwrap_or("theme");
            ThemeError(format!("{origin}: {message}"))
        })?;
        Ok(tera)
    }
}

fn collect(dir: &Dir<'static>, out: &mut BTreeMap<String, (Vec<u8>, String)>) {
    for f in dir.files() {
        let path = f.path().to_string_lossy().replace('\\', "/");
        let origin = format!("(embedded) themes/default/{path}");
        out.insert(path, (f.contents().to_vec(), origin));
    }
    for d in dir.dirs() {
        collect(d, out);
    }
}

/// The template `name` rendered with `ctx`; an error names the template.
pub fn render(tera: &tera::Tera, name: &str, ctx: &tera::Context) -> Result<String, ThemeError> {
    tera.render(name, ctx)
        .map_err(|e| ThemeError(format!("{name}: {}", error_chain(&e))))
}

/// A Tera error with its causes, which carry the template line and column.
pub fn error_chain(e: &dyn std::error::Error) -> String {
    let mut s = e.to_string();
    let mut source = e.source();
    while let Some(cause) = source {
        s.push_str(": ");
        s.push_str(&cause.to_string());
        source = cause.source();
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_embedded_theme_has_a_draft_per_rule_and_parses() {
        let theme = Theme::embedded();
        let drafted: Vec<&str> = crate::rules::RULES
            .iter()
            .filter(|r| r.draft)
            .map(|r| r.id)
            .collect();
        assert!(drafted.len() >= 8, "{drafted:?}");
        for rule in drafted {
            assert!(theme.get(&format!("drafts/{rule}.txt")).is_some(), "{rule}");
        }
        theme.tera().unwrap();
    }

    #[test]
    fn an_override_replaces_one_file_and_bad_syntax_is_located() {
        let dir = tempfile::tempdir().unwrap();
        let drafts = dir.path().join("themes/mine/drafts");
        std::fs::create_dir_all(&drafts).unwrap();
        std::fs::write(drafts.join("linkedin.txt"), "Hello {{ person.first_name }}").unwrap();
        let theme = Theme::load(dir.path(), "mine").unwrap();
        assert_eq!(
            theme.get("drafts/linkedin.txt").unwrap(),
            b"Hello {{ person.first_name }}"
        );
        assert_eq!(
            theme.origin("drafts/linkedin.txt"),
            Some("themes/mine/drafts/linkedin.txt")
        );
        assert!(
            theme.get("drafts/thank-you.txt").is_some(),
            "the rest falls back"
        );

        std::fs::write(
            drafts.join("linkedin.txt"),
            "line one\nHello {{ person.first_name",
        )
        .unwrap();
        let err = Theme::load(dir.path(), "mine").unwrap().tera().unwrap_err();
        assert!(
            err.0.starts_with("themes/mine/drafts/linkedin.txt: "),
            "{}",
            err.0
        );
        assert!(err.0.contains('2'), "names the line: {}", err.0);

        assert!(Theme::load(dir.path(), "missing").is_err());
    }

    #[cfg(unix)]
    #[test]
    fn links_out_of_the_theme_are_refused_and_links_inside_it_kept() {
        // A link in `static/` to /etc/passwd was served and published.
        use std::os::unix::fs::symlink;
        let dir = tempfile::tempdir().unwrap();
        let theme = dir.path().join("themes/mine");
        let stat = theme.join("static");
        std::fs::create_dir_all(stat.join("css")).unwrap();
        std::fs::write(stat.join("css/site.css"), "p {}").unwrap();
        symlink("css/site.css", stat.join("alias.css")).unwrap();
        symlink("css", stat.join("styles")).unwrap();
        let loaded = Theme::load(dir.path(), "mine").unwrap();
        assert_eq!(loaded.get("static/alias.css"), Some(&b"p {}"[..]));
        assert_eq!(loaded.get("static/styles/site.css"), Some(&b"p {}"[..]));

        std::fs::create_dir_all(dir.path().join("content")).unwrap();
        std::fs::write(dir.path().join("content/secret.md"), "salary: 1").unwrap();
        symlink("/etc/passwd", stat.join("passwd")).unwrap();
        symlink("../../../content", stat.join("journals")).unwrap();
        let err = Theme::load(dir.path(), "mine").err().expect("refused");
        let lines: Vec<&str> = err.0.lines().collect();
        assert_eq!(lines.len(), 2, "{}", err.0);
        assert!(
            lines[0]
                .starts_with("themes/mine/static/journals/secret.md: a symbolic link leads to ")
                && lines[0].contains("content/secret.md, outside the theme's folder"),
            "{}",
            lines[0]
        );
        assert!(
            lines[1]
                .starts_with("themes/mine/static/passwd: a symbolic link leads to /etc/passwd,"),
            "{}",
            lines[1]
        );
    }
}
