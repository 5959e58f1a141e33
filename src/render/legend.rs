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
    let (row, padding, mark_width, gap) = (px(18.0), px(8.0), px(18.0), px(8.0));
    // Labels are cut to keep the box inside the plot (narrow screens).
    let (area_width, _) = area.dim_in_pixel();
    let room = area_width as i32 - px(10.0) * 2 - 2 * padding - mark_width - gap;
    let labels: Vec<String> = series
        .iter()
        .map(|s| fit_text(area, &s.label, &font, room).map_or_else(String::new, |(t, _)| t))
        .collect();
    let text_width = labels
        .iter()
        .map(|l| {
            area.estimate_text_size(l, &font)
                .map_or(0, |(w, _)| w as i32)
        })
        .max()
        .unwrap_or(0);
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
            labels.get(i).map_or("", String::as_str),
            (x + mark_width + gap, y),
            font.clone(),
        ))?;
    }
    Ok(())
}

/// `text` cut (with an ellipsis) to at most `max_width` pixels.
pub(super) fn fit_text<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    text: &str,
    font: &TextStyle<'_>,
    max_width: i32,
) -> Option<(String, i32)> {
    let width = |t: &str| {
        area.estimate_text_size(t, font)
            .map_or(i32::MAX, |(w, _)| w as i32)
    };
    let full = width(text);
    if full <= max_width {
        return Some((text.to_owned(), full));
    }
    let chars: Vec<char> = text.chars().collect();
    (1..chars.len()).rev().find_map(|n| {
        let cut: String = chars
            .iter()
            .take(n)
            .collect::<String>()
            .trim_end()
            .to_owned()
            + "…";
        let w = width(&cut);
        (w <= max_width && n >= 6).then_some((cut, w))
    })
}
