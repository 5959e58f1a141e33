//! The page the widget lives in: its settings (query string), its theme preference, the URL
//! that records the view, the height messages to an embedding page, and file downloads.

use js_sys::{Object, Reflect};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Blob, BlobPropertyBag, HtmlAnchorElement, HtmlCanvasElement, Url, UrlSearchParams};

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
    let (mut settings, mut warnings) =
        Settings::from_pairs(pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())));
    settings.bound_range(super::http::now());
    if settings.range_narrowed {
        warnings.push("minewatch: from/until narrowed to the days Bitcoin has existed".into());
    }
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

/// This page's path up to its last `/`: where the widget is deployed on its host.
pub fn page_directory() -> String {
    let path = web_sys::window()
        .and_then(|w| w.location().pathname().ok())
        .unwrap_or_default();
    path.rfind('/')
        .and_then(|i| path.get(..=i))
        .unwrap_or("/")
        .to_owned()
}

/// Where the widget is hosted: this page's address up to its last `/` (for `embed.js`).
pub fn widget_base() -> String {
    let origin = web_sys::window()
        .and_then(|w| w.location().origin().ok())
        .unwrap_or_default();
    format!("{origin}{}", page_directory())
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

/// Offers `blob` as a download named `name`, through an object URL released a minute later
/// (a `data:` URL of a large file can fail without a word).
pub fn download(name: &str, blob: &Blob) {
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
    let Ok(href) = Url::create_object_url_with_blob(blob) else {
        return;
    };
    anchor.set_href(&href);
    anchor.set_download(name);
    anchor.set_hidden(true);
    if let Some(body) = document.body() {
        let _ = body.append_child(&anchor);
        anchor.click();
        anchor.remove();
    }
    gloo_timers::callback::Timeout::new(60_000, move || {
        let _ = Url::revoke_object_url(&href);
    })
    .forget();
}

/// A text file's contents, for [`download`].
pub fn text_blob(mime: &str, text: &str) -> Option<Blob> {
    let options = BlobPropertyBag::new();
    options.set_type(&format!("{mime};charset=utf-8"));
    let parts = js_sys::Array::of1(&JsValue::from_str(text));
    Blob::new_with_str_sequence_and_options(&parts, &options).ok()
}

/// Offers what `canvas` shows as a PNG download named `name` (the browser encodes it later: a
/// canvas it cannot encode is reported on the console).
pub fn download_png(canvas: &HtmlCanvasElement, name: String) -> Result<(), String> {
    let offer = Closure::once_into_js(move |blob: JsValue| match blob.dyn_into::<Blob>() {
        Ok(blob) => download(&name, &blob),
        Err(_) => web_sys::console::error_1(
            &"minewatch: the download failed: the browser could not encode the PNG".into(),
        ),
    });
    canvas
        .to_blob(offer.unchecked_ref())
        .map_err(|_| "the PNG could not be made".to_owned())
}

/// Copies `text` to the clipboard; whether the browser allowed it (it may refuse, or have no
/// clipboard outside a secure page).
pub async fn copy_to_clipboard(text: &str) -> bool {
    let Some(window) = web_sys::window() else {
        return false;
    };
    let navigator = window.navigator();
    if !Reflect::get(&navigator, &"clipboard".into()).is_ok_and(|c| c.is_object()) {
        return false;
    }
    wasm_bindgen_futures::JsFuture::from(navigator.clipboard().write_text(text))
        .await
        .is_ok()
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

/// A moment the page waits for, such as the first chart on screen: reached when `reach` is
/// called, or after a time limit, so that what waits for it goes on even if it never comes.
pub struct Moment {
    reached: js_sys::Promise,
    reach: Option<js_sys::Function>,
}

impl Moment {
    /// A moment reached by `reach` or, at the latest, `limit_ms` milliseconds from now.
    pub fn within(limit_ms: i32) -> Self {
        let mut reach = None;
        let reached = js_sys::Promise::new(&mut |resolve: js_sys::Function, _| {
            if let Some(window) = web_sys::window() {
                let _ = window
                    .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, limit_ms);
            }
            reach = Some(resolve);
        });
        Self { reached, reach }
    }

    /// Marks the moment reached (again is harmless).
    pub fn reach(&self) {
        if let Some(reach) = &self.reach {
            let _ = reach.call0(&JsValue::NULL);
        }
    }

    /// Resolves once the moment is reached.
    pub async fn reached(&self) {
        let _ = wasm_bindgen_futures::JsFuture::from(self.reached.clone()).await;
    }
}
