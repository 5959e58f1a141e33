//! A cached response body with the time it was stored, and how fresh it is.

use serde::Serialize;

use crate::model::json::{self, Field, JsonError};
use crate::model::time::UnixSeconds;

/// A response body kept for later reads, as stored in the browser.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CachedBody {
    /// When it was fetched.
    pub stored_at: UnixSeconds,
    /// The body as the server sent it.
    pub body: String,
}

impl CachedBody {
    /// Reads an entry as [`serde_json::to_string`] writes it.
    pub fn from_json(text: &str) -> Result<Self, JsonError> {
        let document = json::parse(text)?;
        let object = Field::document(&document).object()?;
        Ok(Self {
            stored_at: object.integer("stored_at")?,
            body: object.string("body")?,
        })
    }

    /// Whether it is younger than `ttl` seconds at `now` (a time in the future is not fresh).
    pub fn is_fresh(&self, now: UnixSeconds, ttl: UnixSeconds) -> bool {
        (0..ttl).contains(&(now - self.stored_at))
    }
}

/// The storage key of a URL's cached body (versioned, so a format change starts afresh).
pub fn cache_key(url: &str) -> String {
    format!("minewatch:v1:{url}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn freshness_follows_the_time_to_live() {
        let cached = CachedBody {
            stored_at: 1_000,
            body: "{}".into(),
        };
        assert!(cached.is_fresh(1_000, 60));
        assert!(cached.is_fresh(1_059, 60));
        assert!(!cached.is_fresh(1_060, 60));
        assert!(
            !cached.is_fresh(999, 60),
            "stored in the future: a clock changed"
        );
        assert_eq!(cache_key("https://a/b?c"), "minewatch:v1:https://a/b?c");
    }

    #[test]
    fn reads_back_what_it_stores() {
        let cached = CachedBody {
            stored_at: -5,
            body: "{\"a\":\"é\\n\"}".into(),
        };
        let text = serde_json::to_string(&cached).unwrap();
        assert_eq!(CachedBody::from_json(&text), Ok(cached));
        for broken in [
            "",
            "{",
            "null",
            "{\"stored_at\":1}",
            "{\"stored_at\":1.5,\"body\":\"\"}",
            "{\"stored_at\":1,\"body\":null}",
        ] {
            assert!(CachedBody::from_json(broken).is_err(), "{broken}");
        }
    }
}
