//! The moment the page has finished hydrating.
//!
//! Hydration waits for the current page's code chunk (see `routes`), and meanwhile the
//! application-wide parts above the page (header, device queue) already run. Anything that
//! changes what a page shows — loading the device queue — or competes with the page's own
//! downloads — registering the service worker, which fetches every family page's code — waits
//! for this moment: a page must first hydrate exactly as the server rendered it.

#[cfg(feature = "hydrate")]
use std::cell::RefCell;

#[cfg(feature = "hydrate")]
thread_local! {
    /// Work waiting for hydration to finish; `None` once it has.
    static WAITING: RefCell<Option<Vec<Box<dyn FnOnce()>>>> = RefCell::new(Some(Vec::new()));
}

/// Runs `work` once hydration has finished (at once if it has).
#[cfg(feature = "hydrate")]
pub fn after_hydration(work: impl FnOnce() + 'static) {
    let deferred = WAITING.with(|waiting| match waiting.borrow_mut().as_mut() {
        Some(list) => {
            list.push(Box::new(work));
            None
        }
        None => Some(work),
    });
    // Run outside the borrow: the work may itself ask to run something after hydration.
    if let Some(work) = deferred {
        work();
    }
}

/// Marks hydration finished, runs what waited for it, and sets `<body data-hydrated="true">`
/// (tests wait for that marker).
#[cfg(feature = "hydrate")]
pub fn finished() {
    let waiting = WAITING.with(|waiting| waiting.borrow_mut().take()).unwrap_or_default();
    for work in waiting {
        work();
    }
    if let Some(body) = leptos::prelude::document().body() {
        let _ = body.set_attribute("data-hydrated", "true");
    }
}
