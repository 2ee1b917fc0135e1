//! The pipeline: how many applications stand where, with *ghosted* as §6
//! defines it (pending, and no reply for `stale_after_days` after the last
//! interview). Shared by the dashboard, the weekly report and the charts.

use chrono::NaiveDate;
use serde::Serialize;

use crate::config::Config;
use crate::journal::application::Application;
use crate::journal::model::Outcome;
use crate::time::add_days;

/// Whether a pending application has gone quiet for `stale_after_days`
/// after its last interview (§6: it counts as ghosted).
pub fn ghosted(
    app: &Application<'_>,
    config: &Config,
    today: NaiveDate,
    tz: chrono_tz::Tz,
) -> bool {
    let Some(latest) = app.latest() else {
        return false;
    };
    let last = latest.date.date(tz);
    app.outcome == Outcome::Pending
        && app.scheduled.is_empty()
        && add_days(last, config.rules.stale_after_days) <= today
        && !app.replies().any(|r| r.on >= last)
}

/// Counts for the pipeline summary.
#[derive(Serialize)]
pub struct Pipeline {
    /// Applications by outcome (pending split into pending and ghosted).
    pub by_outcome: Vec<(&'static str, usize)>,
    /// Applications by the stage of their latest interview.
    pub by_stage: Vec<(String, usize)>,
    /// Applications by stage, split by outcome in the order of [`STANDINGS`].
    pub by_stage_and_outcome: Vec<(String, [usize; STANDING_COUNT])>,
}

/// The pipeline summary of the dashboard.
pub fn pipeline(
    apps: &[Application<'_>],
    config: &Config,
    today: NaiveDate,
    tz: chrono_tz::Tz,
) -> Pipeline {
    let stages: Vec<String> = apps.iter().map(stage_of).collect();
    of_standings(
        apps.iter()
            .map(|a| standing(a, config, today, tz))
            .zip(stages.iter().map(String::as_str)),
    )
}

/// How many of `apps` stand where, in the order of [`STANDINGS`]: the
/// counts of [`pipeline`], without its stages.
pub fn counts(
    apps: &[Application<'_>],
    config: &Config,
    today: NaiveDate,
    tz: chrono_tz::Tz,
) -> [usize; STANDING_COUNT] {
    let mut counts = [0; STANDING_COUNT];
    for a in apps {
        let o = standing(a, config, today, tz);
        counts[STANDINGS
            .iter()
            .position(|s| *s == o)
            .expect("a known standing")] += 1;
    }
    counts
}

/// The pipeline of applications given as where each stands (see
/// [`standing`]) and the stage it reached (see [`stage_of`]).
pub fn of_standings<'a>(apps: impl Iterator<Item = (&'static str, &'a str)>) -> Pipeline {
    let mut by_outcome: Vec<(&'static str, usize)> = STANDINGS.iter().map(|o| (*o, 0)).collect();
    let mut stages: std::collections::BTreeMap<&str, [usize; STANDING_COUNT]> = Default::default();
    for (o, stage) in apps {
        let column = STANDINGS
            .iter()
            .position(|s| *s == o)
            .expect("a known standing");
        by_outcome[column].1 += 1;
        stages.entry(stage).or_default()[column] += 1;
    }
    Pipeline {
        by_outcome,
        by_stage: stages
            .iter()
            .map(|(s, row)| (s.to_string(), row.iter().sum()))
            .collect(),
        by_stage_and_outcome: stages
            .into_iter()
            .map(|(s, row)| (s.to_string(), row))
            .collect(),
    }
}

/// Where an application stands, with `ghosted` for pending ones gone quiet.
pub fn standing(
    app: &Application<'_>,
    config: &Config,
    today: NaiveDate,
    tz: chrono_tz::Tz,
) -> &'static str {
    if ghosted(app, config, today, tz) {
        "ghosted"
    } else {
        app.outcome.as_str()
    }
}

impl Pipeline {
    /// The number of applications.
    pub fn total(&self) -> usize {
        self.by_outcome.iter().map(|(_, n)| n).sum()
    }

    /// "8 applications: 3 pending, 1 ghosted, 2 rejected" (zeros left out).
    pub fn line(&self) -> String {
        line(&self.counts())
    }

    /// How many applications stand where, in the order of [`STANDINGS`].
    pub fn counts(&self) -> [usize; STANDING_COUNT] {
        std::array::from_fn(|i| self.by_outcome[i].1)
    }
}

/// The pipeline in one line, from how many applications stand where (in
/// the order of [`STANDINGS`]): "8 applications: 3 pending, 1 ghosted, 2
/// rejected", zeros left out.
pub fn line(counts: &[usize; STANDING_COUNT]) -> String {
    let total: usize = counts.iter().sum();
    let parts: Vec<String> = STANDINGS
        .iter()
        .zip(counts)
        .filter(|(_, n)| **n > 0)
        .map(|(o, n)| format!("{n} {o}"))
        .collect();
    let head = format!("{total} application{}", if total == 1 { "" } else { "s" });
    if parts.is_empty() {
        head
    } else {
        format!("{head}: {}", parts.join(", "))
    }
}

/// The outcomes in the order the pipeline lists them.
pub const STANDINGS: [&str; STANDING_COUNT] = [
    "pending",
    "ghosted",
    "offer",
    "accepted",
    "declined",
    "rejected",
    "withdrawn",
];

/// How many standings there are.
pub const STANDING_COUNT: usize = 7;

/// The stage an application reached: that of its latest interview (or of
/// its first scheduled one), `interview` when none is noted.
pub fn stage_of(app: &Application<'_>) -> String {
    app.latest()
        .or(app.scheduled.first().copied())
        .and_then(|j| j.stage.clone())
        .unwrap_or_else(|| "interview".into())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The counts alone are the pipeline's counts, on the demo journals.
    #[test]
    fn counts_are_the_pipelines() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let repo = crate::repo::Repository::load(root, None).expect("the demo loads");
        for day in ["2026-08-01", "2026-10-15", "2026-11-22"] {
            let day: NaiveDate = day.parse().unwrap();
            let apps = crate::journal::application::group(&repo.journals, day, repo.tz);
            let whole = pipeline(&apps, &repo.config, day, repo.tz);
            assert_eq!(counts(&apps, &repo.config, day, repo.tz), whole.counts());
            assert!(whole.total() > 0);
        }
    }
}
