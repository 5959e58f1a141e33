//! The words of the controls, labels, tooltips and announcements, and of the charts drawn on
//! canvas. Words without values are `tr!(Key)` where they are used.

use super::format::{
    date_time, decimal, format_day_span, format_month, format_share, numeric_date, percent,
    retrieval_date,
};
use crate::analysis::status::ConnectivityStatus;
use crate::geo::shapes::CountryShape;
use crate::model::connectivity::Signal;
use crate::model::events::{DisruptionEvent, EventOrigin, Evidence};
use crate::model::provenance::Provenance;
use crate::model::shares::MonthShares;
use crate::model::time::{TimeRange, UnixSeconds, HOUR};
use crate::model::units::hashes_to_exahash;
use crate::model::view::PresetKind;
use crate::tr;

// --- the timeline --------------------------------------------------------------------------

/// The range buttons: the last 7 and 30 days, the last year, all of it, the opening story.
pub fn preset(kind: PresetKind) -> &'static str {
    match kind {
        PresetKind::Week => tr!(PresetWeek),
        PresetKind::Month => tr!(PresetMonth),
        PresetKind::Year => tr!(PresetYear),
        PresetKind::All => tr!(PresetAll),
        PresetKind::Kazakhstan2022 => tr!(PresetKazakhstan2022),
    }
}

/// The timeline's accessible name: what it shows, over which days, and its keys.
pub fn timeline_label(country: &str, from: UnixSeconds, to: UnixSeconds) -> String {
    tr!(
        TimelineLabel,
        country = country,
        from = &numeric_date(from),
        to = &numeric_date(to)
    )
}

/// Said when the timeline could not be drawn.
pub fn timeline_failed(message: &str) -> String {
    tr!(TimelineFailed, why = message)
}

/// Said when a disruption is selected with the keyboard.
pub fn selected(title: &str) -> String {
    tr!(Selected, title = title)
}

/// "5 Jan 2022 14:00 UTC"-style time for the tooltip and announcements.
pub fn cursor_time(t: UnixSeconds) -> String {
    tr!(UtcTime, time = &date_time(t))
}

/// How long an event lasted: "2.5 days", "6.0 hours".
pub fn duration(event: &DisruptionEvent) -> String {
    let hours = (event.end - event.start) as f64 / HOUR as f64;
    if hours >= 48.0 {
        tr!(DurationDays, days = &decimal(hours / 24.0, 1))
    } else {
        tr!(DurationHours, hours = &decimal(hours, 1))
    }
}

/// An event under the cursor, in an announcement.
pub fn during(title: &str) -> String {
    tr!(During, title = title)
}

/// The range shown, announced after a keyboard zoom or pan.
pub fn showing(from: UnixSeconds, to: UnixSeconds) -> String {
    tr!(Showing, from = &numeric_date(from), to = &numeric_date(to))
}

/// An event's scope in words: "Country", "Region (Texas)", "AS (4538)", or the source's own
/// ("Mobile networks").
pub fn scope(event: &DisruptionEvent) -> String {
    if event.scope == "Country" {
        tr!(ScopeCountry).to_owned()
    } else if let Some(region) = named_scope(event, "Region") {
        tr!(ScopeRegion, region = region)
    } else if let Some(network) = named_scope(event, "AS") {
        tr!(ScopeNetwork, network = network)
    } else {
        event.scope.clone()
    }
}

/// The name in an event's scope of `kind`: "Texas" in "Region (Texas)" for `Region`.
pub(super) fn named_scope<'a>(event: &'a DisruptionEvent, kind: &str) -> Option<&'a str> {
    (event.scope.strip_prefix(kind))
        .and_then(|s| s.strip_prefix(" ("))
        .and_then(|s| s.strip_suffix(')'))
}

