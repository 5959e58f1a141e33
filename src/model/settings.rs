//! The widget's settings, from the page's query string or an embed's `data-` attributes, and
//! back to a query string for permalinks. A value the widget does not know is reported and
//! replaced by the default, so a typo never blanks the widget.

use super::language::LanguageChoice;
use super::region::country_by_code;
use super::time::{format_date, parse_date, TimeRange, UnixSeconds, DAY, GENESIS_DAY, HOUR};
use crate::model::source::DataMode;

/// Which parts are shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ViewParts {
    /// Map and timeline.
    #[default]
    Both,
    /// The map only.
    Map,
    /// The timeline only.
    Timeline,
}

/// The colour theme.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Theme {
    /// Follows the reader's `prefers-color-scheme`.
    #[default]
    Auto,
    /// Light.
    Light,
    /// Dark.
    Dark,
}

impl Theme {
    /// The setting's value.
    pub fn as_str(self) -> &'static str {
        match self {
            Theme::Auto => "auto",
            Theme::Light => "light",
            Theme::Dark => "dark",
        }
    }
}

/// What the widget opens on when a page sets no range or event.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Opening {
    /// The seed story: Kazakhstan's internet shutdown of January 2022.
    #[default]
    Story,
    /// The last 30 days, in the country of the most recent disruption.
    Latest,
}

impl Opening {
    /// The setting's value: `story` or `latest`.
    pub fn as_str(self) -> &'static str {
        match self {
            Opening::Story => "story",
            Opening::Latest => "latest",
        }
    }

    /// Parses `story` or `latest`.
    pub fn parse(text: &str) -> Option<Self> {
        match text.trim().to_ascii_lowercase().as_str() {
            "story" => Some(Opening::Story),
            "latest" => Some(Opening::Latest),
            _ => None,
        }
    }

    /// The host's choice, fixed when the widget is built (`MINEWATCH_OPENING=latest`), else the
    /// seed story; a page's `opening=` overrides it.
    pub fn host_default() -> Self {
        option_env!("MINEWATCH_OPENING")
            .and_then(Opening::parse)
            .unwrap_or_default()
    }
}

/// Days a `latest` opening shows, today's included.
pub const LATEST_DAYS: i64 = 30;

impl ViewParts {
    /// The setting's value.
    pub fn as_str(self) -> &'static str {
        match self {
            ViewParts::Both => "both",
            ViewParts::Map => "map",
            ViewParts::Timeline => "timeline",
        }
    }

    /// Whether the map is shown.
    pub fn map(self) -> bool {
        self != ViewParts::Timeline
    }

    /// Whether the timeline is shown.
    pub fn timeline(self) -> bool {
        self != ViewParts::Map
    }
}

/// Everything an embed can set.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Settings {
    /// Countries in focus (ISO codes), the first one shown in the timeline.
    pub regions: Vec<&'static str>,
    /// The range the timeline opens on.
    pub range: Option<TimeRange>,
    /// The event the impact panel explains.
    pub event: Option<String>,
    /// Which parts are shown.
    pub view: ViewParts,
    /// The colour theme.
    pub theme: Theme,
    /// The language.
    pub lang: LanguageChoice,
    /// Where data may come from (`None`: not given).
    pub mode: Option<DataMode>,
    /// What to open on when no range or event is set.
    pub opening: Opening,
    /// Whether toolbars, status lines and panels are shown (`false` for tiny embeds).
    pub controls: bool,
    /// The embed's id in the height messages it posts to its parent page.
    pub id: String,
    /// Whether the range asked for reached outside what the data can hold, and was narrowed.
    pub range_narrowed: bool,
}

/// Parses a moment: `YYYY-MM-DD` (midnight UTC) or `YYYY-MM-DDTHH:MMZ`.
pub fn parse_moment(text: &str) -> Option<UnixSeconds> {
    let text = text.trim();
    match text.split_once('T') {
        None => parse_date(text).ok(),
        Some((date, time)) => {
            let time = time.strip_suffix('Z').unwrap_or(time);
            let (h, m) = time.split_once(':')?;
            let (h, m): (i64, i64) = (h.parse().ok()?, m.get(..2)?.parse().ok()?);
            ((0..24).contains(&h) && (0..60).contains(&m))
                .then(|| parse_date(date).ok().map(|d| d + h * HOUR + m * 60))
                .flatten()
        }
    }
}

