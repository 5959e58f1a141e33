//! What the widget knows and shows, as a pure reducer: `AppState::apply(action)`. The Yew
//! `Reducible` impl in `app` only delegates here, so every transition, and every status
//! sentence, is tested natively.

use std::rc::Rc;

use crate::analysis::baseline::BaselineSeries;
use crate::analysis::disruption::{detect, merge_events, DetectionConfig};
use crate::analysis::event_view::view_range;
use crate::analysis::hash_rate::{
    merge_samples, samples_from_days, samples_from_hash_rate, ChainSample,
};
use crate::analysis::impact::{assess_event, Impacts};
use crate::fetching::plan::{
    covered_sentence, live_range, status_sentence, Provided, Settled, MAX_LIVE_SPAN,
};
use crate::fetching::summary::{
    connectivity_summary, count, events_summary, hash_rate_summary, shares_summary, DAILY,
};
use crate::geo::shapes::shapes_provenance;
use crate::geo::MapData;
use crate::model::connectivity::ConnectivitySeries;
use crate::model::events::DisruptionEvent;
use crate::model::manifest::Manifest;
use crate::model::provenance::Provenance;
use crate::model::region::country_by_code;
use crate::model::series::Point;
use crate::model::settings::{Opening, Settings, Theme};
use crate::model::shares::{MonthShares, ShareTable};
use crate::model::snapshot::{
    EventCatalogue, HashRateSeries, HashRateSnapshot, ShareSnapshot, OPENING_VIEW,
};
use crate::model::source::{DataMode, SourceId};
use crate::model::time::{format_date, TimeRange, UnixSeconds, DAY};
use crate::model::view::{ViewCommand, Viewport};

/// The display name of a known country code (the code itself otherwise).
fn country_name(code: &str) -> &str {
    country_by_code(code).map_or(code, |c| c.name)
}

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

/// One source's status: its id (`data-source`), how far it got, and a sentence for readers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceStatus {
    /// Source id: `snapshot`, `mempool`, `blockchain`, `ioda` or `cbeci`.
    pub source: &'static str,
    /// The name readers know it by ("IODA"; "Bundled data" for the snapshot).
    pub name: &'static str,
    /// How far loading got.
    pub status: LoadStatus,
    /// What went wrong, if anything.
    pub problem: Option<SourceProblem>,
    /// What happened, in words a reader understands.
    pub message: String,
}

/// What the bundled snapshot brought, for its status sentence.
#[derive(Debug, Clone, PartialEq)]
pub struct BundleSummary {
    /// What loaded, in words ("daily data … to …", "3 months of shares").
    pub parts: Vec<String>,
    /// What failed, in words.
    pub failures: Vec<String>,
    /// How many events the catalogue holds, or why it did not load.
    pub events: Result<usize, String>,
    /// Whether the whole catalogue has loaded (or failed to).
    pub catalogue_settled: bool,
    /// When the snapshot was retrieved.
    pub retrieved: Option<String>,
}

