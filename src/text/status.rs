//! Where the data came from, in words: the one-line summary, its warning chips, and each
//! source's status line from the state's [`StatusNote`].

use super::format::{count, format_day, format_share, with_thousands};
use crate::fetching::plan::Gaps;
use crate::fetching::retry::AttemptError;
use crate::fetching::summary::{
    BundleNote, BundlePart, ConnectivityFigures, Delivery, HashRateFigures, Holding, SharesFigures,
    StatusNote,
};
use crate::model::connectivity::Signal;
use crate::model::region::country_name;
use crate::model::source::StatusSource;
use crate::model::time::{format_date, format_date_time};
use crate::model::units::hashes_to_exahash;
use crate::state::SourceProblem;
use crate::view::data_line::{Freshness, Warning};

/// The data-status line: "Offline: bundled snapshot of 24 Nov 2026", "Live data from 4
/// sources", …
pub fn data_line(freshness: Freshness) -> String {
    match freshness {
        Freshness::Loading => "Loading data…".into(),
        Freshness::Updating { snapshot: None } => "No bundled data · checking live sources…".into(),
        Freshness::Updating { snapshot: Some(t) } => {
            format!(
                "Bundled snapshot of {} · checking live sources…",
                format_day(t)
            )
        }
        Freshness::Offline { snapshot: None } => "Offline: no bundled data".into(),
        Freshness::Offline { snapshot: Some(t) } => {
            format!("Offline: bundled snapshot of {}", format_day(t))
        }
        Freshness::Covered { snapshot, live } => {
            let bundled = snapshot.map_or("The bundled snapshot".to_owned(), |t| {
                format!("Bundled snapshot of {}", format_day(t))
            });
            match live {
                0 => format!("{bundled}, which covers this view"),
                n => format!(
                    "{bundled} for this view · live data from {}",
                    count(n, "source", "sources")
                ),
            }
        }
        Freshness::Live { live, of } if live == of => format!("Live data from all {of} sources"),
        Freshness::Live { live, of } => format!("Live data from {live} of {of} sources"),
    }
}

/// The chip shown when the dates asked for reached outside the days Bitcoin has existed.
pub const RANGE_NARROWED: &str = "dates narrowed to Bitcoin's lifetime";

/// The chip shown when IODA was asked for only the last part of a long view.
pub const CONNECTIVITY_NARROWED: &str = "connectivity for the last 366 days only";

/// A warning chip: "IODA unreachable", "Bundled data failed", "IODA partial".
pub fn warning(warning: &Warning) -> String {
    match warning.problem {
        SourceProblem::Failed => format!("{} failed", source_name(warning.source)),
        SourceProblem::Unreachable => format!("{} unreachable", source_name(warning.source)),
        SourceProblem::Partial => format!("{} partial", source_name(warning.source)),
    }
}

/// Why an attempt at a request failed, in a few words: "HTTP 429, rate-limited".
pub fn attempt_failure(error: &AttemptError) -> String {
    match error {
        AttemptError::Status { code: 429, .. } => "HTTP 429, rate-limited".into(),
        AttemptError::Status { code, .. } => format!("HTTP {code}"),
        AttemptError::Network(detail) if detail.is_empty() => "network error".into(),
        AttemptError::Network(detail) => format!("network error: {detail}"),
        AttemptError::Timeout { seconds } => format!("timeout after {seconds} s"),
        AttemptError::TooLarge(bytes) => {
            format!("the response is too large ({bytes} bytes or more)")
        }
        AttemptError::Limit(n) => format!("not sent: the limit of {n} requests a page was reached"),
    }
}

/// What a status line is about, as readers know it: "Bundled data", or the live source's
/// name (sources keep their own names in every language).
pub fn source_name(source: StatusSource) -> &'static str {
    match source {
        StatusSource::Bundle => "Bundled data",
        StatusSource::Live(source) => source.name(),
    }
}

