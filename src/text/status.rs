//! Where the data came from, in words: the one-line summary, its warning chips, and each
//! source's status line from the state's [`StatusNote`].

use super::format::{
    country_name, date_time, decimal, format_day, format_share, numeric_date, numeric_month,
    retrieval_date,
};
use crate::fetching::plan::{Gaps, MAX_LIVE_SPAN};
use crate::fetching::retry::AttemptError;
use crate::fetching::summary::{
    BundleNote, BundlePart, ConnectivityFigures, Delivery, HashRateFigures, Holding, SharesFigures,
    StatusNote,
};
use crate::model::connectivity::Signal;
use crate::model::source::StatusSource;
use crate::model::time::DAY;
use crate::model::units::hashes_to_exahash;
use crate::state::SourceProblem;
use crate::tr;
use crate::view::data_line::{Freshness, Warning};

/// The one line of the data status: where the data come from and how fresh they are.
pub fn data_line(freshness: Freshness) -> String {
    match freshness {
        Freshness::Loading => tr!(DataLoading).into(),
        Freshness::Updating { snapshot: None } => tr!(NoBundleChecking).into(),
        Freshness::Updating { snapshot: Some(t) } => tr!(SnapshotChecking, day = &format_day(t)),
        Freshness::Offline { snapshot: None } => tr!(OfflineNoData).into(),
        Freshness::Offline { snapshot: Some(t) } => tr!(OfflineSnapshot, day = &format_day(t)),
        Freshness::Covered { snapshot, live } => match (snapshot, live) {
            (None, 0) => tr!(CoveredBySnapshot).into(),
            (Some(t), 0) => tr!(CoveredBySnapshotOf, day = &format_day(t)),
            (None, n) => tr!(SnapshotAndLive, n = n),
            (Some(t), n) => tr!(SnapshotOfAndLive, day = &format_day(t), n = n),
        },
        Freshness::Live { live, of } if live == of => tr!(LiveAll, n = of),
        Freshness::Live { live, of } => tr!(LiveSome, live = live, of = of),
    }
}

/// The chip shown when the asked dates were narrowed to Bitcoin's lifetime.
pub const RANGE_NARROWED: &str = tr!(RangeNarrowed);

/// The chip shown when connectivity was fetched for the view's last days only.
pub fn connectivity_narrowed() -> String {
    tr!(ConnectivityNarrowed, days = (MAX_LIVE_SPAN / DAY) as usize)
}

/// A warning chip: "IODA unreachable".
pub fn warning(warning: &Warning) -> String {
    let source = source_name(warning.source);
    match warning.problem {
        SourceProblem::Failed => tr!(SourceFailedChip, source = source),
        SourceProblem::Unreachable => tr!(SourceUnreachableChip, source = source),
        SourceProblem::Partial => tr!(SourcePartialChip, source = source),
    }
}

/// Why a request failed, in a few words: "HTTP 429, rate-limited", "timeout after 10 s".
pub fn attempt_failure(error: &AttemptError) -> String {
    match error {
        AttemptError::Status { code: 429, .. } => tr!(RateLimited).into(),
        AttemptError::Status { code, .. } => tr!(HttpStatus, code = &code.to_string()),
        AttemptError::Network(detail) if detail.is_empty() => tr!(NetworkError).into(),
        AttemptError::Network(detail) => tr!(NetworkErrorDetail, detail = detail),
        AttemptError::Timeout { seconds } => tr!(TimeoutAfter, seconds = *seconds as usize),
        AttemptError::TooLarge(bytes) => tr!(TooLarge, bytes = *bytes as usize),
        AttemptError::Limit(n) => tr!(LimitReached, n = *n),
    }
}

/// A status line's source: the bundle, or a live source by its name.
pub fn source_name(source: StatusSource) -> &'static str {
    match source {
        StatusSource::Bundle => tr!(BundledData),
        StatusSource::Live(source) => source.name(),
    }
}

/// Why a bundled file failed: it took too long (`seconds`), or failed (`why`), in the request or
/// in reading the response.
pub fn bundled_failure(reading: bool, seconds: Option<u32>, why: &str) -> String {
    match (reading, seconds) {
        (true, Some(s)) => tr!(ReadingTookLonger, seconds = s as usize),
        (false, Some(s)) => tr!(RequestTookLonger, seconds = s as usize),
        (true, None) => tr!(ReadingFailed, why = why),
        (false, None) => tr!(RequestFailed, why = why),
    }
}

