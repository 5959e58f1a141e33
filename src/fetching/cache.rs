//! The browser cache of API answers, as plain rules: what an entry holds and how it is checked
//! when read, the keys (one namespace per deployment path, since sites on one origin share
//! its storage), and which entries make way for a new one (the oldest first, within a count
//! and a size).

use crate::model::time::{is_plausible_time, UnixSeconds};

/// The first line of every entry: what it is, and the format's version.
const ENTRY_MAGIC: &str = "minewatch-cache 2";

/// The most entries kept for one deployment.
pub const MAX_ENTRIES: usize = 32;

/// The most characters kept for one deployment (browsers allow about 5 million per origin).
pub const MAX_CHARS: usize = 3_000_000;

/// A response body kept for later reads, with what it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CachedBody {
    /// The source's id (`mempool`, `ioda`, …).
    pub source: String,
    /// The URL it answered.
    pub url: String,
    /// When it was fetched.
    pub stored_at: UnixSeconds,
    /// The body as the server sent it.
    pub body: String,
}

impl CachedBody {
    /// The entry as stored: four header lines (magic, source, URL, time), then the body.
    pub fn to_text(&self) -> String {
        format!(
            "{ENTRY_MAGIC}\n{}\n{}\n{}\n{}",
            self.source, self.url, self.stored_at, self.body
        )
    }

    /// Reads an entry written by [`CachedBody::to_text`] if it is what the caller expects: the
    /// answer of `source` to `url`, stored no later than `now` (a minute's clock skew
    /// allowed). Anything else (another format, another page's entry, a planted one) is no
    /// cache.
    pub fn read(text: &str, source: &str, url: &str, now: UnixSeconds) -> Option<Self> {
        let mut lines = text.splitn(5, '\n');
        let header: Vec<&str> = lines.by_ref().take(4).collect();
        let body = lines.next()?;
        let [magic, stored_source, stored_url, stored_at] = header.as_slice() else {
            return None;
        };
        let stored_at: UnixSeconds = stored_at.parse().ok()?;
        (*magic == ENTRY_MAGIC
            && *stored_source == source
            && *stored_url == url
            && is_plausible_time(stored_at)
            && stored_at <= now.saturating_add(60)
            && !body.trim().is_empty())
        .then(|| Self {
            source: source.to_owned(),
            url: url.to_owned(),
            stored_at,
            body: body.to_owned(),
        })
    }

    /// Whether it is younger than `ttl` seconds at `now` (a time in the future is not fresh).
    pub fn is_fresh(&self, now: UnixSeconds, ttl: UnixSeconds) -> bool {
        (0..ttl).contains(&now.saturating_sub(self.stored_at))
    }
}

/// The prefix of every key of the deployment at `path` (the page's directory).
pub fn key_prefix(path: &str) -> String {
    format!("minewatch:v2:{path}:")
}

/// The storage key of a URL's cached body for the deployment at `path`.
pub fn cache_key(path: &str, url: &str) -> String {
    format!("{}{url}", key_prefix(path))
}

/// The key of the deployment's index of entries.
pub fn index_key(path: &str) -> String {
    format!("minewatch:v2-index:{path}")
}

/// One entry as the index lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IndexEntry {
    /// When it was stored.
    pub stored_at: UnixSeconds,
    /// Its size in characters.
    pub chars: usize,
    /// The URL it answered.
    pub url: String,
}

/// Reads an index (a line `stored_at chars url` per entry); lines that do not read, or give a
/// size larger than the cache may be, are left out, so their entries count as strays and make
/// way first.
pub fn parse_index(text: &str) -> Vec<IndexEntry> {
    text.lines()
        .filter_map(|line| {
            let mut parts = line.splitn(3, ' ');
            Some(IndexEntry {
                stored_at: parts.next()?.parse().ok()?,
                chars: parts.next()?.parse().ok().filter(|c| *c <= MAX_CHARS)?,
                url: parts.next()?.to_owned(),
            })
        })
        .collect()
}

