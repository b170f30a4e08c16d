//! `/staff/activities`: an operator publishes its facility's activities, the health commission
//! those of the community health centres and the guidance centre; both see what is coming up
//! with the places taken.

use leptos::prelude::*;
use leptos_meta::Title;

use super::StaffRefusal;
use crate::api::lessons::activities::{fetch_activities, publish_activity, ActivityList, PublishActivityInput};
use crate::components::{new_operation_id, ErrorNotice};
use crate::domain::activity::{ActivityKind, Host};
use crate::domain::calendar::Timestamp;
use crate::domain::lesson::MAX_AGE_MONTHS;
use crate::error::AppError;
use crate::i18n::{t, td_string, use_i18n};
use crate::labels;

#[component]
pub fn StaffActivitiesPage() -> impl IntoView {
    let i18n = use_i18n();
    let list = Resource::new(|| (), |_| fetch_activities());
    view! {
        <Title text=labels::page_title(i18n.get_locale_untracked(), td_string!(i18n.get_locale_untracked(), activities.title))/>
        <Suspense fallback=move || view! { <p class="loading">{t!(i18n, common.loading)}</p> }>
            {move || Suspend::new(async move {
                match list.await {
                    Ok(list) if list.may_publish.is_empty() => view! { <StaffRefusal error=AppError::NotFound/> }.into_any(),
                    Ok(list) => view! { <Workspace list/> }.into_any(),
                    Err(error) => view! { <StaffRefusal error/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Workspace(list: ActivityList) -> impl IntoView {
    let i18n = use_i18n();
    let hosts: Vec<Host> = list.may_publish.iter().filter_map(|code| Host::from_code(code)).collect();
    view! {
        <h1>{t!(i18n, activities.publish_heading)}</h1>
        <PublishForm hosts/>
        <h2>{t!(i18n, activities.heading)}</h2>
        <ul class="cards">
            {list.activities.into_iter().map(|a| view! {
                <li class="card"><div class="card-link">
                    <h3 class="card-title">{a.title}</h3>
                    <p class="muted">{labels::date_time(Timestamp(a.starts_at))}" · "{a.host_name}" · "{a.place}</p>
                    <p>{a.capacity - a.free}" / "{a.capacity}</p>
                </div></li>
            }).collect_view()}
        </ul>
    }
}

#[component]
fn PublishForm(hosts: Vec<Host>) -> impl IntoView {
    let i18n = use_i18n();
    let first_host = hosts.first().copied().unwrap_or(Host::Facility);
    let kind = RwSignal::new(ActivityKind::ParentChild.code().to_string());
    let host = RwSignal::new(first_host.code().to_string());
    let (host_name, title, title_en, place, starts_at) = (RwSignal::new(String::new()), RwSignal::new(String::new()), RwSignal::new(String::new()), RwSignal::new(String::new()), RwSignal::new(String::new()));
    let (minutes, capacity, age_from, age_to) = (RwSignal::new("60".to_string()), RwSignal::new("20".to_string()), RwSignal::new("0".to_string()), RwSignal::new(MAX_AGE_MONTHS.to_string()));
    let error = RwSignal::new(None::<AppError>);
    let published = RwSignal::new(false);
    let number = |s: RwSignal<String>| s.get_untracked().trim().parse::<u32>().unwrap_or(0);
    let send = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let input = PublishActivityInput {
            op_id: new_operation_id(),
            kind: kind.get_untracked(),
            host: host.get_untracked(),
            host_name: host_name.get_untracked(),
            title: title.get_untracked(),
            title_en: title_en.get_untracked(),
            place: place.get_untracked(),
            age_from: number(age_from),
            age_to: number(age_to),
            starts_at: starts_at.get_untracked(),
            minutes: number(minutes),
            capacity: number(capacity),
        };
        error.set(None);
        leptos::task::spawn_local(async move {
            match publish_activity(input).await {
                Ok(_) => published.set(true),
                Err(e) => error.set(Some(e)),
            }
        });
    };
    let text_field = move |id: &'static str, label: String, value: RwSignal<String>, kind: &'static str| {
        view! {
            <label for=id>{label}</label>
            <input id=id type=kind prop:value=move || value.get() on:input=move |ev| value.set(event_target_value(&ev))/>
        }
    };
    let locale = i18n.get_locale_untracked();
    view! {
        <form class="publish-activity" on:submit=send data-testid="publish-activity">
            <label for="activity-kind">{t!(i18n, activities.field_kind)}</label>
            <select id="activity-kind" on:change=move |ev| kind.set(event_target_value(&ev))>
                {ActivityKind::ALL.iter().map(|k| view! { <option value=k.code()>{labels::lessons::activity_kind(locale, *k)}</option> }).collect_view()}
            </select>
            <label for="activity-host">{t!(i18n, activities.field_host)}</label>
            <select id="activity-host" on:change=move |ev| host.set(event_target_value(&ev))>
                {hosts.iter().map(|h| view! { <option value=h.code()>{labels::lessons::activity_host(locale, *h)}</option> }).collect_view()}
            </select>
            {text_field("activity-host-name", td_string!(locale, activities.field_host_name).to_string(), host_name, "text")}
            {text_field("activity-title", td_string!(locale, activities.field_title).to_string(), title, "text")}
            {text_field("activity-title-en", td_string!(locale, activities.field_title_en).to_string(), title_en, "text")}
            {text_field("activity-place", td_string!(locale, activities.field_place).to_string(), place, "text")}
            {text_field("activity-starts", td_string!(locale, activities.field_starts_at).to_string(), starts_at, "datetime-local")}
            {text_field("activity-minutes", td_string!(locale, activities.field_minutes).to_string(), minutes, "number")}
            {text_field("activity-capacity", td_string!(locale, activities.field_capacity).to_string(), capacity, "number")}
            {text_field("activity-age-from", td_string!(locale, activities.field_age_from).to_string(), age_from, "number")}
            {text_field("activity-age-to", td_string!(locale, activities.field_age_to).to_string(), age_to, "number")}
            <button type="submit" class="button">{t!(i18n, activities.publish)}</button>
            {move || published.get().then(|| view! { <p class="notice" role="status">{t!(i18n, activities.published)}</p> })}
            {move || error.get().map(|error| view! { <ErrorNotice error/> })}
        </form>
    }
}