/// Writes a moment as `YYYY-MM-DD` at midnight, else `YYYY-MM-DDTHH:MMZ`.
pub fn format_moment(t: UnixSeconds) -> String {
    let seconds = t.rem_euclid(DAY);
    if seconds == 0 {
        format_date(t)
    } else {
        format!(
            "{}T{:02}:{:02}Z",
            format_date(t),
            seconds / HOUR,
            (seconds % HOUR) / 60
        )
    }
}

impl Settings {
    /// Settings from name–value pairs (query parameters or `data-` attributes), with a warning
    /// for each value not understood (which falls back to its default).
    pub fn from_pairs<'a>(
        pairs: impl IntoIterator<Item = (&'a str, &'a str)>,
    ) -> (Self, Vec<String>) {
        let mut settings = Settings {
            lang: LanguageChoice::default(),
            controls: true,
            id: "minewatch".into(),
            opening: Opening::host_default(),
            ..Settings::default()
        };
        let mut warnings = Vec::new();
        let mut warn = |name: &str, value: &str, expected: &str| {
            warnings.push(format!(
                "minewatch: ignoring {name}=\"{value}\"; expected {expected}"
            ));
        };
        let (mut from, mut until) = (None, None);
        for (name, value) in pairs {
            let value = value.trim();
            match name {
                "region" => {
                    for code in value.split(',').map(str::trim).filter(|c| !c.is_empty()) {
                        match country_by_code(code) {
                            Some(c) if !settings.regions.contains(&c.code) => {
                                settings.regions.push(c.code)
                            }
                            Some(_) => {}
                            None => {
                                warn(name, code, "a mining country's ISO code (e.g. KZ, US, CN)")
                            }
                        }
                    }
                }
                "from" | "until" => match parse_moment(value) {
                    Some(t) if name == "from" => from = Some(t),
                    Some(t) => until = Some(t),
                    None => warn(name, value, "a date, YYYY-MM-DD or YYYY-MM-DDTHH:MMZ"),
                },
                _ => {
                    if let Err(expected) = settings.set(name, value) {
                        warn(name, value, expected);
                    }
                }
            }
        }
        settings.range = match (from, until) {
            (Some(a), Some(b)) if a < b => Some(TimeRange::new(a, b)),
            (Some(a), Some(b)) => {
                warn(
                    "from/until",
                    &format!("{}/{}", format_moment(a), format_moment(b)),
                    "from before until",
                );
                None
            }
            (Some(a), None) => Some(TimeRange::new(a, a + 30 * DAY)),
            (None, Some(b)) => Some(TimeRange::new(b - 30 * DAY, b)),
            (None, None) => None,
        };
        (settings, warnings)
    }

    /// Sets the one-valued setting `name` to `value` (a name that is no such setting changes
    /// nothing); `Err` with what it expects when the value is not understood.
    fn set(&mut self, name: &str, value: &str) -> Result<(), &'static str> {
        match name {
            "event" if value.is_empty() || value.len() > 200 => return Err("an event id"),
            "event" => self.event = Some(value.to_owned()),
            "view" => {
                self.view = match value {
                    "both" => ViewParts::Both,
                    "map" => ViewParts::Map,
                    "timeline" => ViewParts::Timeline,
                    _ => return Err("both, map or timeline"),
                }
            }
            "theme" => {
                self.theme = match value {
                    "auto" => Theme::Auto,
                    "light" => Theme::Light,
                    "dark" => Theme::Dark,
                    _ => return Err("auto, light or dark"),
                }
            }
            "lang" => {
                self.lang = LanguageChoice::parse(value).ok_or("en, ru, kk, zh, fa or auto")?
            }
            "mode" => self.mode = Some(DataMode::parse(value).ok_or("auto, live or snapshot")?),
            "opening" => self.opening = Opening::parse(value).ok_or("story or latest")?,
            "controls" => {
                self.controls = match value {
                    "1" | "true" | "yes" | "on" => true,
                    "0" | "false" | "no" | "off" => false,
                    _ => return Err("1 or 0"),
                }
            }
            "id" => {
                let ok = !value.is_empty()
                    && value.len() <= 64
                    && value
                        .chars()
                        .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
                if !ok {
                    return Err("up to 64 letters, digits, - or _");
                }
                self.id = value.to_owned();
            }
            _ => {}
        }
        Ok(())
    }

    /// The range to open on, against `now`: with `opening=latest` and no range or event, the
    /// last [`LATEST_DAYS`] whole days; kept between Bitcoin's genesis and a day after `now`
    /// (no data lies outside), noting when it had to be narrowed; a range wholly outside gives
    /// way to the default view.
    pub fn bound_range(&mut self, now: UnixSeconds) {
        if self.opening == Opening::Latest && self.range.is_none() && self.event.is_none() {
            let end = now.div_euclid(DAY).saturating_add(1).saturating_mul(DAY);
            self.range = Some(TimeRange::new(end - LATEST_DAYS * DAY, end));
        }
        if let Some(range) = self.range {
            let bounded = range.within(GENESIS_DAY, now.saturating_add(DAY));
            self.range_narrowed = bounded != Some(range);
            self.range = bounded;
        }
    }

    /// The settings as query parameters, leaving out defaults (the permalink's query).
    pub fn to_pairs(&self) -> Vec<(&'static str, String)> {
        let mut out = Vec::new();
        if !self.regions.is_empty() {
            out.push(("region", self.regions.join(",")));
        }
        if let Some(range) = self.range {
            out.push(("from", format_moment(range.start)));
            out.push(("until", format_moment(range.end)));
        }
        if let Some(event) = &self.event {
            out.push(("event", event.clone()));
        }
        if self.view != ViewParts::Both {
            out.push(("view", self.view.as_str().to_owned()));
        }
        if self.theme != Theme::Auto {
            out.push(("theme", self.theme.as_str().to_owned()));
        }
        if self.lang != LanguageChoice::default() {
            out.push(("lang", self.lang.as_str().to_owned()));
        }
        if let Some(mode) = self.mode {
            out.push(("mode", mode.as_str().to_owned()));
        }
        if self.range.is_none() && self.opening != Opening::host_default() {
            out.push(("opening", self.opening.as_str().to_owned()));
        }
        if !self.controls {
            out.push(("controls", "0".to_owned()));
        }
        if self.id != "minewatch" {
            out.push(("id", self.id.clone()));
        }
        out
    }
}

