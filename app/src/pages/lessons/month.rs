//! "本月推荐" for each of the signed-in parent's children, on the home page and 我的: a lesson
//! per topic for the child's age, and the way to the growth guide. Nothing for anyone else.

use leptos::prelude::*;

use crate::api::lessons::{fetch_month_lessons, ChildLessons};
use crate::components::ErrorNotice;
use crate::i18n::{t, t_string, use_i18n, Locale};

#[component]
pub fn MonthLessons() -> impl IntoView {
    let children = Resource::new(|| (), |_| fetch_month_lessons());
    view! {
        <Suspense>
            {move || Suspend::new(async move {
                match children.await {
                    Ok(children) => children.into_iter().map(|child| view! { <ChildMonth child/> }).collect_view().into_any(),
                    Err(error) => view! { <ErrorNotice error/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn ChildMonth(child: ChildLessons) -> impl IntoView {
    let i18n = use_i18n();
    let ChildLessons { child_id, name, age_months, recommended } = child;
    view! {
        <section class="month-lessons" data-testid="month-lessons">
            <h2>{move || t_string!(i18n, lessons.for_child, name = name.clone(), n = age_months).to_string()}</h2>
            <ul class="month-list">
                {recommended
                    .into_iter()
                    .map(|card| {
                        let href = format!("/lessons/{}", card.id);
                        view! { <li><a href=href>{move || if i18n.get_locale() == Locale::en { card.title_en.clone() } else { card.title.clone() }}</a></li> }
                    })
                    .collect_view()}
            </ul>
            <p class="actions left">
                <a class="button secondary" href=format!("/lessons/guide?child={child_id}")>{t!(i18n, lessons.guide_link)}</a>
            </p>
        </section>
    }
}
