//! `/lessons/guide`: 成长提醒 for one of the parent's children (`?child=`), a birth date typed in
//! (`?birth=`) or an age (`?age=`): the next check and vaccinations, every date, and the
//! milestones and warning signs for the age. Ticking a warning sign only shows advice on this
//! page — calmly, never a diagnosis — and nothing is saved or sent.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::api::lessons::guide::{fetch_child_guide, CheckpointView, ChildGuide, GuideLine, TimelineItem};
use crate::components::ErrorNotice;
use crate::i18n::{t, t_string, td_string, use_i18n, Locale};
use crate::labels;

fn text(locale: Locale, line: &GuideLine) -> String {
    if locale == Locale::en { line.en.clone() } else { line.zh.clone() }
}

#[component]
pub fn GuidePage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let asked = Memo::new(move |_| {
        let map = query.read();
        (map.get("child").and_then(|c| c.trim().parse::<i64>().ok()), map.get("birth"), map.get("age"))
    });
    // Nothing asked yet: only the form (no request, no error).
    let guide = Resource::new(move || asked.get(), |(child, birth, age)| async move {
        match (child, &birth, &age) {
            (None, None, None) => Ok(None),
            _ => fetch_child_guide(child, birth, age).await.map(Some),
        }
    });
    view! {
        <Title text=labels::page_title(i18n.get_locale_untracked(), td_string!(i18n.get_locale_untracked(), lessons.guide_title))/>
        <h1>{t!(i18n, lessons.guide_heading)}</h1>
        <Transition fallback=move || view! { <p class="loading">{t!(i18n, common.loading)}</p> }>
            {move || Suspend::new(async move {
                match guide.await {
                    Ok(Some(guide)) => view! { <Guide guide/> }.into_any(),
                    Ok(None) => view! { <BirthForm/> }.into_any(),
                    Err(e) => view! { <ErrorNotice error=e/> <BirthForm/> }.into_any(),
                }
            })}
        </Transition>
        <p><a class="button secondary" href="/lessons">{t!(i18n, lessons.back)}</a></p>
    }
}

#[component]
fn Guide(guide: ChildGuide) -> impl IntoView {
    let i18n = use_i18n();
    let ChildGuide { child_name, age_months, checkpoint, timeline, as_of: _ } = guide;
    let who = move || match &child_name {
        Some(name) => t_string!(i18n, lessons.guide_for_child, name = name.clone(), n = age_months).to_string(),
        None => t_string!(i18n, lessons.guide_for_age, n = age_months).to_string(),
    };
    let has_timeline = !timeline.is_empty();
    view! {
        <p class="lead" data-testid="guide-who">{who}</p>
        {if has_timeline { view! { <Timeline items=timeline/> }.into_any() } else { view! { <BirthForm/> }.into_any() }}
        {checkpoint.map(|checkpoint| view! { <Checklist checkpoint/> })}
    }
}

/// The next date's items, then every date in a closed list.
#[component]
fn Timeline(items: Vec<TimelineItem>) -> impl IntoView {
    let i18n = use_i18n();
    let next: Vec<TimelineItem> = items.iter().filter(|i| i.when == "next").cloned().collect();
    view! {
        <section class="guide-next" aria-labelledby="guide-next">
            <h2 id="guide-next">{t!(i18n, lessons.guide_next)}</h2>
            <ul class="timeline">{next.into_iter().map(|item| view! { <TimelineLine item/> }).collect_view()}</ul>
            <p class="hint">{t!(i18n, lessons.guide_schedule_note)}</p>
        </section>
        <details class="guide-all">
            <summary>{t!(i18n, lessons.guide_all)}</summary>
            <ul class="timeline">{items.into_iter().map(|item| view! { <TimelineLine item/> }).collect_view()}</ul>
        </details>
    }
}

#[component]
fn TimelineLine(item: TimelineItem) -> impl IntoView {
    let i18n = use_i18n();
    let TimelineItem { due, kind, when, name, detail } = item;
    let state = when.clone();
    let is_check = kind == "check";
    view! {
        <li class="timeline-item" data-when=state data-kind=kind>
            <span class="timeline-date">{due}</span>
            <span class="badge">{move || if is_check { t_string!(i18n, lessons.guide_check).to_string() } else { t_string!(i18n, lessons.guide_dose).to_string() }}</span>
            {match when.as_str() {
                "before" => Some(view! { <span class="badge badge-quiet">{t!(i18n, lessons.guide_before)}</span> }.into_any()),
                "later" => None,
                _ => Some(view! { <span class="badge inclusive">{t!(i18n, lessons.guide_next)}</span> }.into_any()),
            }}
            <strong class="timeline-name">{move || text(i18n.get_locale(), &name)}</strong>
            {detail.map(|detail| view! { <span class="timeline-detail">{move || text(i18n.get_locale(), &detail)}</span> })}
        </li>
    }
}

/// Birth date in, dates out: a plain GET form, nothing kept.
#[component]
fn BirthForm() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <form class="guide-birth" method="get" action="/lessons/guide">
            <label for="guide-birth">{t!(i18n, lessons.guide_birth_label)}</label>
            <p class="hint">{t!(i18n, lessons.guide_birth_hint)}</p>
            <div class="search-row">
                <input id="guide-birth" type="date" name="birth" required=true/>
                <button type="submit">{t!(i18n, lessons.guide_show)}</button>
            </div>
        </form>
    }
}

/// Milestones, and warning signs to tick: any ticked shows the advice.
#[component]
fn Checklist(checkpoint: CheckpointView) -> impl IntoView {
    let i18n = use_i18n();
    let CheckpointView { months, milestones, warnings, milestones_note, warnings_note, source, milestone_source } = checkpoint;
    let ticked = RwSignal::new(0usize);
    view! {
        <section class="guide-milestones" aria-labelledby="guide-milestones">
            <h2 id="guide-milestones">{move || t_string!(i18n, lessons.guide_milestones, n = months).to_string()}</h2>
            <ul>{milestones.into_iter().map(|l| view! { <li>{move || text(i18n.get_locale(), &l)}</li> }).collect_view()}</ul>
            <p class="hint">{move || text(i18n.get_locale(), &milestones_note)}</p>
            <p class="as-of">{move || t_string!(i18n, lessons.guide_source, source = milestone_source.clone()).to_string()}</p>
        </section>
        <section class="guide-warnings" aria-labelledby="guide-warnings">
            <h2 id="guide-warnings">{move || t_string!(i18n, lessons.guide_warnings, n = months).to_string()}</h2>
            <p class="hint">{t!(i18n, lessons.guide_warnings_lead)}</p>
            {warnings
                .into_iter()
                .enumerate()
                .map(|(at, l)| {
                    let id = format!("warning-{at}");
                    let label_for = id.clone();
                    view! {
                        <label class="choice" for=label_for>
                            <input type="checkbox" id=id on:change=move |ev| {
                                let on = event_target_checked(&ev);
                                ticked.update(|n| if on { *n += 1 } else { *n = n.saturating_sub(1) });
                            }/>
                            <span>{move || text(i18n.get_locale(), &l)}</span>
                        </label>
                    }
                })
                .collect_view()}
            <div class="notice" role="status" data-testid="guide-advice" hidden=move || ticked.get() == 0>
                <p><strong>{t!(i18n, lessons.guide_advice)}</strong></p>
                <p>{move || text(i18n.get_locale(), &warnings_note)}</p>
            </div>
            <p class="as-of">{move || t_string!(i18n, lessons.guide_source, source = source.clone()).to_string()}</p>
        </section>
    }
}
