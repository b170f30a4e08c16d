//! The overdue watch: a complaint whose current step is past its deadline is marked once per
//! step, gets a timeline entry, and the lead department is told. Several servers may run the
//! watch at once: the mark is one conditional UPDATE, so each complaint is marked by exactly one.

use super::handling::notify_department;
use super::record_event;
use crate::args;
use crate::domain::calendar::Timestamp;
use crate::domain::complaint::handling::Event;
use crate::domain::complaint::routing::LEAD_DEPARTMENT;
use crate::store::db::IdRow;
use crate::store::{Store, StoreError};

impl Store {
    /// Marks every complaint whose current step was due before `now` and is not marked yet;
    /// returns the ids this call marked.
    pub async fn mark_overdue_complaints(&self, now: Timestamp) -> Result<Vec<i64>, StoreError> {
        let mut attempt = 0;
        loop {
            match self.mark_overdue_attempt(now).await {
                // Another server marking at the same moment may win a lock first: look again.
                Err(e) if e.is_transient() && attempt < 3 => attempt += 1,
                other => return other,
            }
        }
    }

    async fn mark_overdue_attempt(&self, now: Timestamp) -> Result<Vec<i64>, StoreError> {
        let mut tx = self.db().begin_write().await?;
        let marked: Vec<IdRow> = tx
            .fetch_all(
                "mark overdue complaints",
                // Only steps with a deadline have `due_at` (domain::complaint::deadline::Limits::due).
                "UPDATE complaints SET overdue_at = $1 WHERE overdue_at IS NULL AND due_at < $1 RETURNING id",
                args![now.0],
            )
            .await?;
        for row in &marked {
            record_event(&mut tx, row.id, Event::Overdue, "system", (None, None), None, None, now).await?;
            notify_department(&mut tx, LEAD_DEPARTMENT, "complaint.overdue", row.id, now).await?;
        }
        tx.commit().await?;
        Ok(marked.into_iter().map(|row| row.id).collect())
    }
}
