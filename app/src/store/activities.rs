//! Parenting activities and talks: published by a facility's operator or the health
//! commission, booked by families one place each, with the slot rules (one conditional update
//! takes a place, so capacity is never oversold; every write applied once by its operation id).

use serde::{Deserialize, Serialize};

use super::booking::{notify, SlotOutcome};
use super::db::IdRow;
use super::operations::Operation;
use super::{Store, StoreError};
use crate::args;
use crate::domain::activity::ActivityDraft;
use crate::domain::booking::may_cancel_slot;
use crate::domain::calendar::Timestamp;

/// An activity with its places, and whether the asking family holds one.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, sqlx::FromRow)]
pub struct ActivityRow {
    pub id: i64,
    pub kind: String,
    pub host: String,
    pub facility_id: Option<i64>,
    pub host_name: String,
    pub title: String,
    pub title_en: String,
    pub place: String,
    pub age_from: i64,
    pub age_to: i64,
    pub starts_at: i64,
    pub ends_at: i64,
    pub capacity: i64,
    pub booked: i64,
    /// The asking family's booking of it, if it holds a place.
    pub my_booking: Option<i64>,
}

/// Who publishes: a facility's operator (its own facility) or the health commission.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Publisher {
    pub account_id: i64,
    pub facility_id: Option<i64>,
}

#[derive(sqlx::FromRow)]
struct BookingRow {
    activity_id: i64,
    account_id: i64,
    state: String,
    starts_at: i64,
}

#[derive(sqlx::FromRow)]
struct StartRow {
    starts_at: i64,
}

/// The list's columns; `$1` is the asking account (0 for nobody).
const ACTIVITY_LIST: &str = "SELECT a.id, a.kind, a.host, a.facility_id, a.host_name, a.title, a.title_en, a.place, a.age_from, a.age_to, \
     a.starts_at, a.ends_at, a.capacity, a.booked, b.id AS my_booking \
     FROM activities a LEFT JOIN activity_bookings b ON b.activity_id = a.id AND b.account_id = $1 AND b.state = 'booked'";

impl Store {
    pub async fn publish_activity(&self, op: &Operation, publisher: Publisher, draft: &ActivityDraft, now: Timestamp) -> Result<SlotOutcome, StoreError> {
        let op_id = op.id.to_string();
        let draft = draft.clone();
        self.apply_once(op, now, move |tx| {
            let (op_id, d) = (op_id.clone(), draft.clone());
            Box::pin(async move {
                let row: IdRow = tx
                    .fetch_one(
                        "publish activity",
                        "INSERT INTO activities (kind, host, facility_id, host_name, title, title_en, place, age_from, age_to, starts_at, ends_at, capacity, published_by, op_id, created_at) \
                         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15) RETURNING id",
                        args![
                            d.kind.code(), d.host.code(), publisher.facility_id, d.host_name.as_str(), d.title.as_str(), d.title_en.as_str(), d.place.as_str(),
                            d.age_from, d.age_to, d.starts_at.0, d.ends_at.0, d.capacity, publisher.account_id, op_id, now.0
                        ],
                    )
                    .await?;
                Ok(SlotOutcome::Published { slot_id: row.id })
            })
        })
        .await
    }

    /// Activities that have not ended, soonest first, with the asking family's bookings.
    pub async fn upcoming_activities(&self, account_id: Option<i64>, now: Timestamp) -> Result<Vec<ActivityRow>, StoreError> {
        let sql = format!("{ACTIVITY_LIST} WHERE a.ends_at > $2 ORDER BY a.starts_at, a.id LIMIT 200");
        self.db().fetch_all("list activities", &sql, args![account_id.unwrap_or(0), now.0]).await
    }

    /// The activities a family holds a place in, soonest first (past ones included, newest 50).
    pub async fn booked_activities(&self, account_id: i64) -> Result<Vec<ActivityRow>, StoreError> {
        let sql = format!("{ACTIVITY_LIST} WHERE b.id IS NOT NULL ORDER BY a.starts_at DESC, a.id LIMIT 50");
        self.db().fetch_all("list booked activities", &sql, args![account_id]).await
    }

