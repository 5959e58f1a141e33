//! The impact panel, folded under the chart: for the selected disruption, the expected and
//! observed change in the network's hash rate, the verdict, the figures behind them, the
//! method, and the event's evidence with its sources. The takeaway tells the story; this is
//! where a reader checks it.

use web_sys::{HtmlDetailsElement, HtmlSelectElement};
use yew::prelude::*;

use crate::analysis::hash_rate::HashRateEstimate;
use crate::analysis::impact::ImpactAssessment;
use crate::model::events::DisruptionEvent;
use crate::text::impact::assessment_sentence;
use crate::text::{event_title, format_change, observed_change, ui};

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
    /// Open from the start: the reader unfolded it in the page's skeleton.
    #[prop_or_default]
    pub unfolded_at_start: bool,
}

/// The figures behind the sentence, as a definition list.
fn figures(impact: &ImpactAssessment) -> Html {
    let observed = &impact.observed;
    let estimate = |during: bool, e: &HashRateEstimate| {
        html! {
            <>
                <dt>{ ui::window_term(during, e.range) }</dt>
                <dd>{ ui::window_estimate(e.hash_rate, e.interval.low, e.interval.high, e.blocks) }</dd>
            </>
        }
    };
    html! {
        <dl class="impact-figures">
            if let Some(expected) = &impact.expected {
                <dt>{ crate::tr!(ExpectedChange) }</dt>
                <dd data-figure="expected">{ format_change(expected.change) }</dd>
            }
            <dt>{ crate::tr!(ObservedChange) }</dt>
            <dd data-figure="observed">{ observed_change(observed) }</dd>
            { estimate(true, &observed.window) }
            { estimate(false, &observed.baseline) }
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
    let open = use_state(|| props.unfolded_at_start);
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
        <details class="impact" open={props.unfolded_at_start} ontoggle={on_toggle}>
            <summary>
                <span class="impact-heading">{ crate::tr!(HowSure) }</span>
            </summary>
            if *open {
            if props.events.is_empty() {
                <p>{ crate::tr!(NoDisruptionHere) }</p>
            } else {
                <label class="impact-event">
                    { crate::tr!(DisruptionMenu) }
                    <select onchange={on_change}>
                        { for props.events.iter().map(|e| html! {
                            <option value={e.id.clone()} selected={Some(&e.id) == selected_id.as_ref()}>
                                { ui::disruption_option(&event_title(e), e.start, e.end) }
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
                <p class="impact-method">{ crate::tr!(Method) }</p>
            } else if props.selected.is_some() {
                <p>{ crate::tr!(NotCovered) }</p>
            }
            if let Some(event) = &props.selected {
                <details class="impact-evidence">
                    <summary>{ ui::evidence(event) }</summary>
                    <ul>
                        { for event.evidence.iter().map(|ev| html! {
                            <li>
                                if let Some(url) = ev.url.as_ref().filter(|u| u.starts_with("https://") || u.starts_with("http://")) {
                                    <a href={url.clone()} target="_blank" rel="noopener noreferrer">{ ev.source.clone() }</a>
                                } else {
                                    { ev.source.clone() }
                                }
                                { format!(": {}", ui::finding(event, ev)) }
                            </li>
                        }) }
                    </ul>
                </details>
            }
            }
        </details>
    }
}
