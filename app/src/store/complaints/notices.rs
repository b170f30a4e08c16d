//! What a department was told about complaints (late steps, reopenings) and has not yet read:
//! the lead department's list of what needs its attention.

use super::super::{Store, StoreError};
use crate::args;
use crate::domain::account::roles::Department;
use crate::domain::calendar::Timestamp;

/// One notice with the complaint it is about.
#[derive(Clone, Debug, PartialEq, Eq, sqlx::FromRow)]
pub struct DepartmentNotice {
    pub id: i64,
    /// `complaint.overdue` or `complaint.reopened`.
    pub kind: String,
    pub complaint_id: i64,
    pub code: String,
    pub category: String,
    pub urgent: bool,
    pub created_at: i64,
    pub read_at: Option<i64>,
}

impl Store {
    /// A department's latest notices, newest first, with each complaint's code and category
    /// (one query).
    pub async fn department_notices(&self, department: Department, limit: u32) -> Result<Vec<DepartmentNotice>, StoreError> {
        self.db()
            .fetch_all(
                "department notices",
                "SELECT n.id, n.kind, n.complaint_id, c.code, c.category, c.urgent, n.created_at, n.read_at \
                 FROM department_notices n JOIN complaints c ON c.id = n.complaint_id \
                 WHERE n.department = $1 ORDER BY n.id DESC LIMIT $2",
                args![department.code(), i64::from(limit)],
            )
            .await
    }

    /// Marks a department's notices up to `up_to_id` read (those it has seen); how many.
    pub async fn mark_department_notices_read(&self, department: Department, up_to_id: i64, now: Timestamp) -> Result<u64, StoreError> {
        self.db()
            .execute(
                "read department notices",
                "UPDATE department_notices SET read_at = $1 WHERE department = $2 AND read_at IS NULL AND id <= $3",
                args![now.0, department.code(), up_to_id],
            )
            .await
    }
}
