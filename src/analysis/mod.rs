//! Statistics on model series: pure functions, tested natively.

pub mod rolling;
