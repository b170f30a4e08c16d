//! Filings (备案): applicants' registration, the filing record, its uploaded documents (every
//! version kept, bytes in the database so several servers share them) and the items a reviewer
//! returned. The steps that change a filing are in `steps.rs`.

mod change;
mod steps;

use serde::{Deserialize, Serialize};

use super::db::{IdRow, Tx};
use super::operations::Operation;
use super::{Store, StoreError};
use crate::args;
use crate::domain::calendar::Timestamp;
use crate::domain::filing::materials::MaterialType;
use crate::domain::filing::record::{MaterialVersion, ReturnedItem};
use crate::domain::filing::{FilingFacts, FilingItem, FilingKind, FilingRefusal, FilingState};
pub use change::NewChange;
pub use steps::{FilingOutcome, NewMaterial};

/// A new organisation's account and the draft of its first filing.
#[derive(Clone, Debug)]
pub struct NewApplicant {
    pub username: String,
    pub password_hash: String,
    pub organisation: String,
    pub credit_code: String,
    pub contact_phone: String,
    /// Demo data: an enrolled demo second factor and the 演示数据 mark.
    pub demo_totp_secret: Option<String>,
}

/// A filing as stored, its facts decoded.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FilingRecord {
    pub id: i64,
    pub kind: FilingKind,
    pub account_id: i64,
    pub facility_id: Option<i64>,
    pub credit_code: Option<String>,
    pub organisation: String,
    pub contact_phone: String,
    pub state: FilingState,
    pub facts: Option<FilingFacts>,
    pub round: i64,
    pub submitted_at: Option<Timestamp>,
    pub review_due_at: Option<Timestamp>,
    pub decided_at: Option<Timestamp>,
    pub refusal_reason: Option<String>,
    pub filing_number: Option<String>,
    pub closure_reason: Option<String>,
    pub created_at: Timestamp,
}

/// A stored file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MaterialFile {
    pub file_name: String,
    pub mime: MaterialType,
    pub bytes: Vec<u8>,
}

const FILING_COLUMNS: &str = "id, kind, account_id, facility_id, credit_code, organisation, contact_phone, state, facts, round, \
     submitted_at, review_due_at, decided_at, refusal_reason, filing_number, closure_reason, created_at";

#[derive(sqlx::FromRow)]
struct FilingRow {
    id: i64,
    kind: String,
    account_id: i64,
    facility_id: Option<i64>,
    credit_code: Option<String>,
    organisation: String,
    contact_phone: String,
    state: String,
    facts: Option<String>,
    round: i64,
    submitted_at: Option<i64>,
    review_due_at: Option<i64>,
    decided_at: Option<i64>,
    refusal_reason: Option<String>,
    filing_number: Option<String>,
    closure_reason: Option<String>,
    created_at: i64,
}

fn corrupt(what: &str, value: &str) -> StoreError {
    StoreError::Corrupt(format!("filing {what} {value:?}"))
}

impl FilingRow {
    fn into_record(self) -> Result<FilingRecord, StoreError> {
        let facts = match &self.facts {
            Some(json) => Some(serde_json::from_str(json).map_err(|_| corrupt("facts of", &self.id.to_string()))?),
            None => None,
        };
        Ok(FilingRecord {
            id: self.id,
            kind: FilingKind::from_code(&self.kind).ok_or_else(|| corrupt("kind", &self.kind))?,
            account_id: self.account_id,
            facility_id: self.facility_id,
            credit_code: self.credit_code,
            organisation: self.organisation,
            contact_phone: self.contact_phone,
            state: FilingState::from_code(&self.state).ok_or_else(|| corrupt("state", &self.state))?,
            facts,
            round: self.round,
            submitted_at: self.submitted_at.map(Timestamp),
            review_due_at: self.review_due_at.map(Timestamp),
            decided_at: self.decided_at.map(Timestamp),
            refusal_reason: self.refusal_reason,
            filing_number: self.filing_number,
            closure_reason: self.closure_reason,
            created_at: Timestamp(self.created_at),
        })
    }
}

#[derive(sqlx::FromRow)]
struct MaterialRow {
    item: String,
    version: i64,
    file_name: String,
    mime: String,
    size: i64,
    uploaded_at: i64,
}

#[derive(sqlx::FromRow)]
struct ReturnRow {
    round: i64,
    item: String,
    reason: String,
    returned_at: i64,
}

#[derive(sqlx::FromRow)]
struct FileRow {
    file_name: String,
    mime: String,
    bytes: Vec<u8>,
}

/// The account (unless the username is taken) and the draft of its first filing.
async fn insert_applicant(tx: &mut Tx, new: &NewApplicant, now: Timestamp) -> Result<Option<(i64, i64)>, StoreError> {
    let account: Option<IdRow> = tx
        .fetch_optional(
            "create applicant",
            "INSERT INTO accounts (kind, username, password_hash, display_name, created_at, is_demo, totp_secret, totp_last_step) \
             VALUES ('applicant', $1, $2, $3, $4, $5, $6, $7) ON CONFLICT (username) DO NOTHING RETURNING id",
            args![&new.username, &new.password_hash, &new.organisation, now.0, new.demo_totp_secret.is_some(), new.demo_totp_secret.clone(), if new.demo_totp_secret.is_some() { 1_i64 } else { 0 }],
        )
        .await?;
    let Some(account) = account else { return Ok(None) };
    let filing: IdRow = tx
        .fetch_one(
            "start filing",
            "INSERT INTO filings (kind, account_id, credit_code, organisation, contact_phone, state, created_at, updated_at) \
             VALUES ('initial', $1, $2, $3, $4, 'draft', $5, $5) RETURNING id",
            args![account.id, &new.credit_code, &new.organisation, &new.contact_phone, now.0],
        )
        .await?;
    Ok(Some((account.id, filing.id)))
}

