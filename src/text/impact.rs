//! The impact of a disruption in words: what was expected, what was observed, how sure that
//! is, and the verdict.

use super::format::{
    country_name, format_change, format_day_span, format_month, format_share, percent,
    tenths_of_percent,
};
use crate::analysis::hash_rate::BlockBasis;
use crate::analysis::impact::{
    Comparison, ExpectedChange, ImpactAssessment, ObservedChange, Verdict,
};
use crate::analysis::status::StatusReading;
use crate::tr;

/// What a window's block count rests on, when it is not counted on the chain.
pub fn basis_text(basis: BlockBasis) -> &'static str {
    match basis {
        BlockBasis::Counted => tr!(BasisCounted),
        BlockBasis::ImpliedByDifficulty => tr!(BasisImplied),
        BlockBasis::Assumed => tr!(BasisAssumed),
    }
}

/// A country's connectivity status with the reading behind it: "disrupted (ping-slash24 at 12%
/// of usual)".
pub fn status_reading(reading: &StatusReading) -> String {
    let status = super::ui::status_name(reading.status);
    match &reading.reading {
        Some((signal, fraction)) => tr!(
            ReadingSignal,
            status = status,
            signal = signal.as_str(),
            percent = &percent(*fraction, 0)
        ),
        None => tr!(ReadingNone, status = status),
    }
}

fn expected_share(expected: &ExpectedChange) -> String {
    let share = &format_share(expected.regions.iter().map(|r| r.share).sum());
    match expected.regions.first() {
        Some(r) => tr!(
            ShareOfHashRateIn,
            share = share,
            month = &format_month(r.share_month)
        ),
        None => tr!(ShareOfHashRate, share = share),
    }
}

fn expected_clause(expected: &ExpectedChange, country: &str) -> String {
    let (share, change) = (&expected_share(expected), &format_change(expected.change));
    if expected.full_outage_bound {
        tr!(
            ExpectedIfOffline,
            change = change,
            country = country,
            share = share
        )
    } else {
        tr!(
            ExpectedFromShare,
            change = change,
            country = country,
            share = share
        )
    }
}

fn magnitude(change: f64) -> String {
    let unsigned = format_change(change.abs());
    unsigned
        .strip_prefix('+')
        .map(str::to_owned)
        .unwrap_or(unsigned)
}

fn interval(observed: &ObservedChange) -> String {
    tr!(
        Interval,
        low = &format_change(observed.interval.low),
        high = &format_change(observed.interval.high)
    )
}

/// The observed change with its interval: "−1.2% (95% interval −8.9% to +7.0%)".
pub fn observed_change(observed: &ObservedChange) -> String {
    tr!(
        ChangeWithInterval,
        change = &format_change(observed.change),
        interval = &interval(observed)
    )
}

/// The impact in one sentence: what the hash rate did, against what was expected, and what
/// the counts rest on. `country` is the country's ISO code.
pub fn impact_sentence(impact: &ImpactAssessment, country: &str) -> String {
    let country = &country_name(country);
    let observed = &impact.observed;
    let interval = &interval(observed);
    let what = &match impact.verdict {
        Verdict::Drop(_) => tr!(
            Fell,
            change = &magnitude(observed.change),
            interval = interval
        ),
        Verdict::Rise => tr!(
            Rose,
            change = &magnitude(observed.change),
            interval = interval
        ),
        Verdict::NoDropOfExpectedSize | Verdict::WithinNoise => tr!(
            Changed,
            change = &format_change(observed.change),
            interval = interval
        ),
    };
    let expected = impact.expected.as_ref();
    let clause = expected.map(|e| expected_clause(e, country));
    let sentence = match (impact.verdict, &clause) {
        (Verdict::Drop(Some(Comparison::AsExpected)), Some(e)) => {
            tr!(ConsistentWith, observed = what, expected = e)
        }
        (Verdict::Drop(Some(Comparison::Smaller)), Some(e)) => {
            tr!(LessThan, observed = what, expected = e)
        }
        (Verdict::Drop(Some(Comparison::Larger)), Some(e)) => {
            tr!(MoreThan, observed = what, expected = e)
        }
        (Verdict::NoDropOfExpectedSize, Some(e)) => tr!(LessOfADrop, observed = what, expected = e),
        // Too small a share, or too little connectivity lost, to expect a change that shows.
        (Verdict::WithinNoise, Some(_))
            if expected.is_some_and(|e| tenths_of_percent(e.change) == 0.0) =>
        {
            let share = &expected.map(expected_share).unwrap_or_default();
            if expected.is_some_and(|e| e.full_outage_bound) {
                tr!(
                    AsExpectedFromShare,
                    observed = what,
                    country = country,
                    share = share
                )
            } else {
                tr!(
                    AsExpectedFromShareLost,
                    observed = what,
                    country = country,
                    share = share
                )
            }
        }
        (Verdict::WithinNoise, Some(e)) => tr!(NotRuledOut, observed = what, expected = e),
        (Verdict::WithinNoise, None) => tr!(WithinNoise, observed = what),
        _ => what.clone(),
    };
    let basis = observed.window.basis.max(observed.baseline.basis);
    if basis == BlockBasis::Counted {
        tr!(Sentence, sentence = &sentence)
    } else {
        tr!(
            SentenceWithCaveat,
            sentence = &sentence,
            caveat = basis_text(basis)
        )
    }
}