    /// Takes one place for the family: refused when full, started, or already held.
    pub async fn book_activity(&self, op: &Operation, account_id: i64, activity_id: i64, now: Timestamp) -> Result<SlotOutcome, StoreError> {
        let op_id = op.id.to_string();
        self.apply_once(op, now, move |tx| {
            let op_id = op_id.clone();
            Box::pin(async move {
                let activity: Option<StartRow> = tx.fetch_optional("read activity", "SELECT starts_at FROM activities WHERE id = $1", args![activity_id]).await?;
                let Some(activity) = activity else { return Ok(SlotOutcome::NotFound) };
                if activity.starts_at <= now.0 {
                    return Ok(SlotOutcome::Past);
                }
                // The unique index on booked rows is the last word; this check gives the words.
                let held: Option<IdRow> = tx
                    .fetch_optional("find activity booking", "SELECT id FROM activity_bookings WHERE activity_id = $1 AND account_id = $2 AND state = 'booked'", args![activity_id, account_id])
                    .await?;
                if held.is_some() {
                    return Ok(SlotOutcome::AlreadyBooked);
                }
                let taken = tx.execute("take an activity place", "UPDATE activities SET booked = booked + 1 WHERE id = $1 AND booked < capacity AND starts_at > $2", args![activity_id, now.0]).await?;
                if taken != 1 {
                    return Ok(SlotOutcome::Full);
                }
                let row: IdRow = tx
                    .fetch_one(
                        "record activity booking",
                        "INSERT INTO activity_bookings (activity_id, account_id, state, op_id, created_at, updated_at) VALUES ($1, $2, 'booked', $3, $4, $5) RETURNING id",
                        args![activity_id, account_id, op_id, now.0, now.0],
                    )
                    .await?;
                notify(tx, account_id, "activity.booked", &format!("activity:{activity_id}"), serde_json::json!({ "starts_at": activity.starts_at }), now).await?;
                Ok(SlotOutcome::Booked { booking_id: row.id })
            })
        })
        .await
    }

    /// Gives the family's place back, until 2 hours before the start.
    pub async fn cancel_activity_booking(&self, op: &Operation, account_id: i64, booking_id: i64, now: Timestamp) -> Result<SlotOutcome, StoreError> {
        self.apply_once(op, now, move |tx| {
            Box::pin(async move {
                let booking: Option<BookingRow> = tx
                    .fetch_optional(
                        "read activity booking",
                        "SELECT b.activity_id, b.account_id, b.state, a.starts_at FROM activity_bookings b JOIN activities a ON a.id = b.activity_id WHERE b.id = $1",
                        args![booking_id],
                    )
                    .await?;
                let Some(booking) = booking.filter(|b| b.account_id == account_id) else { return Ok(SlotOutcome::NotFound) };
                if booking.state != "booked" {
                    return Ok(SlotOutcome::Cancelled);
                }
                if !may_cancel_slot(Timestamp(booking.starts_at), now) {
                    return Ok(SlotOutcome::TooLate);
                }
                let changed = tx
                    .execute("cancel activity booking", "UPDATE activity_bookings SET state = 'cancelled', updated_at = $1 WHERE id = $2 AND state = 'booked'", args![now.0, booking_id])
                    .await?;
                if changed == 1 {
                    let released = tx.execute("release activity place", "UPDATE activities SET booked = booked - 1 WHERE id = $1 AND booked > 0", args![booking.activity_id]).await?;
                    if released != 1 {
                        return Err(StoreError::Corrupt(format!("activity {} had a booking but no place taken", booking.activity_id)));
                    }
                }
                Ok(SlotOutcome::Cancelled)
            })
        })
        .await
    }
}

/// A deleted family's places at activities that have not started go back to other families.
pub(crate) async fn give_back_places_of(tx: &mut super::db::Tx, account_id: i64, now: Timestamp) -> Result<(), StoreError> {
    tx.execute(
        "release places of a deleted family",
        "UPDATE activities SET booked = booked - 1 WHERE starts_at > $2 AND booked > 0 \
         AND id IN (SELECT activity_id FROM activity_bookings WHERE account_id = $1 AND state = 'booked')",
        args![account_id, now.0],
    )
    .await?;
    tx.execute(
        "cancel bookings of a deleted family",
        "UPDATE activity_bookings SET state = 'cancelled', updated_at = $2 WHERE account_id = $1 AND state = 'booked' \
         AND activity_id IN (SELECT id FROM activities WHERE starts_at > $2)",
        args![account_id, now.0],
    )
    .await?;
    Ok(())
}
