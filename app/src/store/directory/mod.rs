//! The public facility directory: facilities, their classes and places.

pub mod initials;
pub mod search;

use serde::{Deserialize, Serialize};

use super::db::{SqlBuilder, Tx};
use super::operations::Operation;
use super::{Backend, Store, StoreError};
use crate::args;
use crate::domain::calendar::Timestamp;
use crate::domain::facility::{
    decode_service_types, encode_service_types, Class, ClassLevel, Facility, FacilityKind, FilingStatus, Grade, Ownership,
};
use crate::domain::geo::GeoPoint;
use crate::domain::vacancy::{check_figures, check_roster, FigureRefusal, STALE_AFTER_DAYS};

pub(super) const FACILITY_COLUMNS: &str = "id, name, kind, ownership, inclusive, capped_monthly_fee, filing_status, filing_number, grade, \
     unit_code, address, lon, lat, phone, opening_hours, service_types, is_demo";

const CLASS_COLUMNS: &str = "id, facility_id, level, filed_capacity, staffed_capacity, enrolled, held, monthly_fee, updated_at";

#[derive(sqlx::FromRow)]
pub(super) struct FacilityRow {
    id: i64,
    name: String,
    kind: String,
    ownership: String,
    inclusive: bool,
    capped_monthly_fee: Option<i64>,
    filing_status: String,
    filing_number: Option<String>,
    grade: String,
    unit_code: i64,
    address: String,
    lon: f64,
    lat: f64,
    phone: String,
    opening_hours: String,
    service_types: String,
    is_demo: bool,
}

fn corrupt(what: &str, value: &str) -> StoreError {
    StoreError::Corrupt(format!("unknown {what} {value:?}"))
}

impl TryFrom<FacilityRow> for Facility {
    type Error = StoreError;

    fn try_from(row: FacilityRow) -> Result<Self, StoreError> {
        Ok(Facility {
            id: row.id,
            kind: FacilityKind::from_code(&row.kind).ok_or_else(|| corrupt("kind", &row.kind))?,
            ownership: Ownership::from_code(&row.ownership).ok_or_else(|| corrupt("ownership", &row.ownership))?,
            filing_status: FilingStatus::from_code(&row.filing_status).ok_or_else(|| corrupt("filing status", &row.filing_status))?,
            grade: Grade::from_code(&row.grade).ok_or_else(|| corrupt("grade", &row.grade))?,
            name: row.name,
            inclusive: row.inclusive,
            capped_monthly_fee: row.capped_monthly_fee.map(|f| f as u32),
            filing_number: row.filing_number,
            unit_code: row.unit_code as u32,
            address: row.address,
            location: GeoPoint { lon: row.lon, lat: row.lat },
            phone: row.phone,
            opening_hours: row.opening_hours,
            service_types: decode_service_types(&row.service_types),
            is_demo: row.is_demo,
        })
    }
}

#[derive(sqlx::FromRow)]
struct ClassRow {
    id: i64,
    facility_id: i64,
    level: String,
    filed_capacity: i64,
    staffed_capacity: i64,
    enrolled: i64,
    held: i64,
    monthly_fee: i64,
    updated_at: i64,
}

impl TryFrom<ClassRow> for Class {
    type Error = StoreError;

    fn try_from(row: ClassRow) -> Result<Self, StoreError> {
        Ok(Class {
            id: row.id,
            facility_id: row.facility_id,
            level: ClassLevel::from_code(&row.level).ok_or_else(|| corrupt("class level", &row.level))?,
            filed_capacity: row.filed_capacity as u32,
            staffed_capacity: row.staffed_capacity as u32,
            enrolled: row.enrolled as u32,
            held: row.held as u32,
            monthly_fee: row.monthly_fee as u32,
            updated_at: Timestamp(row.updated_at),
        })
    }
}

/// Escapes LIKE wildcards so user text matches literally.
pub(super) fn like_pattern(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len() + 2);
    escaped.push('%');
    for ch in text.to_lowercase().chars() {
        if matches!(ch, '%' | '_' | '\\') {
            escaped.push('\\');
        }
        escaped.push(ch);
    }
    escaped.push('%');
    escaped
}

/// District-wide counts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DistrictFigures {
    pub facilities: u64,
    pub inclusive_facilities: u64,
    pub demo_facilities: u64,
    pub free_places: u64,
}

/// A new facility with its classes, as the demo generator (and later the filing process) makes it.
#[derive(Clone, Debug)]
pub struct NewFacility {
    pub facility: Facility,
    pub classes: Vec<Class>,
}

