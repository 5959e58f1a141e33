//! The skeleton in `index.html` tells the opening view's story before the WebAssembly arrives:
//! its takeaway paragraph holds the sentence the widget writes from the bundled files, derived
//! here by the widget's own state and words, and checked by `minewatch-snapshot --check`.

use std::rc::Rc;

use super::Snapshot;
use crate::model::settings::Settings;
use crate::state::{Action, AppState, Bundle};
use crate::text;

/// The page holding the skeleton, relative to the crate's root.
pub const INDEX_HTML: &str = "index.html";

/// The skeleton's takeaway paragraph, as `index.html` opens it.
const TAKEAWAY_TAG: &str = "<p class=\"takeaway\">";

/// The bundled files as the widget loads them.
pub fn bundle_of(snapshot: &Snapshot) -> Bundle {
    Bundle {
        hash_rate: Ok(Rc::new(snapshot.hash_rate.clone())),
        shares: Ok(Rc::new(snapshot.shares.clone())),
        events: Ok(Rc::new(snapshot.events.clone())),
    }
}

/// The takeaway of the opening view (no settings in the page's address) over `bundle`.
pub fn opening_takeaway(bundle: Bundle) -> String {
    let state = AppState::from_settings(Settings::from_pairs([]).0, false)
        .apply(Action::BundleLoaded(bundle));
    text::takeaway(&state.story(&state.impacts()))
}

/// `page` with its skeleton's takeaway paragraph holding `takeaway` (HTML-escaped); `None`
/// unless the page has exactly one such paragraph.
pub fn with_takeaway(page: &str, takeaway: &str) -> Option<String> {
    let (before, rest) = page.split_once(TAKEAWAY_TAG)?;
    if rest.contains(TAKEAWAY_TAG) {
        return None;
    }
    let (_, after) = rest.split_once("</p>")?;
    let escaped = takeaway
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;");
    Some(format!("{before}{TAKEAWAY_TAG}{escaped}</p>{after}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_takeaway_paragraph_is_replaced_and_escaped() {
        let page = "<h1>T</h1>\n<p class=\"takeaway\">Loading the data…</p>\n<p>x</p>";
        assert_eq!(
            with_takeaway(page, "A < B & C").as_deref(),
            Some("<h1>T</h1>\n<p class=\"takeaway\">A &lt; B &amp; C</p>\n<p>x</p>")
        );
        let twice = format!("{page}{page}");
        assert_eq!(with_takeaway(&twice, "x"), None);
        assert_eq!(with_takeaway("<p>no takeaway</p>", "x"), None);
    }
}
