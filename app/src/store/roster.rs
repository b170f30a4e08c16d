//! Staff rosters: entries are added once per operation id; a person is listed once per facility
//! while employed (a conditional insert decides; a partial unique index backs it); leaving sets
//! the end day with one conditional update. Reading a roster also says who is on another
//! facility's current roster (one query, no per-person lookups).

use serde::{Deserialize, Serialize};

use super::db::{IdRow, SqlBuilder};
use super::operations::Operation;
use super::{Store, StoreError};
use crate::args;
use crate::domain::calendar::{CivilDate, Timestamp};
use crate::domain::roster::{may_end, Qualification, RosterEntry, RosterRefusal, StaffDraft, StaffRole};

/// What adding or ending an entry did (stored with the operation id).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum RosterOutcome {
    Added { staff_id: i64 },
    Ended,
    NotFound,
    Refused(RosterRefusal),
}

/// A current member of staff as the operator's roster shows them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, sqlx::FromRow)]
pub struct StaffRow {
    pub id: i64,
    pub name: String,
    pub id_number: String,
    pub role: String,
    pub class_level: Option<String>,
    pub qualification: String,
    pub employed_from: String,
    pub health_expires: String,
    pub background_checked_on: Option<String>,
    /// The same person is on another facility's current roster.
    pub elsewhere: bool,
}

impl StaffRow {
    /// The entry as the certification rate reads it; `None` for a row this binary cannot read.
    pub fn entry(&self) -> Option<RosterEntry> {
        Some(RosterEntry {
            person: self.id_number.clone(),
            role: StaffRole::from_code(&self.role)?,
            qualification: Qualification::from_code(&self.qualification)?,
            health_expires: CivilDate::parse(&self.health_expires).ok()?,
        })
    }
}

/// A demo roster entry.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewDemoStaff {
    pub facility_id: i64,
    pub draft: StaffDraft,
}

#[derive(sqlx::FromRow)]
struct EndRow {
    employed_until: Option<String>,
}

const INSERT_COLUMNS: &str = "INSERT INTO staff_members (facility_id, name, id_number, role, class_level, qualification, employed_from, health_issued, \
     health_expires, background_checked_on, is_demo, op_id, created_at) ";

/// `$n` placeholders for one entry's values, in `INSERT_COLUMNS` order.
fn push_values(sql: &mut SqlBuilder, facility_id: i64, d: &StaffDraft, is_demo: bool, op_id: Option<String>, now: Timestamp) {
    sql.arg(facility_id).push(", ").arg(d.name.as_str()).push(", ").arg(d.id_number.as_str()).push(", ").arg(d.role.code()).push(", ");
    sql.arg(d.class_level.map(|l| l.code().to_string())).push(", ").arg(d.qualification.code()).push(", ").arg(d.employed_from.to_string()).push(", ");
    sql.arg(d.health_issued.to_string()).push(", ").arg(d.health_expires.to_string()).push(", ").arg(d.background_checked_on.map(|c| c.to_string())).push(", ");
    sql.arg(is_demo).push(", ").arg(op_id).push(", ").arg(now.0);
}

/// One current roster entry of a person who is on more than one facility's current roster.
#[derive(Clone, Debug, PartialEq, Eq, sqlx::FromRow)]
pub struct OverlapRow {
    pub id_number: String,
    pub name: String,
    pub role: String,
    pub facility_id: i64,
    pub facility_name: String,
    pub employed_from: String,
}

impl Store {
    /// Everyone on more than one facility's current roster (one person, one roster), each of
    /// their entries, by ID number.
    pub async fn roster_overlaps(&self) -> Result<Vec<OverlapRow>, StoreError> {
        self.db()
            .fetch_all(
                "read roster overlaps",
                "SELECT s.id_number, s.name, s.role, s.facility_id, f.name AS facility_name, s.employed_from FROM staff_members s \
                 JOIN facilities f ON f.id = s.facility_id WHERE s.employed_until IS NULL AND s.id_number IN \
                 (SELECT id_number FROM staff_members WHERE employed_until IS NULL GROUP BY id_number HAVING COUNT(DISTINCT facility_id) > 1) \
                 ORDER BY s.id_number, s.facility_id",
                args![],
            )
            .await
    }