/// A bundled file's request that was given up after `seconds`, or failed (`why`), while
/// `reading` its response or sending it.
pub fn bundled_failure(reading: bool, seconds: Option<u32>, why: &str) -> String {
    let what = if reading {
        "reading the response"
    } else {
        "the request"
    };
    match seconds {
        Some(seconds) => format!("{what} took longer than {seconds} s"),
        None => format!("{what} failed ({why})"),
    }
}

/// A bundled file answered with an HTTP error.
pub fn bundled_status(status: u16, path: &str) -> String {
    format!("HTTP {status} for {path}")
}

/// A bundled file that never arrived.
pub const NOT_LOADED: &str = "not loaded";
/// No answer came back to read.
pub const NO_RESPONSE: &str = "no response";
/// Not one request of a source's was sent.
pub const NO_REQUEST_SENT: &str = "no request was sent";
/// Nothing from a source: no copy held, and its API not asked in this mode.
pub const NOTHING_TRIED: &str = "no cached copy and the live API was not tried";

/// The answers of a source that could not be used, and why.
pub fn unusable_answer(error: &str) -> String {
    format!("unusable answer: {error}")
}

/// The host's file of connectivity could not be read, and why.
pub fn bundled_connectivity_unreadable(error: &str) -> String {
    format!("the bundled connectivity could not be read: {error}")
}

/// What a live answer lacks, in words ("2 of 13 requests unanswered: HTTP 500; …"); `None`
/// when it is complete.
pub fn gaps(gaps: &Gaps) -> Option<String> {
    let total = gaps.total;
    let why = gaps.error.as_deref().unwrap_or("not sent");
    let mut parts = Vec::new();
    if gaps.unanswered > 0 {
        parts.push(format!(
            "{} of {total} requests unanswered: {why}",
            gaps.unanswered
        ));
    }
    if gaps.older > 0 {
        parts.push(format!(
            "{} of {total} from an older copy ({why})",
            gaps.older
        ));
    }
    if gaps.unusable > 0 {
        let why = gaps.unusable_error.as_deref().unwrap_or("unusable");
        parts.push(format!(
            "{} of {total} answers unusable: {why}",
            gaps.unusable
        ));
    }
    (!parts.is_empty()).then(|| parts.join("; "))
}

/// A year-month as the status lines give it: "2022-01".
fn year_month(t: crate::model::time::UnixSeconds) -> String {
    format_date(t).chars().take(7).collect()
}

/// "1,862 daily values from 2021-12-12 to 2022-01-14, latest 183 EH/s".
fn hash_rate_text(figures: &HashRateFigures) -> String {
    let one = figures
        .label
        .as_ref()
        .map_or("daily value".to_owned(), |l| format!("{l} value"));
    format!(
        "{} from {} to {}, latest {:.0} EH/s",
        count(figures.values, &one, &format!("{one}s")),
        format_date(figures.first),
        format_date(figures.last),
        hashes_to_exahash(figures.latest)
    )
}

/// "Kazakhstan: ping-slash24, bgp (2,016 values from 2021-12-22 to 2022-01-19, 12 unknown;
/// lowest against its 7-day median: ping-slash24 5% on 2022-01-06); 1 outage event".
fn connectivity_text(figures: &ConnectivityFigures) -> String {
    let country = country_name(&figures.country);
    let events = count(figures.events, "outage event", "outage events");
    let narrowed = figures.last_days_only.map_or(String::new(), |days| {
        format!(" (fetched for the view's last {days} days: the most one page asks for)")
    });
    let Some(span) = figures.span else {
        return format!("{country}: no connectivity series; {events}{narrowed}");
    };
    let caveat = if figures.signals.contains(&Signal::Bgp) {
        " (BGP can stay normal through a shutdown; active probing, ping-slash24, shows it)"
    } else {
        ""
    };
    let lows: Vec<String> = (figures.lows.iter())
        .map(|(signal, t, f)| format!("{signal} {:.0}% on {}", f * 100.0, format_date(*t)))
        .collect();
    let lows = if lows.is_empty() {
        String::new()
    } else {
        format!("; lowest against its 7-day median: {}", lows.join(", "))
    };
    let signals: Vec<&str> = figures.signals.iter().map(|s| s.as_str()).collect();
    format!(
        "{country}: {} ({} values from {} to {}, {} unknown{lows}); {events}{caveat}{narrowed}",
        signals.join(", "),
        with_thousands(figures.values),
        format_date(span.start),
        format_date(span.end),
        with_thousands(figures.unknown)
    )
}

