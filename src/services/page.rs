//! The page the widget lives in: its settings (query string), its theme preference, the URL
//! that records the view, the height messages to an embedding page, and file downloads.

use js_sys::{Object, Reflect};
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{HtmlAnchorElement, UrlSearchParams};

use crate::model::settings::Settings;

/// The settings in the page's query string; each value not understood is reported on the
/// console and left at its default.
pub fn page_settings() -> Settings {
    let search = web_sys::window()
        .and_then(|w| w.location().search().ok())
        .unwrap_or_default();
    let pairs: Vec<(String, String)> = UrlSearchParams::new_with_str(&search)
        .ok()
        .map(|params| {
            js_sys::try_iter(&params)
                .ok()
                .flatten()
                .into_iter()
                .flatten()
                .filter_map(|entry| {
                    let entry: js_sys::Array = entry.ok()?.dyn_into().ok()?;
                    Some((entry.get(0).as_string()?, entry.get(1).as_string()?))
                })
                .collect()
        })
        .unwrap_or_default();
    let (settings, warnings) =
        Settings::from_pairs(pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())));
    for warning in warnings {
        web_sys::console::warn_1(&warning.into());
    }
    settings
}

/// Whether the reader's system asks for a dark theme.
pub fn system_prefers_dark() -> bool {
    web_sys::window()
        .and_then(|w| w.match_media("(prefers-color-scheme: dark)").ok().flatten())
        .is_some_and(|query| query.matches())
}

/// The address of this page with `settings` as its query: the permalink.
pub fn permalink(settings: &Settings) -> String {
    let Some(location) = web_sys::window().map(|w| w.location()) else {
        return String::new();
    };
    let query = query_of(settings);
    format!(
        "{}{}{}",
        location.origin().unwrap_or_default(),
        location.pathname().unwrap_or_default(),
        if query.is_empty() {
            String::new()
        } else {
            format!("?{query}")
        }
    )
}

/// Where the widget is hosted: this page's address up to its last `/` (for `embed.js`).
pub fn widget_base() -> String {
    let Some(location) = web_sys::window().map(|w| w.location()) else {
        return String::new();
    };
    let path = location.pathname().unwrap_or_default();
    let directory = path.rfind('/').and_then(|i| path.get(..=i)).unwrap_or("/");
    format!("{}{directory}", location.origin().unwrap_or_default())
}

/// `settings` as a URL query string.
fn query_of(settings: &Settings) -> String {
    let Ok(params) = UrlSearchParams::new() else {
        return String::new();
    };
    for (name, value) in settings.to_pairs() {
        params.append(name, &value);
    }
    params.to_string().into()
}

/// Records `settings` in the page's URL without reloading or adding to the history.
pub fn record_settings(settings: &Settings) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let url = permalink(settings);
    let current = window.location().href().unwrap_or_default();
    if url != current {
        if let Ok(history) = window.history() {
            let _ = history.replace_state_with_url(&JsValue::NULL, "", Some(&url));
        }
    }
}

/// Tells an embedding page this widget's height, in Datawrapper's and AMP's formats. Nothing
/// is sent when the widget is not in a frame; no message is ever read.
pub fn post_height(id: &str, height: f64) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let Some(parent) = window.parent().ok().flatten() else {
        return;
    };
    if parent == window {
        return;
    }
    let set = |object: &Object, key: &str, value: &JsValue| {
        let _ = Reflect::set(object, &key.into(), value);
    };
    let heights = Object::new();
    set(&heights, id, &height.ceil().into());
    let datawrapper = Object::new();
    set(&datawrapper, "datawrapper-height", &heights);
    let amp = Object::new();
    set(&amp, "sentinel", &"amp".into());
    set(&amp, "type", &"embed-size".into());
    set(&amp, "height", &height.ceil().into());
    for message in [datawrapper, amp] {
        let _ = parent.post_message(&message, "*");
    }
}

/// Offers `href` (a `data:` URL) as a download named `name`.
pub fn download(name: &str, href: &str) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let Some(anchor) = document
        .create_element("a")
        .ok()
        .and_then(|a| a.dyn_into::<HtmlAnchorElement>().ok())
    else {
        return;
    };
    anchor.set_href(href);
    anchor.set_download(name);
    anchor.set_hidden(true);
    if let Some(body) = document.body() {
        let _ = body.append_child(&anchor);
        anchor.click();
        anchor.remove();
    }
}

/// A text file as a `data:` URL.
pub fn text_data_url(mime: &str, text: &str) -> String {
    format!(
        "data:{mime};charset=utf-8,{}",
        String::from(js_sys::encode_uri_component(text))
    )
}

/// Copies `text` to the clipboard (where the browser allows it).
pub fn copy_to_clipboard(text: &str) {
    if let Some(window) = web_sys::window() {
        let _ = window.navigator().clipboard().write_text(text);
    }
}

/// Resolves once the browser has painted the next frame (what has just been rendered is on
/// screen), so that work started afterwards does not delay it; or after 100 ms, since a page
/// in a background tab or an off-screen frame paints no frame.
pub async fn after_next_paint() {
    let frame = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(window) = web_sys::window() {
            let _ = window.request_animation_frame(&resolve);
            let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 100);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(frame).await;
    gloo_timers::future::TimeoutFuture::new(0).await;
}
