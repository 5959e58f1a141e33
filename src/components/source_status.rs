//! The status line of one data source, readable by people and by tests
//! (`data-source`, `data-status`).

use yew::prelude::*;

use crate::state::SourceStatus;

/// Properties of [`SourceStatusLine`].
#[derive(Properties, PartialEq)]
pub struct SourceStatusProps {
    /// The status to show.
    pub status: SourceStatus,
}

/// One source's status as a sentence, announced politely to screen readers.
#[component]
pub fn SourceStatusLine(props: &SourceStatusProps) -> Html {
    let SourceStatus {
        source,
        status,
        message,
    } = &props.status;
    html! {
        <p class="source-status" role="status" data-source={*source} data-status={status.as_str()}>
            { message.clone() }
        </p>
    }
}
