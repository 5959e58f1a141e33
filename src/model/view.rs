//! The timeline's viewport and cursor as pure data: zoom, pan, presets and the keyboard
//! commands that drive them. The map reads the same cursor and range.

use super::time::{parse_date, TimeRange, UnixSeconds, DAY, HOUR};

/// The narrowest range the timeline zooms to.
pub const MIN_SPAN: UnixSeconds = 6 * HOUR;

/// Factor of one zoom step (keyboard `+`/`−`, one wheel notch).
pub const ZOOM_STEP: f64 = 1.5;

/// A change to the viewport or cursor.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum ViewCommand {
    /// Show this range (brush selection, preset).
    Show(TimeRange),
    /// Zoom by `factor` (> 1 zooms in) keeping `anchor` at the same place on screen.
    ZoomAround {
        /// The time that stays put.
        anchor: UnixSeconds,
        /// How much narrower the range becomes.
        factor: f64,
    },
    /// Move the range by this many seconds (positive: later).
    Pan(UnixSeconds),
    /// Put the cursor at this time (`None` hides it).
    Cursor(Option<UnixSeconds>),
    /// Move the cursor by this fraction of the range's width (±).
    MoveCursor(f64),
    /// Cursor to the start of the range.
    Home,
    /// Cursor to the end of the range.
    End,
    /// Back to the opening range, cursor hidden.
    Reset,
}

/// Where the timeline looks and points.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Viewport {
    /// The range shown.
    pub range: TimeRange,
    /// The time the cursor is at, if shown.
    pub cursor: Option<UnixSeconds>,
    /// The range the widget opened on, for Reset.
    pub initial: TimeRange,
    /// The range the data cover; zooming out and panning stop at it.
    pub extent: TimeRange,
}

impl Viewport {
    /// A viewport showing `initial` over data that cover `extent`.
    pub fn new(initial: TimeRange, extent: TimeRange) -> Self {
        Self {
            range: initial,
            cursor: None,
            initial,
            extent: TimeRange::new(extent.start.min(initial.start), extent.end.max(initial.end)),
        }
    }

    /// The viewport showing `range`, cursor hidden, the extent widened to hold it (a jump to
    /// a disruption the data loaded so far may not reach yet).
    pub fn showing(&self, range: TimeRange) -> Self {
        Self {
            range,
            cursor: None,
            initial: self.initial,
            extent: TimeRange::new(
                self.extent.start.min(range.start),
                self.extent.end.max(range.end),
            ),
        }
    }

    /// `range` kept at least [`MIN_SPAN`] wide and inside the extent (shifted, not squeezed,
    /// where it fits).
    fn bounded(&self, range: TimeRange) -> TimeRange {
        let extent = self.extent;
        let span = range.span().max(MIN_SPAN).min(extent.span().max(MIN_SPAN));
        let centre = range.start + range.span() / 2;
        let start = (centre - span / 2).clamp(extent.start, (extent.end - span).max(extent.start));
        TimeRange::new(start, start + span)
    }

    /// The viewport after `command`.
    pub fn apply(&self, command: ViewCommand) -> Self {
        let mut next = *self;
        match command {
            ViewCommand::Show(range) => next.range = self.bounded(range),
            ViewCommand::ZoomAround { anchor, factor } => {
                if factor.is_finite() && factor > 0.0 {
                    let r = self.range;
                    let left = (anchor - r.start) as f64 / factor;
                    let right = (r.end - anchor) as f64 / factor;
                    let zoomed =
                        TimeRange::new(anchor - left.round() as i64, anchor + right.round() as i64);
                    next.range = if zoomed.span() < MIN_SPAN {
                        let share = (anchor - r.start) as f64 / r.span().max(1) as f64;
                        let start = anchor - (share * MIN_SPAN as f64).round() as i64;
                        self.bounded(TimeRange::new(start, start + MIN_SPAN))
                    } else {
                        self.bounded(zoomed)
                    };
                }
            }
            ViewCommand::Pan(seconds) => {
                next.range = self.bounded(TimeRange::new(
                    self.range.start + seconds,
                    self.range.end + seconds,
                ));
            }
            ViewCommand::Cursor(t) => next.cursor = t,
            ViewCommand::MoveCursor(fraction) => {
                let r = self.range;
                let from = self.cursor.unwrap_or(r.start + r.span() / 2);
                let moved = from + (fraction * r.span() as f64).round() as i64;
                next.cursor = Some(moved.clamp(r.start, r.end));
            }
            ViewCommand::Home => next.cursor = Some(self.range.start),
            ViewCommand::End => next.cursor = Some(self.range.end),
            ViewCommand::Reset => {
                next.range = self.initial;
                next.cursor = None;
            }
        }
        if let Some(t) = next.cursor {
            if !(next.range.start..=next.range.end).contains(&t) {
                next.cursor = None;
            }
        }
        next
    }

