//! minewatch: an embeddable map and timeline of disruptions in Bitcoin mining regions.
//!
//! Data flows top to bottom, and everything above the UI is plain Rust tested natively:
//!
//! `sources` (parse public APIs) → `model` (series, units, provenance) → `analysis`
//! (statistics) → `render` (plotters, any `DrawingBackend`) → `components` + `app` (Yew, wasm).

pub mod analysis;
pub mod fetching;
pub mod geo;
pub mod model;
pub mod render;
pub mod sources;
pub mod state;
pub mod text;
pub mod view;

#[cfg(not(target_arch = "wasm32"))]
pub mod snapshot;

#[cfg(target_arch = "wasm32")]
pub mod app;
#[cfg(target_arch = "wasm32")]
pub mod components;
#[cfg(target_arch = "wasm32")]
pub mod services;
