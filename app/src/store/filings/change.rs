//! Change filings (变更备案): started by the facility's operator, one open at a time; on
//! acceptance the facility's public facts and its classes' filed places become the filed ones.

use super::super::db::{IdRow, Tx};
use super::super::directory::initials::search_initials;
use super::super::operations::Operation;
use super::super::{Store, StoreError};
use super::FilingOutcome;
use crate::args;
use crate::domain::calendar::Timestamp;
use crate::domain::facility::{encode_service_types, ClassLevel};
use crate::domain::filing::{FilingFacts, FilingKind, FilingRefusal};

/// Who files a change, for which facility, under which organisation.
#[derive(Clone, Debug)]
pub struct NewChange {
    pub account_id: i64,
    pub facility_id: i64,
    pub organisation: String,
    pub credit_code: Option<String>,
    pub contact_phone: String,
    /// The facts filed last (online), as the change's starting point; `None` when the facility
    /// was filed before filing went online (the form starts from its public record then).
    pub facts: Option<FilingFacts>,
    /// `Change` or `Closure`.
    pub kind: FilingKind,
    /// Why the facility closes (closures only).
    pub closure_reason: Option<String>,
}

#[derive(sqlx::FromRow)]
struct TakenRow {
    level: String,
    taken: i64,
}

/// Whether every class keeps room for the children in it and the places held under `facts`
/// (a class the change leaves out keeps none).
pub(super) async fn check_classes(tx: &mut Tx, facility_id: i64, facts: &FilingFacts) -> Result<Result<(), FilingRefusal>, StoreError> {
    let rows: Vec<TakenRow> = tx.fetch_all("read class places taken", "SELECT level, enrolled + held AS taken FROM classes WHERE facility_id = $1", args![facility_id]).await?;
    for row in rows {
        let filed = ClassLevel::from_code(&row.level).and_then(|level| facts.classes.iter().find(|(l, _)| *l == level)).map_or(0, |(_, places)| i64::from(*places));
        if row.taken > filed {
            return Ok(Err(FilingRefusal::FilingCapacityBelowTaken));
        }
    }
    Ok(Ok(()))
}

/// Makes the filed facts the facility's public record (checked by `check_classes` first).
pub(super) async fn apply(tx: &mut Tx, facility_id: i64, facts: &FilingFacts, now: Timestamp) -> Result<(), StoreError> {
    tx.execute(
        "change facility facts",
        "UPDATE facilities SET name = $1, kind = $2, ownership = $3, inclusive = $4, unit_code = $5, address = $6, lon = $7, lat = $8, phone = $9, \
         opening_hours = $10, service_types = $11, search_initials = $12 WHERE id = $13",
        args![
            facts.name.clone(),
            facts.kind.code(),
            facts.ownership.code(),
            facts.inclusive,
            facts.unit_code,
            facts.address.clone(),
            facts.location.lon,
            facts.location.lat,
            facts.phone.clone(),
            facts.opening_hours.clone(),
            encode_service_types(&facts.service_types),
            search_initials(&facts.name, &facts.address),
            facility_id
        ],
    )
    .await?;
    for level in ClassLevel::ALL {
        let filed = facts.classes.iter().find(|(l, _)| l == level).map_or(0, |(_, places)| *places);
        // The staffed figure never exceeds the filed one; the places taken were checked to fit.
        let changed = tx
            .execute(
                "change filed places",
                "UPDATE classes SET filed_capacity = $1, staffed_capacity = CASE WHEN staffed_capacity > $2 THEN $3 ELSE staffed_capacity END, updated_at = $4 \
                 WHERE facility_id = $5 AND level = $6 AND enrolled + held <= $7",
                args![filed, filed, filed, now.0, facility_id, level.code(), filed],
            )
            .await?;
        if changed == 0 && filed > 0 {
            tx.execute(
                "add filed class",
                "INSERT INTO classes (facility_id, level, filed_capacity, staffed_capacity, enrolled, held, monthly_fee, updated_at, enrolled_direct) \
                 SELECT $1, $2, $3, 0, 0, 0, 0, $4, 0 WHERE NOT EXISTS (SELECT 1 FROM classes WHERE facility_id = $5 AND level = $6)",
                args![facility_id, level.code(), filed, now.0, facility_id, level.code()],
            )
            .await?;
        }
    }
    Ok(())
}

