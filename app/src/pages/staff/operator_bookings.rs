//! The operator's bookings: place applications to decide (confirm, decline with a reason, mark
//! enrolled or withdrawn), publishing visit and care slots, and who booked them.

use leptos::prelude::*;

use crate::api::booking::{decide_application, fetch_operator_bookings, publish_slot, Decision, OperatorApplicationView, OperatorBookings, SlotInput, SlotView};
use crate::components::{new_operation_id, FieldError, FormError};
use crate::domain::booking::ApplicationState;
use crate::domain::calendar::Timestamp;
use crate::error::AppError;
use crate::i18n::{t, t_string, use_i18n};
use crate::labels;

pub type Bookings = Resource<Result<OperatorBookings, AppError>>;

/// The page creates the resource at its top (see `OperatorPage`), so that resources are created
/// in the same order on the server and in the browser.
pub fn bookings_resource() -> Bookings {
    Resource::new(|| (), |_| fetch_operator_bookings())
}

#[component]
pub fn OperatorBookingsSection(bookings: Bookings) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <Suspense fallback=move || view! { <p class="loading">{t!(i18n, common.loading)}</p> }>
            {move || Suspend::new(async move {
                match bookings.await {
                    Ok(b) => view! {
                        <section aria-labelledby="applications-heading">
                            <h2 id="applications-heading">{t!(i18n, operator.applications)}</h2>
                            {if b.applications.is_empty() {
                                view! { <p class="muted">{t!(i18n, operator.no_applications)}</p> }.into_any()
                            } else {
                                view! {
                                    <ul class="cards">
                                        {b.applications.into_iter().map(|application| view! { <ApplicationDecision application bookings/> }).collect_view()}
                                    </ul>
                                }
                                .into_any()
                            }}
                        </section>
                        <section aria-labelledby="slots-heading">
                            <h2 id="slots-heading">{t!(i18n, operator.slots)}</h2>
                            <PublishSlot bookings/>
                            <ul class="slots">{b.slots.into_iter().map(|slot| view! { <PublishedSlot item=slot/> }).collect_view()}</ul>
                            <h3>{t!(i18n, operator.slot_bookings)}</h3>
                            {if b.slot_bookings.is_empty() {
                                view! { <p class="muted">{t!(i18n, operator.no_slot_bookings)}</p> }.into_any()
                            } else {
                                view! {
                                    <ul class="plain">
                                        {b.slot_bookings.into_iter().map(|booking| {
                                            let kind = booking.kind;
                                            view! {
                                                <li>
                                                    {labels::date_time(Timestamp(booking.starts_at))}" · "
                                                    {move || labels::slot_kind(i18n.get_locale(), kind)}" · "
                                                    {booking.child_name.clone().unwrap_or_default()}
                                                </li>
                                            }
                                        }).collect_view()}
                                    </ul>
                                }
                                .into_any()
                            }}
                        </section>
                    }
                    .into_any(),
                    // The page above already explains a refusal.
                    Err(_) => ().into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn ApplicationDecision(application: OperatorApplicationView, bookings: Bookings) -> impl IntoView {
    let i18n = use_i18n();
    let id = application.id;
    let decide = Action::new(move |(op_id, decision, reason): &(String, Decision, Option<String>)| {
        decide_application(op_id.clone(), id, *decision, reason.clone())
    });
    Effect::new(move |_| {
        if let Some(Ok(())) = decide.value().get() {
            bookings.refetch();
        }
    });
    let reason = RwSignal::new(String::new());
    let state = application.state;
    let level = application.class;
    let detail = match state {
        ApplicationState::Offered => application.offered_until.map(|t| labels::date_time(Timestamp(t))),
        ApplicationState::Waitlisted => application.position.map(|p| p.to_string()),
        _ => None,
    };
    let button = move |decision: Decision, label: String, class: &'static str| {
        view! {
            <button type="button" class=class disabled=move || decide.pending().get() on:click=move |_| {
                let reason = Some(reason.get_untracked()).filter(|r| !r.trim().is_empty());
                decide.dispatch((new_operation_id(), decision, reason));
            }>{label}</button>
        }
    };
    let can_confirm = state == ApplicationState::Offered;
    let can_enrol = state.holds_place();
    let can_decline = state.is_open();
    let can_withdraw = state == ApplicationState::Enrolled;
    view! {
        <li class="card application" data-state=state.code() data-application=id>
            <h3>{application.child_name.clone().unwrap_or_default()}</h3>
            <p class="muted">
                {move || labels::class_level(i18n.get_locale(), level)}" · "
                {move || t_string!(i18n, bookings.starts, month = application.start_month.clone())}" · "
                {application.phone_masked.clone()}
            </p>
            <p class="state">
                <strong>{move || labels::application_state(i18n.get_locale(), state)}</strong>
                {detail.map(|d| {
                    let d2 = d.clone();
                    move || match state {
                        ApplicationState::Offered => t_string!(i18n, operator.offer_until, until = d2.clone()).to_string(),
                        _ => t_string!(i18n, operator.queue_position, position = d.clone()).to_string(),
                    }
                })}
            </p>
            {can_decline.then(|| view! {
                <div class="field">
                    <label for=format!("reason-{id}")>{t!(i18n, operator.decline_reason)}</label>
                    <input id=format!("reason-{id}") type="text" maxlength="200" bind:value=reason/>
                    <FieldError error=Signal::derive(move || decide.value().get().and_then(|r| r.err())) field="reason"/>
                </div>
            })}
            <p class="actions left">
                {move || can_confirm.then(|| button(Decision::Confirm, t_string!(i18n, operator.confirm_offer).to_string(), "primary"))}
                {move || can_enrol.then(|| button(Decision::Enrol, t_string!(i18n, operator.enrol).to_string(), "secondary"))}
                {move || can_decline.then(|| button(Decision::Decline, t_string!(i18n, operator.decline).to_string(), "secondary danger"))}
                {move || can_withdraw.then(|| button(Decision::Withdraw, t_string!(i18n, operator.withdraw).to_string(), "secondary"))}
            </p>
            <FormError error=Signal::derive(move || decide.value().get().and_then(|r| r.err()).filter(|e| !matches!(e, AppError::BadInput { .. })))/>
        </li>
    }
}

#[component]
fn PublishSlot(bookings: Bookings) -> impl IntoView {
    let i18n = use_i18n();
    let kind = RwSignal::new("visit".to_string());
    let starts_at = RwSignal::new(String::new());
    let minutes = RwSignal::new("60".to_string());
    let capacity = RwSignal::new("5".to_string());
    let publish = Action::new(|input: &SlotInput| publish_slot(input.clone()));
    Effect::new(move |_| {
        if let Some(Ok(_)) = publish.value().get() {
            bookings.refetch();
        }
    });
    let error = Signal::derive(move || publish.value().get().and_then(|r| r.err()));
    view! {
        <form class="publish-slot" on:submit=move |ev| {
            ev.prevent_default();
            publish.dispatch(SlotInput {
                op_id: new_operation_id(),
                kind: kind.get_untracked(),
                starts_at: starts_at.get_untracked(),
                minutes: minutes.get_untracked().trim().parse().unwrap_or(0),
                capacity: capacity.get_untracked().trim().parse().unwrap_or(0),
            });
        }>
            <h3>{t!(i18n, operator.publish_heading)}</h3>
            <div class="field">
                <label for="slot-kind">{t!(i18n, operator.slot_kind)}</label>
                <select id="slot-kind" on:change=move |ev| kind.set(event_target_value(&ev))>
                    <option value="visit">{t!(i18n, booking.slot_visit)}</option>
                    <option value="hourly">{t!(i18n, booking.slot_hourly)}</option>
                    <option value="temporary">{t!(i18n, booking.slot_temporary)}</option>
                </select>
            </div>
            <div class="field">
                <label for="slot-start">{t!(i18n, operator.slot_start)}</label>
                <input id="slot-start" type="datetime-local" required bind:value=starts_at/>
                <FieldError error field="starts_at"/>
            </div>
            <div class="field-row">
                <div class="field">
                    <label for="slot-minutes">{t!(i18n, operator.slot_minutes)}</label>
                    <input id="slot-minutes" type="number" min="15" max="720" inputmode="numeric" bind:value=minutes/>
                    <FieldError error field="minutes"/>
                </div>
                <div class="field">
                    <label for="slot-capacity">{t!(i18n, operator.slot_capacity)}</label>
                    <input id="slot-capacity" type="number" min="1" max="100" inputmode="numeric" bind:value=capacity/>
                    <FieldError error field="capacity"/>
                </div>
            </div>
            <button type="submit" disabled=move || publish.pending().get()>{t!(i18n, operator.publish)}</button>
            {move || matches!(publish.value().get(), Some(Ok(_))).then(|| view! { <p class="notice" role="status">{t!(i18n, operator.published)}</p> })}
            <FormError error=Signal::derive(move || error.get().filter(|e| !matches!(e, AppError::BadInput { .. })))/>
        </form>
    }
}

#[component]
fn PublishedSlot(item: SlotView) -> impl IntoView {
    let i18n = use_i18n();
    let slot = item;
    let kind = slot.kind;
    let booked = slot.capacity - slot.free;
    view! {
        <li class="slot" data-kind=kind.code()>
            <div class="slot-head">
                <strong>{move || labels::slot_kind(i18n.get_locale(), kind)}</strong>
                <span>{labels::date_time(Timestamp(slot.starts_at))}"–"{labels::time_of_day(Timestamp(slot.ends_at))}</span>
            </div>
            <p class="muted">{move || t_string!(i18n, operator.slot_taken, booked = booked, capacity = slot.capacity)}</p>
        </li>
    }
}