/// What a piece of `event`'s evidence reports: as its source published it, or, for the row of
/// IODA's verified outages the event comes from, in the page's language.
pub fn finding(event: &DisruptionEvent, evidence: &Evidence) -> String {
    if event.origin != EventOrigin::IodaVerified {
        return evidence.finding.clone();
    }
    let scope = &scope(event);
    match evidence.cause_confirmed {
        Some(confirmed) => tr!(
            FindingIodaVerifiedCause,
            scope = scope,
            status = if confirmed {
                tr!(CauseConfirmed)
            } else {
                tr!(CauseUnconfirmed)
            }
        ),
        None => tr!(FindingIodaVerified, scope = scope),
    }
}

/// An event in the tooltip: scope, cause, duration and times ("Country, shutdown; 5.0 days,
/// 2022-01-05 10:00 – 2022-01-10 10:00 UTC"), or in brief scope and duration.
pub fn event_facts(event: &DisruptionEvent, compact: bool) -> String {
    let (scope, duration) = (&scope(event), &duration(event));
    if compact {
        return tr!(EventBrief, scope = scope, duration = duration);
    }
    let (start, end) = (&date_time(event.start), &date_time(event.end));
    match &event.cause {
        Some(cause) => tr!(
            EventFactsCause,
            scope = scope,
            cause = cause,
            duration = duration,
            start = start,
            end = end
        ),
        None => tr!(
            EventFacts,
            scope = scope,
            duration = duration,
            start = start,
            end = end
        ),
    }
}

/// The sources of an event, in the tooltip.
pub fn sources(names: &[&str]) -> String {
    tr!(SourcesOf, names = &names.join(tr!(ListSeparator)))
}

/// A hash rate in EH/s with one decimal: "173.9 EH/s".
pub fn exahash(hash_rate: f64) -> String {
    tr!(ExaHash, value = &decimal(hashes_to_exahash(hash_rate), 1))
}

/// A hash rate with its 95% interval: "173.9 EH/s (95% interval 160.2–188.0)".
pub fn exahash_with_interval(hash_rate: f64, low: f64, high: f64) -> String {
    tr!(
        ExaHashInterval,
        value = &exahash(hash_rate),
        low = &decimal(hashes_to_exahash(low), 1),
        high = &decimal(hashes_to_exahash(high), 1)
    )
}

/// A connectivity value: "12% of usual", or "unknown".
pub fn percent_of_usual(percent_value: Option<f64>) -> String {
    match percent_value {
        Some(value) => tr!(OfUsual, percent = &percent(value / 100.0, 0)),
        None => tr!(Unknown).to_owned(),
    }
}

/// A signal in the legend and tooltip: "active probing (ping-slash24)".
pub fn signal_label(signal: Signal) -> &'static str {
    match signal {
        Signal::Probing => tr!(SignalProbing),
        Signal::Bgp => tr!(SignalBgp),
        Signal::Telescope => tr!(SignalTelescope),
    }
}

/// A signal's toggle button: "Probing", "BGP", "Telescope".
pub fn signal_short_label(signal: Signal) -> &'static str {
    match signal {
        Signal::Probing => tr!(SignalProbingShort),
        Signal::Bgp => tr!(SignalBgpShort),
        Signal::Telescope => tr!(SignalTelescopeShort),
    }
}

/// A region's signal, in the tooltip: "Kazakhstan: active probing (ping-slash24)".
pub fn regional(region: &str, label: &str) -> String {
    tr!(Regional, region = region, signal = label)
}

/// The rolling estimate's legend: "7-day estimate from blocks found, with 95% interval".
pub fn rolling_estimate(days: usize) -> String {
    tr!(RollingEstimate, days = days)
}

/// In the connectivity plot without a signal.
pub fn no_signal_for(region: &str) -> String {
    tr!(NoSignalFor, region = region)
}

// --- the map -------------------------------------------------------------------------------

/// A country on the map by its name in the page's language (Natural Earth's English name for
/// the few the widget does not know).
pub fn shape_name(shape: &CountryShape) -> String {
    shape
        .code
        .map_or_else(|| shape.name.clone(), super::format::country_name)
}

