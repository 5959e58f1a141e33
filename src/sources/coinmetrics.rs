//! Coin Metrics community network data (`csv/btc.csv`): daily block count (`BlkCnt`) and
//! estimated hash rate (`HashRate`, TH/s, mean over the UTC day).
//!
//! The CSV has a header naming its columns; [`parse_daily_csv`] finds `date`, `BlkCnt` and
//! `HashRate_THs` (or `HashRate`) by name, so extra columns and their order do not matter.

use super::{check_body, SourceError};
use crate::model::series::SeriesError;
use crate::model::snapshot::DayRecord;
use crate::model::time::parse_date;
use crate::model::units::{is_plausible_hash_rate, terahash_to_hashes};

/// Most blocks that can plausibly be found in one day (the record is far below this).
const MAX_BLOCKS_PER_DAY: u32 = 1_000;

fn row_error(row: usize, message: impl std::fmt::Display) -> SourceError {
    SourceError::Syntax {
        format: "CSV",
        detail: format!("row {row}: {message}"),
    }
}

/// Parses the daily CSV into one record per day, sorted by date.
pub fn parse_daily_csv(body: &str) -> Result<Vec<DayRecord>, SourceError> {
    check_body(body)?;
    let mut lines = body.lines().filter(|l| !l.trim().is_empty());
    let header: Vec<&str> = lines
        .next()
        .ok_or_else(|| SourceError::Shape("no header row".into()))?
        .split(',')
        .map(|h| h.trim().trim_start_matches('\u{feff}'))
        .collect();
    let column = |names: &[&str]| {
        header
            .iter()
            .position(|h| names.contains(h))
            .ok_or_else(|| SourceError::Shape(format!("no {} column", names.join(" or "))))
    };
    let (date_col, blocks_col, rate_col) = (
        column(&["date", "time"])?,
        column(&["BlkCnt"])?,
        column(&["HashRate_THs", "HashRate"])?,
    );

    let mut days = Vec::new();
    for (i, line) in lines.enumerate() {
        let row = i + 2;
        let fields: Vec<&str> = line.split(',').map(str::trim).collect();
        let field = |col: usize| {
            fields
                .get(col)
                .copied()
                .filter(|f| !f.is_empty())
                .ok_or_else(|| row_error(row, format!("missing {}", header[col])))
        };
        let date = field(date_col)?;
        let t = parse_date(date.get(..10).unwrap_or(date)).map_err(|e| row_error(row, e))?;
        let blocks: f64 = field(blocks_col)?
            .parse()
            .map_err(|e| row_error(row, format!("BlkCnt: {e}")))?;
        if !(blocks.fract() == 0.0 && (0.0..=f64::from(MAX_BLOCKS_PER_DAY)).contains(&blocks)) {
            return Err(row_error(row, format!("implausible block count {blocks}")));
        }
        let terahashes: f64 = field(rate_col)?
            .parse()
            .map_err(|e| row_error(row, format!("hash rate: {e}")))?;
        days.push(DayRecord {
            t,
            blocks: Some(blocks as u32),
            hash_rate: terahash_to_hashes(terahashes),
        });
    }

    days.sort_by_key(|d| d.t);
    days.dedup();
    if let Some(repeat) = days.windows(2).find_map(|w| match w {
        [a, b] if a.t == b.t => Some(b.t),
        _ => None,
    }) {
        return Err(SeriesError::ConflictingDuplicate(repeat).into());
    }
    if let Some(bad) = days.iter().find(|d| !is_plausible_hash_rate(d.hash_rate)) {
        return Err(SeriesError::Implausible {
            t: bad.t,
            value: bad.hash_rate,
        }
        .into());
    }
    if days.is_empty() {
        return Err(SeriesError::Empty.into());
    }
    Ok(days)
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "date,BlkCnt,HashRate_THs,PriceUSD\n\
        2021-12-13,141,169588348.357054455517419723646779300580842,46785.3\n\
        2021-12-12,140,168385593.155278493501047224570724274612772,50136.5\n";

    #[test]
    fn parses_rows_by_header_name() {
        let days = parse_daily_csv(SAMPLE).unwrap();
        assert_eq!(days.len(), 2);
        assert_eq!(days[0].t, 1_639_267_200);
        assert_eq!(days[0].blocks, Some(140));
        assert!((days[0].hash_rate - 1.683_855_931_552_785e20).abs() < 1e6);
        let reordered = "PriceUSD,HashRate_THs,BlkCnt,date\n1,168385593.1,140,2021-12-12\n";
        assert_eq!(parse_daily_csv(reordered).unwrap()[0].blocks, Some(140));
    }

    #[test]
    fn rejects_bad_rows() {
        for (body, needle) in [
            ("", "no header"),
            ("date,BlkCnt\n2021-12-12,140\n", "HashRate"),
            (
                "date,BlkCnt,HashRate_THs\n2021-12-12,,1\n",
                "row 2: missing BlkCnt",
            ),
            (
                "date,BlkCnt,HashRate_THs\n2021-12-12,14.5,1\n",
                "implausible block",
            ),
            (
                "date,BlkCnt,HashRate_THs\n2021-12-12,-3,1\n",
                "implausible block",
            ),
            (
                "date,BlkCnt,HashRate_THs\n12/12/2021,140,1\n",
                "not an ISO date",
            ),
            (
                "date,BlkCnt,HashRate_THs\n2021-12-12,140,abc\n",
                "hash rate",
            ),
        ] {
            let err = parse_daily_csv(body).unwrap_err().to_string();
            assert!(err.contains(needle), "{body:?}: {err}");
        }
        let conflicting = "date,BlkCnt,HashRate_THs\n2021-12-12,140,1\n2021-12-12,141,2\n";
        assert!(matches!(
            parse_daily_csv(conflicting),
            Err(SourceError::Series(SeriesError::ConflictingDuplicate(_)))
        ));
    }
}
