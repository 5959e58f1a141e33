//! The browser cache of API answers (localStorage). Any failure, such as storage disabled in
//! a sandboxed iframe or a full quota, simply means no cache.

use crate::fetching::cache::{cache_key, CachedBody};

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok()?
}

/// The cached answer for `url`, if any.
pub fn read(url: &str) -> Option<CachedBody> {
    let text = storage()?.get_item(&cache_key(url)).ok()??;
    CachedBody::from_json(&text).ok()
}

/// Keeps `body` as the answer for `url`, fetched at `now`.
pub fn write(url: &str, body: &str, now: i64) {
    let Some(storage) = storage() else {
        return;
    };
    let entry = CachedBody {
        stored_at: now,
        body: body.to_owned(),
    };
    if let Ok(text) = serde_json::to_string(&entry) {
        // A full quota is not an error worth showing: the data is on screen already.
        let _ = storage.set_item(&cache_key(url), &text);
    }
}
