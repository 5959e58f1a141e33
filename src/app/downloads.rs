//! The downloads: the view as a PNG or SVG (chart, map and credits) or as CSV.

use crate::analysis::impact::Impacts;
use crate::components::canvas::WidgetBackend;
use crate::components::DownloadKind;
use crate::model::time::format_date;
use crate::render::export::{draw_export, export_height, visible_csv, Export};
use crate::render::map::{share_markers, MapOverlay};
use crate::render::series::{DrawOptions, TimelineData};
use crate::render::Palette;
use crate::services::page::{download, download_png, text_blob};
use crate::state::AppState;
use crate::text::impact::assessment_sentence;
use crate::text::{event_title, ui};
use plotters::prelude::IntoDrawingArea;
use wasm_bindgen::JsCast;
use web_sys::HtmlCanvasElement;

/// A canvas of `width` × `height` device pixels, outside the page, to draw a PNG on.
fn offscreen_canvas(width: f64, height: f64) -> Result<HtmlCanvasElement, String> {
    let document = web_sys::window()
        .and_then(|w| w.document())
        .ok_or("no document")?;
    let canvas: HtmlCanvasElement = document
        .create_element("canvas")
        .map_err(|_| "no canvas")?
        .dyn_into()
        .map_err(|_| "no canvas")?;
    canvas.set_width(width.round() as u32);
    canvas.set_height(height.round() as u32);
    Ok(canvas)
}

/// Draws the view for a download and offers it: PNG at twice the screen's resolution or more,
/// SVG, or the visible data as CSV.
pub(super) fn export(
    state: &AppState,
    timeline: &TimelineData,
    impacts: &Impacts,
    kind: DownloadKind,
    css_width: f64,
) -> Result<(), String> {
    let credits = state.credits();
    let attribution = ui::attribution(&credits);
    let options = DrawOptions::of(state);
    let view = state.viewport.range;
    let stem = format!(
        "minewatch-{}-{}",
        state.country.code,
        format_date(view.start)
    );
    if kind == DownloadKind::Csv {
        // The impact of the selected disruption travels with the data, as a note.
        let notes: Vec<String> = state
            .selected_event()
            .and_then(|event| {
                let impact = impacts.get(&event.id)?;
                Some(format!(
                    "{}: {}",
                    event_title(event),
                    assessment_sentence(impact)
                ))
            })
            .into_iter()
            .collect();
        let csv = visible_csv(timeline, view, &options, &credits, &attribution, &notes);
        let blob = text_blob("text/csv", &csv).ok_or("the CSV could not be made")?;
        download(&format!("{stem}.csv"), &blob);
        return Ok(());
    }
    let map = match &state.map {
        Some(Ok(map)) if state.settings.view.map() => Some(map.clone()),
        _ => None,
    };
    let overlay = map.as_deref().map(|data| MapOverlay {
        markers: state
            .shown_month()
            .map(|m| share_markers(data, m))
            .unwrap_or_default(),
        palette: Palette::of_theme(state.dark),
        ..MapOverlay::at(
            data,
            &state.baselines,
            &state.events,
            state.status_time(),
            state.country.code,
        )
    });
    let map_part = match (&map, &overlay) {
        (Some(data), Some(overlay)) => data.world().map(|bounds| (&**data, bounds, overlay)),
        _ => None,
    };
    let content = Export {
        title: crate::tr!(Title),
        map: map_part,
        timeline: state
            .settings
            .view
            .timeline()
            .then_some((timeline, view, &options)),
        attribution: &attribution,
        palette: Palette::of_theme(state.dark),
    };
    let css_width = css_width.clamp(320.0, 2000.0);
    let css_height = export_height(&content, css_width);
    match kind {
        DownloadKind::Svg => {
            let mut svg = String::new();
            {
                let size = (css_width.round() as u32, css_height.round() as u32);
                let root = WidgetBackend::svg(&mut svg, size).into_drawing_area();
                draw_export(&root, &content, 1.0).map_err(|e| e.to_string())?;
            }
            let blob = text_blob("image/svg+xml", &svg).ok_or("the SVG could not be made")?;
            download(&format!("{stem}.svg"), &blob);
        }
        _ => {
            let scale = web_sys::window()
                .map_or(1.0, |w| w.device_pixel_ratio())
                .max(2.0);
            let canvas = offscreen_canvas(css_width * scale, css_height * scale)?;
            let backend = WidgetBackend::canvas(&canvas).ok_or("no 2D canvas context")?;
            draw_export(&backend.into_drawing_area(), &content, scale)
                .map_err(|e| e.to_string())?;
            download_png(&canvas, format!("{stem}.png"))?;
        }
    }
    Ok(())
}