/// What confirming a class's figures did.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ConfirmFigures {
    Confirmed { class_id: i64, staffed_capacity: u32, enrolled: u32, confirmed_at: Timestamp },
    /// No such class.
    UnknownClass,
    /// The figures break a rule of `domain::vacancy::check_figures`.
    Refused(FigureRefusal),
}

/// Rows per multi-row INSERT when loading many facilities: within both databases' limits on
/// bound parameters (SQLite 32,766; PostgreSQL 65,535).
const INSERT_BATCH: usize = 400;

impl Store {
    /// District-wide figures for the home page: free places count only classes whose figures
    /// were confirmed within `STALE_AFTER_DAYS` of `now`.
    pub async fn district_figures(&self, now: Timestamp) -> Result<DistrictFigures, StoreError> {
        #[derive(sqlx::FromRow)]
        struct FacilityFigures {
            facilities: i64,
            inclusive_facilities: i64,
            demo_facilities: i64,
        }
        let facility_figures: FacilityFigures = self
            .db()
            .fetch_one(
                "count facilities for summary",
                "SELECT COUNT(*) AS facilities, \
                 CAST(COALESCE(SUM(CASE WHEN inclusive THEN 1 ELSE 0 END), 0) AS BIGINT) AS inclusive_facilities, \
                 CAST(COALESCE(SUM(CASE WHEN is_demo THEN 1 ELSE 0 END), 0) AS BIGINT) AS demo_facilities \
                 FROM facilities",
                vec![],
            )
            .await?;
        let fresh_since = now.0 - STALE_AFTER_DAYS * Timestamp::SECONDS_PER_DAY;
        let free: super::db::CountRow = self
            .db()
            .fetch_one(
                "sum free places",
                "SELECT CAST(COALESCE(SUM(CASE WHEN filed_capacity < staffed_capacity \
                   THEN filed_capacity - enrolled - held ELSE staffed_capacity - enrolled - held END), 0) AS BIGINT) AS n \
                 FROM classes WHERE updated_at > $1",
                args![fresh_since],
            )
            .await?;
        Ok(DistrictFigures {
            facilities: facility_figures.facilities as u64,
            inclusive_facilities: facility_figures.inclusive_facilities as u64,
            demo_facilities: facility_figures.demo_facilities as u64,
            free_places: free.n.max(0) as u64,
        })
    }

    pub async fn facility(&self, id: i64) -> Result<Option<Facility>, StoreError> {
        let row: Option<FacilityRow> = self
            .db()
            .fetch_optional("read facility", &format!("SELECT {FACILITY_COLUMNS} FROM facilities WHERE id = $1"), args![id])
            .await?;
        row.map(Facility::try_from).transpose()
    }

    /// The classes of these facilities, by facility then age.
    pub async fn classes_of(&self, facility_ids: &[i64]) -> Result<Vec<Class>, StoreError> {
        if facility_ids.is_empty() {
            return Ok(Vec::new());
        }
        let mut sql = SqlBuilder::new(&format!("SELECT {CLASS_COLUMNS} FROM classes WHERE facility_id IN ("));
        for (i, id) in facility_ids.iter().enumerate() {
            if i > 0 {
                sql.push(", ");
            }
            sql.arg(*id);
        }
        sql.push(") ORDER BY facility_id, id");
        let (sql, args) = sql.finish();
        let rows: Vec<ClassRow> = self.db().fetch_all("read classes", &sql, args).await?;
        let mut classes = rows.into_iter().map(Class::try_from).collect::<Result<Vec<_>, _>>()?;
        classes.sort_by_key(|c| (c.facility_id, c.level));
        Ok(classes)
    }

    pub async fn count_facilities(&self) -> Result<u64, StoreError> {
        let count: super::db::CountRow = self.db().fetch_one("count facilities", "SELECT COUNT(*) AS n FROM facilities", vec![]).await?;
        Ok(count.n as u64)
    }