    /// The time at `x` in a plot spanning `left..right` (any unit), clamped to the range.
    pub fn time_at(&self, x: f64, left: f64, right: f64) -> UnixSeconds {
        let width = right - left;
        let fraction = if width > 0.0 {
            ((x - left) / width).clamp(0.0, 1.0)
        } else {
            0.0
        };
        self.range.start + (fraction * self.range.span() as f64).round() as i64
    }

    /// Where `t` falls in a plot spanning `left..right`.
    pub fn x_of(&self, t: UnixSeconds, left: f64, right: f64) -> f64 {
        left + (t - self.range.start) as f64 / self.range.span().max(1) as f64 * (right - left)
    }
}

/// Which range a preset is ([`crate::text::ui::preset`] names it).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PresetKind {
    /// The last 7 days.
    Week,
    /// The last 30 days.
    Month,
    /// The last 365 days.
    Year,
    /// All of the data.
    All,
    /// The Kazakhstan shutdown of January 2022.
    Kazakhstan2022,
}

/// A range the reader can jump to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Preset {
    /// Which it is.
    pub kind: PresetKind,
    /// The range it shows.
    pub range: TimeRange,
}

/// The range presets for data ending at `extent.end`: the last 7 days, 30 days and year, all
/// of it, and the Kazakhstan shutdown of January 2022.
pub fn presets(extent: TimeRange) -> Vec<Preset> {
    let last = |kind, days: i64| Preset {
        kind,
        range: TimeRange::new((extent.end - days * DAY).max(extent.start), extent.end),
    };
    let mut out = vec![
        last(PresetKind::Week, 7),
        last(PresetKind::Month, 30),
        last(PresetKind::Year, 365),
        Preset {
            kind: PresetKind::All,
            range: extent,
        },
    ];
    if let (Ok(start), Ok(end)) = (parse_date("2021-12-22"), parse_date("2022-01-15")) {
        out.push(Preset {
            kind: PresetKind::Kazakhstan2022,
            range: TimeRange::new(start, end),
        });
    }
    out
}

/// The command a key press stands for on the focused timeline: arrows move the cursor (Shift
/// for bigger steps), `+`/`−` zoom around it, Home/End jump, PageUp/PageDown pan, Escape resets.
pub fn command_for_key(key: &str, shift: bool, viewport: &Viewport) -> Option<ViewCommand> {
    let r = viewport.range;
    let anchor = viewport.cursor.unwrap_or(r.start + r.span() / 2);
    let step = if shift { 0.1 } else { 0.01 };
    Some(match key {
        "ArrowLeft" => ViewCommand::MoveCursor(-step),
        "ArrowRight" => ViewCommand::MoveCursor(step),
        "+" | "=" => ViewCommand::ZoomAround {
            anchor,
            factor: ZOOM_STEP,
        },
        "-" | "_" => ViewCommand::ZoomAround {
            anchor,
            factor: 1.0 / ZOOM_STEP,
        },
        "Home" => ViewCommand::Home,
        "End" => ViewCommand::End,
        "PageUp" => ViewCommand::Pan(-r.span() / 4),
        "PageDown" => ViewCommand::Pan(r.span() / 4),
        "Escape" => ViewCommand::Reset,
        _ => return None,
    })
}

