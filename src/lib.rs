//! minewatch: an embeddable map and timeline of disruptions in Bitcoin mining regions.
//!
//! The modules are layers, each using only itself and those before it (checked by
//! `tools/layers.mjs`, run by `make lint`):
//!
//! `model` → `geo` → `sources` → `analysis` → `fetching` → `state` → `view` → `text` →
//! `render` → `services` → `components` → `app`; the native `snapshot` tool above them all.
//! Everything below `services` is plain Rust, tested natively.

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

/// The WebAssembly heap's allocator: talc, a few KB smaller than the standard library's
/// dlmalloc (and faster).
#[cfg(all(target_arch = "wasm32", not(target_feature = "atomics")))]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

#[cfg(target_arch = "wasm32")]
pub mod app;
#[cfg(target_arch = "wasm32")]
pub mod components;
#[cfg(target_arch = "wasm32")]
pub mod services;
