//! `debrief report`: the weekly report, or with `--work-search` the log of
//! every contact made.

use std::path::PathBuf;

use chrono::NaiveDate;
use clap::ValueEnum;

use debrief::report::week::Week;

use super::{Error, Exit, Global, bad_files_warning, load, parse_today, print, repository};

/// What `report` takes.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// The journal repository [default: found upward from the current folder]
    root: Option<PathBuf>,
    /// The ISO week [default: the week that contains today]
    #[arg(long, value_name = "YYYY-Www", value_parser = parse_week, conflicts_with = "work_search")]
    week: Option<Week>,
    /// Output format: md, text or html for the weekly report; md or csv for --work-search [default: md]
    #[arg(long, value_enum)]
    format: Option<Format>,
    /// Print the work-search log instead: every interview and follow-up, with its result
    #[arg(long)]
    work_search: bool,
    /// The first day of the work-search log [default: the first contact]
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_today, requires = "work_search")]
    from: Option<NaiveDate>,
    /// The last day of the work-search log [default: today]
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_today, requires = "work_search")]
    to: Option<NaiveDate>,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq)]
enum Format {
    Md,
    Text,
    Html,
    Csv,
}

fn parse_week(s: &str) -> Result<Week, String> {
    Week::parse(s)
        .ok_or_else(|| format!("\"{s}\" is not an ISO week: write YYYY-Www, e.g. 2026-W47"))
}

/// `debrief report`.
pub fn run(g: &Global, args: &Args) -> Result<Exit, Error> {
    let root = repository(g, args.root.as_deref());
    if args.work_search {
        work_search_log(&root, g, args.format, args.from, args.to)
    } else {
        weekly(&root, g, args.week, args.format)
    }
}

fn weekly(
    root: &std::path::Path,
    g: &Global,
    week: Option<Week>,
    format: Option<Format>,
) -> Result<Exit, Error> {
    let (repo, today) = load(root, g)?;
    let current = Week::of(today);
    let week = week.unwrap_or(current);
    if week > current {
        return Err(format!(
            "{week} has not started yet (today, {today}, is in {current}); `debrief due` lists what is coming"
        )
        .into());
    }
    let r =
        debrief::report::weekly_report(&repo.journals, &repo.config, repo.tz, week, today, &|_| {
            String::new()
        });
    let text = match format.unwrap_or(Format::Md) {
        Format::Md => debrief::report::text::weekly(&r, debrief::report::text::Style::Markdown),
        Format::Text => debrief::report::text::weekly(&r, debrief::report::text::Style::Text),
        Format::Html => debrief::site::report_html(&repo, &r)?,
        Format::Csv => {
            return Err(
                "the weekly report is written as md, text or html; csv is for --work-search".into(),
            );
        }
    };
    print(g, &text);
    Ok(bad_files_warning(&repo, g))
}

fn work_search_log(
    root: &std::path::Path,
    g: &Global,
    format: Option<Format>,
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
) -> Result<Exit, Error> {
    use debrief::report::worksearch;
    let (repo, today) = load(root, g)?;
    let to = to.unwrap_or(today);
    if let Some(f) = from
        && f > to
    {
        return Err(format!("--from {f} is after --to {to}").into());
    }
    // Contacts made: nothing after today, whatever --to says.
    let log = worksearch::log(&repo.journals, from, to.min(today), repo.tz);
    let text = match format.unwrap_or(Format::Md) {
        Format::Md => worksearch::markdown(&log, from, to),
        Format::Csv => worksearch::csv(&log),
        other => {
            return Err(format!(
                "the work-search log is written as md or csv, not {}",
                if other == Format::Text {
                    "text"
                } else {
                    "html"
                }
            )
            .into());
        }
    };
    print(g, &text);
    Ok(bad_files_warning(&repo, g))
}
