//! Runs a source's steps in the data mode's order (fresh cache → live → stale cache →
//! snapshot) and reports where its data came from and, if the live API failed, why.

use std::cell::Cell;

use super::{http, storage};
use crate::fetching::plan::{DataMode, Provided, Settled, SourceId, Step};
use crate::fetching::retry::RetryPolicy;
use crate::sources::SourceError;

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

/// A source's parser of the bodies of its requests (`None`: that request failed).
pub type ParseBodies<'a, T> = dyn Fn(&[Option<String>]) -> Result<T, SourceError> + 'a;

/// Loads a source whose answer is the bodies of `urls`, parsed together by `parse` (a
/// `dyn` function: one copy of this state machine serves every source). `parse` gets `None`
/// for a request that failed while others answered: the data are then partial, and the
/// failure travels with them. After one request fails for good, the others are not sent.
pub async fn load<T>(
    source: SourceId,
    urls: &[String],
    mode: DataMode,
    parse: &ParseBodies<'_, T>,
) -> Settled<T> {
    let policy = RetryPolicy::default();
    let mut failure: Option<String> = None;
    for step in mode.steps() {
        match step {
            Step::FreshCache | Step::StaleCache => {
                let Some((bodies, stored_at, stale)) =
                    cached(urls, source, *step == Step::FreshCache)
                else {
                    continue;
                };
                let bodies: Vec<Option<String>> = bodies.into_iter().map(Some).collect();
                if let Ok(data) = parse(&bodies) {
                    return Settled::Data {
                        data,
                        provided: Provided::Cached { stored_at, stale },
                        failure,
                    };
                }
            }
            Step::Live => {
                let give_up = Cell::new(false);
                let answers = http::join_in_order(
                    urls.iter()
                        .map(|u| http::get_with_retry(u, &policy, &give_up)),
                )
                .await;
                let error = answers.iter().find_map(|a| match a {
                    Some(Err(e)) => Some(e.describe()),
                    _ => None,
                });
                let bodies: Vec<Option<String>> = answers
                    .into_iter()
                    .map(|a| a.and_then(Result::ok))
                    .collect();
                let missing = bodies.iter().filter(|b| b.is_none()).count();
                if missing == bodies.len() {
                    failure = Some(error.unwrap_or_else(|| "no request was sent".into()));
                    continue;
                }
                match parse(&bodies) {
                    Ok(data) => {
                        let now = http::now();
                        for (url, body) in urls.iter().zip(&bodies) {
                            if let Some(body) = body {
                                storage::write(source, url, body, now);
                            }
                        }
                        return Settled::Data {
                            data,
                            provided: Provided::Live { fetched_at: now },
                            failure: (missing > 0).then(|| {
                                format!(
                                    "{missing} of {} requests unanswered: {}",
                                    bodies.len(),
                                    error.unwrap_or_default()
                                )
                            }),
                        };
                    }
                    Err(error) => failure = Some(format!("unusable answer: {error}")),
                }
            }
            Step::Snapshot => return Settled::Snapshot { failure },
        }
    }
    Settled::Failed {
        failure: failure.unwrap_or_else(|| "no cached copy and the live API was not tried".into()),
    }
}
