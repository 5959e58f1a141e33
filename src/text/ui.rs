//! The words of the controls, labels, tooltips and announcements, and of the charts drawn on
//! canvas.

use super::format::{format_month, format_share, with_thousands};
use crate::analysis::status::ConnectivityStatus;
use crate::model::connectivity::Signal;
use crate::model::events::{DisruptionEvent, EventOrigin};
use crate::model::provenance::Provenance;
use crate::model::shares::MonthShares;
use crate::model::time::{format_date, format_date_time, TimeRange, UnixSeconds, HOUR};
use crate::model::units::hashes_to_exahash;
use crate::model::view::PresetKind;

/// The title of the widget and of its downloads.
pub const TITLE: &str = "Bitcoin hash rate and disruptions in mining regions";

// --- the timeline --------------------------------------------------------------------------

/// The timeline's role, for screen readers.
pub const CHART_ROLE: &str = "interactive chart";
/// The range buttons' group.
pub const TIME_RANGE: &str = "Time range";
/// The button that returns to the opening view.
pub const RESET: &str = "Reset";
/// The gestures, for a mouse and keyboard.
pub const POINTER_HINT: &str =
    "Drag to zoom · Shift+drag or drag the dates to pan · Ctrl+scroll to zoom · double-click to reset";
/// The gestures, for touch.
pub const TOUCH_HINT: &str = "Drag to zoom · pinch to zoom · tap for values · double-tap to reset";
/// The signal toggles' group.
pub const SIGNALS_SHOWN: &str = "Connectivity signals shown";
/// Before the signal toggles.
pub const CONNECTIVITY_LABEL: &str = "Connectivity:";
/// In place of the signal toggles.
pub const NO_SIGNAL_TOGGLE: &str = "no IODA signal loaded";

/// The range buttons: the last 7 and 30 days, the last year, all of it, the opening story.
pub fn preset(kind: PresetKind) -> &'static str {
    match kind {
        PresetKind::Week => "7 days",
        PresetKind::Month => "30 days",
        PresetKind::Year => "1 year",
        PresetKind::All => "All",
        PresetKind::Kazakhstan2022 => "Kazakhstan, Jan 2022",
    }
}

/// The timeline's accessible name: what it shows, over which days, and its keys.
pub fn timeline_label(country: &str, from: UnixSeconds, to: UnixSeconds) -> String {
    format!(
        "Timeline of Bitcoin's hash rate and of {} connectivity, {} to {} (UTC). \
         Arrow keys move the cursor, plus and minus zoom, Page Up and Page Down pan, Escape \
         resets, Enter selects the event under the cursor.",
        super::possessive(country),
        format_date(from),
        format_date(to),
    )
}

/// Why a chart could not be drawn: the browser gave no canvas to draw on.
pub const NO_CANVAS: &str = "this browser gave no 2D canvas context";
/// Why the map could not be drawn: its file held no country.
pub const NO_SHAPES: &str = "no shapes";

/// Said when the timeline could not be drawn.
pub fn timeline_failed(message: &str) -> String {
    format!("The timeline could not be drawn: {message}")
}

/// Said when a disruption is selected with the keyboard.
pub fn selected(title: &str) -> String {
    format!("Selected: {title}")
}

/// "5 Jan 2022 14:00 UTC"-style time for the tooltip and announcements.
pub fn cursor_time(t: UnixSeconds) -> String {
    format!("{} UTC", format_date_time(t))
}

/// How long an event lasted: "2.5 days", "6.0 hours".
pub fn duration(event: &DisruptionEvent) -> String {
    let hours = (event.end - event.start) as f64 / HOUR as f64;
    if hours >= 48.0 {
        format!("{:.1} days", hours / 24.0)
    } else {
        format!("{hours:.1} hours")
    }
}

/// An event under the cursor, in an announcement.
pub fn during(title: &str) -> String {
    format!("during {title}")
}

/// The range shown, announced after a keyboard zoom or pan.
pub fn showing(from: UnixSeconds, to: UnixSeconds) -> String {
    format!("Showing {} to {} (UTC)", format_date(from), format_date(to))
}

/// An event in the tooltip: scope, cause, duration and times ("Country, shutdown; 5.0 days,
/// 2022-01-05 10:00 – 2022-01-10 10:00 UTC"), or in brief scope and duration.
pub fn event_facts(event: &DisruptionEvent, compact: bool) -> String {
    if compact {
        return format!("{}; {}", event.scope, duration(event));
    }
    format!(
        "{}{}; {}, {} – {} UTC",
        event.scope,
        event
            .cause
            .as_ref()
            .map_or(String::new(), |c| format!(", {c}")),
        duration(event),
        format_date_time(event.start),
        format_date_time(event.end),
    )
}

