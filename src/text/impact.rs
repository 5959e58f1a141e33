//! The impact of a disruption in words: what was expected, what was observed, how sure that
//! is, and the verdict.

use super::format::{
    format_change, format_day_span, format_month, format_share, tenths_of_percent,
};
use super::possessive;
use crate::analysis::hash_rate::BlockBasis;
use crate::analysis::impact::{
    Comparison, ExpectedChange, ImpactAssessment, ObservedChange, Verdict,
};
use crate::analysis::status::StatusReading;

/// What an interval rests on, for captions and tooltips.
pub fn basis_text(basis: BlockBasis) -> &'static str {
    match basis {
        BlockBasis::Counted => "blocks counted on the chain",
        BlockBasis::ImpliedByDifficulty => {
            "block counts implied by the source's hash rate and the difficulty"
        }
        BlockBasis::Assumed => {
            "difficulty unknown, so 144 blocks a day assumed (the interval is approximate)"
        }
    }
}

/// "disrupted (ping-slash24 at 5% of usual)" or "unknown (no signal value then)".
pub fn status_reading(reading: &StatusReading) -> String {
    match &reading.reading {
        Some((signal, fraction)) => format!(
            "{} ({signal} at {:.0}% of usual)",
            super::ui::status_name(reading.status),
            fraction * 100.0
        ),
        None => format!(
            "{} (no signal value then)",
            super::ui::status_name(reading.status)
        ),
    }
}

/// The share of the hash rate the expected change rests on: "13.2% of the hash rate in Jan
/// 2022".
fn expected_share(expected: &ExpectedChange) -> String {
    let share: f64 = expected.regions.iter().map(|r| r.share).sum();
    let month = expected.regions.first().map_or(String::new(), |r| {
        format!(" in {}", format_month(r.share_month))
    });
    format!("{} of the hash rate{month}", format_share(share))
}

/// "the −13.2% expected if Kazakhstan's miners (13.2% of the hash rate in Jan 2022) had gone
/// offline", or, with connectivity measured, "… expected from Kazakhstan's share (13.2% of the
/// hash rate in Jan 2022) and the connectivity it lost".
fn expected_clause(expected: &ExpectedChange, country: &str) -> String {
    let share = expected_share(expected);
    let change = format_change(expected.change);
    if expected.full_outage_bound {
        format!(
            "the {change} expected if {} miners ({share}) had gone offline",
            possessive(country)
        )
    } else {
        format!(
            "the {change} expected from {} share ({share}) and the connectivity it lost",
            possessive(country)
        )
    }
}

/// A change's size without its sign, for "fell 15.0%" and "rose 10.0%".
fn magnitude(change: f64) -> String {
    format_change(change.abs())
        .trim_start_matches('+')
        .to_owned()
}

/// An observed change's 95% interval: "(95% interval −8.9% to +7.0%)".
fn interval(observed: &ObservedChange) -> String {
    format!(
        "(95% interval {} to {})",
        format_change(observed.interval.low),
        format_change(observed.interval.high)
    )
}

/// An observed change with its 95% interval: "−1.2% (95% interval −8.9% to +7.0%)", as the
/// tooltip, the disruptions list and the impact panel's figures give it.
pub fn observed_change(observed: &ObservedChange) -> String {
    format!("{} {}", format_change(observed.change), interval(observed))
}

/// What the hash rate did, and how that compares with the expected change: never more than
/// the 95% interval supports. Counts implied or assumed rather than counted on the chain are
/// said to be.
pub fn impact_sentence(impact: &ImpactAssessment, country: &str) -> String {
    let observed = &impact.observed;
    let interval = interval(observed);
    let what = match impact.verdict {
        Verdict::Drop(_) => format!("fell {} {interval}", magnitude(observed.change)),
        Verdict::Rise => format!("rose {} {interval}", magnitude(observed.change)),
        Verdict::NoDropOfExpectedSize | Verdict::WithinNoise => {
            format!("changed {} {interval}", format_change(observed.change))
        }
    };
    let expected = impact
        .expected
        .as_ref()
        .map(|e| expected_clause(e, country));
    let comparison = match (impact.verdict, &expected) {
        (Verdict::Drop(Some(Comparison::AsExpected)), Some(e)) => format!(", consistent with {e}"),
        (Verdict::Drop(Some(Comparison::Smaller)), Some(e)) => format!(", less than {e}"),
        (Verdict::Drop(Some(Comparison::Larger)), Some(e)) => format!(", more than {e}"),
        (Verdict::NoDropOfExpectedSize, Some(e)) => format!(": less of a drop than {e}"),
        // Too small a share, or too little connectivity lost, to expect a change that shows.
        (Verdict::WithinNoise, Some(_))
            if (impact.expected.as_ref()).is_some_and(|e| tenths_of_percent(e.change) == 0.0) =>
        {
            let expected = impact.expected.as_ref();
            let share = expected.map(expected_share).unwrap_or_default();
            let lost = if expected.is_some_and(|e| e.full_outage_bound) {
                ""
            } else {
                " and the little connectivity it lost"
            };
            format!(
                ": within chance variation, as expected from {} share ({share}){lost}",
                possessive(country),
            )
        }
        (Verdict::WithinNoise, Some(e)) => {
            format!(": within chance variation, and {e} cannot be ruled out")
        }
        (Verdict::WithinNoise, None) => ": within the chance variation of block discovery".into(),
        _ => String::new(),
    };
    let basis = observed.window.basis.max(observed.baseline.basis);
    let caveat = if basis == BlockBasis::Counted {
        String::new()
    } else {
        format!(" ({})", basis_text(basis))
    };
    format!("Bitcoin's hash rate {what}{comparison}{caveat}.")
}

