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
            <a class="pending-badge" href=move || queue_page(queue) data-testid="pending-badge">
                {move || t_string!(i18n, offline.pending_badge, n = queue.pending())}
            </a>
        </Show>
    }
}

/// Where the badge leads: "我的预约" lists everything; when only complaints wait (possibly filed
/// without an account), the complaint page, which lists them too.
fn queue_page(queue: OfflineQueue) -> &'static str {
    let only_complaints = queue.items.with(|items| items.iter().filter(|i| i.is_pending()).all(|i| i.operation.kind == COMPLAINT_KIND));
    if only_complaints {
        "/complaints/new#device-queue-heading"
    } else {
        "/me/bookings"
    }
}

/// The queue kind of a complaint filed on this device.
pub const COMPLAINT_KIND: &str = "complaint.file";

/// The device queue: on "我的预约" all of it; with `only_kind`, the items of that kind only (the
/// complaint page lists the complaints waiting on this device, also for people not signed in).
#[component]
pub fn DeviceQueueSection(#[prop(optional)] only_kind: Option<&'static str>) -> impl IntoView {
    let i18n = use_i18n();
    let queue = OfflineQueue::use_queue();
    let wanted = move |item: &QueueItem| only_kind.is_none_or(|kind| item.operation.kind == kind);
    let listed = move || -> Vec<QueueItem> { queue.items.get().into_iter().filter(|item| wanted(item)).collect() };
    let shown = move || queue.items.with(|items| items.iter().any(wanted)) || (only_kind.is_none() && queue.unreadable.get() > 0);
    view! {
        <Show when=shown>
            <section class="device-queue" aria-labelledby="device-queue-heading">
                <h2 id="device-queue-heading">{t!(i18n, offline.queue_heading)}</h2>
                {move || (only_kind.is_none() && queue.unreadable.get() > 0).then(|| view! {
                    <p class="notice notice-error">{move || t_string!(i18n, offline.unreadable, n = queue.unreadable.get())}</p>
                })}
                {move || queue.offline.get().then(|| view! { <p class="hint">{t!(i18n, offline.no_network)}</p> })}
                <ul class="cards">
                    <For each=listed key=|item| (item.operation.op_id.clone(), item.state as u8) let:item>
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
    if result["code"].is_string() {
        return crate::i18n::td_string!(locale, offline.synced_complaint).to_string();
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
                ItemState::Refused if item.message.is_empty() => crate::i18n::td_string!(locale, offline.refused_file_again).to_string(),
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
            {(state == ItemState::Applied).then(|| view! { <TrackingCodes result=item.result.clone()/> })}
            <p class="as-of">{move || times(i18n.get_locale(), queued_at, answered_at)}</p>
            {old.then(|| view! { <p class="hint warning">{t!(i18n, offline.old_warning)}</p> })}
            {(state != ItemState::Pending).then(|| view! {
                <button type="button" class="secondary" on:click=move |_| queue.dismiss(&op_id)>{t!(i18n, offline.dismiss)}</button>
            })}
        </li>
    }
}

/// A complaint's tracking code (and, filed anonymously, its password) once it has been sent:
/// kept on this device until dismissed, so the password is seen by whoever filed it.
#[component]
fn TrackingCodes(result: serde_json::Value) -> impl IntoView {
    let i18n = use_i18n();
    let code = result["code"].as_str()?.to_string();
    let password = result["password"].as_str().map(str::to_string);
    let track = format!("/complaints/track?code={code}");
    Some(view! {
        <p>{t!(i18n, complaints.code)}": "<strong class="tracking-code" data-testid="queued-code">{code}</strong></p>
        {password.map(|password| view! {
            <p>{t!(i18n, complaints.password)}": "<strong class="tracking-code" data-testid="queued-password">{password}</strong></p>
            <p class="hint">{t!(i18n, offline.password_once)}</p>
        })}
        <p><a class="button secondary" href=track>{t!(i18n, complaints.go_track)}</a></p>
    })
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
        COMPLAINT_KIND => crate::i18n::td_string!(locale, offline.kind_complaint),
        _ => crate::i18n::td_string!(locale, offline.kind_other),
    }
    .to_string()
}
