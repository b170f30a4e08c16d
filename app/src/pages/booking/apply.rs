//! The booking part of a facility's page: pick a child once, then apply for a place from a start
//! month, or book a visit or a care slot. Strangers are asked to sign in first; staff see nothing.

use leptos::prelude::*;

use super::slots::FacilitySlots;
use crate::api::account::{ChildView, MyAccount};
use crate::api::booking::{apply_for_place, ApplyInput, ApplyResult, SlotView};
use crate::components::{new_operation_id, ErrorNotice};
use crate::error::AppError;
use crate::offline::{self, queue::QueueItem, OfflineQueue};
use crate::domain::account::roles::Role;
use crate::domain::calendar::{CivilDate, Timestamp, YearMonth};
use crate::i18n::{t, t_string, use_i18n};
use crate::labels;

/// How many start months ahead a family can choose (this month and the next twelve).
const START_MONTHS: u32 = 13;

/// What the booking part of a facility page needs, loaded with the page (one Suspense for the
/// whole page: resources created inside nested suspense boundaries hydrated in a varying order).
#[derive(Clone, Debug)]
pub struct BookingData {
    pub account: Option<MyAccount>,
    pub slots: Vec<SlotView>,
}

/// Booking on a facility's page. `today` is the server's time of the page, so the months offered
/// are the same when rendered and when hydrated.
#[component]
pub fn FacilityBooking(facility_id: i64, name: String, accepts_applications: bool, today: Timestamp, data: BookingData) -> impl IntoView {
    let i18n = use_i18n();
    let BookingData { account, slots } = data;
    let body = match account {
        Some(me) if me.role == Role::Parent && !me.children.is_empty() => {
            view! { <ParentBooking facility_id name accepts_applications today children=me.children slots/> }.into_any()
        }
        Some(me) if me.role == Role::Parent => view! {
            <p>{t!(i18n, booking.add_child_first)}</p>
            <p><a class="button" href="/me">{t!(i18n, booking.go_add_child)}</a></p>
        }
        .into_any(),
        Some(_) => view! { <p class="muted">{t!(i18n, booking.parents_only)}</p> }.into_any(),
        None => view! {
            <p>{t!(i18n, booking.sign_in_first)}</p>
            <p><a class="button" href="/login">{t!(i18n, booking.sign_in)}</a></p>
            <FacilitySlots slots child=Signal::derive(|| None)/>
        }
        .into_any(),
    };
    view! {
        <section class="booking" aria-labelledby="booking-heading">
            <h2 id="booking-heading">{t!(i18n, booking.heading)}</h2>
            {body}
        </section>
    }
}

#[component]
fn ParentBooking(facility_id: i64, name: String, accepts_applications: bool, today: Timestamp, children: Vec<ChildView>, slots: Vec<SlotView>) -> impl IntoView {
    let i18n = use_i18n();
    let first_child = children.first().map(|c| c.id);
    let child = RwSignal::new(first_child);
    let this_month = YearMonth::of(CivilDate::in_china_at(today));
    let start = RwSignal::new(this_month.plus_months(1).to_string());
    let apply = Action::new(move |(op_id, child_id, start_month): &(String, i64, String)| {
        apply_for_place(ApplyInput { op_id: op_id.clone(), child_id: *child_id, facility_id, start_month: start_month.clone() })
    });
    // Offline (or the request got lost on the way): the application waits in the device queue
    // with the same operation id, so it is applied once whichever copy arrives first.
    let queue = OfflineQueue::use_queue();
    let queued = RwSignal::new(false);
    let last_sent = StoredValue::new(None::<(String, i64, String)>);
    let label = format!("{name} · ");
    let keep_on_device = move |(op_id, child_id, start_month): (String, i64, String)| {
        let payload = serde_json::json!({ "child_id": child_id, "facility_id": facility_id, "start_month": start_month });
        queue.enqueue(QueueItem::new(op_id, "application.apply", payload, format!("{label}{start_month}"), offline::now_ms()));
        queued.set(true);
    };
    let keep = keep_on_device.clone();
    Effect::new(move |_| {
        if let Some(Err(AppError::Network)) = apply.value().get() {
            if let Some(sent) = last_sent.get_value() {
                keep(sent);
            }
        }
    });
    let child_choice = (children.len() > 1).then(|| {
        view! {
            <div class="field">
                <label for="booking-child">{t!(i18n, booking.child)}</label>
                <select id="booking-child" on:change=move |ev| child.set(event_target_value(&ev).parse().ok())>
                    {children.iter().map(|c| view! { <option value=c.id.to_string()>{c.name.clone()}</option> }).collect_view()}
                </select>
            </div>
        }
    });
    let months: Vec<String> = (0..START_MONTHS).map(|n| this_month.plus_months(n).to_string()).collect();
    view! {
        {child_choice}
        {if accepts_applications {
            view! {
                <form class="apply" on:submit=move |ev| {
                    ev.prevent_default();
                    if let Some(child_id) = child.get_untracked() {
                        let request = (new_operation_id(), child_id, start.get_untracked());
                        queued.set(false);
                        if offline::is_online() {
                            last_sent.set_value(Some(request.clone()));
                            apply.dispatch(request);
                        } else {
                            keep_on_device(request);
                        }
                    }
                }>
                    <h3>{t!(i18n, booking.apply_heading)}</h3>
                    <p class="hint">{move || t_string!(i18n, booking.apply_lead, name = name.clone())}</p>
                    <div class="field">
                        <label for="booking-start">{t!(i18n, booking.start_month)}</label>
                        <select id="booking-start" on:change=move |ev| start.set(event_target_value(&ev))>
                            {months.into_iter().map(|m| {
                                let selected = m == start.get_untracked();
                                view! { <option value=m.clone() selected=selected>{m.clone()}</option> }
                            }).collect_view()}
                        </select>
                    </div>
                    <button type="submit" disabled=move || apply.pending().get()>{t!(i18n, booking.apply)}</button>
                    <div class="apply-outcome">
                    {move || queued.get().then(|| view! {
                        <p class="notice" role="status" data-outcome="queued">{t!(i18n, offline.saved_offline)}</p>
                        <p><a href="/me/bookings">{t!(i18n, booking.see_mine)}</a></p>
                    })}
                    {move || apply.value().get().filter(|_| !queued.get()).map(|result| match result {
                        Ok(ApplyResult::Offered { until, .. }) => view! {
                            <p class="notice" role="status" data-outcome="offered">
                                {move || t_string!(i18n, booking.offered, until = labels::date_time(Timestamp(until)))}
                            </p>
                            <p><a href="/me/bookings">{t!(i18n, booking.see_mine)}</a></p>
                        }
                        .into_any(),
                        Ok(ApplyResult::Waitlisted { position, .. }) => view! {
                            <p class="notice" role="status" data-outcome="waitlisted">
                                {move || t_string!(i18n, booking.waitlisted, position = position, ahead = position.saturating_sub(1))}
                            </p>
                            <p><a href="/me/bookings">{t!(i18n, booking.see_mine)}</a></p>
                        }
                        .into_any(),
                        Err(e) => view! { <ErrorNotice error=e/> }.into_any(),
                    })}
                    </div>
                </form>
            }
            .into_any()
        } else {
            view! { <p class="muted">{t!(i18n, booking.not_filed)}</p> }.into_any()
        }}
        <FacilitySlots slots child=child.into()/>
    }
}
