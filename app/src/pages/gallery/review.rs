//! The health commission's check of facilities' photos: each pending photo with its facility,
//! published with one tap or sent back with a reason.

use leptos::prelude::*;
use leptos_meta::Title;

use super::GalleryPhoto;
use crate::api::gallery::{fetch_photo_queue, review_facility_photo, PendingPhoto};
use crate::components::{new_operation_id, ErrorNotice};
use crate::error::AppError;
use crate::i18n::{t, td_string, use_i18n};
use crate::labels;
use crate::pages::staff::StaffRefusal;

type ReviewAction = Action<(String, i64, String, String), Result<(), AppError>>;

#[component]
pub fn PhotoReviewPage() -> impl IntoView {
    let i18n = use_i18n();
    let queue: Resource<Result<Vec<PendingPhoto>, AppError>> = Resource::new(|| (), |_| fetch_photo_queue());
    // Which decision answered last, for the words of its notice.
    let published = RwSignal::new(true);
    let review: ReviewAction = Action::new(|(op, id, decision, reason): &(String, i64, String, String)| review_facility_photo(op.clone(), *id, decision.clone(), reason.clone()));
    Effect::new(move |_| {
        if matches!(review.value().get(), Some(Ok(()))) {
            queue.refetch();
        }
    });
    view! {
        <Title text=labels::page_title(i18n.get_locale_untracked(), td_string!(i18n.get_locale_untracked(), gallery.queue_title))/>
        <section>
            <h1>{t!(i18n, gallery.queue_title)}</h1>
            <p class="lead">{t!(i18n, gallery.queue_lead)}</p>
            {move || review.value().get().map(|result| match result {
                Ok(()) if published.get() => view! { <p class="notice" role="status">{t!(i18n, gallery.published)}</p> }.into_any(),
                Ok(()) => view! { <p class="notice" role="status">{t!(i18n, gallery.rejected)}</p> }.into_any(),
                Err(e) => view! { <ErrorNotice error=e/> }.into_any(),
            })}
            <Suspense fallback=move || view! { <p class="loading">{t!(i18n, common.loading)}</p> }>
                {move || Suspend::new(async move {
                    match queue.await {
                        Ok(list) if list.is_empty() => view! { <p class="empty">{t!(i18n, gallery.queue_empty)}</p> }.into_any(),
                        Ok(list) => view! {
                            <ul class="photo-admin" data-testid="photo-queue">
                                {list.into_iter().map(|pending| view! { <QueuedPhoto pending review published/> }).collect_view()}
                            </ul>
                        }
                        .into_any(),
                        Err(e) => view! { <StaffRefusal error=e/> }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}

#[component]
fn QueuedPhoto(pending: PendingPhoto, review: ReviewAction, published: RwSignal<bool>) -> impl IntoView {
    let i18n = use_i18n();
    let id = pending.photo.id;
    let reason = RwSignal::new(String::new());
    let reason_id = format!("photo-reason-{id}");
    let reason_for = reason_id.clone();
    view! {
        <li class="card" data-photo=id>
            <p><strong>{pending.facility_name.clone()}</strong></p>
            <ul class="gallery-strip single"><GalleryPhoto photo=pending.photo/></ul>
            <p class="actions left">
                <button type="button" on:click=move |_| {
                    published.set(true);
                    review.dispatch((new_operation_id(), id, "publish".into(), String::new()));
                }>{t!(i18n, gallery.publish)}</button>
            </p>
            <div class="field">
                <label for=reason_for>{t!(i18n, gallery.reject_reason)}</label>
                <input id=reason_id type="text" maxlength="200" bind:value=reason/>
            </div>
            <button type="button" class="secondary" on:click=move |_| {
                published.set(false);
                review.dispatch((new_operation_id(), id, "reject".into(), reason.get_untracked()));
            }>{t!(i18n, gallery.reject)}</button>
        </li>
    }
}