/// "3 months from 2020-04 to 2022-01; Kazakhstan 13.2% in 2022-01".
fn shares_text(figures: &SharesFigures) -> String {
    let share = figures
        .share
        .as_ref()
        .map_or(String::new(), |(code, share, month)| {
            format!(
                "; {} {} in {}",
                country_name(code),
                format_share(*share),
                year_month(*month)
            )
        });
    format!(
        "{} from {} to {}{share}",
        count(figures.months, "month", "months"),
        year_month(figures.first),
        year_month(figures.last)
    )
}

/// What a source's data hold, in words.
pub fn holding_text(holding: &Holding) -> String {
    match holding {
        Holding::HashRate(figures) => hash_rate_text(figures),
        Holding::NoHashRate => "no hash-rate values".into(),
        Holding::NoBundledHashRate => "no hash-rate data (the snapshot did not load)".into(),
        Holding::HistoryPending => "the long-range history is loading".into(),
        Holding::HistoryFailed(e) => format!("the long-range history could not be loaded ({e})"),
        Holding::Events {
            total,
            here,
            country,
        } => format!(
            "{}, {} in {}; no connectivity series in the snapshot",
            count(*total, "event", "events"),
            with_thousands(*here),
            country_name(country)
        ),
        Holding::Connectivity(figures) => connectivity_text(figures),
        Holding::Shares(figures) => shares_text(figures),
        Holding::NoShares => "no shares".into(),
        Holding::NoBundledShares => "no shares (the snapshot did not load)".into(),
    }
}

/// A part of the bundled snapshot: "daily data 2021-12-12 to 2022-01-14", "3 months of shares".
fn bundle_part(part: &BundlePart) -> String {
    match part {
        BundlePart::Daily(first, last) => {
            format!(
                "daily data {} to {}",
                format_date(*first),
                format_date(*last)
            )
        }
        BundlePart::DailyYear(year) => format!("daily data for {year}"),
        BundlePart::ShareMonths(n) => count(*n, "month of shares", "months of shares"),
        BundlePart::HashRate => "hash rate".into(),
        BundlePart::Shares => "shares".into(),
        BundlePart::Events => "events".into(),
    }
}

/// "Bundled snapshot: daily data 2021-12-12 to 2022-01-14, 3 months of shares, 147 events,
/// retrieved 2026-11-24.", or what of it could not be loaded.
fn bundle_text(note: &BundleNote) -> String {
    let mut parts: Vec<String> = note.parts.iter().map(bundle_part).collect();
    let mut failures: Vec<String> = (note.failures.iter())
        .map(|(part, e)| format!("{} ({e})", bundle_part(part)))
        .collect();
    match (&note.events, note.events_pending) {
        (Ok(n), false) => parts.push(count(*n, "event", "events")),
        (Ok(n), true) => parts.push(format!("{} (more loading)", count(*n, "event", "events"))),
        (Err(e), _) => failures.push(format!("{} ({e})", bundle_part(&BundlePart::Events))),
    }
    if failures.is_empty() {
        let retrieved =
            (note.retrieved.as_ref()).map_or(String::new(), |r| format!(", retrieved {r}"));
        format!("Bundled snapshot: {}{retrieved}.", parts.join(", "))
    } else {
        format!(
            "The bundled data snapshot could not be loaded: {}.",
            failures.join("; ")
        )
    }
}

