//! The operator's photo section: the rule, what is there (with each photo's state), upload and
//! remove.

use leptos::html::Input;
use leptos::prelude::*;
use leptos_meta::Title;

use super::GalleryPhoto;
use crate::api::gallery::{fetch_operator_photos, remove_facility_photo, upload_facility_photo, OperatorPhotos};
use crate::components::files::read_base64;
use crate::components::{new_operation_id, ErrorNotice};
use crate::domain::gallery::{PhotoState, PhotoSubject};
use crate::error::AppError;
use crate::i18n::{t, t_string, td_string, use_i18n};
use crate::labels;
use crate::pages::staff::{OperatorSection, OperatorShell, StaffRefusal};

type UploadAction = Action<(String, String, String, bool, String), Result<i64, AppError>>;
type RemoveAction = Action<(String, i64), Result<(), AppError>>;

#[component]
pub fn OperatorPhotosPage() -> impl IntoView {
    let i18n = use_i18n();
    let data: Resource<Result<OperatorPhotos, AppError>> = Resource::new(|| (), |_| fetch_operator_photos());
    let upload: UploadAction = Action::new(|(op, subject, caption, confirmed, content): &(String, String, String, bool, String)| {
        upload_facility_photo(op.clone(), subject.clone(), caption.clone(), *confirmed, content.clone())
    });
    let remove: RemoveAction = Action::new(|(op, id): &(String, i64)| remove_facility_photo(op.clone(), *id));
    Effect::new(move |_| {
        let (uploaded, removed) = (upload.value().get(), remove.value().get());
        if matches!(uploaded, Some(Ok(_))) || matches!(removed, Some(Ok(()))) {
            data.refetch();
        }
    });
    view! {
        <Title text=labels::page_title(i18n.get_locale_untracked(), td_string!(i18n.get_locale_untracked(), gallery.operator_title))/>
        <OperatorShell current=OperatorSection::Photos>
            <h1>{t!(i18n, gallery.operator_title)}</h1>
            <p class="lead">{t!(i18n, gallery.operator_lead)}</p>
            <p class="notice" data-testid="photo-rule">{t!(i18n, gallery.rule)}</p>
            <Suspense fallback=move || view! { <p class="loading">{t!(i18n, common.loading)}</p> }>
                {move || Suspend::new(async move {
                    match data.await {
                        Ok(data) => view! { <PhotoList data remove/> }.into_any(),
                        Err(e) => view! { <StaffRefusal error=e/> }.into_any(),
                    }
                })}
            </Suspense>
            {move || remove.value().get().map(|result| match result {
                Ok(()) => view! { <p class="notice" role="status">{t!(i18n, gallery.removed)}</p> }.into_any(),
                Err(e) => view! { <ErrorNotice error=e/> }.into_any(),
            })}
            <UploadForm upload/>
        </OperatorShell>
    }
}

#[component]
fn PhotoList(data: OperatorPhotos, remove: RemoveAction) -> impl IntoView {
    let i18n = use_i18n();
    let counted = data.counted;
    view! {
        <p class="muted" data-testid="photo-count">{move || t_string!(i18n, gallery.count, count = counted).to_string()}</p>
        {if data.photos.is_empty() {
            view! { <p class="empty">{t!(i18n, gallery.none)}</p> }.into_any()
        } else {
            view! {
                <ul class="photo-admin" data-testid="operator-photos">
                    {data.photos.into_iter().map(|photo| {
                        let (id, state, reason) = (photo.id, photo.state, photo.reject_reason.clone());
                        view! {
                            <li class="card" data-state=state.code()>
                                <ul class="gallery-strip single"><GalleryPhoto photo/></ul>
                                <p class=if state == PhotoState::Rejected { "status warning" } else { "status" }>{move || labels::gallery::state(i18n.get_locale(), state)}</p>
                                {reason.map(|r| view! { <p>{t!(i18n, gallery.reason)}{r}</p> })}
                                <button type="button" class="secondary small" on:click=move |_| { remove.dispatch((new_operation_id(), id)); }>{t!(i18n, gallery.remove)}</button>
                            </li>
                        }
                    }).collect_view()}
                </ul>
            }
            .into_any()
        }}
    }
}

#[component]
fn UploadForm(upload: UploadAction) -> impl IntoView {
    let i18n = use_i18n();
    let subject = RwSignal::new(PhotoSubject::Room.code().to_string());
    let caption = RwSignal::new(String::new());
    let confirmed = RwSignal::new(false);
    let file: NodeRef<Input> = NodeRef::new();
    view! {
        <section class="card form-card" aria-labelledby="upload-photo-heading">
            <h2 id="upload-photo-heading">{t!(i18n, gallery.upload_heading)}</h2>
            <form class="stack" data-testid="upload-photo" on:submit=move |ev| {
                ev.prevent_default();
                leptos::task::spawn_local(async move {
                    // No file chosen: sent empty, so the server answers in words.
                    let content = read_base64(file.get_untracked(), 1).await.into_iter().next().map(|f| f.content).unwrap_or_default();
                    upload.dispatch((new_operation_id(), subject.get_untracked(), caption.get_untracked(), confirmed.get_untracked(), content));
                });
            }>
                <div class="field">
                    <label for="photo-subject">{t!(i18n, gallery.subject_label)}</label>
                    <select id="photo-subject" bind:value=subject>
                        {PhotoSubject::ALL.iter().map(|s| {
                            let s = *s;
                            view! { <option value=s.code()>{move || labels::gallery::subject(i18n.get_locale(), s)}</option> }
                        }).collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label for="photo-caption">{t!(i18n, gallery.caption_label)}</label>
                    <input id="photo-caption" type="text" maxlength="40" bind:value=caption/>
                </div>
                <div class="field">
                    <label for="photo-file">{t!(i18n, gallery.file_label)}</label>
                    <input id="photo-file" type="file" accept="image/jpeg,image/png,image/webp" node_ref=file/>
                </div>
                <label class="check" for="photo-rule-confirm">
                    <input id="photo-rule-confirm" type="checkbox" bind:checked=confirmed/>
                    <span>{t!(i18n, gallery.rule_confirm)}</span>
                </label>
                <button type="submit" disabled=move || upload.pending().get()>{t!(i18n, gallery.upload)}</button>
            </form>
            {move || upload.value().get().map(|result| match result {
                Ok(_) => view! { <p class="notice" role="status">{t!(i18n, gallery.uploaded)}</p> }.into_any(),
                Err(e) => view! { <ErrorNotice error=e/> }.into_any(),
            })}
        </section>
    }
}
