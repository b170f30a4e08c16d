//! Filing a complaint, report or suggestion, phone first: from a facility's page (the facility
//! is chosen) or about a place not in the directory. Choosing "harm to a child" shows the
//! emergency numbers at once, before anything else. Signed in or not; the answer is a tracking
//! code (and, anonymously, a password shown once). Offline, the whole request, photos
//! included, is kept on the device (`offline::held`) and sent once when the network is back,
//! signed in or not; its code (and password) then shows in the list under the form.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::api::account::fetch_my_account;
use crate::api::complaints::{ComplaintFiled, ComplaintInput, FileComplaintInput};
use crate::api::directory::fetch_facility_detail;
use crate::components::map::picker::place_picker;
use crate::components::{new_operation_id, ErrorNotice};
use crate::domain::account::roles::Role;
use crate::domain::complaint::routing::{is_urgent, Category};
use crate::domain::complaint::{Kind, MAX_DESCRIPTION_CHARS};
use crate::domain::geo::GeoPoint;
use crate::error::AppError;
use crate::i18n::{t, td_string, use_i18n};
use crate::labels;
use crate::offline::{self, queue::QueueItem, DeviceQueueSection, OfflineQueue, COMPLAINT_KIND};

/// Where complaints are filed (the same endpoint for a request kept on the device).
const PATH: &str = "/api/v1/complaints";

/// What sending gave.
#[derive(Clone, Debug, PartialEq)]
enum Sent {
    Filed(ComplaintFiled),
    Queued,
    Refused(AppError),
}

