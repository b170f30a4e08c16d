//! 问专家 for families: `/lessons/ask` (ask, and one's own questions with their answers) and
//! `/lessons/faq` (the published answers, searchable). A question asked offline waits in the
//! device queue (kind `question.ask`) and is sent once.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::api::lessons::expert::{ask_expert, fetch_expert_faq, fetch_my_questions, AskInput, QuestionView};
use crate::api::lessons::{fetch_month_lessons, MAX_WORDS};
use crate::components::{new_operation_id, ErrorNotice};
use crate::domain::calendar::Timestamp;
use crate::domain::expert::QUESTION_CHARS;
use crate::domain::lesson::{Topic, MAX_AGE_MONTHS};
use crate::error::AppError;
use crate::i18n::{t, t_string, td_string, use_i18n};
use crate::labels;
use crate::offline::{self, queue::QueueItem, OfflineQueue};

/// One question with its answer (or where it stands), as the asker, the public list and the
/// experts see it: the child's age and the topic, never who asked.
#[component]
pub fn QuestionItem(item: QuestionView) -> impl IntoView {
    let i18n = use_i18n();
    let topic = Topic::from_code(&item.topic);
    let months = item.age_months;
    let due = labels::due_day(Timestamp(item.due_at));
    let due2 = due.clone();
    let answered = item.answered_at.map(|at| labels::date(Timestamp(at)));
    let title = item.expert_title.clone().unwrap_or_default();
    view! {
        <li class="question" data-testid="question" data-id=item.id data-overdue=item.overdue.to_string()>
            <p class="muted">
                {move || t_string!(i18n, expert.question_meta, n = months, topic = topic.map(|t| labels::lessons::topic(i18n.get_locale(), t)).unwrap_or_default()).to_string()}
            </p>
            <p class="question-text">{item.question.clone()}</p>
            {match (item.answer.clone(), answered) {
                (Some(answer), Some(date)) => view! {
                    <div class="answer">
                        <p class="answer-text">{answer}</p>
                        <p class="muted">{move || t_string!(i18n, expert.answered_by, title = title.clone(), date = date.clone()).to_string()}</p>
                    </div>
                }
                .into_any(),
                _ if item.overdue => view! { <p class="notice warning">{move || t_string!(i18n, expert.overdue, due = due.clone()).to_string()}</p> }.into_any(),
                _ => view! { <p class="notice">{move || t_string!(i18n, expert.waiting, due = due2.clone()).to_string()}</p> }.into_any(),
            }}
        </li>
    }
}

#[component]
pub fn AskExpertPage() -> impl IntoView {
    let i18n = use_i18n();
    let mine = Resource::new(|| (), |_| fetch_my_questions());
    let children = Resource::new(|| (), |_| fetch_month_lessons());
    view! {
        <Title text=labels::page_title(i18n.get_locale_untracked(), td_string!(i18n.get_locale_untracked(), expert.title))/>
        <p><a href="/lessons">{t!(i18n, lessons.back)}</a></p>
        <h1>{t!(i18n, expert.heading)}</h1>
        <p class="lead">{t!(i18n, expert.lead)}</p>
        <p><a class="button secondary" href="/lessons/faq">{t!(i18n, expert.faq_link)}</a></p>
        <Transition fallback=move || view! { <p class="loading">{t!(i18n, common.loading)}</p> }>
            {move || Suspend::new(async move {
                match (mine.await, children.await) {
                    (Ok(None), _) => view! { <p class="hint"><a href="/login?next=/lessons/ask">{t!(i18n, expert.sign_in)}</a></p> }.into_any(),
                    (Ok(Some(questions)), children) => {
                        let children: Vec<(String, u32)> = children.unwrap_or_default().into_iter().map(|c| (c.name, c.age_months)).collect();
                        view! { <AskForm children/> <MyQuestions questions/> }.into_any()
                    }
                    (Err(e), _) => view! { <ErrorNotice error=e/> }.into_any(),
                }
            })}
        </Transition>
    }
}

