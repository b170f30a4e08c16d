//! Photos of facilities' places: at most 12 pending or published per facility (the count kept in
//! `facilities.photo_count`, changed only by conditional updates), public once checked. Each
//! step is applied once per operation id.

use serde::{Deserialize, Serialize};

use super::db::IdRow;
use super::operations::Operation;
use super::{Store, StoreError};
use crate::args;
use crate::domain::calendar::Timestamp;
use crate::domain::gallery::{GalleryRefusal, PhotoCaption, PhotoEntry, PhotoSize, PhotoState, PhotoSubject, MAX_PHOTOS};

/// What a photo step did (stored with the operation id, so a replay gets the same answer).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum PhotoOutcome {
    Added { photo_id: i64 },
    Done,
    Refused(GalleryRefusal),
    NotFound,
}

/// A cleaned photo to store.
#[derive(Clone, Debug)]
pub struct NewPhoto {
    pub caption: PhotoCaption,
    pub phone: Vec<u8>,
    pub desktop: Vec<u8>,
    pub width: u32,
    pub height: u32,
    pub sha256: String,
}

/// A photo waiting for the health commission, with its facility's name.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct QueuedPhoto {
    pub photo: PhotoEntry,
    pub facility_name: String,
}

const ENTRY_COLUMNS: &str = "p.id, p.facility_id, p.subject, p.caption, p.state, p.width, p.height, p.reject_reason";

#[derive(sqlx::FromRow)]
struct EntryRow {
    id: i64,
    facility_id: i64,
    subject: String,
    caption: String,
    state: String,
    width: i64,
    height: i64,
    reject_reason: Option<String>,
}

#[derive(sqlx::FromRow)]
struct QueuedRow {
    #[sqlx(flatten)]
    entry: EntryRow,
    facility_name: String,
}

#[derive(sqlx::FromRow)]
struct FileRow {
    facility_id: i64,
    state: String,
    bytes: Vec<u8>,
}

#[derive(sqlx::FromRow)]
struct StateRow {
    facility_id: i64,
    state: String,
}

impl EntryRow {
    fn into_entry(self) -> Result<PhotoEntry, StoreError> {
        let corrupt = |what: &str| StoreError::Corrupt(format!("photo {} {what}", self.id));
        Ok(PhotoEntry {
            id: self.id,
            facility_id: self.facility_id,
            subject: PhotoSubject::from_code(&self.subject).ok_or_else(|| corrupt("subject"))?,
            caption: self.caption.clone(),
            state: PhotoState::from_code(&self.state).ok_or_else(|| corrupt("state"))?,
            width: u32::try_from(self.width).map_err(|_| corrupt("width"))?,
            height: u32::try_from(self.height).map_err(|_| corrupt("height"))?,
            reject_reason: self.reject_reason.clone(),
        })
    }
}

impl Store {
    /// Adds a pending photo to `facility_id`, unless it has 12 already.
    pub async fn add_facility_photo(&self, op: &Operation, facility_id: i64, photo: &NewPhoto, now: Timestamp) -> Result<PhotoOutcome, StoreError> {
        let photo = photo.clone();
        let actor = op.actor.clone();
        self.apply_once(op, now, move |tx| {
            let (photo, actor) = (photo.clone(), actor.clone());
            Box::pin(async move {
                let counted = tx
                    .execute("count a photo", "UPDATE facilities SET photo_count = photo_count + 1 WHERE id = $1 AND photo_count < $2", args![facility_id, MAX_PHOTOS])
                    .await?;
                if counted != 1 {
                    return Ok(PhotoOutcome::Refused(GalleryRefusal::GalleryLimit));
                }
                let row: IdRow = tx
                    .fetch_one(
                        "store a photo",
                        "INSERT INTO facility_photos (facility_id, subject, caption, state, width, height, phone_bytes, desktop_bytes, sha256, uploaded_by, uploaded_at) \
                         VALUES ($1, $2, $3, 'pending', $4, $5, $6, $7, $8, $9, $10) RETURNING id",
                        args![facility_id, photo.caption.subject.code(), photo.caption.caption, photo.width, photo.height, photo.phone, photo.desktop, photo.sha256, actor, now.0],
                    )
                    .await?;
                Ok(PhotoOutcome::Added { photo_id: row.id })
            })
        })
        .await
    }