/// A series' label in the page's language: the snapshot's labels of the sources it bundles are
/// known; any other is shown as its file gives it.
pub fn series_label(label: &str) -> &str {
    match label {
        "Coin Metrics daily estimate" => tr!(SeriesCoinMetricsDaily),
        "blockchain.com 7-day average" => tr!(SeriesBlockchainWeekly),
        "blockchain.com daily estimate" => tr!(SeriesBlockchainDaily),
        "mempool.space daily average" => tr!(SeriesMempoolDaily),
        label => label,
    }
}

/// A share circle's label on the map: "KZ 13.2%".
pub fn marker_label(code: &str, share: f64) -> String {
    format!("{code} {}", format_share(share))
}

/// "Jan 2022", or with the month's note (e.g. an average): "Jan 2022 (average)".
pub fn share_month(month: &MonthShares) -> String {
    match &month.note {
        Some(note) => tr!(
            MonthWithNote,
            month = &format_month(month.month),
            note = note
        ),
        None => format_month(month.month),
    }
}

/// The map's accessible name: the month of the shares (`None`: no month), the time of the
/// connectivity, and its keys.
pub fn map_label(month: Option<String>, t: UnixSeconds) -> String {
    let month = month.unwrap_or_else(|| tr!(NoMonth).to_owned());
    tr!(MapLabel, month = &month, time = &date_time(t))
}

/// A country's share in the tooltip: "13.2% of Bitcoin's hash rate in Jan 2022 (estimate)".
pub fn country_share(share: f64, month: &MonthShares) -> String {
    tr!(
        CountryShare,
        share = &format_share(share),
        month = &share_month(month)
    )
}

/// A country's connectivity at a time, in the tooltip (`reading`: its status in words).
pub fn connectivity_at(t: UnixSeconds, reading: Option<String>) -> String {
    match reading {
        Some(reading) => tr!(ConnectivityAt, time = &date_time(t), reading = &reading),
        None => tr!(NoConnectivitySignal).to_owned(),
    }
}

/// A disruption at the time shown, in the tooltip.
pub fn now(title: &str) -> String {
    tr!(Now, title = title)
}

/// Announced when a country is chosen on the map.
pub fn country_selected(name: &str) -> String {
    tr!(CountrySelected, country = name)
}

/// Announced when a country without a share is chosen.
pub fn country_without_share(name: &str) -> String {
    tr!(CountryWithoutShare, country = name)
}

/// Said when the map's shapes could not be loaded.
pub fn map_not_loaded(message: &str) -> String {
    tr!(MapNotLoaded, why = message)
}

/// Said when the map could not be drawn.
pub fn map_not_drawn(message: &str) -> String {
    tr!(MapNotDrawn, why = message)
}

/// A connectivity status in words.
pub fn status_name(status: ConnectivityStatus) -> &'static str {
    match status {
        ConnectivityStatus::Normal => tr!(StatusNormal),
        ConnectivityStatus::Degraded => tr!(StatusDegraded),
        ConnectivityStatus::Disrupted => tr!(StatusDisrupted),
        ConnectivityStatus::Unknown => tr!(Unknown),
    }
}

// --- the disruptions list and the impact panel ---------------------------------------------

/// The step buttons' names: "Previous disruption: …", "Next disruption: …".
pub fn step_label(forward: bool, title: &str) -> String {
    if forward {
        tr!(NextDisruption, title = title)
    } else {
        tr!(PreviousDisruption, title = title)
    }
}

/// Where an event comes from, in the impact panel.
pub fn origin(origin: EventOrigin) -> &'static str {
    match origin {
        EventOrigin::IodaVerified => tr!(OriginVerified),
        EventOrigin::IodaDetected => tr!(OriginIodaDetected),
        EventOrigin::SignalDetected => tr!(OriginSignalDetected),
        EventOrigin::Curated => tr!(OriginCurated),
    }
}

/// A window's estimate in the impact panel: "During, 5–10 Jan 2022".
pub fn window_term(during: bool, days: TimeRange) -> String {
    let days = &format_day_span(days);
    if during {
        tr!(WindowDuring, days = days)
    } else {
        tr!(WindowBefore, days = days)
    }
}

