//! Statistics on model series: pure functions, tested natively.

pub mod baseline;
pub mod rolling;
