//! What arrives and what to ask next: the bundled files, each live source's answer, the data
//! manifest, and from them the sources, years and connectivity still to fetch.

use std::rc::Rc;

use super::{
    AppState, Bundle, ConnectivityWanted, LoadStatus, SourceData, SourceProblem, GLOBAL_SOURCES,
};
use crate::analysis::baseline::BaselineSeries;
use crate::analysis::disruption::{detect, merge_events, DetectionConfig};
use crate::analysis::hash_rate::{merge_samples, samples_from_days, samples_from_hash_rate};
use crate::fetching::plan::{live_range, Provided, Settled, MAX_LIVE_SPAN};
use crate::fetching::summary::{
    connectivity_figures, events_holding, hash_rate_figures, shares_figures, BundleNote,
    BundlePart, Delivery, Holding, StatusNote,
};
use crate::model::manifest::Manifest;
use crate::model::region::country_by_code;
use crate::model::settings::Opening;
use crate::model::snapshot::{HashRateSeries, HashRateSnapshot, ShareSnapshot};
use crate::model::source::{DataMode, SourceId, StatusSource};
use crate::model::time::{TimeRange, UnixSeconds, DAY};

impl AppState {
    /// What the snapshot offers in place of `source`.
    pub(super) fn snapshot_holding(&self, source: SourceId) -> Holding {
        match source {
            // Each live source stands in for the bundled series from the same kind of data.
            SourceId::Mempool => match &self.hash_rate {
                None => Holding::NoBundledHashRate,
                Some(s) => hash_rate_figures(&s.daily.hash_rate_points(), Some(&s.daily.label)),
            },
            SourceId::Blockchain => match (&self.history, &self.history_failure) {
                (Some(h), _) => hash_rate_figures(&h.points, Some(&h.label)),
                (None, Some(e)) => Holding::HistoryFailed(e.clone()),
                (None, None) => Holding::HistoryPending,
            },
            SourceId::Ioda => events_holding(&self.events, self.country.code),
            SourceId::Cbeci => self.shares.as_ref().map_or(Holding::NoBundledShares, |s| {
                shares_figures(&s.months, self.country.code)
            }),
        }
    }

    /// Rebuilds [`AppState::chain_samples`] from the snapshot and mempool.space's series.
    pub(super) fn rebuild_samples(&mut self) {
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

    pub(super) fn take_bundle(&mut self, bundle: Bundle) {
        match bundle.hash_rate {
            Ok(snapshot) => {
                if let Some((first, last)) = snapshot.daily_span() {
                    self.bundle_summary
                        .parts
                        .push(BundlePart::Daily(first, last));
                }
                self.bundle_summary.retrieved = Some(snapshot.daily.provenance.retrieved.clone());
                self.hash_rate = Some(snapshot);
                self.rebuild_samples();
            }
            Err(e) => self.bundle_summary.failures.push((BundlePart::HashRate, e)),
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
                self.focus_country(country);
            }
        }
        self.show_bundle_status();
    }

    /// Whether the bundle brings only the opening view's events, the whole catalogue loading
    /// after the first chart: so when the page sets no range and no event.
    pub fn opening_events_first(&self) -> bool {
        self.settings.range.is_none() && self.settings.event.is_none()
    }

    pub(super) fn show_bundle_status(&mut self) {
        let whole = self.catalogue_settled || !self.opening_events_first();
        let note = BundleNote {
            events_pending: !whole,
            ..self.bundle_summary.clone()
        };
        let (status, problem) = if note.failures.is_empty() && note.events.is_ok() {
            (LoadStatus::Snapshot, None)
        } else {
            (LoadStatus::Failed, Some(SourceProblem::Failed))
        };
        self.set_status(
            StatusSource::Bundle,
            status,
            problem,
            StatusNote::Bundle(note),
        );
    }

    /// The bundled shares, in place of the bundled months already shown (live shares stay).
    pub(super) fn take_shares(&mut self, shares: Result<Rc<ShareSnapshot>, String>) {
        match shares {
            Ok(shares) => {
                self.bundle_summary
                    .parts
                    .push(BundlePart::ShareMonths(shares.table.months.len()));
                let bundled = self
                    .shares
                    .as_ref()
                    .is_none_or(|s| s.provenance == shares.table.provenance);
                if bundled {
                    self.shares = Some(Rc::new(shares.table.clone()));
                }
            }
            Err(e) => self.bundle_summary.failures.push((BundlePart::Shares, e)),
        }
    }

