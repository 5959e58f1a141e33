//! The widget's entry point, built by Trunk for wasm32.

#[cfg(target_arch = "wasm32")]
fn main() {
    use yew::Renderer;

    use minewatch::app::App;
    use minewatch::services::page::after_next_paint;

    // The skeleton in index.html is painted first (the reader sees the title at once, and it
    // stays the page's largest paint); the widget then takes its place, box for box.
    wasm_bindgen_futures::spawn_local(async {
        after_next_paint().await;
        let root = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.get_element_by_id("minewatch"));
        match root {
            Some(root) => Renderer::<App>::with_root(root).render(),
            None => Renderer::<App>::new().render(),
        };
    });
}

#[cfg(not(target_arch = "wasm32"))]
fn main() -> std::process::ExitCode {
    eprintln!("minewatch is a WebAssembly widget: build and serve it with `make serve`.");
    std::process::ExitCode::from(2)
}
