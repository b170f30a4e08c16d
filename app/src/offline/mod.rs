//! Working without a network: the device queue of writes made offline and its sync to
//! `/api/v1/sync`, and the service worker's registration and updates.
//!
//! The queue lives in `localStorage` (it survives reloads and closing the tab) and is loaded
//! only after hydration, so server and browser render the same first page. It is sent when the
//! app starts, when the network comes back, when the page becomes visible again, and on "sync
//! now"; network failures retry with backoff. Nothing queued pretends to be done: it shows as
//! 待同步 until the server has answered.

pub mod chunks;
pub mod held;
pub mod queue;
mod service_worker;
mod views;

pub use service_worker::{keep_for_offline, InstallHint, UpdateBanner};
pub use views::{DeviceQueueSection, PendingBadge, COMPLAINT_KIND};

use leptos::prelude::*;

#[cfg(feature = "hydrate")]
use crate::api::sync::{SyncRequest, SyncResponse, CURRENT_VERSION};
use queue::QueueItem;

/// The device queue, shared by every page through context.
#[derive(Clone, Copy)]
pub struct OfflineQueue {
    pub items: RwSignal<Vec<QueueItem>>,
    /// Items in storage that could not be read (damaged or edited by hand): set aside, not sent.
    pub unreadable: RwSignal<usize>,
    pub syncing: RwSignal<bool>,
    /// The last sync could not reach the server.
    pub offline: RwSignal<bool>,
    /// The browser's clock when the queue was last looked at (for "waiting 6 days" warnings).
    pub now_ms: RwSignal<f64>,
    #[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
    failures: StoredValue<u32>,
}

impl OfflineQueue {
    /// Creates the queue, provides it as context and, in the browser, loads it and starts syncing.
    pub fn provide() -> Self {
        let queue = OfflineQueue {
            items: RwSignal::new(Vec::new()),
            unreadable: RwSignal::new(0),
            syncing: RwSignal::new(false),
            offline: RwSignal::new(false),
            now_ms: RwSignal::new(0.0),
            failures: StoredValue::new(0),
        };
        provide_context(queue);
        // After hydration: the page must first hydrate as the server rendered it, without items.
        #[cfg(feature = "hydrate")]
        crate::hydration::after_hydration(move || {
            let loaded = queue::load(device::read().as_deref());
            queue.items.set(loaded.items);
            queue.unreadable.set(loaded.unreadable);
            queue.now_ms.set(device::now_ms());
            device::listen_for_chances_to_sync(move || queue.sync_now());
            // Another tab of this app changed the queue: show (and later save) its version, so
            // one tab never writes back a stale list over another's new items.
            device::listen_for_other_tabs(move || {
                let loaded = queue::load(device::read().as_deref());
                queue.items.set(loaded.items);
                queue.unreadable.set(loaded.unreadable);
            });
            queue.sync_now();
        });
        queue
    }

    pub fn use_queue() -> Self {
        use_context::<OfflineQueue>().unwrap_or_else(OfflineQueue::provide)
    }

    /// How many items wait for the server.
    pub fn pending(&self) -> usize {
        self.items.with(|items| items.iter().filter(|i| i.is_pending()).count())
    }

    /// Keeps a write made offline (or whose request failed on the way) and tries to send it.
    pub fn enqueue(&self, item: QueueItem) {
        self.change(|items| {
            if !items.iter().any(|i| i.operation.op_id == item.operation.op_id) {
                items.push(item);
            }
        });
        #[cfg(feature = "hydrate")]
        device::ask_for_persistent_storage();
        self.sync_now();
    }

    /// Keeps a write made while offline under a new operation id, saved now.
    pub fn enqueue_new(&self, kind: &str, payload: serde_json::Value, label: String) {
        self.enqueue(QueueItem::new(crate::components::new_operation_id(), kind, payload, label, now_ms()));
    }

    /// Removes an answered item from the list.
    pub fn dismiss(&self, op_id: &str) {
        self.change(|items| items.retain(|i| i.is_pending() || i.operation.op_id != op_id));
    }

    /// Changes the queue as it is stored now — another tab may have changed it since this page
    /// last read it — then shows and saves the result, so no tab writes back a stale list.
    fn change(&self, edit: impl FnOnce(&mut Vec<QueueItem>)) {
        #[cfg(feature = "hydrate")]
        let mut items = match device::read_stored() {
            Ok(text) => queue::load(text.as_deref()).items,
            // No storage at all (some private modes): the queue lives in this page only.
            Err(()) => self.items.get_untracked(),
        };
        #[cfg(not(feature = "hydrate"))]
        let mut items = self.items.get_untracked();
        edit(&mut items);
        self.items.set(items);
        #[cfg(feature = "hydrate")]
        device::write(&queue::save(&self.items.get_untracked()));
    }

