//! The home page: search, district figures, and a way in by street or town.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::Form;

use crate::api::directory::fetch_district_summary;
use crate::components::ErrorNotice;
use crate::domain::district::{UnitKind, UNITS};
use crate::labels;

#[component]
pub fn HomePage() -> impl IntoView {
    let summary = Resource::new(|| (), |_| fetch_district_summary());
    view! {
        <Title text="渝北托育 · 首页"/>
        <section class="hero">
            <h1>"为 3 岁以下的宝宝，找一家放心的托育机构"</h1>
            <p class="lead">"渝北区 19 个街道、11 个镇的托育机构、空余托位和收费，一处查清。"</p>
            <Form method="GET" action="/facilities">
                <div class="search-row" role="search">
                    <label for="home-search" class="visually-hidden">"搜索托育机构"</label>
                    <input id="home-search" type="search" name="q" placeholder="输入机构名称或地址" maxlength="40" autocomplete="off"/>
                    <button type="submit">"搜索"</button>
                </div>
            </Form>
        </section>
        <Suspense fallback=|| view! { <p class="loading">"正在加载…"</p> }>
            {move || Suspend::new(async move {
                match summary.await {
                    Ok(s) => view! {
                        <section class="figures" aria-label="全区概况">
                            <div class="figure"><strong>{s.facilities}</strong><span>"家托育机构"</span></div>
                            <div class="figure"><strong>{s.inclusive_facilities}</strong><span>"家普惠机构"</span></div>
                            <div class="figure"><strong>{s.free_places}</strong><span>"个空余托位"</span></div>
                        </section>
                        <p class="as-of">{format!("数据截至 {}；超过 30 天未更新的班级不计入空余托位。", labels::date(s.as_of))}</p>
                        {s.demo.then(|| view! {
                            <p class="notice">"当前为演示数据：机构名称、地址和电话均为虚构，仅用于展示功能。"</p>
                        })}
                    }
                    .into_any(),
                    Err(e) => view! { <ErrorNotice error=e/> }.into_any(),
                }
            })}
        </Suspense>
        <section class="units">
            <h2>"按街道查找"</h2>
            <UnitLinks kind=UnitKind::Street/>
            <h2>"按镇查找"</h2>
            <UnitLinks kind=UnitKind::Town/>
        </section>
    }
}

#[component]
fn UnitLinks(kind: UnitKind) -> impl IntoView {
    view! {
        <ul class="unit-grid">
            {UNITS
                .iter()
                .filter(|u| u.kind == kind)
                .map(|u| view! { <li><a href=format!("/facilities?street={}", u.code)>{u.short_name}</a></li> })
                .collect_view()}
        </ul>
    }
}
