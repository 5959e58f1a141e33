//! The attribution line of the footer: every source shown, with licence and retrieval date.

use yew::prelude::*;

use crate::model::provenance::Provenance;
use crate::text::ui;

/// Properties of [`Attribution`].
#[derive(Properties, PartialEq)]
pub struct AttributionProps {
    /// Provenance of every series on screen.
    pub provenances: Vec<Provenance>,
}

/// The line that credits each source, links to it and names its licence.
#[component]
pub fn Attribution(props: &AttributionProps) -> Html {
    html! {
        <div class="attribution">
            <span class="attribution-heading">{ crate::tr!(SourcesLabel) }</span>
            <ul>
                { for props.provenances.iter().map(|p| html! {
                    <li title={p.origin.clone()}>
                        <a href={p.url.clone()} target="_blank" rel="noopener noreferrer">
                            { p.source.clone() }
                        </a>
                        { ui::credit_terms(p) }
                    </li>
                }) }
            </ul>
        </div>
    }
}
