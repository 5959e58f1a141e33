//! The browser side: HTTP with time limits and retries, the localStorage cache, the loader that
//! walks a source's fallbacks (policy lives in [`crate::fetching`]), and the page around the
//! widget (settings, URL, embedding, downloads).

pub mod http;
pub mod intl;
pub mod loader;
pub mod page;
pub mod storage;
