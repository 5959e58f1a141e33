//! Exact confidence intervals for Poisson counts (blocks found) and for the ratio of two
//! Poisson rates, from gamma and beta quantiles. The special functions behind them are
//! written here, from their textbook definitions (Stirling's series, the series and continued
//! fraction of the incomplete gamma and beta functions, Newton's method and bisection for the
//! quantiles): a statistics crate would bring the sine and its argument reduction into the
//! WebAssembly for branches these positive arguments never take. Native tests check them
//! against `statrs`.

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

/// Relative precision the series and continued fractions stop at.
const EPSILON: f64 = 1e-15;
/// Most terms a series or continued fraction takes (enough for shapes of a million).
const MAX_TERMS: usize = 100_000;
/// Halvings of a quantile's bracket: far below a float's resolution.
const BISECTIONS: usize = 200;
/// Relative change of a gamma quantile's Newton step at which it has converged.
const QUANTILE_PRECISION: f64 = 1e-14;

/// `ln Γ(x)` for `x > 0`: Stirling's series from `x ≥ 10`, reached by `Γ(x+1) = x Γ(x)`.
fn ln_gamma(x: f64) -> f64 {
    let (mut z, mut shift) = (x, 0.0);
    while z < 10.0 {
        shift += z.ln();
        z += 1.0;
    }
    let inverse = 1.0 / z;
    let inverse2 = inverse * inverse;
    let series = inverse
        * (1.0 / 12.0 - inverse2 * (1.0 / 360.0 - inverse2 * (1.0 / 1260.0 - inverse2 / 1680.0)));
    (z - 0.5) * z.ln() - z + 0.5 * (2.0 * std::f64::consts::PI).ln() + series - shift
}

/// Continued fraction evaluated by the modified Lentz method: `b₀ + a₁/(b₁ + a₂/(b₂ + …))`,
/// with `terms(i)` giving `(aᵢ, bᵢ)` for `i ≥ 1`.
fn continued_fraction(b0: f64, terms: impl Fn(usize) -> (f64, f64)) -> f64 {
    const TINY: f64 = 1e-300;
    let guard = |v: f64| if v.abs() < TINY { TINY } else { v };
    let mut f = guard(b0);
    let (mut c, mut d) = (f, 0.0);
    for i in 1..=MAX_TERMS {
        let (a, b) = terms(i);
        d = 1.0 / guard(b + a * d);
        c = guard(b + a / c);
        let delta = c * d;
        f *= delta;
        if (delta - 1.0).abs() < EPSILON {
            break;
        }
    }
    f
}

/// The regularised lower incomplete gamma function `P(a, x)`, `a > 0`: its power series
/// below `x = a + 1`, one minus the continued fraction of the upper function above.
fn gamma_cdf(a: f64, x: f64) -> f64 {
    if x <= 0.0 {
        return 0.0;
    }
    let front = (a * x.ln() - x - ln_gamma(a)).exp();
    if x < a + 1.0 {
        let (mut term, mut sum) = (1.0 / a, 1.0 / a);
        for n in 1..=MAX_TERMS {
            term *= x / (a + n as f64);
            sum += term;
            if term < sum * EPSILON {
                break;
            }
        }
        (front * sum).min(1.0)
    } else {
        // Q(a, x) = front / (x + 1 − a − 1·(1 − a)/(x + 3 − a − 2·(2 − a)/(x + 5 − a − …)))
        let fraction = continued_fraction(x + 1.0 - a, |i| {
            let i = i as f64;
            (-i * (i - a), x + 2.0 * i + 1.0 - a)
        });
        (1.0 - front / fraction).max(0.0)
    }
}

/// The regularised incomplete beta function `I_x(a, b)`, `a, b > 0`, from its continued
/// fraction (on the side of `x` where it converges fast, by `I_x(a, b) = 1 − I_{1−x}(b, a)`).
fn beta_cdf(a: f64, b: f64, x: f64) -> f64 {
    if x <= 0.0 {
        return 0.0;
    }
    if x >= 1.0 {
        return 1.0;
    }
    if x > (a + 1.0) / (a + b + 2.0) {
        return 1.0 - beta_cdf(b, a, 1.0 - x);
    }
    let front =
        (ln_gamma(a + b) - ln_gamma(a) - ln_gamma(b) + a * x.ln() + b * (1.0 - x).ln()).exp() / a;
    // I = front / (1 + d₁/(1 + d₂/(1 + …))), with d₂ₘ₊₁ = −(a+m)(a+b+m)x / ((a+2m)(a+2m+1))
    // and d₂ₘ = m(b−m)x / ((a+2m−1)(a+2m)).
    let fraction = continued_fraction(1.0, |i| {
        let m = (i / 2) as f64;
        let d = if i % 2 == 1 {
            -(a + m) * (a + b + m) * x / ((a + 2.0 * m) * (a + 2.0 * m + 1.0))
        } else {
            m * (b - m) * x / ((a + 2.0 * m - 1.0) * (a + 2.0 * m))
        };
        (d, 1.0)
    });
    (front / fraction).clamp(0.0, 1.0)
}

/// The `x` in `[low, high]` where the increasing `cdf` reaches `p`, by bisection.
fn bisect(cdf: impl Fn(f64) -> f64, p: f64, mut low: f64, mut high: f64) -> f64 {
    for _ in 0..BISECTIONS {
        let middle = low + (high - low) / 2.0;
        if middle <= low || middle >= high {
            break;
        }
        if cdf(middle) < p {
            low = middle;
        } else {
            high = middle;
        }
    }
    low + (high - low) / 2.0
}

