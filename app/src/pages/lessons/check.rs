//! A lesson's check: each question answered by a tap, then told right or wrong and why.

use leptos::prelude::*;

use crate::domain::lesson::Question;
use crate::i18n::{t, t_string, use_i18n};

/// `on_complete` runs once, with the chosen answers, when every question has been answered.
#[component]
pub fn Check(checks: Vec<Question>, on_complete: Callback<Vec<u32>>) -> impl IntoView {
    let i18n = use_i18n();
    let answered: Vec<RwSignal<Option<usize>>> = checks.iter().map(|_| RwSignal::new(None)).collect();
    let all = answered.clone();
    let done = move || all.iter().all(|a| a.get().is_some());
    let chosen = answered.clone();
    let reported = StoredValue::new(false);
    Effect::new(move |_| {
        let answers: Option<Vec<u32>> = chosen.iter().map(|a| a.get().map(|i| i as u32)).collect();
        if let (Some(answers), false) = (answers, reported.get_value()) {
            reported.set_value(true);
            on_complete.run(answers);
        }
    });
    view! {
        <section class="lesson-check" aria-labelledby="check">
            <h2 id="check">{t!(i18n, lessons.check)}</h2>
            {checks
                .into_iter()
                .zip(answered)
                .enumerate()
                .map(|(at, (question, chosen))| view! { <QuestionView number=at + 1 question chosen/> })
                .collect_view()}
            <p class="notice" role="status" hidden=move || !done()>{t!(i18n, lessons.check_done)}</p>
        </section>
    }
}

#[component]
fn QuestionView(number: usize, question: Question, chosen: RwSignal<Option<usize>>) -> impl IntoView {
    let i18n = use_i18n();
    let name = format!("q{number}");
    let right = question.answer;
    let right_text = question.choices.get(right).cloned().unwrap_or_default();
    let why = question.why.clone();
    let verdict = move || {
        chosen.get().map(|choice| {
            if choice == right {
                t_string!(i18n, lessons.check_right).to_string()
            } else {
                t_string!(i18n, lessons.check_wrong, answer = right_text.clone()).to_string()
            }
        })
    };
    view! {
        <fieldset class="question" lang="zh-CN">
            <legend>{format!("{number}. {}", question.question)}</legend>
            {question
                .choices
                .into_iter()
                .enumerate()
                .map(|(index, choice)| {
                    let id = format!("{name}-{index}");
                    let label_for = id.clone();
                    view! {
                        <label class="choice" for=label_for>
                            <input type="radio" id=id name=name.clone() value=index.to_string()
                                on:change=move |_| chosen.set(Some(index))/>
                            <span>{choice}</span>
                        </label>
                    }
                })
                .collect_view()}
            <p class="answer-verdict" role="status" data-right=move || chosen.get().map(|c| (c == right).to_string())>
                {verdict}
                {move || chosen.get().map(|_| view! { <span class="why">{why.clone()}</span> })}
            </p>
        </fieldset>
    }
}
