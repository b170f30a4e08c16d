//! The steps that change a subsidy application, each applied once per operation id and decided
//! by one conditional statement (two taps, or an operator and a reviewer at once, cannot both
//! win).

use serde::{Deserialize, Serialize};

use super::super::db::{IdRow, Tx};
use super::super::operations::Operation;
use super::super::{Store, StoreError};
use crate::args;
use crate::domain::calendar::Timestamp;
use crate::domain::filing::materials::MaterialType;
use crate::domain::policy::money::Fen;
use crate::domain::subsidy::{ApplicationState, ApplicationStep, SubsidyFigures, SubsidyKind, SubsidyRefusal};

/// What a step did (stored with the operation id, so a replay gets the same answer).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum SubsidyOutcome {
    Opened { application_id: i64 },
    Done,
    /// A contract was stored as this version.
    Stored { version: i64 },
    Refused(SubsidyRefusal),
    NotFound,
}

/// A checked rent contract to store.
#[derive(Clone, Debug)]
pub struct NewContract {
    pub file_name: String,
    pub mime: MaterialType,
    pub sha256: String,
    pub bytes: Vec<u8>,
}

#[derive(sqlx::FromRow)]
struct StateRow {
    state: String,
}

/// Why a conditional statement changed nothing: the application is not there (for this
/// facility, when one is given), or its state does not allow the step.
async fn why_not(tx: &mut Tx, application_id: i64, facility_id: Option<i64>, step: Option<ApplicationStep>) -> Result<SubsidyOutcome, StoreError> {
    let row: Option<StateRow> = match facility_id {
        Some(facility) => tx.fetch_optional("read application state", "SELECT state FROM subsidy_applications WHERE id = $1 AND facility_id = $2", args![application_id, facility]).await?,
        None => tx.fetch_optional("read application state", "SELECT state FROM subsidy_applications WHERE id = $1", args![application_id]).await?,
    };
    let Some(state) = row.and_then(|r| ApplicationState::from_code(&r.state)) else {
        return Ok(SubsidyOutcome::NotFound);
    };
    Ok(SubsidyOutcome::Refused(match step {
        Some(step) => state.after(step).err().unwrap_or(SubsidyRefusal::SubsidyWrongState),
        None if !state.is_editable() => SubsidyRefusal::SubsidyNotEditable,
        // Editable, yet the statement's other conditions (kind, figures) did not hold.
        None => SubsidyRefusal::SubsidyWrongState,
    }))
}

/// `state IN ('draft', 'returned')`, from the domain's definition.
fn editable_sql() -> String {
    let codes: Vec<String> = ApplicationState::editable_codes().iter().map(|c| format!("'{c}'")).collect();
    format!("state IN ({})", codes.join(", "))
}

impl Store {
    /// Opens a draft application of `kind` for `year`, unless the facility has one already
    /// (or, for the opening subsidy, any that was not refused).
    pub async fn open_subsidy_application(&self, op: &Operation, facility_id: i64, account_id: i64, kind: SubsidyKind, year: i32, now: Timestamp) -> Result<SubsidyOutcome, StoreError> {
        self.apply_once(op, now, move |tx| {
            Box::pin(async move {
                let mut args = args![facility_id, kind.code(), i64::from(year), account_id, now.0, now.0, facility_id, kind.code(), i64::from(year)];
                let once = if kind == SubsidyKind::Opening {
                    args.push(facility_id.into());
                    " AND NOT EXISTS (SELECT 1 FROM subsidy_applications o WHERE o.facility_id = $10 AND o.kind = 'opening' AND o.state <> 'refused')"
                } else {
                    ""
                };
                let sql = format!(
                    "INSERT INTO subsidy_applications (facility_id, kind, year, state, opened_by, opened_at, updated_at) \
                     SELECT $1, $2, $3, 'draft', $4, $5, $6 WHERE NOT EXISTS \
                     (SELECT 1 FROM subsidy_applications a WHERE a.facility_id = $7 AND a.kind = $8 AND a.year = $9){once} RETURNING id"
                );
                if let Some(row) = tx.fetch_optional::<IdRow>("open subsidy application", &sql, args).await? {
                    return Ok(SubsidyOutcome::Opened { application_id: row.id });
                }
                let same: Option<IdRow> = tx
                    .fetch_optional("read same application", "SELECT id FROM subsidy_applications WHERE facility_id = $1 AND kind = $2 AND year = $3", args![facility_id, kind.code(), i64::from(year)])
                    .await?;
                Ok(SubsidyOutcome::Refused(if same.is_some() { SubsidyRefusal::SubsidyDuplicate } else { SubsidyRefusal::SubsidyOpeningOnce }))
            })
        })
        .await
    }

