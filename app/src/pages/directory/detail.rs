//! One facility: what it is, where, whom to call, and its classes with honest vacancies.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use crate::api::directory::{fetch_facility_detail, ClassView, FacilityDetail};
use crate::components::{DemoBadge, ErrorNotice, InclusiveBadge, NotFound, VacancyBadge};
use crate::domain::vacancy::{Vacancy, STALE_AFTER_DAYS};
use crate::error::AppError;
use crate::labels;

#[component]
pub fn FacilityDetailPage() -> impl IntoView {
    let params = use_params_map();
    let detail = Resource::new(move || params.read().get("id").unwrap_or_default(), fetch_facility_detail);
    view! {
        <Suspense fallback=|| view! { <p class="loading">"正在加载…"</p> }>
            {move || Suspend::new(async move {
                match detail.await {
                    Ok(detail) => view! { <FacilityView detail/> }.into_any(),
                    Err(AppError::NotFound) => view! { <NotFound/> }.into_any(),
                    Err(e) => view! { <ErrorNotice error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn FacilityView(detail: FacilityDetail) -> impl IntoView {
    let f = detail.facility;
    let services = f.service_types.iter().map(|s| labels::service_type(*s)).collect::<Vec<_>>().join("、");
    let filing = match &f.filing_number {
        Some(number) => format!("{}（{}）", labels::filing_status(f.filing_status), number),
        None => labels::filing_status(f.filing_status).to_string(),
    };
    let tel = format!("tel:{}", f.phone.replace('-', ""));
    let as_of = format!("数据截至 {}", labels::date(detail.as_of));
    view! {
        <Title text=format!("渝北托育 · {}", f.name)/>
        <nav class="breadcrumb"><a href="/facilities">"← 返回机构列表"</a></nav>
        <article class="facility">
            <h1>{f.name.clone()}</h1>
            <p class="card-badges">
                {f.inclusive.then(|| view! { <InclusiveBadge/> })}
                <span class="badge">{labels::facility_kind(f.kind)}</span>
                <span class="badge">{labels::grade(f.grade)}</span>
                {f.is_demo.then(|| view! { <DemoBadge/> })}
            </p>
            <p class="lead"><VacancyBadge vacancy=detail.vacancy/></p>
            <dl class="facts">
                <dt>"性质"</dt><dd>{labels::ownership(f.ownership)}</dd>
                <dt>"普惠"</dt>
                <dd>
                    {match (f.inclusive, f.capped_monthly_fee) {
                        (true, Some(cap)) => format!("是，限价 {}", labels::monthly_fee(cap)),
                        (true, None) => "是".to_string(),
                        (false, _) => "否".to_string(),
                    }}
                </dd>
                <dt>"备案"</dt><dd>{filing}</dd>
                <dt>"等级"</dt><dd>{labels::grade(f.grade)}</dd>
                <dt>"街镇"</dt><dd>{labels::unit_name(f.unit_code)}</dd>
                <dt>"地址"</dt><dd>{f.address.clone()}</dd>
                <dt>"电话"</dt><dd><a href=tel class="tel">{f.phone.clone()}</a></dd>
                <dt>"开放时间"</dt><dd>{f.opening_hours.clone()}</dd>
                <dt>"服务类型"</dt><dd>{services}</dd>
            </dl>
            <h2>"班级与托位"</h2>
            {if detail.classes.is_empty() {
                view! { <p class="empty">"该机构暂未登记班级。"</p> }.into_any()
            } else {
                view! {
                    <ul class="classes">
                        {detail.classes.into_iter().map(|class| view! { <ClassRow class/> }).collect_view()}
                    </ul>
                }
                .into_any()
            }}
            <p class="as-of">{as_of}</p>
            <p class="hint">
                {format!(
                    "空余托位按“备案托位与按现有保育人员可收托位中较小者，减去在托和已预留名额”计算；超过 {STALE_AFTER_DAYS} 天未更新的班级显示为“未更新”。",
                )}
            </p>
        </article>
    }
}

#[component]
fn ClassRow(class: ClassView) -> impl IntoView {
    let updated = if class.vacancy == Vacancy::Unknown {
        format!("{} 起未更新，空位情况请致电确认", labels::date(class.updated_at))
    } else {
        format!("更新于 {}", labels::date(class.updated_at))
    };
    view! {
        <li class="class-row">
            <div class="class-head">
                <strong>{labels::class_level(class.level)}</strong>
                <span class="muted">{labels::class_ages(class.level)}</span>
                <VacancyBadge vacancy=class.vacancy/>
            </div>
            <p>{labels::monthly_fee(class.monthly_fee)}</p>
            <p class="muted">
                {format!(
                    "备案托位 {} · 按保育人员可收 {} · 在托 {}",
                    class.filed_capacity,
                    class.staffed_capacity,
                    class.enrolled,
                )}
            </p>
            <p class="muted">{updated}</p>
        </li>
    }
}