/// `text` with `&`, `<`, `>` and `"` escaped for an HTML attribute.
fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// The iframe snippet, with the listener that lets the widget set the frame's height. The
/// listener only accepts a number, and only from its own frame.
pub fn iframe_snippet(permalink: &str, id: &str, height: i32) -> String {
    // The frame's id includes a hash of the link, so two snippets on one page do not clash.
    let hash = permalink.bytes().fold(0x811c_9dc5_u32, |h, b| {
        (h ^ u32::from(b)).wrapping_mul(0x0100_0193)
    });
    let frame = format!("minewatch-frame-{id}-{hash:08x}");
    format!(
        "<iframe id=\"{frame}\" src=\"{src}\" title=\"Bitcoin hash rate and disruptions in mining regions\" \
         loading=\"lazy\" width=\"100%\" height=\"{height}\" style=\"border:0\" scrolling=\"no\" \
         sandbox=\"allow-scripts allow-same-origin allow-downloads allow-popups allow-popups-to-escape-sandbox\" \
         allow=\"clipboard-write\"></iframe>\n\
         <script>window.addEventListener(\"message\",function(e){{var f=document.getElementById(\"{frame}\");\
         if(!f||e.source!==f.contentWindow)return;var d=e.data&&e.data[\"datawrapper-height\"];\
         var h=d&&d[\"{id}\"];if(typeof h===\"number\"&&h>0&&h<20000)f.style.height=Math.ceil(h)+\"px\";}});</script>",
        src = escape(permalink),
        height = height.max(300),
    )
}