/// The fingers on the chart: each touch pointer's id and x in CSS pixels, in the order they
/// came down.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Touches(Vec<(i32, f64)>);

/// A two-finger pinch: the midpoint between the fingers now, and how far apart they are
/// against before (above 1 when they moved apart).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Pinch {
    /// Midpoint of the two fingers, CSS px.
    pub centre: f64,
    /// Distance now over distance before.
    pub factor: f64,
}

impl Touches {
    /// Puts finger `id` down at `x`.
    pub fn press(&mut self, id: i32, x: f64) {
        self.0.retain(|(i, _)| *i != id);
        self.0.push((id, x));
    }

    /// Lifts finger `id`.
    pub fn lift(&mut self, id: i32) {
        self.0.retain(|(i, _)| *i != id);
    }

    /// How many fingers are down.
    pub fn count(&self) -> usize {
        self.0.len()
    }

    /// Moves finger `id` to `x`; returns the pinch of the first two fingers when both were
    /// and stay more than 10 px apart (closer, a pinch cannot be told from a tap).
    pub fn slide(&mut self, id: i32, x: f64) -> Option<Pinch> {
        let before = self.first_two();
        if let Some(finger) = self.0.iter_mut().find(|(i, _)| *i == id) {
            finger.1 = x;
        }
        let ((a0, b0), (a1, b1)) = (before?, self.first_two()?);
        let (d0, d1) = ((a0 - b0).abs(), (a1 - b1).abs());
        (d0 > 10.0 && d1 > 10.0).then(|| Pinch {
            centre: (a1 + b1) / 2.0,
            factor: d1 / d0,
        })
    }