/// A source's status line: what it shows and how it came, and if it fell back, why.
pub fn status_line(source: StatusSource, note: &StatusNote) -> String {
    let name = source_name(source);
    match note {
        StatusNote::Loading { country: None } if source == StatusSource::Bundle => {
            "Loading the bundled data snapshot…".into()
        }
        StatusNote::Loading { country: None } => format!("Loading {name}…"),
        StatusNote::Loading {
            country: Some(code),
        } => format!("Loading {name} for {}…", country_name(code)),
        StatusNote::Bundle(bundle) => bundle_text(bundle),
        StatusNote::Failed(failure) => {
            format!("{name} unreachable ({failure}); no data from it is shown.")
        }
        StatusNote::Settled {
            delivery,
            holding,
            failure,
        } => settled_line(name, *delivery, &holding_text(holding), failure.as_deref()),
    }
}

/// The status line of a source that settled: `summary` says what its data hold; `failure` is
/// why the live API was not used, if it was tried (with live data: why part of them is
/// missing).
fn settled_line(name: &str, delivery: Delivery, summary: &str, failure: Option<&str>) -> String {
    let why = failure.map_or(String::new(), |f| format!("{name} unreachable ({f}) — "));
    match delivery {
        Delivery::Covered => {
            format!("{name}: not asked — the bundled snapshot covers this view: {summary}.")
        }
        Delivery::Live => match failure {
            None => format!("{name}: live, {summary}."),
            Some(f) => format!("{name}: live but partial ({f}): {summary}."),
        },
        Delivery::Cached { stored_at, stale } => format!(
            "{why}{name}: {}copy saved {} UTC, {summary}.",
            if stale { "older " } else { "" },
            format_date_time(stored_at)
        ),
        Delivery::Bundled if failure.is_none() => format!(
            "{name}: not fetched in snapshot mode — showing the bundled snapshot: {summary}."
        ),
        Delivery::Bundled => format!("{why}showing the bundled snapshot: {summary}."),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::source::SourceId;

    fn settled(delivery: Delivery, failure: Option<&str>) -> StatusNote {
        StatusNote::Settled {
            delivery,
            holding: Holding::NoShares,
            failure: failure.map(str::to_owned),
        }
    }

    #[test]
    fn status_lines_say_what_is_shown_and_why() {
        let line = |source: SourceId, note| status_line(source.into(), &note);
        assert_eq!(
            line(SourceId::Cbeci, settled(Delivery::Bundled, None)),
            "CBECI: not fetched in snapshot mode — showing the bundled snapshot: no shares."
        );
        assert_eq!(
            line(SourceId::Mempool, settled(Delivery::Live, None)),
            "mempool.space: live, no shares."
        );
        assert_eq!(
            line(
                SourceId::Ioda,
                settled(
                    Delivery::Live,
                    Some("1 of 13 requests unanswered: HTTP 500")
                )
            ),
            "IODA: live but partial (1 of 13 requests unanswered: HTTP 500): no shares."
        );
        assert_eq!(
            line(
                SourceId::Ioda,
                settled(Delivery::Bundled, Some("timeout after 10 s"))
            ),
            "IODA unreachable (timeout after 10 s) — showing the bundled snapshot: no shares."
        );
        let older = Delivery::Cached {
            stored_at: 0,
            stale: true,
        };
        assert_eq!(
            line(SourceId::Cbeci, settled(older, Some("HTTP 500"))),
            "CBECI unreachable (HTTP 500) — CBECI: older copy saved 1970-01-01 00:00 UTC, no shares."
        );
        assert_eq!(
            line(SourceId::Cbeci, settled(Delivery::Covered, None)),
            "CBECI: not asked — the bundled snapshot covers this view: no shares."
        );
        assert_eq!(
            line(
                SourceId::Ioda,
                StatusNote::Loading {
                    country: Some("IR".into())
                }
            ),
            "Loading IODA for Iran…"
        );
        assert_eq!(
            status_line(StatusSource::Bundle, &StatusNote::Loading { country: None }),
            "Loading the bundled data snapshot…"
        );
    }

    #[test]
    fn failures_are_said_in_a_few_words() {
        let status = |code| AttemptError::Status {
            code,
            retry_after: None,
        };
        assert_eq!(attempt_failure(&status(429)), "HTTP 429, rate-limited");
        assert_eq!(attempt_failure(&status(500)), "HTTP 500");
        let timeout = AttemptError::Timeout { seconds: 10 };
        assert_eq!(attempt_failure(&timeout), "timeout after 10 s");
        let network = AttemptError::Network(String::new());
        assert_eq!(attempt_failure(&network), "network error");
        let complete = Gaps {
            total: 4,
            ..Gaps::default()
        };
        assert_eq!(gaps(&complete), None);
        let partial = Gaps {
            total: 13,
            unanswered: 2,
            error: Some("HTTP 500".into()),
            older: 3,
            unusable: 1,
            unusable_error: Some("the response is not valid JSON".into()),
        };
        assert_eq!(
            gaps(&partial).as_deref(),
            Some(
                "2 of 13 requests unanswered: HTTP 500; 3 of 13 from an older copy (HTTP 500); \
                 1 of 13 answers unusable: the response is not valid JSON"
            )
        );
    }

    #[test]
    fn holdings_are_said_in_figures() {
        let daily = HashRateFigures {
            label: None,
            values: 2,
            first: 0,
            last: 86_400,
            latest: 1.83e20,
        };
        assert_eq!(
            holding_text(&Holding::HashRate(daily)),
            "2 daily values from 1970-01-01 to 1970-01-02, latest 183 EH/s"
        );
        let kz = ConnectivityFigures {
            country: "KZ".into(),
            signals: vec![Signal::Probing],
            values: 3,
            unknown: 1,
            span: Some(crate::model::time::TimeRange::new(0, 1_800)),
            lows: vec![],
            events: 1,
            last_days_only: None,
        };
        assert_eq!(
            holding_text(&Holding::Connectivity(kz.clone())),
            "Kazakhstan: ping-slash24 (3 values from 1970-01-01 to 1970-01-01, 1 unknown); 1 outage event"
        );
        let none = ConnectivityFigures {
            span: None,
            events: 2,
            ..kz
        };
        assert_eq!(
            holding_text(&Holding::Connectivity(none)),
            "Kazakhstan: no connectivity series; 2 outage events"
        );
        let shares = SharesFigures {
            months: 1,
            first: 1_640_995_200,
            last: 1_640_995_200,
            share: Some(("KZ".into(), 0.1322, 1_640_995_200)),
        };
        assert_eq!(
            holding_text(&Holding::Shares(shares)),
            "1 month from 2022-01 to 2022-01; Kazakhstan 13.2% in 2022-01"
        );
        let bundle = BundleNote {
            parts: vec![BundlePart::Daily(0, 86_400), BundlePart::ShareMonths(3)],
            events: Ok(147),
            events_pending: true,
            failures: vec![],
            retrieved: Some("2026-11-24".into()),
        };
        assert_eq!(
            bundle_text(&bundle),
            "Bundled snapshot: daily data 1970-01-01 to 1970-01-02, 3 months of shares, 147 \
             events (more loading), retrieved 2026-11-24."
        );
        let failed = BundleNote {
            failures: vec![(BundlePart::DailyYear(2020), "HTTP 404".into())],
            ..bundle
        };
        assert_eq!(
            bundle_text(&failed),
            "The bundled data snapshot could not be loaded: daily data for 2020 (HTTP 404)."
        );
    }
}
