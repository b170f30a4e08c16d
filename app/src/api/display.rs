//! The display switch (standard / 长辈版): kept on the device in a cookie, and with the account
//! when someone is signed in (see `domain::display`).

use leptos::prelude::*;

use crate::domain::display::DisplayMode;
use crate::error::AppError;

/// Keeps `mode` on this device (cookie) and, when signed in, with the account. Setting a value
/// twice changes nothing, so a repeated request needs no operation id.
#[server(prefix = "/api", endpoint = "save_display_mode")]
pub async fn save_display_mode(mode: DisplayMode) -> Result<(), AppError> {
    let state = crate::api::state()?;
    crate::api::reply(server::save(&state, mode).await)
}

/// The mode the current request asks for, from the device's cookie (server rendering).
#[cfg(feature = "ssr")]
pub fn requested_display_mode() -> DisplayMode {
    let header = crate::auth::viewer::request_info().cookie_header;
    DisplayMode::resolve(crate::auth::session::read_cookie(&header, crate::domain::display::DISPLAY_COOKIE), None)
}

#[cfg(feature = "ssr")]
pub(crate) mod server {
    use super::*;
    use crate::api::account::server::set_header;
    use crate::auth::session::read_cookie;
    use crate::auth::viewer::{current_viewer, request_info};
    use crate::domain::display::DISPLAY_COOKIE;
    use crate::state::AppState;

    fn set_device_cookie(state: &AppState, mode: DisplayMode) {
        set_header(axum::http::header::SET_COOKIE, &mode.cookie(state.auth.cookies.secure));
    }

    pub async fn save(state: &AppState, mode: DisplayMode) -> Result<(), AppError> {
        set_device_cookie(state, mode);
        if let Some(viewer) = current_viewer(state).await? {
            state.store.save_display_mode(viewer.account_id, mode).await?;
        }
        Ok(())
    }

    /// At sign-in: a device without a choice takes the account's; a device with one gives it
    /// to the account (the choice made on this device is the newest one here).
    pub async fn settle_at_sign_in(state: &AppState, account_id: i64) -> Result<(), AppError> {
        let header = request_info().cookie_header;
        let device = read_cookie(&header, DISPLAY_COOKIE).and_then(DisplayMode::from_code);
        let account = state.store.display_mode_of(account_id).await?;
        match (device, account) {
            (None, Some(kept)) => set_device_cookie(state, kept),
            (Some(chosen), kept) if kept != Some(chosen) => {
                state.store.save_display_mode(account_id, chosen).await?;
            }
            _ => {}
        }
        Ok(())
    }
}