    /// The facility's current staff, with who is also on another facility's current roster.
    pub async fn roster(&self, facility_id: i64) -> Result<Vec<StaffRow>, StoreError> {
        self.db()
            .fetch_all(
                "read roster",
                "SELECT s.id, s.name, s.id_number, s.role, s.class_level, s.qualification, s.employed_from, s.health_expires, s.background_checked_on, \
                 EXISTS (SELECT 1 FROM staff_members o WHERE o.id_number = s.id_number AND o.facility_id <> s.facility_id AND o.employed_until IS NULL) AS elsewhere \
                 FROM staff_members s WHERE s.facility_id = $1 AND s.employed_until IS NULL ORDER BY s.role, s.name, s.id",
                args![facility_id],
            )
            .await
    }

    /// Adds a person to the facility's current roster, once per operation id; refused when the
    /// person is already on it.
    pub async fn add_staff(&self, op: &Operation, facility_id: i64, draft: &StaffDraft, now: Timestamp) -> Result<RosterOutcome, StoreError> {
        let (op_id, draft) = (op.id.to_string(), draft.clone());
        self.apply_once(op, now, move |tx| {
            let (op_id, draft) = (op_id.clone(), draft.clone());
            Box::pin(async move {
                let mut sql = SqlBuilder::new(INSERT_COLUMNS);
                sql.push("SELECT ");
                push_values(&mut sql, facility_id, &draft, false, Some(op_id), now);
                sql.push(" WHERE NOT EXISTS (SELECT 1 FROM staff_members WHERE facility_id = ").arg(facility_id);
                sql.push(" AND id_number = ").arg(draft.id_number.as_str()).push(" AND employed_until IS NULL) RETURNING id");
                let (sql, args) = sql.finish();
                let added: Option<IdRow> = tx.fetch_optional("add staff", &sql, args).await?;
                Ok(match added {
                    Some(row) => RosterOutcome::Added { staff_id: row.id },
                    None => RosterOutcome::Refused(RosterRefusal::StaffAlreadyListed),
                })
            })
        })
        .await
    }

    /// Records that a member of the facility's staff left today.
    pub async fn end_staff(&self, op: &Operation, facility_id: i64, staff_id: i64, now: Timestamp) -> Result<RosterOutcome, StoreError> {
        let today = CivilDate::in_china_at(now);
        self.apply_once(op, now, move |tx| {
            Box::pin(async move {
                let ended = tx
                    .execute(
                        "end staff",
                        "UPDATE staff_members SET employed_until = $1 WHERE id = $2 AND facility_id = $3 AND employed_until IS NULL",
                        args![today.to_string(), staff_id, facility_id],
                    )
                    .await?;
                if ended == 1 {
                    return Ok(RosterOutcome::Ended);
                }
                let row: Option<EndRow> =
                    tx.fetch_optional("read staff end", "SELECT employed_until FROM staff_members WHERE id = $1 AND facility_id = $2", args![staff_id, facility_id]).await?;
                Ok(match row {
                    Some(row) => {
                        let until = row.employed_until.and_then(|d| CivilDate::parse(&d).ok());
                        may_end(until, today).err().map(RosterOutcome::Refused).unwrap_or(RosterOutcome::NotFound)
                    }
                    None => RosterOutcome::NotFound,
                })
            })
        })
        .await
    }

    /// Stores demo roster entries in bulk.
    pub async fn insert_demo_staff(&self, staff: &[NewDemoStaff], now: Timestamp) -> Result<(), StoreError> {
        let mut tx = self.db().begin_write().await?;
        for chunk in staff.chunks(200) {
            let mut sql = SqlBuilder::new(INSERT_COLUMNS);
            sql.push("VALUES ");
            for (i, member) in chunk.iter().enumerate() {
                sql.push(if i == 0 { "(" } else { ", (" });
                push_values(&mut sql, member.facility_id, &member.draft, true, None, now);
                sql.push(")");
            }
            let (sql, args) = sql.finish();
            tx.execute("insert demo staff", &sql, args).await?;
        }
        tx.commit().await
    }
}
