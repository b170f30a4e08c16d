//! Subsidy applications (plan items 11–13) and the monthly enrolment snapshots their figures
//! count. The steps that change an application are in `steps.rs`.

mod steps;

use serde::{Deserialize, Serialize};

use super::db::SqlBuilder;
use super::{Store, StoreError};
use crate::args;
use crate::domain::calendar::{CivilDate, Timestamp, YearMonth};
use crate::domain::facility::ClassLevel;
use crate::domain::filing::materials::MaterialType;
use crate::domain::policy::money::Fen;
use crate::domain::subsidy::{ApplicationState, ContractVersion, MonthlyEnrolment, SubsidyFigures, SubsidyKind};
pub use steps::{NewContract, SubsidyOutcome};

/// An application as stored.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApplicationRecord {
    pub id: i64,
    pub facility_id: i64,
    pub kind: SubsidyKind,
    pub year: i32,
    pub state: ApplicationState,
    pub rent_per_m2: Option<Fen>,
    pub housing_supported: bool,
    /// The figures as submitted; `None` while a draft (the live figures apply).
    pub figures: Option<SubsidyFigures>,
    pub decision_reason: Option<String>,
    pub opened_at: Timestamp,
    pub submitted_at: Option<Timestamp>,
    pub decided_at: Option<Timestamp>,
    /// The latest version of the rent contract, if any.
    pub contract: Option<ContractVersion>,
}

/// A demo snapshot row (marked 演示数据).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DemoSnapshot {
    pub facility_id: i64,
    pub month: YearMonth,
    pub level: ClassLevel,
    pub enrolled: u32,
    pub filed_places: u32,
}

const APPLICATION_COLUMNS: &str = "id, facility_id, kind, year, state, rent_per_m2_fen, housing_supported, figures, decision_reason, opened_at, submitted_at, decided_at";

#[derive(sqlx::FromRow)]
struct ApplicationRow {
    id: i64,
    facility_id: i64,
    kind: String,
    year: i64,
    state: String,
    rent_per_m2_fen: Option<i64>,
    housing_supported: bool,
    figures: Option<String>,
    decision_reason: Option<String>,
    opened_at: i64,
    submitted_at: Option<i64>,
    decided_at: Option<i64>,
}

#[derive(sqlx::FromRow)]
struct ContractRow {
    application_id: i64,
    version: i64,
    file_name: String,
    mime: String,
    size: i64,
    uploaded_at: i64,
}

#[derive(sqlx::FromRow)]
struct SnapshotRow {
    month: String,
    level: String,
    enrolled: i64,
}

fn corrupt(what: &str, value: &str) -> StoreError {
    StoreError::Corrupt(format!("subsidy application {what} {value:?}"))
}

impl ApplicationRow {
    fn into_record(self, contracts: &[ContractRow]) -> Result<ApplicationRecord, StoreError> {
        let figures = match &self.figures {
            Some(json) => Some(serde_json::from_str(json).map_err(|_| corrupt("figures of", &self.id.to_string()))?),
            None => None,
        };
        let contract = contracts.iter().filter(|c| c.application_id == self.id).max_by_key(|c| c.version).map(|c| {
            let mime = MaterialType::from_code(&c.mime).ok_or_else(|| corrupt("contract type", &c.mime))?;
            Ok::<_, StoreError>(ContractVersion { version: c.version, file_name: c.file_name.clone(), mime, size: c.size, uploaded_at: Timestamp(c.uploaded_at) })
        });
        Ok(ApplicationRecord {
            id: self.id,
            facility_id: self.facility_id,
            kind: SubsidyKind::from_code(&self.kind).ok_or_else(|| corrupt("kind", &self.kind))?,
            year: i32::try_from(self.year).map_err(|_| corrupt("year", &self.year.to_string()))?,
            state: ApplicationState::from_code(&self.state).ok_or_else(|| corrupt("state", &self.state))?,
            rent_per_m2: self.rent_per_m2_fen.map(Fen),
            housing_supported: self.housing_supported,
            figures,
            decision_reason: self.decision_reason,
            opened_at: Timestamp(self.opened_at),
            submitted_at: self.submitted_at.map(Timestamp),
            decided_at: self.decided_at.map(Timestamp),
            contract: contract.transpose()?,
        })
    }
}

