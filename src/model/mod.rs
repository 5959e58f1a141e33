//! The one data model every source is normalised to: UTC seconds, hash rate in H/s, and the
//! provenance of each series.

pub mod connectivity;
pub mod events;
pub mod gesture;
pub mod json;
pub mod language;
pub mod manifest;
pub mod order;
pub mod provenance;
pub mod region;
pub mod series;
pub mod settings;
pub mod shares;
pub mod snapshot;
pub mod source;
#[cfg(test)]
pub(crate) mod test_support;
pub mod time;
pub mod units;
pub mod view;
