//! Yew components: they wire state to rendering and hold no logic of their own.

pub mod attribution;
pub mod canvas;
pub mod data_status;
pub mod disruptions;
pub mod impact;
pub mod map;
pub mod share;
pub mod timeline;

pub use attribution::Attribution;
pub use data_status::DataStatus;
pub use disruptions::DisruptionList;
pub use impact::ImpactPanel;
pub use map::WorldMap;
pub use share::{DownloadKind, ShareBar};
pub use timeline::Timeline;

use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use web_sys::{HtmlElement, ResizeObserver};
use yew::prelude::*;

/// The CSS width and height of the element behind `node`, updated by a `ResizeObserver` (0
/// until known): a component redraws its canvas when they change, the app reports its height.
#[hook]
pub fn use_box_size(node: NodeRef) -> (i32, i32) {
    let size = use_state(|| (0_i32, 0_i32));
    {
        let size = size.clone();
        use_effect_with(node, move |node| {
            let element = node.cast::<HtmlElement>();
            let on_resize = {
                let element = element.clone();
                Closure::<dyn FnMut()>::new(move || {
                    if let Some(element) = &element {
                        size.set((element.client_width(), element.offset_height()));
                    }
                })
            };
            let observer = ResizeObserver::new(on_resize.as_ref().unchecked_ref()).ok();
            if let (Some(observer), Some(element)) = (&observer, &element) {
                observer.observe(element);
            }
            move || {
                if let Some(observer) = observer {
                    observer.disconnect();
                }
                drop(on_resize);
            }
        });
    }
    *size
}

/// A pointer's x and y in CSS pixels from the top-left corner of `element`.
pub fn local_position(element: &HtmlElement, client_x: i32, client_y: i32) -> (f64, f64) {
    let rect = element.get_bounding_client_rect();
    (
        f64::from(client_x) - rect.left(),
        f64::from(client_y) - rect.top(),
    )
}
