//! What the widget knows and shows, as a pure reducer: `AppState::apply(action)`. The Yew
//! `Reducible` impl in `app` only delegates here, so every transition, and every status
//! note, is tested natively.

mod focus;
mod loading;

use std::rc::Rc;

use crate::analysis::baseline::BaselineSeries;
use crate::analysis::disruption::merge_events;
use crate::analysis::hash_rate::ChainSample;
use crate::fetching::plan::Settled;
use crate::fetching::summary::{BundleNote, StatusNote};
use crate::geo::shapes::shapes_provenance;
use crate::geo::MapData;
use crate::model::connectivity::{ConnectivitySeries, Signal};
use crate::model::events::DisruptionEvent;
use crate::model::manifest::Manifest;
use crate::model::provenance::Provenance;
use crate::model::region::{country_by_code, Country, KAZAKHSTAN};
use crate::model::series::Point;
use crate::model::settings::{Settings, Theme};
use crate::model::shares::ShareTable;
use crate::model::snapshot::{
    EventCatalogue, HashRateSeries, HashRateSnapshot, ShareSnapshot, OPENING_VIEW,
};
use crate::model::source::{DataMode, SourceId, StatusSource};
use crate::model::time::{TimeRange, UnixSeconds};
use crate::model::view::{ViewCommand, Viewport};

/// How far a data source has got, as shown by the status line (`data-status`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LoadStatus {
    /// Still waiting for data.
    Loading,
    /// Showing data fetched live just now.
    Live,
    /// Showing data fetched live just now, where some of the requests failed.
    Partial,
    /// Showing a copy from the browser's cache.
    Cached,
    /// Showing the bundled snapshot.
    Snapshot,
    /// Not asked: the bundled snapshot covers the view (the data manifest says so).
    Covered,
    /// Nothing could be loaded.
    Failed,
}

impl LoadStatus {
    /// The value of the status element's `data-status` attribute.
    pub fn as_str(&self) -> &'static str {
        match self {
            LoadStatus::Loading => "loading",
            LoadStatus::Live => "live",
            LoadStatus::Partial => "partial",
            LoadStatus::Cached => "cached",
            LoadStatus::Snapshot => "snapshot",
            LoadStatus::Covered => "covered",
            LoadStatus::Failed => "failed",
        }
    }
}

/// What went wrong with a source: shown as a warning chip without opening the details.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SourceProblem {
    /// Nothing could be loaded from it.
    Failed,
    /// It could not be reached; an older copy or the bundled snapshot stands in.
    Unreachable,
    /// Some of its requests failed: part of its data is missing.
    Partial,
}

/// One source's status: what it is about (`data-source`), how far it got, and what happened
/// in figures.
#[derive(Debug, Clone, PartialEq)]
pub struct SourceStatus {
    /// The snapshot or the live source it is about.
    pub source: StatusSource,
    /// How far loading got.
    pub status: LoadStatus,
    /// What went wrong, if anything.
    pub problem: Option<SourceProblem>,
    /// What happened, in figures ([`crate::text::status_line`] says it in words).
    pub note: StatusNote,
}

/// The bundled snapshot's three files, each loaded (or not) on its own.
#[derive(Debug, Clone, PartialEq)]
pub struct Bundle {
    /// `data/hashrate.json`.
    pub hash_rate: Result<Rc<HashRateSnapshot>, String>,
    /// `data/shares.json`.
    pub shares: Result<Rc<ShareSnapshot>, String>,
    /// `data/events.json`.
    pub events: Result<Rc<EventCatalogue>, String>,
}

/// Data a live source delivered.
#[derive(Debug, Clone, PartialEq)]
pub enum SourceData {
    /// Daily hash rate (mempool.space, blockchain.com).
    HashRate {
        /// Hash rate, H/s.
        points: Rc<Vec<Point>>,
        /// Difficulty from each adjustment on (mempool.space; empty when the source has none).
        difficulty: Rc<Vec<Point>>,
    },
    /// Connectivity signals and detected outages (IODA).
    Connectivity {
        /// The signals.
        series: Rc<Vec<ConnectivitySeries>>,
        /// The outage events.
        events: Rc<Vec<DisruptionEvent>>,
    },
    /// Regional shares (CBECI).
    Shares(Rc<ShareTable>),
}

/// The region and time the widget opens on: Kazakhstan around its January 2022 shutdown.
pub const DEFAULT_COUNTRY: &Country = &KAZAKHSTAN;

