//! Photos of a facility's place: the swipeable gallery on the facility page, the operator's
//! photo section, and the health commission's check.

mod operator;
mod review;

pub use operator::OperatorPhotosPage;
pub use review::PhotoReviewPage;

use leptos::prelude::*;

use crate::domain::gallery::{PhotoEntry, PhotoSize};
use crate::i18n::{t, use_i18n};
use crate::labels;

/// The published photos, side by side, swiped on a phone (scroll snapping, no script), each in a
/// fixed 4:3 frame so nothing moves while they load; the pictures load lazily, in the size the
/// screen needs, so the page's first paint does not wait for them.
#[component]
pub fn FacilityGallery(photos: Vec<PhotoEntry>) -> impl IntoView {
    let i18n = use_i18n();
    (!photos.is_empty()).then(|| {
        view! {
            <section class="gallery" aria-labelledby="gallery-heading" data-testid="gallery">
                <h2 id="gallery-heading">{t!(i18n, gallery.heading)}</h2>
                // Focusable so that the row can be scrolled with the keyboard.
                <ul class="gallery-strip" tabindex="0" aria-describedby="gallery-hint">
                    {photos.into_iter().map(|photo| view! { <GalleryPhoto photo/> }).collect_view()}
                </ul>
                <p class="hint" id="gallery-hint">{t!(i18n, gallery.public_hint)}</p>
            </section>
        }
    })
}

/// One photo in its frame with its caption.
#[component]
pub fn GalleryPhoto(photo: PhotoEntry) -> impl IntoView {
    let i18n = use_i18n();
    let srcset = format!("{} 720w, {} 1440w", photo.url(PhotoSize::Phone), photo.url(PhotoSize::Desktop));
    let subject = photo.subject;
    view! {
        <li class="gallery-item">
            <figure>
                <img src=photo.url(PhotoSize::Phone) srcset=srcset sizes="(min-width: 900px) 420px, 80vw" loading="lazy" decoding="async"
                    width=photo.width height=photo.height alt=photo.caption.clone()/>
                <figcaption>
                    <span class="badge">{move || labels::gallery::subject(i18n.get_locale(), subject)}</span>" "{photo.caption.clone()}
                </figcaption>
            </figure>
        </li>
    }
}
