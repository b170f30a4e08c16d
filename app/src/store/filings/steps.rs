//! The steps that change a filing, each applied once per operation id and decided by one
//! conditional statement on the filing's state (two taps, or an operator and a reviewer at
//! once, cannot both win).

use serde::{Deserialize, Serialize};

use super::super::db::{IdRow, Tx};
use super::super::directory::initials::search_initials;
use super::super::operations::Operation;
use super::super::{Store, StoreError};
use super::refusal_for;
use crate::args;
use crate::domain::calendar::{CivilDate, Timestamp};
use crate::domain::facility::encode_service_types;
use crate::domain::filing::materials::{missing_materials, MaterialType};
use super::FilingRecord;
use crate::domain::filing::{filing_number, FilingFacts, FilingItem, FilingKind, FilingRefusal, FilingState};

/// What a filing step did (stored with the operation id, so a replay gets the same answer).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum FilingOutcome {
    Done,
    /// A document was stored as this version of its item.
    Stored { version: i64 },
    /// The filing was accepted: for a first filing the facility now exists and is listed; for a
    /// change its public facts are the filed ones.
    Accepted { facility_id: i64, filing_number: String },
    /// A change filing was started.
    Started { filing_id: i64 },
    Refused(FilingRefusal),
    NotFound,
}

/// A checked document to store.
#[derive(Clone, Debug)]
pub struct NewMaterial {
    pub item: FilingItem,
    pub file_name: String,
    pub mime: MaterialType,
    pub sha256: String,
    pub bytes: Vec<u8>,
}

#[derive(sqlx::FromRow)]
struct StateRow {
    state: String,
}

/// The filing's state, if it exists (and belongs to `account_id` when one is given).
async fn state_of(tx: &mut Tx, filing_id: i64, account_id: Option<i64>) -> Result<Option<FilingState>, StoreError> {
    let row: Option<StateRow> = match account_id {
        Some(account) => tx.fetch_optional("read filing state", "SELECT state FROM filings WHERE id = $1 AND account_id = $2", args![filing_id, account]).await?,
        None => tx.fetch_optional("read filing state", "SELECT state FROM filings WHERE id = $1", args![filing_id]).await?,
    };
    Ok(row.and_then(|r| FilingState::from_code(&r.state)))
}

const EDITABLE: &str = "state IN ('draft', 'returned')";

impl Store {
    /// Stores the checked facts of an editable filing of `account_id`.
    pub async fn save_filing_facts(&self, op: &Operation, filing_id: i64, account_id: i64, facts: &FilingFacts, now: Timestamp) -> Result<FilingOutcome, StoreError> {
        let json = serde_json::to_string(facts).map_err(|e| StoreError::Encode(e.to_string()))?;
        self.apply_once(op, now, move |tx| {
            let json = json.clone();
            Box::pin(async move {
                let sql = format!("UPDATE filings SET facts = $1, updated_at = $2 WHERE id = $3 AND account_id = $4 AND {EDITABLE}");
                if tx.execute("save filing facts", &sql, args![json, now.0, filing_id, account_id]).await? == 1 {
                    return Ok(FilingOutcome::Done);
                }
                Ok(refusal_for(state_of(tx, filing_id, Some(account_id)).await?, true))
            })
        })
        .await
    }

    /// Stores a document as the next version of its item, while the filing is editable.
    pub async fn add_filing_material(&self, op: &Operation, filing_id: i64, account_id: i64, material: &NewMaterial, now: Timestamp) -> Result<FilingOutcome, StoreError> {
        let material = material.clone();
        let actor = op.actor.clone();
        self.apply_once(op, now, move |tx| {
            let (material, actor) = (material.clone(), actor.clone());
            Box::pin(async move {
                let sql = format!(
                    "INSERT INTO filing_materials (filing_id, item, version, file_name, mime, size, sha256, bytes, uploaded_by, uploaded_at) \
                     SELECT id, $1, COALESCE((SELECT MAX(m.version) FROM filing_materials m WHERE m.filing_id = filings.id AND m.item = $2), 0) + 1, \
                     $3, $4, $5, $6, $7, $8, $9 FROM filings WHERE id = $10 AND account_id = $11 AND {EDITABLE} RETURNING version AS id"
                );
                let size = material.bytes.len() as i64;
                let args = args![
                    material.item.code(),
                    material.item.code(),
                    material.file_name,
                    material.mime.code(),
                    size,
                    material.sha256,
                    material.bytes,
                    actor,
                    now.0,
                    filing_id,
                    account_id
                ];
                let stored: Option<IdRow> = tx.fetch_optional("store filing material", &sql, args).await?;
                match stored {
                    Some(row) => Ok(FilingOutcome::Stored { version: row.id }),
                    None => Ok(refusal_for(state_of(tx, filing_id, Some(account_id)).await?, true)),
                }
            })
        })
        .await
    }