    /// Inserts facilities with their classes in one transaction, keeping the ids they carry.
    pub async fn insert_facilities(&self, facilities: &[NewFacility], now: Timestamp) -> Result<(), StoreError> {
        let mut tx = self.db().begin_write().await?;
        for batch in facilities.chunks(INSERT_BATCH) {
            insert_facility_batch(&mut tx, batch, now).await?;
            let classes: Vec<&Class> = batch.iter().flat_map(|f| f.classes.iter()).collect();
            insert_class_batch(&mut tx, &classes).await?;
        }
        if tx.backend() == Backend::Postgres {
            // Explicit ids do not advance identity sequences; later inserts must not collide.
            for table in ["facilities", "classes"] {
                let sql = format!("SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT COALESCE(MAX(id), 0) + 1 FROM {table}), false)");
                tx.execute("advance id sequence", &sql, vec![]).await?;
            }
        }
        tx.commit().await?;
        // Fresh statistics, or the planners guess "tiny tables" after a bulk load and pick
        // nested loops that take seconds.
        self.db().execute("update planner statistics", "ANALYZE", vec![]).await?;
        Ok(())
    }

    /// An operator confirms how many places the staff can care for and how many children are
    /// enrolled; this also refreshes the "as of" date families see. Applied once per operation.
    pub async fn confirm_class_figures(
        &self,
        op: &Operation,
        class_id: i64,
        staffed_capacity: u32,
        enrolled: u32,
        now: Timestamp,
        offer_hours: i64,
    ) -> Result<ConfirmFigures, StoreError> {
        let actor = op.actor.clone();
        let op_id = op.id.to_string();
        self.apply_once(op, now, move |tx| {
            let actor = actor.clone();
            let op_id = op_id.clone();
            Box::pin(async move {
                let class: Option<ClassRow> = tx
                    .fetch_optional("read class", &format!("SELECT {CLASS_COLUMNS} FROM classes WHERE id = $1"), args![class_id])
                    .await?;
                let Some(class) = class else {
                    return Ok(ConfirmFigures::UnknownClass);
                };
                // Serialise with every booking change of this class (PostgreSQL; SQLite writers
                // are serialised already), so the platform's count below cannot move meanwhile.
                crate::store::booking::lock_class(tx, class_id).await?;
                let by_platform: super::db::CountRow = tx
                    .fetch_one(
                        "count platform enrolments",
                        "SELECT COUNT(*) AS n FROM applications WHERE class_id = $1 AND state = 'enrolled'",
                        args![class_id],
                    )
                    .await?;
                let level = ClassLevel::from_code(&class.level).ok_or_else(|| corrupt("class level", &class.level))?;
                #[derive(sqlx::FromRow)]
                struct Carers {
                    listed: i64,
                    in_class: i64,
                }
                let carers: Carers = tx
                    .fetch_one(
                        "count carers",
                        "SELECT COUNT(*) AS listed, COALESCE(SUM(CASE WHEN class_level = $1 THEN 1 ELSE 0 END), 0) AS in_class FROM staff_members \
                         WHERE facility_id = $2 AND role = 'carer' AND employed_until IS NULL",
                        args![class.level.clone(), class.facility_id],
                    )
                    .await?;
                let roster = (carers.listed > 0).then_some(carers.in_class as u32);
                let checked = match check_figures(level, class.filed_capacity as u32, staffed_capacity, enrolled, class.held as u32, by_platform.n as u32)
                    .and_then(|checked| check_roster(level, staffed_capacity, roster).map(|()| checked))
                {
                    Ok(checked) => checked,
                    Err(refusal) => return Ok(ConfirmFigures::Refused(refusal)),
                };
                // The staffed figure and the children in care change in one statement: lowering
                // both at once never meets the CHECK (enrolled + held ≤ staffed) half-done.
                tx.execute(
                    "update class figures",
                    "UPDATE classes SET staffed_capacity = $1, enrolled_direct = $2, \
                     enrolled = $3 + (SELECT COUNT(*) FROM applications a WHERE a.class_id = classes.id AND a.state = 'enrolled'), updated_at = $4 WHERE id = $5",
                    args![checked.staffed_capacity, checked.enrolled_direct, checked.enrolled_direct, now.0, class_id],
                )
                .await?;
                tx.execute(
                    "record figure confirmation",
                    "INSERT INTO class_figure_confirmations (class_id, staffed_capacity, enrolled, confirmed_by, op_id, confirmed_at) \
                     VALUES ($1, $2, $3, $4, $5, $6)",
                    args![class_id, staffed_capacity, enrolled, actor, op_id, now.0],
                )
                .await?;
                // Places that became free go to the waiting families at once, in this transaction.
                crate::store::booking::promote(tx, class_id, now, offer_hours).await?;
                Ok(ConfirmFigures::Confirmed { class_id, staffed_capacity, enrolled, confirmed_at: now })
            })
        })
        .await
    }

