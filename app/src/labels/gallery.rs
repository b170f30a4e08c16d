//! Words for a facility's photos: refusals, kinds of place, states.

use crate::domain::gallery::{GalleryRefusal, PhotoState, PhotoSubject};
use crate::i18n::{td_string, Locale};

pub fn refusal(locale: Locale, refusal: GalleryRefusal) -> String {
    match refusal {
        GalleryRefusal::GallerySubject => td_string!(locale, refusals.gallery_subject),
        GalleryRefusal::GalleryCaption => td_string!(locale, refusals.gallery_caption),
        GalleryRefusal::GalleryConsent => td_string!(locale, refusals.gallery_consent),
        GalleryRefusal::GalleryLimit => td_string!(locale, refusals.gallery_limit),
        GalleryRefusal::GalleryNotAPhoto => td_string!(locale, refusals.gallery_not_a_photo),
        GalleryRefusal::GalleryTooLarge => td_string!(locale, refusals.gallery_too_large),
        GalleryRefusal::GalleryTooSmall => td_string!(locale, refusals.gallery_too_small),
        GalleryRefusal::GalleryNotPending => td_string!(locale, refusals.gallery_not_pending),
        GalleryRefusal::GalleryReason => td_string!(locale, refusals.gallery_reason),
    }
    .to_string()
}

pub fn subject(locale: Locale, subject: PhotoSubject) -> String {
    match subject {
        PhotoSubject::Room => td_string!(locale, gallery.subject_room),
        PhotoSubject::Outdoor => td_string!(locale, gallery.subject_outdoor),
        PhotoSubject::Kitchen => td_string!(locale, gallery.subject_kitchen),
        PhotoSubject::Sleeping => td_string!(locale, gallery.subject_sleeping),
        PhotoSubject::Other => td_string!(locale, gallery.subject_other),
    }
    .to_string()
}

pub fn state(locale: Locale, state: PhotoState) -> String {
    match state {
        PhotoState::Pending => td_string!(locale, gallery.state_pending),
        PhotoState::Published => td_string!(locale, gallery.state_published),
        PhotoState::Rejected => td_string!(locale, gallery.state_rejected),
    }
    .to_string()
}
