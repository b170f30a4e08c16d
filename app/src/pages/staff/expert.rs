//! `/expert`: an expert's inbox — unanswered questions, the earliest due (and the overdue)
//! first, with the child's age and topic and never who asked — and the answer form.

use leptos::prelude::*;
use leptos_meta::Title;

use super::StaffRefusal;
use crate::api::lessons::expert::{answer_question, fetch_expert_inbox, QuestionView};
use crate::components::{new_operation_id, ErrorNotice};
use crate::domain::expert::ANSWER_CHARS;
use crate::error::AppError;
use crate::i18n::{t, td_string, use_i18n};
use crate::labels;
use crate::pages::lessons::QuestionItem;

#[component]
pub fn ExpertInboxPage() -> impl IntoView {
    let i18n = use_i18n();
    let inbox = Resource::new(|| (), |_| fetch_expert_inbox());
    view! {
        <Title text=labels::page_title(i18n.get_locale_untracked(), td_string!(i18n.get_locale_untracked(), expert.inbox_title))/>
        <Suspense fallback=move || view! { <p class="loading">{t!(i18n, common.loading)}</p> }>
            {move || Suspend::new(async move {
                match inbox.await {
                    Ok(inbox) => view! {
                        <h1>{t!(i18n, expert.inbox_heading)}</h1>
                        <p class="muted">{inbox.title.clone()}</p>
                        <p class="hint">{t!(i18n, expert.inbox_lead)}</p>
                        {if inbox.open.is_empty() {
                            view! { <p class="notice">{t!(i18n, expert.inbox_none)}</p> }.into_any()
                        } else {
                            view! { <ul class="questions">{inbox.open.into_iter().map(|item| view! { <OpenQuestion item/> }).collect_view()}</ul> }.into_any()
                        }}
                        <h2>{t!(i18n, expert.recent)}</h2>
                        <ul class="questions">{inbox.recent.into_iter().map(|item| view! { <QuestionItem item/> }).collect_view()}</ul>
                    }
                    .into_any(),
                    Err(AppError::Refused { reason }) => view! { <p class="notice" role="alert">{move || labels::refusal(i18n.get_locale(), &reason)}</p> }.into_any(),
                    Err(error) => view! { <StaffRefusal error/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// A question waiting for an answer, with the overdue flag and the answer form.
#[component]
fn OpenQuestion(item: QuestionView) -> impl IntoView {
    let i18n = use_i18n();
    let question_id = item.id;
    let asker_allows = item.may_publish;
    let overdue = item.overdue;
    let due = labels::due_day(crate::domain::calendar::Timestamp(item.due_at));
    let answer = RwSignal::new(String::new());
    let publish = RwSignal::new(asker_allows);
    let error = RwSignal::new(None::<AppError>);
    let done = RwSignal::new(false);
    let field = format!("answer-{question_id}");
    let send = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        error.set(None);
        leptos::task::spawn_local(async move {
            match answer_question(new_operation_id(), question_id, answer.get_untracked(), publish.get_untracked()).await {
                Ok(()) => done.set(true),
                Err(e) => error.set(Some(e)),
            }
        });
    };
    view! {
        <li class="question open-question" data-testid="open-question" data-id=question_id data-overdue=overdue.to_string()>
            <p>
                {overdue.then(|| view! { <span class="badge badge-alert">{t!(i18n, expert.overdue_flag)}</span>" " })}
                <span class="muted">{move || crate::i18n::t_string!(i18n, expert.due, due = due.clone()).to_string()}</span>
            </p>
            <ul class="plain"><QuestionItem item/></ul>
            <form class="answer-form" on:submit=send hidden=move || done.get()>
                <label for=field.clone()>{t!(i18n, expert.answer_label)}</label>
                <p class="hint">{t!(i18n, expert.answer_hint)}</p>
                <textarea id=field rows="6" maxlength=ANSWER_CHARS.1.to_string() prop:value=move || answer.get() on:input=move |ev| answer.set(event_target_value(&ev))></textarea>
                {if asker_allows {
                    view! {
                        <label class="check">
                            <input type="checkbox" prop:checked=move || publish.get() on:change=move |ev| publish.set(event_target_checked(&ev))/>
                            <span>{t!(i18n, expert.publish_ok)}</span>
                        </label>
                    }
                    .into_any()
                } else {
                    view! { <p class="muted">{t!(i18n, expert.asker_declined)}</p> }.into_any()
                }}
                <button type="submit" class="button">{t!(i18n, expert.send_answer)}</button>
            </form>
            {move || done.get().then(|| view! { <p class="notice" role="status">{t!(i18n, expert.answer_sent)}</p> })}
            {move || error.get().map(|error| view! { <ErrorNotice error/> })}
        </li>
    }
}
