//! The browser's geolocation, read only after a tap, never while rendering (the finder's
//! "near me" and the complaint form's place picker).

/// Calls `done` once with (latitude, longitude), or `None` when refused or unavailable.
pub fn current_position(done: impl FnOnce(Option<(f64, f64)>) + 'static) {
    #[cfg(feature = "hydrate")]
    {
        use std::cell::RefCell;
        use std::rc::Rc;
        use wasm_bindgen::closure::Closure;
        use wasm_bindgen::JsCast;

        let done = Rc::new(RefCell::new(Some(done)));
        let finish = {
            let done = done.clone();
            move |result: Option<(f64, f64)>| {
                if let Some(done) = done.borrow_mut().take() {
                    done(result);
                }
            }
        };
        let Some(geolocation) = web_sys::window().and_then(|w| w.navigator().geolocation().ok())
        else {
            finish(None);
            return;
        };
        let on_success = {
            let finish = finish.clone();
            Closure::once_into_js(move |position: web_sys::Position| {
                let coords = position.coords();
                finish(Some((coords.latitude(), coords.longitude())));
            })
        };
        let on_error = {
            let finish = finish.clone();
            Closure::once_into_js(move |_error: web_sys::PositionError| finish(None))
        };
        let options = web_sys::PositionOptions::new();
        options.set_enable_high_accuracy(false);
        options.set_timeout(15_000);
        options.set_maximum_age(300_000);
        if geolocation
            .get_current_position_with_error_callback_and_options(
                on_success.unchecked_ref(),
                Some(on_error.unchecked_ref()),
                &options,
            )
            .is_err()
        {
            finish(None);
        }
    }
    #[cfg(not(feature = "hydrate"))]
    done(None);
}
