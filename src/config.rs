//! `debrief.toml`: every setting, its default, and validation.
//!
//! Parsing is pure (text in, `Config` or a located error out); finding the file
//! and the system timezone is the loader's job (`repo.rs`).

use std::collections::BTreeMap;

use chrono_tz::Tz;
use serde::{Deserialize, Serialize};

use crate::diagnostics::{Severity, did_you_mean};
use crate::journal::markdown::DEFAULT_REFLECTION_HEADINGS;
use crate::journal::schema::FIELDS;

/// The whole configuration. It serializes to the keys of `debrief.toml`,
/// so tests can check that every key is documented.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
#[serde(default, deny_unknown_fields)]
pub struct Config {
    /// IANA timezone; `None` means the system's.
    pub timezone: Option<String>,
    /// The theme folder under `themes/`.
    pub theme: String,
    /// Who signs the drafts.
    pub me: Me,
    /// Rule timings and severities.
    pub rules: Rules,
    /// Site settings.
    pub site: Site,
    /// How CI installs debrief.
    pub ci: Ci,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            timezone: None,
            theme: "default".into(),
            me: Me::default(),
            rules: Rules::default(),
            site: Site::default(),
            ci: Ci::default(),
        }
    }
}

/// `[me]`: the person the drafts are from.
#[derive(Debug, Clone, Default, Deserialize, Serialize, PartialEq)]
#[serde(default, deny_unknown_fields)]
pub struct Me {
    /// Your name, used to sign drafts.
    pub name: Option<String>,
    /// Your email address.
    pub email: Option<String>,
    /// Your phone number.
    pub phone: Option<String>,
}

/// `[rules]`: the timings of §3 and per-rule severities. Each timing is
/// declared, with its default, by the rule that reads it
/// ([`crate::rules::Rule::params`]).
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
#[serde(default, deny_unknown_fields)]
pub struct Rules {
    /// Hours after the interview to thank each interviewer.
    pub thank_you_hours: i64,
    /// Hours after the interview to connect on LinkedIn.
    pub linkedin_hours: i64,
    /// Hours after the interview to write a reflection.
    pub reflection_hours: i64,
    /// Days after the interview (or last reply) before the first check-in.
    pub first_check_in_days: i64,
    /// Days between check-ins.
    pub check_in_every_days: i64,
    /// Check-ins before switching to keep-warm.
    pub max_check_ins: i64,
    /// Days between keep-warm messages.
    pub keep_warm_every_days: i64,
    /// Days after a rejection to ask for feedback.
    pub feedback_after_days: i64,
    /// Days to answer an offer.
    pub offer_reply_days: i64,
    /// Days after accepting an offer to withdraw from the other applications.
    pub withdraw_days: i64,
    /// Days after listing references to brief them.
    pub references_after_days: i64,
    /// Fewer pending applications than this earns a note.
    pub min_active_applications: i64,
    /// Days without a reply after which a pending application counts as ghosted.
    pub stale_after_days: i64,
    /// Words that make a heading a reflection section.
    pub reflection_headings: Vec<String>,
    /// Severity per rule id: `error`, `warning`, `note` or `off`.
    pub severity: BTreeMap<String, Level>,
    /// What a day-based follow-up due on a Saturday or Sunday does.
    pub weekend: Weekend,
    /// The kinds of follow-up a handwritten card (`channel: mail`) suits;
    /// the others go by email unless the person prefers otherwise.
    pub cards: Vec<String>,
}

/// `[rules] weekend`: whether day-based follow-ups move off weekends.
#[derive(Debug, Clone, Copy, Deserialize, Serialize, PartialEq, Eq, Default)]
#[serde(rename_all = "lowercase")]
pub enum Weekend {
    /// Due the next Monday: nobody reads a check-in on a Sunday.
    #[default]
    Monday,
    /// Due on the day the timing gives, weekend or not.
    Keep,
}

impl Rules {
    /// Every timing as set, by key, in the order of [`crate::rules::params`].
    pub fn timings(&self) -> Vec<(&'static str, i64)> {
        let set = serde_json::to_value(self).expect("rules serialize");
        crate::rules::params()
            .map(|p| (p.key, set[p.key].as_i64().expect("a timing is a number")))
            .collect()
    }
}

