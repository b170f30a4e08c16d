//! When a page's code chunk cannot be fetched.
//!
//! Moving to another page inside the app fetches that page's chunk (see `crate::routes`). If
//! the fetch fails — the phone went offline before the service worker kept the chunk, or a new
//! deploy replaced the files since this page was loaded — the split loader panics, and a
//! panicked WebAssembly module does nothing more. Rather than leave a page that no longer
//! answers, the browser loads the address the person asked for as a whole page: online that is
//! the page itself (with the new build's files); offline the service worker answers with the
//! page's kept copy or the offline page.

/// The words of the split loader's panic when a chunk could not be fetched
/// (`wasm_split_helpers`, `ensure_loaded(..).expect(..)`).
#[cfg(feature = "hydrate")]
const CHUNK_LOAD_FAILED: &str = "load callback should succeed";

/// Installs the panic hook (after `console_error_panic_hook`, which it keeps) and listeners
/// that remember the page asked for: the last link clicked, forgotten on back and forward.
#[cfg(feature = "hydrate")]
pub fn reload_when_a_chunk_cannot_load() {
    use std::cell::RefCell;
    use wasm_bindgen::{closure::Closure, JsCast};

    thread_local! {
        static LAST_LINK: RefCell<Option<String>> = const { RefCell::new(None) };
    }

    // Capture phase: the router's own listener may cancel the click's default, not its capture.
    if let Some(window) = web_sys::window() {
        let remember = Closure::<dyn Fn(web_sys::MouseEvent)>::new(|event: web_sys::MouseEvent| {
            let link = event
                .target()
                .and_then(|target| target.dyn_into::<web_sys::Element>().ok())
                .and_then(|element| element.closest("a[href]").ok().flatten())
                .and_then(|link| link.dyn_into::<web_sys::HtmlAnchorElement>().ok());
            LAST_LINK.with(|last| *last.borrow_mut() = link.map(|link| link.href()));
        });
        let _ = window.add_event_listener_with_callback_and_bool("click", remember.as_ref().unchecked_ref(), true);
        remember.forget();
        let forget = Closure::<dyn Fn(web_sys::Event)>::new(|_: web_sys::Event| LAST_LINK.with(|last| *last.borrow_mut() = None));
        let _ = window.add_event_listener_with_callback("popstate", forget.as_ref().unchecked_ref());
        forget.forget();
    }

    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        previous(info);
        if !info.to_string().contains(CHUNK_LOAD_FAILED) {
            return;
        }
        let Some(location) = web_sys::window().map(|w| w.location()) else { return };
        match LAST_LINK.with(|last| last.borrow().clone()) {
            Some(href) => {
                let _ = location.assign(&href);
            }
            // Back or forward: the address is already the page asked for.
            None => {
                let _ = location.reload();
            }
        }
    }));
}
