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

use std::rc::Rc;

use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use web_sys::{HtmlElement, ResizeObserver};
use yew::prelude::*;

/// Data the state shares with the components, compared by identity: the state makes a new
/// value whenever its data change, so props and memos learn whether they did without walking
/// every point and polygon on each render (the cursor re-renders the app as it moves).
#[derive(Debug, Default)]
pub struct Shared<T>(pub Rc<T>);

impl<T> Clone for Shared<T> {
    fn clone(&self) -> Self {
        Shared(Rc::clone(&self.0))
    }
}

impl<T> PartialEq for Shared<T> {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl<T> std::ops::Deref for Shared<T> {
    type Target = T;

    fn deref(&self) -> &T {
        &self.0
    }
}

impl<T> From<&Rc<T>> for Shared<T> {
    fn from(rc: &Rc<T>) -> Self {
        Shared(Rc::clone(rc))
    }
}

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
