//! What the timeline says at the cursor: the tooltip, and the live region's announcements.

use yew::prelude::*;

use super::{Drawn, TimelineProps};
use crate::model::events::DisruptionEvent;
use crate::model::time::{format_date, format_date_time, UnixSeconds, HOUR};
use crate::model::view::Viewport;
use crate::render::readout::{events_at, readout};
use crate::render::series::{DrawOptions, TimelineData};
use crate::text;

/// "5 Jan 2022 14:00 UTC"-style time for the tooltip and announcements.
fn cursor_label(t: UnixSeconds) -> String {
    format!("{} UTC", format_date_time(t))
}

/// How long an event lasted, in words.
fn duration_words(event: &DisruptionEvent) -> String {
    let hours = (event.end - event.start) as f64 / HOUR as f64;
    if hours >= 48.0 {
        format!("{:.1} days", hours / 24.0)
    } else {
        format!("{hours:.1} hours")
    }
}

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
                .map(|e| format!("during {}", e.title))
                .collect();
            let mut parts = vec![cursor_label(t)];
            parts.extend(events);
            parts.extend(values);
            parts.join("; ")
        }
        None => format!(
            "Showing {} to {} (UTC)",
            format_date(viewport.range.start),
            format_date(viewport.range.end)
        ),
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
            <p class="tooltip-time">{ cursor_label(t) }</p>
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
                        <p><strong>{ event.title.clone() }</strong></p>
                        if compact {
                            <p>{ format!("{}; {}", event.scope, duration_words(event)) }</p>
                        } else {
                            <p>{ format!(
                                "{}{}; {}, {} – {} UTC",
                                event.scope,
                                event.cause.as_ref().map_or(String::new(), |c| format!(", {c}")),
                                duration_words(event),
                                format_date_time(event.start),
                                format_date_time(event.end),
                            ) }</p>
                        }
                        if !sources.is_empty() && !compact {
                            <p>{ format!("Sources: {}", sources.join(", ")) }</p>
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
