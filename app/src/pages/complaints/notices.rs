//! What the department was told and should look at: steps gone past their deadline and
//! complaints reopened by a family not satisfied (the lead department gets both). Shown above
//! the inbox; "read" marks the shown ones read for the whole department.

use leptos::prelude::*;

use crate::api::complaints::staff::{fetch_department_notices, DepartmentNoticeView, ReadDepartmentNotices};
use crate::components::ErrorNotice;
use crate::domain::calendar::Timestamp;
use crate::domain::complaint::Category;
use crate::i18n::{t, t_string, use_i18n};
use crate::labels;

#[component]
pub fn DepartmentNotices() -> impl IntoView {
    let i18n = use_i18n();
    let notices = Resource::new(|| (), |_| fetch_department_notices());
    let read = ServerAction::<ReadDepartmentNotices>::new();
    view! {
        <Suspense>
            {move || Suspend::new(async move {
                match notices.await {
                    Ok(list) if list.is_empty() => ().into_any(),
                    Ok(list) => {
                        let newest = list.first().map(|n| n.id).unwrap_or(0);
                        let unread = list.iter().filter(|n| n.unread).count();
                        let unread_now = RwSignal::new(unread);
                        let on_read = move |_| {
                            read.dispatch(ReadDepartmentNotices { up_to: newest });
                            unread_now.set(0);
                        };
                        view! {
                            <section class="department-notices" aria-labelledby="department-notices" data-testid="department-notices">
                                <h2 id="department-notices">{move || t_string!(i18n, complaints.notices_heading, n = unread_now.get()).to_string()}</h2>
                                <ul class="complaint-list">
                                    {list.into_iter().map(|notice| view! { <NoticeLine notice unread_now/> }).collect_view()}
                                </ul>
                                <p hidden=move || unread_now.get() == 0>
                                    <button type="button" class="button secondary" on:click=on_read>{t!(i18n, complaints.notices_read)}</button>
                                </p>
                                {move || read.value().get().and_then(|r| r.err()).map(|error| view! { <ErrorNotice error/> })}
                            </section>
                        }
                        .into_any()
                    }
                    Err(error) => view! { <ErrorNotice error/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn NoticeLine(notice: DepartmentNoticeView, unread_now: RwSignal<usize>) -> impl IntoView {
    let i18n = use_i18n();
    let DepartmentNoticeView { kind, complaint_id, code, category, urgent, created_at, unread, .. } = notice;
    let category = Category::from_code(&category);
    let overdue = kind == "complaint.overdue";
    view! {
        <li class="complaint-line" class:urgent=urgent data-unread=move || (unread && unread_now.get() > 0).to_string() data-kind=kind>
            <a href=format!("/staff/complaints/{complaint_id}")>
                <span class="badge" class:held=overdue>
                    {move || if overdue { t_string!(i18n, complaints.notice_overdue).to_string() } else { t_string!(i18n, complaints.notice_reopened).to_string() }}
                </span>
                <span class="code">{code}</span>
                {category.map(|c| view! { <span>{move || labels::complaints::category(i18n.get_locale(), c)}</span> })}
                <span class="muted">{labels::date_time(Timestamp(created_at))}</span>
            </a>
        </li>
    }
}
