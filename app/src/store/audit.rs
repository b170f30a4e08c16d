//! The audit log: who did what, when, from where. The application only appends; the database
//! refuses updates and deletes (triggers in the migrations). No secrets or health data go in.

use serde::{Deserialize, Serialize};

use super::{Store, StoreError};
use crate::args;
use crate::domain::calendar::Timestamp;

/// One entry.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, sqlx::FromRow)]
pub struct AuditEntry {
    pub id: i64,
    pub at: i64,
    /// `parent:12`, `operator:3`, `anonymous`…
    pub actor: String,
    /// `sign_in.code`, `child.read`, `access.refused`…
    pub action: String,
    /// What it concerned: `child:7`, `account:3`, a masked phone…
    pub target: String,
    pub client_ip: String,
    /// `ok`, `refused`, `failed`…
    pub outcome: String,
}

impl Store {
    pub async fn audit(&self, at: Timestamp, actor: &str, action: &str, target: &str, client_ip: &str, outcome: &str) -> Result<(), StoreError> {
        self.db()
            .execute(
                "append audit entry",
                "INSERT INTO audit_log (at, actor, action, target, client_ip, outcome) VALUES ($1, $2, $3, $4, $5, $6)",
                args![at.0, actor, action, target, client_ip, outcome],
            )
            .await?;
        Ok(())
    }

    /// The newest entries first.
    pub async fn audit_entries(&self, limit: u32) -> Result<Vec<AuditEntry>, StoreError> {
        self.db()
            .fetch_all(
                "read audit log",
                "SELECT id, at, actor, action, target, client_ip, outcome FROM audit_log ORDER BY id DESC LIMIT $1",
                args![limit as i64],
            )
            .await
    }

    /// Entries about one actor (for a person's data export).
    pub async fn audit_entries_of(&self, actor: &str) -> Result<Vec<AuditEntry>, StoreError> {
        self.db()
            .fetch_all(
                "read own audit entries",
                "SELECT id, at, actor, action, target, client_ip, outcome FROM audit_log WHERE actor = $1 ORDER BY id",
                args![actor],
            )
            .await
    }
}
