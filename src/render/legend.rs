//! The timeline's legend: one row per series, its mark then its label, rows a fixed height
//! apart so that it lays out the same on every backend.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::timeline::{line_style, SeriesMark, TimelineSeries, BAND_OPACITY};
use super::{Palette, RenderError};

/// A legend box in the lower-left corner of `area`: one row per series, its mark then its
/// label, rows a fixed height apart (the same on every backend).
pub(super) fn draw_legend<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    series: &[&TimelineSeries],
    scale: f64,
    palette: &Palette,
) -> Result<(), RenderError> {
    if series.is_empty() {
        return Ok(());
    }
    let px = |css: f64| (css * scale).round() as i32;
    let font = ("sans-serif", 12.0 * scale)
        .into_font()
        .color(&palette.text)
        .pos(Pos::new(HPos::Left, VPos::Center));
    let text_width = series
        .iter()
        .map(|s| {
            area.estimate_text_size(&s.label, &font)
                .map_or(0, |(w, _)| w as i32)
        })
        .max()
        .unwrap_or(0);
    let (row, padding, mark_width, gap) = (px(18.0), px(8.0), px(18.0), px(8.0));
    let (_, height) = area.dim_in_pixel();
    let box_height = row * series.len() as i32 + 2 * padding;
    let top_left = (px(10.0), height as i32 - px(10.0) - box_height);
    let bottom_right = (
        top_left.0 + 2 * padding + mark_width + gap + text_width,
        top_left.1 + box_height,
    );
    area.draw(&Rectangle::new(
        [top_left, bottom_right],
        palette.panel.mix(0.85).filled(),
    ))?;
    area.draw(&Rectangle::new([top_left, bottom_right], palette.grid))?;
    for (i, s) in series.iter().enumerate() {
        let y = top_left.1 + padding + row * i as i32 + row / 2;
        let x = top_left.0 + padding;
        if !s.band.is_empty() {
            area.draw(&Rectangle::new(
                [(x, y - px(5.0)), (x + mark_width, y + px(5.0))],
                s.colour.mix(BAND_OPACITY).filled(),
            ))?;
        }
        match s.mark {
            SeriesMark::Dots => area.draw(&Circle::new(
                (x + mark_width / 2, y),
                px(2.5).max(1),
                s.colour.filled(),
            ))?,
            SeriesMark::Line | SeriesMark::BoldLine => area.draw(&PathElement::new(
                vec![(x, y), (x + mark_width, y)],
                line_style(s, scale),
            ))?,
        }
        area.draw(&Text::new(
            s.label.as_str(),
            (x + mark_width + gap, y),
            font.clone(),
        ))?;
    }
    Ok(())
}
