//! A facility's upcoming visit and care slots with their free places; a signed-in parent books
//! one for the chosen child.

use leptos::prelude::*;

use crate::api::booking::{book_slot, SlotView};
use crate::components::{new_operation_id, ErrorNotice};
use crate::offline::{self, queue::QueueItem, OfflineQueue};
use crate::domain::calendar::Timestamp;
use crate::i18n::{t, t_string, use_i18n};
use crate::labels;

/// `child`: the child to book for, or `None` when nobody who may book is signed in.
#[component]
pub fn FacilitySlots(slots: Vec<SlotView>, child: Signal<Option<i64>>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <h3>{t!(i18n, booking.slots_heading)}</h3>
        {if slots.is_empty() {
            view! { <p class="muted">{t!(i18n, booking.no_slots)}</p> }.into_any()
        } else {
            view! { <ul class="slots">{slots.into_iter().map(|slot| view! { <SlotRow item=slot child/> }).collect_view()}</ul> }.into_any()
        }}
    }
}

#[component]
fn SlotRow(item: SlotView, child: Signal<Option<i64>>) -> impl IntoView {
    let i18n = use_i18n();
    let slot = item;
    let slot_id = slot.id;
    let book = Action::new(move |(op_id, child_id): &(String, i64)| book_slot(op_id.clone(), slot_id, *child_id));
    let (kind, capacity) = (slot.kind, slot.capacity);
    // Counted down here on success rather than refetched, so the confirmation stays in view.
    let free = RwSignal::new(slot.free);
    Effect::new(move |_| {
        if let Some(Ok(_)) = book.value().get() {
            free.update(|f| *f = f.saturating_sub(1));
        }
    });
    let when = format!("{}–{}", labels::date_time(Timestamp(slot.starts_at)), labels::time_of_day(Timestamp(slot.ends_at)));
    // Offline: the booking waits in the device queue (待同步) with its operation id.
    let queue = OfflineQueue::use_queue();
    let queued = RwSignal::new(false);
    let label = when.clone();
    let book_now = move |child_id: i64| {
        let op_id = new_operation_id();
        if offline::is_online() {
            book.dispatch((op_id, child_id));
        } else {
            let payload = serde_json::json!({ "slot_id": slot_id, "child_id": child_id });
            queue.enqueue(QueueItem::new(op_id, "slot.book", payload, label.clone(), offline::now_ms()));
            queued.set(true);
        }
    };
    view! {
        <li class="slot" data-kind=kind.code() data-free=move || free.get()>
            <div class="slot-head">
                <strong>{move || labels::slot_kind(i18n.get_locale(), kind)}</strong>
                <span>{when}</span>
            </div>
            <p class="muted">{move || t_string!(i18n, booking.slot_free, free = free.get(), capacity = capacity)}</p>
            {move || child.get().map(|child_id| view! {
                <button
                    type="button"
                    class="secondary"
                    disabled=move || free.get() == 0 || book.pending().get()
                    on:click={
                        let book_now = book_now.clone();
                        move |_| book_now(child_id)
                    }
                >
                    {move || if free.get() == 0 { t_string!(i18n, booking.slot_full).to_string() } else { t_string!(i18n, booking.book_slot).to_string() }}
                </button>
            })}
            {move || queued.get().then(|| view! { <p class="notice" role="status" data-outcome="queued">{t!(i18n, offline.pending)}</p> })}
            {move || book.value().get().map(|result| match result {
                Ok(_) => view! { <p class="notice" role="status">{t!(i18n, booking.slot_booked)}" "<a href="/me/bookings">{t!(i18n, booking.see_mine)}</a></p> }.into_any(),
                Err(e) => view! { <ErrorNotice error=e/> }.into_any(),
            })}
        </li>
    }
}