impl Default for Rules {
    fn default() -> Self {
        use crate::rules::default_of;
        Rules {
            thank_you_hours: default_of("thank_you_hours"),
            linkedin_hours: default_of("linkedin_hours"),
            reflection_hours: default_of("reflection_hours"),
            first_check_in_days: default_of("first_check_in_days"),
            check_in_every_days: default_of("check_in_every_days"),
            max_check_ins: default_of("max_check_ins"),
            keep_warm_every_days: default_of("keep_warm_every_days"),
            feedback_after_days: default_of("feedback_after_days"),
            offer_reply_days: default_of("offer_reply_days"),
            references_after_days: default_of("references_after_days"),
            withdraw_days: default_of("withdraw_days"),
            min_active_applications: default_of("min_active_applications"),
            stale_after_days: default_of("stale_after_days"),
            reflection_headings: DEFAULT_REFLECTION_HEADINGS
                .iter()
                .map(|s| s.to_string())
                .collect(),
            severity: BTreeMap::new(),
            weekend: Weekend::Monday,
            cards: vec!["thank-you".into()],
        }
    }
}

/// A severity as configured, including `off`.
#[derive(Debug, Clone, Copy, Deserialize, Serialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    /// Report as an error.
    Error,
    /// Report as a warning.
    Warning,
    /// Report as a note.
    Note,
    /// Do not report.
    Off,
}

/// `[ci]`: what the pipelines `debrief init --ci` writes need.
#[derive(Debug, Clone, Default, Deserialize, Serialize, PartialEq)]
#[serde(default, deny_unknown_fields)]
pub struct Ci {
    /// The git URL debrief is installed from (`cargo install --git`).
    pub from: Option<String>,
}

/// `[site]`: how the site is published.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
#[serde(default, deny_unknown_fields)]
pub struct Site {
    /// The site's title.
    pub title: String,
    /// The URL the site is published under.
    pub base_url: Option<String>,
    /// Keep search engines out (noindex, robots.txt).
    pub private: bool,
    /// Front-matter fields never written to the output.
    pub redact: Vec<String>,
    /// Encrypt every page with `DEBRIEF_PASSWORD`.
    pub encrypt: bool,
    /// How many weeks back the weekly report pages go, at most.
    pub history_weeks: u32,
}

impl Default for Site {
    fn default() -> Self {
        Site {
            title: "Interview follow-ups".into(),
            base_url: None,
            private: true,
            redact: Vec::new(),
            encrypt: false,
            history_weeks: 260,
        }
    }
}

/// The journal fields `[site] redact` can hide. Any other field of the
/// schema feeds the rules (dates, people, stages, items), so it reaches
/// action titles, people and due dates however the journal copy is trimmed:
/// naming one is an error rather than a promise that cannot be kept.
/// `note` hides the notes of `sent` and `replies`. Fields the schema does not
/// know (e.g. `salary`) can always be redacted.
pub const REDACTABLE: &[&str] = &[
    "title",
    "format",
    "next_steps",
    "discussed",
    "learned",
    "highlights",
    "tags",
    "note",
];

/// A configuration that cannot be used; `debrief` exits with 2.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError {
    /// What is wrong, with the file, line and column where known.
    pub message: String,
}

impl std::fmt::Display for ConfigError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

impl Config {
    /// Parses `text`, the contents of the file `path`. `rule_ids` are the ids
    /// `[rules.severity]` may name.
    pub fn parse(text: &str, path: &str, rule_ids: &[&str]) -> Result<Config, ConfigError> {
        let config: Config = toml::from_str(text).map_err(|e| {
            let (line, column) = e.span().map_or((1, 1), |s| line_col(text, s.start));
            ConfigError {
                message: format!("{path}:{line}:{column}: {}", e.message().trim()),
            }
        })?;
        for rule in config.rules.severity.keys() {
            if !rule_ids.contains(&rule.as_str()) {
                let hint = did_you_mean(rule, rule_ids)
                    .map_or(String::new(), |r| format!(" (did you mean `{r}`?)"));
                return Err(ConfigError {
                    message: format!("{path}: [rules.severity] names unknown rule `{rule}`{hint}"),
                });
            }
        }
        for field in &config.site.redact {
            if FIELDS.contains(&field.as_str()) && !REDACTABLE.contains(&field.as_str()) {
                return Err(ConfigError {
                    message: format!(
                        "{path}: [site] redact cannot hide `{field}`: the follow-up rules are built from it, so it \
                         would still show in actions; fields that can be hidden: {}, and any field of your own",
                        REDACTABLE.join(", ")
                    ),
                });
            }
        }
        let kinds: Vec<&str> = crate::journal::model::Kind::ALL
            .iter()
            .map(|k| k.as_str())
            .collect();
        for kind in &config.rules.cards {
            if !kinds.contains(&kind.as_str()) {
                let hint = did_you_mean(kind, &kinds)
                    .map_or(String::new(), |k| format!(" (did you mean `{k}`?)"));
                return Err(ConfigError {
                    message: format!(
                        "{path}: [rules] cards names unknown kind `{kind}`{hint}; kinds: {}",
                        kinds.join(", ")
                    ),
                });
            }
        }
        if let Some(tz) = &config.timezone {
            parse_timezone(tz).map_err(|message| ConfigError {
                message: format!("{path}: {message}"),
            })?;
        }
        let timings = config.rules.timings();
        for (name, value) in timings {
            if !(0..=36_500).contains(&value) {
                return Err(ConfigError {
                    message: format!(
                        "{path}: [rules] {name} = {value} is out of range (0 to 36500)"
                    ),
                });
            }
        }
        Ok(config)
    }

