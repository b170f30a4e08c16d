//! Photos of a facility's place: the operator uploads (at most 12, a caption each, the rule on
//! children's faces confirmed) and removes; the health commission publishes or rejects with a
//! reason; families see the published ones on the facility page. The pictures are served at
//! `/api/v1/photos/{id}/{phone|desktop}`. Rules are in `domain::gallery`; every write is applied
//! once by its operation id and audited.

#[cfg(feature = "ssr")]
pub mod server;

use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;
use serde::{Deserialize, Serialize};

use crate::domain::gallery::PhotoEntry;
use crate::error::AppError;

/// The operator's photo section.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OperatorPhotos {
    pub facility_id: i64,
    pub facility_name: String,
    pub photos: Vec<PhotoEntry>,
    /// Pending and published photos (at most 12).
    pub counted: u32,
}

/// A photo waiting for the health commission's check.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PendingPhoto {
    pub photo: PhotoEntry,
    pub facility_name: String,
}

#[server(input = GetUrl, prefix = "/api", endpoint = "operator_photos")]
pub async fn fetch_operator_photos() -> Result<OperatorPhotos, AppError> {
    let state = crate::api::state()?;
    crate::api::reply(server::operator_photos(&state).await)
}

/// Uploads a photo (base64 of a JPEG, PNG or WebP of at most 10 MB).
#[server(prefix = "/api", endpoint = "upload_facility_photo")]
pub async fn upload_facility_photo(op_id: String, subject: String, caption: String, rule_confirmed: bool, content: String) -> Result<i64, AppError> {
    let state = crate::api::state()?;
    crate::api::reply(server::upload(&state, &op_id, &subject, &caption, rule_confirmed, &content).await)
}

#[server(prefix = "/api", endpoint = "remove_facility_photo")]
pub async fn remove_facility_photo(op_id: String, photo_id: i64) -> Result<(), AppError> {
    let state = crate::api::state()?;
    crate::api::reply(server::remove(&state, &op_id, photo_id).await)
}

#[server(input = GetUrl, prefix = "/api", endpoint = "photo_queue")]
pub async fn fetch_photo_queue() -> Result<Vec<PendingPhoto>, AppError> {
    let state = crate::api::state()?;
    crate::api::reply(server::queue(&state).await)
}

/// The health commission's check: `publish`, or `reject` with a reason.
#[server(prefix = "/api", endpoint = "review_facility_photo")]
pub async fn review_facility_photo(op_id: String, photo_id: i64, decision: String, reason: String) -> Result<(), AppError> {
    let state = crate::api::state()?;
    crate::api::reply(server::review(&state, &op_id, photo_id, &decision, &reason).await)
}
