//! How the widget fetches: retry and backoff, cache freshness, the fallback order and the
//! status sentences. Pure logic; the browser side is in `services`.

pub mod cache;
pub mod plan;
pub mod retry;
pub mod summary;
