//! A parent rates a facility their child really used: six aspects of 1–5 stars (radio buttons,
//! each a 44 px target), an optional text, and the overall score computed, never typed. A
//! rating already made shows as "my rating" with edit (once in 30 days) and withdraw. Offline,
//! or when the request is lost on the way, it waits in the device queue under the same
//! operation id and is applied once.

use leptos::prelude::*;

use crate::api::ratings::{edit_rating, rate_facility, withdraw_rating, OwnRatingView, RateInput, RatingChoiceView, RatingInput, RatingSaved};
use crate::components::{new_operation_id, ErrorNotice};
use crate::domain::calendar::Timestamp;
use crate::domain::rating::{Aspect, MAX_TEXT_CHARS};
use crate::error::AppError;
use crate::i18n::{t, t_string, use_i18n};
use crate::labels;
use crate::offline::{self, queue::QueueItem, OfflineQueue};

/// The rating part of a facility page for a signed-in parent.
#[component]
pub fn ParentRating(facility_id: i64, facility_name: String, choices: Vec<RatingChoiceView>) -> impl IntoView {
    let i18n = use_i18n();
    if choices.is_empty() {
        return view! {
            <p>{t!(i18n, booking.add_child_first)}</p>
            <p><a class="button secondary" href="/me">{t!(i18n, booking.go_add_child)}</a></p>
        }
        .into_any();
    }
    let eligible: Vec<RatingChoiceView> = choices.into_iter().filter(|c| c.relationship.is_some()).collect();
    if eligible.is_empty() {
        return view! { <p class="muted" data-rating-form="none">{t!(i18n, ratings.no_relationship)}</p> }.into_any();
    }
    let selected = RwSignal::new(eligible[0].child_id);
    let chooser = (eligible.len() > 1).then(|| {
        let options = eligible.clone();
        view! {
            <div class="field">
                <label for="rating-child">{t!(i18n, ratings.form_child)}</label>
                <select id="rating-child" on:change=move |ev| if let Ok(id) = event_target_value(&ev).parse() { selected.set(id) }>
                    {options.into_iter().map(|c| view! { <option value=c.child_id.to_string()>{c.child_name}</option> }).collect_view()}
                </select>
            </div>
        }
    });
    view! {
        {chooser}
        {move || {
            let choice = eligible.iter().find(|c| c.child_id == selected.get()).cloned();
            choice.map(|choice| view! { <ChildRating facility_id facility_name=facility_name.clone() choice/> })
        }}
    }
    .into_any()
}

/// One child's rating: "my rating" when there is one, else the form.
#[component]
fn ChildRating(facility_id: i64, facility_name: String, choice: RatingChoiceView) -> impl IntoView {
    let i18n = use_i18n();
    match choice.own.clone() {
        Some(own) if own.state == "hidden" => {
            let reason = own.hidden_reason.clone().unwrap_or_default();
            view! { <p class="notice" data-rating-form="hidden">{move || t_string!(i18n, ratings.hidden, reason = reason.clone())}</p> }.into_any()
        }
        Some(own) if own.state == "published" => view! { <OwnRating facility_id facility_name choice own/> }.into_any(),
        // None yet, or withdrawn (rating again reuses it, under the 30-day rule).
        _ => view! { <RatingForm facility_id facility_name child_id=choice.child_id editing=None/> }.into_any(),
    }
}

#[component]
fn OwnRating(facility_id: i64, facility_name: String, choice: RatingChoiceView, own: OwnRatingView) -> impl IntoView {
    let i18n = use_i18n();
    let editing = RwSignal::new(false);
    let withdraw = Action::new(move |(op_id, rating_id): &(String, i64)| withdraw_rating(op_id.clone(), *rating_id));
    let rating_id = own.id;
    let held = own.text_state == "held";
    let editable_from = own.editable_from;
    let stars = own.stars.clone();
    view! {
        <div class="my-rating" data-rating-form="own">
            <h3>{t!(i18n, ratings.mine)}</h3>
            <ul class="my-stars">
                {Aspect::ALL.iter().zip(stars).map(|(aspect, n)| {
                    let aspect = *aspect;
                    view! { <li>{move || labels::aspect(i18n.get_locale(), aspect)}" "<span class="stars">{"★".repeat(n.clamp(0, 5) as usize)}</span></li> }
                }).collect_view()}
            </ul>
            {own.text.clone().map(|text| view! {
                <p class="rating-text">{text}{held.then(|| view! { " "<span class="badge held">{t!(i18n, ratings.held)}</span> })}</p>
            })}
            {own.reply.clone().map(|reply| view! {
                <div class="rating-reply"><p class="muted">{t!(i18n, ratings.reply)}</p><p>{reply}</p></div>
            })}
            {match editable_from {
                Some(from) => view! { <p class="hint">{move || t_string!(i18n, ratings.edit_from, date = labels::date(Timestamp(from)))}</p> }.into_any(),
                None => view! {
                    <p class="actions">
                        <button type="button" class="secondary" on:click=move |_| editing.update(|e| *e = !*e)>{t!(i18n, ratings.edit)}</button>
                    </p>
                }
                .into_any(),
            }}
            {move || editing.get().then(|| view! {
                <RatingForm facility_id facility_name=facility_name.clone() child_id=choice.child_id editing=Some(rating_id)/>
            })}
            {move || match withdraw.value().get() {
                Some(Ok(())) => view! { <p class="notice" role="status">{t!(i18n, ratings.withdrawn)}</p> }.into_any(),
                Some(Err(e)) => view! { <ErrorNotice error=e/> }.into_any(),
                None => view! {
                    <p class="actions">
                        <button type="button" class="secondary" disabled=move || withdraw.pending().get()
                            on:click=move |_| { withdraw.dispatch((new_operation_id(), rating_id)); }>
                            {t!(i18n, ratings.withdraw)}
                        </button>
                    </p>
                }
                .into_any(),
            }}
        </div>
    }
}

