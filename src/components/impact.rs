//! The impact panel, folded under the chart: for the selected disruption, the expected and
//! observed change in the network's hash rate, the verdict, the figures behind them, the
//! method, and the event's evidence with its sources. The takeaway tells the story; this is
//! where a reader checks it.

use web_sys::{HtmlDetailsElement, HtmlSelectElement};
use yew::prelude::*;

use crate::analysis::hash_rate::HashRateEstimate;
use crate::analysis::impact::ImpactAssessment;
use crate::model::events::{DisruptionEvent, EventOrigin};
use crate::model::time::format_date_time;
use crate::model::units::hashes_to_exahash;
use crate::text::impact::assessment_sentence;
use crate::text::observed_change;
use crate::text::{format_change, format_day_span, with_thousands};

/// Properties of [`ImpactPanel`].
#[derive(Properties, PartialEq)]
pub struct ImpactPanelProps {
    /// Events the reader can choose from (the focus country's, in view).
    pub events: Vec<DisruptionEvent>,
    /// The selected event.
    pub selected: Option<DisruptionEvent>,
    /// Its assessment, when the chain data cover it.
    pub impact: Option<ImpactAssessment>,
    /// Called with the id of the event the reader picks.
    pub on_select: Callback<String>,
}

/// How an event entered the catalogue, in words.
fn origin_words(origin: EventOrigin) -> &'static str {
    match origin {
        EventOrigin::IodaVerified => "IODA verified outage",
        EventOrigin::IodaDetected => "detected by IODA",
        EventOrigin::SignalDetected => "detected in IODA signals",
        EventOrigin::Curated => "curated from public reports",
    }
}

/// The figures behind the sentence, as a definition list.
fn figures(impact: &ImpactAssessment) -> Html {
    let observed = &impact.observed;
    let estimate = |label: &str, e: &HashRateEstimate| {
        html! {
            <>
                <dt>{ format!("{label}, {}", format_day_span(e.range)) }</dt>
                <dd>{ format!(
                    "{:.1} EH/s (95% interval {:.1}–{:.1}), from {} blocks",
                    hashes_to_exahash(e.hash_rate),
                    hashes_to_exahash(e.interval.low),
                    hashes_to_exahash(e.interval.high),
                    with_thousands(e.blocks.round() as usize),
                ) }</dd>
            </>
        }
    };
    html! {
        <dl class="impact-figures">
            if let Some(expected) = &impact.expected {
                <dt>{ "Expected change" }</dt>
                <dd data-figure="expected">{ format_change(expected.change) }</dd>
            }
            <dt>{ "Observed change" }</dt>
            <dd data-figure="observed">{ observed_change(observed) }</dd>
            { estimate("During", &observed.window) }
            { estimate("Before", &observed.baseline) }
        </dl>
    }
}

/// The impact panel.
#[component]
pub fn ImpactPanel(props: &ImpactPanelProps) -> Html {
    let on_change = {
        let on_select = props.on_select.clone();
        Callback::from(move |e: Event| {
            if let Some(select) = e.target_dyn_into::<HtmlSelectElement>() {
                on_select.emit(select.value());
            }
        })
    };
    // The body is built only while the panel is open: the takeaway tells the story, and a
    // folded panel costs nothing while the page loads.
    let open = use_state(|| false);
    let on_toggle = {
        let open = open.clone();
        Callback::from(move |e: Event| {
            if let Some(details) = e.target_dyn_into::<HtmlDetailsElement>() {
                open.set(details.open());
            }
        })
    };
    let selected_id = props.selected.as_ref().map(|e| e.id.clone());
    html! {
        <details class="impact" ontoggle={on_toggle}>
            <summary>
                <span class="impact-heading">{ "How sure is this? Figures, method and sources" }</span>
            </summary>
            if *open {
            if props.events.is_empty() {
                <p>{ "No disruption in this country and time range." }</p>
            } else {
                <label class="impact-event">
                    { "Disruption " }
                    <select onchange={on_change}>
                        { for props.events.iter().map(|e| html! {
                            <option value={e.id.clone()} selected={Some(&e.id) == selected_id.as_ref()}>
                                { format!("{} ({} – {} UTC)", e.title, format_date_time(e.start), format_date_time(e.end)) }
                            </option>
                        }) }
                    </select>
                </label>
            }
            if let Some(impact) = &props.impact {
                <p class="impact-sentence" data-verdict={impact.verdict.as_str()}>
                    { assessment_sentence(impact) }
                </p>
                { figures(impact) }
                <p class="impact-method">{
                    "Hash rate is estimated from blocks found (Poisson counts: about ±8% for one \
                     day). Expected change: the region's estimated share times the connectivity \
                     it lost."
                }</p>
            } else if props.selected.is_some() {
                <p>{ "The chain data do not cover this disruption and the two weeks before it." }</p>
            }
            if let Some(event) = &props.selected {
                <details class="impact-evidence">
                    <summary>{ format!(
                        "Evidence: {} ({}), scope {}{}",
                        event.title,
                        origin_words(event.origin),
                        event.scope,
                        event.cause.as_ref().map_or(String::new(), |c| format!(", cause {c}")),
                    ) }</summary>
                    <ul>
                        { for event.evidence.iter().map(|ev| html! {
                            <li>
                                if let Some(url) = ev.url.as_ref().filter(|u| u.starts_with("https://") || u.starts_with("http://")) {
                                    <a href={url.clone()} target="_blank" rel="noopener noreferrer">{ ev.source.clone() }</a>
                                } else {
                                    { ev.source.clone() }
                                }
                                { format!(": {}", ev.finding) }
                            </li>
                        }) }
                    </ul>
                </details>
            }
            }
        </details>
    }
}
