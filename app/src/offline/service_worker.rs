//! Registers the service worker after hydration when the server says it is enabled (a
//! `<meta name="tuoyu-sw">` in the page: on in release builds, off under `cargo leptos watch`),
//! and offers to reload when a new build's worker is waiting.

use leptos::prelude::*;

use crate::i18n::{t, use_i18n};

/// "A new version is ready — reload": shown when a new build's worker is waiting.
#[component]
pub fn UpdateBanner() -> impl IntoView {
    let i18n = use_i18n();
    // Set when a new version's worker waits to take over.
    let ready = RwSignal::new(false);
    #[cfg(feature = "hydrate")]
    crate::hydration::after_hydration(move || device::register(ready));
    view! {
        <Show when=move || ready.get()>
            <div class="update-banner" role="status">
                <span>{t!(i18n, offline.update_ready)}</span>
                <button type="button" class="small" on:click=move |_| {
                    #[cfg(feature = "hydrate")]
                    device::activate_waiting();
                }>{t!(i18n, offline.reload)}</button>
            </div>
        </Show>
    }
}

/// Asks the service worker to keep these family addresses for offline use (best effort; the
/// server and worker decide nothing else from it).
pub fn keep_for_offline(urls: &[String]) {
    #[cfg(feature = "hydrate")]
    device::keep(urls);
    #[cfg(not(feature = "hydrate"))]
    let _ = urls;
}

#[cfg(feature = "hydrate")]
mod device {
    use leptos::prelude::*;
    use wasm_bindgen::closure::Closure;
    use wasm_bindgen::{JsCast, JsValue};

    /// The worker's address from the page, when the server enabled it.
    fn worker_url() -> Option<String> {
        let document = web_sys::window()?.document()?;
        document.query_selector("meta[name=\"tuoyu-sw\"]").ok()??.get_attribute("content")
    }

    fn container() -> Option<web_sys::ServiceWorkerContainer> {
        let navigator = web_sys::window()?.navigator();
        // Browsers without service workers (some in-app browsers) simply go without.
        if js_sys::Reflect::has(&navigator, &JsValue::from_str("serviceWorker")).ok()? {
            Some(navigator.service_worker())
        } else {
            None
        }
    }

    pub fn register(ready: RwSignal<bool>) {
        let (Some(url), Some(container)) = (worker_url(), container()) else { return };
        // The new worker took over after the person chose "reload": load the page again with
        // the new files. (The first worker taking control of a page needs no reload.)
        let reload = Closure::<dyn Fn()>::new(|| {
            if RELOAD_REQUESTED.load(std::sync::atomic::Ordering::SeqCst) {
                if let Some(window) = web_sys::window() {
                    let _ = window.location().reload();
                }
            }
        });
        let promise = container.register(&url);
        let on_registered = Closure::<dyn FnMut(JsValue)>::new(move |value: JsValue| {
            let Ok(registration) = value.dyn_into::<web_sys::ServiceWorkerRegistration>() else { return };
            let has_controller = container_controlled();
            if registration.waiting().is_some() && has_controller {
                ready.set(true);
            }
            let registration_for_update = registration.clone();
            let on_update = Closure::<dyn Fn()>::new(move || {
                let Some(installing) = registration_for_update.installing() else { return };
                let worker = installing.clone();
                let on_state = Closure::<dyn Fn()>::new(move || {
                    if worker.state() == web_sys::ServiceWorkerState::Installed && container_controlled() {
                        ready.set(true);
                    }
                });
                installing.set_onstatechange(Some(on_state.as_ref().unchecked_ref()));
                on_state.forget();
            });
            registration.set_onupdatefound(Some(on_update.as_ref().unchecked_ref()));
            on_update.forget();
        });
        let _ = promise.then(&on_registered);
        on_registered.forget();
        if let Some(container) = self::container() {
            container.set_oncontrollerchange(Some(reload.as_ref().unchecked_ref()));
        }
        reload.forget();
    }

    fn container_controlled() -> bool {
        container().and_then(|c| c.controller()).is_some()
    }