    /// Removes a photo of `facility_id` (any state); a pending or published one frees its place.
    pub async fn remove_facility_photo(&self, op: &Operation, facility_id: i64, photo_id: i64, now: Timestamp) -> Result<PhotoOutcome, StoreError> {
        self.apply_once(op, now, move |tx| {
            Box::pin(async move {
                let removed: Option<StateRow> = tx
                    .fetch_optional("remove a photo", "DELETE FROM facility_photos WHERE id = $1 AND facility_id = $2 RETURNING facility_id, state", args![photo_id, facility_id])
                    .await?;
                let Some(removed) = removed else { return Ok(PhotoOutcome::NotFound) };
                if removed.state != PhotoState::Rejected.code() {
                    uncount(tx, removed.facility_id).await?;
                }
                Ok(PhotoOutcome::Done)
            })
        })
        .await
    }

    /// Publishes a pending photo, or rejects it with `reason` (freeing its place).
    pub async fn review_facility_photo(&self, op: &Operation, photo_id: i64, reject_reason: Option<String>, now: Timestamp) -> Result<PhotoOutcome, StoreError> {
        let actor = op.actor.clone();
        self.apply_once(op, now, move |tx| {
            let (reason, actor) = (reject_reason.clone(), actor.clone());
            Box::pin(async move {
                let next = if reason.is_some() { PhotoState::Rejected } else { PhotoState::Published };
                let decided: Option<StateRow> = tx
                    .fetch_optional(
                        "review a photo",
                        "UPDATE facility_photos SET state = $1, reject_reason = $2, reviewed_by = $3, reviewed_at = $4 WHERE id = $5 AND state = 'pending' RETURNING facility_id, state",
                        args![next.code(), reason, actor, now.0, photo_id],
                    )
                    .await?;
                match decided {
                    Some(row) => {
                        if next == PhotoState::Rejected {
                            uncount(tx, row.facility_id).await?;
                        }
                        Ok(PhotoOutcome::Done)
                    }
                    None => {
                        let exists: Option<IdRow> = tx.fetch_optional("read a photo", "SELECT id FROM facility_photos WHERE id = $1", args![photo_id]).await?;
                        Ok(if exists.is_some() { PhotoOutcome::Refused(GalleryRefusal::GalleryNotPending) } else { PhotoOutcome::NotFound })
                    }
                }
            })
        })
        .await
    }

    /// The photos of `facility_id`, oldest first: all of them, or only the published ones.
    pub async fn facility_photos(&self, facility_id: i64, published_only: bool) -> Result<Vec<PhotoEntry>, StoreError> {
        let only = if published_only { " AND p.state = 'published'" } else { "" };
        let sql = format!("SELECT {ENTRY_COLUMNS} FROM facility_photos p WHERE p.facility_id = $1{only} ORDER BY p.id");
        let rows: Vec<EntryRow> = self.db().fetch_all("read facility photos", &sql, args![facility_id]).await?;
        rows.into_iter().map(EntryRow::into_entry).collect()
    }

    /// Pending photos of every facility, oldest first (at most 200).
    pub async fn pending_photos(&self) -> Result<Vec<QueuedPhoto>, StoreError> {
        let sql = format!(
            "SELECT {ENTRY_COLUMNS}, f.name AS facility_name FROM facility_photos p JOIN facilities f ON f.id = p.facility_id \
             WHERE p.state = 'pending' ORDER BY p.uploaded_at, p.id LIMIT 200"
        );
        let rows: Vec<QueuedRow> = self.db().fetch_all("read pending photos", &sql, args![]).await?;
        rows.into_iter().map(|r| Ok(QueuedPhoto { photo: r.entry.into_entry()?, facility_name: r.facility_name })).collect()
    }

    /// One size of a photo, with its facility and state (for the access check).
    pub async fn photo_file(&self, photo_id: i64, size: PhotoSize) -> Result<Option<(i64, PhotoState, Vec<u8>)>, StoreError> {
        let column = match size {
            PhotoSize::Phone => "phone_bytes",
            PhotoSize::Desktop => "desktop_bytes",
        };
        let sql = format!("SELECT facility_id, state, {column} AS bytes FROM facility_photos WHERE id = $1");
        let row: Option<FileRow> = self.db().fetch_optional("read a photo file", &sql, args![photo_id]).await?;
        row.map(|r| {
            let state = PhotoState::from_code(&r.state).ok_or_else(|| StoreError::Corrupt(format!("photo {photo_id} state")))?;
            Ok((r.facility_id, state, r.bytes))
        })
        .transpose()
    }
}

/// Frees a facility's photo place (the CHECK forbids going below 0; the condition keeps it).
async fn uncount(tx: &mut super::db::Tx, facility_id: i64) -> Result<(), StoreError> {
    tx.execute("uncount a photo", "UPDATE facilities SET photo_count = photo_count - 1 WHERE id = $1 AND photo_count > 0", args![facility_id]).await?;
    Ok(())
}
