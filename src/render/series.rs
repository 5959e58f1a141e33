//! What the timeline draws, before any drawing: its series (hash rate, the estimate with its
//! band, the long-range history, connectivity) with their colours and marks, the events, and
//! the reader's drawing options. The legend and the plots both read it.

use std::rc::Rc;

use plotters::prelude::*;

use super::Palette;
use crate::analysis::baseline::BaselineSeries;
use crate::analysis::hash_rate::{rolling_estimates, ChainSample, HashRateEstimate, ROLLING_DAYS};
use crate::model::connectivity::Signal;
use crate::model::events::DisruptionEvent;
use crate::model::provenance::Provenance;
use crate::model::series::{ColumnDecimator, Point};
use crate::model::snapshot::{HashRateSeries, HashRateSnapshot};
use crate::model::source::SourceId;
use crate::model::time::{TimeRange, UnixSeconds, DAY};
use crate::state::AppState;
use crate::text::format::country_name;
use crate::text::ui;

/// Okabe–Ito sky blue: daily estimates.
pub const DAILY_COLOUR: RGBColor = RGBColor(0x56, 0xB4, 0xE9);
/// Okabe–Ito blue: the rolling estimate from blocks found, and its band.
pub const MEAN_COLOUR: RGBColor = RGBColor(0x00, 0x72, 0xB2);
/// Okabe–Ito vermillion: the long-range series.
pub const LONG_RANGE_COLOUR: RGBColor = RGBColor(0xD5, 0x5E, 0x00);
/// Okabe–Ito bluish green: mempool.space's live daily hash rate.
pub const MEMPOOL_COLOUR: RGBColor = RGBColor(0x00, 0x9E, 0x73);
/// Okabe–Ito reddish purple: IODA active probing (ping-slash24).
pub const PROBING_COLOUR: RGBColor = RGBColor(0xCC, 0x79, 0xA7);
/// Okabe–Ito orange: IODA BGP.
pub const BGP_COLOUR: RGBColor = RGBColor(0xE6, 0x9F, 0x00);
/// Slate grey: disruption events.
pub const EVENT_COLOUR: RGBColor = RGBColor(0x5A, 0x63, 0x6E);

/// One IODA signal as a line of % of its baseline.
#[derive(Debug, Clone, PartialEq)]
pub struct SignalLine {
    /// The signal (its words and colour follow from it).
    pub datasource: Signal,
    /// Time of the first value.
    pub from: UnixSeconds,
    /// Seconds between values.
    pub step: UnixSeconds,
    /// Percent of baseline per step; `None` where unknown (drawn as a gap).
    pub percent: Vec<Option<f64>>,
}

impl SignalLine {
    /// Its colour on `palette`. The telescope is Okabe–Ito black, which would vanish on the
    /// dark theme, so it takes the theme's text colour.
    pub fn colour_on(&self, palette: &Palette) -> RGBColor {
        match self.datasource {
            Signal::Probing => PROBING_COLOUR,
            Signal::Bgp => BGP_COLOUR,
            Signal::Telescope => palette.text,
        }
    }

    /// Its legend text: "active probing (ping-slash24)".
    pub fn label(&self) -> &'static str {
        ui::signal_label(self.datasource)
    }

    /// A word for its toggle button: "Probing", "BGP", "Telescope".
    pub fn short_label(&self) -> &'static str {
        ui::signal_short_label(self.datasource)
    }

    /// The line for a signal: each value as a percentage of its baseline.
    pub fn from_baseline(series: &BaselineSeries) -> Self {
        Self {
            datasource: series.datasource,
            from: series.from,
            step: series.step.max(1),
            percent: series
                .fraction
                .iter()
                .map(|f| f.map(|f| f * 100.0))
                .collect(),
        }
    }

    /// The value of the step that holds `t`: `None` outside the line, `Some(None)` if unknown.
    pub fn value_at(&self, t: UnixSeconds) -> Option<Option<f64>> {
        let index = usize::try_from((t - self.from).div_euclid(self.step)).ok()?;
        self.percent.get(index).copied()
    }

    /// The known stretches of the line inside `view` (one step beyond each edge), decimated to
    /// `columns` pixel columns in one pass ([`ColumnDecimator`]). A run of unknown steps breaks
    /// the line only if it spans at least a column: narrower gaps cannot be seen at that scale.
    pub fn segments(&self, view: TimeRange, columns: usize) -> Vec<Vec<Point>> {
        let min_gap = (view.span() / columns.max(1) as i64).max(1);
        let first =
            usize::try_from((view.start - self.from).div_euclid(self.step) - 1).unwrap_or(0);
        let last = usize::try_from((view.end - self.from).div_euclid(self.step) + 2)
            .unwrap_or(0)
            .min(self.percent.len());
        let mut out = Vec::new();
        let mut decimator = ColumnDecimator::new(view, columns);
        let mut previous: Option<UnixSeconds> = None;
        for (i, value) in self.percent.iter().enumerate().take(last).skip(first) {
            let Some(v) = *value else { continue };
            let t = self.from + i as i64 * self.step;
            if previous.is_some_and(|q| t - q - self.step >= min_gap) {
                out.push(decimator.take());
            }
            decimator.push(Point { t, v });
            previous = Some(t);
        }
        if !decimator.is_empty() {
            out.push(decimator.take());
        }
        out
    }
}