/// The impact in brief, for the chart's tooltip: the change, what was expected, and (unless
/// `compact`) the verdict.
pub fn impact_brief(impact: &ImpactAssessment, compact: bool) -> String {
    let observed = &observed_change(&impact.observed);
    let brief = match &impact.expected {
        Some(e) if e.full_outage_bound => {
            tr!(
                ImpactBriefAtMost,
                observed = observed,
                expected = &format_change(e.change)
            )
        }
        Some(e) => tr!(
            ImpactBriefExpected,
            observed = observed,
            expected = &format_change(e.change)
        ),
        None => tr!(ImpactBrief, observed = observed),
    };
    if compact {
        brief
    } else {
        super::sentences(&brief, verdict_sentence(impact.verdict))
    }
}

/// What was expected, region by region, and whether it is a bound.
pub fn expected_sentence(expected: &ExpectedChange) -> String {
    let regions: Vec<String> = expected
        .regions
        .iter()
        .map(|r| {
            let (country, share, month) = (
                &country_name(&r.code),
                &format_share(r.share),
                &format_month(r.share_month),
            );
            let source = &expected.share_source;
            let region = &if expected.nearest_month {
                tr!(
                    RegionShareNearest,
                    country = country,
                    share = share,
                    month = month,
                    source = source
                )
            } else {
                tr!(
                    RegionShare,
                    country = country,
                    share = share,
                    month = month,
                    source = source
                )
            };
            match &r.connectivity {
                Some(c) => tr!(
                    KeptConnectivity,
                    region = region,
                    percent = &percent(c.fraction, 0),
                    signal = c.signal.as_str()
                ),
                None if expected.mining_stopped => tr!(AllStopped, region = region),
                None => tr!(LostAll, region = region),
            }
        })
        .collect();
    let (regions, change) = (&regions.join(tr!(AndIn)), &format_change(expected.change));
    match (expected.full_outage_bound, expected.mining_stopped) {
        (true, true) => tr!(ExpectedBoundStopped, regions = regions, change = change),
        (true, false) => tr!(ExpectedBoundOutage, regions = regions, change = change),
        (false, _) => tr!(ExpectedSentence, regions = regions, change = change),
    }
}

/// What was observed: the window against its baseline, the change and its interval.
pub fn observed_sentence(observed: &ObservedChange) -> String {
    let basis = observed.window.basis.max(observed.baseline.basis);
    let (window, baseline) = (
        &format_day_span(observed.window.range),
        &format_day_span(observed.baseline.range),
    );
    let (change, low, high) = (
        &format_change(observed.change),
        &format_change(observed.interval.low),
        &format_change(observed.interval.high),
    );
    if basis == BlockBasis::Counted {
        tr!(
            ObservedSentence,
            window = window,
            baseline = baseline,
            change = change,
            low = low,
            high = high
        )
    } else {
        tr!(
            ObservedSentenceBasis,
            window = window,
            baseline = baseline,
            change = change,
            low = low,
            high = high,
            basis = basis_text(basis)
        )
    }
}

/// The verdict in a sentence.
pub fn verdict_sentence(verdict: Verdict) -> &'static str {
    match verdict {
        Verdict::Drop(Some(Comparison::AsExpected)) => tr!(VerdictAsExpected),
        Verdict::Drop(Some(Comparison::Smaller)) => tr!(VerdictSmaller),
        Verdict::Drop(Some(Comparison::Larger)) => tr!(VerdictLarger),
        Verdict::Drop(None) => tr!(VerdictDrop),
        Verdict::Rise => tr!(VerdictRise),
        Verdict::NoDropOfExpectedSize => tr!(VerdictNotOfThatSize),
        Verdict::WithinNoise => tr!(VerdictWithinNoise),
    }
}

/// Expected, observed and the verdict, for the impact panel.
pub fn assessment_sentence(impact: &ImpactAssessment) -> String {
    let observed = super::sentences(
        &observed_sentence(&impact.observed),
        verdict_sentence(impact.verdict),
    );
    match &impact.expected {
        Some(expected) => super::sentences(&expected_sentence(expected), &observed),
        None => observed,
    }
}
