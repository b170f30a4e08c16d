//! The operator portal's pages: today (what waits, and confirming the classes' figures families
//! see as vacancies), applications and slots, ratings and complaints. Each confirmation carries an operation id, so a double tap counts once.

use leptos::prelude::*;
use leptos_meta::Title;

use super::operator_nav::{OperatorSection, OperatorShell};
use super::StaffRefusal;
use crate::domain::booking::ApplicationState;
use crate::domain::facility::ClassLevel;
use crate::domain::roster::{places_for_carers, StaffRole};
use crate::api::directory::ClassView;
use crate::api::staff::{confirm_figures, fetch_operator_overview};
use crate::components::{new_operation_id, ErrorNotice, VacancyBadge};
use crate::i18n::{t, td_string, use_i18n};
use crate::labels;

/// Today: what waits for the operator, and the classes whose figures families see as vacancies.
#[component]
pub fn OperatorPage() -> impl IntoView {
    let i18n = use_i18n();
    let overview = Resource::new(|| (), |_| fetch_operator_overview());
    let bookings = super::operator_bookings::bookings_resource();
    let ratings = crate::pages::ratings::operator_ratings_resource();
    let roster = Resource::new(|| (), |_| crate::api::roster::fetch_roster());
    // Which class was confirmed last: survives the refetch that redraws the classes.
    let confirmed = RwSignal::new(None::<i64>);
    view! {
        <Title text=labels::page_title(i18n.get_locale_untracked(), td_string!(i18n.get_locale_untracked(), operator.title))/>
        <OperatorShell current=OperatorSection::Today>
            <Suspense fallback=move || view! { <p class="loading">{t!(i18n, common.loading)}</p> }>
                {move || Suspend::new(async move {
                    match overview.await {
                        Ok(o) => {
                            let stale = o.classes.iter().filter(|(_, c)| c.vacancy == crate::domain::vacancy::Vacancy::Unknown).count();
                            let waiting = bookings.await.map(|b| b.applications.iter().filter(|a| matches!(a.state, ApplicationState::Offered | ApplicationState::Confirmed)).count()).unwrap_or(0);
                            let unanswered = ratings.await.map(|r| r.iter().filter(|r| r.rating.reply.is_none() && r.may_reply).count()).unwrap_or(0);
                            let roster = roster.await.ok();
                            let health_due = roster.as_ref().map_or(0, |r| r.members.iter().filter(|m| m.health_due).count());
                            // Carers per class, when the roster lists any: the staffed places they support.
                            let carers_in = move |level: ClassLevel| {
                                roster.as_ref().filter(|r| r.members.iter().any(|m| m.role == StaffRole::Carer)).map(|r| {
                                    r.members.iter().filter(|m| m.role == StaffRole::Carer && m.class_level == Some(level)).count() as u32
                                })
                            };
                            view! {
                                <h1>{t!(i18n, operator.heading)}</h1>
                                <p class="lead">{o.facility_name.clone()}" · "<a href=format!("/facilities/{}", o.facility_id)>{t!(i18n, operator.public_page)}</a></p>
                                <h2>{t!(i18n, operator.today_heading)}</h2>
                                <ul class="todo" data-testid="operator-todo">
                                    <TodoLine count=waiting href=OperatorSection::Bookings.path() label=move || t!(i18n, operator.today_applications).into_any()/>
                                    <TodoLine count=unanswered href=OperatorSection::Ratings.path() label=move || t!(i18n, operator.today_unanswered).into_any()/>
                                    <TodoLine count=health_due href=OperatorSection::Staff.path() label=move || t!(i18n, operator.today_health).into_any()/>
                                    <TodoLine count=stale href="#classes-heading" label=move || t!(i18n, operator.today_stale).into_any()/>
                                </ul>
                                <p class="actions left"><a class="button secondary" href="/staff/activities">{t!(i18n, activities.publish_heading)}</a></p>
                                <h2 id="classes-heading">{t!(i18n, operator.nav_classes)}</h2>
                                <p class="hint">{t!(i18n, operator.lead)}</p>
                                <ul class="classes">
                                    {o.classes.into_iter().map(|(id, class)| { let carers = carers_in(class.level); view! { <ClassFigures id class carers overview confirmed/> } }).collect_view()}
                                </ul>
                            }
                            .into_any()
                        }
                        Err(e) => view! { <StaffRefusal error=e/> }.into_any(),
                    }
                })}
            </Suspense>
        </OperatorShell>
    }
}

/// One line of the to-do list: how many, and where to deal with them.
#[component]
fn TodoLine(count: usize, href: &'static str, label: impl Fn() -> AnyView + Send + 'static) -> impl IntoView {
    view! {
        <li class:todo-open=move || count != 0>
            <a href=href><span class="todo-count">{count}</span>" "{label()}</a>
        </li>
    }
}

