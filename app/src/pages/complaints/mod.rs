//! Complaints (投诉举报马上查) on pages: filing (`file`), looking up and the family's own list
//! (`track`), the departments' and the operator's work (`staff`), and what a facility's page
//! shows everyone (`VerifiedComplaintsSection`). The parts shared by every reader are here: a
//! complaint's facts, its current deadline and its timeline.

mod file;
mod notices;
mod staff;
mod track;

pub use file::FileComplaintPage;
pub use staff::{StaffComplaintPage, StaffComplaintsPage};
pub use track::{MyComplaintPage, MyComplaintsPage, TrackComplaintPage};

use leptos::prelude::*;

use crate::api::complaints::{ComplaintDetail, ComplaintLine, DeadlineView, VerifiedComplaints};
use crate::components::ErrorNotice;
use crate::domain::calendar::Timestamp;
use crate::domain::complaint::handling::Event;
use crate::domain::complaint::state::{Finding, State};
use crate::domain::complaint::{Category, Kind};
use crate::domain::geo::{map_app_href, wgs84_to_gcj02, GeoPoint};
use crate::error::AppError;
use crate::i18n::{t, t_string, use_i18n};
use crate::labels;

/// A state code in words.
fn state_words(locale: crate::i18n::Locale, code: &str) -> String {
    State::from_code(code).map(|s| labels::complaints::state(locale, s)).unwrap_or_default()
}

fn category_words(locale: crate::i18n::Locale, code: &str) -> String {
    Category::from_code(code).map(|c| labels::complaints::category(locale, c)).unwrap_or_default()
}

/// The current step's deadline: the date, working days left (red from less than one), overdue.
#[component]
pub fn DeadlineNote(deadline: DeadlineView) -> impl IntoView {
    let i18n = use_i18n();
    let due = labels::date_time(Timestamp(deadline.due_at));
    let urgent = deadline.overdue || deadline.working_days_left == Some(0);
    view! {
        <p class="deadline" class:late=urgent data-overdue=deadline.overdue.to_string()>
            {move || t_string!(i18n, complaints.due, date = due.clone()).to_string()}" · "
            {move || match (deadline.overdue, deadline.working_days_left) {
                (true, _) => t_string!(i18n, complaints.overdue).to_string(),
                (false, Some(0)) => t_string!(i18n, complaints.due_today).to_string(),
                (false, Some(n)) => t_string!(i18n, complaints.days_left, n = n).to_string(),
                (false, None) => String::new(),
            }}
        </p>
        {deadline.weekdays_only.then(|| view! { <p class="hint">{t!(i18n, complaints.weekdays_only)}</p> })}
    }
}

/// A complaint's facts and timeline, as the reader may see them.
#[component]
pub fn ComplaintFacts(complaint: ComplaintDetail) -> impl IntoView {
    let i18n = use_i18n();
    let ComplaintDetail { code, kind, category, place_name, place_address, place_lon, place_lat, occurred_on, description, state, deadline, departments, reply, finding, timeline, anonymous, .. } = complaint;
    let departments = departments.join(",");
    let state_code = state.clone();
    view! {
        <article class="complaint" data-state=state_code>
            <p class="complaint-code">{t!(i18n, complaints.code)}": "<strong data-testid="complaint-code">{code}</strong></p>
            <p class="complaint-state"><span class="badge">{move || state_words(i18n.get_locale(), &state)}</span>
                {anonymous.then(|| view! { " "<span class="badge muted">{t!(i18n, complaints.anonymous)}</span> })}</p>
            {deadline.map(|deadline| view! { <DeadlineNote deadline/> })}
            <dl class="facts">
                <dt>{t!(i18n, complaints.kind)}</dt>
                <dd>{move || Kind::from_code(&kind).map(|k| labels::complaints::kind(i18n.get_locale(), k)).unwrap_or_default()}</dd>
                <dt>{t!(i18n, complaints.category)}</dt>
                <dd>{move || category_words(i18n.get_locale(), &category)}</dd>
                <dt>{t!(i18n, complaints.about)}</dt>
                <dd>{place_name.clone()}{place_address.map(|a| view! { <br/>{a} })}
                    {place_lon.zip(place_lat).map(|(lon, lat)| {
                        let href = map_app_href(wgs84_to_gcj02(GeoPoint { lon, lat }), &place_name);
                        view! { <br/><a class="map-point" data-testid="complaint-map-point" href=href rel="noopener" target="_blank">{t!(i18n, complaints.map_point)}</a> }
                    })}
                </dd>
                <dt>{t!(i18n, complaints.occurred_on)}</dt>
                <dd>{occurred_on}</dd>
                <dt>{t!(i18n, complaints.departments)}</dt>
                <dd>{move || labels::complaints::department_list(i18n.get_locale(), &departments)}</dd>
            </dl>
            <p class="complaint-description">{description}</p>
            {reply.map(|reply| view! {
                <div class="complaint-reply" data-testid="complaint-reply">
                    <h3>{t!(i18n, complaints.reply)}</h3>
                    <p>{reply}</p>
                    {finding.and_then(|f| Finding::from_code(&f)).map(|f| view! {
                        <p class="muted">{t!(i18n, complaints.finding)}": "{move || labels::complaints::finding(i18n.get_locale(), f)}</p>
                    })}
                </div>
            })}
            <ol class="timeline">
                {timeline.into_iter().filter_map(|entry| {
                    let event = Event::from_code(&entry.event)?;
                    let detail = entry.detail.clone();
                    Some(view! {
                        <li data-event=entry.event.clone()>
                            <span class="when">{labels::date_time(Timestamp(entry.at))}</span>" "
                            <span class="what">{move || labels::complaints::event(i18n.get_locale(), event, detail.as_deref())}</span>
                            {entry.text.map(|text| view! { <p class="timeline-text">{text}</p> })}
                        </li>
                    })
                }).collect_view()}
            </ol>
        </article>
    }
}

