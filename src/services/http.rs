//! GET requests from the browser: a time limit per attempt (AbortController), at most a few
//! requests in flight, and retries with backoff and jitter as [`RetryPolicy`] decides.

use std::cell::Cell;

use gloo_timers::future::TimeoutFuture;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{AbortController, AbortSignal, RequestInit, Response};

use crate::fetching::retry::{AttemptError, RetryPolicy};

/// Requests allowed in flight at once, across all sources.
const MAX_IN_FLIGHT: usize = 4;

thread_local! {
    static IN_FLIGHT: Cell<usize> = const { Cell::new(0) };
}

/// A place among the requests in flight, given back when dropped.
struct Slot;

impl Slot {
    async fn acquire() -> Slot {
        while IN_FLIGHT.with(Cell::get) >= MAX_IN_FLIGHT {
            TimeoutFuture::new(25).await;
        }
        IN_FLIGHT.with(|n| n.set(n.get() + 1));
        Slot
    }
}

impl Drop for Slot {
    fn drop(&mut self) {
        IN_FLIGHT.with(|n| n.set(n.get().saturating_sub(1)));
    }
}

/// Why a fetch gave no answer: the browser's words for it.
fn js_reason(error: &JsValue) -> String {
    error.dyn_ref::<js_sys::Error>().map_or_else(
        || "the request failed".to_owned(),
        |e| String::from(e.message()),
    )
}

/// GETs `url` (abortable by `signal`): the response, whatever its status, or why there was
/// none.
pub async fn fetch(url: &str, signal: Option<&AbortSignal>) -> Result<Response, String> {
    let window = web_sys::window().ok_or("no window")?;
    let init = RequestInit::new();
    init.set_signal(signal);
    let response = JsFuture::from(window.fetch_with_str_and_init(url, &init))
        .await
        .map_err(|e| js_reason(&e))?;
    response.dyn_into().map_err(|_| "not a response".to_owned())
}

/// The body of `response` as text.
pub async fn text(response: &Response) -> Result<String, String> {
    let promise = response.text().map_err(|e| js_reason(&e))?;
    let text = JsFuture::from(promise).await.map_err(|e| js_reason(&e))?;
    text.as_string()
        .ok_or_else(|| "the body is not text".to_owned())
}

/// Current time in Unix seconds.
pub fn now() -> i64 {
    (js_sys::Date::now() / 1000.0) as i64
}

/// One attempt: the body of a 2xx answer, or why there was none.
async fn attempt(url: &str, timeout_seconds: u32) -> Result<String, AttemptError> {
    let _slot = Slot::acquire().await;
    let controller = AbortController::new().map_err(|_| AttemptError::Network(String::new()))?;
    let signal = controller.signal();
    let timer =
        gloo_timers::callback::Timeout::new(timeout_seconds * 1000, move || controller.abort());
    let timed_out = || AttemptError::Timeout {
        seconds: timeout_seconds,
    };
    let failed = |reason: String| {
        if signal.aborted() {
            timed_out()
        } else {
            AttemptError::Network(reason)
        }
    };
    let response = fetch(url, Some(&signal)).await.map_err(failed)?;
    if !response.ok() {
        drop(timer);
        return Err(AttemptError::Status {
            code: response.status(),
            retry_after: response.headers().get("Retry-After").ok().flatten(),
        });
    }
    let body = text(&response).await.map_err(failed);
    drop(timer);
    body
}

/// GETs `url`, retrying transient failures; the error is the last attempt's.
pub async fn get_with_retry(url: &str, policy: &RetryPolicy) -> Result<String, AttemptError> {
    let mut attempt_number = 1;
    loop {
        match attempt(url, policy.timeout_seconds).await {
            Ok(body) => return Ok(body),
            Err(error) => {
                let jitter = js_sys::Math::random();
                match policy.delay_ms(attempt_number, &error, jitter, now()) {
                    Some(ms) => TimeoutFuture::new(ms.round() as u32).await,
                    None => return Err(error),
                }
                attempt_number += 1;
            }
        }
    }
}