    /// Sends an editable filing for review once its facts and required documents are in;
    /// the decision is due at `due`.
    pub async fn submit_filing(&self, op: &Operation, filing_id: i64, account_id: i64, due: Timestamp, now: Timestamp) -> Result<FilingOutcome, StoreError> {
        self.apply_once(op, now, move |tx| {
            Box::pin(async move {
                let Some(filing) = super::read_in(tx, filing_id).await?.filter(|f| f.account_id == account_id) else {
                    return Ok(FilingOutcome::NotFound);
                };
                if let Err(why) = filing.state.after(crate::domain::filing::FilingStep::Submit) {
                    return Ok(FilingOutcome::Refused(why));
                }
                // A closure files no facts; the others must have theirs.
                if filing.facts.is_none() && filing.kind != FilingKind::Closure {
                    return Ok(FilingOutcome::Refused(FilingRefusal::FilingFactsMissing));
                }
                let serves_meals = filing.facts.as_ref().is_some_and(|f| f.serves_meals);
                #[derive(sqlx::FromRow)]
                struct ItemRow {
                    item: String,
                }
                let present: Vec<ItemRow> = tx.fetch_all("read filed items", "SELECT DISTINCT item FROM filing_materials WHERE filing_id = $1", args![filing_id]).await?;
                let present: Vec<FilingItem> = present.iter().filter_map(|r| FilingItem::from_code(&r.item)).collect();
                if !missing_materials(filing.kind, &present, serves_meals).is_empty() {
                    return Ok(FilingOutcome::Refused(FilingRefusal::FilingMaterialsMissing));
                }
                // Documents are never deleted, so what was checked above still holds; the state
                // is checked again by the update itself.
                let sql = format!(
                    "UPDATE filings SET state = 'submitted', round = round + 1, submitted_at = $1, review_due_at = $2, updated_at = $1 \
                     WHERE id = $3 AND {EDITABLE}"
                );
                if tx.execute("submit filing", &sql, args![now.0, due.0, filing_id]).await? == 1 {
                    Ok(FilingOutcome::Done)
                } else {
                    Ok(refusal_for(state_of(tx, filing_id, None).await?, false))
                }
            })
        })
        .await
    }

    /// The reviewer sends items of a submitted filing back, each with its reason.
    pub async fn return_filing(&self, op: &Operation, filing_id: i64, items: &[(FilingItem, String)], now: Timestamp) -> Result<FilingOutcome, StoreError> {
        let (items, actor) = (items.to_vec(), op.actor.clone());
        self.apply_once(op, now, move |tx| {
            let (items, actor) = (items.clone(), actor.clone());
            Box::pin(async move {
                #[derive(sqlx::FromRow)]
                struct RoundRow {
                    round: i64,
                }
                let returned: Option<RoundRow> = tx
                    .fetch_optional(
                        "return filing",
                        "UPDATE filings SET state = 'returned', updated_at = $1 WHERE id = $2 AND state = 'submitted' RETURNING round",
                        args![now.0, filing_id],
                    )
                    .await?;
                let Some(RoundRow { round }) = returned else { return Ok(refusal_for(state_of(tx, filing_id, None).await?, false)) };
                for (item, reason) in &items {
                    tx.execute(
                        "record returned item",
                        "INSERT INTO filing_returns (filing_id, round, item, reason, returned_by, returned_at) VALUES ($1, $2, $3, $4, $5, $6)",
                        args![filing_id, round, item.code(), reason.clone(), actor.clone(), now.0],
                    )
                    .await?;
                }
                Ok(FilingOutcome::Done)
            })
        })
        .await
    }

    /// The reviewer refuses a submitted filing, with the reason.
    pub async fn refuse_filing(&self, op: &Operation, filing_id: i64, reason: &str, now: Timestamp) -> Result<FilingOutcome, StoreError> {
        let (reason, actor) = (reason.to_string(), op.actor.clone());
        self.apply_once(op, now, move |tx| {
            let (reason, actor) = (reason.clone(), actor.clone());
            Box::pin(async move {
                let changed = tx
                    .execute(
                        "refuse filing",
                        "UPDATE filings SET state = 'refused', refusal_reason = $1, decided_at = $2, decided_by = $3, updated_at = $2 WHERE id = $4 AND state = 'submitted'",
                        args![reason, now.0, actor, filing_id],
                    )
                    .await?;
                if changed == 1 { Ok(FilingOutcome::Done) } else { Ok(refusal_for(state_of(tx, filing_id, None).await?, false)) }
            })
        })
        .await
    }

