//! The widget's entry point, built by Trunk for wasm32.

#[cfg(target_arch = "wasm32")]
fn main() {
    use yew::Renderer;

    use minewatch::app::{App, AppProps, UnfoldedPanels};
    use minewatch::model::language::Language;
    use minewatch::services::intl::speak;
    use minewatch::services::page::after_next_paint;
    use minewatch::text::catalogue::LANGUAGE;

    // The skeleton in index.html is painted first (the reader sees the title at once, and it
    // stays the page's largest paint); the widget then takes its place, box for box.
    wasm_bindgen_futures::spawn_local(async {
        // A language other than English: its formats first (fetched while the skeleton shows).
        if !matches!(LANGUAGE, Language::English) {
            speak().await;
        }
        after_next_paint().await;
        let document = web_sys::window().and_then(|w| w.document());
        // The skeleton's takeaway is English, written at build time.
        let english = matches!(LANGUAGE, Language::English);
        let skeleton_takeaway = (document.as_ref())
            .filter(|_| english)
            .and_then(|d| d.query_selector("[data-skeleton] .takeaway").ok().flatten())
            .and_then(|p| p.text_content())
            .map(Into::into);
        // A panel the reader opened in the skeleton stays open: the widget replaces it now.
        let unfolded = |panel: &str| {
            (document.as_ref())
                .and_then(|d| {
                    let selector = format!("[data-skeleton] details.{panel}[open]");
                    d.query_selector(&selector).ok().flatten()
                })
                .is_some()
        };
        let props = AppProps {
            skeleton_takeaway,
            skeleton_unfolded: UnfoldedPanels {
                disruptions: unfolded("disruption-browser"),
                impact: unfolded("impact"),
                sources: unfolded("data-status"),
            },
            ..AppProps::default()
        };
        match document.and_then(|d| d.get_element_by_id("minewatch")) {
            Some(root) => Renderer::<App>::with_root_and_props(root, props).render(),
            None => Renderer::<App>::with_props(props).render(),
        };
    });
}

#[cfg(not(target_arch = "wasm32"))]
fn main() -> std::process::ExitCode {
    eprintln!("minewatch is a WebAssembly widget: build and serve it with `make serve`.");
    std::process::ExitCode::from(2)
}