/// A list of complaints, each linking to `href(id)`.
#[component]
pub fn ComplaintList(
    lines: Vec<ComplaintLine>,
    href: fn(i64) -> String,
    /// The complaint open beside the list, marked as the current one.
    #[prop(optional)]
    current: Option<i64>,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <ul class="complaint-list">
            {lines.into_iter().map(|line| {
                let ComplaintLine { id, code, category, place_name, state, filed_at, deadline, urgent, .. } = line;
                view! {
                    <li class="complaint-line" class:urgent=urgent data-id=id.to_string() aria-current=(current == Some(id)).then_some("page")>
                        <a href=href(id)>
                            <span class="code">{code}</span>" "
                            <span class="badge">{move || state_words(i18n.get_locale(), &state)}</span>
                            <span class="place">{place_name}</span>
                            <span class="category muted">{move || category_words(i18n.get_locale(), &category)}</span>
                            <span class="muted">{move || t_string!(i18n, complaints.filed_at, date = labels::date(Timestamp(filed_at))).to_string()}</span>
                        </a>
                        {deadline.map(|deadline| view! { <DeadlineNote deadline/> })}
                    </li>
                }
            }).collect_view()}
        </ul>
    }
}

/// The complaints part of a facility's page: the verified count of the last 12 months with
/// category and month, and the way to file one.
#[component]
pub fn VerifiedComplaintsSection(facility_id: i64, verified: Result<VerifiedComplaints, AppError>) -> impl IntoView {
    let i18n = use_i18n();
    let file = format!("/complaints/new?facility={facility_id}");
    view! {
        <section class="complaints-section" aria-labelledby="complaints-heading">
            <h2 id="complaints-heading">{t!(i18n, facility.complaints)}</h2>
            {match verified {
                Ok(verified) if verified.count == 0 => view! { <p class="muted" data-testid="verified-complaints">{t!(i18n, complaints.verified_none)}</p> }.into_any(),
                Ok(verified) => view! {
                    <p data-testid="verified-complaints">{move || t_string!(i18n, complaints.verified, n = verified.count).to_string()}</p>
                    <ul class="verified-complaints">
                        {verified.items.into_iter().map(|item| {
                            let category = item.category.clone();
                            view! { <li>{item.month}" "{move || category_words(i18n.get_locale(), &category)}</li> }
                        }).collect_view()}
                    </ul>
                    <p class="hint">{t!(i18n, complaints.verified_hint)}</p>
                }
                .into_any(),
                Err(error) => view! { <ErrorNotice error/> }.into_any(),
            }}
            <p><a class="button secondary" href=file>{t!(i18n, complaints.new_link)}</a></p>
        </section>
    }
}
