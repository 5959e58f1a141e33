//! When to try a request again, and how long to wait first: exponential backoff with full
//! jitter, honouring the server's `Retry-After` (with the jitter on top of it).

use crate::model::time::{CivilDate, UnixSeconds};

/// How one attempt at a request ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AttemptError {
    /// The server answered with a status other than 2xx.
    Status {
        /// The HTTP status.
        code: u16,
        /// Its `Retry-After` header, if any.
        retry_after: Option<String>,
    },
    /// No answer: the network failed, or the browser blocked it (CORS).
    Network(String),
    /// No answer within the time limit.
    Timeout {
        /// The limit, in seconds.
        seconds: u32,
    },
    /// The body is larger than any real answer: the bytes it declared, or had sent when reading
    /// stopped.
    TooLarge(u64),
    /// Not sent: the page has used its allowance of requests.
    Limit(usize),
}

impl AttemptError {
    /// Whether trying again may help: rate limits, server errors, network errors, timeouts.
    pub fn is_transient(&self) -> bool {
        match self {
            AttemptError::Status { code, .. } => *code == 429 || (500..600).contains(code),
            AttemptError::Network(_) | AttemptError::Timeout { .. } => true,
            AttemptError::TooLarge(_) | AttemptError::Limit(_) => false,
        }
    }
}

/// Limits on retrying one request.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RetryPolicy {
    /// Attempts in all, the first included.
    pub max_attempts: u32,
    /// Backoff before the first retry, in milliseconds (doubling after each).
    pub base_delay_ms: f64,
    /// Longest backoff, in milliseconds.
    pub max_delay_ms: f64,
    /// A `Retry-After` longer than this (milliseconds) means giving up now, not waiting.
    pub max_retry_after_ms: f64,
    /// Time limit for one attempt, in seconds.
    pub timeout_seconds: u32,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        Self {
            max_attempts: 3,
            base_delay_ms: 500.0,
            max_delay_ms: 8_000.0,
            max_retry_after_ms: 20_000.0,
            timeout_seconds: 10,
        }
    }
}

impl RetryPolicy {
    /// How long to wait before attempt number `attempt + 1` after `error` on attempt number
    /// `attempt` (1-based), or `None` to give up. `jitter` is a random number in `[0, 1)`;
    /// `now` is the current time, for `Retry-After` dates.
    pub fn delay_ms(
        &self,
        attempt: u32,
        error: &AttemptError,
        jitter: f64,
        now: UnixSeconds,
    ) -> Option<f64> {
        if attempt >= self.max_attempts || !error.is_transient() {
            return None;
        }
        // A second timeout means the host is down: waiting longer helps no reader.
        if matches!(error, AttemptError::Timeout { .. }) && attempt >= 2 {
            return None;
        }
        let exponent = attempt.saturating_sub(1).min(20) as i32;
        let backoff = (self.base_delay_ms * 2f64.powi(exponent)).min(self.max_delay_ms);
        let jittered = backoff * jitter.clamp(0.0, 1.0);
        let requested = match error {
            AttemptError::Status {
                retry_after: Some(header),
                ..
            } => parse_retry_after(header, now).map(|s| s as f64 * 1000.0),
            _ => None,
        };
        match requested {
            Some(ms) if ms > self.max_retry_after_ms => None,
            // The server's wait, and the jittered backoff on top: readers told the same
            // `Retry-After` do not all come back in the same instant.
            Some(ms) => Some(ms + jittered),
            None => Some(jittered),
        }
    }
}

/// Seconds to wait according to a `Retry-After` header: delta-seconds (`120`) or an HTTP date
/// (`Wed, 21 Oct 2015 07:28:00 GMT`), relative to `now`. A past date means zero.
pub fn parse_retry_after(header: &str, now: UnixSeconds) -> Option<UnixSeconds> {
    let header = header.trim();
    if let Ok(seconds) = header.parse::<u32>() {
        return Some(seconds.into());
    }
    let date = parse_http_date(header)?;
    Some((date - now).max(0))
}

