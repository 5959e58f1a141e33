//! Where the timeline's parts go, in device pixels: computed once from the canvas size, used by
//! the drawing and by the pointer handling, so both agree on which pixel is which time.

/// The timeline's areas, in device pixels from the canvas's top-left corner.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TimelineLayout {
    /// Canvas width.
    pub width: i32,
    /// Canvas height.
    pub height: i32,
    /// Left edge of both plots.
    pub plot_left: i32,
    /// Right edge of both plots.
    pub plot_right: i32,
    /// Top of the lane of event labels.
    pub lane_top: i32,
    /// Top of the hash-rate plot.
    pub hash_top: i32,
    /// Bottom of the hash-rate plot.
    pub hash_bottom: i32,
    /// Top of the connectivity plot.
    pub connectivity_top: i32,
    /// Bottom of the connectivity plot (the time axis labels are below it).
    pub connectivity_bottom: i32,
}

/// Side margins, CSS px.
pub(super) const SIDE_MARGIN: f64 = 12.0;
/// Width of the y-axis labels, CSS px.
pub(super) const Y_LABEL_AREA: f64 = 56.0;
/// Height of the event-label lane, CSS px.
const LANE_HEIGHT: f64 = 18.0;
/// Height of the time axis labels under the lower plot, CSS px.
pub(super) const X_LABEL_AREA: f64 = 36.0;
/// Gap between the two plots, CSS px.
const PANEL_GAP: f64 = 12.0;
/// Share of the plots' height the hash rate gets.
const HASH_SHARE: f64 = 0.6;

impl TimelineLayout {
    /// The layout of a `width` × `height` canvas at `scale` device pixels per CSS pixel.
    pub fn new(width: u32, height: u32, scale: f64) -> Self {
        let px = |css: f64| (css * scale).round() as i32;
        let (width, height) = (width as i32, height as i32);
        let lane_top = px(4.0);
        let hash_top = lane_top + px(LANE_HEIGHT);
        let connectivity_bottom = (height - px(X_LABEL_AREA)).max(hash_top + 2);
        let plots = (connectivity_bottom - hash_top - px(PANEL_GAP)).max(2);
        let hash_bottom = hash_top + (f64::from(plots) * HASH_SHARE).round() as i32;
        Self {
            width,
            height,
            plot_left: px(SIDE_MARGIN + Y_LABEL_AREA),
            plot_right: (width - px(SIDE_MARGIN)).max(px(SIDE_MARGIN + Y_LABEL_AREA) + 1),
            lane_top,
            hash_top,
            hash_bottom,
            connectivity_top: hash_bottom + px(PANEL_GAP),
            connectivity_bottom,
        }
    }

    /// Width of the plots in pixels (at least 1).
    pub fn plot_width(&self) -> usize {
        (self.plot_right - self.plot_left).max(1) as usize
    }
}

/// Where each event label goes along the lane: greedily left to right, a label starts at its
/// band (or the plot's left edge) and is dropped when it would run into the previous one.
/// `bands` are `(band start x, label width)` in pixels, sorted by start; the result is the
/// label's x, or `None` for a dropped label.
pub fn place_labels(
    bands: &[(i32, i32)],
    plot_left: i32,
    plot_right: i32,
    gap: i32,
) -> Vec<Option<i32>> {
    let mut next_free = plot_left;
    bands
        .iter()
        .map(|&(start, width)| {
            let x = start.max(plot_left);
            if x >= next_free && x + width <= plot_right {
                next_free = x + width + gap;
                Some(x)
            } else {
                None
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_plots_share_their_edges_and_fill_the_height() {
        let l = TimelineLayout::new(800, 440, 1.0);
        assert_eq!((l.plot_left, l.plot_right), (68, 788));
        assert!(l.lane_top < l.hash_top && l.hash_top < l.hash_bottom);
        assert!(l.hash_bottom < l.connectivity_top && l.connectivity_top < l.connectivity_bottom);
        assert_eq!(l.connectivity_bottom, 440 - 36);
        let hash = l.hash_bottom - l.hash_top;
        let connectivity = l.connectivity_bottom - l.connectivity_top;
        assert!(hash > connectivity, "{hash} {connectivity}");
        let hidpi = TimelineLayout::new(1600, 880, 2.0);
        assert_eq!(hidpi.plot_left, 2 * l.plot_left);
        assert_eq!(hidpi.connectivity_bottom, 2 * l.connectivity_bottom);
        let tiny = TimelineLayout::new(10, 10, 1.0);
        assert!(tiny.plot_width() >= 1 && tiny.connectivity_bottom > tiny.hash_top);
    }

    #[test]
    fn labels_that_would_collide_are_dropped() {
        let placed = place_labels(&[(0, 100), (150, 100), (200, 50), (400, 500)], 50, 800, 8);
        assert_eq!(placed, [Some(50), None, Some(200), None]);
    }
}
