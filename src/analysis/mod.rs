//! Statistics on model series: pure functions, tested natively.

pub mod baseline;
pub mod disruption;
pub mod event_view;
pub mod hash_rate;
pub mod impact;
pub mod poisson;
pub mod status;
