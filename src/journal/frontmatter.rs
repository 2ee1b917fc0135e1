//! Splitting a journal file into front-matter and Markdown body.
//!
//! Owns the delimiter rules (`---` for YAML, `+++` for TOML), the byte-order
//! mark, CRLF line ends and the line numbers that let later stages point at
//! the right line of the file. It does not parse the front-matter itself.
//!
//! We split by hand instead of with `gray_matter`: that crate parses the
//! matter itself with a YAML library that reports no locations, gives up on the
//! split when that parse fails, trims the matter (shifting every line number)
//! and copies the whole input. Splitting is twenty lines; locations are the
//! product.

/// The language of the front-matter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Between `---` lines.
    Yaml,
    /// Between `+++` lines.
    Toml,
}

/// A file cut at its delimiters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Split<'a> {
    /// Which language the front-matter is in.
    pub format: Format,
    /// The text between the delimiters (line ends as in the file).
    pub matter: &'a str,
    /// The line of the file on which `matter` starts (from 1).
    pub matter_line: u32,
    /// The Markdown after the closing delimiter.
    pub body: &'a str,
    /// The line of the file on which `body` starts.
    pub body_line: u32,
}

/// Why a file could not be split.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SplitError {
    /// The file is empty or only white space.
    Empty,
    /// The first line is not a `---` or `+++` delimiter.
    NoFrontMatter,
    /// The opening delimiter is never closed.
    Unclosed(Format),
}

impl std::fmt::Display for SplitError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SplitError::Empty => write!(
                f,
                "the file is empty; a journal starts with front-matter between `---` lines"
            ),
            SplitError::NoFrontMatter => write!(
                f,
                "no front-matter: a journal starts with a `---` line (YAML) or a `+++` line (TOML)"
            ),
            SplitError::Unclosed(Format::Yaml) => {
                write!(
                    f,
                    "the front-matter opened here is never closed by a `---` line"
                )
            }
            SplitError::Unclosed(Format::Toml) => {
                write!(
                    f,
                    "the front-matter opened here is never closed by a `+++` line"
                )
            }
        }
    }
}

/// Removes a leading UTF-8 byte-order mark.
pub fn strip_bom(text: &str) -> &str {
    text.strip_prefix('\u{feff}').unwrap_or(text)
}

/// Cuts `text` (already without BOM) into front-matter and body.
pub fn split(text: &str) -> Result<Split<'_>, SplitError> {
    if text.trim().is_empty() {
        return Err(SplitError::Empty);
    }
    let (first, rest_start) = match text.find('\n') {
        Some(i) => (&text[..i], i + 1),
        None => (text, text.len()),
    };
    let (format, delimiter) = match first.trim_end() {
        "---" => (Format::Yaml, "---"),
        "+++" => (Format::Toml, "+++"),
        _ => return Err(SplitError::NoFrontMatter),
    };
    let mut offset = rest_start;
    let mut line = 2u32;
    while offset < text.len() {
        let end = text[offset..]
            .find('\n')
            .map_or(text.len(), |i| offset + i + 1);
        if text[offset..end].trim_end() == delimiter {
            return Ok(Split {
                format,
                matter: &text[rest_start..offset],
                matter_line: 2,
                body: &text[end..],
                body_line: line + 1,
            });
        }
        offset = end;
        line += 1;
    }
    Err(SplitError::Unclosed(format))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_yaml_and_counts_lines() {
        let s = split("---\ncompany: A\nrole: B\n---\n# Notes\n").unwrap();
        assert_eq!(s.format, Format::Yaml);
        assert_eq!(s.matter, "company: A\nrole: B\n");
        assert_eq!(s.matter_line, 2);
        assert_eq!(s.body, "# Notes\n");
        assert_eq!(s.body_line, 5);
    }

    #[test]
    fn splits_toml_with_crlf() {
        let s = split("+++\r\ncompany = 'A'\r\n+++\r\nbody").unwrap();
        assert_eq!(s.format, Format::Toml);
        assert_eq!(s.matter, "company = 'A'\r\n");
        assert_eq!(s.body, "body");
    }

    #[test]
    fn closing_delimiter_at_end_of_file() {
        let s = split("---\na: 1\n---").unwrap();
        assert_eq!(s.matter, "a: 1\n");
        assert_eq!(s.body, "");
    }

    #[test]
    fn reports_what_is_missing() {
        assert_eq!(split(""), Err(SplitError::Empty));
        assert_eq!(split(" \n\n"), Err(SplitError::Empty));
        assert_eq!(split("# Just notes\n"), Err(SplitError::NoFrontMatter));
        assert_eq!(
            split("---\na: 1\n"),
            Err(SplitError::Unclosed(Format::Yaml))
        );
    }

    #[test]
    fn strips_a_byte_order_mark() {
        assert_eq!(strip_bom("\u{feff}---\n"), "---\n");
        assert_eq!(strip_bom("---\n"), "---\n");
    }
}
