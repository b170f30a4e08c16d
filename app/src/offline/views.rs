//! What the device queue looks like: a badge in the header with the number of items waiting,
//! and the list on "我的预约" with each item's state in words.

use leptos::prelude::*;

use super::queue::{ItemState, QueueItem};
use super::OfflineQueue;
use crate::domain::calendar::Timestamp;
use crate::i18n::{t, t_string, use_i18n};
use crate::labels;

/// "待同步 2" in the header while writes wait on this device.
#[component]
pub fn PendingBadge() -> impl IntoView {
    let i18n = use_i18n();
    let queue = OfflineQueue::use_queue();
    view! {
        <Show when=move || { queue.pending() > 0 }>
            <a class="pending-badge" href="/me/bookings" data-testid="pending-badge">
                {move || t_string!(i18n, offline.pending_badge, n = queue.pending())}
            </a>
        </Show>
    }
}

/// The device queue on "我的预约".
#[component]
pub fn DeviceQueueSection() -> impl IntoView {
    let i18n = use_i18n();
    let queue = OfflineQueue::use_queue();
    let shown = move || !queue.items.with(Vec::is_empty) || queue.unreadable.get() > 0;
    view! {
        <Show when=shown>
            <section class="device-queue" aria-labelledby="device-queue-heading">
                <h2 id="device-queue-heading">{t!(i18n, offline.queue_heading)}</h2>
                {move || (queue.unreadable.get() > 0).then(|| view! {
                    <p class="notice notice-error">{move || t_string!(i18n, offline.unreadable, n = queue.unreadable.get())}</p>
                })}
                {move || queue.offline.get().then(|| view! { <p class="hint">{t!(i18n, offline.no_network)}</p> })}
                <ul class="cards">
                    <For each=move || queue.items.get() key=|item| (item.operation.op_id.clone(), item.state as u8) let:item>
                        <QueueRow item queue/>
                    </For>
                </ul>
                {move || (queue.pending() > 0).then(|| view! {
                    <p class="actions left">
                        <button type="button" class="secondary" disabled=move || queue.syncing.get() on:click=move |_| queue.sync_now()>
                            {move || if queue.syncing.get() { t_string!(i18n, offline.syncing).to_string() } else { t_string!(i18n, offline.sync_now).to_string() }}
                        </button>
                    </p>
                })}
            </section>
        </Show>
    }
}

/// The outcome of an applied item in words.
fn applied_words(locale: crate::i18n::Locale, item: &QueueItem) -> String {
    let result = &item.result;
    if let Some(until) = result["Offered"]["until"].as_i64() {
        return crate::i18n::td_string!(locale, offline.synced_offered, until = labels::date_time(Timestamp(until)));
    }
    if let Some(position) = result["Waitlisted"]["position"].as_u64() {
        return crate::i18n::td_string!(locale, offline.synced_waitlisted, position = position);
    }
    crate::i18n::td_string!(locale, offline.synced).to_string()
}

#[component]
fn QueueRow(item: QueueItem, queue: OfflineQueue) -> impl IntoView {
    let i18n = use_i18n();
    let op_id = item.operation.op_id.clone();
    let state = item.state;
    let old = item.is_old(queue.now_ms.get_untracked());
    let (queued_at, answered_at) = (item.queued_at, item.answered_at);
    let kind = item.operation.kind.clone();
    let data_kind = kind.clone();
    let words = {
        let item = item.clone();
        move || {
            let locale = i18n.get_locale();
            match item.state {
                ItemState::Pending => crate::i18n::td_string!(locale, offline.pending).to_string(),
                ItemState::Applied => applied_words(locale, &item),
                ItemState::Refused => crate::i18n::td_string!(locale, offline.refused, reason = item.message.clone()),
            }
        }
    };
    let state_code = match state {
        ItemState::Pending => "pending",
        ItemState::Applied => "applied",
        ItemState::Refused => "refused",
    };
    view! {
        <li class="card queue-item" data-state=state_code data-kind=data_kind>
            <h3>{move || kind_words(i18n.get_locale(), &kind)}</h3>
            <p>{item.label.clone()}</p>
            <p class="state"><strong>{words}</strong></p>
            <p class="as-of">{move || times(i18n.get_locale(), queued_at, answered_at)}</p>
            {old.then(|| view! { <p class="hint warning">{t!(i18n, offline.old_warning)}</p> })}
            {(state != ItemState::Pending).then(|| view! {
                <button type="button" class="secondary" on:click=move |_| queue.dismiss(&op_id)>{t!(i18n, offline.dismiss)}</button>
            })}
        </li>
    }
}

/// "本机记录于 … · 同步于 …": when the person acted on this device and when the answer came.
fn times(locale: crate::i18n::Locale, queued_at: f64, answered_at: f64) -> String {
    let at = |ms: f64| labels::date_time(Timestamp((ms / 1000.0) as i64));
    let queued = crate::i18n::td_string!(locale, offline.queued_at, at = at(queued_at)).to_string();
    if answered_at > 0.0 {
        format!("{queued} · {}", crate::i18n::td_string!(locale, offline.synced_at, at = at(answered_at)))
    } else {
        queued
    }
}

fn kind_words(locale: crate::i18n::Locale, kind: &str) -> String {
    match kind {
        "application.apply" => crate::i18n::td_string!(locale, offline.kind_apply),
        "application.cancel" => crate::i18n::td_string!(locale, offline.kind_cancel),
        "application.renew" => crate::i18n::td_string!(locale, offline.kind_renew),
        "slot.book" => crate::i18n::td_string!(locale, offline.kind_slot_book),
        "rating.create" => crate::i18n::td_string!(locale, offline.kind_rating),
        "rating.edit" => crate::i18n::td_string!(locale, offline.kind_rating_edit),
        "rating.withdraw" => crate::i18n::td_string!(locale, offline.kind_rating_withdraw),
        "slot.cancel" => crate::i18n::td_string!(locale, offline.kind_slot_cancel),
        _ => crate::i18n::td_string!(locale, offline.kind_other),
    }
    .to_string()
}