/// Applications and visit/care slots.
#[component]
pub fn OperatorBookingsPage() -> impl IntoView {
    let i18n = use_i18n();
    let bookings = super::operator_bookings::bookings_resource();
    view! {
        <Title text=labels::page_title(i18n.get_locale_untracked(), td_string!(i18n.get_locale_untracked(), operator.nav_bookings))/>
        <OperatorShell current=OperatorSection::Bookings>
            <super::operator_bookings::OperatorBookingsSection bookings/>
        </OperatorShell>
    }
}

/// Parents' ratings and the complaints about the facility.
#[component]
pub fn OperatorRatingsPage() -> impl IntoView {
    let i18n = use_i18n();
    let ratings = crate::pages::ratings::operator_ratings_resource();
    view! {
        <Title text=labels::page_title(i18n.get_locale_untracked(), td_string!(i18n.get_locale_untracked(), operator.nav_ratings))/>
        <OperatorShell current=OperatorSection::Ratings>
            <p class="actions left"><a class="button secondary" href="/staff/complaints" data-testid="staff-complaints">{t!(i18n, complaints.inbox_title)}</a></p>
            <crate::pages::ratings::OperatorRatings ratings/>
        </OperatorShell>
    }
}

#[component]
fn ClassFigures(
    id: i64,
    class: ClassView,
    /// Care staff of this class on the roster (`None` when the roster lists no carer).
    carers: Option<u32>,
    overview: Resource<Result<crate::api::staff::OperatorOverview, crate::error::AppError>>,
    confirmed: RwSignal<Option<i64>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let staffed = RwSignal::new(class.staffed_capacity.to_string());
    let enrolled = RwSignal::new(class.enrolled.to_string());
    let save = Action::new(move |(op, staffed, enrolled): &(String, u32, u32)| confirm_figures(op.clone(), id, *staffed, *enrolled));
    // A figure that is not a whole number never leaves the page: it is named here instead.
    let unusable = RwSignal::new(None::<crate::error::AppError>);
    Effect::new(move |_| {
        if let Some(Ok(())) = save.value().get() {
            confirmed.set(Some(id));
            overview.refetch();
        }
    });
    let level = class.level;
    view! {
        <li class="class-row" data-level=level.code()>
            <div class="class-head">
                <strong>{move || labels::class_level(i18n.get_locale(), level)}</strong>
                <VacancyBadge vacancy=class.vacancy/>
            </div>
            <form class="field-row" on:submit=move |ev| {
                ev.prevent_default();
                let staffed = staffed.get_untracked().trim().parse::<u32>();
                let enrolled = enrolled.get_untracked().trim().parse::<u32>();
                match (staffed, enrolled) {
                    (Ok(staffed), Ok(enrolled)) => {
                        unusable.set(None);
                        save.dispatch((new_operation_id(), staffed, enrolled));
                    }
                    (Err(_), _) => unusable.set(Some(crate::error::AppError::bad_input("staffed"))),
                    (_, Err(_)) => unusable.set(Some(crate::error::AppError::bad_input("enrolled"))),
                }
            }>
                <div class="field">
                    <label for=format!("staffed-{id}")>{t!(i18n, operator.staffed)}</label>
                    <input id=format!("staffed-{id}") type="number" min="0" inputmode="numeric" bind:value=staffed/>
                </div>
                <div class="field">
                    <label for=format!("enrolled-{id}")>{t!(i18n, operator.enrolled)}</label>
                    <input id=format!("enrolled-{id}") type="number" min="0" inputmode="numeric" bind:value=enrolled/>
                </div>
                <button type="submit" disabled=move || save.pending().get()>{t!(i18n, operator.confirm)}</button>
            </form>
            {carers.map(|carers| {
                let places = places_for_carers(level, carers);
                let ratio = level.children_per_carer();
                let short = class.staffed_capacity > places;
                view! {
                    <p class:short-staffed=short data-testid="roster-places">
                        {move || {
                            if short {
                                crate::i18n::t_string!(i18n, operator.roster_short, places = places, carers = carers, ratio = ratio).to_string()
                            } else {
                                crate::i18n::t_string!(i18n, operator.roster_places, places = places, carers = carers, ratio = ratio).to_string()
                            }
                        }}
                    </p>
                }
            })}
            {move || (confirmed.get() == Some(id)).then(|| view! { <p class="notice" role="status">{t!(i18n, operator.confirmed)}</p> })}
            {move || unusable.get().or_else(|| save.value().get().and_then(|r| r.err())).map(|e| view! { <ErrorNotice error=e/> })}
            <p class="muted">{move || { let date = labels::date(class.updated_at); crate::i18n::t_string!(i18n, facility.updated, date = date) }}</p>
        </li>
    }
}
