//! Exactly-once writes. Every write carries a client operation id; the id is claimed in the same
//! transaction as the change and stored with its result under a primary key, so a retry, a
//! replayed offline queue or two tabs syncing at once all get the first result back.
//!
//! Claiming first (an INSERT that does nothing on conflict) makes concurrent replays wait for
//! the first one: PostgreSQL blocks the second INSERT on the key until the first transaction
//! ends; SQLite serialises writers with BEGIN IMMEDIATE.

use std::future::Future;
use std::pin::Pin;
use std::time::Duration;

use serde::de::DeserializeOwned;
use serde::Serialize;

use super::db::Tx;
use super::{Store, StoreError};
use crate::args;
use crate::domain::calendar::Timestamp;
use crate::domain::operation::OperationId;

/// A boxed future borrowing the transaction, for the body of an operation.
pub type TxFuture<'t, T> = Pin<Box<dyn Future<Output = Result<T, StoreError>> + Send + 't>>;

/// How many times a transaction that lost a lock race is tried again.
const MAX_TRANSIENT_RETRIES: u32 = 8;

/// One user action to apply once.
#[derive(Clone, Debug)]
pub struct Operation {
    pub id: OperationId,
    /// Who asked, e.g. `parent:42`; another account cannot replay this id.
    pub actor: String,
    /// What kind of write, e.g. `class.confirm_figures`.
    pub kind: &'static str,
    /// The request as canonical JSON: the same id with a different request is refused.
    pub request: String,
}

impl Operation {
    pub fn new(id: OperationId, actor: impl Into<String>, kind: &'static str, request: &impl Serialize) -> Result<Self, StoreError> {
        let request = serde_json::to_string(request).map_err(|e| StoreError::Encode(e.to_string()))?;
        Ok(Operation { id, actor: actor.into(), kind, request })
    }
}

#[derive(sqlx::FromRow)]
struct StoredOperation {
    actor: String,
    kind: String,
    request: String,
    result: Option<String>,
}

enum Claim<R> {
    Fresh,
    Replayed(R),
}

async fn claim<R: DeserializeOwned>(tx: &mut Tx, op: &Operation, now: Timestamp) -> Result<Claim<R>, StoreError> {
    let inserted = tx
        .execute(
            "claim operation id",
            "INSERT INTO operations (op_id, actor, kind, request, result, created_at) VALUES ($1, $2, $3, $4, NULL, $5) \
             ON CONFLICT (op_id) DO NOTHING",
            args![op.id.as_str(), &op.actor, op.kind, &op.request, now.0],
        )
        .await?;
    if inserted == 1 {
        return Ok(Claim::Fresh);
    }
    let stored: StoredOperation = tx
        .fetch_one("read stored operation", "SELECT actor, kind, request, result FROM operations WHERE op_id = $1", args![op.id.as_str()])
        .await?;
    if stored.actor != op.actor || stored.kind != op.kind || stored.request != op.request {
        return Err(StoreError::OperationConflict(op.id.to_string()));
    }
    let result = stored.result.ok_or_else(|| StoreError::Corrupt(format!("operation {} has no result", op.id)))?;
    serde_json::from_str(&result).map(Claim::Replayed).map_err(|e| StoreError::Corrupt(format!("operation {} result: {e}", op.id)))
}

async fn record_result<R: Serialize>(tx: &mut Tx, op: &Operation, result: &R) -> Result<(), StoreError> {
    let json = serde_json::to_string(result).map_err(|e| StoreError::Encode(e.to_string()))?;
    tx.execute("record operation result", "UPDATE operations SET result = $1 WHERE op_id = $2", args![json, op.id.as_str()]).await?;
    Ok(())
}

impl Store {
    /// The stored answer of an operation already applied, if this id was (the same actor, kind
    /// and request, or a conflict); `None` when it is new. For steps that must know before doing
    /// work that cannot be repeated (a single-use code checked before the write).
    pub async fn replayed<R: DeserializeOwned>(&self, op: &Operation) -> Result<Option<R>, StoreError> {
        let stored: Option<StoredOperation> =
            self.db().fetch_optional("read stored operation", "SELECT actor, kind, request, result FROM operations WHERE op_id = $1", args![op.id.as_str()]).await?;
        let Some(stored) = stored else { return Ok(None) };
        if stored.actor != op.actor || stored.kind != op.kind || stored.request != op.request {
            return Err(StoreError::OperationConflict(op.id.to_string()));
        }
        // Claimed but not finished (its transaction is still open): not an answer yet.
        let Some(result) = stored.result else { return Ok(None) };
        serde_json::from_str(&result).map(Some).map_err(|e| StoreError::Corrupt(format!("operation {} result: {e}", op.id)))
    }

    /// Applies `work` once for this operation id and returns its result; a replay returns the
    /// stored result without running `work`. `work` may run more than once only when a lock
    /// race rolled back the earlier attempt entirely, so it must do everything inside `tx`.
    ///
    /// Domain refusals should be part of `R` (they are results to replay), not errors.
    pub async fn apply_once<R, F>(&self, op: &Operation, now: Timestamp, work: F) -> Result<R, StoreError>
    where
        R: Serialize + DeserializeOwned + Send,
        F: for<'t> Fn(&'t mut Tx) -> TxFuture<'t, R> + Send + Sync,
    {
        let mut attempt = 0;
        loop {
            match self.apply_once_attempt(op, now, &work).await {
                // A unique violation means a concurrent transaction wrote the same thing first;
                // on PostgreSQL it aborts ours, so run again: the checks now see that row.
                Err(e) if (e.is_transient() || e.is_unique_violation()) && attempt < MAX_TRANSIENT_RETRIES => {
                    attempt += 1;
                    tokio::time::sleep(Duration::from_millis(5 << attempt.min(6))).await;
                }
                other => return other,
            }
        }
    }

    async fn apply_once_attempt<R, F>(&self, op: &Operation, now: Timestamp, work: &F) -> Result<R, StoreError>
    where
        R: Serialize + DeserializeOwned + Send,
        F: for<'t> Fn(&'t mut Tx) -> TxFuture<'t, R> + Send + Sync,
    {
        let mut tx = self.db().begin_write().await?;
        match claim::<R>(&mut tx, op, now).await? {
            Claim::Replayed(result) => {
                tx.rollback().await?;
                Ok(result)
            }
            Claim::Fresh => {
                let result = work(&mut tx).await?;
                record_result(&mut tx, op, &result).await?;
                tx.commit().await?;
                Ok(result)
            }
        }
    }
}
