//! The health commission's view of one person on several facilities' current rosters (one
//! person, one roster): the ID number in full, and every facility that lists the person.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::roster::{fetch_roster_overlaps, RosterOverlap};
use crate::error::AppError;
use crate::i18n::{t, td_string, use_i18n};
use crate::labels;
use crate::pages::staff::StaffRefusal;

#[component]
pub fn RosterOverlapsPage() -> impl IntoView {
    let i18n = use_i18n();
    let overlaps: Resource<Result<Vec<RosterOverlap>, AppError>> = Resource::new(|| (), |_| fetch_roster_overlaps());
    view! {
        <Title text=labels::page_title(i18n.get_locale_untracked(), td_string!(i18n.get_locale_untracked(), roster.overlaps_heading))/>
        <section>
            <h1>{t!(i18n, roster.overlaps_heading)}</h1>
            <p class="lead">{t!(i18n, roster.overlaps_lead)}</p>
            <Suspense fallback=move || view! { <p class="loading">{t!(i18n, common.loading)}</p> }>
                {move || Suspend::new(async move {
                    match overlaps.await {
                        Ok(list) if list.is_empty() => view! { <p class="empty">{t!(i18n, roster.overlaps_none)}</p> }.into_any(),
                        Ok(list) => view! {
                            <div class="table-wrap">
                                <table data-testid="roster-overlaps">
                                    <thead><tr>
                                        <th>{t!(i18n, roster.field_name)}</th>
                                        <th>{t!(i18n, roster.field_id)}</th>
                                        <th>{t!(i18n, roster.overlaps_places)}</th>
                                    </tr></thead>
                                    <tbody>
                                        {list.into_iter().map(|person| view! {
                                            <tr>
                                                <td>{person.name.clone()}</td>
                                                <td>{person.id_number.clone()}</td>
                                                <td><ul class="plain">{person.places.into_iter().map(|(id, name, role, from)| view! {
                                                    <li><a href=format!("/facilities/{id}")>{name}</a>" · "{move || labels::roster::role(i18n.get_locale(), role)}" · "{from}</li>
                                                }).collect_view()}</ul></td>
                                            </tr>
                                        }).collect_view()}
                                    </tbody>
                                </table>
                            </div>
                        }
                        .into_any(),
                        Err(e) => view! { <StaffRefusal error=e/> }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}
