//! The page's language, for a build that speaks one other than English (its messages are
//! compiled in; see `text::catalogue`): index.html has started `locale.js`, which writes
//! numbers, dates and country names with the browser's `Intl`. This awaits it.

use std::rc::Rc;

use js_sys::{Array, Function, Promise, Reflect};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

use crate::model::time::{TimeRange, UnixSeconds};
use crate::text::format::{use_locale, DateStyle, Locale};

fn get(object: &JsValue, name: &str) -> JsValue {
    Reflect::get(object, &name.into()).unwrap_or(JsValue::UNDEFINED)
}

/// Speaks the build's language: `Intl`'s formats from `window.minewatchLocale` (English's own,
/// with a console warning, if they did not load). index.html's first script has already set
/// the document's `lang` and `dir`.
pub async fn speak() {
    let Some(window) = web_sys::window() else {
        return;
    };
    let formats = match get(&window, "minewatchLocale").dyn_into::<Promise>() {
        Ok(pending) => JsFuture::from(pending).await.unwrap_or(JsValue::UNDEFINED),
        Err(_) => JsValue::UNDEFINED,
    };
    if formats.is_object() {
        use_locale(Some(Rc::new(ScriptLocale(formats))));
    } else {
        let warning =
            "minewatch: locale.js did not load; numbers and dates are in English's format";
        web_sys::console::warn_1(&warning.into());
    }
}

/// `locale.js`'s formats for the page's language.
struct ScriptLocale(JsValue);

impl ScriptLocale {
    fn call(&self, name: &str, args: &[JsValue]) -> JsValue {
        let args: Array = args.iter().collect();
        (get(&self.0, name).dyn_into::<Function>().ok())
            .and_then(|f| f.apply(&JsValue::NULL, &args).ok())
            .unwrap_or(JsValue::UNDEFINED)
    }

    fn text(&self, name: &str, args: &[JsValue]) -> String {
        self.call(name, args).as_string().unwrap_or_default()
    }
}

impl Locale for ScriptLocale {
    fn number(&self, x: f64, digits: u8) -> String {
        self.text("number", &[x.into(), digits.into()])
    }

    fn percent(&self, fraction: f64, digits: u8, signed: bool) -> String {
        self.text("percent", &[fraction.into(), digits.into(), signed.into()])
    }

    fn date(&self, t: UnixSeconds, style: DateStyle) -> String {
        let style = match style {
            DateStyle::Day => "Day",
            DateStyle::DayMonth => "DayMonth",
            DateStyle::AxisDay => "AxisDay",
            DateStyle::MonthName => "MonthName",
            DateStyle::Month => "Month",
            DateStyle::Numeric => "Numeric",
            DateStyle::NumericTime => "NumericTime",
        };
        self.text("date", &[(t as f64).into(), style.into()])
    }

    fn day_span(&self, range: TimeRange) -> String {
        let (start, end) = (range.start as f64, range.end as f64);
        self.text("daySpan", &[start.into(), end.into()])
    }

    fn country(&self, code: &str) -> Option<String> {
        self.call("country", &[code.into()]).as_string()
    }
}
