//! The status lines of the data sources, readable by people and by tests (`data-source`,
//! `data-status`).

use yew::prelude::*;

use crate::state::SourceStatus;

/// Properties of [`SourceStatusList`].
#[derive(Properties, PartialEq)]
pub struct SourceStatusListProps {
    /// One status per source.
    pub statuses: Vec<SourceStatus>,
}

/// Each source's status as a sentence; changes are announced politely to screen readers.
#[component]
pub fn SourceStatusList(props: &SourceStatusListProps) -> Html {
    html! {
        <ul class="source-statuses" aria-label="Data sources" aria-live="polite">
            { for props.statuses.iter().map(|s| html! {
                <li class="source-status" data-source={s.source} data-status={s.status.as_str()}>
                    { s.message.clone() }
                </li>
            }) }
        </ul>
    }
}
