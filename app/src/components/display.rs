//! The 长辈版 switch and the display mode every page reads.
//!
//! The server renders `<html data-display="…">` from the device's cookie, so the first paint is
//! already in the right mode; the browser starts from that attribute, so hydration agrees with
//! what the server sent. Switching changes the attribute (the styles follow), the cookie (the
//! device remembers, even offline) and, when signed in, the account.

use leptos::prelude::*;

use crate::domain::display::DisplayMode;
use crate::i18n::{t, t_string, use_i18n};

/// The page's display mode, provided by the app.
#[derive(Clone, Copy)]
pub struct DisplayState(pub RwSignal<DisplayMode>);

impl DisplayState {
    pub fn provide() {
        provide_context(DisplayState(RwSignal::new(initial_mode())));
    }
}

#[cfg(feature = "ssr")]
fn initial_mode() -> DisplayMode {
    crate::api::display::requested_display_mode()
}

#[cfg(all(feature = "hydrate", not(feature = "ssr")))]
fn initial_mode() -> DisplayMode {
    document()
        .document_element()
        .and_then(|html| html.get_attribute("data-display"))
        .and_then(|code| DisplayMode::from_code(&code))
        .unwrap_or_default()
}

#[cfg(not(any(feature = "ssr", feature = "hydrate")))]
fn initial_mode() -> DisplayMode {
    DisplayMode::default()
}

/// "长辈版" in the standard layout, "退出长辈版" in elder mode: the words say what a tap does.
#[component]
pub fn DisplaySwitch(#[prop(optional)] prominent: bool) -> impl IntoView {
    let i18n = use_i18n();
    let mode = expect_context::<DisplayState>().0;
    let class = if prominent { "display-switch prominent" } else { "display-switch" };
    view! {
        <button
            type="button"
            class=class
            data-mode=move || mode.get().code()
            aria-label=move || match mode.get() {
                DisplayMode::Standard => t_string!(i18n, app.elder_on_label).to_string(),
                DisplayMode::Elder => t_string!(i18n, app.elder_off_label).to_string(),
            }
            on:click=move |_| switch_to(mode, mode.get_untracked().other())
        >
            {move || match mode.get() {
                DisplayMode::Standard => t!(i18n, app.elder_on).into_any(),
                DisplayMode::Elder => t!(i18n, app.elder_off).into_any(),
            }}
        </button>
    }
}

fn switch_to(mode: RwSignal<DisplayMode>, next: DisplayMode) {
    mode.set(next);
    #[cfg(feature = "hydrate")]
    {
        use wasm_bindgen::JsCast;
        let document = document();
        if let Some(html) = document.document_element() {
            let _ = html.set_attribute("data-display", next.code());
        }
        let secure = window().location().protocol().map(|p| p == "https:").unwrap_or(false);
        if let Ok(html_document) = document.dyn_into::<web_sys::HtmlDocument>() {
            let _ = html_document.set_cookie(&next.cookie(secure));
        }
        // The device keeps the choice already; the account learns it when the server is
        // reachable. Offline the request fails and the account keeps its older choice until
        // the next sign-in on this device gives it this one (`settle_at_sign_in`).
        leptos::task::spawn_local(async move {
            let _ = crate::api::display::save_display_mode(next).await;
        });
    }
}

/// The `data-display` value of the document the server is rendering.
pub fn requested_mode_code() -> &'static str {
    initial_mode().code()
}
