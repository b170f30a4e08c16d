//! Requests kept whole on this device until they can be sent: a complaint filed without a
//! network, photos included, by a signed-in parent or anonymously.
//!
//! The request body lives in the browser's Cache Storage under its operation id (photos need
//! room; `localStorage`, which holds the device queue, has a few megabytes at most). The device
//! queue holds only the item that says it waits and where it goes (`QueueItem::send_to`). It is
//! sent to its own endpoint, not to `/api/v1/sync` (which needs an account), with the same
//! operation id, so the server applies it once however often it arrives. The body is deleted as
//! soon as the server has answered.

/// The Cache Storage cache that holds the bodies. The service worker deletes only its own
/// `tuoyu-shell-*` caches; signing out clears this one with the rest of the site's storage.
pub const HELD_CACHE: &str = "tuoyu-held-v1";

/// The key a body is kept under (never fetched: a cache key only).
#[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
fn key(op_id: &str) -> String {
    format!("/__held/{op_id}")
}

/// Keeps `body` for `op_id`; `false` when this browser gives the site no room for it.
pub async fn keep(op_id: &str, body: &str) -> bool {
    #[cfg(feature = "hydrate")]
    {
        device::keep(&key(op_id), body).await.is_ok()
    }
    #[cfg(not(feature = "hydrate"))]
    {
        let _ = (op_id, body);
        false
    }
}

/// The body kept for `op_id`, if it is still there.
pub async fn read(op_id: &str) -> Option<String> {
    #[cfg(feature = "hydrate")]
    {
        device::read(&key(op_id)).await.ok().flatten()
    }
    #[cfg(not(feature = "hydrate"))]
    {
        let _ = op_id;
        None
    }
}

/// Deletes the body kept for `op_id` (answered, or given up).
pub async fn forget(op_id: &str) {
    #[cfg(feature = "hydrate")]
    {
        let _ = device::forget(&key(op_id)).await;
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = op_id;
}

#[cfg(feature = "hydrate")]
mod device {
    use wasm_bindgen::{JsCast, JsValue};
    use wasm_bindgen_futures::JsFuture;

    async fn cache() -> Result<web_sys::Cache, JsValue> {
        let caches = web_sys::window().ok_or(JsValue::NULL)?.caches()?;
        JsFuture::from(caches.open(super::HELD_CACHE))
            .await?
            .dyn_into()
    }

    pub async fn keep(key: &str, body: &str) -> Result<(), JsValue> {
        let response = web_sys::Response::new_with_opt_str(Some(body))?;
        JsFuture::from(cache().await?.put_with_str(key, &response)).await?;
        Ok(())
    }

    pub async fn read(key: &str) -> Result<Option<String>, JsValue> {
        let found = JsFuture::from(cache().await?.match_with_str(key)).await?;
        if found.is_undefined() || found.is_null() {
            return Ok(None);
        }
        let response: web_sys::Response = found.dyn_into()?;
        Ok(JsFuture::from(response.text()?).await?.as_string())
    }

    pub async fn forget(key: &str) -> Result<(), JsValue> {
        JsFuture::from(cache().await?.delete_with_str(key)).await?;
        Ok(())
    }
}
