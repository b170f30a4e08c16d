//! An empty page: the smallest hydrating Leptos client.
use leptos::prelude::*;

#[component]
pub fn App() -> impl IntoView {
    view! { <p>"Hello"</p> }
}

#[cfg(feature = "hydrate")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_body(App);
}
