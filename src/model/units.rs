//! Units of hash rate. The model stores hashes per second (H/s); the UI shows EH/s.

/// Hashes per second in one terahash per second (the unit of blockchain.com and Coin Metrics).
pub const HASHES_PER_TERAHASH: f64 = 1e12;
/// Hashes per second in one exahash per second (the unit the widget displays).
pub const HASHES_PER_EXAHASH: f64 = 1e18;

/// The largest hash rate a source may report before it is rejected as absurd (1,000 ZH/s,
/// over a thousand times the highest rate the network has seen).
pub const MAX_PLAUSIBLE_HASH_RATE: f64 = 1e24;

/// Converts TH/s to H/s.
pub fn terahash_to_hashes(terahashes_per_second: f64) -> f64 {
    terahashes_per_second * HASHES_PER_TERAHASH
}

/// Converts H/s to EH/s for display.
pub fn hashes_to_exahash(hashes_per_second: f64) -> f64 {
    hashes_per_second / HASHES_PER_EXAHASH
}

/// Whether a hash rate in H/s is one a source could really report: finite, positive and not
/// absurdly large.
pub fn is_plausible_hash_rate(hashes_per_second: f64) -> bool {
    hashes_per_second.is_finite()
        && hashes_per_second > 0.0
        && hashes_per_second <= MAX_PLAUSIBLE_HASH_RATE
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn converts_between_units() {
        assert_eq!(terahash_to_hashes(168_385_593.0), 1.68385593e20);
        assert!((hashes_to_exahash(1.68385593e20) - 168.385593).abs() < 1e-9);
    }

    #[test]
    fn plausibility_rejects_nonsense() {
        assert!(is_plausible_hash_rate(1.7e20));
        assert!(is_plausible_hash_rate(1.06e5));
        for bad in [0.0, -1.0, f64::NAN, f64::INFINITY, 1e40] {
            assert!(!is_plausible_hash_rate(bad), "{bad}");
        }
    }
}
