//! `/lessons/activities`: parent–child activities and parenting talks by date, with the host,
//! the place and the free places; a signed-in parent books or gives back the family's place.
//! Offline, both wait in the device queue (kinds `activity.book` and `activity.cancel`).

use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::lessons::activities::{book_activity, cancel_activity, fetch_activities, ActivityView};
use crate::components::{new_operation_id, ErrorNotice};
use crate::domain::activity::{ActivityKind, Host};
use crate::domain::calendar::Timestamp;
use crate::error::AppError;
use crate::i18n::{t, t_string, td_string, use_i18n, Locale};
use crate::labels;
use crate::offline::{self, queue::QueueItem, OfflineQueue};

#[component]
pub fn ActivitiesPage() -> impl IntoView {
    let i18n = use_i18n();
    let list = Resource::new(|| (), |_| fetch_activities());
    view! {
        <Title text=labels::page_title(i18n.get_locale_untracked(), td_string!(i18n.get_locale_untracked(), activities.title))/>
        <p><a href="/lessons">{t!(i18n, lessons.back)}</a></p>
        <h1>{t!(i18n, activities.heading)}</h1>
        <p class="lead">{t!(i18n, activities.lead)}</p>
        <Transition fallback=move || view! { <p class="loading">{t!(i18n, common.loading)}</p> }>
            {move || Suspend::new(async move {
                match list.await {
                    Ok(list) if list.activities.is_empty() => view! { <p class="notice">{t!(i18n, activities.none)}</p> }.into_any(),
                    Ok(list) => {
                        let may_book = list.may_book;
                        view! {
                            {(!may_book).then(|| view! { <p class="hint"><a href="/login?next=/lessons/activities">{t!(i18n, activities.sign_in)}</a></p> })}
                            <ul class="activity-list">
                                {list.activities.into_iter().map(|item| view! { <ActivityCard item may_book/> }).collect_view()}
                            </ul>
                        }
                        .into_any()
                    }
                    Err(e) => view! { <ErrorNotice error=e/> }.into_any(),
                }
            })}
        </Transition>
    }
}

/// The title in the reader's language (the Chinese one when no English was given).
fn title_in(locale: Locale, item: &ActivityView) -> String {
    match locale {
        Locale::en if !item.title_en.is_empty() => item.title_en.clone(),
        _ => item.title.clone(),
    }
}

/// What the family's place is: none, held (with its booking id), or waiting in the queue.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Place {
    None,
    Held(i64),
    Queued,
}

#[component]
fn ActivityCard(item: ActivityView, may_book: bool) -> impl IntoView {
    let i18n = use_i18n();
    let activity_id = item.id;
    let place = RwSignal::new(item.my_booking.map_or(Place::None, Place::Held));
    let free = RwSignal::new(item.free);
    let may_cancel = item.may_cancel || item.my_booking.is_none();
    let error = RwSignal::new(None::<AppError>);
    let note = RwSignal::new(None::<&'static str>);
    let queue = OfflineQueue::use_queue();
    let when = format!("{}–{}", labels::date_time(Timestamp(item.starts_at)), labels::time_of_day(Timestamp(item.ends_at)));
    let label = StoredValue::new(format!("{} {}", item.title, when));
    let kind = ActivityKind::from_code(&item.kind);
    let host = Host::from_code(&item.host);
    let (from, to, capacity) = (item.age_from, item.age_to, item.capacity);
    let heading = StoredValue::new(item.clone());

    let book = move |_| {
        let op_id = new_operation_id();
        error.set(None);
        if !offline::is_online() {
            queue.enqueue(QueueItem::new(op_id, "activity.book", serde_json::json!({ "activity_id": activity_id }), label.get_value(), offline::now_ms()));
            place.set(Place::Queued);
            return;
        }
        leptos::task::spawn_local(async move {
            match book_activity(op_id, activity_id).await {
                Ok(booking_id) => {
                    place.set(Place::Held(booking_id));
                    free.update(|f| *f = f.saturating_sub(1));
                    note.set(Some("booked"));
                }
                Err(e) => error.set(Some(e)),
            }
        });
    };
    let cancel = move |booking_id: i64| {
        let op_id = new_operation_id();
        error.set(None);
        if !offline::is_online() {
            queue.enqueue(QueueItem::new(op_id, "activity.cancel", serde_json::json!({ "booking_id": booking_id }), label.get_value(), offline::now_ms()));
            place.set(Place::Queued);
            return;
        }
        leptos::task::spawn_local(async move {
            match cancel_activity(op_id, booking_id).await {
                Ok(()) => {
                    place.set(Place::None);
                    free.update(|f| *f += 1);
                    note.set(Some("cancelled"));
                }
                Err(e) => error.set(Some(e)),
            }
        });
    };
    view! {
        <li class="activity" data-testid="activity" data-id=activity_id data-free=move || free.get()>
            <p class="lesson-badges">
                {kind.map(|kind| view! { <span class="badge">{move || labels::lessons::activity_kind(i18n.get_locale(), kind)}</span> })}
                <span class="badge badge-quiet">{move || t_string!(i18n, activities.ages, from = from, to = to).to_string()}</span>
            </p>
            <h2 class="activity-title">{move || heading.with_value(|item| title_in(i18n.get_locale(), item))}</h2>
            <p class="activity-when">{when.clone()}</p>
            <p class="activity-where">
                {host.map(|host| view! { <span class="muted">{move || labels::lessons::activity_host(i18n.get_locale(), host)}" · "</span> })}
                {item.host_name.clone()}" · "{item.place.clone()}
            </p>
            <p class="muted">{move || t_string!(i18n, activities.free, free = free.get(), capacity = capacity).to_string()}</p>
            {may_book.then(|| view! {
                {move || match place.get() {
                    Place::None => view! {
                        <button type="button" class="button" data-testid="book-activity" disabled=move || free.get() == 0 on:click=book>
                            {move || if free.get() == 0 { t_string!(i18n, activities.full).to_string() } else { t_string!(i18n, activities.book).to_string() }}
                        </button>
                    }
                    .into_any(),
                    Place::Held(booking_id) => view! {
                        <p class="activity-booked"><span class="badge">{t!(i18n, activities.booked)}</span></p>
                        {may_cancel.then(|| view! {
                            <button type="button" class="secondary" data-testid="cancel-activity" on:click=move |_| cancel(booking_id)>{t!(i18n, activities.cancel)}</button>
                        })}
                    }
                    .into_any(),
                    Place::Queued => view! { <p class="notice" role="status" data-outcome="queued">{t!(i18n, offline.pending)}</p> }.into_any(),
                }}
            })}
            {move || note.get().map(|which| view! {
                <p class="notice" role="status">{move || if which == "booked" { t_string!(i18n, activities.booked_note).to_string() } else { t_string!(i18n, activities.cancelled).to_string() }}</p>
            })}
            {move || error.get().map(|error| view! { <ErrorNotice error/> })}
        </li>
    }
}