    /// Fills the pinyin initials of facilities stored before they existed. Idempotent.
    pub async fn backfill_search_initials(&self) -> Result<u64, StoreError> {
        #[derive(sqlx::FromRow)]
        struct Missing {
            id: i64,
            name: String,
            address: String,
        }
        let missing: Vec<Missing> = self
            .db()
            .fetch_all("find facilities without initials", "SELECT id, name, address FROM facilities WHERE search_initials = ''", vec![])
            .await?;
        if missing.is_empty() {
            return Ok(0);
        }
        let mut tx = self.db().begin_write().await?;
        for row in &missing {
            tx.execute(
                "store initials",
                "UPDATE facilities SET search_initials = $1 WHERE id = $2",
                args![initials::search_initials(&row.name, &row.address), row.id],
            )
            .await?;
        }
        tx.commit().await?;
        Ok(missing.len() as u64)
    }

    /// The facility a class belongs to.
    pub async fn class_facility(&self, class_id: i64) -> Result<Option<i64>, StoreError> {
        #[derive(sqlx::FromRow)]
        struct Owner {
            facility_id: i64,
        }
        let row: Option<Owner> =
            self.db().fetch_optional("read class facility", "SELECT facility_id FROM classes WHERE id = $1", args![class_id]).await?;
        Ok(row.map(|r| r.facility_id))
    }

    /// How many confirmations a class has on record.
    pub async fn count_figure_confirmations(&self, class_id: i64) -> Result<u64, StoreError> {
        let count: super::db::CountRow = self
            .db()
            .fetch_one("count confirmations", "SELECT COUNT(*) AS n FROM class_figure_confirmations WHERE class_id = $1", args![class_id])
            .await?;
        Ok(count.n as u64)
    }
}

async fn insert_facility_batch(tx: &mut Tx, batch: &[NewFacility], now: Timestamp) -> Result<(), StoreError> {
    let mut sql = SqlBuilder::new(&format!("INSERT INTO facilities ({FACILITY_COLUMNS}, search_initials, created_at) VALUES "));
    for (i, new) in batch.iter().enumerate() {
        let f = &new.facility;
        sql.push(if i == 0 { "(" } else { ", (" });
        sql.arg(f.id).push(", ").arg(&f.name).push(", ").arg(f.kind.code()).push(", ").arg(f.ownership.code());
        sql.push(", ").arg(f.inclusive).push(", ").arg(f.capped_monthly_fee).push(", ").arg(f.filing_status.code());
        sql.push(", ").arg(f.filing_number.clone()).push(", ").arg(f.grade.code()).push(", ").arg(f.unit_code);
        sql.push(", ").arg(&f.address).push(", ").arg(f.location.lon).push(", ").arg(f.location.lat).push(", ").arg(&f.phone);
        sql.push(", ").arg(&f.opening_hours).push(", ").arg(encode_service_types(&f.service_types)).push(", ").arg(f.is_demo);
        sql.push(", ").arg(initials::search_initials(&f.name, &f.address)).push(", ").arg(now.0).push(")");
    }
    let (sql, args) = sql.finish();
    tx.execute("insert facilities", &sql, args).await?;
    Ok(())
}

async fn insert_class_batch(tx: &mut Tx, classes: &[&Class]) -> Result<(), StoreError> {
    for chunk in classes.chunks(INSERT_BATCH) {
        // New classes have no applications yet: every enrolled child was enrolled directly.
        let mut sql = SqlBuilder::new(&format!("INSERT INTO classes ({CLASS_COLUMNS}, enrolled_direct) VALUES "));
        for (i, c) in chunk.iter().enumerate() {
            sql.push(if i == 0 { "(" } else { ", (" });
            sql.arg(c.id).push(", ").arg(c.facility_id).push(", ").arg(c.level.code()).push(", ").arg(c.filed_capacity);
            sql.push(", ").arg(c.staffed_capacity).push(", ").arg(c.enrolled).push(", ").arg(c.held);
            sql.push(", ").arg(c.monthly_fee).push(", ").arg(c.updated_at.0).push(", ").arg(c.enrolled).push(")");
        }
        let (sql, args) = sql.finish();
        tx.execute("insert classes", &sql, args).await?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::like_pattern;

    #[test]
    fn like_wildcards_in_user_text_match_literally() {
        assert_eq!(like_pattern("50%_a\\"), "%50\\%\\_a\\\\%");
        assert_eq!(like_pattern("ABC"), "%abc%");
    }
}
