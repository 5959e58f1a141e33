//! What the timeline says at the cursor: the tooltip, and the live region's announcements.

use yew::prelude::*;

use super::{Drawn, TimelineProps};
use crate::model::time::UnixSeconds;
use crate::model::view::Viewport;
use crate::render::readout::{events_at, readout};
use crate::render::series::{DrawOptions, TimelineData};
use crate::text::{self, event_title, ui};

/// What the live region says after a keyboard command: the cursor's time and values, or the
/// range shown.
pub(super) fn announce(data: &TimelineData, viewport: &Viewport, options: &DrawOptions) -> String {
    match viewport.cursor {
        Some(t) => {
            let values: Vec<String> = readout(data, t, options)
                .into_iter()
                .map(|r| format!("{}: {}", r.label, r.value))
                .collect();
            let events: Vec<String> = events_at(data, t)
                .into_iter()
                .map(|e| ui::during(&event_title(e)))
                .collect();
            let mut parts = vec![ui::cursor_time(t)];
            parts.extend(events);
            parts.extend(values);
            parts.join("; ")
        }
        None => ui::showing(viewport.range.start, viewport.range.end),
    }
}

/// The tooltip at the cursor: time, each series' value with its unit, and the events there
/// with their impact.
pub(super) fn tooltip(
    id: &'static str,
    data: &TimelineData,
    t: UnixSeconds,
    x: f64,
    drawn: Drawn,
    options: &DrawOptions,
    props: &TimelineProps,
) -> Html {
    let width = f64::from(drawn.layout.width) / drawn.ratio;
    let side = if x > width / 2.0 {
        format!("right:{:.1}px", width - x + 12.0)
    } else {
        format!("left:{:.1}px", x + 12.0)
    };
    let rows = readout(data, t, options);
    let events = events_at(data, t);
    // On a phone the tooltip keeps to the essentials, so it stays inside the chart.
    let compact = width < 480.0;
    html! {
        <div class="timeline-tooltip" role="tooltip" id={id} style={side}>
            <p class="tooltip-time">{ ui::cursor_time(t) }</p>
            <ul>
                { for rows.iter().map(|r| {
                    let colour = format!("#{:02X}{:02X}{:02X}", r.colour.0, r.colour.1, r.colour.2);
                    html! {
                        <li>
                            <span class="swatch" style={format!("background:{colour}")} />
                            { format!("{}: ", r.label) }
                            <strong>{ r.value.clone() }</strong>
                        </li>
                    }
                }) }
            </ul>
            { for events.into_iter().map(|event| {
                let impact = props.impacts.get(&event.id);
                let sources: Vec<&str> = event.evidence.iter().map(|e| e.source.as_str()).collect();
                html! {
                    <div class="tooltip-event">
                        <p><strong>{ event_title(event) }</strong></p>
                        <p>{ ui::event_facts(event, compact) }</p>
                        if !sources.is_empty() && !compact {
                            <p>{ ui::sources(&sources) }</p>
                        }
                        if let Some(impact) = impact {
                            <p class="tooltip-impact">{ text::impact_brief(impact, compact) }</p>
                        }
                    </div>
                }
            }) }
        </div>
    }
}