/// The widget's state.
#[derive(Debug, Clone, PartialEq)]
pub struct AppState {
    /// Where data may come from.
    pub mode: DataMode,
    /// The country in focus.
    pub country: &'static Country,
    /// The range the timeline shows, its cursor and limits (read by the map too).
    pub viewport: Viewport,
    /// Connectivity signals the reader switched off.
    pub hidden_signals: Vec<Signal>,
    /// The map's country shapes: `None` while loading, else loaded or why not.
    pub map: Option<Result<Rc<MapData>, String>>,
    /// The month of shares the map shows, when the reader chose one.
    pub share_month: Option<UnixSeconds>,
    /// The embed's settings (view, theme, controls, id), as read from the page.
    pub settings: Settings,
    /// Whether the dark theme is in use (chosen, or `auto` on a dark system).
    pub dark: bool,
    /// The bundled hash-rate snapshot, once loaded.
    pub hash_rate: Option<Rc<HashRateSnapshot>>,
    /// The bundled long-range history, once loaded (after the first chart).
    pub history: Option<Rc<HashRateSeries>>,
    /// The history's points around the opening view, drawn until the whole history loads.
    pub opening_history: Option<Rc<HashRateSeries>>,
    /// Whether the history has loaded or failed to.
    pub history_settled: bool,
    /// Why the history could not be loaded, if it could not.
    pub history_failure: Option<String>,
    /// What the bundled snapshot holds, for its status line.
    pub bundle_summary: BundleNote,
    /// Whether the whole event catalogue has loaded (or failed to).
    pub catalogue_settled: bool,
    /// Daily hash rate from each live source that delivered.
    pub live_hash_rate: Vec<(SourceId, Rc<Vec<Point>>)>,
    /// Chain data for estimates with uncertainty: the snapshot's counted blocks, completed by
    /// mempool.space's daily hash rate (block counts implied by its difficulty).
    pub chain_samples: Rc<Vec<ChainSample>>,
    /// Difficulty adjustments from mempool.space, when it delivered.
    pub difficulty: Rc<Vec<Point>>,
    /// The event the impact panel explains (an id); `None` picks [`AppState::selected_event`]'s
    /// default.
    pub selected_event: Option<String>,
    /// Regional shares: live if CBECI answered, else bundled.
    pub shares: Option<Rc<ShareTable>>,
    /// Disruption events: bundled, plus those IODA detected.
    pub events: Rc<Vec<DisruptionEvent>>,
    /// Connectivity signals of the country in focus (live only: the snapshot has none).
    pub connectivity: Rc<Vec<ConnectivitySeries>>,
    /// The same signals as fractions of their baselines, computed once on arrival.
    pub baselines: Rc<Vec<BaselineSeries>>,
    /// One status per source, the snapshot first; a new list whenever one changes.
    pub statuses: Rc<Vec<SourceStatus>>,
    /// Provenance of each live source that delivered data.
    pub live_provenance: Vec<Provenance>,
    /// Whether every year of chain data is wanted (the disruptions list is open), not only
    /// those of the range shown.
    pub every_chain_year: bool,
    /// The data manifest, once it loaded or failed to (live sources wait for it).
    pub manifest: Option<Result<Rc<Manifest>, String>>,
    /// The range the connectivity of the country in focus is asked for: the opening view, a
    /// disruption's when one is opened, else the range shown when the country was chosen.
    pub connectivity_range: TimeRange,
}

/// Where to read the connectivity of a country over a range from.
#[derive(Debug, Clone, PartialEq)]
pub struct ConnectivityWanted {
    /// The country (ISO code).
    pub country: &'static str,
    /// The range asked for.
    pub range: TimeRange,
    /// The bundled file that covers it (path and provenance), when the mode allows bundled
    /// data and the manifest names one; else the live API, through the mode's fallbacks.
    pub bundled: Option<(String, Provenance)>,
}

/// The live sources that give one series for the whole network, asked once (IODA is asked
/// per country in focus).
const GLOBAL_SOURCES: [SourceId; 3] = [SourceId::Mempool, SourceId::Blockchain, SourceId::Cbeci];