/// The form. `editing`: the rating it changes; `None`: a new rating.
#[component]
fn RatingForm(facility_id: i64, facility_name: String, child_id: i64, editing: Option<i64>) -> impl IntoView {
    let i18n = use_i18n();
    let stars: Vec<RwSignal<Option<i64>>> = Aspect::ALL.iter().map(|_| RwSignal::new(None)).collect();
    let text = RwSignal::new(String::new());
    let send = Action::new(move |(op_id, input): &(String, RatingInput)| {
        let (op_id, input) = (op_id.clone(), input.clone());
        async move {
            match editing {
                Some(rating_id) => edit_rating(op_id, rating_id, input).await,
                None => rate_facility(RateInput { op_id, facility_id, child_id, rating: input }).await,
            }
        }
    });
    let queue = OfflineQueue::use_queue();
    let queued = RwSignal::new(false);
    let last_sent = StoredValue::new(None::<(String, RatingInput)>);
    let keep_on_device = move |(op_id, input): (String, RatingInput)| {
        let (kind, payload) = match editing {
            Some(rating_id) => ("rating.edit", serde_json::json!({ "rating_id": rating_id, "rating": input })),
            None => ("rating.create", serde_json::json!({ "facility_id": facility_id, "child_id": child_id, "rating": input })),
        };
        queue.enqueue(QueueItem::new(op_id, kind, payload, facility_name.clone(), offline::now_ms()));
        queued.set(true);
    };
    let keep = keep_on_device.clone();
    Effect::new(move |_| {
        if let Some(Err(AppError::Network)) = send.value().get() {
            if let Some(sent) = last_sent.get_value() {
                keep(sent);
            }
        }
    });
    let read_stars = stars.clone();
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let s: Vec<Option<i64>> = read_stars.iter().map(|s| s.get_untracked()).collect();
        let input = RatingInput {
            safety: s[0],
            hygiene_meals: s[1],
            care: s[2],
            communication: s[3],
            environment: s[4],
            fees: s[5],
            text: text.get_untracked(),
        };
        let request = (new_operation_id(), input);
        queued.set(false);
        if offline::is_online() {
            last_sent.set_value(Some(request.clone()));
            send.dispatch(request);
        } else {
            keep_on_device(request);
        }
    };
    let prefix = match editing {
        Some(id) => format!("edit-{id}"),
        None => format!("new-{child_id}"),
    };
    view! {
        <form class="rating-form" data-rating-form=if editing.is_some() { "edit" } else { "new" } on:submit=on_submit>
            {editing.is_none().then(|| view! { <h3>{t!(i18n, ratings.form_heading)}</h3> })}
            <p class="hint">{t!(i18n, ratings.form_lead)}</p>
            {Aspect::ALL.iter().zip(stars).map(|(aspect, chosen)| {
                let aspect = *aspect;
                let name = format!("{prefix}-{}", aspect.code());
                view! {
                    <fieldset class="star-field" data-aspect=aspect.code()>
                        <legend>{move || labels::aspect(i18n.get_locale(), aspect)}</legend>
                        <p class="hint">{move || labels::aspect_hint(i18n.get_locale(), aspect)}</p>
                        <div class="star-choices">
                            {(1..=5i64).map(|n| {
                                let name = name.clone();
                                view! {
                                    <label class="star-choice" class:lit=move || chosen.get().is_some_and(|c| c >= n)>
                                        <input type="radio" name=name value=n.to_string() required=true
                                            on:change=move |_| chosen.set(Some(n))/>
                                        <span aria-hidden="true">"★"</span>
                                        <span class="visually-hidden">{move || t_string!(i18n, ratings.star_n, n = n)}</span>
                                    </label>
                                }
                            }).collect_view()}
                        </div>
                    </fieldset>
                }
            }).collect_view()}
            <div class="field">
                <label for=format!("{prefix}-text")>{t!(i18n, ratings.form_text)}</label>
                <textarea id=format!("{prefix}-text") rows="4" maxlength=MAX_TEXT_CHARS.to_string()
                    on:input=move |ev| text.set(event_target_value(&ev))></textarea>
                <p class="hint">{t!(i18n, ratings.form_text_hint)}</p>
            </div>
            <button type="submit" disabled=move || send.pending().get()>
                {move || if editing.is_some() { t_string!(i18n, ratings.save) } else { t_string!(i18n, ratings.submit) }}
            </button>
            <div class="rating-outcome">
                {move || queued.get().then(|| view! { <p class="notice" role="status" data-outcome="queued">{t!(i18n, ratings.saved_offline)}</p> })}
                {move || send.value().get().filter(|_| !queued.get()).map(|result| match result {
                    Ok(RatingSaved { text_held: false, .. }) => view! { <p class="notice" role="status" data-outcome="saved">{t!(i18n, ratings.saved)}</p> }.into_any(),
                    Ok(RatingSaved { text_held: true, .. }) => view! { <p class="notice" role="status" data-outcome="held">{t!(i18n, ratings.saved_held)}</p> }.into_any(),
                    Err(e) => view! { <ErrorNotice error=e/> }.into_any(),
                })}
            </div>
        </form>
    }
}
