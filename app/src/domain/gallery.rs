//! Photos of a facility's place (rooms, outdoor area, kitchen, sleeping room) for its public
//! page. An operator uploads at most 12 with a caption; the server decodes and encodes each again
//! (no metadata survives) in a phone and a desktop size; the health commission checks each before
//! it is public. The rule shown to the operator: no child's face without the parents' written
//! consent, no names or documents readable.

use serde::{Deserialize, Serialize};

/// Photos a facility may have, pending and published together.
pub const MAX_PHOTOS: u32 = 12;
/// Caption length in characters.
pub const MIN_CAPTION_CHARS: usize = 2;
pub const MAX_CAPTION_CHARS: usize = 40;
/// An uploaded file, before decoding.
pub const MAX_PHOTO_BYTES: usize = 10 * 1024 * 1024;
/// The shorter side must have at least this many pixels: smaller pictures show nothing.
pub const MIN_SHORT_SIDE: u32 = 240;
/// Longest side of the two stored sizes.
pub const PHONE_SIDE: u32 = 720;
pub const DESKTOP_SIDE: u32 = 1440;
/// Longest reason the reviewer may write.
pub const MAX_REASON_CHARS: usize = 200;

crate::coded_enum! {
    /// What a photo shows.
    pub enum PhotoSubject {
        Room = "room",
        Outdoor = "outdoor",
        Kitchen = "kitchen",
        Sleeping = "sleeping",
        Other = "other",
    }
}

crate::coded_enum! {
    /// Where a photo stands.
    pub enum PhotoState {
        /// Waiting for the health commission's check; seen by the operator and the reviewer only.
        Pending = "pending",
        /// On the facility's public page.
        Published = "published",
        /// Not published, with the reason; it does not count towards the 12.
        Rejected = "rejected",
    }
}

crate::coded_enum! {
    /// The stored sizes.
    pub enum PhotoSize {
        Phone = "phone",
        Desktop = "desktop",
    }
}

crate::coded_enum! {
    /// Why a photo step is refused.
    pub enum GalleryRefusal {
        /// Not one of the kinds of place.
        GallerySubject = "gallery_subject",
        /// A caption of 2–40 characters is needed.
        GalleryCaption = "gallery_caption",
        /// The operator must confirm the rule on children's faces.
        GalleryConsent = "gallery_consent",
        /// Already 12 photos (pending and published).
        GalleryLimit = "gallery_limit",
        /// Not a JPEG, PNG or WebP picture.
        GalleryNotAPhoto = "gallery_not_a_photo",
        /// Above 10 MB, or more than 50 million pixels.
        GalleryTooLarge = "gallery_too_large",
        /// The shorter side below 240 pixels.
        GalleryTooSmall = "gallery_too_small",
        /// The photo was already checked.
        GalleryNotPending = "gallery_not_pending",
        /// Rejecting needs a reason of 1–200 characters.
        GalleryReason = "gallery_reason",
    }
}

/// A photo's words, checked.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PhotoCaption {
    pub subject: PhotoSubject,
    pub caption: String,
}

/// Checks what the operator typed: the kind of place, the caption, and that the rule on
/// children's faces was confirmed.
pub fn check_caption(subject: &str, caption: &str, rule_confirmed: bool) -> Result<PhotoCaption, GalleryRefusal> {
    let subject = PhotoSubject::from_code(subject.trim()).ok_or(GalleryRefusal::GallerySubject)?;
    let caption = caption.trim();
    let length = caption.chars().count();
    if !(MIN_CAPTION_CHARS..=MAX_CAPTION_CHARS).contains(&length) || caption.chars().any(char::is_control) {
        return Err(GalleryRefusal::GalleryCaption);
    }
    if !rule_confirmed {
        return Err(GalleryRefusal::GalleryConsent);
    }
    Ok(PhotoCaption { subject, caption: caption.to_string() })
}

/// A reviewer's reason for not publishing, trimmed.
pub fn reason(text: &str) -> Result<String, GalleryRefusal> {
    super::text::written_reason(text, MAX_REASON_CHARS).ok_or(GalleryRefusal::GalleryReason)
}

/// A photo as pages list it (the pictures themselves are fetched by URL).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PhotoEntry {
    pub id: i64,
    pub facility_id: i64,
    pub subject: PhotoSubject,
    pub caption: String,
    pub state: PhotoState,
    /// Of the desktop size (the phone size has the same proportions).
    pub width: u32,
    pub height: u32,
    pub reject_reason: Option<String>,
}

impl PhotoEntry {
    /// Where the picture of `size` is served.
    pub fn url(&self, size: PhotoSize) -> String {
        format!("/api/v1/photos/{}/{}", self.id, size.code())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn captions_kinds_and_the_rule_are_checked() {
        assert_eq!(check_caption("room", " 活动室，朝南 ", true), Ok(PhotoCaption { subject: PhotoSubject::Room, caption: "活动室，朝南".into() }));
        assert_eq!(check_caption("pool", "游泳池", true), Err(GalleryRefusal::GallerySubject));
        assert_eq!(check_caption("room", "室", true), Err(GalleryRefusal::GalleryCaption));
        assert_eq!(check_caption("room", &"长".repeat(41), true), Err(GalleryRefusal::GalleryCaption));
        assert_eq!(check_caption("kitchen", "厨房\u{7}", true), Err(GalleryRefusal::GalleryCaption));
        assert_eq!(check_caption("kitchen", "厨房操作间", false), Err(GalleryRefusal::GalleryConsent));
        assert_eq!(reason(""), Err(GalleryRefusal::GalleryReason));
        assert_eq!(reason(" 画面中有幼儿正脸 "), Ok("画面中有幼儿正脸".into()));
    }
}
