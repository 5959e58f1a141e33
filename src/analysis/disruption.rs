//! Disruption intervals detected in IODA connectivity signals, and their merging with the
//! event catalogue so that one event carries all its evidence.

use super::baseline::{BaselineSeries, BASELINE_DAYS, WARNING_FRACTION};
use crate::model::connectivity::Signal;
use crate::model::events::{DisruptionEvent, EventOrigin, Evidence};
use crate::model::region::country_name;
use crate::model::time::{format_date_time, TimeRange, UnixSeconds, HOUR};
use crate::sources::ioda::dashboard_url;

/// Thresholds of the detector.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct DetectionConfig {
    /// Below this fraction of baseline a step is disrupted.
    pub warning: f64,
    /// Below this fraction the disruption is critical.
    pub critical: f64,
    /// Shortest interval reported, and the time below `critical` that makes it critical.
    pub min_duration: UnixSeconds,
    /// Disrupted stretches this close together (healthy or unknown between) are one interval.
    pub merge_gap: UnixSeconds,
}

impl Default for DetectionConfig {
    fn default() -> Self {
        Self {
            warning: WARNING_FRACTION,
            critical: 0.5,
            min_duration: HOUR,
            merge_gap: 2 * HOUR,
        }
    }
}

/// How bad a detected disruption is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// Below the warning threshold.
    Warning,
    /// Below the critical threshold for at least the minimum duration.
    Critical,
}

impl Severity {
    /// The word shown to readers.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Warning => "degraded",
            Severity::Critical => "disrupted",
        }
    }
}

/// An interval in which one signal fell below its baseline.
#[derive(Debug, Clone, PartialEq)]
pub struct DetectedDisruption {
    /// ISO code of the country.
    pub country: String,
    /// The IODA signal that showed it.
    pub datasource: Signal,
    /// Start of the first disrupted step.
    pub start: UnixSeconds,
    /// End of the last disrupted step.
    pub end: UnixSeconds,
    /// Lowest fraction of baseline.
    pub min_fraction: f64,
    /// Mean fraction of baseline over the known steps from start to end.
    pub mean_fraction: f64,
    /// How bad it was.
    pub severity: Severity,
}

/// Detects disruptions in `series`: runs of steps below `warning` × baseline lasting at least
/// `min_duration` (unknown steps inside a run neither break nor extend what is known of it),
/// then runs at most `merge_gap` apart joined into one interval. Unknown steps never count as
/// disrupted, nor in the minimum and mean.
pub fn detect(series: &BaselineSeries, config: &DetectionConfig) -> Vec<DetectedDisruption> {
    let fractions = &series.fraction;
    let step = series.step.max(1);
    let min_steps = (config.min_duration + step - 1) / step;
    let gap_steps = (config.merge_gap / step).max(0) as usize;
    // Runs of disrupted steps with no healthy step between.
    let mut runs: Vec<(usize, usize)> = Vec::new();
    let mut broken = true;
    for (i, fraction) in fractions.iter().enumerate() {
        match fraction {
            Some(f) if *f < config.warning => match runs.last_mut() {
                Some((_, last)) if !broken => *last = i,
                _ => {
                    runs.push((i, i));
                    broken = false;
                }
            },
            Some(_) => broken = true,
            None => {}
        }
    }
    // A run counts when its known disrupted steps alone last the minimum duration.
    let known_down = |first: usize, last: usize| {
        fractions
            .get(first..=last)
            .unwrap_or(&[])
            .iter()
            .flatten()
            .filter(|f| **f < config.warning)
            .count() as i64
    };
    runs.retain(|&(first, last)| known_down(first, last) >= min_steps);
    let mut joined: Vec<(usize, usize)> = Vec::new();
    for (first, last) in runs {
        match joined.last_mut() {
            Some((_, end)) if first - *end - 1 <= gap_steps => *end = last,
            _ => joined.push((first, last)),
        }
    }
    joined
        .into_iter()
        .filter_map(|(first, last)| {
            let known: Vec<f64> = fractions
                .get(first..=last)?
                .iter()
                .flatten()
                .copied()
                .collect();
            let start = series.from + first as i64 * step;
            let end = series.from + (last as i64 + 1) * step;
            // Critical: the longest stretch of known steps below the critical fraction (unknown
            // steps neither extend nor break it) lasts the minimum duration.
            let (longest, _) = known.iter().fold((0_i64, 0_i64), |(longest, current), f| {
                let current = if *f < config.critical { current + 1 } else { 0 };
                (longest.max(current), current)
            });
            let below_critical = longest * step;
            Some(DetectedDisruption {
                country: series.country.clone(),
                datasource: series.datasource,
                start,
                end,
                min_fraction: known.iter().copied().reduce(f64::min)?,
                mean_fraction: known.iter().sum::<f64>() / known.len() as f64,
                severity: if below_critical >= config.min_duration {
                    Severity::Critical
                } else {
                    Severity::Warning
                },
            })
        })
        .collect()
}

