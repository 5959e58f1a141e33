//! The browser side of fetching: HTTP with time limits and retries, the localStorage cache,
//! and the loader that walks a source's fallbacks. Policy lives in [`crate::fetching`].

pub mod http;
pub mod loader;
pub mod storage;
