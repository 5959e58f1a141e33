//! The widget: loads the bundled snapshot and lays out the timeline, the status line and the
//! attribution. State lives in [`crate::state::AppState`].

use std::rc::Rc;

use gloo_net::http::Request;
use yew::platform::spawn_local;
use yew::prelude::*;

use crate::components::{Attribution, SourceStatusLine, Timeline};
use crate::model::snapshot::{parse_hash_rate_snapshot, HashRateSnapshot, HASH_RATE_SNAPSHOT_PATH};
use crate::state::{Action, AppState};

impl Reducible for AppState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        Rc::new(self.apply(action))
    }
}

/// Fetches and checks the bundled snapshot, relative to the page (works under any sub-path).
pub async fn load_hash_rate_snapshot() -> Result<HashRateSnapshot, String> {
    let response = Request::get(HASH_RATE_SNAPSHOT_PATH)
        .send()
        .await
        .map_err(|e| format!("the request failed ({e})"))?;
    if !response.ok() {
        return Err(format!(
            "HTTP {} for {}",
            response.status(),
            HASH_RATE_SNAPSHOT_PATH
        ));
    }
    let text = response
        .text()
        .await
        .map_err(|e| format!("the response could not be read ({e})"))?;
    parse_hash_rate_snapshot(&text).map_err(|e| e.to_string())
}

/// The minewatch widget.
#[component]
pub fn App() -> Html {
    let state = use_reducer(AppState::default);
    {
        let dispatcher = state.dispatcher();
        use_effect_with((), move |()| {
            spawn_local(async move {
                dispatcher.dispatch(match load_hash_rate_snapshot().await {
                    Ok(snapshot) => Action::SnapshotLoaded(Rc::new(snapshot)),
                    Err(reason) => Action::SnapshotFailed(reason),
                });
            });
        });
    }

    let provenances: Vec<_> = state
        .hash_rate
        .as_ref()
        .map(|s| s.provenances().into_iter().cloned().collect())
        .unwrap_or_default();
    html! {
        <div class="minewatch">
            <header>
                <h1>{ "Bitcoin hash rate and disruptions in mining regions" }</h1>
            </header>
            <SourceStatusLine status={state.snapshot_status.clone()} />
            if let (Some(snapshot), Some(view)) = (&state.hash_rate, state.view) {
                <Timeline snapshot={snapshot.clone()} {view} />
            }
            <Attribution {provenances} />
        </div>
    }
}
