//! The curated catalogue: disruptions written by hand from public reports, each claim tied to
//! the source that makes it. The facts are those listed in `shared/data/PROVENANCE.md`.

use crate::model::events::{DisruptionEvent, EventOrigin, Evidence};
use crate::model::time::{parse_date, UnixSeconds, HOUR};

const CLOUDFLARE_KZ: &str =
    "https://blog.cloudflare.com/internet-shut-down-in-kazakhstan-amid-unrest/";
const RIPE_LABS_KZ: &str =
    "https://labs.ripe.net/author/emileaben/the-kazakhstan-outage-as-seen-from-ripe-atlas/";
const COINDESK_KZ: &str = "https://www.coindesk.com/business/2022/01/06/kazakhstans-hashrate-drops-as-internet-blackout-persists-amid-nationwide-protests/";

/// `date` at `hour:minute` UTC.
fn at(date: &str, hour: i64, minute: i64) -> Option<UnixSeconds> {
    parse_date(date).ok().map(|d| d + hour * HOUR + minute * 60)
}

fn evidence(source: &str, finding: &str, url: Option<&str>) -> Evidence {
    Evidence {
        source: source.into(),
        finding: finding.into(),
        url: url.map(str::to_owned),
    }
}

/// The curated events, oldest first.
pub fn curated_events() -> Vec<DisruptionEvent> {
    let (Some(mobile_start), Some(shutdown_start), Some(shutdown_end)) = (
        at("2022-01-04", 14, 30),
        at("2022-01-05", 10, 30),
        at("2022-01-11", 2, 15),
    ) else {
        return Vec::new();
    };
    vec![
        DisruptionEvent {
            id: "kz-2022-01-04-mobile".into(),
            country: "KZ".into(),
            start: mobile_start,
            end: shutdown_start,
            title: "Mobile internet restricted in Kazakhstan".into(),
            scope: "Mobile networks".into(),
            cause: Some("Restrictions amid unrest".into()),
            visible_in: vec![],
            origin: EventOrigin::Curated,
            evidence: vec![evidence(
                "Cloudflare",
                "Mobile traffic fell from about 14:30 UTC on 4 January, well below the day before.",
                Some(CLOUDFLARE_KZ),
            )],
        },
        DisruptionEvent {
            id: "kz-2022-01-05-shutdown".into(),
            country: "KZ".into(),
            start: shutdown_start,
            end: shutdown_end,
            title: "Nationwide internet shutdown in Kazakhstan".into(),
            scope: "Country".into(),
            cause: Some("Shutdown amid unrest".into()),
            visible_in: vec!["ping-slash24".into()],
            origin: EventOrigin::Curated,
            evidence: vec![
                evidence(
                    "Cloudflare",
                    "Near-total shutdown after about 10:30 UTC on 5 January, with short partial \
                     restorations during a televised speech on 5–6 January and around midday UTC \
                     on 6 January.",
                    Some(CLOUDFLARE_KZ),
                ),
                evidence(
                    "RIPE Labs (Emile Aben)",
                    "RIPE Atlas saw the outage from about 11:15 UTC on 5 January. Kazakh networks \
                     stayed announced in BGP throughout, so BGP alone misses this shutdown. \
                     Service was largely back on 10 January after 08:00 local time (UTC+6) and \
                     stable from about 02:15 UTC on 11 January.",
                    Some(RIPE_LABS_KZ),
                ),
                evidence(
                    "NetBlocks",
                    "National connectivity at about 5% of ordinary levels until 10 January.",
                    None,
                ),
                evidence(
                    "CoinDesk, quoting BTC.com",
                    "Mining pools reported hash-rate losses of about 10–13% on 5–6 January \
                     (F2Pool −12.8%, AntPool −11.6%): pool figures, not a measured \
                     network-wide fall.",
                    Some(COINDESK_KZ),
                ),
            ],
        },
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_kazakhstan_timeline_is_ordered_and_sourced() {
        let events = curated_events();
        assert_eq!(events.len(), 2);
        assert!(events.windows(2).all(|w| w[0].start <= w[1].start));
        let shutdown = &events[1];
        assert_eq!(shutdown.start, 1_641_378_600, "2022-01-05 10:30 UTC");
        assert_eq!(shutdown.end, 1_641_867_300, "2022-01-11 02:15 UTC");
        for event in &events {
            assert!(event.start < event.end);
            assert!(event.evidence.iter().any(|e| e.url.is_some()));
        }
    }
}