#[component]
pub fn FileComplaintPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let facility_id = move || query.with(|q| q.get("facility").and_then(|id| id.parse::<i64>().ok()));
    let facility = Resource::new(facility_id, |id| async move {
        match id {
            Some(id) => fetch_facility_detail(id.to_string()).await.ok().map(|f| (f.facility.id, f.facility.name)),
            None => None,
        }
    });
    let account = Resource::new(|| (), |_| fetch_my_account());
    view! {
        <Title text=labels::page_title(i18n.get_locale_untracked(), td_string!(i18n.get_locale_untracked(), complaints.title_new))/>
        <h1>{t!(i18n, complaints.heading_new)}</h1>
        <p class="lead">{t!(i18n, complaints.lead)}</p>
        <Suspense fallback=move || view! { <p class="loading">{t!(i18n, common.loading)}</p> }>
            {move || Suspend::new(async move {
                let facility = facility.await;
                let role = account.await.ok().flatten().map(|a| a.role);
                match role {
                    Some(Role::Parent) | None => view! { <ComplaintForm facility signed_in=role.is_some()/> <DeviceQueueSection only_kind=COMPLAINT_KIND/> }.into_any(),
                    Some(_) => view! { <p class="notice">{t!(i18n, complaints.staff)}</p> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn ComplaintForm(facility: Option<(i64, String)>, signed_in: bool) -> impl IntoView {
    let i18n = use_i18n();
    let category = RwSignal::new(None::<Category>);
    let kind = RwSignal::new(Kind::Complaint);
    let (place_name, place_address) = (RwSignal::new(String::new()), RwSignal::new(String::new()));
    let place_point = RwSignal::new(None::<GeoPoint>);
    let occurred_on = RwSignal::new(String::new());
    let description = RwSignal::new(String::new());
    let outcome = RwSignal::new(None::<Sent>);
    let sending = RwSignal::new(false);
    let photo_input = NodeRef::<leptos::html::Input>::new();
    let queue = OfflineQueue::use_queue();
    let facility_id = facility.as_ref().map(|(id, _)| *id);
    let facility_name = facility.as_ref().map(|(_, name)| name.clone());
    // About a facility: every category but "unfiled operation"; about another place: any.
    let categories: Vec<Category> = Category::ALL.iter().copied().filter(|c| facility_id.is_none() || *c != Category::UnfiledOperation).collect();

    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let complaint = ComplaintInput {
            kind: kind.get_untracked().code().into(),
            category: category.get_untracked().map(|c| c.code().to_string()).unwrap_or_default(),
            facility_id,
            place_name: place_name.get_untracked(),
            place_address: place_address.get_untracked(),
            place_lon: place_point.get_untracked().map(|p| p.lon),
            place_lat: place_point.get_untracked().map(|p| p.lat),
            occurred_on: occurred_on.get_untracked(),
            description: description.get_untracked(),
        };
        let op_id = new_operation_id();
        let label = facility_name.clone().unwrap_or_else(|| complaint.place_name.clone());
        sending.set(true);
        leptos::task::spawn_local(async move {
            let photos = crate::components::files::read_base64(photo_input.get_untracked(), crate::domain::complaint::MAX_PHOTOS + 1).await.into_iter().map(|file| file.content).collect::<Vec<_>>();
            let request = FileComplaintInput { op_id: op_id.clone(), complaint, photos };
            let body = serde_json::to_string(&request).unwrap_or_default();
            let answer = offline::post_json(PATH, body.clone()).await;
            // No answer: the whole request, photos included, waits on the device and is sent
            // with the same operation id later — by any visitor, since filing needs no account.
            let kept = answer.is_none() && offline::held::keep(&op_id, &body).await;
            sending.set(false);
            outcome.set(Some(match answer {
                Some((200, text)) => match serde_json::from_str::<ComplaintFiled>(&text) {
                    Ok(filed) => Sent::Filed(filed),
                    Err(_) => Sent::Refused(AppError::Internal),
                },
                Some((_, text)) => Sent::Refused(refusal_of(&text)),
                None if kept => {
                    queue.enqueue(QueueItem::held(op_id, COMPLAINT_KIND, PATH, label, offline::now_ms()));
                    Sent::Queued
                }
                // This browser gives the site no room to keep it: the form stays to try again.
                None => Sent::Refused(AppError::Network),
            }));
        });
    };

    view! {
        <form class="complaint-form" on:submit=on_submit>
            {move || category.get().is_some_and(is_urgent).then(|| view! { <UrgentCall/> })}
            {match facility.clone() {
                Some((_, name)) => view! { <p class="complaint-about"><span class="muted">{t!(i18n, complaints.about)}</span>" "<strong>{name}</strong></p> }.into_any(),
                None => view! {
                    <fieldset>
                        <legend>{t!(i18n, complaints.unlisted)}</legend>
                        <div class="field">
                            <label for="complaint-place-name">{t!(i18n, complaints.place_name)}</label>
                            <input id="complaint-place-name" maxlength="100" required=true on:input=move |ev| place_name.set(event_target_value(&ev))/>
                        </div>
                        <div class="field">
                            <label for="complaint-place-address">{t!(i18n, complaints.place_address)}</label>
                            <input id="complaint-place-address" maxlength="100" required=true on:input=move |ev| place_address.set(event_target_value(&ev))/>
                        </div>
                        <div class="field">
                            <p class="picker-legend">{t!(i18n, picker.legend)}</p>
                            <MapPoint point=place_point/>
                        </div>
                    </fieldset>
                }
                .into_any(),
            }}
            <div class="field">
                <label for="complaint-category">{t!(i18n, complaints.category)}</label>
                <select id="complaint-category" required=true on:change=move |ev| category.set(Category::from_code(&event_target_value(&ev)))>
                    <option value="">{t!(i18n, complaints.choose)}</option>
                    {categories.into_iter().map(|c| view! { <option value=c.code()>{move || labels::complaints::category(i18n.get_locale(), c)}</option> }).collect_view()}
                </select>
            </div>
            <fieldset class="choice-row">
                <legend>{t!(i18n, complaints.kind)}</legend>
                {Kind::ALL.iter().map(|&k| view! {
                    <label class="choice">
                        <input type="radio" name="complaint-kind" value=k.code() checked=k == Kind::Complaint on:change=move |_| kind.set(k)/>
                        {move || labels::complaints::kind(i18n.get_locale(), k)}
                    </label>
                }).collect_view()}
            </fieldset>
            <div class="field">
                <label for="complaint-date">{t!(i18n, complaints.occurred_on)}</label>
                <input id="complaint-date" type="date" required=true on:input=move |ev| occurred_on.set(event_target_value(&ev))/>
            </div>
            <div class="field">
                <label for="complaint-description">{t!(i18n, complaints.description)}</label>
                <textarea id="complaint-description" rows="6" maxlength=MAX_DESCRIPTION_CHARS.to_string() required=true
                    on:input=move |ev| description.set(event_target_value(&ev))></textarea>
                <p class="hint">{t!(i18n, complaints.description_hint)}</p>
            </div>
            <div class="field">
                <label for="complaint-photos">{t!(i18n, complaints.photos)}</label>
                <input id="complaint-photos" type="file" accept="image/jpeg,image/png,image/webp" multiple=true node_ref=photo_input/>
                <p class="hint">{t!(i18n, complaints.photos_hint)}</p>
            </div>
            <p class="hint">{if signed_in { t!(i18n, complaints.signed_in_note).into_any() } else { t!(i18n, complaints.anonymous_note).into_any() }}</p>
            <button type="submit" disabled=move || sending.get()>
                {move || if sending.get() { td_string!(i18n.get_locale(), complaints.sending) } else { td_string!(i18n.get_locale(), complaints.submit) }}
            </button>
            <div class="complaint-outcome" aria-live="polite">
                {move || outcome.get().map(|sent| match sent {
                    Sent::Filed(filed) => view! { <Filed filed/> }.into_any(),
                    Sent::Queued => view! { <p class="notice" role="status" data-outcome="queued">{t!(i18n, complaints.queued)}</p> }.into_any(),
                    Sent::Refused(error) => view! { <ErrorNotice error/> }.into_any(),
                })}
            </div>
        </form>
    }
}

/// The optional map point: a button that opens the picker (its code is fetched then).
#[component]
fn MapPoint(point: RwSignal<Option<GeoPoint>>) -> impl IntoView {
    let i18n = use_i18n();
    let open = RwSignal::new(false);
    move || {
        if open.get() {
            view! {
                <Suspense fallback=move || view! { <p class="loading">{t!(i18n, common.loading)}</p> }>
                    {Suspend::new(async move { place_picker(point).await })}
                </Suspense>
            }
            .into_any()
        } else {
            view! { <button type="button" class="secondary" on:click=move |_| open.set(true)>{t!(i18n, picker.open)}</button> }.into_any()
        }
    }
}

/// The refusal an error answer carries (`{"error": …}`), or a generic failure.
fn refusal_of(text: &str) -> AppError {
    serde_json::from_str::<serde_json::Value>(text)
        .ok()
        .and_then(|body| serde_json::from_value::<AppError>(body.get("error")?.clone()).ok())
        .unwrap_or(AppError::Internal)
}

/// The emergency numbers, shown first when a child may be in danger.
#[component]
fn UrgentCall() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="urgent-call" role="alert">
            <p class="urgent-title">{t!(i18n, complaints.urgent_title)}</p>
            <p class="actions">
                <a class="button danger" href="tel:110">{t!(i18n, complaints.call_110)}</a>
                <a class="button danger" href="tel:120">{t!(i18n, complaints.call_120)}</a>
            </p>
            <p class="hint">{t!(i18n, complaints.urgent_after)}</p>
        </div>
    }
}

#[component]
fn Filed(filed: ComplaintFiled) -> impl IntoView {
    let i18n = use_i18n();
    let track = format!("/complaints/track?code={}", filed.code);
    view! {
        <div class="notice filed" role="status" data-outcome="filed">
            <p>{t!(i18n, complaints.filed)}</p>
            {filed.urgent.then(|| view! { <UrgentCall/> })}
            <p>{t!(i18n, complaints.code)}": "<strong class="tracking-code" data-testid="tracking-code">{filed.code.clone()}</strong></p>
            {filed.password.clone().map(|password| view! {
                <p>{t!(i18n, complaints.password)}": "<strong class="tracking-code" data-testid="tracking-password">{password}</strong></p>
            })}
            <p><a class="button secondary" href=track>{t!(i18n, complaints.go_track)}</a></p>
        </div>
    }
}