/// Writes an index for [`parse_index`].
pub fn write_index(index: &[IndexEntry]) -> String {
    index
        .iter()
        .map(|e| format!("{} {} {}", e.stored_at, e.chars, e.url))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Plans storing an entry of `chars` characters for `url` at `now`: the index afterwards and
/// the URLs whose entries must go first (the oldest, until the count and size fit). `None`
/// when the entry alone is larger than the cache may be.
pub fn plan_write(
    mut index: Vec<IndexEntry>,
    url: &str,
    chars: usize,
    now: UnixSeconds,
) -> Option<(Vec<IndexEntry>, Vec<String>)> {
    if chars > MAX_CHARS {
        return None;
    }
    index.retain(|e| e.url != url);
    crate::model::order::sort_by_i64(&mut index, |e| e.stored_at);
    let mut total: usize = index.iter().map(|e| e.chars).sum::<usize>() + chars;
    let mut removed = Vec::new();
    while index.len() >= MAX_ENTRIES || total > MAX_CHARS {
        let oldest = index.remove(0);
        total -= oldest.chars;
        removed.push(oldest.url);
    }
    index.push(IndexEntry {
        stored_at: now,
        chars,
        url: url.to_owned(),
    });
    Some((index, removed))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(stored_at: UnixSeconds) -> CachedBody {
        CachedBody {
            source: "ioda".into(),
            url: "https://a/b?c=1".into(),
            stored_at,
            body: "{\"a\":\"é\\n\"}\nline two".into(),
        }
    }

    #[test]
    fn freshness_follows_the_time_to_live() {
        let cached = entry(1_000);
        assert!(cached.is_fresh(1_000, 60));
        assert!(cached.is_fresh(1_059, 60));
        assert!(!cached.is_fresh(1_060, 60));
        assert!(
            !cached.is_fresh(999, 60),
            "stored in the future: a clock changed"
        );
    }

    #[test]
    fn reads_back_only_what_it_expects() {
        let cached = entry(5_000);
        let text = cached.to_text();
        assert_eq!(
            CachedBody::read(&text, "ioda", "https://a/b?c=1", 5_000),
            Some(cached)
        );
        assert_eq!(
            CachedBody::read(&text, "mempool", "https://a/b?c=1", 5_000),
            None,
            "another source's answer"
        );
        assert_eq!(
            CachedBody::read(&text, "ioda", "https://a/b?c=2", 5_000),
            None
        );
        assert_eq!(
            CachedBody::read(&text, "ioda", "https://a/b?c=1", 4_000),
            None,
            "stored in the future"
        );
        for planted in [
            "",
            "minewatch-cache 2\nioda\nhttps://a/b?c=1\n-9223372036854775808\n{}",
            "{\"stored_at\":1,\"body\":\"{}\"}",
            "minewatch-cache 2\nioda\nhttps://a/b?c=1\n1",
            "minewatch-cache 2\nioda\nhttps://a/b?c=1\nsoon\n{}",
            "minewatch-cache 2\nioda\nhttps://a/b?c=1\n1\n  ",
            "minewatch-cache 1\nioda\nhttps://a/b?c=1\n1\n{}",
        ] {
            assert_eq!(
                CachedBody::read(planted, "ioda", "https://a/b?c=1", 5_000),
                None,
                "{planted}"
            );
        }
    }

    #[test]
    fn keys_are_per_deployment() {
        assert_eq!(
            cache_key("/a/", "https://x/y"),
            "minewatch:v2:/a/:https://x/y"
        );
        assert_ne!(cache_key("/a/", "u"), cache_key("/b/", "u"));
        assert!(cache_key("/a/", "u").starts_with(&key_prefix("/a/")));
        assert!(!index_key("/a/").starts_with(&key_prefix("/a/")));
    }

    #[test]
    fn the_index_round_trips_and_skips_what_does_not_read() {
        let index = vec![
            IndexEntry {
                stored_at: 5,
                chars: 10,
                url: "https://a/b?c d".into(),
            },
            IndexEntry {
                stored_at: -1,
                chars: 0,
                url: "u".into(),
            },
        ];
        assert_eq!(parse_index(&write_index(&index)), index);
        assert_eq!(parse_index("x 1 u\n3 y u\n4 5\n6 7 v").len(), 1);
        assert!(
            parse_index("1 4294967295 u\n1 4294967295 v").is_empty(),
            "sizes no entry can have"
        );
    }

    #[test]
    fn the_oldest_make_way_within_count_and_size() {
        let full: Vec<IndexEntry> = (0..MAX_ENTRIES as i64)
            .map(|i| IndexEntry {
                stored_at: 100 - i,
                chars: 10,
                url: format!("u{i}"),
            })
            .collect();
        let (index, removed) = plan_write(full.clone(), "new", 10, 200).unwrap();
        assert_eq!(removed, [format!("u{}", MAX_ENTRIES - 1)], "the oldest");
        assert_eq!(index.len(), MAX_ENTRIES);
        assert_eq!(index.last().map(|e| e.url.as_str()), Some("new"));
        // Rewriting a URL replaces its entry instead of adding one.
        let (index, removed) = plan_write(full.clone(), "u3", 10, 200).unwrap();
        assert!(removed.is_empty());
        assert_eq!(index.len(), MAX_ENTRIES);
        // Size: a large entry pushes out as many old ones as it needs.
        let (index, removed) = plan_write(full, "big", MAX_CHARS - 25, 200).unwrap();
        assert_eq!(removed.len(), 30, "the 30 oldest free 300 characters");
        assert!(index.iter().map(|e| e.chars).sum::<usize>() <= MAX_CHARS);
        assert_eq!(plan_write(Vec::new(), "huge", MAX_CHARS + 1, 0), None);
    }
}
