//! Where the data on screen came from, folded into one line: the summary and a warning chip
//! for each source that failed, always visible; each source's sentence behind a disclosure.
//! Every source keeps its element (`data-source`, `data-status`) for readers and tests.

use yew::prelude::*;

use super::Shared;
use crate::state::SourceStatus;
use crate::text;
use crate::view::data_line::DataLine;

/// Properties of [`DataStatus`].
#[derive(Properties, PartialEq)]
pub struct DataStatusProps {
    /// The summary.
    pub line: DataLine,
    /// One status per source.
    pub statuses: Shared<Vec<SourceStatus>>,
    /// Open from the start: the reader unfolded it in the page's skeleton.
    #[prop_or_default]
    pub unfolded_at_start: bool,
}

/// The folded data-status line.
#[component]
pub fn DataStatus(props: &DataStatusProps) -> Html {
    let (range, connectivity) = (props.line.range_narrowed, props.line.connectivity_narrowed);
    let warned = !props.line.warnings.is_empty() || range || connectivity;
    let line = text::data_line(props.line.freshness);
    let warnings: Vec<String> = props.line.warnings.iter().map(text::warning).collect();
    // Screen readers hear the line and its warnings as they change, folded or not.
    let announcement = std::iter::once(line.clone())
        .chain(warnings.iter().cloned())
        .chain(range.then(|| text::status::RANGE_NARROWED.to_owned()))
        .chain(connectivity.then(text::status::connectivity_narrowed))
        .collect::<Vec<_>>()
        .join(". ");
    html! {
        <>
        <p class="visually-hidden" aria-live="polite">{ announcement }</p>
        <details class="data-status" open={props.unfolded_at_start} data-warned={warned.then_some("true")}>
            <summary>
                // A new line is a new element (as the takeaway is, in `App`): rewritten in
                // place, a line that mixes directions counts as moved in right-to-left pages.
                <span class="data-status-line" key={line.clone()}>{ line }</span>
                { for props.line.warnings.iter().zip(warnings).map(|(w, text)| html! {
                    <span class="chip" data-warning={w.source.as_str()}>{ text }</span>
                }) }
                if range {
                    <span class="chip" data-warning="range">{ text::status::RANGE_NARROWED }</span>
                }
                if connectivity {
                    <span class="chip" data-warning="connectivity">{ text::status::connectivity_narrowed() }</span>
                }
                <span class="data-status-more">{ crate::tr!(Details) }</span>
            </summary>
            <ul class="source-statuses" aria-label={crate::tr!(DataSources)}>
                { for props.statuses.iter().map(|s| html! {
                    <li class="source-status" data-source={s.source.as_str()} data-status={s.status.as_str()}>
                        { text::status_line(s.source, &s.note) }
                    </li>
                }) }
            </ul>
        </details>
        </>
    }
}