    /// Sets the rent and the housing-support declaration of an editable rent application.
    pub async fn save_subsidy_rent(&self, op: &Operation, facility_id: i64, application_id: i64, rent: Fen, housing_supported: bool, now: Timestamp) -> Result<SubsidyOutcome, StoreError> {
        self.apply_once(op, now, move |tx| {
            Box::pin(async move {
                let sql = format!(
                    "UPDATE subsidy_applications SET rent_per_m2_fen = $1, housing_supported = $2, updated_at = $3 \
                     WHERE id = $4 AND facility_id = $5 AND kind = 'rent' AND {}",
                    editable_sql()
                );
                if tx.execute("save subsidy rent", &sql, args![rent.0, housing_supported, now.0, application_id, facility_id]).await? == 1 {
                    return Ok(SubsidyOutcome::Done);
                }
                why_not(tx, application_id, Some(facility_id), None).await
            })
        })
        .await
    }

    /// Stores a rent contract as the next version, while the rent application is editable.
    pub async fn add_subsidy_contract(&self, op: &Operation, facility_id: i64, application_id: i64, contract: &NewContract, now: Timestamp) -> Result<SubsidyOutcome, StoreError> {
        let contract = contract.clone();
        let actor = op.actor.clone();
        self.apply_once(op, now, move |tx| {
            let (contract, actor) = (contract.clone(), actor.clone());
            Box::pin(async move {
                let sql = format!(
                    "INSERT INTO subsidy_documents (application_id, version, file_name, mime, size, sha256, bytes, uploaded_by, uploaded_at) \
                     SELECT id, COALESCE((SELECT MAX(d.version) FROM subsidy_documents d WHERE d.application_id = subsidy_applications.id), 0) + 1, \
                     $1, $2, $3, $4, $5, $6, $7 FROM subsidy_applications WHERE id = $8 AND facility_id = $9 AND kind = 'rent' AND {} RETURNING version AS id",
                    editable_sql()
                );
                let size = contract.bytes.len() as i64;
                let args = args![contract.file_name, contract.mime.code(), size, contract.sha256, contract.bytes, actor, now.0, application_id, facility_id];
                match tx.fetch_optional::<IdRow>("store subsidy contract", &sql, args).await? {
                    Some(row) => Ok(SubsidyOutcome::Stored { version: row.id }),
                    None => why_not(tx, application_id, Some(facility_id), None).await,
                }
            })
        })
        .await
    }

    /// Sends an editable application with `figures`, computed from the rent and declaration it
    /// holds now (checked again here) and, for rent, with a contract stored.
    pub async fn submit_subsidy_application(&self, op: &Operation, facility_id: i64, application_id: i64, figures: &SubsidyFigures, now: Timestamp) -> Result<SubsidyOutcome, StoreError> {
        let json = serde_json::to_string(figures).map_err(|e| StoreError::Encode(e.to_string()))?;
        let (amount, rent, housing) = (figures.amount.0, figures.rent_per_m2.map_or(-1, |r| r.0), figures.housing_supported);
        let needs_contract = figures.kind == SubsidyKind::Rent;
        self.apply_once(op, now, move |tx| {
            let json = json.clone();
            Box::pin(async move {
                let contract = if needs_contract { " AND EXISTS (SELECT 1 FROM subsidy_documents d WHERE d.application_id = subsidy_applications.id)" } else { "" };
                let sql = format!(
                    "UPDATE subsidy_applications SET state = 'submitted', figures = $1, amount_fen = $2, submitted_at = $3, updated_at = $4, decision_reason = NULL \
                     WHERE id = $5 AND facility_id = $6 AND {} AND COALESCE(rent_per_m2_fen, -1) = $7 AND housing_supported = $8{contract}",
                    editable_sql()
                );
                if tx.execute("submit subsidy application", &sql, args![json, amount, now.0, now.0, application_id, facility_id, rent, housing]).await? == 1 {
                    return Ok(SubsidyOutcome::Done);
                }
                why_not(tx, application_id, Some(facility_id), Some(ApplicationStep::Submit)).await
            })
        })
        .await
    }

    /// The district returns, approves or refuses a submitted application.
    pub async fn decide_subsidy_application(&self, op: &Operation, application_id: i64, step: ApplicationStep, reason: Option<String>, now: Timestamp) -> Result<SubsidyOutcome, StoreError> {
        let next = ApplicationState::Submitted.after(step).map_err(|_| StoreError::Encode(format!("{step:?} is not a decision")))?;
        let actor = op.actor.clone();
        self.apply_once(op, now, move |tx| {
            let (reason, actor) = (reason.clone(), actor.clone());
            Box::pin(async move {
                let sql = "UPDATE subsidy_applications SET state = $1, decision_reason = $2, decided_at = $3, decided_by = $4, updated_at = $5 WHERE id = $6 AND state = 'submitted'";
                if tx.execute("decide subsidy application", sql, args![next.code(), reason, now.0, actor, now.0, application_id]).await? == 1 {
                    return Ok(SubsidyOutcome::Done);
                }
                why_not(tx, application_id, None, Some(step)).await
            })
        })
        .await
    }
}
