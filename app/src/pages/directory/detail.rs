//! One facility: what it is, where, whom to call, how to get there, its classes with honest
//! vacancies, booking, parents' ratings and verified complaints (inspection results appear
//! once their publication exists).

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use crate::api::directory::{fetch_facility_detail, ClassView, FacilityDetail};
use crate::components::{DemoBadge, ErrorNotice, InclusiveBadge, NotFound, VacancyBadge};
use crate::domain::geo::map_app_href;
use crate::domain::facility::FilingStatus;
use crate::domain::vacancy::Vacancy;
use crate::api::account::fetch_my_account;
use crate::api::booking::fetch_facility_slots;
use crate::api::complaints::{fetch_verified_complaints, VerifiedComplaints};
use crate::api::ratings::{fetch_facility_ratings, fetch_my_rating_choices};
use crate::pages::complaints::VerifiedComplaintsSection;
use crate::pages::booking::{BookingData, FacilityBooking};
use crate::pages::ratings::{FacilityRatingsSection, RatingsData};
use crate::error::AppError;
use crate::i18n::{t, t_string, use_i18n};
use crate::labels;

#[component]
pub fn FacilityDetailPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let id = move || params.read().get("id").unwrap_or_default();
    // Every resource of the page is created here, at the top, and awaited in one place.
    let detail = Resource::new(id, fetch_facility_detail);
    let account = Resource::new(|| (), |_| fetch_my_account());
    let numeric_id = move || id().parse::<i64>().unwrap_or_default();
    let slots = Resource::new(numeric_id, fetch_facility_slots);
    let ratings = Resource::new(numeric_id, |id| fetch_facility_ratings(id, 1));
    let choices = Resource::new(numeric_id, fetch_my_rating_choices);
    let complaints = Resource::new(numeric_id, fetch_verified_complaints);
    view! {
        <Suspense fallback=move || view! { <p class="loading">{t!(i18n, common.loading)}</p> }>
            {move || Suspend::new(async move {
                let (detail, account, slots) = (detail.await, account.await, slots.await);
                let (ratings, choices, complaints) = (ratings.await, choices.await, complaints.await);
                let account = account.ok().flatten();
                let rating_data = RatingsData { ratings, choices: choices.unwrap_or_default() };
                let booking = BookingData { account, slots: slots.unwrap_or_default() };
                match detail {
                    Ok(detail) => view! { <FacilityView detail booking rating_data complaints/> }.into_any(),
                    Err(AppError::NotFound) => view! { <NotFound/> }.into_any(),
                    Err(e) => view! { <ErrorNotice error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// A link that opens the phone's map app at the facility (the server sends it in GCJ-02).
fn navigation_href(detail: &FacilityDetail) -> String {
    map_app_href(detail.navigation, &detail.facility.name)
}

#[component]
fn FacilityView(detail: FacilityDetail, booking: BookingData, rating_data: RatingsData, complaints: Result<VerifiedComplaints, AppError>) -> impl IntoView {
    let i18n = use_i18n();
    let navigate_href = navigation_href(&detail);
    let f = detail.facility;
    let (kind, grade, ownership, status) = (f.kind, f.grade, f.ownership, f.filing_status);
    let services = f.service_types.clone();
    let filing_number = f.filing_number.clone();
    let tel = format!("tel:{}", f.phone.replace('-', ""));
    let name = f.name.clone();
    let booking_name = f.name.clone();
    let rating_name = f.name.clone();
    let rating_account = booking.account.clone();
    let facility_id = f.id;
    let as_of = detail.as_of;
    let fees = detail.fees;
    let certification = detail.certification;
    let photos = detail.photos;
    view! {
        <Title text=labels::page_title(i18n.get_locale_untracked(), &name)/>
        <nav class="breadcrumb"><a href="/facilities">{t!(i18n, facility.back)}</a></nav>
        <article class="facility">
            <h1>{f.name.clone()}</h1>
            <p class="card-badges">
                {f.inclusive.then(|| view! { <InclusiveBadge/> })}
                <span class="badge">{move || labels::facility_kind(i18n.get_locale(), kind)}</span>
                <span class="badge">{move || labels::grade(i18n.get_locale(), grade)}</span>
                {f.is_demo.then(|| view! { <DemoBadge/> })}
            </p>
            <p class="lead"><VacancyBadge vacancy=detail.vacancy/></p>
            <p class="actions facility-actions">
                <a class="button" href=tel>{t!(i18n, facility.call)}</a>
                <a class="button secondary" href=navigate_href target="_blank" rel="noopener noreferrer">{t!(i18n, facility.navigate)}</a>
            </p>
            <dl class="facts">
                <dt>{t!(i18n, facility.ownership)}</dt>
                <dd>{move || labels::ownership(i18n.get_locale(), ownership)}</dd>
                <dt>{t!(i18n, facility.inclusive)}</dt>
                <dd>
                    {move || match (f.inclusive, f.capped_monthly_fee) {
                        (true, Some(cap)) => t_string!(i18n, facility.inclusive_capped, fee = cap),
                        (true, None) => t_string!(i18n, common.yes).to_string(),
                        (false, _) => t_string!(i18n, common.no).to_string(),
                    }}
                </dd>
                <dt>{t!(i18n, facility.filing)}</dt>
                <dd>
                    {move || {
                        let status = labels::filing_status(i18n.get_locale(), status);
                        match filing_number.clone() {
                            Some(number) => t_string!(i18n, facility.filing_number, status = status, number = number),
                            None => status,
                        }
                    }}
                </dd>
                <dt>{t!(i18n, facility.grade)}</dt>
                <dd>{move || labels::grade(i18n.get_locale(), grade)}</dd>
                <dt>{t!(i18n, facility.unit)}</dt>
                <dd>{labels::unit_name(f.unit_code)}</dd>
                <dt>{t!(i18n, facility.address)}</dt>
                <dd>{f.address.clone()}</dd>
                <dt>{t!(i18n, facility.phone)}</dt>
                <dd><a href=format!("tel:{}", f.phone.replace('-', "")) class="tel">{f.phone.clone()}</a></dd>
                <dt>{t!(i18n, facility.hours)}</dt>
                <dd>{f.opening_hours.clone()}</dd>
                <dt>{t!(i18n, facility.services)}</dt>
                <dd>
                    {move || {
                        let locale = i18n.get_locale();
                        let separator = if locale == crate::i18n::Locale::en { ", " } else { "、" };
                        services.iter().map(|s| labels::service_type(locale, *s)).collect::<Vec<_>>().join(separator)
                    }}
                </dd>
                <dt>{t!(i18n, facility.staff)}</dt>
                {match certification {
                    Some(rate) => view! { <dd data-testid="certification-rate">{move || labels::roster::rate(i18n.get_locale(), rate)}</dd> }.into_any(),
                    None => view! { <dd title=move || t_string!(i18n, facility.staff_unknown_hint).to_string()>{t!(i18n, facility.staff_unknown)}</dd> }.into_any(),
                }}
            </dl>
            <crate::pages::gallery::FacilityGallery photos/>
            <h2>{t!(i18n, facility.classes)}</h2>
            {if detail.classes.is_empty() {
                view! { <p class="empty">{t!(i18n, facility.no_classes)}</p> }.into_any()
            } else {
                view! {
                    <ul class="classes">
                        {detail.classes.into_iter().map(|class| view! { <ClassRow class/> }).collect_view()}
                    </ul>
                }
                .into_any()
            }}
            <p class="as-of">{move || { let date = labels::date(as_of); t_string!(i18n, common.as_of, date = date) }}</p>
            <p class="hint">{t!(i18n, facility.vacancy_rule)}</p>
            <crate::pages::fees::FeeScheduleSection fees/>
            <FacilityBooking facility_id name=booking_name accepts_applications=status == FilingStatus::Filed today=as_of data=booking/>
            <FacilityRatingsSection facility_id facility_name=rating_name account=rating_account data=rating_data/>
            <VerifiedComplaintsSection facility_id verified=complaints/>
            // No inspection section until results are published (supervision): inspections
            // are recorded, so "none published" would mislead a family.
        </article>
    }
}

#[component]
fn ClassRow(class: ClassView) -> impl IntoView {
    let i18n = use_i18n();
    let level = class.level;
    let updated = move || {
        let date = labels::date(class.updated_at);
        if class.vacancy == Vacancy::Unknown {
            t_string!(i18n, facility.stale, date = date)
        } else {
            t_string!(i18n, facility.updated, date = date)
        }
    };
    view! {
        <li class="class-row" data-vacancy=match class.vacancy { Vacancy::Free(_) => "free", Vacancy::Full => "full", Vacancy::Unknown => "unknown" }>
            <div class="class-head">
                <strong>{move || labels::class_level(i18n.get_locale(), level)}</strong>
                <span class="muted">{move || labels::class_ages(i18n.get_locale(), level)}</span>
                <VacancyBadge vacancy=class.vacancy/>
            </div>
            <p>{move || labels::monthly_fee(i18n.get_locale(), class.monthly_fee)}</p>
            <p class="muted">
                {move || t_string!(i18n, facility.capacity, filed = class.filed_capacity, staffed = class.staffed_capacity, enrolled = class.enrolled)}
            </p>
            <p class="muted">{updated}</p>
        </li>
    }
}
