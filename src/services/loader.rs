//! Runs a source's steps in the data mode's order (fresh cache → live → stale cache →
//! snapshot) and reports where its data came from and, if the live API failed, why.

use futures::future::join_all;

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
        let entry = storage::read(url)?;
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

/// Loads a source whose answer is the bodies of `urls`, parsed together by `parse` (a
/// `dyn` function: one copy of this state machine serves every source).
pub async fn load<T>(
    source: SourceId,
    urls: &[String],
    mode: DataMode,
    parse: &dyn Fn(&[String]) -> Result<T, SourceError>,
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
                if let Ok(data) = parse(&bodies) {
                    return Settled::Data {
                        data,
                        provided: Provided::Cached { stored_at, stale },
                        failure,
                    };
                }
            }
            Step::Live => {
                let answers = join_all(urls.iter().map(|u| http::get_with_retry(u, &policy))).await;
                let mut bodies = Vec::with_capacity(answers.len());
                for answer in answers {
                    match answer {
                        Ok(body) => bodies.push(body),
                        Err(error) => {
                            failure = Some(error.describe());
                            break;
                        }
                    }
                }
                if failure.is_some() {
                    continue;
                }
                match parse(&bodies) {
                    Ok(data) => {
                        let now = http::now();
                        for (url, body) in urls.iter().zip(&bodies) {
                            storage::write(url, body, now);
                        }
                        return Settled::Data {
                            data,
                            provided: Provided::Live { fetched_at: now },
                            failure: None,
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