/// A bundled file answered with an error status.
pub fn bundled_status(status: u16, path: &str) -> String {
    tr!(HttpStatusFor, code = &status.to_string(), path = path)
}

/// A bundled file that was never loaded.
pub const NOT_LOADED: &str = tr!(NotLoaded);

/// A source that gave no response.
pub const NO_RESPONSE: &str = tr!(NoResponse);

/// A source that was never asked.
pub const NO_REQUEST_SENT: &str = tr!(NoRequestSent);

/// A source with neither a cached copy nor a try of its live API.
pub const NOTHING_TRIED: &str = tr!(NothingTried);

/// An answer that could not be read.
pub fn unusable_answer(error: &str) -> String {
    tr!(UnusableAnswer, why = error)
}

/// The bundled connectivity that could not be read.
pub fn bundled_connectivity_unreadable(error: &str) -> String {
    tr!(ConnectivityUnreadable, why = error)
}

/// What a partial answer lacks: requests unanswered, answered from an older copy, unusable;
/// `None` when nothing is missing.
pub fn gaps(gaps: &Gaps) -> Option<String> {
    let total = gaps.total;
    let not_sent = tr!(NotSent);
    let why = gaps.error.as_deref().unwrap_or(not_sent);
    let mut parts = Vec::new();
    if gaps.unanswered > 0 {
        parts.push(tr!(
            Unanswered,
            n = gaps.unanswered,
            total = total,
            why = why
        ));
    }
    if gaps.older > 0 {
        parts.push(tr!(FromOlderCopy, n = gaps.older, total = total, why = why));
    }
    if gaps.unusable > 0 {
        let why = gaps.unusable_error.as_deref().unwrap_or(tr!(Unusable));
        parts.push(tr!(
            AnswersUnusable,
            n = gaps.unusable,
            total = total,
            why = why
        ));
    }
    (!parts.is_empty()).then(|| parts.join(tr!(PartSeparator)))
}

fn hash_rate_text(figures: &HashRateFigures) -> String {
    let (first, last) = (&numeric_date(figures.first), &numeric_date(figures.last));
    let latest = &decimal(hashes_to_exahash(figures.latest), 0);
    match &figures.label {
        Some(label) => tr!(
            LabelledValues,
            n = figures.values,
            label = label,
            first = first,
            last = last,
            latest = latest
        ),
        None => tr!(
            DailyValues,
            n = figures.values,
            first = first,
            last = last,
            latest = latest
        ),
    }
}

fn connectivity_text(figures: &ConnectivityFigures) -> String {
    let country = &country_name(&figures.country);
    let events = &tr!(OutageEvents, n = figures.events);
    let narrowed = &figures.last_days_only.map_or(String::new(), |days| {
        tr!(FetchedLastDays, days = days as usize)
    });
    let Some(span) = figures.span else {
        return tr!(
            NoConnectivitySeries,
            country = country,
            events = events,
            narrowed = narrowed
        );
    };
    let caveat = if figures.signals.contains(&Signal::Bgp) {
        tr!(BgpCaveat)
    } else {
        ""
    };
    let lows: Vec<String> = (figures.lows.iter())
        .map(|(signal, t, f)| {
            tr!(
                SignalLow,
                signal = signal.as_str(),
                percent = &super::format::percent(*f, 0),
                date = &numeric_date(*t)
            )
        })
        .collect();
    let lows = if lows.is_empty() {
        String::new()
    } else {
        tr!(Lowest, lows = &lows.join(tr!(ListSeparator)))
    };
    let signals: Vec<&str> = figures.signals.iter().map(|s| s.as_str()).collect();
    tr!(
        ConnectivityHeld,
        country = country,
        signals = &signals.join(tr!(ListSeparator)),
        values = figures.values,
        first = &numeric_date(span.start),
        last = &numeric_date(span.end),
        unknown = figures.unknown,
        lows = &lows,
        events = events,
        caveat = caveat,
        narrowed = narrowed
    )
}

fn shares_text(figures: &SharesFigures) -> String {
    let (first, last) = (&numeric_month(figures.first), &numeric_month(figures.last));
    match &figures.share {
        Some((code, share, month)) => tr!(
            SharesHeldWithShare,
            n = figures.months,
            first = first,
            last = last,
            country = &country_name(code),
            share = &format_share(*share),
            month = &numeric_month(*month)
        ),
        None => tr!(SharesHeld, n = figures.months, first = first, last = last),
    }
}