    fn first_two(&self) -> Option<(f64, f64)> {
        match self.0.as_slice() {
            [(_, a), (_, b), ..] => Some((*a, *b)),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn viewport() -> Viewport {
        Viewport::new(
            TimeRange::new(100 * DAY, 130 * DAY),
            TimeRange::new(0, 1_000 * DAY),
        )
    }

    #[test]
    fn zoom_keeps_the_anchor_in_place_and_stops_at_limits() {
        let v = viewport();
        let anchor = 110 * DAY;
        let zoomed = v.apply(ViewCommand::ZoomAround {
            anchor,
            factor: 2.0,
        });
        assert_eq!(zoomed.range, TimeRange::new(105 * DAY, 120 * DAY));
        let x_before = v.x_of(anchor, 0.0, 600.0);
        let x_after = zoomed.x_of(anchor, 0.0, 600.0);
        assert!((x_before - x_after).abs() < 1e-9);
        let deep = (0..40).fold(v, |v, _| {
            v.apply(ViewCommand::ZoomAround {
                anchor,
                factor: 2.0,
            })
        });
        assert_eq!(deep.range.span(), MIN_SPAN);
        assert!(deep.range.start <= anchor && anchor <= deep.range.end);
        let out = (0..40).fold(v, |v, _| {
            v.apply(ViewCommand::ZoomAround {
                anchor,
                factor: 0.5,
            })
        });
        assert_eq!(out.range, v.extent);
    }

    #[test]
    fn pan_stops_at_the_edges_of_the_data() {
        let v = viewport();
        let later = v.apply(ViewCommand::Pan(5 * DAY));
        assert_eq!(later.range, TimeRange::new(105 * DAY, 135 * DAY));
        let far = v.apply(ViewCommand::Pan(-500 * DAY));
        assert_eq!(far.range, TimeRange::new(0, 30 * DAY));
    }

    #[test]
    fn cursor_moves_jumps_and_resets() {
        let v = viewport().apply(ViewCommand::MoveCursor(0.1));
        assert_eq!(v.cursor, Some(115 * DAY + 3 * DAY));
        assert_eq!(v.apply(ViewCommand::Home).cursor, Some(100 * DAY));
        assert_eq!(v.apply(ViewCommand::End).cursor, Some(130 * DAY));
        let moved = v.apply(ViewCommand::MoveCursor(5.0));
        assert_eq!(moved.cursor, Some(130 * DAY), "clamped to the range");
        let shown = v.apply(ViewCommand::Show(TimeRange::new(0, DAY)));
        assert_eq!(
            shown.cursor, None,
            "a cursor outside the new range is hidden"
        );
        let reset = v.apply(ViewCommand::Pan(3 * DAY)).apply(ViewCommand::Reset);
        assert_eq!(reset.range, v.initial);
        assert_eq!(reset.cursor, None);
    }

    #[test]
    fn brush_ranges_are_widened_to_the_minimum() {
        let v = viewport();
        let brushed = v.apply(ViewCommand::Show(TimeRange::new(
            110 * DAY,
            110 * DAY + HOUR,
        )));
        assert_eq!(brushed.range.span(), MIN_SPAN);
        assert!(brushed.range.start <= 110 * DAY);
    }

    #[test]
    fn pixels_and_times_convert_both_ways() {
        let v = viewport();
        assert_eq!(v.time_at(300.0, 0.0, 600.0), 115 * DAY);
        assert_eq!(v.time_at(-50.0, 0.0, 600.0), 100 * DAY);
        assert_eq!(v.x_of(115 * DAY, 0.0, 600.0), 300.0);
    }

    #[test]
    fn keys_map_to_commands() {
        let v = viewport();
        assert_eq!(
            command_for_key("ArrowRight", false, &v),
            Some(ViewCommand::MoveCursor(0.01))
        );
        assert_eq!(
            command_for_key("ArrowLeft", true, &v),
            Some(ViewCommand::MoveCursor(-0.1))
        );
        assert_eq!(
            command_for_key("+", false, &v),
            Some(ViewCommand::ZoomAround {
                anchor: 115 * DAY,
                factor: ZOOM_STEP
            })
        );
        assert_eq!(
            command_for_key("Escape", false, &v),
            Some(ViewCommand::Reset)
        );
        assert_eq!(command_for_key("a", false, &v), None);
    }

    #[test]
    fn presets_end_at_the_data() {
        let p = presets(TimeRange::new(0, 1_000 * DAY));
        let kinds: Vec<_> = p.iter().map(|p| p.kind).collect();
        assert_eq!(
            kinds,
            [
                PresetKind::Week,
                PresetKind::Month,
                PresetKind::Year,
                PresetKind::All,
                PresetKind::Kazakhstan2022
            ]
        );
        assert_eq!(p[0].range, TimeRange::new(993 * DAY, 1_000 * DAY));
        assert_eq!(p[2].range.span(), 365 * DAY);
        assert_eq!(p[3].range, TimeRange::new(0, 1_000 * DAY));
        let short = presets(TimeRange::new(0, 3 * DAY));
        assert_eq!(short[1].range, TimeRange::new(0, 3 * DAY));
    }

    #[test]
    fn two_fingers_moving_apart_zoom_in_around_their_middle() {
        let mut touches = Touches::default();
        touches.press(1, 100.0);
        assert_eq!(
            touches.slide(1, 110.0),
            None,
            "one finger pans, not pinches"
        );
        touches.press(2, 200.0);
        assert_eq!(touches.count(), 2);
        let pinch = touches.slide(2, 310.0).expect("a pinch");
        assert_eq!(pinch.centre, 210.0);
        assert!((pinch.factor - 200.0 / 90.0).abs() < 1e-9, "{pinch:?}");
        touches.press(3, 0.0);
        assert_eq!(
            touches.slide(3, 5.0),
            Some(Pinch {
                centre: 210.0,
                factor: 1.0
            })
        );
        touches.lift(1);
        touches.lift(2);
        assert_eq!(touches.slide(3, 50.0), None);
        let mut close = Touches::default();
        close.press(1, 100.0);
        close.press(2, 105.0);
        assert_eq!(close.slide(2, 150.0), None, "fingers too close to measure");
    }
}
