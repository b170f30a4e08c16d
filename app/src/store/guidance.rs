//! Reminders before a child's health check: the children who may have one due, and sending
//! each reminder once (claimed per child and check, so several servers never send it twice).

use super::children::{ChildRecord, CHILD_COLUMNS};
use super::{Store, StoreError};
use crate::args;
use crate::domain::calendar::{CivilDate, Timestamp};
use crate::store::db::Arg;

impl Store {
    /// Children born within any of the ranges (inclusive), in id order. One query.
    pub async fn children_born_in(&self, ranges: &[(CivilDate, CivilDate)]) -> Result<Vec<ChildRecord>, StoreError> {
        if ranges.is_empty() {
            return Ok(Vec::new());
        }
        let conditions: Vec<String> = (0..ranges.len()).map(|i| format!("(birth_date BETWEEN ${} AND ${})", 2 * i + 1, 2 * i + 2)).collect();
        let args: Vec<Arg> = ranges.iter().flat_map(|(from, to)| [Arg::from(from.to_string().as_str()), Arg::from(to.to_string().as_str())]).collect();
        self.db()
            .fetch_all("children with a check ahead", &format!("SELECT {CHILD_COLUMNS} FROM children WHERE {} ORDER BY id", conditions.join(" OR ")), args)
            .await
    }

    /// Sends the reminder of `check_id` for a child to its parent, once: whether it was sent now.
    pub async fn remind_check(&self, child: &ChildRecord, check_id: &str, params: serde_json::Value, now: Timestamp) -> Result<bool, StoreError> {
        let mut tx = self.db().begin_write().await?;
        let claimed = tx
            .execute(
                "claim check reminder",
                "INSERT INTO check_reminders (child_id, check_id, sent_at) VALUES ($1, $2, $3) ON CONFLICT (child_id, check_id) DO NOTHING",
                args![child.id, check_id, now.0],
            )
            .await?;
        if claimed == 1 {
            super::booking::notify(&mut tx, child.account_id, "guide.check_due", &child.name, params, now).await?;
        }
        tx.commit().await?;
        Ok(claimed == 1)
    }
}
