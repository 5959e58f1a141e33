//! The timeline's legend: one row per series, its mark then its label (wrapped to fit), rows
//! a fixed height per line so that it lays out the same on every backend.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::series::{line_style, SeriesMark, TimelineSeries, BAND_OPACITY};
use super::{Palette, RenderError};

/// A legend box in the lower-left corner of `area`: one row per series, its mark then its
/// label, wrapped to two lines at most; rows a fixed height per line (the same on every
/// backend).
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
    let font = super::sans(12.0 * scale)
        .color(&palette.text)
        .pos(Pos::new(HPos::Left, VPos::Center));
    let (row, padding, mark_width, gap) = (px(18.0), px(8.0), px(18.0), px(8.0));
    let line = px(15.0);
    // Labels wrap (to two lines at most) to keep the box inside the plot on narrow screens.
    let (area_width, height) = area.dim_in_pixel();
    let room = area_width as i32 - px(10.0) * 2 - 2 * padding - mark_width - gap;
    let labels: Vec<Vec<String>> = series
        .iter()
        .map(|s| wrap_text(area, &s.label, &font, room, 2))
        .collect();
    let text_width = labels
        .iter()
        .flatten()
        .map(|l| {
            area.estimate_text_size(l, &font)
                .map_or(0, |(w, _)| w as i32)
        })
        .max()
        .unwrap_or(0);
    let row_height = |lines: usize| row + line * (lines.max(1) as i32 - 1);
    let box_height = labels.iter().map(|l| row_height(l.len())).sum::<i32>() + 2 * padding;
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
    let mut row_top = top_left.1 + padding;
    for (s, lines) in series.iter().zip(&labels) {
        let y = row_top + row / 2;
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
        for (n, text) in lines.iter().enumerate() {
            area.draw(&Text::new(
                text.as_str(),
                (x + mark_width + gap, y + line * n as i32),
                font.clone(),
            ))?;
        }
        row_top += row_height(lines.len());
    }
    Ok(())
}

/// `text` broken at spaces into lines at most `max_width` pixels wide, `max_lines` at most;
/// the last line is cut with an ellipsis if the text does not fit.
pub(super) fn wrap_text<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    text: &str,
    font: &TextStyle<'_>,
    max_width: i32,
    max_lines: usize,
) -> Vec<String> {
    let fits = |t: &str| {
        area.estimate_text_size(t, font)
            .is_ok_and(|(w, _)| w as i32 <= max_width)
    };
    let mut lines: Vec<String> = Vec::new();
    let mut current = String::new();
    let mut words = text.split(' ').peekable();
    while let Some(word) = words.next() {
        let candidate = if current.is_empty() {
            word.to_owned()
        } else {
            format!("{current} {word}")
        };
        if fits(&candidate) || current.is_empty() {
            current = candidate;
            continue;
        }
        if lines.len() + 1 == max_lines {
            // No room for another line: the rest goes on this one, cut to fit.
            let rest: Vec<&str> = std::iter::once(word).chain(words).collect();
            current = format!("{current} {}", rest.join(" "));
            break;
        }
        lines.push(std::mem::replace(&mut current, word.to_owned()));
    }
    if !current.is_empty() {
        lines.push(current);
    }
    lines
        .into_iter()
        .filter_map(|l| fit_text(area, &l, font, max_width).map(|(t, _)| t))
        .collect()
}

/// `text` cut (with an ellipsis) to at most `max_width` pixels, keeping at least
/// [`MIN_FITTED_CHARS`] characters; `None` when even those do not fit. The cut is found by
/// bisection on its length (a longer cut is never narrower), so a long title costs a handful
/// of text measurements, not one per character.
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
    let cut = |n: usize| {
        chars
            .iter()
            .take(n)
            .collect::<String>()
            .trim_end()
            .to_owned()
            + "…"
    };
    // The longest length known to fit, and the shortest known not to (the whole text).
    let (mut fits, mut too_long) = (MIN_FITTED_CHARS, chars.len());
    if fits >= too_long {
        return None;
    }
    let shortest = cut(fits);
    let shortest_width = width(&shortest);
    if shortest_width > max_width {
        return None;
    }
    let mut best = (shortest, shortest_width);
    while too_long - fits > 1 {
        let middle = fits + (too_long - fits) / 2;
        let candidate = cut(middle);
        let w = width(&candidate);
        if w <= max_width {
            fits = middle;
            best = (candidate, w);
        } else {
            too_long = middle;
        }
    }
    Some(best)
}

/// The fewest characters a cut text keeps: shorter, it would say nothing.
const MIN_FITTED_CHARS: usize = 6;

#[cfg(test)]
mod tests {
    use super::*;
    use plotters::prelude::SVGBackend;

    /// The cut a scan from the longest length down finds: what bisection must agree with.
    fn longest_cut_by_scan<DB: DrawingBackend>(
        area: &DrawingArea<DB, Shift>,
        text: &str,
        font: &TextStyle<'_>,
        max_width: i32,
    ) -> Option<String> {
        let width = |t: &str| {
            area.estimate_text_size(t, font)
                .map_or(i32::MAX, |(w, _)| w as i32)
        };
        if width(text) <= max_width {
            return Some(text.to_owned());
        }
        let chars: Vec<char> = text.chars().collect();
        (MIN_FITTED_CHARS..chars.len()).rev().find_map(|n| {
            let cut = chars
                .iter()
                .take(n)
                .collect::<String>()
                .trim_end()
                .to_owned()
                + "…";
            (width(&cut) <= max_width).then_some(cut)
        })
    }

    #[test]
    fn a_cut_title_is_the_longest_that_fits() {
        let mut svg = String::new();
        let area = SVGBackend::with_string(&mut svg, (400, 100)).into_drawing_area();
        let font = TextStyle::from(crate::render::sans(12.0));
        let titles = [
            "Nationwide internet shutdown in Kazakhstan",
            "Sichuan drought and heat wave force industrial power cuts",
            "Short",
            "Iran  shuts down the internet during the war with Israel",
        ];
        for title in titles {
            let full = area.estimate_text_size(title, &font).unwrap().0 as i32;
            for max_width in (0..=full + 10).step_by(3) {
                let fitted = fit_text(&area, title, &font, max_width);
                assert_eq!(
                    fitted.as_ref().map(|(t, _)| t.clone()),
                    longest_cut_by_scan(&area, title, &font, max_width),
                    "{title:?} in {max_width} px"
                );
                if let Some((text, width)) = fitted {
                    assert!(width <= max_width, "{text:?} is {width} px");
                    assert!(text == title || text.ends_with('…'));
                }
            }
        }
    }
}