impl AppState {
    /// The opening state for a data mode.
    pub fn new(mode: DataMode) -> Self {
        let view = OPENING_VIEW;
        let statuses = StatusSource::ALL
            .map(|source| SourceStatus {
                source,
                status: LoadStatus::Loading,
                problem: None,
                note: StatusNote::Loading { country: None },
            })
            .to_vec();
        Self {
            mode,
            country: DEFAULT_COUNTRY,
            viewport: Viewport::new(view, view),
            hidden_signals: Vec::new(),
            hash_rate: None,
            history: None,
            opening_history: None,
            history_settled: false,
            history_failure: None,
            bundle_summary: BundleNote::default(),
            catalogue_settled: false,
            live_hash_rate: Vec::new(),
            chain_samples: Rc::new(Vec::new()),
            difficulty: Rc::new(Vec::new()),
            selected_event: None,
            shares: None,
            events: Rc::new(Vec::new()),
            connectivity: Rc::new(Vec::new()),
            baselines: Rc::new(Vec::new()),
            map: None,
            share_month: None,
            settings: Settings::from_pairs([]).0,
            dark: false,
            statuses: Rc::new(statuses),
            live_provenance: Vec::new(),
            every_chain_year: false,
            manifest: None,
            connectivity_range: view,
        }
    }
}

impl AppState {
    /// The opening state for an embed's settings; `system_dark` is whether the reader's system
    /// prefers a dark theme (used when the theme is `auto`).
    pub fn from_settings(settings: Settings, system_dark: bool) -> Self {
        let mut state = Self::new(settings.mode.unwrap_or_default());
        if let Some(range) = settings.range {
            state.viewport = Viewport::new(range, range);
            state.connectivity_range = range;
        }
        if let Some(country) = settings.regions.first().and_then(|r| country_by_code(r)) {
            state.country = country;
        }
        state.selected_event.clone_from(&settings.event);
        state.dark = match settings.theme {
            Theme::Dark => true,
            Theme::Light => false,
            Theme::Auto => system_dark,
        };
        state.settings = settings;
        state
    }

    /// The settings that reproduce what is on screen (the permalink's query).
    pub fn current_settings(&self) -> Settings {
        let mut regions = vec![self.country.code];
        regions.extend(
            self.settings
                .regions
                .iter()
                .filter(|r| **r != self.country.code),
        );
        Settings {
            regions,
            range: Some(self.viewport.range),
            event: self.selected_event.clone(),
            mode: self.settings.mode,
            ..self.settings.clone()
        }
    }
}

impl Default for AppState {
    fn default() -> Self {
        Self::new(DataMode::default())
    }
}

