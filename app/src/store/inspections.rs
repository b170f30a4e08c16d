//! Inspection records: each belongs to the department that made it.

use serde::{Deserialize, Serialize};

use super::{Store, StoreError};
use crate::args;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, sqlx::FromRow)]
pub struct InspectionRecord {
    pub id: i64,
    pub facility_id: i64,
    pub department: String,
    pub inspected_on: String,
    pub result: String,
    pub note: String,
    pub recorded_by: i64,
    pub created_at: i64,
}

const COLUMNS: &str = "id, facility_id, department, inspected_on, result, note, recorded_by, created_at";

impl Store {
    pub async fn insert_inspection(&self, record: &InspectionRecord) -> Result<i64, StoreError> {
        let row: super::db::IdRow = self
            .db()
            .fetch_one(
                "record inspection",
                "INSERT INTO inspections (facility_id, department, inspected_on, result, note, recorded_by, created_at) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
                args![
                    record.facility_id,
                    &record.department,
                    &record.inspected_on,
                    &record.result,
                    &record.note,
                    record.recorded_by,
                    record.created_at
                ],
            )
            .await?;
        Ok(row.id)
    }

    pub async fn inspection(&self, id: i64) -> Result<Option<InspectionRecord>, StoreError> {
        self.db().fetch_optional("read inspection", &format!("SELECT {COLUMNS} FROM inspections WHERE id = $1"), args![id]).await
    }

    /// Inspections of the given departments (all when `None`), newest first.
    pub async fn inspections_of(&self, departments: Option<&[String]>, limit: u32) -> Result<Vec<InspectionRecord>, StoreError> {
        match departments {
            None => {
                self.db()
                    .fetch_all("list inspections", &format!("SELECT {COLUMNS} FROM inspections ORDER BY id DESC LIMIT $1"), args![limit as i64])
                    .await
            }
            Some(list) => {
                let mut sql = super::db::SqlBuilder::new(&format!("SELECT {COLUMNS} FROM inspections WHERE department IN ("));
                for (i, department) in list.iter().enumerate() {
                    if i > 0 {
                        sql.push(", ");
                    }
                    sql.arg(department.clone());
                }
                sql.push(") ORDER BY id DESC LIMIT ").arg(limit as i64);
                let (sql, args) = sql.finish();
                self.db().fetch_all("list department inspections", &sql, args).await
            }
        }
    }
}
