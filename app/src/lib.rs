//! 渝北托育: the Leptos application. Every page renders on the server and hydrates in the browser.
//!
//! Layers, innermost first: `domain` (pure rules) → `store` (the database, server only) →
//! `api` (server functions: who asks → domain → store) → `pages` and `components`.

#![recursion_limit = "256"]

pub mod api;
pub mod app;
pub mod components;
pub mod domain;
pub mod error;
pub mod hydration;
pub mod labels;
pub mod offline;

include!(concat!(env!("OUT_DIR"), "/i18n/mod.rs"));
pub mod pages;
pub mod routes;

#[cfg(feature = "ssr")]
pub mod auth;
#[cfg(feature = "ssr")]
pub mod content;
#[cfg(feature = "ssr")]
pub mod demo;
#[cfg(feature = "ssr")]
pub mod media;
#[cfg(feature = "ssr")]
pub mod state;
#[cfg(feature = "ssr")]
pub mod store;

/// Browser entry point: hydrates the server-rendered page.
///
/// Hydration waits for the chunk of the page's route (see `routes`), so it finishes some time
/// after this returns; then `hydration::finished` starts what waited for it.
#[cfg(feature = "hydrate")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    offline::chunks::reload_when_a_chunk_cannot_load();
    let Some(body) = leptos::prelude::document().body() else { return };
    wasm_bindgen_futures::spawn_local(async move {
        let mounted = leptos::mount::hydrate_from_async(body, app::App).await;
        mounted.forget();
        hydration::finished();
    });
}