impl Store {
    /// Records each filed, open facility's children in care per class level for the month of
    /// `now` (China time), replacing the month's earlier record: the last record of a month
    /// stands for it. Returns the rows written.
    pub async fn record_enrolment_snapshots(&self, now: Timestamp) -> Result<u64, StoreError> {
        let month = YearMonth::of(CivilDate::in_china_at(now)).to_string();
        // `WHERE` before `ON CONFLICT` also keeps SQLite's parser from reading ON as a join.
        let sql = "INSERT INTO enrolment_snapshots (facility_id, month, level, enrolled, filed_places, taken_at) \
                   SELECT c.facility_id, $1, c.level, SUM(c.enrolled), SUM(c.filed_capacity), $2 \
                   FROM classes c JOIN facilities f ON f.id = c.facility_id \
                   WHERE f.filing_status = 'filed' AND f.closed_at IS NULL \
                   GROUP BY c.facility_id, c.level \
                   ON CONFLICT (facility_id, month, level) DO UPDATE SET enrolled = excluded.enrolled, filed_places = excluded.filed_places, taken_at = excluded.taken_at, is_demo = excluded.is_demo";
        self.db().execute("record enrolment snapshots", sql, args![month, now.0]).await
    }

    /// The monthly records of `facility_id` from January of `first_year` to December of `last_year`.
    pub async fn enrolment_of(&self, facility_id: i64, first_year: i32, last_year: i32) -> Result<Vec<MonthlyEnrolment>, StoreError> {
        let (from, to) = (YearMonth::first_of(first_year).to_string(), YearMonth::last_of(last_year).to_string());
        let rows: Vec<SnapshotRow> = self
            .db()
            .fetch_all(
                "read enrolment snapshots",
                "SELECT month, level, enrolled FROM enrolment_snapshots WHERE facility_id = $1 AND month BETWEEN $2 AND $3 ORDER BY month, level",
                args![facility_id, from, to],
            )
            .await?;
        rows.into_iter()
            .map(|r| {
                let month = YearMonth::parse(&r.month).map_err(|_| StoreError::Corrupt(format!("snapshot month {:?}", r.month)))?;
                let level = ClassLevel::from_code(&r.level).ok_or_else(|| StoreError::Corrupt(format!("snapshot level {:?}", r.level)))?;
                let enrolled = u32::try_from(r.enrolled).map_err(|_| StoreError::Corrupt(format!("snapshot enrolled {}", r.enrolled)))?;
                Ok(MonthlyEnrolment { month, level, enrolled })
            })
            .collect()
    }

    /// Demo snapshots for the months before the demo was loaded, in one transaction.
    pub async fn insert_demo_snapshots(&self, rows: &[DemoSnapshot], now: Timestamp) -> Result<(), StoreError> {
        let mut tx = self.db().begin_write().await?;
        for chunk in rows.chunks(200) {
            let mut sql = SqlBuilder::new("INSERT INTO enrolment_snapshots (facility_id, month, level, enrolled, filed_places, taken_at, is_demo) VALUES ");
            for (i, row) in chunk.iter().enumerate() {
                sql.push(if i == 0 { "(" } else { ", (" }).arg(row.facility_id).push(", ").arg(row.month.to_string()).push(", ").arg(row.level.code());
                sql.push(", ").arg(row.enrolled).push(", ").arg(row.filed_places).push(", ").arg(now.0).push(", ").arg(true).push(")");
            }
            sql.push(" ON CONFLICT (facility_id, month, level) DO NOTHING");
            let (sql, args) = sql.finish();
            tx.execute("insert demo snapshots", &sql, args).await?;
        }
        tx.commit().await
    }

    /// The facility's applications, newest year first, each with its latest contract.
    pub async fn subsidy_applications_of(&self, facility_id: i64) -> Result<Vec<ApplicationRecord>, StoreError> {
        let sql = format!("SELECT {APPLICATION_COLUMNS} FROM subsidy_applications WHERE facility_id = $1 ORDER BY year DESC, id DESC");
        let rows: Vec<ApplicationRow> = self.db().fetch_all("read subsidy applications", &sql, args![facility_id]).await?;
        let contracts: Vec<ContractRow> = self
            .db()
            .fetch_all(
                "read subsidy contracts",
                "SELECT d.application_id, d.version, d.file_name, d.mime, d.size, d.uploaded_at FROM subsidy_documents d \
                 JOIN subsidy_applications a ON a.id = d.application_id WHERE a.facility_id = $1",
                args![facility_id],
            )
            .await?;
        rows.into_iter().map(|r| r.into_record(&contracts)).collect()
    }

    /// One application, whoever it belongs to.
    pub async fn subsidy_application(&self, id: i64) -> Result<Option<ApplicationRecord>, StoreError> {
        let sql = format!("SELECT {APPLICATION_COLUMNS} FROM subsidy_applications WHERE id = $1");
        let Some(row) = self.db().fetch_optional::<ApplicationRow>("read subsidy application", &sql, args![id]).await? else {
            return Ok(None);
        };
        let contracts: Vec<ContractRow> = self
            .db()
            .fetch_all("read subsidy contracts", "SELECT application_id, version, file_name, mime, size, uploaded_at FROM subsidy_documents WHERE application_id = $1", args![id])
            .await?;
        row.into_record(&contracts).map(Some)
    }
}