    /// Sends what is pending, once at a time: the sync operations in one request, then each
    /// held request (`held`) on its own.
    pub fn sync_now(&self) {
        #[cfg(feature = "hydrate")]
        {
            let queue = *self;
            if queue.syncing.get_untracked() {
                return;
            }
            let (operations, held) = queue.items.with_untracked(|items| (queue::to_send(items), queue::held_to_send(items)));
            if operations.is_empty() && held.is_empty() {
                return;
            }
            queue.syncing.set(true);
            leptos::task::spawn_local(async move {
                let mut reached = operations.is_empty() || queue.send_operations(operations).await;
                for (op_id, path) in held {
                    if !reached {
                        break;
                    }
                    reached = queue.send_held(&op_id, &path).await;
                }
                queue.syncing.set(false);
                queue.now_ms.set(device::now_ms());
                if reached {
                    queue.failures.set_value(0);
                    queue.offline.set(false);
                } else {
                    // No answer (offline, server away, signed out): try again later.
                    let failures = queue.failures.get_value();
                    queue.failures.set_value(failures + 1);
                    queue.offline.set(true);
                    device::retry_after(queue::backoff_seconds(failures), move || queue.sync_now());
                }
            });
        }
    }

    /// Sends sync operations in one request; `false` when no answer came.
    #[cfg(feature = "hydrate")]
    async fn send_operations(&self, operations: Vec<crate::api::sync::SyncOperation>) -> bool {
        let request = SyncRequest { version: CURRENT_VERSION, operations: operations.into_iter().filter_map(|op| serde_json::to_value(op).ok()).collect() };
        let body = serde_json::to_string(&request).unwrap_or_default();
        let answer = device::post_json("/api/v1/sync", body).await;
        match answer.ok().and_then(|(status, text)| (status == 200).then_some(text)).and_then(|t| serde_json::from_str::<SyncResponse>(&t).ok()) {
            Some(response) => {
                self.change(|items| queue::record(items, &response.results, device::now_ms()));
                true
            }
            None => false,
        }
    }

    /// Sends one held request with its kept body; `false` when no answer came (or the server
    /// failed), so it stays for the next try. Once answered, the kept body is deleted.
    #[cfg(feature = "hydrate")]
    async fn send_held(&self, op_id: &str, path: &str) -> bool {
        let answer = match held::read(op_id).await {
            Some(body) => {
                let answer = device::post_json(path, body).await.ok();
                queue::held_answer(answer.as_ref().map(|(status, text)| (*status, text.as_str())))
            }
            // The browser dropped the kept body: nothing can be sent; the page asks to file again.
            None => queue::Answer::Refused(String::new()),
        };
        if answer == queue::Answer::Retry {
            return false;
        }
        held::forget(op_id).await;
        self.change(|items| queue::record_answer(items, op_id, answer, device::now_ms()));
        true
    }
}

#[cfg(feature = "hydrate")]
mod device {
    use wasm_bindgen::closure::Closure;
    use wasm_bindgen::{JsCast, JsValue};
    use wasm_bindgen_futures::JsFuture;

    use super::queue::STORAGE_KEY;

    fn storage() -> Option<web_sys::Storage> {
        web_sys::window()?.local_storage().ok()?
    }

    pub fn read() -> Option<String> {
        read_stored().ok().flatten()
    }

    /// The stored queue's text (`None` when nothing is stored), or `Err` when this browser
    /// gives the site no storage.
    pub fn read_stored() -> Result<Option<String>, ()> {
        storage().ok_or(())?.get_item(STORAGE_KEY).map_err(|_| ())
    }

    pub fn write(text: &str) {
        if let Some(storage) = storage() {
            let _ = storage.set_item(STORAGE_KEY, text);
        }
    }

    pub fn now_ms() -> f64 {
        js_sys::Date::now()
    }

    pub fn is_online() -> bool {
        web_sys::window().map(|w| w.navigator().on_line()).unwrap_or(true)
    }

    /// Asks the browser not to evict the queue under storage pressure.
    pub fn ask_for_persistent_storage() {
        if let Some(window) = web_sys::window() {
            let _ = window.navigator().storage().persist();
        }
    }