/// Whether the facility may close: no child in care and no place held in any class.
pub(super) async fn check_closure(tx: &mut Tx, facility_id: i64) -> Result<Result<(), FilingRefusal>, StoreError> {
    let in_care: super::super::db::CountRow =
        tx.fetch_one("count children in care", "SELECT COUNT(*) AS n FROM classes WHERE facility_id = $1 AND enrolled + held > 0", args![facility_id]).await?;
    Ok(if in_care.n > 0 { Err(FilingRefusal::FilingChildrenInCare) } else { Ok(()) })
}

/// Closes the facility: no longer filed, out of the finder (its page stays, saying so). Children
/// still waiting for a place there are taken off the waitlist with the closure's reason as the
/// decline reason, and their families are told (offers and places were refused by
/// `check_closure` already).
pub(super) async fn close(tx: &mut Tx, facility_id: i64, filing_id: i64, now: Timestamp) -> Result<(), StoreError> {
    tx.execute("close facility", "UPDATE facilities SET filing_status = 'revoked', closed_at = $1 WHERE id = $2", args![now.0, facility_id]).await?;
    #[derive(sqlx::FromRow)]
    struct EndedRow {
        id: i64,
        account_id: i64,
        decline_reason: Option<String>,
    }
    let ended: Vec<EndedRow> = tx
        .fetch_all(
            "end waitlist at a closing facility",
            "UPDATE applications SET state = 'declined', decline_reason = (SELECT closure_reason FROM filings WHERE id = $1), updated_at = $2 \
             WHERE facility_id = $3 AND state = 'waitlisted' RETURNING id, account_id, decline_reason",
            args![filing_id, now.0, facility_id],
        )
        .await?;
    for entry in ended {
        let params = serde_json::json!({ "reason": entry.decline_reason });
        crate::store::booking::notify(tx, entry.account_id, "application.declined", &format!("application:{}", entry.id), params, now).await?;
    }
    Ok(())
}

impl Store {
    /// Starts a change or closure filing for a facility with no open filing (one conditional
    /// insert decides, so two taps start one).
    pub async fn start_change_filing(&self, op: &Operation, change: &NewChange, now: Timestamp) -> Result<FilingOutcome, StoreError> {
        let facts = match &change.facts {
            Some(facts) => Some(serde_json::to_string(facts).map_err(|e| StoreError::Encode(e.to_string()))?),
            None => None,
        };
        let change = change.clone();
        self.apply_once(op, now, move |tx| {
            let (change, facts) = (change.clone(), facts.clone());
            Box::pin(async move {
                let started: Option<IdRow> = tx
                    .fetch_optional(
                        "start change filing",
                        "INSERT INTO filings (kind, account_id, facility_id, credit_code, organisation, contact_phone, state, facts, closure_reason, created_at, updated_at) \
                         SELECT $1, $2, $3, $4, $5, $6, 'draft', $7, $8, $9, $10 \
                         WHERE NOT EXISTS (SELECT 1 FROM filings WHERE facility_id = $11 AND state IN ('draft', 'submitted', 'returned')) RETURNING id",
                        args![
                            change.kind.code(),
                            change.account_id,
                            change.facility_id,
                            change.credit_code,
                            change.organisation,
                            change.contact_phone,
                            facts,
                            change.closure_reason,
                            now.0,
                            now.0,
                            change.facility_id
                        ],
                    )
                    .await?;
                Ok(match started {
                    Some(row) => FilingOutcome::Started { filing_id: row.id },
                    None => FilingOutcome::Refused(FilingRefusal::FilingAlreadyOpen),
                })
            })
        })
        .await
    }

    /// The facts of the facility's newest accepted filing, if it was filed online.
    pub async fn filed_facts(&self, facility_id: i64) -> Result<Option<FilingFacts>, StoreError> {
        #[derive(sqlx::FromRow)]
        struct FactsRow {
            facts: Option<String>,
        }
        let row: Option<FactsRow> = self
            .db()
            .fetch_optional(
                "read filed facts",
                "SELECT facts FROM filings WHERE facility_id = $1 AND state = 'accepted' AND kind IN ('initial', 'change') ORDER BY decided_at DESC, id DESC LIMIT 1",
                args![facility_id],
            )
            .await?;
        match row.and_then(|r| r.facts) {
            Some(json) => Ok(Some(serde_json::from_str(&json).map_err(|_| StoreError::Corrupt(format!("filed facts of facility {facility_id}")))?)),
            None => Ok(None),
        }
    }
}