/// What the drawing leaves out or stresses, as chosen by the reader.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct DrawOptions {
    /// Signals switched off in the legend.
    pub hidden_signals: Vec<Signal>,
    /// The event shown stronger (its id).
    pub selected_event: Option<String>,
    /// Background, text and grid colours.
    pub palette: Palette,
}

impl DrawOptions {
    /// The drawing options the reader's choices in `state` amount to.
    pub fn of(state: &AppState) -> Self {
        DrawOptions {
            hidden_signals: state.hidden_signals.clone(),
            selected_event: state.selected_event().map(|e| e.id.clone()),
            palette: Palette::of_theme(state.dark),
        }
    }
}

/// How a series is marked on the chart.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SeriesMark {
    /// A dot per observation.
    Dots,
    /// A thin line.
    Line,
    /// A thick line.
    BoldLine,
}

/// One drawable hash-rate series (H/s).
#[derive(Debug, Clone, PartialEq)]
pub struct TimelineSeries {
    /// Legend text.
    pub label: String,
    /// Points in H/s, sorted by time.
    pub points: Vec<Point>,
    /// How it is drawn.
    pub mark: SeriesMark,
    /// Its colour.
    pub colour: RGBColor,
    /// The 95% interval around the points, drawn as a shaded band: `(low, high)` at each
    /// point's time. Empty for series without one.
    pub band: Vec<(Point, Point)>,
    /// Where its values come from, for their credit in downloads.
    pub source: SeriesSource,
}

/// Where a series' values come from: what credits them, whatever its label says.
#[derive(Debug, Clone, Default, PartialEq)]
pub enum SeriesSource {
    /// A live source, credited as the state records its retrieval.
    Live(SourceId),
    /// A bundled file, with its credit.
    Bundled(Provenance),
    /// Computed here from the block counts shown (or a legend row, which holds no values).
    #[default]
    Derived,
}

/// Everything the timeline draws, prepared once per data change (not per frame).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct TimelineData {
    /// The hash-rate series, drawn in this order.
    pub series: Vec<TimelineSeries>,
    /// The connectivity signals of the region in focus.
    pub signals: Vec<SignalLine>,
    /// The region's disruption events, sorted by start.
    pub events: Vec<DisruptionEvent>,
    /// The region's name, for the connectivity plot's title and messages.
    pub region: String,
}