    /// The severity `rule` reports at, or `None` when switched off.
    pub fn severity(&self, rule: &str, default: Severity) -> Option<Severity> {
        match self.rules.severity.get(rule) {
            None => Some(default),
            Some(Level::Error) => Some(Severity::Error),
            Some(Level::Warning) => Some(Severity::Warning),
            Some(Level::Note) => Some(Severity::Note),
            Some(Level::Off) => None,
        }
    }
}

/// An IANA timezone name, or a message saying it is not one.
pub fn parse_timezone(name: &str) -> Result<Tz, String> {
    name.parse::<Tz>()
        .map_err(|_| format!("unknown timezone \"{name}\": use an IANA name such as Europe/London"))
}

fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_timing_of_rules_is_declared_by_exactly_one_rule() {
        let set = serde_json::to_value(Rules::default()).unwrap();
        let mut fields: Vec<&str> = set
            .as_object()
            .unwrap()
            .iter()
            .filter(|(_, v)| v.is_i64())
            .map(|(k, _)| k.as_str())
            .collect();
        let mut declared: Vec<&str> = crate::rules::params().map(|p| p.key).collect();
        fields.sort_unstable();
        declared.sort_unstable();
        let len = declared.len();
        declared.dedup();
        assert_eq!(declared.len(), len, "a timing declared twice");
        assert_eq!(fields, declared);
        for (key, value) in Rules::default().timings() {
            assert_eq!(value, crate::rules::default_of(key), "{key}");
        }
    }

    #[test]
    fn out_of_range_timings_are_refused_by_name() {
        for p in crate::rules::params() {
            let text = format!("[rules]\n{} = -1\n", p.key);
            let err = Config::parse(&text, "debrief.toml", IDS).unwrap_err();
            assert!(err.message.contains(p.key), "{}", err.message);
        }
    }

    const IDS: &[&str] = &["too-soon", "thank-you"];

    #[test]
    fn defaults_match_the_spec() {
        let c = Config::parse("", "debrief.toml", IDS).unwrap();
        assert_eq!(c.rules.thank_you_hours, 24);
        assert_eq!(c.rules.max_check_ins, 3);
        assert_eq!(c.rules.stale_after_days, 45);
        assert!(c.site.private);
    }

    #[test]
    fn reads_settings_and_severities() {
        let c = Config::parse(
            "timezone = \"Europe/Paris\"\n[me]\nname = \"Ada\"\n[rules]\nthank_you_hours = 12\n[rules.severity]\ntoo-soon = \"off\"\n",
            "debrief.toml",
            IDS,
        )
        .unwrap();
        assert_eq!(c.rules.thank_you_hours, 12);
        assert_eq!(c.me.name.as_deref(), Some("Ada"));
        assert_eq!(c.severity("too-soon", Severity::Warning), None);
        assert_eq!(
            c.severity("thank-you", Severity::Note),
            Some(Severity::Note)
        );
    }

    #[test]
    fn errors_are_located_and_explained() {
        let e = Config::parse("[rules]\nthank_you_hour = 12\n", "debrief.toml", IDS).unwrap_err();
        assert!(
            e.message
                .starts_with("debrief.toml:2:1: unknown field `thank_you_hour`"),
            "{}",
            e.message
        );
        let e = Config::parse("timezone = \"Mars/Olympus\"\n", "debrief.toml", IDS).unwrap_err();
        assert!(e.message.contains("unknown timezone"), "{}", e.message);
        let e = Config::parse(
            "[site]\nredact = [\"salary\", \"stage\"]\n",
            "debrief.toml",
            IDS,
        )
        .unwrap_err();
        assert!(e.message.contains("cannot hide `stage`"), "{}", e.message);
        assert!(
            Config::parse(
                "[site]\nredact = [\"salary\", \"learned\", \"note\"]\n",
                "debrief.toml",
                IDS
            )
            .is_ok()
        );
        let e = Config::parse("[rules.severity]\ntoo-son = \"off\"\n", "debrief.toml", IDS)
            .unwrap_err();
        assert!(
            e.message.contains("did you mean `too-soon`"),
            "{}",
            e.message
        );
    }
}
