//! The district's reach figure on the supervisor page: the plan's 90 % goal, with the counts
//! behind the share.

use leptos::prelude::*;

use crate::api::lessons::progress::fetch_lesson_reach;
use crate::components::ErrorNotice;
use crate::i18n::{t, t_string, use_i18n};

/// "12.3 %" from per mille.
fn percent(per_mille: u32) -> String {
    format!("{}.{} %", per_mille / 10, per_mille % 10)
}

#[component]
pub fn LessonReach() -> impl IntoView {
    let i18n = use_i18n();
    let reach = Resource::new(|| (), |_| fetch_lesson_reach());
    view! {
        <section class="lesson-reach" aria-labelledby="lesson-reach">
            <h2 id="lesson-reach">{t!(i18n, lessons.reach_heading)}</h2>
            <Suspense fallback=move || view! { <p class="loading">{t!(i18n, common.loading)}</p> }>
                {move || Suspend::new(async move {
                    match reach.await {
                        Ok(reach) => {
                            let share = reach.per_mille.map(percent).unwrap_or_else(|| "—".into());
                            let goal = percent(reach.goal_per_mille);
                            view! {
                                <p class="figure-line" data-testid="lesson-reach"><strong>{share}</strong></p>
                                <p>{move || t_string!(i18n, lessons.reach_counts, reached = reach.reached, families = reach.families).to_string()}</p>
                                <p class="hint">{move || t_string!(i18n, lessons.reach_rule, goal = goal.clone(), date = reach.as_of.clone()).to_string()}</p>
                            }
                            .into_any()
                        }
                        Err(e) => view! { <ErrorNotice error=e/> }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn per_mille_reads_as_a_percentage_with_one_decimal() {
        assert_eq!(super::percent(900), "90.0 %");
        assert_eq!(super::percent(7), "0.7 %");
    }
}
