//! Runs a source's steps in the data mode's order (fresh cache → live → stale cache →
//! snapshot) and reports where its data came from and, if the live API failed, why.

use std::cell::Cell;

use super::{http, storage};
use crate::fetching::plan::{steps, Gaps, Provided, Settled, Step};
use crate::fetching::retry::RetryPolicy;
use crate::model::source::{DataMode, SourceId};
use crate::sources::SourceError;
use crate::text;

/// The cached bodies of all `urls`, if every one is cached (and fresh, when `fresh_only`),
/// with the oldest storage time.
fn cached(urls: &[String], source: SourceId, fresh_only: bool) -> Option<(Vec<String>, i64, bool)> {
    let now = http::now();
    let mut bodies = Vec::with_capacity(urls.len());
    let mut oldest = i64::MAX;
    let mut stale = false;
    for url in urls {
        let entry = storage::read(source, url, now)?;
        let fresh = entry.is_fresh(now, source.cache_ttl());
        if fresh_only && !fresh {
            return None;
        }
        stale |= !fresh;
        oldest = oldest.min(entry.stored_at);
        bodies.push(entry.body);
    }
    Some((bodies, oldest, stale))
}

/// A source's parser of the bodies of its requests (`None`: no answer). Besides the data, it
/// gives each body it could not use (its index, and why): the data are then partial.
pub type ParseBodies<'a, T> =
    dyn Fn(&[Option<String>]) -> Result<(T, Vec<(usize, SourceError)>), SourceError> + 'a;

/// Loads a source whose answer is the bodies of `urls`, parsed together by `parse` (a
/// `dyn` function: one copy of this state machine serves every source). Live, once `stop` is
/// set (by the caller, or here when one request fails for good) no more requests are sent,
/// and a request left unanswered is filled from an older copy where the mode allows one.
/// What is missing, older or unusable travels with the data, which are then partial.
pub async fn load<T>(
    source: SourceId,
    urls: &[String],
    mode: DataMode,
    stop: &Cell<bool>,
    parse: &ParseBodies<'_, T>,
) -> Settled<T> {
    let policy = RetryPolicy::default();
    let mut failure: Option<String> = None;
    for step in steps(mode) {
        match step {
            Step::FreshCache | Step::StaleCache => {
                let Some((bodies, stored_at, stale)) =
                    cached(urls, source, *step == Step::FreshCache)
                else {
                    continue;
                };
                let bodies: Vec<Option<String>> = bodies.into_iter().map(Some).collect();
                if let Ok((data, unusable)) = parse(&bodies) {
                    if unusable.is_empty() {
                        return Settled::Data {
                            data,
                            provided: Provided::Cached { stored_at, stale },
                            failure,
                        };
                    }
                }
            }
            Step::Live => {
                let answers = http::join_in_order(
                    urls.iter().map(|u| http::get_with_retry(u, &policy, stop)),
                )
                .await;
                let now = http::now();
                let mut error = None;
                let mut bodies: Vec<Option<String>> = Vec::with_capacity(urls.len());
                for answer in answers {
                    if let Some(Err(e)) = &answer {
                        error.get_or_insert_with(|| text::status::attempt_failure(e));
                    }
                    bodies.push(answer.and_then(Result::ok));
                }
                let fetched: Vec<usize> = (0..bodies.len())
                    .filter(|i| bodies.get(*i).is_some_and(Option::is_some))
                    .collect();
                if fetched.is_empty() {
                    failure = Some(error.unwrap_or_else(|| text::status::NO_REQUEST_SENT.into()));
                    continue;
                }
                // Where the mode allows older copies, they fill what went unanswered.
                let mut older = 0;
                if steps(mode).contains(&Step::StaleCache) {
                    for (url, body) in urls.iter().zip(bodies.iter_mut()) {
                        if body.is_none() {
                            *body = storage::read(source, url, now).map(|e| e.body);
                            older += usize::from(body.is_some());
                        }
                    }
                }
                match parse(&bodies) {
                    Ok((data, unusable)) => {
                        for i in &fetched {
                            let usable = !unusable.iter().any(|(u, _)| u == i);
                            if let (true, Some(url), Some(Some(body))) =
                                (usable, urls.get(*i), bodies.get(*i))
                            {
                                storage::write(source, url, body, now);
                            }
                        }
                        let gaps = Gaps {
                            total: urls.len(),
                            unanswered: bodies.iter().filter(|b| b.is_none()).count(),
                            error,
                            older,
                            unusable: unusable.len(),
                            unusable_error: unusable.first().map(|(_, e)| e.to_string()),
                        };
                        return Settled::Data {
                            data,
                            provided: Provided::Live { fetched_at: now },
                            failure: text::status::gaps(&gaps),
                        };
                    }
                    Err(error) => failure = Some(text::status::unusable_answer(&error.to_string())),
                }
            }
            Step::Snapshot => return Settled::Snapshot { failure },
        }
    }
    Settled::Failed {
        failure: failure.unwrap_or_else(|| text::status::NOTHING_TRIED.into()),
    }
}
