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
pub mod labels;
pub mod offline;

include!(concat!(env!("OUT_DIR"), "/i18n/mod.rs"));
pub mod pages;

#[cfg(feature = "ssr")]
pub mod auth;
#[cfg(feature = "ssr")]
pub mod demo;
#[cfg(feature = "ssr")]
pub mod state;
#[cfg(feature = "ssr")]
pub mod store;

/// Browser entry point: hydrates the server-rendered page.
#[cfg(feature = "hydrate")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_body(app::App);
}
