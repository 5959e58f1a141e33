//! GET requests from the browser: a time limit per attempt (AbortController), at most a few
//! requests in flight, and retries with backoff and jitter as [`RetryPolicy`] decides.

use std::cell::Cell;

use gloo_net::http::Request;
use gloo_timers::future::TimeoutFuture;
use web_sys::AbortController;

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
    let response = Request::get(url)
        .abort_signal(Some(&signal))
        .send()
        .await
        .map_err(|e| {
            if signal.aborted() {
                timed_out()
            } else {
                AttemptError::Network(network_reason(&e))
            }
        })?;
    if !response.ok() {
        drop(timer);
        return Err(AttemptError::Status {
            code: response.status(),
            retry_after: response.headers().get("Retry-After"),
        });
    }
    let body = response.text().await.map_err(|e| {
        if signal.aborted() {
            timed_out()
        } else {
            AttemptError::Network(network_reason(&e))
        }
    });
    drop(timer);
    body
}

/// The browser's words for a failed fetch, without the noise.
fn network_reason(error: &gloo_net::Error) -> String {
    match error {
        gloo_net::Error::JsError(e) => e.message.clone(),
        other => other.to_string(),
    }
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