/// Parses an IMF-fixdate such as `Wed, 21 Oct 2015 07:28:00 GMT`.
fn parse_http_date(text: &str) -> Option<UnixSeconds> {
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let (_, rest) = text.split_once(',')?;
    let parts: Vec<&str> = rest.split_whitespace().collect();
    let [day, month, year, time, "GMT"] = parts.as_slice() else {
        return None;
    };
    let month = MONTHS.iter().position(|m| m == month)? as u32 + 1;
    let date = CivilDate {
        year: year.parse().ok()?,
        month,
        day: day.parse().ok()?,
    };
    if date.day == 0 || date.day > date.days_in_month() {
        return None;
    }
    let mut clock = time.split(':').map(|f| f.parse::<i64>().ok());
    let (Some(Some(h)), Some(Some(m)), Some(Some(s))) = (clock.next(), clock.next(), clock.next())
    else {
        return None;
    };
    if h > 23 || m > 59 || s > 60 {
        return None;
    }
    Some(date.to_unix() + h * 3600 + m * 60 + s)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn status(code: u16, retry_after: Option<&str>) -> AttemptError {
        AttemptError::Status {
            code,
            retry_after: retry_after.map(str::to_owned),
        }
    }

    #[test]
    fn retries_only_what_may_pass() {
        let policy = RetryPolicy::default();
        for error in [
            status(429, None),
            status(500, None),
            status(503, None),
            AttemptError::Network("Failed to fetch".into()),
            AttemptError::Timeout { seconds: 10 },
        ] {
            assert!(policy.delay_ms(1, &error, 0.5, 0).is_some(), "{error:?}");
        }
        for error in [status(404, None), status(400, None), status(403, None)] {
            assert_eq!(policy.delay_ms(1, &error, 0.5, 0), None, "{error:?}");
        }
        assert_eq!(
            policy.delay_ms(3, &status(500, None), 0.5, 0),
            None,
            "attempts used up"
        );
        let timeout = AttemptError::Timeout { seconds: 10 };
        assert!(policy.delay_ms(1, &timeout, 0.5, 0).is_some());
        assert_eq!(
            policy.delay_ms(2, &timeout, 0.5, 0),
            None,
            "one retry after a timeout"
        );
    }

    #[test]
    fn backoff_doubles_with_full_jitter_and_a_cap() {
        let policy = RetryPolicy::default();
        let error = status(503, None);
        assert_eq!(policy.delay_ms(1, &error, 1.0, 0), Some(500.0));
        assert_eq!(policy.delay_ms(2, &error, 1.0, 0), Some(1000.0));
        assert_eq!(policy.delay_ms(2, &error, 0.25, 0), Some(250.0));
        assert_eq!(policy.delay_ms(1, &error, 0.0, 0), Some(0.0));
        let patient = RetryPolicy {
            max_attempts: 30,
            ..policy
        };
        assert_eq!(patient.delay_ms(25, &error, 1.0, 0), Some(8_000.0));
    }

    #[test]
    fn honours_retry_after() {
        let policy = RetryPolicy::default();
        assert_eq!(
            policy.delay_ms(1, &status(429, Some("2")), 0.0, 0),
            Some(2_000.0)
        );
        assert_eq!(
            policy.delay_ms(1, &status(429, Some("2")), 0.5, 0),
            Some(2_250.0),
            "the backoff's jitter on top"
        );
        assert_eq!(
            policy.delay_ms(1, &status(429, Some("3600")), 0.1, 0),
            None,
            "too long"
        );
        let now = 1_445_412_470; // 07:27:50 on 21 Oct 2015
        assert_eq!(
            parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT", now),
            Some(10)
        );
        assert_eq!(
            parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT", now + 100),
            Some(0)
        );
        assert_eq!(parse_retry_after(" 7 ", 0), Some(7));
        for bad in [
            "soon",
            "-1",
            "Wed, 32 Oct 2015 07:28:00 GMT",
            "Wed, 21 Oct 2015 25:00:00 GMT",
        ] {
            assert_eq!(parse_retry_after(bad, 0), None, "{bad}");
        }
    }
}
