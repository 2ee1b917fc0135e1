//! Rules whose problems are found while reading files (see `journal/`).

use super::{Check, Rule};
use crate::diagnostics::Severity;
use crate::journal::{depth, discover, schema};

/// Unreadable front-matter, missing or malformed fields.
pub const FRONT_MATTER: Rule = Rule {
    id: schema::FRONT_MATTER,
    reason: "every journal needs readable front-matter with at least company, role and date, or it cannot be checked",
    severity: Severity::Error,
    draft: false,
    off_weekends: false,
    params: &[],
    reads: &[],
    check: Check::Reading,
};

/// Keys the schema does not know.
pub const UNKNOWN_FIELD: Rule = Rule {
    id: schema::UNKNOWN_FIELD,
    reason: "a misspelt field is invisible to the rules; rename it or remove it",
    severity: Severity::Warning,
    draft: false,
    off_weekends: false,
    params: &[],
    reads: &[],
    check: Check::Reading,
};

/// Files or folders that cannot be read.
pub const UNREADABLE: Rule = Rule {
    id: discover::UNREADABLE,
    reason: "every file under content/ must be readable, so that no journal is lost",
    severity: Severity::Error,
    draft: false,
    off_weekends: false,
    params: &[],
    reads: &[],
    check: Check::Reading,
};

/// Symbolic links that point back into their own folder.
pub const SYMLINK_LOOP: Rule = Rule {
    id: discover::SYMLINK_LOOP,
    reason: "a link that points back into its own folder would be read forever; it is skipped",
    severity: Severity::Warning,
    draft: false,
    off_weekends: false,
    params: &[],
    reads: &[],
    check: Check::Reading,
};

/// Notes that nest too deeply to render.
pub const TOO_DEEP: Rule = Rule {
    id: depth::TOO_DEEP,
    reason: "notes nested hundreds of levels deep cannot be rendered in reasonable time; no interview note needs it",
    severity: Severity::Error,
    draft: false,
    off_weekends: false,
    params: &[],
    reads: &[],
    check: Check::Reading,
};