/// A window's estimate: "173.9 EH/s (95% interval 160.2–188.0), from 864 blocks".
pub fn window_estimate(hash_rate: f64, low: f64, high: f64, blocks: f64) -> String {
    tr!(
        WindowEstimate,
        estimate = &exahash_with_interval(hash_rate, low, high),
        blocks = blocks.round() as usize
    )
}

/// A disruption in the menu: "Shutdown (2022-01-05 10:00 – 2022-01-10 10:00 UTC)".
pub fn disruption_option(title: &str, start: UnixSeconds, end: UnixSeconds) -> String {
    tr!(
        DisruptionOption,
        title = title,
        start = &date_time(start),
        end = &date_time(end)
    )
}

/// The evidence of an event: "Evidence: Internet shutdown in Kazakhstan (curated from public
/// reports), scope Country, cause protests".
pub fn evidence(event: &DisruptionEvent) -> String {
    let (title, origin, scope) = (
        &super::event_title(event),
        origin(event.origin),
        &scope(event),
    );
    match &event.cause {
        Some(cause) => tr!(
            EvidenceCause,
            title = title,
            origin = origin,
            scope = scope,
            cause = cause
        ),
        None => tr!(Evidence, title = title, origin = origin, scope = scope),
    }
}

// --- the data status, credits and sharing --------------------------------------------------

/// A credit after its source's name: ", daily block count (CC BY-NC 4.0), retrieved
/// 2026-11-24".
pub fn credit_terms(p: &Provenance) -> String {
    tr!(
        CreditTerms,
        title = &p.title,
        licence = &p.licence,
        date = &retrieval_date(&p.retrieved)
    )
}

/// One credit of a download's attribution: "Coin Metrics: daily block count (CC BY-NC 4.0),
/// retrieved 2026-11-24".
pub fn credit_line(p: &Provenance) -> String {
    tr!(
        CreditLine,
        source = &p.source,
        title = &p.title,
        licence = &p.licence,
        date = &retrieval_date(&p.retrieved)
    )
}

/// The attribution line of a download: every source credited on screen.
pub fn attribution(credits: &[Provenance]) -> String {
    let lines: Vec<String> = credits.iter().map(credit_line).collect();
    tr!(Attribution, credits = &lines.join(" · "))
}

/// The CSV's header: the range and the credits.
pub fn csv_header(from: UnixSeconds, to: UnixSeconds, attribution: &str) -> String {
    let range = tr!(CsvHeader, from = &date_time(from), to = &date_time(to));
    format!("{range}\n# {attribution}\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_credit_names_source_title_licence_and_date() {
        let p = Provenance {
            source: "Coin Metrics".into(),
            title: "daily block count".into(),
            licence: "CC BY-NC 4.0".into(),
            url: "https://coinmetrics.io/community-network-data/".into(),
            origin: "coinmetrics/data".into(),
            retrieved: "2026-11-24".into(),
        };
        assert_eq!(
            credit_line(&p),
            "Coin Metrics: daily block count (CC BY-NC 4.0), retrieved 2026-11-24"
        );
        assert_eq!(
            credit_terms(&p),
            ", daily block count (CC BY-NC 4.0), retrieved 2026-11-24"
        );
        assert_eq!(
            attribution(&[p]),
            "Sources: Coin Metrics: daily block count (CC BY-NC 4.0), retrieved 2026-11-24. \
             Made with minewatch."
        );
    }

    #[test]
    fn values_carry_their_units() {
        assert_eq!(exahash(1.739e20), "173.9 EH/s");
        assert_eq!(percent_of_usual(Some(12.4)), "12% of usual");
        assert_eq!(percent_of_usual(None), "unknown");
        assert_eq!(
            window_estimate(1.739e20, 1.6e20, 1.88e20, 864.0),
            "173.9 EH/s (95% interval 160.0–188.0), from 864 blocks"
        );
    }
}