/// Where the standard normal distribution reaches `p` (`0 < p < 1`), to about 4.5·10⁻⁴
/// (Abramowitz and Stegun 26.2.23): a starting point for Newton's method, not a result.
fn normal_quantile_estimate(p: f64) -> f64 {
    let tail = p.min(1.0 - p);
    let t = (-2.0 * tail.ln()).sqrt();
    let z = t
        - (2.515_517 + t * (0.802_853 + t * 0.010_328))
            / (1.0 + t * (1.432_788 + t * (0.189_269 + t * 0.001_308)));
    if p < 0.5 {
        -z
    } else {
        z
    }
}

/// The `p` quantile of a gamma distribution with unit rate, `None` for a shape that is not
/// positive and finite. Newton's method on the distribution function from Wilson and
/// Hilferty's cube-root approximation, kept inside a bracket of the root that every step
/// narrows (a step that would leave it bisects instead): three to six evaluations of the
/// distribution function for shapes from 1 to 5,000 at 2.5% and 97.5%, where bisection alone
/// took about sixty.
fn gamma_quantile(shape: f64, p: f64) -> Option<f64> {
    if !(shape.is_finite() && shape > 0.0) {
        return None;
    }
    let (mut low, mut high) = (0.0, shape.max(1.0));
    while gamma_cdf(shape, high) < p {
        low = high;
        high *= 2.0;
    }
    let ninth = 1.0 / (9.0 * shape);
    let mut x = shape * (1.0 - ninth + normal_quantile_estimate(p) * ninth.sqrt()).powi(3);
    if !(low < x && x < high) {
        x = low + (high - low) / 2.0;
    }
    let ln_gamma_shape = ln_gamma(shape);
    for _ in 0..BISECTIONS {
        let excess = gamma_cdf(shape, x) - p;
        if excess < 0.0 {
            low = x;
        } else {
            high = x;
        }
        let density = ((shape - 1.0) * x.ln() - x - ln_gamma_shape).exp();
        let newton = x - excess / density;
        let next = if low < newton && newton < high {
            newton
        } else {
            low + (high - low) / 2.0
        };
        if (next - x).abs() <= QUANTILE_PRECISION * x || next <= low || next >= high {
            return Some(next);
        }
        x = next;
    }
    Some(x)
}

/// The `p` quantile of a beta distribution, `None` for shapes that are not positive and finite.
fn beta_quantile(a: f64, b: f64, p: f64) -> Option<f64> {
    let valid = |s: f64| s.is_finite() && s > 0.0;
    (valid(a) && valid(b)).then(|| bisect(|x| beta_cdf(a, b, x), p, 0.0, 1.0))
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

    /// Relative (or, near zero, absolute) distance.
    #[cfg(not(target_arch = "wasm32"))]
    fn relative(a: f64, b: f64) -> f64 {
        (a - b).abs() / b.abs().max(1e-300).max(1e-3)
    }

    #[test]
    #[cfg(not(target_arch = "wasm32"))]
    fn special_functions_agree_with_statrs() {
        use statrs::distribution::{Beta, ContinuousCDF, Gamma};
        for x in [0.05, 0.3, 0.5, 1.0, 2.5, 9.99, 10.0, 144.0, 5000.0, 1e6] {
            let theirs = statrs::function::gamma::ln_gamma(x);
            assert!(
                (ln_gamma(x) - theirs).abs() < 1e-10 * theirs.abs().max(1.0),
                "lnΓ({x})"
            );
        }
        let shapes = [
            0.3, 1.0, 1.5, 10.0, 144.0, 145.0, 362.0, 2_061.0, 4_891.0, 20_000.0,
        ];
        for a in shapes {
            let gamma = Gamma::new(a, 1.0).unwrap();
            // Far in the tails statrs's own quantile stops short (it bisects to a fixed
            // step), so there the distribution function is the check.
            for p in [1e-9, 1e-6] {
                let x = gamma_quantile(a, p).unwrap();
                assert!(relative(gamma_cdf(a, x), p) < 1e-9, "Γ⁻¹({p}; {a}) = {x}");
                let x = gamma_quantile(a, 1.0 - p).unwrap();
                assert!(
                    relative(1.0 - gamma_cdf(a, x), p) < 1e-4,
                    "Γ⁻¹(1 − {p}; {a}) = {x}"
                );
            }
            for p in [0.025, 0.16, 0.5, 0.84, 0.975] {
                let ours = gamma_quantile(a, p).unwrap();
                let theirs = gamma.inverse_cdf(p);
                assert!(
                    relative(ours, theirs) < 1e-9,
                    "Γ⁻¹({p}; {a}): {ours} vs {theirs}"
                );
                assert!((gamma_cdf(a, ours) - p).abs() < 1e-10);
            }
            for b in shapes {
                let beta = Beta::new(a, b).unwrap();
                for p in [0.025, 0.5, 0.975] {
                    let ours = beta_quantile(a, b, p).unwrap();
                    let theirs = beta.inverse_cdf(p);
                    assert!(
                        relative(ours, theirs) < 1e-8,
                        "B⁻¹({p}; {a}, {b}): {ours} vs {theirs}"
                    );
                }
            }
        }
        assert_eq!(gamma_quantile(0.0, 0.5), None);
        assert_eq!(beta_quantile(1.0, f64::INFINITY, 0.5), None);
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
