//! Small pieces shared by pages.

use leptos::prelude::*;

use crate::domain::vacancy::Vacancy;
use crate::error::AppError;
use crate::labels;

/// Free places, full, or unknown — coloured, and never only by colour.
#[component]
pub fn VacancyBadge(vacancy: Vacancy) -> impl IntoView {
    let class = match vacancy {
        Vacancy::Free(_) => "badge vacancy vacancy-free",
        Vacancy::Full => "badge vacancy vacancy-full",
        Vacancy::Unknown => "badge vacancy vacancy-unknown",
    };
    view! { <span class=class>{labels::vacancy(vacancy)}</span> }
}

/// Marks invented records so nobody mistakes them for real facilities.
#[component]
pub fn DemoBadge() -> impl IntoView {
    view! { <span class="badge demo" title="演示数据：名称、地址、电话均为虚构">"演示数据"</span> }
}

/// 普惠 (price-capped) badge.
#[component]
pub fn InclusiveBadge() -> impl IntoView {
    view! { <span class="badge inclusive" title="普惠性托育：收费执行限价">"普惠"</span> }
}

/// A friendly error box.
#[component]
pub fn ErrorNotice(error: AppError) -> impl IntoView {
    view! {
        <div class="notice notice-error" role="alert">
            <p>{labels::error_message(&error)}</p>
        </div>
    }
}

/// The not-found page body; on the server it also sets the 404 status.
#[component]
pub fn NotFound() -> impl IntoView {
    #[cfg(feature = "ssr")]
    crate::api::set_response_status(&AppError::NotFound);
    view! {
        <section class="not-found">
            <h1>"页面不存在"</h1>
            <p>"您要找的页面不存在，可能链接有误或内容已下线。"</p>
            <p class="actions">
                <a class="button" href="/">"回到首页"</a>
                <a class="button secondary" href="/facilities">"查找托育机构"</a>
            </p>
        </section>
    }
}