    static RELOAD_REQUESTED: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

    /// Asks the active worker to keep copies of these family addresses (pages and reads) for
    /// offline use. Without a worker (or service workers) nothing happens.
    pub fn keep(urls: &[String]) {
        let Some(container) = container() else { return };
        let Ok(promise) = container.ready() else { return };
        let list = js_sys::Array::new();
        for url in urls {
            list.push(&JsValue::from_str(url));
        }
        let on_ready = Closure::<dyn FnMut(JsValue)>::new(move |value: JsValue| {
            let Ok(registration) = value.dyn_into::<web_sys::ServiceWorkerRegistration>() else { return };
            if let Some(active) = registration.active() {
                let message = js_sys::Object::new();
                let _ = js_sys::Reflect::set(&message, &JsValue::from_str("type"), &JsValue::from_str("keep"));
                let _ = js_sys::Reflect::set(&message, &JsValue::from_str("urls"), &list);
                let _ = active.post_message(&message);
            }
        });
        let _ = promise.then(&on_ready);
        on_ready.forget();
    }

    /// Tells the waiting worker to take over; the page reloads on `controllerchange`.
    pub fn activate_waiting() {
        RELOAD_REQUESTED.store(true, std::sync::atomic::Ordering::SeqCst);
        let Some(container) = container() else { return };
        let promise = container.ready();
        let on_ready = Closure::<dyn FnMut(JsValue)>::new(move |value: JsValue| {
            let Ok(registration) = value.dyn_into::<web_sys::ServiceWorkerRegistration>() else { return };
            if let Some(waiting) = registration.waiting() {
                let message = js_sys::Object::new();
                let _ = js_sys::Reflect::set(&message, &JsValue::from_str("type"), &JsValue::from_str("skip-waiting"));
                let _ = waiting.post_message(&message);
            }
        });
        if let Ok(promise) = promise {
            let _ = promise.then(&on_ready);
        }
        on_ready.forget();
    }
}

/// "Add to home screen" for browsers that offer installing (the `beforeinstallprompt` event);
/// elsewhere (WeChat's browser, Safari) nothing shows and everything works in the tab.
#[component]
pub fn InstallHint() -> impl IntoView {
    let i18n = use_i18n();
    let offered = RwSignal::new(false);
    #[cfg(feature = "hydrate")]
    crate::hydration::after_hydration(move || install::listen(offered));
    view! {
        <Show when=move || offered.get()>
            <div class="install-hint" role="status">
                <span>{t!(i18n, offline.install_hint)}</span>
                <button type="button" class="small" on:click=move |_| {
                    #[cfg(feature = "hydrate")]
                    install::prompt();
                    offered.set(false);
                }>{t!(i18n, offline.install)}</button>
            </div>
        </Show>
    }
}

#[cfg(feature = "hydrate")]
mod install {
    use std::cell::RefCell;

    use leptos::prelude::*;
    use wasm_bindgen::closure::Closure;
    use wasm_bindgen::{JsCast, JsValue};

    thread_local! {
        /// The browser's deferred install prompt, kept until the person taps "install".
        static DEFERRED: RefCell<Option<web_sys::Event>> = const { RefCell::new(None) };
    }

    pub fn listen(offered: RwSignal<bool>) {
        let Some(window) = web_sys::window() else { return };
        let on_prompt = Closure::<dyn Fn(web_sys::Event)>::new(move |event: web_sys::Event| {
            event.prevent_default();
            DEFERRED.with(|d| *d.borrow_mut() = Some(event));
            offered.set(true);
        });
        let _ = window.add_event_listener_with_callback("beforeinstallprompt", on_prompt.as_ref().unchecked_ref());
        on_prompt.forget();
    }

    pub fn prompt() {
        let Some(event) = DEFERRED.with(|d| d.borrow_mut().take()) else { return };
        if let Ok(prompt) = js_sys::Reflect::get(&event, &JsValue::from_str("prompt")) {
            if let Some(prompt) = prompt.dyn_ref::<js_sys::Function>() {
                let _ = prompt.call0(&event);
            }
        }
    }
}
