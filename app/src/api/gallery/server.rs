//! The server side of facility photos: who may do what, cleaning the pictures, each step.

use super::{OperatorPhotos, PendingPhoto};
use crate::api::{decode_upload, operation, UploadProblem};
use crate::auth::secrets::sha256_hex;
use crate::auth::viewer::{audit, refuse, require_operator, require_viewer};
use crate::domain::account::access::{may_review_photos, may_see_unpublished_photo};
use crate::domain::account::roles::Viewer;
use crate::domain::gallery::{check_caption, reason, GalleryRefusal, PhotoSize, PhotoState, MAX_PHOTO_BYTES};
use crate::error::AppError;
use crate::state::AppState;
use crate::store::gallery::{NewPhoto, PhotoOutcome};

fn outcome(result: PhotoOutcome) -> Result<PhotoOutcome, AppError> {
    match result {
        PhotoOutcome::Refused(why) => Err(AppError::refused(why)),
        PhotoOutcome::NotFound => Err(AppError::NotFound),
        done => Ok(done),
    }
}

pub async fn operator_photos(state: &AppState) -> Result<OperatorPhotos, AppError> {
    let (_, facility_id) = require_operator(state, "photo.list").await?;
    let facility = state.store.facility(facility_id).await?.ok_or(AppError::NotFound)?;
    let photos = state.store.facility_photos(facility_id, false).await?;
    let counted = photos.iter().filter(|p| p.state != PhotoState::Rejected).count() as u32;
    Ok(OperatorPhotos { facility_id, facility_name: facility.name, photos, counted })
}

pub async fn upload(state: &AppState, op_id: &str, subject: &str, caption: &str, rule_confirmed: bool, content: &str) -> Result<i64, AppError> {
    let (viewer, facility_id) = require_operator(state, "photo.upload").await?;
    let caption = check_caption(subject, caption, rule_confirmed).map_err(AppError::refused)?;
    let bytes = decode_upload(content, MAX_PHOTO_BYTES).map_err(|why| {
        AppError::refused(if why == UploadProblem::TooLarge { GalleryRefusal::GalleryTooLarge } else { GalleryRefusal::GalleryNotAPhoto })
    })?;
    let digest = sha256_hex(content.trim());
    let op = operation(op_id, &viewer, "photo.upload", &(&caption, &digest))?;
    // Decoding a large picture takes a while: off the async workers.
    let cleaned = tokio::task::spawn_blocking(move || crate::media::gallery_photo(&bytes)).await.map_err(|_| AppError::Internal)?;
    let cleaned = cleaned.map_err(AppError::refused)?;
    let photo = NewPhoto { caption, phone: cleaned.phone, desktop: cleaned.desktop, width: cleaned.width, height: cleaned.height, sha256: digest };
    match outcome(state.store.add_facility_photo(&op, facility_id, &photo, state.clock.now()).await?)? {
        PhotoOutcome::Added { photo_id } => {
            audit(state, &viewer.actor(), "photo.upload", &format!("photo:{photo_id}"), "ok").await;
            Ok(photo_id)
        }
        _ => Err(AppError::Internal),
    }
}

pub async fn remove(state: &AppState, op_id: &str, photo_id: i64) -> Result<(), AppError> {
    let (viewer, facility_id) = require_operator(state, "photo.remove").await?;
    let op = operation(op_id, &viewer, "photo.remove", &photo_id)?;
    outcome(state.store.remove_facility_photo(&op, facility_id, photo_id, state.clock.now()).await?)?;
    audit(state, &viewer.actor(), "photo.remove", &format!("photo:{photo_id}"), "ok").await;
    Ok(())
}

async fn require_reviewer(state: &AppState, action: &str) -> Result<Viewer, AppError> {
    let viewer = require_viewer(state).await?;
    if may_review_photos(&viewer) {
        Ok(viewer)
    } else {
        Err(refuse(state, Some(&viewer), action, "photos").await)
    }
}

pub async fn queue(state: &AppState) -> Result<Vec<PendingPhoto>, AppError> {
    require_reviewer(state, "photo.queue").await?;
    Ok(state.store.pending_photos().await?.into_iter().map(|q| PendingPhoto { photo: q.photo, facility_name: q.facility_name }).collect())
}

pub async fn review(state: &AppState, op_id: &str, photo_id: i64, decision: &str, text: &str) -> Result<(), AppError> {
    let viewer = require_reviewer(state, "photo.review").await?;
    let reject_reason = match decision.trim() {
        "publish" => None,
        "reject" => Some(reason(text).map_err(AppError::refused)?),
        _ => return Err(AppError::bad_input("decision")),
    };
    let op = operation(op_id, &viewer, "photo.review", &(photo_id, &reject_reason))?;
    outcome(state.store.review_facility_photo(&op, photo_id, reject_reason, state.clock.now()).await?)?;
    audit(state, &viewer.actor(), "photo.review", &format!("photo:{photo_id}"), decision.trim()).await;
    Ok(())
}

/// One size of a photo: everyone sees a published one; one not yet public, only its
/// facility's operator and the health commission. Returns the JPEG and whether it is public
/// (which decides how long it may be cached).
pub async fn photo_file(state: &AppState, viewer: Option<&Viewer>, photo_id: i64, size: &str) -> Result<(Vec<u8>, bool), AppError> {
    let size = PhotoSize::from_code(size).ok_or(AppError::NotFound)?;
    let (facility_id, photo_state, bytes) = state.store.photo_file(photo_id, size).await?.ok_or(AppError::NotFound)?;
    let public = photo_state == PhotoState::Published;
    if public || viewer.is_some_and(|v| may_see_unpublished_photo(v, facility_id)) {
        Ok((bytes, public))
    } else {
        Err(AppError::NotFound)
    }
}
