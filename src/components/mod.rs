//! Yew components: they wire state to rendering and hold no logic of their own.

pub mod attribution;
pub mod canvas;
pub mod impact;
pub mod source_status;
pub mod timeline;

pub use attribution::Attribution;
pub use impact::ImpactPanel;
pub use source_status::SourceStatusList;
pub use timeline::Timeline;