impl Store {
    /// Creates an applicant's account and its first filing's draft in one transaction. `None`
    /// when the username is taken (nothing is stored then).
    /// Creates a demo applicant and its draft (`None` when the username is taken).
    pub async fn register_applicant(&self, new: &NewApplicant, now: Timestamp) -> Result<Option<(i64, i64)>, StoreError> {
        let mut tx = self.db().begin_write().await?;
        let made = insert_applicant(&mut tx, new, now).await?;
        if made.is_some() { tx.commit().await? } else { tx.rollback().await? }
        Ok(made)
    }

    /// Registers an organisation once per operation id: its account and the draft of its
    /// first filing (`None` when the username is taken; a replay answers the same).
    pub async fn register_applicant_once(&self, op: &Operation, new: &NewApplicant, now: Timestamp) -> Result<Option<(i64, i64)>, StoreError> {
        let new = new.clone();
        self.apply_once(op, now, move |tx| {
            let new = new.clone();
            Box::pin(async move { insert_applicant(tx, &new, now).await })
        })
        .await
    }

    pub async fn filing(&self, id: i64) -> Result<Option<FilingRecord>, StoreError> {
        let sql = format!("SELECT {FILING_COLUMNS} FROM filings WHERE id = $1");
        let row: Option<FilingRow> = self.db().fetch_optional("read filing", &sql, args![id]).await?;
        row.map(FilingRow::into_record).transpose()
    }

    /// The filings an account made, newest first.
    pub async fn filings_of_account(&self, account_id: i64) -> Result<Vec<FilingRecord>, StoreError> {
        let sql = format!("SELECT {FILING_COLUMNS} FROM filings WHERE account_id = $1 ORDER BY id DESC");
        let rows: Vec<FilingRow> = self.db().fetch_all("read account filings", &sql, args![account_id]).await?;
        rows.into_iter().map(FilingRow::into_record).collect()
    }

    /// Filings waiting for a decision, the earliest due first.
    pub async fn filings_awaiting_review(&self) -> Result<Vec<FilingRecord>, StoreError> {
        let sql = format!("SELECT {FILING_COLUMNS} FROM filings WHERE state = 'submitted' ORDER BY review_due_at, id");
        let rows: Vec<FilingRow> = self.db().fetch_all("read review queue", &sql, args![]).await?;
        rows.into_iter().map(FilingRow::into_record).collect()
    }

    /// Every version of every document of a filing, by item then version.
    pub async fn filing_materials(&self, filing_id: i64) -> Result<Vec<MaterialVersion>, StoreError> {
        let rows: Vec<MaterialRow> = self
            .db()
            .fetch_all(
                "read filing materials",
                "SELECT item, version, file_name, mime, size, uploaded_at FROM filing_materials WHERE filing_id = $1 ORDER BY item, version",
                args![filing_id],
            )
            .await?;
        rows.into_iter()
            .map(|r| {
                Ok(MaterialVersion {
                    item: FilingItem::from_code(&r.item).ok_or_else(|| corrupt("item", &r.item))?,
                    version: r.version,
                    file_name: r.file_name,
                    mime: MaterialType::from_code(&r.mime).ok_or_else(|| corrupt("file type", &r.mime))?,
                    size: r.size,
                    uploaded_at: Timestamp(r.uploaded_at),
                })
            })
            .collect()
    }

    /// One stored version of a document.
    pub async fn filing_material_file(&self, filing_id: i64, item: FilingItem, version: i64) -> Result<Option<MaterialFile>, StoreError> {
        let row: Option<FileRow> = self
            .db()
            .fetch_optional(
                "read filing file",
                "SELECT file_name, mime, bytes FROM filing_materials WHERE filing_id = $1 AND item = $2 AND version = $3",
                args![filing_id, item.code(), version],
            )
            .await?;
        row.map(|r| Ok(MaterialFile { mime: MaterialType::from_code(&r.mime).ok_or_else(|| corrupt("file type", &r.mime))?, file_name: r.file_name, bytes: r.bytes }))
            .transpose()
    }

    /// The items returned in every round, oldest round first.
    pub async fn filing_returns(&self, filing_id: i64) -> Result<Vec<ReturnedItem>, StoreError> {
        let rows: Vec<ReturnRow> = self
            .db()
            .fetch_all("read returned items", "SELECT round, item, reason, returned_at FROM filing_returns WHERE filing_id = $1 ORDER BY round, id", args![filing_id])
            .await?;
        rows.into_iter()
            .map(|r| {
                Ok(ReturnedItem {
                    round: r.round,
                    item: FilingItem::from_code(&r.item).ok_or_else(|| corrupt("item", &r.item))?,
                    reason: r.reason,
                    returned_at: Timestamp(r.returned_at),
                })
            })
            .collect()
    }
}

/// A filing read inside a transaction.
pub(crate) async fn read_in(tx: &mut super::Tx, id: i64) -> Result<Option<FilingRecord>, StoreError> {
    let sql = format!("SELECT {FILING_COLUMNS} FROM filings WHERE id = $1");
    let row: Option<FilingRow> = tx.fetch_optional("read filing", &sql, args![id]).await?;
    row.map(FilingRow::into_record).transpose()
}

/// Why a step found nothing to change: the filing's state decides the refusal.
pub(crate) fn refusal_for(state: Option<FilingState>, editing: bool) -> FilingOutcome {
    match state {
        None => FilingOutcome::NotFound,
        Some(_) if editing => FilingOutcome::Refused(FilingRefusal::FilingNotEditable),
        Some(_) => FilingOutcome::Refused(FilingRefusal::FilingWrongState),
    }
}