/// The sources of an event, in the tooltip.
pub fn sources(names: &[&str]) -> String {
    format!("Sources: {}", names.join(", "))
}

/// A hash rate in EH/s with one decimal: "173.9 EH/s".
pub fn exahash(hash_rate: f64) -> String {
    format!("{:.1} EH/s", hashes_to_exahash(hash_rate))
}

/// A hash rate with its 95% interval: "173.9 EH/s (95% interval 160.2–188.0)".
pub fn exahash_with_interval(hash_rate: f64, low: f64, high: f64) -> String {
    format!(
        "{} (95% interval {:.1}–{:.1})",
        exahash(hash_rate),
        hashes_to_exahash(low),
        hashes_to_exahash(high)
    )
}

/// A connectivity value: "12% of usual", or "unknown".
pub fn percent_of_usual(percent: Option<f64>) -> String {
    match percent {
        Some(percent) => format!("{percent:.0}% of usual"),
        None => "unknown".to_owned(),
    }
}

/// A signal in the legend and tooltip: "active probing (ping-slash24)".
pub fn signal_label(signal: Signal) -> &'static str {
    match signal {
        Signal::Probing => "active probing (ping-slash24)",
        Signal::Bgp => "BGP (bgp)",
        Signal::Telescope => "telescope (merit-nt)",
    }
}

/// A signal's toggle button: "Probing", "BGP", "Telescope".
pub fn signal_short_label(signal: Signal) -> &'static str {
    match signal {
        Signal::Probing => "Probing",
        Signal::Bgp => "BGP",
        Signal::Telescope => "Telescope",
    }
}

/// A region's signal, in the tooltip: "Kazakhstan: active probing (ping-slash24)".
pub fn regional(region: &str, label: &str) -> String {
    format!("{region}: {label}")
}

/// The live hash-rate series, by their sources.
pub const BLOCKCHAIN_LIVE: &str = "blockchain.com daily estimate (live)";
/// mempool.space's live series.
pub const MEMPOOL_LIVE: &str = "mempool.space daily average (live)";

/// The rolling estimate's legend: "7-day estimate from blocks found, with 95% interval".
pub fn rolling_estimate(days: usize) -> String {
    format!("{days}-day estimate from blocks found, with 95% interval")
}

/// The time axis's title.
pub const DATE_AXIS: &str = "Date (UTC)";
/// The hash-rate plot's axis title.
pub const HASH_RATE_AXIS: &str = "Hash rate (EH/s)";
/// The connectivity plot's axis title.
pub const CONNECTIVITY_AXIS: &str = "Connectivity (% of usual)";
/// In the hash-rate plot without data.
pub const NO_HASH_RATE: &str = "No hash-rate data in this range";
/// The region, when its name is not known.
pub const THE_REGION: &str = "the region";
/// In the connectivity plot without a signal.
pub fn no_signal_for(region: &str) -> String {
    format!("No IODA connectivity signal loaded for {region}")
}
/// In the connectivity plot with every signal switched off.
pub const ALL_SIGNALS_OFF: &str = "Every connectivity signal is switched off";

// --- the map -------------------------------------------------------------------------------

/// A share circle's label on the map: "KZ 13.2%".
pub fn marker_label(code: &str, share: f64) -> String {
    format!("{code} {}", format_share(share))
}

/// The map's role, for screen readers.
pub const MAP_ROLE: &str = "interactive map";
/// The map's toolbar.
pub const MAP_VIEW: &str = "Map view";
/// The world button.
pub const WORLD: &str = "World";
/// The Central Asia button.
pub const CENTRAL_ASIA: &str = "Central Asia";
/// Before the months menu.
pub const SHARES_IN: &str = "Shares in ";
/// After a month that is only the nearest published to the time shown.
pub const NEAREST_PUBLISHED: &str = " (nearest published)";

/// "Jan 2022", or with the month's note (e.g. an average): "Jan 2022 (average)".
pub fn share_month(month: &MonthShares) -> String {
    match &month.note {
        Some(note) => format!("{} ({note})", format_month(month.month)),
        None => format_month(month.month),
    }
}