    /// Calls `sync` when the network returns and when the page becomes visible again.
    pub fn listen_for_chances_to_sync(sync: impl Fn() + Clone + 'static) {
        let Some(window) = web_sys::window() else { return };
        let on_online = {
            let sync = sync.clone();
            Closure::<dyn Fn()>::new(move || sync())
        };
        let _ = window.add_event_listener_with_callback("online", on_online.as_ref().unchecked_ref());
        on_online.forget();
        let on_visible = Closure::<dyn Fn()>::new(move || {
            let visible = web_sys::window().and_then(|w| w.document()).map(|d| d.visibility_state() == web_sys::VisibilityState::Visible).unwrap_or(false);
            if visible {
                sync();
            }
        });
        if let Some(document) = window.document() {
            let _ = document.add_event_listener_with_callback("visibilitychange", on_visible.as_ref().unchecked_ref());
        }
        on_visible.forget();
    }

    /// Calls `changed` when another tab of this site writes the queue (the `storage` event
    /// fires in every other tab, never in the one that wrote).
    pub fn listen_for_other_tabs(changed: impl Fn() + 'static) {
        let Some(window) = web_sys::window() else { return };
        let on_storage = Closure::<dyn Fn(web_sys::StorageEvent)>::new(move |event: web_sys::StorageEvent| {
            // `key` is null when the whole storage was cleared.
            if event.key().is_none_or(|key| key == STORAGE_KEY) {
                changed();
            }
        });
        let _ = window.add_event_listener_with_callback("storage", on_storage.as_ref().unchecked_ref());
        on_storage.forget();
    }

    pub fn retry_after(seconds: u32, then: impl Fn() + 'static) {
        let Some(window) = web_sys::window() else { return };
        let callback = Closure::once_into_js(move || then());
        let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(callback.unchecked_ref(), (seconds * 1000) as i32);
    }

    pub async fn delete_cache(name: &str) {
        let Some(caches) = web_sys::window().and_then(|w| w.caches().ok()) else { return };
        let _ = JsFuture::from(caches.delete(name)).await;
    }

    /// POSTs JSON to a same-origin path; `Err` when no answer came back.
    pub async fn post_json(path: &str, body: String) -> Result<(u16, String), JsValue> {
        if !is_online() {
            return Err(JsValue::NULL);
        }
        let init = web_sys::RequestInit::new();
        init.set_method("POST");
        init.set_body(&JsValue::from_str(&body));
        init.set_credentials(web_sys::RequestCredentials::SameOrigin);
        let headers = web_sys::Headers::new()?;
        headers.set("content-type", "application/json")?;
        init.set_headers(&headers);
        let window = web_sys::window().ok_or(JsValue::NULL)?;
        let response: web_sys::Response = JsFuture::from(window.fetch_with_str_and_init(path, &init)).await?.dyn_into()?;
        let text = JsFuture::from(response.text()?).await?;
        Ok((response.status(), text.as_string().unwrap_or_default()))
    }
}

/// The service worker's cache of pages kept for offline reading (server/src/service_worker.js).
pub const PAGES_CACHE: &str = "tuoyu-pages-v1";

/// Deletes the pages kept for offline reading. Called when someone signs in, so that on a shared
/// phone nobody can read, offline, the pages kept while someone else was signed in. (Signing
/// out wipes everything through Clear-Site-Data; this covers sessions that simply expired.)
pub async fn forget_saved_pages() {
    #[cfg(feature = "hydrate")]
    device::delete_cache(PAGES_CACHE).await;
}

/// POSTs JSON to a same-origin path (with the session cookie); `None` when no answer came
/// back (offline, network failure). Nothing is sent from the server.
pub async fn post_json(path: &str, body: String) -> Option<(u16, String)> {
    #[cfg(feature = "hydrate")]
    {
        device::post_json(path, body).await.ok()
    }
    #[cfg(not(feature = "hydrate"))]
    {
        let _ = (path, body);
        None
    }
}

/// The browser's clock in milliseconds (0 on the server).
pub fn now_ms() -> f64 {
    #[cfg(feature = "hydrate")]
    {
        device::now_ms()
    }
    #[cfg(not(feature = "hydrate"))]
    {
        0.0
    }
}

/// Whether the browser believes it is online (always true on the server).
pub fn is_online() -> bool {
    #[cfg(feature = "hydrate")]
    {
        device::is_online()
    }
    #[cfg(not(feature = "hydrate"))]
    {
        true
    }
}