/// The mean fraction of baseline of a signal over `range`, with the share of its steps that
/// are known; `None` when no step in the range is known.
pub fn mean_fraction(series: &BaselineSeries, range: TimeRange) -> Option<(f64, f64)> {
    let in_range: Vec<Option<f64>> = (0..)
        .zip(&series.fraction)
        .filter(|(i, _)| (range.start..range.end).contains(&(series.from + i * series.step)))
        .map(|(_, f)| *f)
        .collect();
    let known: Vec<f64> = in_range.iter().flatten().copied().collect();
    (!known.is_empty()).then(|| {
        (
            known.iter().sum::<f64>() / known.len() as f64,
            known.len() as f64 / in_range.len() as f64,
        )
    })
}

impl DetectedDisruption {
    /// The interval as a catalogue event (origin [`EventOrigin::SignalDetected`]).
    pub fn to_event(&self) -> DisruptionEvent {
        let country = country_name(&self.country);
        DisruptionEvent {
            id: format!("signal-{}-{}-{}", self.country, self.datasource, self.start),
            country: self.country.clone(),
            start: self.start,
            end: self.end,
            title: format!("Connectivity drop in {country} ({})", self.datasource),
            scope: "Country".into(),
            cause: None,
            visible_in: vec![self.datasource.as_str().to_owned()],
            place: None,
            kind: crate::model::events::EventKind::Internet,
            origin: EventOrigin::SignalDetected,
            evidence: vec![self.evidence()],
        }
    }

    /// What the signal showed, as evidence for an event.
    pub fn evidence(&self) -> Evidence {
        Evidence {
            source: format!("IODA {} signal (minewatch detection)", self.datasource),
            finding: format!(
                "{} from {} to {} UTC: lowest {:.0}% of its {BASELINE_DAYS}-day baseline, \
                 mean {:.0}%.",
                self.severity.as_str(),
                format_date_time(self.start),
                format_date_time(self.end),
                self.min_fraction * 100.0,
                self.mean_fraction * 100.0,
            ),
            url: Some(dashboard_url(&self.country, self.start, self.end)),
            published: None,
            cause_confirmed: None,
        }
    }
}

