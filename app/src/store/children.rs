//! Children's profiles and the guardian's consent, the most sensitive data the product keeps.

use serde::{Deserialize, Serialize};

use super::{Store, StoreError};
use crate::args;
use crate::domain::account::child::ChildProfile;
use crate::domain::calendar::Timestamp;

/// A stored child profile (full values: mask before showing to anyone but the parent).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, sqlx::FromRow)]
pub struct ChildRecord {
    pub id: i64,
    pub account_id: i64,
    pub name: String,
    pub birth_date: String,
    pub sex: String,
    pub relation: String,
    pub id_number: Option<String>,
    pub created_at: i64,
    pub updated_at: i64,
}

/// A consent given (and perhaps withdrawn).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, sqlx::FromRow)]
pub struct ConsentRecord {
    pub id: i64,
    pub policy_version: String,
    pub purpose: String,
    pub granted_at: i64,
    pub withdrawn_at: Option<i64>,
}

pub(crate) const CHILD_COLUMNS: &str = "id, account_id, name, birth_date, sex, relation, id_number, created_at, updated_at";

impl Store {
    pub async fn children_of(&self, account_id: i64) -> Result<Vec<ChildRecord>, StoreError> {
        self.db()
            .fetch_all("list children", &format!("SELECT {CHILD_COLUMNS} FROM children WHERE account_id = $1 ORDER BY id"), args![account_id])
            .await
    }

    pub async fn child(&self, id: i64) -> Result<Option<ChildRecord>, StoreError> {
        self.db().fetch_optional("read child", &format!("SELECT {CHILD_COLUMNS} FROM children WHERE id = $1"), args![id]).await
    }

    pub async fn insert_child(&self, account_id: i64, child: &ChildProfile, now: Timestamp) -> Result<i64, StoreError> {
        let row: super::db::IdRow = self
            .db()
            .fetch_one(
                "add child",
                "INSERT INTO children (account_id, name, birth_date, sex, relation, id_number, created_at, updated_at) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
                args![
                    account_id,
                    &child.name,
                    child.birth_date.to_string(),
                    child.sex.code(),
                    child.relation.code(),
                    child.id_number.as_ref().map(|id| id.as_str().to_string()),
                    now.0,
                    now.0
                ],
            )
            .await?;
        Ok(row.id)
    }

    pub async fn update_child(&self, id: i64, child: &ChildProfile, now: Timestamp) -> Result<(), StoreError> {
        self.db()
            .execute(
                "correct child",
                "UPDATE children SET name = $1, birth_date = $2, sex = $3, relation = $4, id_number = $5, updated_at = $6 WHERE id = $7",
                args![
                    &child.name,
                    child.birth_date.to_string(),
                    child.sex.code(),
                    child.relation.code(),
                    child.id_number.as_ref().map(|id| id.as_str().to_string()),
                    now.0,
                    id
                ],
            )
            .await?;
        Ok(())
    }

    /// Removes a child's profile. Its open applications and slot bookings are cancelled in the
    /// same transaction, so the places it held go to the next child on the waitlist.
    pub async fn delete_child(&self, id: i64, now: Timestamp, offer_hours: i64) -> Result<(), StoreError> {
        let mut tx = self.db().begin_write().await?;
        crate::store::booking::cancel_open_bookings(&mut tx, "child_id", id, now, offer_hours).await?;
        tx.execute("remove child", "DELETE FROM children WHERE id = $1", args![id]).await?;
        tx.commit().await
    }

    pub async fn consents_of(&self, account_id: i64) -> Result<Vec<ConsentRecord>, StoreError> {
        self.db()
            .fetch_all(
                "list consents",
                "SELECT id, policy_version, purpose, granted_at, withdrawn_at FROM consents WHERE account_id = $1 ORDER BY id",
                args![account_id],
            )
            .await
    }

    /// The consent in force for this policy version, if any.
    pub async fn active_consent(&self, account_id: i64, policy_version: &str) -> Result<Option<ConsentRecord>, StoreError> {
        self.db()
            .fetch_optional(
                "read consent",
                "SELECT id, policy_version, purpose, granted_at, withdrawn_at FROM consents \
                 WHERE account_id = $1 AND policy_version = $2 AND withdrawn_at IS NULL ORDER BY id DESC LIMIT 1",
                args![account_id, policy_version],
            )
            .await
    }

    pub async fn grant_consent(&self, account_id: i64, policy_version: &str, purpose: &str, now: Timestamp) -> Result<(), StoreError> {
        if self.active_consent(account_id, policy_version).await?.is_some() {
            return Ok(());
        }
        self.db()
            .execute(
                "record consent",
                "INSERT INTO consents (account_id, policy_version, purpose, granted_at) VALUES ($1, $2, $3, $4)",
                args![account_id, policy_version, purpose, now.0],
            )
            .await?;
        Ok(())
    }

    /// Withdrawing consent stops the processing: the children's profiles are removed with it.
    /// The consent records stay, as evidence of what was agreed and when.
    pub async fn withdraw_consent(&self, account_id: i64, now: Timestamp, offer_hours: i64) -> Result<(), StoreError> {
        let mut tx = self.db().begin_write().await?;
        crate::store::booking::cancel_open_bookings(&mut tx, "account_id", account_id, now, offer_hours).await?;
        tx.execute(
            "withdraw consent",
            "UPDATE consents SET withdrawn_at = $1 WHERE account_id = $2 AND withdrawn_at IS NULL",
            args![now.0, account_id],
        )
        .await?;
        tx.execute("remove children with consent", "DELETE FROM children WHERE account_id = $1", args![account_id]).await?;
        tx.commit().await
    }

    /// Deletes a parent's account: children, sessions and sign-in data go; ratings are
    /// withdrawn and their texts erased; lesson progress goes; unpublished questions to the
    /// experts go (published ones stay, no longer tied to anyone); places held at coming
    /// activities are given back; the phone number is erased. Consent records and the audit log stay, without the phone number, because they
    /// are the evidence the law asks us to keep.
    pub async fn delete_parent_account(&self, account_id: i64, now: Timestamp, offer_hours: i64) -> Result<(), StoreError> {
        let mut tx = self.db().begin_write().await?;
        crate::store::booking::cancel_open_bookings(&mut tx, "account_id", account_id, now, offer_hours).await?;
        tx.execute("remove children", "DELETE FROM children WHERE account_id = $1", args![account_id]).await?;
        crate::store::ratings::erase_ratings_of(&mut tx, account_id, now).await?;
        Store::erase_lesson_progress(&mut tx, account_id).await?;
        crate::store::expert::erase_questions_of(&mut tx, account_id).await?;
        crate::store::activities::give_back_places_of(&mut tx, account_id, now).await?;
        tx.execute("end sessions", "DELETE FROM sessions WHERE account_id = $1", args![account_id]).await?;
        tx.execute(
            "close consents",
            "UPDATE consents SET withdrawn_at = $1 WHERE account_id = $2 AND withdrawn_at IS NULL",
            args![now.0, account_id],
        )
        .await?;
        tx.execute(
            "erase account",
            "UPDATE accounts SET phone = NULL, display_name = '', deleted_at = $1 WHERE id = $2 AND kind = 'parent'",
            args![now.0, account_id],
        )
        .await?;
        tx.commit().await
    }
}