    /// A year of daily chain data: its days join the snapshot's, and the snapshot's status names
    /// the year, or why it could not be loaded.
    pub(super) fn take_chain_year(
        &mut self,
        year: i64,
        loaded: Result<Rc<HashRateSnapshot>, String>,
    ) {
        match loaded {
            Ok(data) => {
                self.hash_rate = Some(Rc::new(match &self.hash_rate {
                    Some(own) => own.with_days_of(&data.daily),
                    None => (*data).clone(),
                }));
                self.rebuild_samples();
                self.bundle_summary.parts.push(BundlePart::DailyYear(year));
            }
            Err(e) => self
                .bundle_summary
                .failures
                .push((BundlePart::DailyYear(year), e)),
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
            .entries(source.as_str(), self.country.code)
            .find_map(|e| match e.covers {
                Some([from, until]) if from <= view.start => Some(until.max(view.start)),
                _ => None,
            })
    }

    /// Whether `source` is not to be asked for the range shown: `auto` mode, and a manifest
    /// that says the bundled data cover it.
    pub(super) fn spared(&self, source: SourceId) -> bool {
        self.mode == DataMode::Auto
            && matches!(&self.manifest, Some(Ok(m))
                if m.covers(source.as_str(), self.viewport.range, self.country.code))
    }

    /// The manifest: in `auto` mode, each global source whose bundled data cover the opening
    /// view is marked as not asked, and why.
    pub(super) fn take_manifest(&mut self, manifest: Result<Rc<Manifest>, String>) {
        self.manifest = Some(manifest);
        for source in GLOBAL_SOURCES {
            let still_loading = self
                .status(source)
                .is_some_and(|s| s.status == LoadStatus::Loading);
            if still_loading && self.spared(source) {
                let note = StatusNote::Settled {
                    delivery: Delivery::Covered,
                    holding: self.snapshot_holding(source),
                    failure: None,
                };
                self.set_status(source.into(), LoadStatus::Covered, None, note);
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
    pub(super) fn take_history(&mut self, history: Result<Rc<HashRateSeries>, String>) {
        self.history_settled = true;
        match history {
            Ok(history) => self.history = Some(history),
            Err(e) => self.history_failure = Some(e),
        }
        // blockchain.com's status, if it names the bundled history as loading, now names what
        // came of it.
        let holding = self.snapshot_holding(SourceId::Blockchain);
        if let Some(status) = self.status(SourceId::Blockchain) {
            if let StatusNote::Settled {
                delivery,
                holding: Holding::HistoryPending,
                failure,
            } = &status.note
            {
                let note = StatusNote::Settled {
                    delivery: *delivery,
                    holding,
                    failure: failure.clone(),
                };
                let (kind, problem) = (status.status.clone(), status.problem);
                self.set_status(SourceId::Blockchain.into(), kind, problem, note);
            }
        }
    }

    /// Whether every source, and the history when the timeline shows it, has settled.
    pub fn settled(&self) -> bool {
        (self.history_settled || !self.settings.view.timeline())
            && (self.catalogue_settled || !self.opening_events_first())
            && self
                .statuses
                .iter()
                .all(|s| s.status != LoadStatus::Loading)
    }

    /// The data a live source (or the file standing in for it) delivered, taken into the
    /// state; what they hold, for the source's status line.
    fn take_data(&mut self, source: SourceId, data: SourceData) -> Holding {
        match data {
            SourceData::HashRate { points, difficulty } => {
                let holding = hash_rate_figures(&points, None);
                self.live_hash_rate.retain(|(s, _)| *s != source);
                self.live_hash_rate.push((source, points));
                if !difficulty.is_empty() {
                    self.difficulty = difficulty;
                }
                self.rebuild_samples();
                holding
            }
            SourceData::Connectivity { series, events } => {
                // Baselines once; the figures, the detector and the views share them.
                let baselines: Vec<BaselineSeries> =
                    series.iter().map(BaselineSeries::of).collect();
                let mut figures =
                    connectivity_figures(self.country.code, &series, &baselines, events.len());
                if live_range(self.viewport.initial).1 {
                    figures.last_days_only = Some(MAX_LIVE_SPAN / DAY);
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
                Holding::Connectivity(figures)
            }
            SourceData::Shares(table) => {
                let holding = shares_figures(&table.months, self.country.code);
                self.shares = Some(table);
                holding
            }
        }
    }

    pub(super) fn take_settled(&mut self, source: SourceId, settled: Settled<SourceData>) {
        let (status, problem, note) = match settled {
            Settled::Data {
                data,
                provided,
                failure,
            } => {
                let holding = self.take_data(source, data);
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
                let delivery = match provided {
                    _ if status == LoadStatus::Snapshot => Delivery::Bundled,
                    Provided::Live { .. } => Delivery::Live,
                    Provided::Cached { stored_at, stale } => Delivery::Cached { stored_at, stale },
                    Provided::Bundled(_) => Delivery::Covered,
                };
                let problem = failure.as_ref().map(|_| problem);
                let note = StatusNote::Settled {
                    delivery,
                    holding,
                    failure,
                };
                (status, problem, note)
            }
            Settled::Snapshot { failure } => {
                let problem = failure.as_ref().map(|_| SourceProblem::Unreachable);
                let note = StatusNote::Settled {
                    delivery: Delivery::Bundled,
                    holding: self.snapshot_holding(source),
                    failure,
                };
                (LoadStatus::Snapshot, problem, note)
            }
            Settled::Failed { failure } => (
                LoadStatus::Failed,
                Some(SourceProblem::Failed),
                StatusNote::Failed(failure),
            ),
        };
        self.set_status(source.into(), status, problem, note);
    }

    /// Where the connectivity of the country in focus is to be read from: `None` until the
    /// manifest has settled; the bundled file when the manifest says it covers the range
    /// asked for (in `auto` and `snapshot` modes), else the live API.
    pub fn connectivity_wanted(&self) -> Option<ConnectivityWanted> {
        let range = self.connectivity_range;
        let bundled = match (self.mode, self.manifest.as_ref()?) {
            (DataMode::Live, _) | (_, Err(_)) => None,
            (_, Ok(manifest)) => manifest
                .covering(
                    SourceId::Ioda.as_str(),
                    live_range(range).0,
                    self.country.code,
                )
                .and_then(|e| Some((e.files.first()?.clone(), e.provenance.clone()))),
        };
        Some(ConnectivityWanted {
            country: self.country.code,
            range,
            bundled,
        })
    }
}

#[cfg(test)]
mod tests;