    /// The reviewer accepts a submitted filing. A first filing: the facility is created from the
    /// filed facts and listed as filed, with its classes (no staffed places until the operator
    /// lists its carers and confirms the figures), and the applicant becomes its operator. A
    /// change: the facility's public facts and filed places become the filed ones (refused when a
    /// class would hold fewer places than are taken). Each in one transaction.
    pub async fn accept_filing(&self, op: &Operation, filing_id: i64, now: Timestamp) -> Result<FilingOutcome, StoreError> {
        let actor = op.actor.clone();
        self.apply_once(op, now, move |tx| {
            let actor = actor.clone();
            Box::pin(async move {
                let number = filing_number(CivilDate::in_china_at(now).year(), filing_id);
                let filing = super::read_in(tx, filing_id).await?;
                if let Some(FilingRecord { kind: kind @ (FilingKind::Change | FilingKind::Closure), facility_id: Some(facility_id), facts, state, .. }) = &filing {
                    if *state != FilingState::Submitted {
                        return Ok(FilingOutcome::Refused(FilingRefusal::FilingWrongState));
                    }
                    let allowed = match (kind, facts) {
                        (FilingKind::Change, Some(facts)) => super::change::check_classes(tx, *facility_id, facts).await?,
                        (FilingKind::Change, None) => Err(FilingRefusal::FilingFactsMissing),
                        _ => super::change::check_closure(tx, *facility_id).await?,
                    };
                    if let Err(why) = allowed {
                        return Ok(FilingOutcome::Refused(why));
                    }
                    #[derive(sqlx::FromRow)]
                    struct NumberRow {
                        filing_number: Option<String>,
                    }
                    let current: NumberRow = tx.fetch_one("read filing number", "SELECT filing_number FROM facilities WHERE id = $1", args![*facility_id]).await?;
                    let number = current.filing_number.unwrap_or(number);
                    let accepted = tx
                        .execute(
                            "accept change",
                            "UPDATE filings SET state = 'accepted', decided_at = $1, decided_by = $2, filing_number = $3, updated_at = $1 WHERE id = $4 AND state = 'submitted'",
                            args![now.0, actor.clone(), number.clone(), filing_id],
                        )
                        .await?;
                    if accepted != 1 {
                        return Ok(refusal_for(state_of(tx, filing_id, None).await?, false));
                    }
                    match (kind, facts) {
                        (FilingKind::Change, Some(facts)) => super::change::apply(tx, *facility_id, facts, now).await?,
                        _ => super::change::close(tx, *facility_id, filing_id, now).await?,
                    }
                    return Ok(FilingOutcome::Accepted { facility_id: *facility_id, filing_number: number });
                }
                let accepted: Option<IdRow> = tx
                    .fetch_optional(
                        "accept filing",
                        "UPDATE filings SET state = 'accepted', decided_at = $1, decided_by = $2, filing_number = $3, updated_at = $1 \
                         WHERE id = $4 AND state = 'submitted' AND kind = 'initial' RETURNING id",
                        args![now.0, actor, number.clone(), filing_id],
                    )
                    .await?;
                if accepted.is_none() {
                    return Ok(refusal_for(state_of(tx, filing_id, None).await?, false));
                }
                let filing = super::read_in(tx, filing_id).await?.ok_or_else(|| StoreError::Corrupt("accepted filing vanished".into()))?;
                let facts = filing.facts.ok_or_else(|| StoreError::Corrupt("accepted filing without facts".into()))?;
                let facility: IdRow = tx
                    .fetch_one(
                        "list filed facility",
                        "INSERT INTO facilities (name, kind, ownership, inclusive, capped_monthly_fee, filing_status, filing_number, grade, unit_code, address, \
                         lon, lat, phone, opening_hours, service_types, is_demo, search_initials, credit_code, created_at) \
                         VALUES ($1, $2, $3, $4, NULL, 'filed', $5, 'none', $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16) RETURNING id",
                        args![
                            facts.name.clone(),
                            facts.kind.code(),
                            facts.ownership.code(),
                            facts.inclusive,
                            number.clone(),
                            facts.unit_code,
                            facts.address.clone(),
                            facts.location.lon,
                            facts.location.lat,
                            facts.phone.clone(),
                            facts.opening_hours.clone(),
                            encode_service_types(&facts.service_types),
                            false,
                            search_initials(&facts.name, &facts.address),
                            filing.credit_code.clone(),
                            now.0
                        ],
                    )
                    .await?;
                for (level, capacity) in &facts.classes {
                    tx.execute(
                        "add filed class",
                        "INSERT INTO classes (facility_id, level, filed_capacity, staffed_capacity, enrolled, held, monthly_fee, updated_at, enrolled_direct) \
                         VALUES ($1, $2, $3, 0, 0, 0, 0, $4, 0)",
                        args![facility.id, level.code(), *capacity, now.0],
                    )
                    .await?;
                }
                tx.execute("link filing", "UPDATE filings SET facility_id = $1 WHERE id = $2", args![facility.id, filing_id]).await?;
                let promoted = tx
                    .execute(
                        "make applicant operator",
                        "UPDATE accounts SET kind = 'operator', facility_id = $1 WHERE id = $2 AND kind = 'applicant'",
                        args![facility.id, filing.account_id],
                    )
                    .await?;
                if promoted != 1 {
                    return Err(StoreError::Corrupt(format!("filing {filing_id} belongs to no applicant")));
                }
                Ok(FilingOutcome::Accepted { facility_id: facility.id, filing_number: number })
            })
        })
        .await
    }
}
