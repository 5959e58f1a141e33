//! Every word a reader sees: sentences, labels, and numbers and dates as words. The layers
//! below hand over figures and kinds ([`crate::view`]'s stories and data lines, the state's
//! status notes, the analysis's impacts); this layer alone says them, in the page's language
//! ([`catalogue`]: the build's language, compiled in from `static/lang/`).

pub mod catalogue;
pub mod format;
pub mod impact;
pub mod status;
pub mod ui;

pub use format::{format_change, format_day, format_day_span, format_month, with_thousands};
pub use impact::{impact_brief, observed_change};
pub use status::{data_line, status_line, warning};

use crate::analysis::impact::{event_days, ImpactAssessment};
use crate::model::events::{DisruptionEvent, EventKind, EventOrigin};
use crate::model::time::{TimeRange, DAY};
use crate::tr;
use crate::view::disruptions::DisruptionOrder;
use crate::view::story::Story;
use format::country_name;
use impact::impact_sentence;

/// A country's name inside an English sentence: "the United States".
pub(crate) fn in_sentence(country: &str) -> &str {
    if country == "United States" {
        "the United States"
    } else {
        country
    }
}

/// The English possessive of a country's name: "Kazakhstan's", "the United States'".
pub fn possessive(country: &str) -> String {
    let named = in_sentence(country);
    if named.ends_with('s') {
        format!("{named}'")
    } else {
        format!("{named}'s")
    }
}

/// A kind of disruption, for the list's filter and lines.
pub fn kind_name(kind: EventKind) -> &'static str {
    match kind {
        EventKind::Internet => tr!(KindInternet),
        EventKind::Power => tr!(KindPower),
        EventKind::Weather => tr!(KindWeather),
        EventKind::Policy => tr!(KindPolicy),
    }
}

/// An order of the list.
pub fn order_name(order: DisruptionOrder) -> &'static str {
    match order {
        DisruptionOrder::Time => tr!(OrderTime),
        DisruptionOrder::ObservedImpact => tr!(OrderImpact),
    }
}

/// An event's title: the source's own for a curated event (quoted as published), ours, in the
/// page's language, for those IODA and our detector found.
pub fn event_title(event: &DisruptionEvent) -> String {
    let country = &country_name(&event.country);
    match event.origin {
        EventOrigin::Curated => event.title.clone(),
        EventOrigin::IodaVerified => tr!(TitleIodaOutage, country = country),
        EventOrigin::IodaDetected => tr!(TitleIodaDetected, country = country),
        EventOrigin::SignalDetected => {
            let signal = event.visible_in.first().map_or("", String::as_str);
            tr!(TitleSignalDrop, country = country, signal = signal)
        }
    }
}

/// Where an event happened: "Texas, United States", "Kazakhstan".
pub fn event_place(event: &DisruptionEvent) -> String {
    let country = &country_name(&event.country);
    match (ui::named_scope(event, "Region"), event.scope.as_str()) {
        (Some(region), _) => tr!(PlaceRegion, region = region, country = country),
        (None, "Country") => country.to_owned(),
        (None, _) => tr!(PlaceScope, country = country, scope = &ui::scope(event)),
    }
}

/// A disruption in the list: kind, place, days and, when measured, the hash rate's change.
pub fn disruption_line(event: &DisruptionEvent, impact: Option<&ImpactAssessment>) -> String {
    let (kind, place) = (kind_name(event.kind), &event_place(event));
    let days = &format_day_span(event_days(event.start, event.end));
    match impact {
        Some(impact) => tr!(
            DisruptionLineImpact,
            kind = kind,
            place = place,
            days = days,
            change = &observed_change(&impact.observed)
        ),
        None => tr!(DisruptionLine, kind = kind, place = place, days = days),
    }
}