/// What a source holds, in words.
pub fn holding_text(holding: &Holding) -> String {
    match holding {
        Holding::HashRate(figures) => hash_rate_text(figures),
        Holding::NoHashRate => tr!(NoHashRateValues).into(),
        Holding::NoBundledHashRate => tr!(NoBundledHashRate).into(),
        Holding::HistoryPending => tr!(HistoryPending).into(),
        Holding::HistoryFailed(e) => tr!(HistoryFailed, why = e),
        Holding::Events {
            total,
            here,
            country,
        } => tr!(
            EventsHeld,
            n = *total,
            here = *here,
            country = &country_name(country)
        ),
        Holding::Connectivity(figures) => connectivity_text(figures),
        Holding::Shares(figures) => shares_text(figures),
        Holding::NoShares => tr!(NoShares).into(),
        Holding::NoBundledShares => tr!(NoBundledShares).into(),
    }
}

fn bundle_part(part: &BundlePart) -> String {
    match part {
        BundlePart::Daily(first, last) => tr!(
            DailyData,
            first = &numeric_date(*first),
            last = &numeric_date(*last)
        ),
        BundlePart::DailyYear(year) => tr!(DailyDataFor, year = &year.to_string()),
        BundlePart::ShareMonths(n) => tr!(ShareMonths, n = *n),
        BundlePart::HashRate => tr!(PartHashRate).into(),
        BundlePart::Shares => tr!(PartShares).into(),
        BundlePart::Events => tr!(PartEvents).into(),
    }
}

fn bundle_text(note: &BundleNote) -> String {
    let mut parts: Vec<String> = note.parts.iter().map(bundle_part).collect();
    let failure =
        |part: &BundlePart, why: &str| tr!(PartFailure, part = &bundle_part(part), why = why);
    let mut failures: Vec<String> = (note.failures.iter())
        .map(|(part, e)| failure(part, e))
        .collect();
    match (&note.events, note.events_pending) {
        (Ok(n), false) => parts.push(tr!(EventCount, n = *n)),
        (Ok(n), true) => parts.push(tr!(EventsMoreLoading, n = *n)),
        (Err(e), _) => failures.push(failure(&BundlePart::Events, e)),
    }
    let separator = tr!(ListSeparator);
    if !failures.is_empty() {
        return tr!(BundleFailed, failures = &failures.join(tr!(PartSeparator)));
    }
    match &note.retrieved {
        Some(date) => tr!(
            BundleLoadedRetrieved,
            parts = &parts.join(separator),
            date = &retrieval_date(date)
        ),
        None => tr!(BundleLoaded, parts = &parts.join(separator)),
    }
}

/// A source's status line: what it shows, where from, and why.
pub fn status_line(source: StatusSource, note: &StatusNote) -> String {
    let name = source_name(source);
    match note {
        StatusNote::Loading { country: None } if source == StatusSource::Bundle => {
            tr!(LoadingBundle).into()
        }
        StatusNote::Loading { country: None } => tr!(LoadingSource, source = name),
        StatusNote::Loading {
            country: Some(code),
        } => tr!(
            LoadingSourceFor,
            source = name,
            country = &country_name(code)
        ),
        StatusNote::Bundle(bundle) => bundle_text(bundle),
        StatusNote::Failed(failure) => tr!(SourceFailed, source = name, why = failure),
        StatusNote::Settled {
            delivery,
            holding,
            failure,
        } => settled_line(name, *delivery, &holding_text(holding), failure.as_deref()),
    }
}

fn settled_line(name: &str, delivery: Delivery, summary: &str, failure: Option<&str>) -> String {
    let line = match (delivery, failure) {
        (Delivery::Covered, _) => tr!(SettledCovered, source = name, summary = summary),
        (Delivery::Live, None) => tr!(SettledLive, source = name, summary = summary),
        (Delivery::Live, Some(f)) => {
            return tr!(SettledPartial, source = name, why = f, summary = summary)
        }
        (Delivery::Cached { stored_at, stale }, _) => {
            let time = &date_time(stored_at);
            if stale {
                tr!(
                    SettledCachedOlder,
                    source = name,
                    time = time,
                    summary = summary
                )
            } else {
                tr!(SettledCached, source = name, time = time, summary = summary)
            }
        }
        (Delivery::Bundled, None) => tr!(SettledSnapshotMode, source = name, summary = summary),
        (Delivery::Bundled, Some(_)) => tr!(ShowingSnapshot, summary = summary),
    };
    match failure {
        Some(f) if delivery != Delivery::Covered => {
            tr!(UnreachableThen, source = name, why = f, rest = &line)
        }
        _ => line,
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