/// The script snippet: a `div` with the settings as `data-` attributes, and `embed.js`.
pub fn script_snippet(base: &str, settings: &[(&'static str, String)]) -> String {
    let attributes: String = settings
        .iter()
        .map(|(name, value)| format!(" data-{name}=\"{}\"", escape(value)))
        .collect();
    format!(
        "<div data-minewatch=\"{base}\"{attributes}></div>\n<script src=\"{base}embed.js\" async></script>",
        base = escape(base)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_setting_is_read() {
        let (s, warnings) = Settings::from_pairs([
            ("region", "kz, RU"),
            ("from", "2022-01-01"),
            ("until", "2022-01-12T06:30Z"),
            ("event", "kz-2022-01-05-shutdown"),
            ("view", "timeline"),
            ("theme", "dark"),
            ("lang", "EN"),
            ("mode", "snapshot"),
            ("controls", "0"),
            ("id", "chart-7"),
        ]);
        assert!(warnings.is_empty(), "{warnings:?}");
        assert_eq!(s.regions, ["KZ", "RU"]);
        let range = s.range.unwrap();
        assert_eq!(format_moment(range.start), "2022-01-01");
        assert_eq!(format_moment(range.end), "2022-01-12T06:30Z");
        assert_eq!(s.event.as_deref(), Some("kz-2022-01-05-shutdown"));
        assert_eq!(
            (s.view, s.theme, s.lang),
            (ViewParts::Timeline, Theme::Dark, LanguageChoice::default())
        );
        assert_eq!(s.mode, Some(DataMode::Snapshot));
        assert!(!s.controls);
        assert_eq!(s.id, "chart-7");
    }

    #[test]
    fn bad_values_warn_and_fall_back() {
        let (s, warnings) = Settings::from_pairs([
            ("region", "XX,KZ"),
            ("from", "yesterday"),
            ("view", "3d"),
            ("theme", "neon"),
            ("lang", "fr"),
            ("mode", "turbo"),
            ("controls", "maybe"),
            ("id", "<script>"),
            ("colour", "red"),
        ]);
        assert_eq!(warnings.len(), 8, "{warnings:#?}");
        assert!(warnings[0].contains("region=\"XX\""));
        assert_eq!(s.regions, ["KZ"]);
        assert_eq!(s.range, None);
        assert_eq!(
            (s.view, s.theme, s.lang, s.mode),
            (
                ViewParts::Both,
                Theme::Auto,
                LanguageChoice::default(),
                None
            )
        );
        assert!(s.controls);
        assert_eq!(s.id, "minewatch");
        let (reversed, warnings) =
            Settings::from_pairs([("from", "2022-02-01"), ("until", "2022-01-01")]);
        assert_eq!((reversed.range, warnings.len()), (None, 1));
    }

    #[test]
    fn a_permalink_round_trips() {
        let (s, _) = Settings::from_pairs([
            ("region", "US,KZ"),
            ("from", "2021-12-22"),
            ("until", "2022-01-15T12:00Z"),
            ("theme", "light"),
            ("controls", "0"),
        ]);
        let pairs = s.to_pairs();
        let (back, warnings) = Settings::from_pairs(pairs.iter().map(|(k, v)| (*k, v.as_str())));
        assert!(warnings.is_empty());
        assert_eq!(back, s);
        let defaults = Settings::from_pairs([]).0;
        assert!(defaults.to_pairs().is_empty());
        // One side of the range alone gives 30 days.
        let from_only = Settings::from_pairs([("from", "2022-01-01")])
            .0
            .range
            .unwrap();
        assert_eq!(from_only.span(), 30 * DAY);
    }

    #[test]
    fn the_latest_opening_shows_the_last_30_days_unless_a_page_sets_a_view() {
        let now = parse_date("2026-11-30").unwrap() + 11 * HOUR;
        let (mut latest, warnings) = Settings::from_pairs([("opening", "Latest")]);
        assert!(warnings.is_empty());
        assert_eq!(latest.opening, Opening::Latest);
        assert_eq!(latest.to_pairs(), [("opening", "latest".to_owned())]);
        latest.bound_range(now);
        let range = latest.range.unwrap();
        assert_eq!(format_date(range.start), "2026-11-01");
        assert_eq!(format_date(range.end), "2026-12-01");
        assert!(!latest.range_narrowed);
        for pairs in [
            [("opening", "latest"), ("from", "2022-01-01")],
            [("opening", "latest"), ("event", "kz-2022-01-05-shutdown")],
        ] {
            let (mut set, _) = Settings::from_pairs(pairs);
            let before = set.range;
            set.bound_range(now);
            assert_eq!(set.range, before, "{pairs:?}");
        }
        let (story, warnings) = Settings::from_pairs([("opening", "newest")]);
        assert_eq!(story.opening, Opening::Story);
        assert_eq!(warnings.len(), 1, "{warnings:?}");
    }

    #[test]
    fn ranges_stay_between_genesis_and_tomorrow() {
        let now = parse_moment("2026-11-30T12:00Z").unwrap();
        let (mut absurd, _) =
            Settings::from_pairs([("from", "1900-01-01"), ("until", "2100-01-01")]);
        absurd.bound_range(now);
        assert!(absurd.range_narrowed);
        assert_eq!(
            absurd.range,
            Some(TimeRange::new(GENESIS_DAY, now + DAY)),
            "from the genesis day to a day after now"
        );
        let (mut ahead, _) = Settings::from_pairs([("from", "2090-01-01")]);
        ahead.bound_range(now);
        assert_eq!(
            (ahead.range, ahead.range_narrowed),
            (None, true),
            "the default view"
        );
        let (mut before, _) = Settings::from_pairs([("until", "2001-01-01")]);
        before.bound_range(now);
        assert_eq!(before.range, None);
        // A device whose clock is years behind keeps working.
        let (mut wrong_clock, _) = Settings::from_pairs([("from", "2022-01-01")]);
        wrong_clock.bound_range(0);
        assert_eq!(
            (wrong_clock.range, wrong_clock.range_narrowed),
            (None, true)
        );
        let (mut usual, _) = Settings::from_pairs([("from", "2022-01-01")]);
        usual.bound_range(now);
        assert!(!usual.range_narrowed);
        let (mut none, _) = Settings::from_pairs([]);
        none.bound_range(now);
        assert_eq!((none.range, none.range_narrowed), (None, false));
    }

    #[test]
    fn moments() {
        assert_eq!(parse_moment("2022-01-05T10:30Z"), Some(1_641_378_600));
        assert_eq!(parse_moment("2022-01-05T10:30"), Some(1_641_378_600));
        assert_eq!(parse_moment("2022-01-05T25:00Z"), None);
        assert_eq!(parse_moment("2022-13-05"), None);
        assert_eq!(format_moment(1_641_378_600), "2022-01-05T10:30Z");
    }

    #[test]
    fn snippets_escape_and_check_their_source() {
        let iframe = iframe_snippet("https://example.org/mw/?region=KZ&view=map", "chart-1", 120);
        assert!(iframe.contains("src=\"https://example.org/mw/?region=KZ&amp;view=map\""));
        assert!(iframe.contains("loading=\"lazy\"") && iframe.contains("width=\"100%\""));
        assert!(
            iframe.contains(
                "sandbox=\"allow-scripts allow-same-origin allow-downloads allow-popups \
                 allow-popups-to-escape-sandbox\" allow=\"clipboard-write\""
            ),
            "the same sandbox as embed.js"
        );
        assert!(
            iframe.contains("height=\"300\""),
            "at least 300 px to start"
        );
        assert!(
            iframe.contains("e.source!==f.contentWindow"),
            "only its own frame"
        );
        assert!(iframe.contains("d[\"chart-1\"]"));
        let frame_id = |snippet: &str| snippet.split('"').nth(1).unwrap_or("").to_owned();
        assert!(frame_id(&iframe).starts_with("minewatch-frame-chart-1-"));
        let other = iframe_snippet("https://example.org/mw/?region=US", "chart-1", 120);
        assert_ne!(
            frame_id(&iframe),
            frame_id(&other),
            "two snippets, two frame ids"
        );
        let script = script_snippet(
            "https://example.org/mw/",
            &[("region", "KZ".into()), ("theme", "dark\"".into())],
        );
        assert_eq!(
            script,
            "<div data-minewatch=\"https://example.org/mw/\" data-region=\"KZ\" data-theme=\"dark&quot;\"></div>\n\
             <script src=\"https://example.org/mw/embed.js\" async></script>"
        );
    }
}
