//! The "Embed / Share" bar: the permalink, an iframe snippet that resizes itself, a script
//! snippet, each with a copy button, and the PNG, SVG and CSV downloads.

use yew::prelude::*;

use crate::model::settings::{iframe_snippet, script_snippet, Settings};
use crate::services::page::{copy_to_clipboard, permalink, widget_base};

/// A download the reader asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DownloadKind {
    /// The view as a PNG image at twice the screen's resolution or more.
    Png,
    /// The view as an SVG drawing.
    Svg,
    /// The timeline's visible data as CSV.
    Csv,
}

/// Properties of [`ShareBar`].
#[derive(Properties, PartialEq)]
pub struct ShareBarProps {
    /// The settings that reproduce the view on screen (the snippets are made from them when
    /// the panel opens).
    pub settings: Settings,
    /// The widget's current height, for the iframe's first height.
    pub height: i32,
    /// Receives the download asked for.
    pub on_download: Callback<DownloadKind>,
}

/// The bar with the share panel and the download buttons.
#[component]
pub fn ShareBar(props: &ShareBarProps) -> Html {
    let open = use_state(|| false);
    // The snippet last copied, and whether the browser let it be copied.
    let copied = use_state(|| None::<(&'static str, bool)>);
    // The snippets are written only while the panel is open: nothing to do on each render.
    let snippets = if *open {
        let link = permalink(&props.settings);
        vec![
            (crate::tr!(Link), "permalink", link.clone()),
            (
                crate::tr!(EmbedIframe),
                "iframe",
                iframe_snippet(&link, &props.settings.id, props.height),
            ),
            (
                crate::tr!(EmbedScript),
                "script",
                script_snippet(&widget_base(), &props.settings.to_pairs()),
            ),
        ]
    } else {
        Vec::new()
    };
    let toggle = {
        let open = open.clone();
        Callback::from(move |_| open.set(!*open))
    };
    let download = |kind: DownloadKind| {
        let on_download = props.on_download.clone();
        Callback::from(move |_| on_download.emit(kind))
    };
    html! {
        <div class="share">
            <div class="share-bar">
                <button type="button" aria-expanded={open.to_string()} aria-controls="minewatch-share" onclick={toggle}>
                    { crate::tr!(EmbedShare) }
                </button>
                <span class="share-downloads">
                    { crate::tr!(DownloadLabel) }
                    <button type="button" data-download="png" onclick={download(DownloadKind::Png)}>{ "PNG" }</button>
                    <button type="button" data-download="svg" onclick={download(DownloadKind::Svg)}>{ "SVG" }</button>
                    <button type="button" data-download="csv" onclick={download(DownloadKind::Csv)}>{ "CSV" }</button>
                </span>
            </div>
            <section id="minewatch-share" class="share-panel" hidden={!*open} aria-label={crate::tr!(EmbedAndShare)}>
                { for snippets.into_iter().map(|(label, key, text)| {
                    let copy = {
                        let (copied, text) = (copied.clone(), text.clone());
                        Callback::from(move |_| {
                            let (copied, text) = (copied.clone(), text.clone());
                            yew::platform::spawn_local(async move {
                                copied.set(Some((key, copy_to_clipboard(&text).await)));
                            });
                        })
                    };
                    html! {
                        <div class="share-snippet">
                            <label for={format!("minewatch-share-{key}")}>{ label }</label>
                            <textarea id={format!("minewatch-share-{key}")} data-snippet={key} readonly=true rows={if key == "permalink" { "1" } else { "4" }} value={text} />
                            <button type="button" onclick={copy}>
                                { match *copied {
                                    Some((k, true)) if k == key => crate::tr!(Copied),
                                    Some((k, false)) if k == key => crate::tr!(CopyFailed),
                                    _ => crate::tr!(Copy),
                                } }
                            </button>
                        </div>
                    }
                }) }
            </section>
        </div>
    }
}
