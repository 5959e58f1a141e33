//! World geometry as pure data: Natural Earth's country shapes decoded from the compact file
//! the snapshot tool derives, the Equal Earth projection, and hit-testing on the projected
//! shapes.

pub mod hit;
pub mod projection;
pub mod shapes;