/// Something that happened to the state.
#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    /// The bundled snapshot's files were loaded (each may have failed on its own).
    BundleLoaded(Bundle),
    /// A live source settled.
    SourceSettled(SourceId, Settled<SourceData>),
    /// IODA settled for a country and range; an answer for a country or range no longer
    /// wanted only adds its events.
    ConnectivitySettled(&'static str, TimeRange, Settled<SourceData>),
    /// The reader chose the event the impact panel explains.
    SelectEvent(String),
    /// The reader zoomed, panned or moved the cursor.
    View(ViewCommand),
    /// The reader switched a connectivity signal on or off.
    ToggleSignal(Signal),
    /// The long-range history's points around the opening view loaded, with the bundle.
    OpeningHistoryLoaded(Rc<HashRateSeries>),
    /// The bundled long-range history loaded (or not).
    HistoryLoaded(Result<Rc<HashRateSeries>, String>),
    /// A year of bundled daily chain data (`chain-YYYY.json`) loaded (or not).
    ChainYearLoaded(i64, Result<Rc<HashRateSnapshot>, String>),
    /// Every bundled month of shares loaded (or not), after the opening view's months.
    SharesLoaded(Result<Rc<ShareSnapshot>, String>),
    /// The whole bundled event catalogue loaded (or not), after the opening view's events.
    CatalogueLoaded(Result<Rc<EventCatalogue>, String>),
    /// The map's shapes loaded (or not).
    ShapesLoaded(Result<Rc<MapData>, String>),
    /// The reader chose a country on the map (ISO code of a known country).
    SelectCountry(&'static str),
    /// The reader chose the month of shares the map shows.
    SelectMonth(UnixSeconds),
    /// The reader opened a disruption from the list: its country, its range, it selected.
    OpenEvent(String),
    /// The reader opened the disruptions list: every year of chain data is wanted, for the
    /// observed change of every disruption.
    ListEveryYear,
    /// The data manifest loaded (or not): the live sources the view needs can be asked.
    ManifestLoaded(Result<Rc<Manifest>, String>),
}

impl AppState {
    /// Credits for everything on screen: the hash-rate series drawn (a live source replaces
    /// the bundled series it stands for), the shares, and IODA when it delivered.
    pub fn credits(&self) -> Vec<Provenance> {
        let live = |name: &str| self.live_provenance.iter().find(|p| p.source == name);
        let mut out = Vec::new();
        if let Some(snapshot) = &self.hash_rate {
            out.push(snapshot.daily.provenance.clone());
        }
        match (live(SourceId::Blockchain.name()), self.history_drawn()) {
            (Some(p), _) => out.push(p.clone()),
            (None, Some(history)) => out.push(history.provenance.clone()),
            (None, None) => {}
        }
        out.extend(live(SourceId::Mempool.name()).cloned());
        out.extend(self.shares.as_ref().map(|s| s.provenance.clone()));
        out.extend(live(SourceId::Ioda.name()).cloned());
        if matches!(self.map, Some(Ok(_))) {
            out.push(shapes_provenance());
        }
        out
    }

    /// The status of `source`.
    pub fn status(&self, source: impl Into<StatusSource>) -> Option<&SourceStatus> {
        let source = source.into();
        self.statuses.iter().find(|s| s.source == source)
    }

    fn set_status(
        &mut self,
        source: StatusSource,
        status: LoadStatus,
        problem: Option<SourceProblem>,
        note: StatusNote,
    ) {
        // The state before this action shares the list, so it is copied, not changed in place.
        let statuses = Rc::make_mut(&mut self.statuses);
        if let Some(entry) = statuses.iter_mut().find(|s| s.source == source) {
            entry.status = status;
            entry.problem = problem;
            entry.note = note;
        }
    }

    /// The state after `action`.
    pub fn apply(&self, action: Action) -> Self {
        let mut next = self.clone();
        match action {
            Action::BundleLoaded(bundle) => next.take_bundle(bundle),
            Action::SourceSettled(source, settled) => next.take_settled(source, settled),
            Action::ConnectivitySettled(country, range, settled)
                if country == self.country.code && range == self.connectivity_range =>
            {
                next.take_settled(SourceId::Ioda, settled);
            }
            Action::ConnectivitySettled(_, _, settled) => {
                if let Settled::Data {
                    data: SourceData::Connectivity { events, .. },
                    ..
                } = settled
                {
                    next.events = Rc::new(merge_events(&self.events, &events));
                }
            }
            Action::SelectEvent(id) => next.selected_event = Some(id),
            Action::View(command) => next.viewport = self.viewport.apply(command),
            Action::ShapesLoaded(map) => next.map = Some(map),
            Action::OpeningHistoryLoaded(points) => next.opening_history = Some(points),
            Action::HistoryLoaded(history) => next.take_history(history),
            Action::ChainYearLoaded(year, loaded) => next.take_chain_year(year, loaded),
            Action::SharesLoaded(shares) => {
                next.take_shares(shares);
                next.show_bundle_status();
            }
            Action::CatalogueLoaded(catalogue) => {
                match catalogue {
                    Ok(catalogue) => {
                        next.events = Rc::new(merge_events(&catalogue.events, &self.events));
                        next.bundle_summary.events = Ok(catalogue.events.len());
                    }
                    Err(e) => next.bundle_summary.events = Err(e),
                }
                next.catalogue_settled = true;
                next.show_bundle_status();
            }
            Action::SelectCountry(code) => {
                if let Some(country) = country_by_code(code) {
                    next.focus_country(country);
                }
            }
            Action::OpenEvent(id) => next.open_event(&id, false),
            Action::ListEveryYear => next.every_chain_year = true,
            Action::ManifestLoaded(manifest) => next.take_manifest(manifest),
            Action::SelectMonth(month) => next.share_month = Some(month),
            Action::ToggleSignal(datasource) => {
                if next.hidden_signals.contains(&datasource) {
                    next.hidden_signals.retain(|d| *d != datasource);
                } else {
                    next.hidden_signals.push(datasource);
                }
            }
        }
        next.viewport.extent = next.data_extent();
        next
    }
}

#[cfg(test)]
impl SourceStatus {
    /// The status line in words, for the tests of what the state notes.
    pub fn message(&self) -> String {
        crate::text::status_line(self.source, &self.note)
    }
}

#[cfg(test)]
mod tests;