/// The map's accessible name: the month of the shares (`None`: no month), the time of the
/// connectivity, and its keys.
pub fn map_label(month: Option<String>, t: UnixSeconds) -> String {
    let month = month.unwrap_or_else(|| "no month".to_owned());
    format!(
        "Map of Bitcoin mining countries: share of the hash rate in {month} and connectivity at {} UTC. \
         Arrow keys walk the mining countries by share, Enter selects one.",
        format_date_time(t)
    )
}

/// A country's share in the tooltip: "13.2% of Bitcoin's hash rate in Jan 2022 (estimate)".
pub fn country_share(share: f64, month: &MonthShares) -> String {
    format!(
        "{} of Bitcoin's hash rate in {} (estimate)",
        format_share(share),
        share_month(month)
    )
}

/// A country without a share, in the tooltip.
pub const NO_SHARE: &str = "No published share of the hash rate";

/// A country's connectivity at a time, in the tooltip (`reading`: its status in words).
pub fn connectivity_at(t: UnixSeconds, reading: Option<String>) -> String {
    match reading {
        Some(reading) => format!("Connectivity at {} UTC: {reading}", format_date_time(t)),
        None => "No connectivity signal loaded".into(),
    }
}

/// A disruption at the time shown, in the tooltip.
pub fn now(title: &str) -> String {
    format!("Now: {title}")
}

/// Announced when a country is chosen on the map.
pub fn country_selected(name: &str) -> String {
    format!("Selected {name}: the timeline shows its connectivity and disruptions.")
}

/// Announced when a country without a share is chosen.
pub fn country_without_share(name: &str) -> String {
    format!("{name} has no published share of Bitcoin's hash rate.")
}

/// Said when the map's shapes could not be loaded.
pub fn map_not_loaded(message: &str) -> String {
    format!("The map could not be loaded: {message}")
}

/// Said when the map could not be drawn.
pub fn map_not_drawn(message: &str) -> String {
    format!("The map could not be drawn: {message}")
}

/// The legend's circle.
pub const SHARE_CIRCLE: &str = "10% of the hash rate (CBECI estimate)";
/// The legend's land colour.
pub const NO_SIGNAL: &str = "no signal loaded";
/// The legend's outline.
pub const DISRUPTION_OUTLINE: &str = "disruption at that time";
/// The legend's place marker.
pub const AFFECTED_PLACE: &str = "affected region (from its sources)";

/// A connectivity status in words.
pub fn status_name(status: ConnectivityStatus) -> &'static str {
    match status {
        ConnectivityStatus::Normal => "normal",
        ConnectivityStatus::Degraded => "degraded",
        ConnectivityStatus::Disrupted => "disrupted",
        ConnectivityStatus::Unknown => "unknown",
    }
}

// --- the disruptions list and the impact panel ---------------------------------------------

/// The list's region.
pub const DISRUPTIONS: &str = "Disruptions in mining regions";
/// The step buttons.
pub const PREVIOUS: &str = "‹ Previous";
/// The step forward.
pub const NEXT: &str = "Next ›";
/// The step buttons' names: "Previous disruption: …", "Next disruption: …".
pub fn step_label(forward: bool, title: &str) -> String {
    let which = if forward { "Next" } else { "Previous" };
    format!("{which} disruption: {title}")
}
/// The list's disclosure.
pub const ALL_DISRUPTIONS: &str = "All disruptions: filter and sort";
/// The filters: label and "all" choice.
pub const KIND: &str = "Kind";
/// Every kind.
pub const ALL_KINDS: &str = "All kinds";
/// The region filter.
pub const REGION: &str = "Region";
/// Every region.
pub const ALL_REGIONS: &str = "All regions";
/// The year filter.
pub const YEAR: &str = "Year";
/// Every year.
pub const ALL_YEARS: &str = "All years";
/// The order menu.
pub const SORT_BY: &str = "Sort by";

/// Where an event comes from, in the impact panel.
pub fn origin(origin: EventOrigin) -> &'static str {
    match origin {
        EventOrigin::IodaVerified => "IODA verified outage",
        EventOrigin::IodaDetected => "detected by IODA",
        EventOrigin::SignalDetected => "detected in IODA signals",
        EventOrigin::Curated => "curated from public reports",
    }
}

/// A window's estimate in the impact panel: "During, 5–10 Jan 2022".
pub fn window_term(during: bool, days: TimeRange) -> String {
    let which = if during { "During" } else { "Before" };
    format!("{which}, {}", super::format::format_day_span(days))
}