impl Default for BundleSummary {
    fn default() -> Self {
        Self {
            parts: Vec::new(),
            failures: Vec::new(),
            events: Ok(0),
            catalogue_settled: false,
            retrieved: None,
        }
    }
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

/// What blockchain.com's status says of the bundled history before it has loaded.
const HISTORY_PENDING: &str = "the long-range history is loading";

/// The snapshot's name in status lines and warnings.
pub const BUNDLED_DATA: &str = "Bundled data";

/// The region and time the widget opens on: Kazakhstan around its January 2022 shutdown.
pub const DEFAULT_COUNTRY: &str = "KZ";

/// The widget's state.
#[derive(Debug, Clone, PartialEq)]
pub struct AppState {
    /// Where data may come from.
    pub mode: DataMode,
    /// The country in focus (ISO code).
    pub country: &'static str,
    /// The range the timeline shows, its cursor and limits (read by the map too).
    pub viewport: Viewport,
    /// Connectivity signals the reader switched off (datasource names).
    pub hidden_signals: Vec<String>,
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
    /// Whether the history has loaded or failed to.
    pub history_settled: bool,
    /// Why the history could not be loaded, if it could not.
    pub history_failure: Option<String>,
    /// What the bundled snapshot holds, for its status sentence.
    pub bundle_summary: BundleSummary,
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
    /// One status per source, the snapshot first.
    pub statuses: Vec<SourceStatus>,
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
        let loading = |source: &'static str, name: &'static str, what: &str| SourceStatus {
            source,
            name,
            status: LoadStatus::Loading,
            problem: None,
            message: format!("Loading {what}…"),
        };
        let mut statuses = vec![loading(
            "snapshot",
            BUNDLED_DATA,
            "the bundled data snapshot",
        )];
        statuses.extend(SourceId::ALL.map(|s| loading(s.as_str(), s.name(), s.name())));
        Self {
            mode,
            country: DEFAULT_COUNTRY,
            viewport: Viewport::new(view, view),
            hidden_signals: Vec::new(),
            hash_rate: None,
            history: None,
            history_settled: false,
            history_failure: None,
            bundle_summary: BundleSummary::default(),
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
            statuses,
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
        if let Some(&region) = settings.regions.first() {
            state.country = region;
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
        let mut regions = vec![self.country];
        regions.extend(self.settings.regions.iter().filter(|r| **r != self.country));
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
    ToggleSignal(String),
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
        match (live(SourceId::Blockchain.name()), &self.history) {
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
    pub fn status(&self, source: &str) -> Option<&SourceStatus> {
        self.statuses.iter().find(|s| s.source == source)
    }

    fn set_status(
        &mut self,
        source: &'static str,
        status: LoadStatus,
        problem: Option<SourceProblem>,
        message: String,
    ) {
        if let Some(entry) = self.statuses.iter_mut().find(|s| s.source == source) {
            entry.status = status;
            entry.problem = problem;
            entry.message = message;
        }
    }

    /// What the snapshot offers in place of `source`.
    fn snapshot_summary(&self, source: SourceId) -> String {
        match source {
            // Each live source stands in for the bundled series from the same kind of data.
            SourceId::Mempool => match &self.hash_rate {
                None => "no hash-rate data (the snapshot did not load)".into(),
                Some(s) => hash_rate_summary(
                    &s.daily.hash_rate_points(),
                    &format!("{} value", s.daily.label),
                ),
            },
            SourceId::Blockchain => match (&self.history, &self.history_failure) {
                (Some(h), _) => hash_rate_summary(&h.points, &format!("{} value", h.label)),
                (None, Some(e)) => format!("the long-range history could not be loaded ({e})"),
                (None, None) => HISTORY_PENDING.into(),
            },
            SourceId::Ioda => format!(
                "{}; no connectivity series in the snapshot",
                events_summary(&self.events, self.country)
            ),
            SourceId::Cbeci => self.shares.as_ref().map_or_else(
                || "no shares (the snapshot did not load)".into(),
                |s| shares_summary(&s.months, self.country),
            ),
        }
    }

    /// The state after `action`.
    pub fn apply(&self, action: Action) -> Self {
        let mut next = self.clone();
        match action {
            Action::BundleLoaded(bundle) => next.take_bundle(bundle),
            Action::SourceSettled(source, settled) => next.take_settled(source, settled),
            Action::ConnectivitySettled(country, range, settled)
                if country == self.country && range == self.connectivity_range =>
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
                next.bundle_summary.catalogue_settled = true;
                next.show_bundle_status();
            }
            Action::SelectCountry(code) => next.focus_country(code),
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

    /// The country in focus becomes `code`: no event chosen, its connectivity loading.
    fn focus_country(&mut self, code: &'static str) {
        if code == self.country {
            return;
        }
        self.country = code;
        self.connectivity_range = self.viewport.range;
        self.selected_event = None;
        self.connectivity = Rc::new(Vec::new());
        self.baselines = Rc::new(Vec::new());
        self.set_ioda_loading();
    }

    /// IODA's status: loading for the country in focus.
    fn set_ioda_loading(&mut self) {
        let name = SourceId::Ioda.name();
        let message = format!("Loading {name} for {}…", country_name(self.country));
        self.set_status(SourceId::Ioda.as_str(), LoadStatus::Loading, None, message);
    }

    /// Where the connectivity of the country in focus is to be read from: `None` until the
    /// manifest has settled; the bundled file when the manifest says it covers the range
    /// asked for (in `auto` and `snapshot` modes), else the live API.
    pub fn connectivity_wanted(&self) -> Option<ConnectivityWanted> {
        let range = self.connectivity_range;
        let bundled = match (self.mode, self.manifest.as_ref()?) {
            (DataMode::Live, _) | (_, Err(_)) => None,
            (_, Ok(manifest)) => manifest
                .covering(SourceId::Ioda.as_str(), live_range(range).0, self.country)
                .and_then(|e| Some((e.files.first()?.clone(), e.provenance.clone()))),
        };
        Some(ConnectivityWanted {
            country: self.country,
            range,
            bundled,
        })
    }

    /// Shows the event with id `id` (if known): its country in focus, the range
    /// [`view_range`] gives it, and it selected; `as_opening` makes that range the one Reset
    /// returns to (a link's `event=`).
    fn open_event(&mut self, id: &str, as_opening: bool) {
        let Some(event) = self.events.iter().find(|e| e.id == id) else {
            return;
        };
        let range = view_range(event);
        if let Some(country) = country_by_code(&event.country) {
            self.focus_country(country.code);
        }
        // The connectivity of the disruption's own days (the country's, if unchanged, only
        // covers the range that was shown).
        if self.connectivity_range != range {
            self.connectivity_range = range;
            self.set_ioda_loading();
        }
        self.viewport = if as_opening {
            Viewport::new(range, range)
        } else {
            self.viewport.showing(range)
        };
        self.selected_event = Some(id.to_owned());
        self.share_month = None;
    }

    /// The time the data cover (hash rate, connectivity and the range shown), which zooming
    /// out and panning stop at.
    pub fn data_extent(&self) -> TimeRange {
        let (initial, shown) = (self.viewport.initial, self.viewport.range);
        let mut spans = vec![(initial.start, initial.end), (shown.start, shown.end)];
        if let Some(snapshot) = &self.hash_rate {
            spans.extend(snapshot.daily_span().map(|(a, b)| (a, b + DAY)));
        }
        if let Some(history) = &self.history {
            if let (Some(a), Some(b)) = (history.points.first(), history.points.last()) {
                spans.push((a.t, b.t));
            }
        }
        for (_, points) in &self.live_hash_rate {
            if let (Some(a), Some(b)) = (points.first(), points.last()) {
                spans.push((a.t, b.t + DAY));
            }
        }
        spans.extend(self.connectivity.iter().map(|c| (c.from, c.until())));
        let start = spans.iter().map(|s| s.0).min().unwrap_or(0);
        let end = spans.iter().map(|s| s.1).max().unwrap_or(DAY);
        TimeRange::new(start, end)
    }

    /// The moment the map shows connectivity for: the timeline's cursor, else the middle of the
    /// selected event, else the end of the range shown.
    pub fn status_time(&self) -> UnixSeconds {
        self.viewport.cursor.unwrap_or_else(|| {
            self.selected_event()
                .map_or(self.viewport.range.end, |e| e.start + (e.end - e.start) / 2)
        })
    }

    /// The month of shares the map shows: the one chosen, else the latest published at or
    /// before [`AppState::status_time`], else the earliest.
    pub fn shown_month(&self) -> Option<&MonthShares> {
        let shares = self.shares.as_deref()?;
        self.share_month
            .and_then(|m| shares.months.iter().find(|s| s.month == m))
            .or_else(|| shares.month_at(self.status_time()))
            .or_else(|| shares.months.first())
    }

    /// Whether the map's month is the nearest published to [`AppState::status_time`] rather
    /// than its own month (and the reader did not choose it).
    pub fn shown_month_is_nearest(&self) -> bool {
        self.share_month.is_none()
            && self
                .shown_month()
                .is_some_and(|m| !m.covers(self.status_time()))
    }

    /// The events of the country in focus that overlap the view, oldest first.
    pub fn events_in_view(&self) -> Vec<&DisruptionEvent> {
        self.events
            .iter()
            .filter(|e| {
                let view = self.viewport.range;
                e.country == self.country && e.overlaps(view.start, view.end)
            })
            .collect()
    }

    /// The most recent disruption, anywhere, that began before the range shown ends.
    pub fn latest_disruption(&self) -> Option<&DisruptionEvent> {
        let end = self.viewport.range.end;
        (self.events.iter())
            .filter(|e| e.start < end)
            .max_by_key(|e| e.start)
    }

    /// The event the impact panel explains: the one chosen, else the longest in view.
    pub fn selected_event(&self) -> Option<&DisruptionEvent> {
        let in_view = self.events_in_view();
        self.selected_event
            .as_ref()
            .and_then(|id| in_view.iter().find(|e| &e.id == id).copied())
            .or_else(|| in_view.into_iter().max_by_key(|e| e.end - e.start))
    }

    /// Expected against observed impact of every event (by id) the chain data cover, for the
    /// timeline, the impact panel and the disruptions list.
    pub fn impacts(&self) -> Impacts {
        self.events
            .iter()
            .filter_map(|e| {
                let impact = assess_event(
                    &self.chain_samples,
                    self.shares.as_deref(),
                    &self.baselines,
                    e,
                )?;
                Some((e.id.clone(), impact))
            })
            .collect()
    }

    /// Rebuilds [`AppState::chain_samples`] from the snapshot and mempool.space's series.
    fn rebuild_samples(&mut self) {
        let counted = self
            .hash_rate
            .as_ref()
            .map(|s| samples_from_days(&s.daily.days))
            .unwrap_or_default();
        let implied = self
            .live_hash_rate
            .iter()
            .find(|(s, _)| *s == SourceId::Mempool)
            .map(|(_, points)| samples_from_hash_rate(points, &self.difficulty))
            .unwrap_or_default();
        self.chain_samples = Rc::new(merge_samples(&counted, &implied));
    }

    fn take_bundle(&mut self, bundle: Bundle) {
        match bundle.hash_rate {
            Ok(snapshot) => {
                if let Some((first, last)) = snapshot.daily_span() {
                    self.bundle_summary.parts.push(format!(
                        "daily data {} to {}",
                        format_date(first),
                        format_date(last)
                    ));
                }
                self.bundle_summary.retrieved = Some(snapshot.daily.provenance.retrieved.clone());
                self.hash_rate = Some(snapshot);
                self.rebuild_samples();
            }
            Err(e) => self
                .bundle_summary
                .failures
                .push(format!("hash rate ({e})")),
        }
        // The opening view's months of shares are counted once all of them have loaded.
        match bundle.shares {
            Ok(shares) if self.opening_events_first() => {
                self.shares
                    .get_or_insert_with(|| Rc::new(shares.table.clone()));
            }
            shares => self.take_shares(shares),
        }
        match bundle.events {
            Ok(catalogue) => {
                self.bundle_summary.events = Ok(catalogue.events.len());
                self.events = Rc::new(merge_events(&catalogue.events, &self.events));
            }
            Err(e) => self.bundle_summary.events = Err(e),
        }
        // A link's `event=` without a `range=` opens on the event's own range and country.
        if let (Some(id), None) = (self.settings.event.clone(), self.settings.range) {
            self.open_event(&id, true);
        }
        // The latest opening, without a region set, shows the country of the most recent
        // disruption (the takeaway names it).
        if self.settings.opening == Opening::Latest
            && self.settings.regions.is_empty()
            && self.settings.event.is_none()
        {
            let latest = self.latest_disruption();
            if let Some(country) = latest.and_then(|e| country_by_code(&e.country)) {
                self.focus_country(country.code);
            }
        }
        self.show_bundle_status();
    }

    /// Whether the bundle brings only the opening view's events, the whole catalogue loading
    /// after the first chart: so when the page sets no range and no event.
    pub fn opening_events_first(&self) -> bool {
        self.settings.range.is_none() && self.settings.event.is_none()
    }

    fn show_bundle_status(&mut self) {
        let summary = &self.bundle_summary;
        let whole = summary.catalogue_settled || !self.opening_events_first();
        let mut parts = summary.parts.clone();
        let mut failures = summary.failures.clone();
        match &summary.events {
            Ok(n) if whole => parts.push(count(*n, "event", "events")),
            Ok(n) => parts.push(format!("{} (more loading)", count(*n, "event", "events"))),
            Err(e) => failures.push(format!("events ({e})")),
        }
        let retrieved = summary
            .retrieved
            .as_ref()
            .map_or(String::new(), |r| format!(", retrieved {r}"));
        if failures.is_empty() {
            let message = format!("Bundled snapshot: {}{retrieved}.", parts.join(", "));
            self.set_status("snapshot", LoadStatus::Snapshot, None, message);
        } else {
            let message = format!(
                "The bundled data snapshot could not be loaded: {}.",
                failures.join("; ")
            );
            self.set_status(
                "snapshot",
                LoadStatus::Failed,
                Some(SourceProblem::Failed),
                message,
            );
        }
    }

    /// The bundled shares, in place of the bundled months already shown (live shares stay).
    fn take_shares(&mut self, shares: Result<Rc<ShareSnapshot>, String>) {
        match shares {
            Ok(shares) => {
                self.bundle_summary.parts.push(count(
                    shares.table.months.len(),
                    "month of shares",
                    "months of shares",
                ));
                let bundled = self
                    .shares
                    .as_ref()
                    .is_none_or(|s| s.provenance == shares.table.provenance);
                if bundled {
                    self.shares = Some(Rc::new(shares.table.clone()));
                }
            }
            Err(e) => self.bundle_summary.failures.push(format!("shares ({e})")),
        }
    }

    /// A year of daily chain data: its days join the snapshot's, and the snapshot's status names
    /// the year, or why it could not be loaded.
    fn take_chain_year(&mut self, year: i64, loaded: Result<Rc<HashRateSnapshot>, String>) {
        match loaded {
            Ok(data) => {
                self.hash_rate = Some(Rc::new(match &self.hash_rate {
                    Some(own) => own.with_days_of(&data.daily),
                    None => (*data).clone(),
                }));
                self.rebuild_samples();
                self.bundle_summary
                    .parts
                    .push(format!("daily data for {year}"));
            }
            Err(e) => self
                .bundle_summary
                .failures
                .push(format!("daily data for {year} ({e})")),
        }
        self.show_bundle_status();
    }

    /// The global live sources (hash rate, history, shares) to ask now, leaving out those in
    /// `asked`: none before the manifest settles; in `auto` mode, those whose bundled data do
    /// not cover the range shown (a manifest that failed to load covers nothing); in the other
    /// modes, every one (snapshot mode sends no request, and says so).
    pub fn live_sources_to_fetch(&self, asked: &[SourceId]) -> Vec<SourceId> {
        if self.manifest.is_none() {
            return Vec::new();
        }
        GLOBAL_SOURCES
            .into_iter()
            .filter(|s| !asked.contains(s) && !self.spared(*s))
            .collect()
    }

    /// The first moment of the range shown that the bundled data of `source` lack (in `auto`
    /// mode, with a manifest): a live request for the view need reach back no further. `None`
    /// means the whole history.
    pub fn uncovered_since(&self, source: SourceId) -> Option<UnixSeconds> {
        let Some(Ok(manifest)) = self
            .manifest
            .as_ref()
            .filter(|_| self.mode == DataMode::Auto)
        else {
            return None;
        };
        let view = self.viewport.range;
        manifest
            .sources
            .iter()
            .filter(|e| e.stands_for.as_deref() == Some(source.as_str()) && e.regions.is_empty())
            .find_map(|e| match e.covers {
                Some([from, until]) if from <= view.start => Some(until.max(view.start)),
                _ => None,
            })
    }

    /// Whether `source` is not to be asked for the range shown: `auto` mode, and a manifest
    /// that says the bundled data cover it.
    fn spared(&self, source: SourceId) -> bool {
        self.mode == DataMode::Auto
            && matches!(&self.manifest, Some(Ok(m))
                if m.covers(source.as_str(), self.viewport.range, self.country))
    }

    /// The manifest: in `auto` mode, each global source whose bundled data cover the opening
    /// view is marked as not asked, and why.
    fn take_manifest(&mut self, manifest: Result<Rc<Manifest>, String>) {
        self.manifest = Some(manifest);
        for source in GLOBAL_SOURCES {
            let still_loading = self
                .status(source.as_str())
                .is_some_and(|s| s.status == LoadStatus::Loading);
            if still_loading && self.spared(source) {
                let summary = self.snapshot_summary(source);
                let message = covered_sentence(source, &summary);
                self.set_status(source.as_str(), LoadStatus::Covered, None, message);
            }
        }
    }

    /// The years of bundled daily chain data with days in view (or, with the disruptions list
    /// open, any days) that the state lacks, leaving out those in `asked`.
    pub fn chain_years_to_fetch(&self, asked: &[i64]) -> Vec<i64> {
        let need = if self.every_chain_year {
            // 1970 – 2100: wider than any year the snapshot offers.
            TimeRange::new(0, 4_102_444_800)
        } else {
            self.viewport.range
        };
        self.hash_rate
            .as_ref()
            .map_or_else(Vec::new, |s| s.years_to_fetch(need, asked))
    }

    /// The long-range history: shown when it loaded, and named (or its failure) in
    /// blockchain.com's status when the snapshot stands in for that source.
    fn take_history(&mut self, history: Result<Rc<HashRateSeries>, String>) {
        self.history_settled = true;
        match history {
            Ok(history) => self.history = Some(history),
            Err(e) => self.history_failure = Some(e),
        }
        if let Some(status) = self.status(SourceId::Blockchain.as_str()) {
            if status.message.contains(HISTORY_PENDING) {
                let message = status.message.replace(
                    HISTORY_PENDING,
                    &self.snapshot_summary(SourceId::Blockchain),
                );
                let (kind, problem) = (status.status.clone(), status.problem);
                self.set_status(SourceId::Blockchain.as_str(), kind, problem, message);
            }
        }
    }

    /// Whether every source, and the history when the timeline shows it, has settled.
    pub fn settled(&self) -> bool {
        (self.history_settled || !self.settings.view.timeline())
            && (self.bundle_summary.catalogue_settled || !self.opening_events_first())
            && self
                .statuses
                .iter()
                .all(|s| s.status != LoadStatus::Loading)
    }

    fn take_settled(&mut self, source: SourceId, settled: Settled<SourceData>) {
        let (status, problem, message) = match settled {
            Settled::Data {
                data,
                provided,
                failure,
            } => {
                let summary = match data {
                    SourceData::HashRate { points, difficulty } => {
                        let summary = hash_rate_summary(&points, DAILY);
                        self.live_hash_rate.retain(|(s, _)| *s != source);
                        self.live_hash_rate.push((source, points));
                        if !difficulty.is_empty() {
                            self.difficulty = difficulty;
                        }
                        self.rebuild_samples();
                        summary
                    }
                    SourceData::Connectivity { series, events } => {
                        // Baselines once; the summary, the detector and the views share them.
                        let baselines: Vec<BaselineSeries> =
                            series.iter().map(BaselineSeries::of).collect();
                        let mut summary =
                            connectivity_summary(self.country, &series, &baselines, events.len());
                        if live_range(self.viewport.initial).1 {
                            summary.push_str(&format!(
                                " (fetched for the view's last {} days: the most one page asks for)",
                                MAX_LIVE_SPAN / DAY
                            ));
                        }
                        let config = DetectionConfig::default();
                        let mut incoming = events.to_vec();
                        incoming.extend(
                            baselines
                                .iter()
                                .flat_map(|b| detect(b, &config))
                                .map(|d| d.to_event()),
                        );
                        self.events = Rc::new(merge_events(&self.events, &incoming));
                        self.baselines = Rc::new(baselines);
                        self.connectivity = series;
                        summary
                    }
                    SourceData::Shares(table) => {
                        let summary = shares_summary(&table.months, self.country);
                        self.shares = Some(table);
                        summary
                    }
                };
                let (status, provenance, problem) = match &provided {
                    Provided::Live { fetched_at } if failure.is_some() => (
                        LoadStatus::Partial,
                        source.provenance(*fetched_at),
                        SourceProblem::Partial,
                    ),
                    Provided::Live { fetched_at } => (
                        LoadStatus::Live,
                        source.provenance(*fetched_at),
                        SourceProblem::Unreachable,
                    ),
                    Provided::Cached { stored_at, .. } => (
                        LoadStatus::Cached,
                        source.provenance(*stored_at),
                        SourceProblem::Unreachable,
                    ),
                    Provided::Bundled(provenance) => {
                        let status = match self.mode {
                            DataMode::Snapshot => LoadStatus::Snapshot,
                            _ => LoadStatus::Covered,
                        };
                        (status, provenance.clone(), SourceProblem::Unreachable)
                    }
                };
                let name = source.name();
                self.live_provenance.retain(|p| p.source != name);
                self.live_provenance.push(provenance);
                // In snapshot mode, bundled data read as any other: not fetched, by choice.
                let provided = Some(&provided).filter(|_| status != LoadStatus::Snapshot);
                let message = status_sentence(source, provided, &summary, failure.as_deref());
                (status, failure.map(|_| problem), message)
            }
            Settled::Snapshot { failure } => {
                let summary = self.snapshot_summary(source);
                let message = status_sentence(source, None, &summary, failure.as_deref());
                let problem = failure.map(|_| SourceProblem::Unreachable);
                (LoadStatus::Snapshot, problem, message)
            }
            Settled::Failed { failure } => (
                LoadStatus::Failed,
                Some(SourceProblem::Failed),
                format!(
                    "{} unreachable ({failure}); no data from it is shown.",
                    source.name()
                ),
            ),
        };
        self.set_status(source.as_str(), status, problem, message);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::snapshot::{DayRecord, SNAPSHOT_FORMAT};
    use crate::model::test_support::{hash_rate_snapshot, provenance};
    use crate::render::series::DrawOptions;

    fn bundle() -> Bundle {
        let hash_rate = hash_rate_snapshot(vec![
            DayRecord::from((1_639_267_200, Some(140), 1.68e20)),
            DayRecord::from((1_639_353_600, Some(141), 1.69e20)),
        ]);
        Bundle {
            hash_rate: Ok(Rc::new(hash_rate)),
            shares: Ok(Rc::new(ShareSnapshot {
                format: SNAPSHOT_FORMAT,
                table: ShareTable {
                    provenance: provenance(),
                    months: vec![],
                },
            })),
            events: Ok(Rc::new(EventCatalogue {
                format: SNAPSHOT_FORMAT,
                sources: vec![],
                events: vec![],
            })),
        }
    }

    #[test]
    fn starts_loading_every_source() {
        let state = AppState::default();
        let ids: Vec<_> = state.statuses.iter().map(|s| s.source).collect();
        assert_eq!(ids, ["snapshot", "mempool", "blockchain", "ioda", "cbeci"]);
        assert!(state
            .statuses
            .iter()
            .all(|s| s.status == LoadStatus::Loading));
        assert_eq!(format_date(state.viewport.range.start), "2021-12-12");
    }

    #[test]
    fn a_loaded_bundle_sets_data_and_status() {
        let state = AppState::default().apply(Action::BundleLoaded(bundle()));
        let status = state.status("snapshot").unwrap();
        assert_eq!(status.status, LoadStatus::Snapshot);
        assert_eq!(
            status.message,
            "Bundled snapshot: daily data 2021-12-12 to 2021-12-13, 0 events (more loading), \
             retrieved 2026-11-24."
        );
        assert!(state.hash_rate.is_some() && state.shares.is_some());
        // Every month of shares, after the first chart, in place of the opening view's.
        let month = |month| MonthShares {
            month,
            note: None,
            source_url: None,
            shares: vec![],
        };
        let all_months = |provenance| {
            Rc::new(ShareSnapshot {
                format: SNAPSHOT_FORMAT,
                table: ShareTable {
                    provenance,
                    months: vec![month(0), month(1_000)],
                },
            })
        };
        let full = state.apply(Action::SharesLoaded(Ok(all_months(provenance()))));
        assert_eq!(full.shares.as_ref().unwrap().months.len(), 2);
        assert!(full
            .status("snapshot")
            .unwrap()
            .message
            .contains("2 months of shares"));
        // Live shares that arrived first stay on screen.
        let live = Provenance {
            source: "CBECI live".into(),
            ..provenance()
        };
        let live_first = AppState {
            shares: Some(Rc::new(all_months(live.clone()).table.clone())),
            ..state.clone()
        }
        .apply(Action::SharesLoaded(Ok(all_months(provenance()))));
        assert_eq!(live_first.shares.as_ref().unwrap().provenance, live);
        let failed = state.apply(Action::SharesLoaded(Err("HTTP 404".into())));
        assert!(failed
            .status("snapshot")
            .unwrap()
            .message
            .contains("shares (HTTP 404)"));
        assert!(state.opening_events_first() && !state.settled());
        // The whole catalogue, after the first chart: its events join (those of the opening
        // view once), the sentence counts them.
        let event = |id| crate::model::test_support::event(id, 1_639_300_000, 1_639_400_000);
        let catalogue = |events| {
            Rc::new(EventCatalogue {
                format: SNAPSHOT_FORMAT,
                sources: Vec::new(),
                events,
            })
        };
        let mut opening = bundle();
        opening.events = Ok(catalogue(vec![event("kz-1")]));
        let state = AppState::default().apply(Action::BundleLoaded(opening));
        let whole = catalogue(vec![event("kz-1"), event("kz-2")]);
        let state = state.apply(Action::CatalogueLoaded(Ok(whole)));
        assert_eq!(state.events.len(), 2, "each event once");
        assert_eq!(
            state.status("snapshot").unwrap().message,
            "Bundled snapshot: daily data 2021-12-12 to 2021-12-13, 2 events, retrieved \
             2026-11-24."
        );
        let failed = AppState::default()
            .apply(Action::BundleLoaded(bundle()))
            .apply(Action::CatalogueLoaded(Err("HTTP 404".into())));
        assert_eq!(
            failed.status("snapshot").unwrap().message,
            "The bundled data snapshot could not be loaded: events (HTTP 404)."
        );
    }

    #[test]
    fn a_partly_failed_bundle_keeps_what_loaded_and_says_what_failed() {
        let mut broken = bundle();
        broken.shares = Err("HTTP 404".into());
        let state = AppState::default().apply(Action::BundleLoaded(broken));
        let status = state.status("snapshot").unwrap();
        assert_eq!(status.status.as_str(), "failed");
        assert_eq!(
            status.message,
            "The bundled data snapshot could not be loaded: shares (HTTP 404)."
        );
        assert!(state.hash_rate.is_some());
        assert!(state.shares.is_none());
    }

    #[test]
    fn live_data_replaces_and_says_live() {
        let state = AppState::default()
            .apply(Action::BundleLoaded(bundle()))
            .apply(Action::SourceSettled(
                SourceId::Mempool,
                Settled::Data {
                    data: SourceData::HashRate {
                        points: Rc::new(vec![Point { t: 0, v: 2e20 }]),
                        difficulty: Rc::new(vec![]),
                    },
                    provided: Provided::Live { fetched_at: 86_400 },
                    failure: None,
                },
            ));
        let status = state.status("mempool").unwrap();
        let credit = state.live_provenance.first().map(|p| p.credit_line());
        let sources: Vec<_> = state.credits().into_iter().map(|p| p.source).collect();
        assert_eq!(
            sources,
            ["S", "mempool.space", "S"],
            "daily, live, shares (the history has not loaded)"
        );
        assert_eq!(
            credit.as_deref(),
            Some(
                "mempool.space: Bitcoin network hash rate, daily average (mempool.space \
                  terms of service), retrieved 1970-01-02 00:00 UTC"
            )
        );
        assert_eq!(status.status.as_str(), "live");
        assert_eq!(
            status.message,
            "mempool.space: live, 1 daily value from 1970-01-01 to 1970-01-01, latest 200 EH/s."
        );
        assert_eq!(state.live_hash_rate.len(), 1);
    }

    #[test]
    fn a_failed_source_falls_back_to_the_snapshot_and_says_why() {
        let state = AppState::default()
            .apply(Action::BundleLoaded(bundle()))
            .apply(Action::SourceSettled(
                SourceId::Ioda,
                Settled::Snapshot {
                    failure: Some("timeout after 10 s".into()),
                },
            ));
        let status = state.status("ioda").unwrap();
        assert_eq!(status.status.as_str(), "snapshot");
        assert_eq!(
            status.message,
            "IODA unreachable (timeout after 10 s) — showing the bundled snapshot: 0 events, 0 in \
             Kazakhstan; no connectivity series in the snapshot."
        );
        let failed = state.apply(Action::SourceSettled(
            SourceId::Cbeci,
            Settled::Failed {
                failure: "HTTP 500".into(),
            },
        ));
        assert_eq!(failed.status("cbeci").unwrap().status.as_str(), "failed");
        assert!(failed.shares.is_some(), "the bundled shares stay");
    }

    #[test]
    fn the_viewport_follows_commands_within_the_data() {
        let state = AppState::default().apply(Action::BundleLoaded(bundle()));
        // The bundle's daily data start on 2021-12-12, inside the opening range (the history
        // has not loaded).
        assert_eq!(state.data_extent(), state.viewport.initial);
        let zoomed = state.apply(Action::View(ViewCommand::ZoomAround {
            anchor: state.viewport.initial.start,
            factor: 2.0,
        }));
        assert_eq!(zoomed.viewport.range.start, state.viewport.initial.start);
        assert_eq!(
            zoomed.viewport.range.span(),
            state.viewport.initial.span() / 2
        );
        let out = zoomed.apply(Action::View(ViewCommand::Pan(-100 * DAY)));
        assert_eq!(out.viewport.range.start, state.viewport.extent.start);
        let reset = out.apply(Action::View(ViewCommand::Reset));
        assert_eq!(reset.viewport.range, state.viewport.initial);

        let hidden = state.apply(Action::ToggleSignal("bgp".into()));
        assert_eq!(DrawOptions::of(&hidden).hidden_signals, ["bgp"]);
        let shown = hidden.apply(Action::ToggleSignal("bgp".into()));
        assert!(DrawOptions::of(&shown).hidden_signals.is_empty());
    }

    #[test]
    fn a_late_answer_for_another_country_keeps_the_current_signals() {
        let series = |country: &str| ConnectivitySeries {
            country: country.into(),
            datasource: "bgp".into(),
            from: 0,
            step: 3_600,
            values: vec![Some(1.0); 48],
        };
        let answer = |country: &'static str, range: TimeRange| {
            Action::ConnectivitySettled(
                country,
                range,
                Settled::Data {
                    data: SourceData::Connectivity {
                        series: Rc::new(vec![series(country)]),
                        events: Rc::new(vec![]),
                    },
                    provided: Provided::Live { fetched_at: 0 },
                    failure: None,
                },
            )
        };
        let opening = AppState::default();
        let range = opening.connectivity_range;
        let state = opening
            .apply(Action::SelectCountry("US"))
            .apply(answer("US", range))
            .apply(answer("KZ", range));
        assert_eq!(state.country, "US");
        assert_eq!(state.connectivity[0].country, "US");
        assert_eq!(state.baselines[0].country, "US");
        assert_eq!(state.status("ioda").unwrap().status, LoadStatus::Live);
        // An answer for another range of the same country (asked before a disruption was
        // opened) is not shown either.
        let earlier = TimeRange::new(range.start - 30 * DAY, range.start);
        let late = state.apply(answer("US", earlier));
        assert_eq!(late.connectivity, state.connectivity);
        let failed_late = state.apply(Action::ConnectivitySettled(
            "KZ",
            range,
            Settled::Failed {
                failure: "timeout".into(),
            },
        ));
        assert_eq!(failed_late.status("ioda").unwrap().status, LoadStatus::Live);
    }

    #[test]
    fn connectivity_the_manifest_covers_is_read_from_the_bundle() {
        use crate::model::manifest::ManifestEntry;
        let opening = AppState::default();
        assert_eq!(
            opening.connectivity_wanted(),
            None,
            "the manifest comes first"
        );
        let range = opening.connectivity_range;
        let manifest = Manifest {
            format: SNAPSHOT_FORMAT,
            sources: vec![ManifestEntry {
                stands_for: Some("ioda".into()),
                files: vec!["data/connectivity-KZ-2021-12-12.json".into()],
                covers: Some([range.start, range.end]),
                regions: vec!["KZ".into()],
                signals: vec!["bgp".into()],
                provenance: provenance(),
            }],
        };
        let with = |mode: DataMode| {
            AppState::new(mode).apply(Action::ManifestLoaded(Ok(Rc::new(manifest.clone()))))
        };
        let wanted = with(DataMode::Auto).connectivity_wanted().unwrap();
        assert_eq!((wanted.country, wanted.range), ("KZ", range));
        let bundled = Some(("data/connectivity-KZ-2021-12-12.json".into(), provenance()));
        assert_eq!(wanted.bundled, bundled);
        assert_eq!(
            with(DataMode::Snapshot)
                .connectivity_wanted()
                .unwrap()
                .bundled,
            bundled
        );
        assert_eq!(
            with(DataMode::Live).connectivity_wanted().unwrap().bundled,
            None
        );
        // Another country, or a range the file does not hold, is asked live.
        let us = with(DataMode::Auto).apply(Action::SelectCountry("US"));
        assert_eq!(us.connectivity_wanted().unwrap().bundled, None);

        // What the bundle gives reads as covered (not asked), credited to its provenance.
        let settled = |mode: DataMode| {
            let state = with(mode);
            state.apply(Action::ConnectivitySettled(
                "KZ",
                range,
                Settled::Data {
                    data: SourceData::Connectivity {
                        series: Rc::new(vec![]),
                        events: Rc::new(vec![]),
                    },
                    provided: Provided::Bundled(provenance()),
                    failure: None,
                },
            ))
        };
        let auto = settled(DataMode::Auto);
        let status = auto.status("ioda").unwrap();
        assert_eq!(status.status, LoadStatus::Covered);
        assert!(
            status
                .message
                .starts_with("IODA: not asked — the bundled snapshot covers this view"),
            "{}",
            status.message
        );
        assert!(auto.live_provenance.contains(&provenance()));
        let snapshot = settled(DataMode::Snapshot);
        let status = snapshot.status("ioda").unwrap();
        assert_eq!(status.status, LoadStatus::Snapshot);
        assert!(
            status
                .message
                .starts_with("IODA: not fetched in snapshot mode"),
            "{}",
            status.message
        );
    }

    #[test]
    fn detected_events_join_the_catalogue_once() {
        let event = |id: &str, start: i64| DisruptionEvent {
            kind: crate::model::events::EventKind::Internet,
            origin: crate::model::events::EventOrigin::IodaDetected,
            ..crate::model::test_support::event(id, start, start + 1)
        };
        let settle = |state: &AppState| {
            state.apply(Action::SourceSettled(
                SourceId::Ioda,
                Settled::Data {
                    data: SourceData::Connectivity {
                        series: Rc::new(vec![]),
                        events: Rc::new(vec![event("a", 5), event("b", 10)]),
                    },
                    provided: Provided::Live { fetched_at: 0 },
                    failure: None,
                },
            ))
        };
        let once = settle(&AppState::default().apply(Action::BundleLoaded(bundle())));
        let twice = settle(&once);
        assert_eq!(twice.events.len(), 2);
    }

    #[test]
    fn a_view_of_another_year_loads_that_year_and_says_so() {
        let mut opening = bundle();
        if let Ok(h) = &mut opening.hash_rate {
            Rc::make_mut(h).years = Some([2019, 2025]);
        }
        let state = AppState::default().apply(Action::BundleLoaded(opening));
        // The opening view's days are bundled: no year is needed.
        let covered = AppState {
            viewport: Viewport::new(
                TimeRange::new(1_639_267_200, 1_639_440_000),
                state.viewport.initial,
            ),
            ..state.clone()
        };
        assert_eq!(covered.chain_years_to_fetch(&[]), Vec::<i64>::new());
        // A view of mid-2020 needs 2020, once.
        let mid_2020 = TimeRange::new(1_590_969_600, 1_596_240_000);
        let state = AppState {
            viewport: Viewport::new(mid_2020, state.viewport.initial),
            ..state
        };
        assert_eq!(state.chain_years_to_fetch(&[]), vec![2020]);
        assert_eq!(state.chain_years_to_fetch(&[2020]), Vec::<i64>::new());
        let year = hash_rate_snapshot(
            (0..366)
                .map(|i| DayRecord::from((1_577_836_800 + i * DAY, Some(144), 1.1e20)))
                .collect(),
        );
        let loaded = state.apply(Action::ChainYearLoaded(2020, Ok(Rc::new(year))));
        assert_eq!(loaded.chain_years_to_fetch(&[]), Vec::<i64>::new());
        assert_eq!(loaded.chain_samples.len(), 2 + 366);
        let message = &loaded.status("snapshot").unwrap().message;
        assert!(message.contains("daily data for 2020"), "{message}");
        // A year that fails says so, and what was on screen stays.
        let failed = state.apply(Action::ChainYearLoaded(2020, Err("HTTP 404".into())));
        let status = failed.status("snapshot").unwrap();
        assert!(
            status.message.contains("daily data for 2020 (HTTP 404)"),
            "{}",
            status.message
        );
        assert_eq!(failed.chain_samples.len(), 2);
    }

    #[test]
    fn the_history_arrives_after_the_chart_and_is_credited() {
        let history = crate::model::test_support::history_snapshot(vec![
            Point::from((1_230_000_000, 1e13)),
            Point::from((1_640_000_000, 1.7e20)),
        ]);
        let state = AppState::default()
            .apply(Action::BundleLoaded(bundle()))
            .apply(Action::SourceSettled(
                SourceId::Blockchain,
                Settled::Snapshot { failure: None },
            ));
        assert!(state
            .status("blockchain")
            .unwrap()
            .message
            .contains(HISTORY_PENDING));
        let state = state.apply(Action::HistoryLoaded(Ok(Rc::new(history.long_range))));
        let message = &state.status("blockchain").unwrap().message;
        assert!(message.contains("2 long values"), "{message}");
        assert_eq!(state.credits().len(), 3, "daily, history, shares");
        assert_eq!(state.data_extent().start, 1_230_000_000);
        let failed = AppState::default()
            .apply(Action::BundleLoaded(bundle()))
            .apply(Action::SourceSettled(
                SourceId::Blockchain,
                Settled::Snapshot { failure: None },
            ))
            .apply(Action::HistoryLoaded(Err("HTTP 404".into())));
        assert_eq!(
            failed.status("snapshot").unwrap().status,
            LoadStatus::Snapshot,
            "the bundled data on screen did load"
        );
        assert!(failed
            .status("blockchain")
            .unwrap()
            .message
            .contains("the long-range history could not be loaded (HTTP 404)"));
    }

    /// The bundle with one Chinese event in 2021 (a month and a half) in its catalogue.
    fn bundle_with_crackdown() -> Bundle {
        let start = crate::model::time::parse_date("2021-05-21").unwrap();
        let crackdown = DisruptionEvent {
            country: "CN".into(),
            ..crate::model::test_support::event("cn-ban", start, start + 41 * DAY)
        };
        Bundle {
            events: Ok(Rc::new(EventCatalogue {
                format: SNAPSHOT_FORMAT,
                sources: vec![],
                events: vec![crackdown],
            })),
            ..bundle()
        }
    }

    #[test]
    fn opening_a_disruption_shows_its_country_range_and_impact_and_keeps_reset() {
        let state = AppState::default().apply(Action::BundleLoaded(bundle_with_crackdown()));
        let opening = state.viewport.initial;
        let opened = state.apply(Action::OpenEvent("cn-ban".into()));
        assert_eq!(opened.country, "CN");
        assert_eq!(
            opened.selected_event().map(|e| e.id.as_str()),
            Some("cn-ban")
        );
        assert_eq!(format_date(opened.viewport.range.start), "2021-05-06");
        assert_eq!(format_date(opened.viewport.range.end), "2021-07-08");
        assert_eq!(
            opened.viewport.initial, opening,
            "Reset still returns to the opening view"
        );
        assert!(opened.viewport.extent.start <= opened.viewport.range.start);
        assert_eq!(opened.status("ioda").unwrap().status, LoadStatus::Loading);
        // The view asks for its year of chain data; the list asks for every year.
        let years = |state: &AppState| {
            let mut snapshot = (**state.hash_rate.as_ref().unwrap()).clone();
            snapshot.years = Some([2019, 2025]);
            AppState {
                hash_rate: Some(Rc::new(snapshot)),
                ..state.clone()
            }
            .chain_years_to_fetch(&[])
        };
        assert_eq!(years(&opened), [2021]);
        assert_eq!(
            years(&opened.apply(Action::ListEveryYear)),
            [2019, 2020, 2021, 2022, 2023, 2024, 2025]
        );
        // An unknown id changes nothing.
        assert_eq!(opened.apply(Action::OpenEvent("gone".into())), opened);
    }

    #[test]
    fn a_link_to_a_disruption_opens_on_its_range_unless_the_link_sets_one() {
        let linked = |pairs: &[(&'static str, &'static str)]| {
            let settings = Settings::from_pairs(pairs.iter().copied()).0;
            AppState::from_settings(settings, false)
                .apply(Action::BundleLoaded(bundle_with_crackdown()))
        };
        let state = linked(&[("event", "cn-ban")]);
        assert_eq!(state.country, "CN");
        assert_eq!(format_date(state.viewport.range.start), "2021-05-06");
        assert_eq!(
            state.viewport.initial, state.viewport.range,
            "Reset returns to it"
        );
        assert_eq!(
            state.selected_event().map(|e| e.id.as_str()),
            Some("cn-ban")
        );
        let ranged = linked(&[
            ("event", "cn-ban"),
            ("from", "2021-06-01"),
            ("until", "2021-06-30"),
        ]);
        assert_eq!(format_date(ranged.viewport.range.start), "2021-06-01");
    }

    #[test]
    fn a_view_the_manifest_covers_asks_no_global_source_until_the_reader_leaves_it() {
        use crate::model::manifest::ManifestEntry;
        use crate::model::test_support::provenance;
        let opening = OPENING_VIEW;
        let entry = |source: SourceId, until: UnixSeconds| ManifestEntry {
            stands_for: Some(source.as_str().into()),
            files: vec![],
            covers: Some([opening.start - 400 * DAY, until]),
            regions: vec![],
            signals: vec![],
            provenance: provenance(),
        };
        let manifest = Manifest {
            format: SNAPSHOT_FORMAT,
            sources: vec![
                entry(SourceId::Mempool, opening.end),
                entry(SourceId::Blockchain, opening.end + 400 * DAY),
                entry(SourceId::Cbeci, opening.end),
            ],
        };
        let loaded = AppState::default().apply(Action::BundleLoaded(bundle()));
        assert!(
            loaded.live_sources_to_fetch(&[]).is_empty(),
            "nothing before the manifest"
        );
        let covered = loaded.apply(Action::ManifestLoaded(Ok(Rc::new(manifest))));
        assert!(covered.live_sources_to_fetch(&[]).is_empty());
        for source in GLOBAL_SOURCES {
            let status = covered.status(source.as_str()).unwrap();
            assert_eq!(status.status, LoadStatus::Covered, "{}", status.message);
            assert!(status
                .message
                .contains(": not asked — the bundled snapshot covers this view: "));
            assert_eq!(status.problem, None);
        }
        // A week later than the hash rate and the shares go: those two are asked, once.
        let mut later = covered.clone();
        later.viewport = covered.viewport.showing(TimeRange::new(
            opening.start + 7 * DAY,
            opening.end + 7 * DAY,
        ));
        assert_eq!(
            later.live_sources_to_fetch(&[]),
            [SourceId::Mempool, SourceId::Cbeci]
        );
        assert_eq!(
            later.live_sources_to_fetch(&[SourceId::Mempool]),
            [SourceId::Cbeci]
        );
        // … for the days the bundle lacks only: from the end of what it covers.
        assert_eq!(later.uncovered_since(SourceId::Mempool), Some(opening.end));
        let mut far_later = covered.clone();
        far_later.viewport = covered.viewport.showing(TimeRange::new(
            opening.end + 30 * DAY,
            opening.end + 37 * DAY,
        ));
        assert_eq!(
            far_later.uncovered_since(SourceId::Mempool),
            Some(opening.end + 30 * DAY),
            "a view beyond the bundle: its own days"
        );
        let mut earlier = covered.clone();
        earlier.viewport = covered
            .viewport
            .showing(TimeRange::new(opening.start - 500 * DAY, opening.end));
        assert_eq!(
            earlier.uncovered_since(SourceId::Mempool),
            None,
            "all of it"
        );
        // Live mode, or a manifest that did not load: every global source is asked.
        let failed = loaded.apply(Action::ManifestLoaded(Err("HTTP 404".into())));
        assert_eq!(failed.live_sources_to_fetch(&[]), GLOBAL_SOURCES);
        let live = AppState::new(DataMode::Live)
            .apply(Action::BundleLoaded(bundle()))
            .apply(Action::ManifestLoaded(Ok(Rc::new(Manifest {
                format: SNAPSHOT_FORMAT,
                sources: vec![entry(SourceId::Mempool, opening.end)],
            }))));
        assert_eq!(live.live_sources_to_fetch(&[]), GLOBAL_SOURCES);
        assert_eq!(live.uncovered_since(SourceId::Mempool), None);
        assert_eq!(live.status("mempool").unwrap().status, LoadStatus::Loading);
    }
}