/// The impact in brief, for a tooltip: "Hash rate −1.2% (95% interval −8.9% to +7.0%);
/// expected −13.2% at most." and, unless `compact`, the verdict.
pub fn impact_brief(impact: &ImpactAssessment, compact: bool) -> String {
    let observed = &impact.observed;
    let expected = impact.expected.as_ref().map_or(String::new(), |e| {
        let bound = if e.full_outage_bound { " at most" } else { "" };
        format!("; expected {}{bound}", format_change(e.change))
    });
    let brief = format!("Hash rate {}{expected}.", observed_change(observed));
    if compact {
        brief
    } else {
        format!("{brief} {}", verdict_sentence(impact.verdict))
    }
}

/// "Expected if miners in Kazakhstan (13.2% of the hash rate in Jan 2022, estimate by CBECI)
/// kept 5% of their connectivity (IODA ping-slash24): −12.6%.", or, with connectivity unknown, the
/// full-outage bound, said to be one.
pub fn expected_sentence(expected: &ExpectedChange) -> String {
    let regions: Vec<String> = expected
        .regions
        .iter()
        .map(|r| {
            let nearest = if expected.nearest_month {
                ", the nearest month published"
            } else {
                ""
            };
            let share = format!(
                "{} ({} of the hash rate in {}{nearest}, estimate by {})",
                r.name,
                format_share(r.share),
                format_month(r.share_month),
                expected.share_source,
            );
            match &r.connectivity {
                Some(c) => format!(
                    "{share} kept {:.0}% of their connectivity (IODA {})",
                    c.fraction * 100.0,
                    c.signal
                ),
                None if expected.mining_stopped => format!("{share} had all stopped"),
                None => format!("{share} lost all connectivity"),
            }
        })
        .collect();
    let bound = match (expected.full_outage_bound, expected.mining_stopped) {
        (true, true) => " (a bound: how much of it stopped is not measured)",
        (true, false) => " (a bound: a full outage is assumed where connectivity is not measured)",
        (false, _) => "",
    };
    format!(
        "Expected if miners in {}: {}{bound}.",
        regions.join(" and in "),
        format_change(expected.change)
    )
}

/// "Observed 5–10 Jan 2022 against 22 Dec 2021 – 4 Jan 2022: −1.2% (95% interval −8.9% to
/// +7.0%)."
pub fn observed_sentence(observed: &ObservedChange) -> String {
    let basis = observed.window.basis.max(observed.baseline.basis);
    let note = if basis == BlockBasis::Counted {
        String::new()
    } else {
        format!(" ({})", basis_text(basis))
    };
    format!(
        "Observed {} against {}: {} (95% interval {} to {}){note}.",
        format_day_span(observed.window.range),
        format_day_span(observed.baseline.range),
        format_change(observed.change),
        format_change(observed.interval.low),
        format_change(observed.interval.high),
    )
}

/// The verdict in plain words.
pub fn verdict_sentence(verdict: Verdict) -> &'static str {
    match verdict {
        Verdict::Drop(Some(Comparison::AsExpected)) => {
            "The data show a network-wide drop of about the expected size."
        }
        Verdict::Drop(Some(Comparison::Smaller)) => {
            "The data show a network-wide drop, smaller than expected."
        }
        Verdict::Drop(Some(Comparison::Larger)) => {
            "The data show a network-wide drop larger than expected; more than this region \
             was affected."
        }
        Verdict::Drop(None) => "The data show a network-wide drop.",
        Verdict::Rise => "The network's hash rate rose over the window.",
        Verdict::NoDropOfExpectedSize => "The data do not show a network-wide drop of that size.",
        Verdict::WithinNoise => {
            "The change is within the chance variation of block discovery: not a measured \
             drop."
        }
    }
}

/// The whole assessment in plain words: expected, observed, verdict.
pub fn assessment_sentence(impact: &ImpactAssessment) -> String {
    let mut parts = Vec::new();
    parts.extend(impact.expected.as_ref().map(expected_sentence));
    parts.push(observed_sentence(&impact.observed));
    parts.push(verdict_sentence(impact.verdict).to_owned());
    parts.join(" ")
}
