//! GET requests from the browser: a time limit per attempt (AbortController), at most a few
//! requests in flight, and retries with backoff and jitter as [`RetryPolicy`] decides.

use std::cell::{Cell, RefCell};
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll, Waker};

use gloo_timers::future::TimeoutFuture;
use js_sys::{Reflect, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{AbortController, AbortSignal, ReadableStreamDefaultReader, RequestInit, Response};

use crate::fetching::retry::{AttemptError, RetryPolicy};
use crate::sources::MAX_BODY_BYTES;

/// Requests allowed in flight at once, across all sources.
const MAX_IN_FLIGHT: usize = 4;

/// Requests one page load may send to the APIs, retries included: the opening view needs at
/// most 16 (IODA's 13 for a year or more, and one per other source), so this leaves room for
/// retries and for a few countries chosen on the map, and no link can make a reader flood an
/// API.
pub const MAX_REQUESTS_PER_PAGE: usize = 64;

thread_local! {
    static IN_FLIGHT: Cell<usize> = const { Cell::new(0) };
    static SENT: Cell<usize> = const { Cell::new(0) };
    static WAITING: RefCell<Vec<Waker>> = const { RefCell::new(Vec::new()) };
}

/// A place among the requests in flight, given back (and the waiting requests woken) when
/// dropped.
struct Slot;

/// Waits for a [`Slot`]: woken when one is given back, never polling on a timer.
struct SlotWait;

impl Future for SlotWait {
    type Output = Slot;

    fn poll(self: Pin<&mut Self>, context: &mut Context<'_>) -> Poll<Slot> {
        if IN_FLIGHT.with(Cell::get) < MAX_IN_FLIGHT {
            IN_FLIGHT.with(|n| n.set(n.get() + 1));
            Poll::Ready(Slot)
        } else {
            WAITING.with(|w| w.borrow_mut().push(context.waker().clone()));
            Poll::Pending
        }
    }
}

impl Drop for Slot {
    fn drop(&mut self) {
        IN_FLIGHT.with(|n| n.set(n.get().saturating_sub(1)));
        // Every waiting task is woken: a task woken before may have got its place already, so
        // waking just one could leave the others waiting forever. Those that find no place
        // wait again.
        let waiting: Vec<Waker> = WAITING.with(|w| w.borrow_mut().drain(..).collect());
        for waker in waiting {
            waker.wake();
        }
    }
}

/// Runs `futures` at once and gives their outputs in order (a `join_all` of a few lines, so
/// the widget needs no futures library).
pub async fn join_in_order<F: Future>(futures: impl IntoIterator<Item = F>) -> Vec<F::Output> {
    let mut running: Vec<Option<Pin<Box<F>>>> =
        futures.into_iter().map(|f| Some(Box::pin(f))).collect();
    let mut outputs: Vec<Option<F::Output>> = running.iter().map(|_| None).collect();
    std::future::poll_fn(|context| {
        let mut done = true;
        for (slot, output) in running.iter_mut().zip(outputs.iter_mut()) {
            if let Some(future) = slot {
                match future.as_mut().poll(context) {
                    Poll::Ready(value) => {
                        *output = Some(value);
                        *slot = None;
                    }
                    Poll::Pending => done = false,
                }
            }
        }
        if done {
            Poll::Ready(())
        } else {
            Poll::Pending
        }
    })
    .await;
    outputs.into_iter().flatten().collect()
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

/// Why a body was not read.
#[derive(Debug)]
pub enum BodyError {
    /// Reading failed (the browser's words), or it was not UTF-8 text.
    Read(String),
    /// More bytes arrived than the limit (as many as counted when reading stopped).
    TooLarge(usize),
}

/// The body of `response` as text, at once (for the bundled files of the widget's own host).
pub async fn text(response: &Response) -> Result<String, String> {
    let promise = response.text().map_err(|e| js_reason(&e))?;
    let text = JsFuture::from(promise).await.map_err(|e| js_reason(&e))?;
    text.as_string()
        .ok_or_else(|| "the body is not text".to_owned())
}

/// The body of an API's `response` as text, read piece by piece and given up as soon as it
/// passes `limit` bytes (a compressed answer can unfold into far more than its
/// `Content-Length`). (Chromium may log such a request as aborted once its response is
/// dropped, which is why the bundled files are read with [`text`].)
pub async fn text_within(response: &Response, limit: usize) -> Result<String, BodyError> {
    let failed = |e: JsValue| BodyError::Read(js_reason(&e));
    let Some(stream) = response.body() else {
        return Ok(String::new());
    };
    let reader: ReadableStreamDefaultReader = stream.get_reader().unchecked_into();
    let mut bytes: Vec<u8> = Vec::new();
    loop {
        let chunk = JsFuture::from(reader.read()).await.map_err(failed)?;
        let done = Reflect::get(&chunk, &"done".into()).map_err(failed)?;
        if done.as_bool() != Some(false) {
            break;
        }
        let value: Uint8Array = Reflect::get(&chunk, &"value".into())
            .map_err(failed)?
            .dyn_into()
            .map_err(failed)?;
        let size = bytes.len() + value.length() as usize;
        if size > limit {
            let _ = reader.cancel();
            return Err(BodyError::TooLarge(size));
        }
        bytes.extend_from_slice(&value.to_vec());
    }
    String::from_utf8(bytes).map_err(|_| BodyError::Read("the body is not UTF-8 text".into()))
}

/// Current time in Unix seconds.
pub fn now() -> i64 {
    (js_sys::Date::now() / 1000.0) as i64
}

/// One attempt: the body of a 2xx answer, or why there was none; `None` when `give_up` was
/// set while it waited for a place.
async fn attempt(
    url: &str,
    timeout_seconds: u32,
    give_up: &Cell<bool>,
) -> Option<Result<String, AttemptError>> {
    let _slot = SlotWait.await;
    if give_up.get() {
        return None;
    }
    Some(send(url, timeout_seconds).await)
}

/// Sends one request (counted against the page's allowance) and reads its answer.
async fn send(url: &str, timeout_seconds: u32) -> Result<String, AttemptError> {
    if SENT.with(Cell::get) >= MAX_REQUESTS_PER_PAGE {
        return Err(AttemptError::Limit(MAX_REQUESTS_PER_PAGE));
    }
    SENT.with(|n| n.set(n.get() + 1));
    let controller = AbortController::new().map_err(|_| AttemptError::Network(String::new()))?;
    let signal = controller.signal();
    let on_time_out = controller.clone();
    let timer =
        gloo_timers::callback::Timeout::new(timeout_seconds * 1000, move || on_time_out.abort());
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
    // An answer not read is not downloaded either.
    let stop = |error: AttemptError| {
        drop(timer);
        controller.abort();
        Err(error)
    };
    if !response.ok() {
        return stop(AttemptError::Status {
            code: response.status(),
            retry_after: response.headers().get("Retry-After").ok().flatten(),
        });
    }
    // A body that declares itself larger than any real answer is not read.
    let declared = response.headers().get("Content-Length").ok().flatten();
    if let Some(bytes) = declared.and_then(|d| d.trim().parse::<u64>().ok()) {
        if bytes > MAX_BODY_BYTES as u64 {
            return stop(AttemptError::TooLarge(bytes));
        }
    }
    match text_within(&response, MAX_BODY_BYTES).await {
        Ok(body) => Ok(body),
        Err(BodyError::TooLarge(bytes)) => stop(AttemptError::TooLarge(bytes as u64)),
        Err(BodyError::Read(reason)) => Err(failed(reason)),
    }
}

/// GETs `url`, retrying transient failures; the error is the last attempt's. `None` when
/// `give_up` was set (by the caller, or by another request of the same source that failed for
/// good) before an attempt was sent; a failure for good sets it.
pub async fn get_with_retry(
    url: &str,
    policy: &RetryPolicy,
    give_up: &Cell<bool>,
) -> Option<Result<String, AttemptError>> {
    let mut attempt_number = 1;
    loop {
        match attempt(url, policy.timeout_seconds, give_up).await? {
            Ok(body) => return Some(Ok(body)),
            Err(error) => {
                let jitter = js_sys::Math::random();
                match policy.delay_ms(attempt_number, &error, jitter, now()) {
                    Some(ms) => TimeoutFuture::new(ms.round() as u32).await,
                    None => {
                        give_up.set(true);
                        return Some(Err(error));
                    }
                }
                attempt_number += 1;
            }
        }
    }
}
