//! A parent's progress on the open lesson: "我读完了" at the end of the text, and the check's
//! answers once every question is answered. Sent at once when online; kept in the device queue
//! (kind `lesson.progress`) when not, and applied once when it syncs.

use leptos::prelude::*;

use crate::api::lessons::progress::{record_lesson_progress, ProgressInput, ProgressView};
use crate::components::{new_operation_id, ErrorNotice};
use crate::error::AppError;
use crate::i18n::{t, use_i18n};
use crate::offline::{self, queue::QueueItem, OfflineQueue};

/// What the page knows and does about the family's progress on one lesson.
#[derive(Clone, Copy)]
pub struct Tracker {
    lesson_id: StoredValue<String>,
    title: StoredValue<String>,
    /// Signed in as a parent: progress is kept. Anyone else reads without it.
    pub parent: bool,
    pub read: RwSignal<bool>,
    pub learned: RwSignal<bool>,
    /// A step waits in the device queue.
    pub queued: RwSignal<bool>,
    pub error: RwSignal<Option<AppError>>,
    queue: OfflineQueue,
}

impl Tracker {
    /// `mine`: the parent's progress on every lesson (none when not signed in as a parent).
    pub fn new(lesson_id: String, title: String, mine: Option<Vec<ProgressView>>) -> Tracker {
        let this = mine.as_ref().and_then(|all| all.iter().find(|p| p.lesson_id == lesson_id).cloned());
        Tracker {
            lesson_id: StoredValue::new(lesson_id),
            title: StoredValue::new(title),
            parent: mine.is_some(),
            read: RwSignal::new(this.as_ref().is_some_and(|p| p.read)),
            learned: RwSignal::new(this.as_ref().is_some_and(|p| p.learned)),
            queued: RwSignal::new(false),
            error: RwSignal::new(None),
            queue: OfflineQueue::use_queue(),
        }
    }

    /// Reports a step (`read`, or `answered` with the chosen answers).
    pub fn report(self, step: &'static str, answers: Vec<u32>) {
        if !self.parent {
            return;
        }
        let input = ProgressInput { op_id: new_operation_id(), lesson_id: self.lesson_id.get_value(), child_id: None, step: step.into(), answers };
        if step == "read" {
            self.read.set(true);
        }
        if !offline::is_online() {
            self.keep_on_device(input);
            return;
        }
        leptos::task::spawn_local(async move {
            match record_lesson_progress(input.clone()).await {
                Ok(view) => {
                    self.read.set(view.read);
                    self.learned.set(view.learned);
                    self.error.set(None);
                }
                Err(AppError::Network) => self.keep_on_device(input),
                Err(error) => self.error.set(Some(error)),
            }
        });
    }

    fn keep_on_device(self, input: ProgressInput) {
        let payload = serde_json::json!({ "lesson_id": input.lesson_id, "child_id": input.child_id, "step": input.step, "answers": input.answers });
        self.queue.enqueue(QueueItem::new(input.op_id, "lesson.progress", payload, self.title.get_value(), offline::now_ms()));
        self.queued.set(true);
    }
}

/// "我读完了" after the text, or what is already known.
#[component]
pub fn ReadDone(tracker: Tracker) -> impl IntoView {
    let i18n = use_i18n();
    if !tracker.parent {
        return view! { <p class="hint">{t!(i18n, lessons.sign_in_to_keep)}</p> }.into_any();
    }
    view! {
        <div class="read-done">
            <p hidden=move || tracker.read.get()>
                <button type="button" class="button wide" data-testid="read-done" on:click=move |_| tracker.report("read", Vec::new())>
                    {t!(i18n, lessons.read_done)}
                </button>
            </p>
            <p class="notice" role="status" hidden=move || !tracker.read.get() || tracker.queued.get()>
                {move || if tracker.learned.get() { t!(i18n, lessons.learned).into_any() } else { t!(i18n, lessons.read_saved).into_any() }}
            </p>
            <p class="notice" role="status" hidden=move || !tracker.queued.get()>{t!(i18n, lessons.progress_queued)}</p>
            {move || tracker.error.get().map(|error| view! { <ErrorNotice error/> })}
        </div>
    }
    .into_any()
}
