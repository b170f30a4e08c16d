//! The facility list with search and street/town filter. The filter lives in the URL, so a
//! result can be shared and the back button works; the form navigates without a full reload.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::Form;
use leptos_router::hooks::use_query_map;

use crate::api::directory::{list_facilities, FacilityCard, FacilityPage, ListQuery};
use crate::components::{DemoBadge, ErrorNotice, InclusiveBadge, VacancyBadge};
use crate::domain::district::UNITS;
use crate::labels;

#[component]
pub fn FacilityListPage() -> impl IntoView {
    let query_map = use_query_map();
    let query = Memo::new(move |_| {
        let map = query_map.read();
        ListQuery { q: map.get("q"), street: map.get("street"), page: map.get("page") }
    });
    let results = Resource::new(move || query.get(), list_facilities);
    let selected_street = move || query.read().street.clone().unwrap_or_default();

    view! {
        <Title text="渝北托育 · 找托育机构"/>
        <h1>"找托育机构"</h1>
        <Form method="GET" action="/facilities">
            <div class="filters">
                <div class="field">
                    <label for="list-search">"名称或地址"</label>
                    <input
                        id="list-search"
                        type="search"
                        name="q"
                        maxlength="40"
                        autocomplete="off"
                        placeholder="如：双龙湖、星芽"
                        prop:value=move || query.read().q.clone().unwrap_or_default()
                    />
                </div>
                <div class="field">
                    <label for="list-street">"街道 / 镇"</label>
                    <select id="list-street" name="street" on:change=submit_enclosing_form>
                        <option value="" selected=move || selected_street().is_empty()>"全部街镇"</option>
                        {UNITS
                            .iter()
                            .map(|u| {
                                let code = u.code.to_string();
                                let is_selected = {
                                    let code = code.clone();
                                    move || selected_street() == code
                                };
                                view! { <option value=code selected=is_selected>{u.full_name()}</option> }
                            })
                            .collect_view()}
                    </select>
                </div>
                <button type="submit">"查找"</button>
            </div>
        </Form>
        <Transition fallback=|| view! { <p class="loading">"正在加载…"</p> }>
            {move || Suspend::new(async move {
                match results.await {
                    Ok(page) => view! { <Results page/> }.into_any(),
                    Err(e) => view! { <ErrorNotice error=e/> }.into_any(),
                }
            })}
        </Transition>
    }
}

/// Submits the form a select belongs to, so a new street filters at once.
fn submit_enclosing_form(_event: leptos::ev::Event) {
    #[cfg(feature = "hydrate")]
    {
        use wasm_bindgen::JsCast;
        let form = _event
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlSelectElement>().ok())
            .and_then(|select| select.form());
        if let Some(form) = form {
            let _ = form.request_submit();
        }
    }
}

fn page_href(page: &FacilityPage, number: u32) -> String {
    let mut params = Vec::new();
    if let Some(q) = &page.search {
        params.push(format!("q={}", urlencode(q)));
    }
    if let Some(code) = page.unit_code {
        params.push(format!("street={code}"));
    }
    params.push(format!("page={number}"));
    format!("/facilities?{}", params.join("&"))
}

/// Percent-encodes a query value (UTF-8 bytes outside the unreserved set).
fn urlencode(value: &str) -> String {
    value
        .bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

#[component]
fn Results(page: FacilityPage) -> impl IntoView {
    let where_text = match (page.unit_code, &page.search) {
        (Some(code), Some(q)) => format!("{}内与“{}”相关的", labels::unit_name(code), q),
        (Some(code), None) => format!("{}的", labels::unit_name(code)),
        (None, Some(q)) => format!("与“{q}”相关的"),
        (None, None) => "全区".to_string(),
    };
    let ignored = (!page.ignored.is_empty()).then(|| {
        let names: Vec<&str> = page.ignored.iter().map(|f| labels::field_label(f)).collect();
        view! { <p class="notice">{format!("链接中的“{}”无法识别，已忽略。", names.join("”“"))}</p> }
    });
    let prev = (page.page > 1).then(|| page_href(&page, page.page - 1));
    let next = (page.page < page.pages).then(|| page_href(&page, page.page + 1));
    let summary = format!("{where_text}托育机构共 {} 家", page.total);
    let pager = format!("第 {} / {} 页", page.page, page.pages);
    let as_of = format!("空余托位数据截至 {}", labels::date(page.as_of));

    if page.cards.is_empty() {
        return view! {
            {ignored}
            <div class="empty">
                <p>{format!("没有找到{where_text}托育机构。")}</p>
                <p>"可以换个关键词，或查看全部街镇。"</p>
                <a class="button" href="/facilities">"查看全部机构"</a>
            </div>
        }
        .into_any();
    }
    view! {
        {ignored}
        <p class="result-summary" aria-live="polite">{summary}</p>
        <ul class="cards">
            {page.cards.into_iter().map(|card| view! { <Card card/> }).collect_view()}
        </ul>
        <nav class="pager" aria-label="翻页">
            {prev.map(|href| view! { <a class="button secondary" href=href rel="prev">"上一页"</a> })}
            <span>{pager}</span>
            {next.map(|href| view! { <a class="button secondary" href=href rel="next">"下一页"</a> })}
        </nav>
        <p class="as-of">{as_of}</p>
    }
    .into_any()
}

#[component]
fn Card(card: FacilityCard) -> impl IntoView {
    let href = format!("/facilities/{}", card.id);
    let fee = card.fee_from.map(|fee| format!("{} 起", labels::monthly_fee(fee)));
    view! {
        <li class="card">
            <a href=href class="card-link">
                <h2 class="card-title">{card.name}</h2>
                <p class="card-badges">
                    {card.inclusive.then(|| view! { <InclusiveBadge/> })}
                    <span class="badge">{labels::facility_kind(card.kind)}</span>
                    <span class="badge">{labels::grade(card.grade)}</span>
                    {card.is_demo.then(|| view! { <DemoBadge/> })}
                </p>
                <p class="card-address">{card.address}</p>
                <p class="card-foot">
                    <VacancyBadge vacancy=card.vacancy/>
                    {fee.map(|fee| view! { <span class="fee">{fee}</span> })}
                </p>
            </a>
        </li>
    }
}

#[cfg(test)]
mod tests {
    use super::urlencode;

    #[test]
    fn query_values_are_percent_encoded_as_utf8() {
        assert_eq!(urlencode("双龙湖 a&b"), "%E5%8F%8C%E9%BE%99%E6%B9%96%20a%26b");
    }
}
