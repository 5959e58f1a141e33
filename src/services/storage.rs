//! The browser cache of API answers (localStorage), kept small and to this deployment: the
//! rules are in [`crate::fetching::cache`]. Storage disabled (a sandboxed iframe) means no
//! cache; a full one is emptied of our entries, and said once in the console.

use std::cell::Cell;

use web_sys::Storage;

use super::page::page_directory;
use crate::fetching::cache::{
    cache_key, index_key, key_prefix, parse_index, plan_write, write_index, CachedBody,
};
use crate::model::source::SourceId;
use crate::model::time::UnixSeconds;

thread_local! {
    static FULL_REPORTED: Cell<bool> = const { Cell::new(false) };
}

fn storage() -> Option<Storage> {
    web_sys::window()?.local_storage().ok()?
}

/// The cached answer of `source` to `url`, if one is stored and is what it claims to be.
pub fn read(source: SourceId, url: &str, now: UnixSeconds) -> Option<CachedBody> {
    let text = storage()?
        .get_item(&cache_key(&page_directory(), url))
        .ok()??;
    CachedBody::read(&text, source.as_str(), url, now)
}

/// Our keys that the index does not list (an older format, an interrupted write, another
/// page's planting): they make way first.
fn strays(storage: &Storage, prefix: &str, listed: &[String]) -> Vec<String> {
    let count = storage.length().unwrap_or(0);
    (0..count)
        .filter_map(|i| storage.key(i).ok().flatten())
        .filter(|key| key.starts_with("minewatch:v1:") || key.starts_with(prefix))
        .filter(|key| !listed.contains(key))
        .collect()
}

/// Keeps `body` as the answer of `source` to `url`, fetched at `now`.
pub fn write(source: SourceId, url: &str, body: &str, now: UnixSeconds) {
    let Some(storage) = storage() else {
        return;
    };
    let path = page_directory();
    let text = CachedBody {
        source: source.as_str().to_owned(),
        url: url.to_owned(),
        stored_at: now,
        body: body.to_owned(),
    }
    .to_text();
    let index = parse_index(
        &storage
            .get_item(&index_key(&path))
            .ok()
            .flatten()
            .unwrap_or_default(),
    );
    let listed: Vec<String> = index.iter().map(|e| cache_key(&path, &e.url)).collect();
    for key in strays(&storage, &key_prefix(&path), &listed) {
        let _ = storage.remove_item(&key);
    }
    let Some((index, removed)) = plan_write(index, url, text.chars().count(), now) else {
        return;
    };
    for url in removed {
        let _ = storage.remove_item(&cache_key(&path, &url));
    }
    let stored = storage.set_item(&cache_key(&path, url), &text).is_ok()
        && storage
            .set_item(&index_key(&path), &write_index(&index))
            .is_ok();
    if !stored {
        // Full (other sites' entries, or a small quota): ours go, and the page goes on live.
        for entry in &index {
            let _ = storage.remove_item(&cache_key(&path, &entry.url));
        }
        let _ = storage.remove_item(&index_key(&path));
        if !FULL_REPORTED.with(|r| r.replace(true)) {
            web_sys::console::warn_1(
                &"minewatch: the browser's storage is full; answers are not kept for the next visit"
                    .into(),
            );
        }
    }
}