/// `base` with each of `incoming` folded in: an incoming event that overlaps one or more base
/// events of the same country adds its evidence and signals to the one it overlaps most;
/// otherwise it is added as it is. Evidence already present is not repeated; an incoming event
/// with the id of a base event replaces it. Sorted by start.
pub fn merge_events(
    base: &[DisruptionEvent],
    incoming: &[DisruptionEvent],
) -> Vec<DisruptionEvent> {
    let mut out: Vec<DisruptionEvent> = base.to_vec();
    for event in incoming {
        if let Some(same) = out.iter_mut().find(|e| e.id == event.id) {
            *same = event.clone();
            continue;
        }
        let overlap = |e: &DisruptionEvent| e.end.min(event.end) - e.start.max(event.start);
        let host = out
            .iter_mut()
            .filter(|e| e.country == event.country && e.overlaps(event.start, event.end))
            .max_by_key(|e| overlap(e));
        match host {
            Some(host) => {
                for evidence in &event.evidence {
                    if !host.evidence.contains(evidence) {
                        host.evidence.push(evidence.clone());
                    }
                }
                for signal in &event.visible_in {
                    if !host.visible_in.contains(signal) {
                        host.visible_in.push(signal.clone());
                    }
                }
            }
            None => out.push(event.clone()),
        }
    }
    crate::model::events::sort_by_start(&mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::connectivity::{ConnectivitySeries, Signal};
    use crate::model::time::{parse_date, DAY};

    /// A small deterministic generator (xorshift64*), so the synthetic signals are the same
    /// on every run.
    struct Noise(u64);

    impl Noise {
        fn next(&mut self) -> f64 {
            self.0 ^= self.0 >> 12;
            self.0 ^= self.0 << 25;
            self.0 ^= self.0 >> 27;
            (self.0.wrapping_mul(0x2545_F491_4F6C_DD1D) >> 11) as f64 / (1u64 << 53) as f64
        }
    }

    const STEP: i64 = 1_800;

    fn series(datasource: Signal, values: Vec<Option<f64>>) -> ConnectivitySeries {
        ConnectivitySeries {
            country: "KZ".into(),
            datasource,
            from: parse_date("2021-12-01").unwrap(),
            step: STEP,
            values,
        }
    }

    /// A signal with a daily cycle, ±10% noise, 2% of steps unknown, 1% of steps a brief dip to
    /// half (bait for false alarms), and the planted outages (step ranges, fraction kept).
    fn synthetic(
        days: usize,
        outages: &[(usize, usize, f64)],
        noise: &mut Noise,
    ) -> Vec<Option<f64>> {
        let per_day = (DAY / STEP) as usize;
        (0..days * per_day)
            .map(|i| {
                let hour = (i % per_day) as f64 / 2.0;
                let cycle = 1.0 + 0.3 * (std::f64::consts::TAU * (hour - 6.0) / 24.0).sin();
                let kept = outages
                    .iter()
                    .find(|(from, to, _)| (*from..*to).contains(&i))
                    .map_or(1.0, |o| o.2);
                let blip = if i % 2 == 0 && noise.next() < 0.02 {
                    0.5
                } else {
                    1.0
                };
                let value = 2_400.0 * cycle * kept * blip * (1.0 + 0.2 * (noise.next() - 0.5));
                (noise.next() >= 0.02).then_some(value)
            })
            .collect()
    }

    #[test]
    fn finds_planted_outages_with_high_precision_and_recall() {
        let mut noise = Noise(0x9E37_79B9_7F4A_7C15);
        let per_day = (DAY / STEP) as usize;
        let (mut planted_total, mut found_planted, mut detected_total, mut detected_true) =
            (0, 0, 0, 0);
        for trial in 0..40 {
            // Three outages per signal, after 8 days of history: 2 h to 5 days long, keeping
            // 2% to 65% of the signal.
            let mut outages = Vec::new();
            let mut at = 8 * per_day + (noise.next() * 48.0) as usize;
            for _ in 0..3 {
                let length = 4 + (noise.next() * (5 * per_day - 4) as f64) as usize;
                let kept = 0.02 + 0.63 * noise.next();
                outages.push((at, at + length, kept));
                at += length + 2 * per_day + (noise.next() * 3.0 * per_day as f64) as usize;
            }
            let days = at / per_day + 2;
            let s = series(Signal::Probing, synthetic(days, &outages, &mut noise));
            let detected = detect(&BaselineSeries::of(&s), &DetectionConfig::default());
            let step_time = |i: usize| s.from + i as i64 * STEP;
            let overlaps = |d: &DetectedDisruption, o: &(usize, usize, f64)| {
                d.start < step_time(o.1) && step_time(o.0) < d.end
            };
            planted_total += outages.len();
            found_planted += outages
                .iter()
                .filter(|o| detected.iter().any(|d| overlaps(d, o)))
                .count();
            detected_total += detected.len();
            detected_true += detected
                .iter()
                .filter(|d| outages.iter().any(|o| overlaps(d, o)))
                .count();
            for o in outages.iter().filter(|o| o.2 < 0.5) {
                if let Some(d) = detected.iter().find(|d| overlaps(d, o)) {
                    // Edges within the merge gap: a brief dip next to an outage joins it.
                    let slack = DetectionConfig::default().merge_gap + STEP;
                    assert!(
                        (d.start - step_time(o.0)).abs() <= slack
                            && (d.end - step_time(o.1)).abs() <= slack,
                        "trial {trial}: {d:?} for planted {o:?}"
                    );
                    assert!((d.mean_fraction - o.2).abs() < 0.1, "{d:?} vs {o:?}");
                }
            }
        }
        let recall = found_planted as f64 / planted_total as f64;
        let precision = detected_true as f64 / detected_total as f64;
        println!(
            "planted {planted_total}, detected {detected_total}: recall {recall:.3}, \
             precision {precision:.3}"
        );
        assert!(recall >= 0.9, "recall {recall}");
        assert!(precision >= 0.9, "precision {precision}");
    }

    #[test]
    fn unknown_is_never_down_and_short_gaps_are_merged() {
        let per_day = (DAY / STEP) as usize;
        let mut values = vec![Some(1_000.0); 8 * per_day];
        values.extend(vec![None; 12]); // six unknown hours
        values.extend(vec![Some(1_000.0); per_day]);
        values.extend(vec![Some(50.0); 8]); // four hours at 5%,
        values.extend(vec![Some(1_000.0); 4]); // two healthy hours,
        values.extend(vec![Some(300.0); 4]); // two hours at 30%
        values.extend(vec![Some(1_000.0); per_day]);
        let s = series(Signal::Bgp, values);
        let detected = detect(&BaselineSeries::of(&s), &DetectionConfig::default());
        assert_eq!(detected.len(), 1, "{detected:?}");
        let d = &detected[0];
        let first_down = s.from + (9 * per_day + 12) as i64 * STEP;
        assert_eq!(d.start, first_down);
        assert_eq!(d.end, first_down + 16 * STEP);
        assert_eq!(d.min_fraction, 0.05);
        // (8 × 0.05 + 4 × 1 + 4 × 0.3) / 16
        assert!((d.mean_fraction - 5.6 / 16.0).abs() < 1e-9, "{d:?}");
        assert_eq!(d.severity, Severity::Critical);
    }

    #[test]
    fn unknown_steps_do_not_make_a_brief_dip_long_enough() {
        let per_day = (DAY / STEP) as usize;
        let mut values = vec![Some(1_000.0); 8 * per_day];
        values.push(Some(50.0)); // half an hour at 5%,
        values.extend(vec![None; 3]); // an hour and a half unknown,
        values.push(Some(50.0)); // half an hour at 5%: one known hour in all
        values.extend(vec![Some(1_000.0); per_day]);
        let config = DetectionConfig {
            min_duration: 2 * HOUR,
            ..DetectionConfig::default()
        };
        assert!(detect(&BaselineSeries::of(&series(Signal::Bgp, values)), &config).is_empty());
    }

    #[test]
    fn a_shallow_or_brief_dip_is_a_warning_or_nothing() {
        let per_day = (DAY / STEP) as usize;
        let mut values = vec![Some(1_000.0); 8 * per_day];
        values.extend(vec![Some(700.0); 6]);
        values.extend(vec![Some(1_000.0); per_day]);
        values.push(Some(10.0)); // half an hour: shorter than the minimum duration
        values.extend(vec![Some(1_000.0); per_day]);
        let detected = detect(
            &BaselineSeries::of(&series(Signal::Bgp, values)),
            &DetectionConfig::default(),
        );
        assert_eq!(detected.len(), 1, "{detected:?}");
        assert_eq!(detected[0].severity, Severity::Warning);
    }

    #[test]
    fn mean_fraction_over_a_window_counts_known_steps() {
        let per_day = (DAY / STEP) as usize;
        let mut values = vec![Some(100.0); 8 * per_day];
        values.extend(vec![Some(5.0), None, Some(5.0), Some(5.0)]);
        let s = series(Signal::Probing, values);
        let start = s.from + (8 * per_day) as i64 * STEP;
        let b = BaselineSeries::of(&s);
        let (mean, coverage) = mean_fraction(&b, TimeRange::new(start, start + 4 * STEP)).unwrap();
        assert!((mean - 0.05).abs() < 1e-12);
        assert_eq!(coverage, 0.75);
        assert_eq!(mean_fraction(&b, TimeRange::new(0, 10)), None);
    }

    fn event(
        id: &str,
        country: &str,
        start: i64,
        end: i64,
        origin: EventOrigin,
    ) -> DisruptionEvent {
        DisruptionEvent {
            id: id.into(),
            country: country.into(),
            start,
            end,
            title: id.into(),
            scope: "Country".into(),
            cause: None,
            visible_in: vec![],
            place: None,
            kind: crate::model::events::EventKind::Internet,
            origin,
            evidence: vec![Evidence {
                source: format!("{id} source"),
                finding: "f".into(),
                url: None,
                published: None,
                cause_confirmed: None,
            }],
        }
    }

    #[test]
    fn detections_join_the_event_they_overlap() {
        let curated = event("kz-shutdown", "KZ", 100, 500, EventOrigin::Curated);
        let other_country = event("ru", "RU", 100, 500, EventOrigin::IodaVerified);
        let detected = DetectedDisruption {
            country: "KZ".into(),
            datasource: Signal::Probing,
            start: 120,
            end: 480,
            min_fraction: 0.03,
            mean_fraction: 0.06,
            severity: Severity::Critical,
        };
        let later = DetectedDisruption {
            start: 10_000,
            end: 20_000,
            ..detected.clone()
        };
        let incoming = [detected.to_event(), later.to_event(), detected.to_event()];
        let merged = merge_events(&[curated, other_country], &incoming);
        assert_eq!(merged.len(), 3, "{merged:#?}");
        let kz = merged.iter().find(|e| e.id == "kz-shutdown").unwrap();
        assert_eq!(kz.origin, EventOrigin::Curated);
        assert_eq!(kz.visible_in, ["ping-slash24"]);
        assert_eq!(kz.evidence.len(), 2, "the repeat adds nothing");
        assert!(kz.evidence[1]
            .finding
            .contains("lowest 3% of its 7-day baseline"));
        let new = merged.iter().find(|e| e.start == 10_000).unwrap();
        assert_eq!(new.origin, EventOrigin::SignalDetected);
        assert_eq!(new.title, "Connectivity drop in Kazakhstan (ping-slash24)");
        assert_eq!(merged.iter().filter(|e| e.country == "RU").count(), 1);
    }
}