impl TimelineData {
    /// The series to draw: blockchain.com's live daily estimate, mempool.space's live daily
    /// average, the snapshot's daily chain estimates (at the middle of their day), and the
    /// rolling estimate from `samples` (blocks found) with its 95% band. The bundled long-range
    /// history comes in with [`TimelineData::with_history`].
    pub fn build(
        snapshot: Option<&HashRateSnapshot>,
        live: &[(SourceId, Rc<Vec<Point>>)],
        samples: &[ChainSample],
    ) -> Self {
        let live_points = |id: SourceId| live.iter().find(|(s, _)| *s == id).map(|(_, p)| p);
        let mut series = Vec::new();
        if let Some(points) = live_points(SourceId::Blockchain) {
            series.push(TimelineSeries {
                label: crate::tr!(BlockchainLive).into(),
                points: points.to_vec(),
                mark: SeriesMark::Line,
                colour: LONG_RANGE_COLOUR,
                band: Vec::new(),
                source: SeriesSource::Live(SourceId::Blockchain),
            });
        }
        if let Some(points) = live_points(SourceId::Mempool) {
            series.push(TimelineSeries {
                label: crate::tr!(MempoolLive).into(),
                points: points.to_vec(),
                mark: SeriesMark::Line,
                colour: MEMPOOL_COLOUR,
                band: Vec::new(),
                source: SeriesSource::Live(SourceId::Mempool),
            });
        }
        if let Some(snapshot) = snapshot {
            series.push(TimelineSeries {
                label: ui::series_label(&snapshot.daily.label).into(),
                points: snapshot
                    .daily
                    .hash_rate_points()
                    .into_iter()
                    .map(|p| Point {
                        t: p.t + DAY / 2,
                        v: p.v,
                    })
                    .collect(),
                mark: SeriesMark::Dots,
                colour: DAILY_COLOUR,
                band: Vec::new(),
                source: SeriesSource::Bundled(snapshot.daily.provenance.clone()),
            });
        }
        let rolling = rolling_estimates(samples, ROLLING_DAYS);
        if !rolling.is_empty() {
            let at = |e: &HashRateEstimate, v: f64| Point { t: e.midpoint(), v };
            series.push(TimelineSeries {
                label: ui::rolling_estimate(ROLLING_DAYS),
                points: rolling.iter().map(|e| at(e, e.hash_rate)).collect(),
                mark: SeriesMark::BoldLine,
                colour: MEAN_COLOUR,
                band: rolling
                    .iter()
                    .map(|e| (at(e, e.interval.low), at(e, e.interval.high)))
                    .collect(),
                source: SeriesSource::Derived,
            });
        }
        Self {
            series,
            ..Self::default()
        }
    }

    /// This data with the bundled long-range `history` drawn first (pass `None` when
    /// blockchain.com's live series, the same kind of data, stands in for it).
    pub fn with_history(mut self, history: Option<&HashRateSeries>) -> Self {
        if let Some(history) = history {
            self.series.insert(
                0,
                TimelineSeries {
                    label: ui::series_label(&history.label).into(),
                    points: history.points.clone(),
                    mark: SeriesMark::Line,
                    colour: LONG_RANGE_COLOUR,
                    band: Vec::new(),
                    source: SeriesSource::Bundled(history.provenance.clone()),
                },
            );
        }
        self
    }

    /// The timeline of the country `code`: the hash-rate series, and the country's signals and
    /// events picked out of all of them.
    pub fn for_country(
        snapshot: Option<&HashRateSnapshot>,
        history: Option<&HashRateSeries>,
        live: &[(SourceId, Rc<Vec<Point>>)],
        samples: &[ChainSample],
        baselines: &[BaselineSeries],
        events: &[DisruptionEvent],
        code: &str,
    ) -> Self {
        let events: Vec<DisruptionEvent> = events
            .iter()
            .filter(|e| e.country == code)
            .cloned()
            .collect();
        let signals: Vec<BaselineSeries> = baselines
            .iter()
            .filter(|b| b.country == code)
            .cloned()
            .collect();
        let name = country_name(code);
        let live_history = live.iter().any(|(s, _)| *s == SourceId::Blockchain);
        Self::build(snapshot, live, samples)
            .with_history(history.filter(|_| !live_history))
            .with_region(&name, &signals, &events)
    }

    /// This data with the connectivity `signals` and `events` of `region`.
    pub fn with_region(
        mut self,
        region: &str,
        signals: &[BaselineSeries],
        events: &[DisruptionEvent],
    ) -> Self {
        region.clone_into(&mut self.region);
        self.signals = signals.iter().map(SignalLine::from_baseline).collect();
        self.events = events.to_vec();
        crate::model::events::sort_by_start(&mut self.events);
        self
    }
}

/// Opacity of the shaded 95% band.
pub const BAND_OPACITY: f64 = 0.22;

/// The stroke of a line series at `scale`.
pub fn line_style(series: &TimelineSeries, scale: f64) -> ShapeStyle {
    let css_width = if series.mark == SeriesMark::BoldLine {
        2.5
    } else {
        1.0
    };
    series
        .colour
        .stroke_width(((css_width * scale).round() as u32).max(1))
}
