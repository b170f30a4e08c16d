//! "我的预约": every application and slot booking of the family with its state in words, what
//! can be done about it (cancel, renew), and the notices about changes.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::Redirect;

use crate::api::booking::{
    cancel_application, cancel_slot_booking, fetch_my_bookings, mark_notices_read, renew_application, ApplicationView, MyBookings, NoticeView,
    SlotBookingView,
};
use crate::components::{confirm, new_operation_id, ErrorNotice};
use crate::domain::booking::{may_cancel_slot, ApplicationState, REMIND_DAYS_BEFORE};
use crate::domain::calendar::Timestamp;
use crate::error::AppError;
use crate::i18n::{t, t_string, td_string, use_i18n};
use crate::labels;

type Bookings = Resource<Result<MyBookings, AppError>>;

#[component]
pub fn MyBookingsPage() -> impl IntoView {
    let i18n = use_i18n();
    let bookings: Bookings = Resource::new(|| (), |_| fetch_my_bookings());
    view! {
        <Title text=labels::page_title(i18n.get_locale_untracked(), td_string!(i18n.get_locale_untracked(), bookings.title))/>
        <nav class="breadcrumb"><a href="/me">{t!(i18n, bookings.back)}</a></nav>
        <h1>{t!(i18n, bookings.heading)}</h1>
        <crate::offline::DeviceQueueSection/>
        <Suspense fallback=move || view! { <p class="loading">{t!(i18n, common.loading)}</p> }>
            {move || Suspend::new(async move {
                match bookings.await {
                    Ok(mine) => view! { <BookingsView mine bookings/> }.into_any(),
                    Err(AppError::Unauthenticated) => view! { <Redirect path="/login"/> }.into_any(),
                    Err(e) => view! { <ErrorNotice error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn BookingsView(mine: MyBookings, bookings: Bookings) -> impl IntoView {
    let i18n = use_i18n();
    let now = Timestamp(mine.as_of);
    let unread = mine.notices.iter().filter(|n| !n.read).count();
    let mark_read = Action::new(|_: &()| mark_notices_read());
    let notices = mine.notices;
    view! {
        <p class="as-of">{move || t_string!(i18n, common.as_of, date = labels::date_time(now))}</p>
        <section aria-labelledby="notices-heading">
            <h2 id="notices-heading">
                {t!(i18n, bookings.notices)}
                {(unread > 0).then(|| view! { <span class="count-badge" data-testid="unread">{unread}</span> })}
            </h2>
            {if notices.is_empty() {
                view! { <p class="muted">{t!(i18n, bookings.no_notices)}</p> }.into_any()
            } else {
                view! {
                    <ul class="notices">{notices.into_iter().take(20).map(|notice| view! { <NoticeRow notice/> }).collect_view()}</ul>
                    {(unread > 0).then(|| view! {
                        <button type="button" class="secondary" disabled=move || mark_read.value().get().is_some() on:click=move |_| { mark_read.dispatch(()); }>
                            {t!(i18n, bookings.mark_read)}
                        </button>
                    })}
                }
                .into_any()
            }}
        </section>
        <section aria-labelledby="applications-heading">
            <h2 id="applications-heading">{t!(i18n, bookings.applications)}</h2>
            {if mine.applications.is_empty() {
                view! { <p class="muted">{t!(i18n, bookings.no_applications)}" "<a href="/facilities">{t!(i18n, bookings.find)}</a></p> }.into_any()
            } else {
                view! {
                    <ul class="cards">
                        {mine.applications.into_iter().map(|application| view! { <ApplicationCard application now bookings/> }).collect_view()}
                    </ul>
                }
                .into_any()
            }}
        </section>
        <section aria-labelledby="slots-heading">
            <h2 id="slots-heading">{t!(i18n, bookings.slot_bookings)}</h2>
            {if mine.slot_bookings.is_empty() {
                view! { <p class="muted">{t!(i18n, bookings.no_slot_bookings)}</p> }.into_any()
            } else {
                view! {
                    <ul class="cards">
                        {mine.slot_bookings.into_iter().map(|booking| view! { <SlotBookingCard booking now bookings/> }).collect_view()}
                    </ul>
                }
                .into_any()
            }}
        </section>
        {(!mine.activities.is_empty()).then(|| view! {
            <section aria-labelledby="activities-heading">
                <h2 id="activities-heading">{t!(i18n, activities.mine)}</h2>
                <ul class="cards">
                    {mine.activities.into_iter().map(|a| view! {
                        <li class="card" data-testid="my-activity"><a class="card-link" href="/lessons/activities">
                            <h3 class="card-title">{a.title}</h3>
                            <p class="muted">{labels::date_time(Timestamp(a.starts_at))}" · "{a.host_name}" · "{a.place}</p>
                        </a></li>
                    }).collect_view()}
                </ul>
            </section>
        })}
    }
}

#[component]
fn NoticeRow(notice: NoticeView) -> impl IntoView {
    let i18n = use_i18n();
    let NoticeView { kind, params, created_at, read, .. } = notice;
    let data_kind = kind.clone();
    view! {
        <li class="notice-row" class:unread=!read data-kind=data_kind>
            <span>{move || labels::notice(i18n.get_locale(), &kind, &params)}</span>
            <span class="muted">{labels::date_time(Timestamp(created_at))}</span>
        </li>
    }
}

/// The state of an application in words: "已保留托位，至 … 前待机构确认", "排队第 3 位" …
fn state_line(locale: crate::i18n::Locale, a: &ApplicationView) -> String {
    match a.state {
        ApplicationState::Offered => {
            let until = a.offered_until.map(|t| labels::date_time(Timestamp(t))).unwrap_or_default();
            crate::i18n::td_string!(locale, bookings.offered_until, until = until)
        }
        ApplicationState::Waitlisted => {
            let position = a.position.unwrap_or_default();
            crate::i18n::td_string!(locale, bookings.waitlisted_at, position = position, ahead = position.saturating_sub(1))
        }
        ApplicationState::Declined => match &a.decline_reason {
            Some(reason) => crate::i18n::td_string!(locale, bookings.declined_because, reason = reason.clone()),
            None => labels::application_state(locale, a.state),
        },
        other => labels::application_state(locale, other),
    }
}

#[component]
fn ApplicationCard(application: ApplicationView, now: Timestamp, bookings: Bookings) -> impl IntoView {
    let i18n = use_i18n();
    let id = application.id;
    let cancel = Action::new(move |op_id: &String| cancel_application(op_id.clone(), id));
    let renew = Action::new(move |op_id: &String| renew_application(op_id.clone(), id));
    let queue = crate::offline::OfflineQueue::use_queue();
    let cancel_label = format!("{} · {}", application.facility_name, application.start_month);
    let renew_label = cancel_label.clone();
    Effect::new(move |_| {
        if matches!(cancel.value().get(), Some(Ok(()))) || matches!(renew.value().get(), Some(Ok(()))) {
            bookings.refetch();
        }
    });
    let state = application.state;
    let renew_soon = state == ApplicationState::Waitlisted
        && application.renew_by.is_some_and(|by| by - now.0 <= REMIND_DAYS_BEFORE * Timestamp::SECONDS_PER_DAY);
    let renew_by = application.renew_by.map(|t| labels::date(Timestamp(t)));
    let level = application.class;
    let line = {
        let application = application.clone();
        move || state_line(i18n.get_locale(), &application)
    };
    view! {
        <li class="card application" data-state=state.code() data-application=id>
            <h3><a href=format!("/facilities/{}", application.facility_id)>{application.facility_name.clone()}</a></h3>
            <p class="muted">
                {application.child_name.clone().unwrap_or_default()}" · "
                {move || labels::class_level(i18n.get_locale(), level)}" · "
                {move || t_string!(i18n, bookings.starts, month = application.start_month.clone())}
            </p>
            <p class="state"><strong>{line}</strong></p>
            {renew_by.filter(|_| state == ApplicationState::Waitlisted).map(|date| view! {
                <p class="hint" class:warning=renew_soon>{move || t_string!(i18n, bookings.renew_by, date = date.clone())}</p>
            })}
            <p class="actions left">
                {(state == ApplicationState::Waitlisted).then(|| view! {
                    <button type="button" class="secondary" disabled=move || renew.pending().get() on:click=move |_| {
                        if crate::offline::is_online() {
                            renew.dispatch(new_operation_id());
                        } else {
                            // Offline: the renewal waits on the device (待同步).
                            let payload = serde_json::json!({ "application_id": id });
                            queue.enqueue_new("application.renew", payload, renew_label.clone());
                        }
                    }>
                        {t!(i18n, bookings.renew)}
                    </button>
                })}
                {state.is_open().then(|| view! {
                    <button type="button" class="secondary danger" disabled=move || cancel.pending().get() on:click=move |_| {
                        if confirm(&t_string!(i18n, bookings.cancel_confirm)) {
                            if crate::offline::is_online() {
                                cancel.dispatch(new_operation_id());
                            } else {
                                // Offline: the cancellation waits on the device (待同步).
                                let payload = serde_json::json!({ "application_id": id });
                                queue.enqueue_new("application.cancel", payload, cancel_label.clone());
                            }
                        }
                    }>
                        {t!(i18n, bookings.cancel)}
                    </button>
                })}
            </p>
            {move || cancel.value().get().and_then(|r| r.err()).or_else(|| renew.value().get().and_then(|r| r.err())).map(|e| view! { <ErrorNotice error=e/> })}
        </li>
    }
}

#[component]
fn SlotBookingCard(booking: SlotBookingView, now: Timestamp, bookings: Bookings) -> impl IntoView {
    let i18n = use_i18n();
    let id = booking.id;
    let cancel = Action::new(move |op_id: &String| cancel_slot_booking(op_id.clone(), id));
    Effect::new(move |_| {
        if matches!(cancel.value().get(), Some(Ok(()))) {
            bookings.refetch();
        }
    });
    let kind = booking.kind;
    let booked = booking.state == "booked";
    let cancellable = booked && may_cancel_slot(Timestamp(booking.starts_at), now);
    let when = format!("{}–{}", labels::date_time(Timestamp(booking.starts_at)), labels::time_of_day(Timestamp(booking.ends_at)));
    let queue = crate::offline::OfflineQueue::use_queue();
    let cancel_label = format!("{} · {when}", booking.facility_name);
    view! {
        <li class="card slot-booking" data-state=booking.state.clone()>
            <h3><a href=format!("/facilities/{}", booking.facility_id)>{booking.facility_name.clone()}</a></h3>
            <p>{move || labels::slot_kind(i18n.get_locale(), kind)}" · "{when}</p>
            <p class="muted">{booking.child_name.clone().unwrap_or_default()}" · "
                {move || if booked { t_string!(i18n, bookings.slot_booked).to_string() } else { t_string!(i18n, bookings.slot_cancelled).to_string() }}
            </p>
            {cancellable.then(|| view! {
                <p class="actions left">
                    <button type="button" class="secondary danger" disabled=move || cancel.pending().get() on:click=move |_| {
                        if crate::offline::is_online() {
                            cancel.dispatch(new_operation_id());
                        } else {
                            // Offline: the cancellation waits on the device (待同步).
                            let payload = serde_json::json!({ "booking_id": id });
                            queue.enqueue_new("slot.cancel", payload, cancel_label.clone());
                        }
                    }>
                        {t!(i18n, bookings.cancel)}
                    </button>
                </p>
            })}
            {(booked && !cancellable).then(|| view! { <p class="hint">{t!(i18n, bookings.too_late_to_cancel)}</p> })}
            {move || cancel.value().get().and_then(|r| r.err()).map(|e| view! { <ErrorNotice error=e/> })}
        </li>
    }
}