/// A window's estimate: "173.9 EH/s (95% interval 160.2–188.0), from 864 blocks".
pub fn window_estimate(hash_rate: f64, low: f64, high: f64, blocks: f64) -> String {
    format!(
        "{}, from {} blocks",
        exahash_with_interval(hash_rate, low, high),
        with_thousands(blocks.round() as usize)
    )
}

/// The impact panel's figures.
pub const EXPECTED_CHANGE: &str = "Expected change";
/// The observed change.
pub const OBSERVED_CHANGE: &str = "Observed change";
/// The impact panel's disclosure.
pub const HOW_SURE: &str = "How sure is this? Figures, method and sources";
/// The impact panel without a disruption.
pub const NO_DISRUPTION_HERE: &str = "No disruption in this country and time range.";
/// The impact panel's menu of disruptions.
pub const DISRUPTION: &str = "Disruption ";
/// A disruption in the menu: "Shutdown (2022-01-05 10:00 – 2022-01-10 10:00 UTC)".
pub fn disruption_option(title: &str, start: UnixSeconds, end: UnixSeconds) -> String {
    format!(
        "{title} ({} – {} UTC)",
        format_date_time(start),
        format_date_time(end)
    )
}
/// The impact panel when the chain data do not cover the disruption.
pub const NOT_COVERED: &str =
    "The chain data do not cover this disruption and the two weeks before it.";
/// The evidence of an event: "Evidence: Internet shutdown in Kazakhstan (curated from public
/// reports), scope Country, cause protests".
pub fn evidence(event: &DisruptionEvent) -> String {
    let cause = (event.cause.as_ref()).map_or(String::new(), |c| format!(", cause {c}"));
    format!(
        "Evidence: {} ({}), scope {}{cause}",
        event.title,
        origin(event.origin),
        event.scope
    )
}

/// How the impact is worked out, under its figures.
pub const METHOD: &str = "Hash rate is estimated from blocks found (Poisson counts: about ±8% for \
                          one day). Expected change: the region's estimated share times the \
                          connectivity it lost.";

// --- the data status, credits and sharing --------------------------------------------------

/// The per-source list.
pub const DATA_SOURCES: &str = "Data sources";
/// The data status's disclosure.
pub const DETAILS: &str = "details";
/// Before the credits.
pub const SOURCES: &str = "Sources: ";
/// A credit after its source's name: ", daily block count (CC BY-NC 4.0), retrieved
/// 2026-11-24".
pub fn credit_terms(p: &Provenance) -> String {
    format!(", {} ({}), retrieved {}", p.title, p.licence, p.retrieved)
}

/// One credit of a download's attribution: "Coin Metrics: daily block count (CC BY-NC 4.0),
/// retrieved 2026-11-24".
pub fn credit_line(p: &Provenance) -> String {
    format!(
        "{}: {} ({}), retrieved {}",
        p.source, p.title, p.licence, p.retrieved
    )
}

/// The attribution line of a download: every source credited on screen.
pub fn attribution(credits: &[Provenance]) -> String {
    let lines: Vec<String> = credits.iter().map(credit_line).collect();
    format!("Sources: {}. Made with minewatch.", lines.join(" · "))
}
/// The share panel's button and region.
pub const EMBED_SHARE: &str = "Embed / Share";
/// The share panel.
pub const EMBED_AND_SHARE: &str = "Embed and share";
/// Before the download buttons.
pub const DOWNLOAD: &str = "Download: ";
/// The snippets.
pub const LINK: &str = "Link";
/// The iframe snippet.
pub const EMBED_IFRAME: &str = "Embed (iframe)";
/// The script snippet.
pub const EMBED_SCRIPT: &str = "Embed (script)";
/// The copy button, and what came of a copy.
pub const COPY: &str = "Copy";
/// A copy done.
pub const COPIED: &str = "Copied";
/// A copy the browser refused.
pub const COPY_FAILED: &str = "Copy failed: select the text";

/// The CSV's header: the range and the credits.
pub fn csv_header(from: UnixSeconds, to: UnixSeconds, attribution: &str) -> String {
    format!(
        "# minewatch export: {} to {} UTC\n# {attribution}\n",
        format_date_time(from),
        format_date_time(to)
    )
}
/// The credit of minewatch's own estimate in the CSV.
pub const OWN_ESTIMATE: &str = "minewatch, from the block counts shown";
/// The unit of connectivity values in the CSV.
pub const PERCENT_OF_USUAL: &str = "% of usual";

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
