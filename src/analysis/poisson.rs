//! Exact confidence intervals for Poisson counts (blocks found) and for the ratio of two
//! Poisson rates, from the gamma and beta quantiles of `statrs`.

use statrs::distribution::{Beta, ContinuousCDF, Gamma};

/// The confidence level used throughout the widget.
pub const CONFIDENCE: f64 = 0.95;

/// A two-sided interval `[low, high]`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Interval {
    /// Lower bound.
    pub low: f64,
    /// Upper bound.
    pub high: f64,
}

impl Interval {
    /// Whether `x` lies inside the interval (bounds included).
    pub fn contains(&self, x: f64) -> bool {
        self.low <= x && x <= self.high
    }

    /// The interval with both bounds multiplied by `factor` (≥ 0).
    pub fn scaled(self, factor: f64) -> Self {
        Self {
            low: self.low * factor,
            high: self.high * factor,
        }
    }
}

/// The two tail probabilities of a two-sided interval at `confidence`, or `None` when the
/// level is not strictly between 0 and 1.
fn tails(confidence: f64) -> Option<(f64, f64)> {
    (confidence > 0.0 && confidence < 1.0).then(|| {
        let alpha = 1.0 - confidence;
        (alpha / 2.0, 1.0 - alpha / 2.0)
    })
}

/// The `p` quantile of a gamma distribution with unit rate, `None` for a shape that is not
/// positive and finite.
fn gamma_quantile(shape: f64, p: f64) -> Option<f64> {
    Gamma::new(shape, 1.0).ok().map(|g| g.inverse_cdf(p))
}

/// The `p` quantile of a beta distribution, `None` for shapes that are not positive and finite.
fn beta_quantile(a: f64, b: f64, p: f64) -> Option<f64> {
    Beta::new(a, b).ok().map(|d| d.inverse_cdf(p))
}

/// Garwood's exact interval for the mean of a Poisson count: `[Γ⁻¹(α/2; n), Γ⁻¹(1−α/2; n+1)]`
/// (the chi-square form halved). A count of 0 has lower bound 0. Non-integer counts (block
/// counts implied by a hash rate) use the same formula. `None` for a negative or non-finite
/// count or a confidence outside (0, 1).
pub fn poisson_interval(count: f64, confidence: f64) -> Option<Interval> {
    let (lower_tail, upper_tail) = tails(confidence)?;
    if !(count.is_finite() && count >= 0.0) {
        return None;
    }
    let low = if count == 0.0 {
        0.0
    } else {
        gamma_quantile(count, lower_tail)?
    };
    let high = gamma_quantile(count + 1.0, upper_tail)?;
    Some(Interval { low, high })
}

/// Exact (conditional) interval for the ratio of two Poisson means `μ₁/μ₂` from counts `x₁`,
/// `x₂`: given `x₁ + x₂ = n`, `x₁` is binomial with `p = μ₁/(μ₁+μ₂)`, so the Clopper–Pearson
/// interval for `p` maps to `p/(1−p)`. The upper bound is infinite when `x₂` is 0. `None` when
/// both counts are 0 or either is negative or not finite.
pub fn poisson_ratio_interval(x1: f64, x2: f64, confidence: f64) -> Option<Interval> {
    let (lower_tail, upper_tail) = tails(confidence)?;
    let valid = |x: f64| x.is_finite() && x >= 0.0;
    if !(valid(x1) && valid(x2)) || x1 + x2 == 0.0 {
        return None;
    }
    let p_low = if x1 == 0.0 {
        0.0
    } else {
        beta_quantile(x1, x2 + 1.0, lower_tail)?
    };
    let p_high = if x2 == 0.0 {
        1.0
    } else {
        beta_quantile(x1 + 1.0, x2, upper_tail)?
    };
    let odds = |p: f64| {
        if p >= 1.0 {
            f64::INFINITY
        } else {
            p / (1.0 - p)
        }
    };
    Some(Interval {
        low: odds(p_low),
        high: odds(p_high),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64, tolerance: f64) -> bool {
        (a - b).abs() <= tolerance
    }

    #[test]
    fn garwood_matches_published_tables() {
        // Garwood (1936) / Ulm (1990) 95% limits for a Poisson count, as tabulated in e.g.
        // the Statistics Canada and Public Health England tables: n = 0: 0–3.689;
        // n = 1: 0.0253–5.572; n = 10: 4.795–18.39; n = 100: 81.36–121.63.
        let cases = [
            (0.0, 0.0, 3.689),
            (1.0, 0.0253, 5.572),
            (10.0, 4.795, 18.390),
            (100.0, 81.36, 121.63),
        ];
        for (n, low, high) in cases {
            let interval = poisson_interval(n, 0.95).unwrap();
            assert!(close(interval.low, low, 0.01), "{n}: {interval:?}");
            assert!(close(interval.high, high, 0.01), "{n}: {interval:?}");
        }
    }

    #[test]
    fn a_day_of_blocks_has_about_eight_percent_one_sigma_noise() {
        // 144 blocks: the normal approximation gives 144 ± 1.96·√144 = 120.5 … 167.5; the exact
        // interval is a little wider above and narrower below.
        let interval = poisson_interval(144.0, 0.95).unwrap();
        assert!(close(interval.low, 121.4, 0.3), "{interval:?}");
        assert!(close(interval.high, 169.5, 0.3), "{interval:?}");
        assert!(close(144f64.sqrt() / 144.0, 0.083, 0.001));
    }

    #[test]
    fn rate_ratio_interval_brackets_the_ratio_and_narrows_with_counts() {
        let small = poisson_ratio_interval(10.0, 10.0, 0.95).unwrap();
        let large = poisson_ratio_interval(1000.0, 1000.0, 0.95).unwrap();
        assert!(small.contains(1.0) && large.contains(1.0));
        assert!(large.high - large.low < (small.high - small.low) / 5.0);
        // Symmetric counts give reciprocal bounds.
        assert!(close(large.low * large.high, 1.0, 1e-9), "{large:?}");
        // 1000 vs 1000: log-ratio s.e. √(2/1000) = 0.0447, so about exp(±0.0877).
        assert!(close(large.low, (-0.0877f64).exp(), 0.002), "{large:?}");
    }

    #[test]
    fn degenerate_inputs_are_refused_or_open_ended() {
        assert_eq!(poisson_interval(-1.0, 0.95), None);
        assert_eq!(poisson_interval(f64::NAN, 0.95), None);
        assert_eq!(poisson_interval(5.0, 1.0), None);
        assert_eq!(poisson_ratio_interval(0.0, 0.0, 0.95), None);
        let open = poisson_ratio_interval(3.0, 0.0, 0.95).unwrap();
        assert!(open.high.is_infinite() && open.low > 0.0);
        let zero = poisson_ratio_interval(0.0, 3.0, 0.95).unwrap();
        assert_eq!(zero.low, 0.0);
    }
}