/// The question form. `children`: the parent's children under 3 and their ages, offered first.
#[component]
fn AskForm(children: Vec<(String, u32)>) -> impl IntoView {
    let i18n = use_i18n();
    let age = RwSignal::new(children.first().map(|c| c.1.to_string()).unwrap_or_default());
    let topic = RwSignal::new(String::new());
    let text = RwSignal::new(String::new());
    // Publication is the family's explicit choice: never ticked for them.
    let may_publish = RwSignal::new(false);
    let error = RwSignal::new(None::<AppError>);
    let sent = RwSignal::new(None::<String>);
    let queued = RwSignal::new(false);
    let pending = RwSignal::new(false);
    let queue = OfflineQueue::use_queue();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let input = AskInput { op_id: new_operation_id(), age_months: age.get_untracked(), topic: topic.get_untracked(), text: text.get_untracked(), may_publish: may_publish.get_untracked() };
        error.set(None);
        let keep = move |input: AskInput| {
            let payload = serde_json::json!({ "age_months": input.age_months, "topic": input.topic, "text": input.text, "may_publish": input.may_publish });
            let label: String = input.text.chars().take(20).collect();
            queue.enqueue(QueueItem::new(input.op_id, "question.ask", payload, label, offline::now_ms()));
            queued.set(true);
            text.set(String::new());
        };
        if !offline::is_online() {
            keep(input);
            return;
        }
        pending.set(true);
        leptos::task::spawn_local(async move {
            match ask_expert(input.clone()).await {
                Ok(asked) => {
                    sent.set(Some(labels::due_day(Timestamp(asked.due_at))));
                    text.set(String::new());
                }
                Err(AppError::Network) => keep(input),
                Err(e) => error.set(Some(e)),
            }
            pending.set(false);
        });
    };
    view! {
        <form class="ask-form" on:submit=submit data-testid="ask-form">
            <label for="ask-age">{t!(i18n, expert.age_label)}</label>
            <select id="ask-age" required on:change=move |ev| age.set(event_target_value(&ev)) prop:value=move || age.get()>
                <option value="">"—"</option>
                {children.into_iter().map(|(name, months)| {
                    let name = name.clone();
                    view! { <option value=months.to_string()>{move || format!("{name}（{}）", t_string!(i18n, lessons.age_option, n = months))}</option> }
                }).collect_view()}
                {(0..=MAX_AGE_MONTHS).map(|n| view! { <option value=n.to_string()>{move || t_string!(i18n, lessons.age_option, n = n).to_string()}</option> }).collect_view()}
            </select>
            <label for="ask-topic">{t!(i18n, expert.topic_label)}</label>
            <select id="ask-topic" required on:change=move |ev| topic.set(event_target_value(&ev)) prop:value=move || topic.get()>
                <option value="">"—"</option>
                {Topic::ALL.iter().map(|code| {
                    let code = *code;
                    view! { <option value=code.code()>{move || labels::lessons::topic(i18n.get_locale(), code)}</option> }
                }).collect_view()}
            </select>
            <label for="ask-text">{t!(i18n, expert.text_label)}</label>
            <p class="hint" id="ask-text-hint">{t!(i18n, expert.text_hint)}</p>
            <textarea id="ask-text" rows="6" maxlength=QUESTION_CHARS.1.to_string() aria-describedby="ask-text-hint"
                prop:value=move || text.get() on:input=move |ev| text.set(event_target_value(&ev))></textarea>
            <label class="check">
                <input type="checkbox" prop:checked=move || may_publish.get() on:change=move |ev| may_publish.set(event_target_checked(&ev))/>
                <span>{t!(i18n, expert.may_publish)}</span>
            </label>
            <button type="submit" class="button wide" disabled=move || pending.get()>{t!(i18n, expert.ask)}</button>
            {move || sent.get().map(|due| view! { <p class="notice" role="status" data-outcome="asked">{move || t_string!(i18n, expert.asked, due = due.clone()).to_string()}</p> })}
            {move || queued.get().then(|| view! { <p class="notice" role="status" data-outcome="queued">{t!(i18n, expert.queued)}</p> })}
            {move || error.get().map(|error| view! { <ErrorNotice error/> })}
        </form>
    }
}

#[component]
fn MyQuestions(questions: Vec<QuestionView>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section aria-labelledby="my-questions">
            <h2 id="my-questions">{t!(i18n, expert.mine)}</h2>
            {if questions.is_empty() {
                view! { <p class="muted">{t!(i18n, expert.none_mine)}</p> }.into_any()
            } else {
                view! {
                    <p class="hint">{t!(i18n, expert.not_advice)}</p>
                    <ul class="questions">{questions.into_iter().map(|item| view! { <QuestionItem item/> }).collect_view()}</ul>
                }
                .into_any()
            }}
        </section>
    }
}

#[component]
pub fn ExpertFaqPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let words = Memo::new(move |_| query.read().get("q"));
    let found = Resource::new(move || words.get(), fetch_expert_faq);
    view! {
        <Title text=labels::page_title(i18n.get_locale_untracked(), td_string!(i18n.get_locale_untracked(), expert.faq_title))/>
        <p><a href="/lessons">{t!(i18n, lessons.back)}</a></p>
        <h1>{t!(i18n, expert.faq_heading)}</h1>
        <p class="lead">{t!(i18n, expert.faq_lead)}</p>
        <form class="lesson-filters" method="get" action="/lessons/faq" role="search">
            <label for="faq-search">{t!(i18n, expert.faq_search)}</label>
            <input id="faq-search" type="search" name="q" maxlength=MAX_WORDS.to_string() autocomplete="off" value=words.get_untracked().unwrap_or_default()
                placeholder=move || t_string!(i18n, lessons.search_placeholder).to_string()/>
            <button type="submit">{t!(i18n, lessons.search)}</button>
        </form>
        <p><a class="button secondary" href="/lessons/ask">{t!(i18n, expert.link)}</a></p>
        <p class="hint">{t!(i18n, expert.not_advice)}</p>
        <Transition fallback=move || view! { <p class="loading">{t!(i18n, common.loading)}</p> }>
            {move || Suspend::new(async move {
                match found.await {
                    Ok(items) if items.is_empty() => view! { <p class="notice">{t!(i18n, expert.faq_none)}</p> }.into_any(),
                    Ok(items) => {
                        let n = items.len();
                        view! {
                            <h2>{move || t_string!(i18n, expert.faq_found, n = n).to_string()}</h2>
                            <ul class="questions">{items.into_iter().map(|item| view! { <QuestionItem item/> }).collect_view()}</ul>
                        }
                        .into_any()
                    }
                    Err(e) => view! { <ErrorNotice error=e/> }.into_any(),
                }
            })}
        </Transition>
    }
}