/// Where the list stands: "Disruption 12 of 170", "170 disruptions".
pub fn list_position(position: Option<usize>, total: usize) -> String {
    match (position, total) {
        (_, 0) => tr!(NoDisruptionMatches).into(),
        (Some(i), _) => tr!(DisruptionOf, position = i + 1, total = total),
        (None, _) => tr!(DisruptionCount, n = total),
    }
}

/// Two sentences, one after the other (with a space, or none in Chinese).
pub fn sentences(first: &str, second: &str) -> String {
    tr!(TwoSentences, first = first, second = second)
}

/// A disruption named with its place: "A ban (China)".
fn named_place(event: &DisruptionEvent) -> String {
    tr!(
        NamedPlace,
        title = &event_title(event),
        place = &event_place(event)
    )
}

/// The takeaway: the story of the view in a sentence or three.
pub fn takeaway(story: &Story) -> String {
    match story {
        Story::Loading => tr!(LoadingTheData).into(),
        Story::Disruption {
            event,
            country,
            days,
            impact,
            concurrent,
        } => {
            let what = tr!(
                WhatWhen,
                title = &event_title(event),
                days = &format_day_span(*days)
            );
            let told = match impact {
                Some(impact) => sentences(&what, &impact_sentence(impact, country.code)),
                None => sentences(&what, tr!(NotMeasured)),
            };
            let named: Vec<String> = concurrent.iter().map(named_place).collect();
            let also = match named.as_slice() {
                [] => return told,
                [one] => tr!(AlsoOne, one = one),
                [one, two] => tr!(AlsoTwo, one = one, two = two),
                [one, two, rest @ ..] => tr!(AlsoMany, one = one, two = two, n = rest.len()),
            };
            sentences(&told, &also)
        }
        Story::NoCatalogue { country } => tr!(NoCatalogue, country = &country_name(country.code)),
        Story::Quiet {
            country,
            range,
            latest,
        } => {
            // The whole days the range touches.
            let days = TimeRange::new(
                range.start.div_euclid(DAY) * DAY,
                (range.end - 1).div_euclid(DAY) * DAY + DAY,
            );
            let quiet = tr!(
                Quiet,
                country = &country_name(country.code),
                days = &format_day_span(days)
            );
            match latest {
                Some(e) => {
                    let days = &format_day_span(event_days(e.start, e.end));
                    let recent = tr!(
                        MostRecent,
                        title = &event_title(e),
                        place = &event_place(e),
                        days = days
                    );
                    sentences(&quiet, &recent)
                }
                None => quiet,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::hash_rate::{BlockBasis, HashRateEstimate};
    use crate::analysis::impact::{verdict, ExpectedChange, ObservedChange, RegionLoss};
    use crate::analysis::poisson::Interval;
    use crate::model::region::country_by_code;
    use crate::model::time::{parse_date, UnixSeconds};
    use crate::state::SourceProblem;
    use crate::view::data_line::{Freshness, Warning};

    fn date(s: &str) -> UnixSeconds {
        parse_date(s).unwrap()
    }

    fn estimate(range: TimeRange) -> HashRateEstimate {
        HashRateEstimate {
            range,
            seconds: range.span(),
            blocks: 144.0,
            work: 1.0,
            hash_rate: 1.0,
            interval: Interval {
                low: 0.9,
                high: 1.1,
            },
            basis: BlockBasis::Counted,
        }
    }

    fn impact(change: f64, low: f64, high: f64, expected: Option<f64>) -> ImpactAssessment {
        let days = TimeRange::new(date("2022-01-05"), date("2022-01-11"));
        let observed = ObservedChange {
            window: estimate(days),
            baseline: estimate(TimeRange::new(days.start - 14 * DAY, days.start)),
            change,
            interval: Interval { low, high },
        };
        let expected = expected.map(|change| ExpectedChange {
            change,
            full_outage_bound: true,
            mining_stopped: false,
            nearest_month: false,
            regions: vec![RegionLoss {
                code: "KZ".into(),
                name: "Kazakhstan".into(),
                share: 0.1322,
                share_month: date("2022-01-01"),
                connectivity: None,
                loss: 0.1322,
            }],
            share_source: "CBECI".into(),
        });
        ImpactAssessment {
            verdict: verdict(&observed, expected.as_ref()),
            expected,
            observed,
        }
    }

    fn story(impact: Option<ImpactAssessment>) -> Story {
        let mut event =
            crate::model::test_support::event("kz", date("2022-01-05"), date("2022-01-11"));
        event.title = "Nationwide internet shutdown in Kazakhstan".into();
        Story::Disruption {
            event: Box::new(event),
            country: &crate::model::region::KAZAKHSTAN,
            days: TimeRange::new(date("2022-01-05"), date("2022-01-11")),
            impact: impact.map(Box::new),
            concurrent: vec![],
        }
    }

    #[test]
    fn the_narrowed_connectivity_chip_says_the_span_fetched() {
        use crate::fetching::plan::MAX_LIVE_SPAN;
        use crate::model::time::DAY;
        let chip = status::connectivity_narrowed();
        assert!(chip.contains(&format!(" {} days", MAX_LIVE_SPAN / DAY)));
    }

    #[test]
    fn the_kazakhstan_takeaway_says_what_the_interval_supports() {
        let text = takeaway(&story(Some(impact(-0.012, -0.089, 0.070, Some(-0.1322)))));
        assert_eq!(
            text,
            "Nationwide internet shutdown in Kazakhstan, 5–10 Jan 2022. Bitcoin's hash rate \
             changed −1.2% (95% interval −8.9% to +7.0%): less of a drop than the −13.2% \
             expected if Kazakhstan's miners (13.2% of the hash rate in Jan 2022) had gone \
             offline."
        );
    }

    #[test]
    fn every_verdict_has_its_own_words() {
        let cases = [
            (impact(-0.15, -0.2, -0.1, Some(-0.13)), "fell 15.0% (95% interval −20.0% to −10.0%), consistent with the −13.0% expected"),
            (impact(-0.05, -0.08, -0.02, Some(-0.13)), "fell 5.0% (95% interval −8.0% to −2.0%), less than the −13.0%"),
            (impact(-0.30, -0.35, -0.25, Some(-0.13)), "fell 30.0% (95% interval −35.0% to −25.0%), more than the −13.0%"),
            (impact(-0.30, -0.35, -0.25, None), "fell 30.0% (95% interval −35.0% to −25.0%)."),
            (impact(0.10, 0.05, 0.15, None), "rose 10.0% (95% interval +5.0% to +15.0%)."),
            (impact(-0.05, -0.15, 0.05, Some(-0.13)), "changed −5.0% (95% interval −15.0% to +5.0%): within chance variation, and the −13.0% expected"),
            (impact(-0.05, -0.15, 0.05, None), "changed −5.0% (95% interval −15.0% to +5.0%): within the chance variation of block discovery."),
            (impact(0.001, -0.07, 0.076, Some(-0.0004)), "changed +0.1% (95% interval −7.0% to +7.6%): within chance variation, as expected from Kazakhstan's share (13.2% of the hash rate in Jan 2022)."),
        ];
        for (impact, words) in cases {
            let text = takeaway(&story(Some(impact)));
            assert!(text.contains(words), "{text}");
        }
    }

    #[test]
    fn nothing_expected_because_little_connectivity_was_lost_says_so() {
        let mut held = impact(0.001, -0.07, 0.076, Some(-0.0004));
        if let Some(expected) = held.expected.as_mut() {
            expected.full_outage_bound = false;
        }
        let text = takeaway(&story(Some(held)));
        assert!(
            text.contains("as expected from Kazakhstan's share (13.2% of the hash rate in Jan 2022) and the little connectivity it lost."),
            "{text}"
        );
    }

    #[test]
    fn counts_not_counted_on_the_chain_are_said_to_be() {
        let mut implied = impact(-0.012, -0.089, 0.070, Some(-0.1322));
        implied.observed.window.basis = BlockBasis::ImpliedByDifficulty;
        let text = takeaway(&story(Some(implied)));
        assert!(
            text.ends_with(
                "had gone offline (block counts implied by the source's hash rate and the \
                 difficulty)."
            ),
            "{text}"
        );
    }

    #[test]
    fn the_tooltip_gives_the_impact_in_brief() {
        let impact = impact(-0.012, -0.089, 0.070, Some(-0.1322));
        assert_eq!(
            impact_brief(&impact, true),
            "Hash rate −1.2% (95% interval −8.9% to +7.0%); expected −13.2% at most."
        );
        assert!(impact_brief(&impact, false)
            .ends_with("at most. The data do not show a network-wide drop of that size."));
    }

    #[test]
    fn without_chain_data_or_events_it_says_so() {
        let text = takeaway(&story(None));
        assert!(
            text.ends_with("so what it did to the hash rate is not measured here."),
            "{text}"
        );
        let range = TimeRange::new(date("2021-12-12"), date("2022-01-15"));
        let quiet = takeaway(&Story::Quiet {
            country: country_by_code("IR").unwrap(),
            range,
            latest: None,
        });
        assert_eq!(
            quiet,
            "No disruption on record in Iran for 12 Dec 2021 – 14 Jan 2022."
        );
        let november = TimeRange::new(date("2026-11-01"), date("2026-12-01"));
        assert_eq!(
            takeaway(&Story::Quiet {
                country: country_by_code("US").unwrap(),
                range: november,
                latest: None,
            }),
            "No disruption on record in the United States for 1–30 Nov 2026."
        );
        let mut latest =
            crate::model::test_support::event("kz", date("2022-01-05"), date("2022-01-07"));
        latest.title = "Nationwide internet shutdown".into();
        let quiet = takeaway(&Story::Quiet {
            country: country_by_code("IR").unwrap(),
            range,
            latest: Some(latest),
        });
        assert_eq!(
            quiet,
            "No disruption on record in Iran for 12 Dec 2021 – 14 Jan 2022. The most recent \
             before: Nationwide internet shutdown (Kazakhstan, 5–6 Jan 2022)."
        );
    }

    #[test]
    fn the_data_line_is_short() {
        let snapshot = Some(date("2026-11-24"));
        assert_eq!(
            data_line(Freshness::Offline { snapshot }),
            "Offline: bundled snapshot of 24 Nov 2026"
        );
        assert_eq!(
            data_line(Freshness::Updating { snapshot }),
            "Bundled snapshot of 24 Nov 2026 · checking live sources…"
        );
        assert_eq!(
            data_line(Freshness::Live { live: 4, of: 4 }),
            "Live data from all 4 sources"
        );
        assert_eq!(
            data_line(Freshness::Live { live: 3, of: 4 }),
            "Live data from 3 of 4 sources"
        );
        assert_eq!(
            data_line(Freshness::Offline { snapshot: None }),
            "Offline: no bundled data"
        );
        assert_eq!(
            data_line(Freshness::Covered { snapshot, live: 1 }),
            "Bundled snapshot of 24 Nov 2026 for this view · live data from 1 source"
        );
        assert_eq!(
            data_line(Freshness::Covered { snapshot, live: 0 }),
            "Bundled snapshot of 24 Nov 2026, which covers this view"
        );
        let chip = Warning {
            source: crate::model::source::StatusSource::Live(crate::model::source::SourceId::Ioda),
            problem: SourceProblem::Unreachable,
        };
        assert_eq!(warning(&chip), "IODA unreachable");
    }

    #[test]
    fn a_disruption_line_says_kind_place_days_and_the_measured_change() {
        let mut storm =
            crate::model::test_support::event("uri", date("2021-02-11"), date("2021-02-20"));
        storm.country = "US".into();
        storm.scope = "Region (Texas)".into();
        storm.kind = EventKind::Weather;
        assert_eq!(
            disruption_line(&storm, None),
            "Weather or disaster · Texas, United States · 11–19 Feb 2021"
        );
        let measured = impact(-0.032, -0.09, 0.03, None);
        assert_eq!(
            disruption_line(&storm, Some(&measured)),
            "Weather or disaster · Texas, United States · 11–19 Feb 2021 · hash rate −3.2% \
             (95% interval −9.0% to +3.0%)"
        );
        storm.scope = "AS (4538)".into();
        assert_eq!(event_place(&storm), "United States, AS (4538)");
        storm.scope = "Country".into();
        storm.country = "XX".into();
        assert_eq!(event_place(&storm), "XX");
    }

    #[test]
    fn iodas_verified_outages_read_in_english_as_the_catalogue_has_them() {
        // The widget writes their titles, scopes and findings in the page's language from the
        // catalogue's fields; in English that is the catalogue's own sentence, word for word.
        let text = std::fs::read_to_string("static/data/events.json").unwrap();
        let catalogue = crate::model::snapshot::parse_event_catalogue(&text).unwrap();
        let verified: Vec<_> = (catalogue.events.iter())
            .filter(|e| e.origin == EventOrigin::IodaVerified)
            .collect();
        assert!(verified.len() > 100, "{}", verified.len());
        for event in &verified {
            assert_eq!(event_title(event), event.title);
            for evidence in &event.evidence {
                assert_eq!(
                    ui::finding(event, evidence),
                    evidence.finding,
                    "{}",
                    event.id
                );
            }
        }
        let by_status = |status| {
            verified
                .iter()
                .filter(move |e| e.evidence[0].cause_confirmed == status)
        };
        assert!(by_status(Some(true)).count() > 0 && by_status(Some(false)).count() > 0);
        assert!(
            by_status(None).count() > 0,
            "rows without a status are read too"
        );
        // Scopes: a region and a network keep their names inside the page's words.
        let mut event = verified[0].clone();
        event.scope = "Region (Sakha (Yakutia))".into();
        assert_eq!(ui::scope(&event), "Region (Sakha (Yakutia))");
        event.scope = "AS (4134)".into();
        assert_eq!(ui::scope(&event), "AS (4134)");
        event.scope = "Mobile networks".into();
        assert_eq!(ui::scope(&event), "Mobile networks");
    }

    #[test]
    fn owners_are_written_as_english_does() {
        assert_eq!(possessive("Kazakhstan"), "Kazakhstan's");
        assert_eq!(possessive("United States"), "the United States'");
    }

    #[test]
    fn the_list_position_counts_from_one() {
        assert_eq!(list_position(Some(11), 170), "Disruption 12 of 170");
        assert_eq!(list_position(None, 170), "170 disruptions");
        assert_eq!(list_position(None, 1), "1 disruption");
        assert_eq!(list_position(None, 0), "No disruption matches");
    }

    #[test]
    fn the_takeaway_names_the_other_disruptions_of_those_weeks() {
        let with = |names: &[&str]| {
            let Story::Disruption {
                event,
                country,
                days,
                impact,
                ..
            } = story(None)
            else {
                unreachable!()
            };
            takeaway(&Story::Disruption {
                event,
                country,
                days,
                impact,
                concurrent: names
                    .iter()
                    .map(|n| DisruptionEvent {
                        title: (*n).to_owned(),
                        country: "CN".into(),
                        ..crate::model::test_support::event("e", 0, 1)
                    })
                    .collect(),
            })
        };
        let alone = with(&[]);
        assert!(!alone.contains("Also"));
        assert!(with(&["A ban"]).ends_with(" Also in these weeks: A ban (China)."));
        assert!(with(&["A", "B"]).ends_with(" Also in these weeks: A (China) and B (China)."));
        assert!(with(&["A", "B", "C", "D"])
            .ends_with(" Also in these weeks: A (China), B (China) and 2 other disruptions."));
    }
}
