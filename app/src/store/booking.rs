//! Booking in the database. A place is taken with one conditional UPDATE inside the
//! transaction that records the application; every release of a place promotes the next child
//! in the queue in that same transaction. All writes go through `apply_once`.

use serde::{Deserialize, Serialize};

use super::db::{CountRow, IdRow, Tx};
use super::operations::Operation;
use super::{Store, StoreError};
use crate::args;
use crate::domain::booking::{
    check_application, offer_until, renew_by, transition, ApplicationEvent, ApplicationState, ApplyRefusal, PlaceEffect,
    SlotKind, MAX_OPEN_APPLICATIONS, REMIND_DAYS_BEFORE,
};
use crate::domain::calendar::{CivilDate, Timestamp, YearMonth};
use crate::domain::facility::{ClassLevel, FilingStatus};
use crate::domain::vacancy::STALE_AFTER_DAYS;

/// Free places of class `c`, in SQL.
const FREE_PLACES: &str =
    "CASE WHEN c.filed_capacity < c.staffed_capacity THEN c.filed_capacity ELSE c.staffed_capacity END - c.enrolled - c.held";

/// An application as stored.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, sqlx::FromRow)]
pub struct ApplicationRow {
    pub id: i64,
    pub account_id: i64,
    pub child_id: Option<i64>,
    pub facility_id: i64,
    pub class_id: i64,
    pub start_month: String,
    pub state: String,
    pub queued_at: i64,
    pub offered_until: Option<i64>,
    pub renew_by: Option<i64>,
    pub decline_reason: Option<String>,
    pub created_at: i64,
    pub updated_at: i64,
}

const APPLICATION_COLUMNS: &str =
    "id, account_id, child_id, facility_id, class_id, start_month, state, queued_at, offered_until, renew_by, decline_reason, created_at, updated_at";

impl ApplicationRow {
    pub fn state(&self) -> Result<ApplicationState, StoreError> {
        ApplicationState::from_code(&self.state).ok_or_else(|| StoreError::Corrupt(format!("application state {:?}", self.state)))
    }
}

/// What applying did.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ApplyOutcome {
    /// A place is held until `until`.
    Offered { application_id: i64, until: Timestamp },
    /// In the queue at `position` (1 = next).
    Waitlisted { application_id: i64, position: u64 },
    Refused(ApplyRefusal),
    /// The child is not this parent's, or the facility does not exist.
    NotFound,
}

/// What a state change did.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ChangeOutcome {
    Changed { state: ApplicationState, promoted: Vec<i64> },
    /// The event does not apply in the application's current state.
    NotAllowed { state: ApplicationState },
    NotFound,
}

/// Who asks for a change, so the store can check ownership inside the transaction.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Actor {
    Family { account_id: i64 },
    Operator { facility_id: i64 },
    /// Background jobs (expiry, lapse).
    System,
}

/// A published slot with its free places.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, sqlx::FromRow)]
pub struct SlotRow {
    pub id: i64,
    pub facility_id: i64,
    pub kind: String,
    pub starts_at: i64,
    pub ends_at: i64,
    pub capacity: i64,
    pub booked: i64,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum SlotOutcome {
    Booked { booking_id: i64 },
    Full,
    AlreadyBooked,
    /// The slot has started or ended.
    Past,
    Cancelled,
    /// Too close to the start to cancel.
    TooLate,
    Published { slot_id: i64 },
    NotFound,
}

/// An application as lists show it: with its class, facility and child names, the family's
/// phone (masked by the caller) and, while waitlisted, its queue position — one query a list.
#[derive(Clone, Debug, PartialEq, Eq, sqlx::FromRow)]
pub struct ListedApplication {
    #[sqlx(flatten)]
    pub row: ApplicationRow,
    pub level: String,
    pub facility_name: String,
    pub child_name: Option<String>,
    pub family_phone: Option<String>,
    pub position: Option<i64>,
}

/// Whose applications to list.
#[derive(Clone, Copy, Debug)]
pub enum ApplicationsOf {
    Account(i64),
    /// At most 500, newest first.
    Facility(i64),
}

/// A slot booking as lists show it, with the facility's and the child's names.
#[derive(Clone, Debug, PartialEq, Eq, sqlx::FromRow)]
pub struct ListedSlotBooking {
    #[sqlx(flatten)]
    pub row: SlotBookingRow,
    pub facility_name: String,
    pub child_name: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, sqlx::FromRow)]
pub struct SlotBookingRow {
    pub id: i64,
    pub slot_id: i64,
    pub account_id: i64,
    pub child_id: Option<i64>,
    pub state: String,
    pub facility_id: i64,
    pub kind: String,
    pub starts_at: i64,
    pub ends_at: i64,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, sqlx::FromRow)]
pub struct NoticeRow {
    pub id: i64,
    pub kind: String,
    pub subject: String,
    pub params: String,
    pub created_at: i64,
    pub read_at: Option<i64>,
}

#[derive(sqlx::FromRow)]
struct ChildBirth {
    birth_date: String,
}

#[derive(sqlx::FromRow)]
struct FacilityFiling {
    filing_status: String,
}

#[derive(sqlx::FromRow)]
struct ClassIdRow {
    id: i64,
}

pub(crate) async fn notify(tx: &mut Tx, account_id: i64, kind: &str, subject: &str, params: serde_json::Value, now: Timestamp) -> Result<(), StoreError> {
    tx.execute(
        "add notice",
        "INSERT INTO notices (account_id, kind, subject, params, created_at) VALUES ($1, $2, $3, $4, $5)",
        args![account_id, kind, subject, params.to_string(), now.0],
    )
    .await?;
    Ok(())
}

/// The queue position of a waitlisted application (1 = next).
async fn queue_position(tx: &mut Tx, class_id: i64, queued_at: i64, id: i64) -> Result<u64, StoreError> {
    let count: CountRow = tx
        .fetch_one(
            "count queue ahead",
            "SELECT COUNT(*) AS n FROM applications WHERE class_id = $1 AND state = 'waitlisted' \
             AND (queued_at < $2 OR (queued_at = $2 AND id <= $3))",
            args![class_id, queued_at, id],
        )
        .await?;
    Ok(count.n as u64)
}

/// Serialises every change to the places and queue of one class: on PostgreSQL the class row
/// is locked until the transaction ends, so each later statement (READ COMMITTED: a fresh
/// snapshot each) sees the queue as the previous holder committed it. Without it, a promotion
/// could offer a place to a family cancelling at the same instant (a leaked place and a false
/// "offered" notice), or a new applicant could take a place freed ahead of the waiting child.
/// SQLite needs nothing: its write transactions begin IMMEDIATE and run one at a time.
pub(crate) async fn lock_class(tx: &mut Tx, class_id: i64) -> Result<(), StoreError> {
    if tx.backend() == super::Backend::Postgres {
        tx.fetch_optional::<ClassIdRow>("lock class", "SELECT id FROM classes WHERE id = $1 FOR UPDATE", args![class_id]).await?;
    }
    Ok(())
}

/// `classes.enrolled` — children in places — has one definition and this is its only writer
/// after a class is created: the children the operator enrolled directly (`enrolled_direct`,
/// from the figures form) plus the applications here in state `enrolled`. Neither the form nor
/// an application step adds or subtracts on its own, so the two can never disagree.
pub(crate) async fn recount_enrolled(tx: &mut Tx, class_id: i64) -> Result<(), StoreError> {
    let updated = tx
        .execute(
            "recount enrolled",
            "UPDATE classes SET enrolled = enrolled_direct + \
             (SELECT COUNT(*) FROM applications a WHERE a.class_id = classes.id AND a.state = 'enrolled') WHERE id = $1",
            args![class_id],
        )
        .await?;
    if updated != 1 {
        return Err(StoreError::Corrupt(format!("class {class_id} vanished while recounting")));
    }
    Ok(())
}

/// Takes one place of the class if it has an honest vacancy (current figures, a free place)
/// and nobody is waiting ahead (`respect_queue`). One statement: safe under any concurrency.
async fn take_place(tx: &mut Tx, class_id: i64, now: Timestamp, respect_queue: bool) -> Result<bool, StoreError> {
    let fresh_since = now.0 - STALE_AFTER_DAYS * Timestamp::SECONDS_PER_DAY;
    let queue = if respect_queue {
        " AND NOT EXISTS (SELECT 1 FROM applications a WHERE a.class_id = c.id AND a.state = 'waitlisted')"
    } else {
        ""
    };
    let sql = format!("UPDATE classes AS c SET held = held + 1 WHERE c.id = $1 AND c.updated_at > $2 AND {FREE_PLACES} > 0{queue}");
    Ok(tx.execute("take a place", &sql, args![class_id, fresh_since]).await? == 1)
}

/// Offers freed places to the queue, first come first served, while places are free.
/// Returns the promoted applications.
pub(crate) async fn promote(tx: &mut Tx, class_id: i64, now: Timestamp, offer_hours: i64) -> Result<Vec<i64>, StoreError> {
    #[derive(sqlx::FromRow)]
    struct Next {
        id: i64,
        account_id: i64,
    }
    let mut promoted = Vec::new();
    loop {
        let next: Option<Next> = tx
            .fetch_optional(
                "find next in queue",
                "SELECT id, account_id FROM applications WHERE class_id = $1 AND state = 'waitlisted' ORDER BY queued_at, id LIMIT 1",
                args![class_id],
            )
            .await?;
        let Some(next) = next else { break };
        if !take_place(tx, class_id, now, false).await? {
            break;
        }
        let until = offer_until(now, offer_hours);
        let offered = tx
            .execute(
                "offer to the next in queue",
                "UPDATE applications SET state = 'offered', offered_until = $1, renew_by = NULL, updated_at = $2 WHERE id = $3 AND state = 'waitlisted'",
                args![until.0, now.0, next.id],
            )
            .await?;
        if offered != 1 {
            // The class lock makes this impossible; if it ever happens, roll the whole change
            // back rather than keep a held place nobody was offered.
            return Err(StoreError::Corrupt(format!("application {} left the queue during its promotion", next.id)));
        }
        notify(tx, next.account_id, "application.offered", &format!("application:{}", next.id), serde_json::json!({ "until": until.0 }), now).await?;
        promoted.push(next.id);
    }
    Ok(promoted)
}

/// Applies a place effect to the class, promoting the queue when a place frees up.
async fn apply_effect(tx: &mut Tx, class_id: i64, effect: PlaceEffect, now: Timestamp, offer_hours: i64) -> Result<Vec<i64>, StoreError> {
    match effect {
        PlaceEffect::None | PlaceEffect::Take => return Ok(Vec::new()),
        PlaceEffect::Release | PlaceEffect::Enrol => {
            // The application held a place: it is either given up or becomes an enrolment.
            if tx.execute("release a held place", "UPDATE classes SET held = held - 1 WHERE id = $1 AND held > 0", args![class_id]).await? != 1 {
                return Err(StoreError::Corrupt(format!("class {class_id} places out of step with applications")));
            }
        }
        PlaceEffect::Leave => {}
    }
    if matches!(effect, PlaceEffect::Enrol | PlaceEffect::Leave) {
        recount_enrolled(tx, class_id).await?;
    }
    if matches!(effect, PlaceEffect::Enrol) {
        return Ok(Vec::new());
    }
    promote(tx, class_id, now, offer_hours).await
}

fn notice_kind(state: ApplicationState) -> &'static str {
    match state {
        ApplicationState::Offered => "application.offered",
        ApplicationState::Confirmed => "application.confirmed",
        ApplicationState::Waitlisted => "application.waitlisted",
        ApplicationState::Enrolled => "application.enrolled",
        ApplicationState::Declined => "application.declined",
        ApplicationState::Cancelled => "application.cancelled",
        ApplicationState::Expired => "application.expired",
        ApplicationState::Lapsed => "application.lapsed",
        ApplicationState::Withdrawn => "application.withdrawn",
    }
}

/// One state change inside a transaction: checks who asks and the current state.
async fn change_in_tx(
    tx: &mut Tx,
    application_id: i64,
    actor: Actor,
    event: ApplicationEvent,
    reason: Option<String>,
    now: Timestamp,
    offer_hours: i64,
) -> Result<ChangeOutcome, StoreError> {
    let read = format!("SELECT {APPLICATION_COLUMNS} FROM applications WHERE id = $1");
    let found: Option<ApplicationRow> = tx.fetch_optional("read application", &read, args![application_id]).await?;
    let Some(found) = found else { return Ok(ChangeOutcome::NotFound) };
    lock_class(tx, found.class_id).await?;
    // Read again under the class lock: another change may have committed while we waited.
    let row: ApplicationRow = tx.fetch_one("read application again", &read, args![application_id]).await?;
    let allowed = match actor {
        Actor::Family { account_id } => row.account_id == account_id,
        Actor::Operator { facility_id } => row.facility_id == facility_id,
        Actor::System => true,
    };
    if !allowed {
        return Ok(ChangeOutcome::NotFound);
    }
    let state = row.state()?;
    let Some((next, effect)) = transition(state, event) else {
        return Ok(ChangeOutcome::NotAllowed { state });
    };
    let updated = if event == ApplicationEvent::FamilyRenews {
        tx.execute(
            "renew queue entry",
            "UPDATE applications SET renew_by = $1, reminded_at = NULL, updated_at = $2 WHERE id = $3 AND state = $4",
            args![renew_by(now).0, now.0, application_id, state.code()],
        )
        .await?
    } else {
        tx.execute(
            "change application state",
            "UPDATE applications SET state = $1, decline_reason = COALESCE($2, decline_reason), updated_at = $3 WHERE id = $4 AND state = $5",
            args![next.code(), reason.clone(), now.0, application_id, state.code()],
        )
        .await?
    };
    if updated != 1 {
        // Another transaction changed it first (possible on PostgreSQL): nothing to do here.
        return Ok(ChangeOutcome::NotAllowed { state });
    }
    let promoted = apply_effect(tx, row.class_id, effect, now, offer_hours).await?;
    let notify_family = !matches!(actor, Actor::Family { .. }) || event == ApplicationEvent::FamilyCancels;
    if notify_family && event != ApplicationEvent::FamilyRenews {
        let params = serde_json::json!({ "reason": reason });
        notify(tx, row.account_id, notice_kind(next), &format!("application:{application_id}"), params, now).await?;
    }
    Ok(ChangeOutcome::Changed { state: next, promoted })
}

/// Cancels every open application and future slot booking of one child (`owner_column` =
/// `child_id`) or one account (`account_id`), releasing places and promoting the next
/// waiting children. Used when a child's profile or a family's account is removed.
pub(crate) async fn cancel_open_bookings(tx: &mut Tx, owner_column: &'static str, owner_id: i64, now: Timestamp, offer_hours: i64) -> Result<(), StoreError> {
    debug_assert!(owner_column == "child_id" || owner_column == "account_id");
    #[derive(sqlx::FromRow)]
    struct Open {
        id: i64,
    }
    let classes: Vec<ClassIdRow> = tx
        .fetch_all(
            "find classes of open applications",
            &format!("SELECT DISTINCT class_id AS id FROM applications WHERE {owner_column} = $1 AND state IN ('offered', 'confirmed', 'waitlisted') ORDER BY class_id"),
            args![owner_id],
        )
        .await?;
    // Lock every class involved up front, in id order, so two removals never deadlock.
    for class in &classes {
        lock_class(tx, class.id).await?;
    }
    let open: Vec<Open> = tx
        .fetch_all(
            "find open applications",
            &format!("SELECT id FROM applications WHERE {owner_column} = $1 AND state IN ('offered', 'confirmed', 'waitlisted') ORDER BY id"),
            args![owner_id],
        )
        .await?;
    for application in open {
        change_in_tx(tx, application.id, Actor::System, ApplicationEvent::FamilyCancels, None, now, offer_hours).await?;
    }
    let booked: Vec<Open> = tx
        .fetch_all(
            "find future slot bookings",
            &format!(
                "SELECT b.id FROM slot_bookings b JOIN slots s ON s.id = b.slot_id \
                 WHERE b.{owner_column} = $1 AND b.state = 'booked' AND s.starts_at > $2"
            ),
            args![owner_id, now.0],
        )
        .await?;
    for booking in booked {
        tx.execute("cancel slot booking", "UPDATE slot_bookings SET state = 'cancelled', updated_at = $1 WHERE id = $2 AND state = 'booked'", args![now.0, booking.id])
            .await?;
        tx.execute(
            "release slot place",
            "UPDATE slots SET booked = booked - 1 WHERE id = (SELECT slot_id FROM slot_bookings WHERE id = $1) AND booked > 0",
            args![booking.id],
        )
        .await?;
    }
    Ok(())
}

/// A place application as the family sends it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApplyRequest {
    pub child_id: i64,
    pub facility_id: i64,
    pub start_month: YearMonth,
}

impl Store {
    /// Applies for a place: an offer when the class has an honest vacancy and nobody is
    /// waiting, otherwise a place in the queue. Applied once per operation id.
    pub async fn apply_for_place(&self, op: &Operation, account_id: i64, request: &ApplyRequest, now: Timestamp, offer_hours: i64) -> Result<ApplyOutcome, StoreError> {
        let request = request.clone();
        let op_id = op.id.to_string();
        self.apply_once(op, now, move |tx| {
            let request = request.clone();
            let op_id = op_id.clone();
            Box::pin(async move {
                let child: Option<ChildBirth> = tx
                    .fetch_optional("read child for application", "SELECT birth_date FROM children WHERE id = $1 AND account_id = $2", args![request.child_id, account_id])
                    .await?;
                let Some(child) = child else { return Ok(ApplyOutcome::NotFound) };
                let facility: Option<FacilityFiling> =
                    tx.fetch_optional("read facility filing", "SELECT filing_status FROM facilities WHERE id = $1", args![request.facility_id]).await?;
                let Some(facility) = facility else { return Ok(ApplyOutcome::NotFound) };
                let birth = CivilDate::parse(&child.birth_date).map_err(|_| StoreError::Corrupt("child birth date".into()))?;
                let filing = FilingStatus::from_code(&facility.filing_status).ok_or_else(|| StoreError::Corrupt("filing status".into()))?;
                let level: ClassLevel = match check_application(birth, request.start_month, CivilDate::in_china_at(now), filing) {
                    Ok(level) => level,
                    Err(refusal) => return Ok(ApplyOutcome::Refused(refusal)),
                };
                let class: Option<ClassIdRow> = tx
                    .fetch_optional("find class for age", "SELECT id FROM classes WHERE facility_id = $1 AND level = $2", args![request.facility_id, level.code()])
                    .await?;
                let Some(class) = class else { return Ok(ApplyOutcome::Refused(ApplyRefusal::NoClassForAge)) };
                lock_class(tx, class.id).await?;
                let open: CountRow = tx
                    .fetch_one(
                        "count open applications",
                        "SELECT COUNT(*) AS n FROM applications WHERE child_id = $1 AND state IN ('offered', 'confirmed', 'waitlisted')",
                        args![request.child_id],
                    )
                    .await?;
                let same: CountRow = tx
                    .fetch_one(
                        "find open application for class",
                        "SELECT COUNT(*) AS n FROM applications WHERE child_id = $1 AND class_id = $2 AND state IN ('offered', 'confirmed', 'waitlisted')",
                        args![request.child_id, class.id],
                    )
                    .await?;
                if same.n > 0 {
                    return Ok(ApplyOutcome::Refused(ApplyRefusal::AlreadyApplied));
                }
                if open.n as usize >= MAX_OPEN_APPLICATIONS {
                    return Ok(ApplyOutcome::Refused(ApplyRefusal::TooManyOpen));
                }
                let offered = take_place(tx, class.id, now, true).await?;
                let (state, until, renew) = if offered {
                    (ApplicationState::Offered, Some(offer_until(now, offer_hours).0), None)
                } else {
                    (ApplicationState::Waitlisted, None, Some(renew_by(now).0))
                };
                let row: IdRow = tx
                    .fetch_one(
                        "record application",
                        "INSERT INTO applications (account_id, child_id, facility_id, class_id, start_month, state, queued_at, offered_until, renew_by, op_id, created_at, updated_at) \
                         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id",
                        args![
                            account_id,
                            request.child_id,
                            request.facility_id,
                            class.id,
                            request.start_month.to_string(),
                            state.code(),
                            now.0,
                            until,
                            renew,
                            op_id,
                            now.0,
                            now.0
                        ],
                    )
                    .await?;
                let subject = format!("application:{}", row.id);
                if offered {
                    notify(tx, account_id, "application.offered", &subject, serde_json::json!({ "until": until }), now).await?;
                    Ok(ApplyOutcome::Offered { application_id: row.id, until: Timestamp(until.unwrap_or_default()) })
                } else {
                    let position = queue_position(tx, class.id, now.0, row.id).await?;
                    notify(tx, account_id, "application.waitlisted", &subject, serde_json::json!({ "position": position }), now).await?;
                    Ok(ApplyOutcome::Waitlisted { application_id: row.id, position })
                }
            })
        })
        .await
    }

    /// A state change by a family, an operator or the system, applied once per operation id.
    pub async fn change_application(
        &self,
        op: &Operation,
        application_id: i64,
        actor: Actor,
        event: ApplicationEvent,
        reason: Option<String>,
        now: Timestamp,
        offer_hours: i64,
    ) -> Result<ChangeOutcome, StoreError> {
        self.apply_once(op, now, move |tx| {
            let reason = reason.clone();
            Box::pin(async move { change_in_tx(tx, application_id, actor, event, reason, now, offer_hours).await })
        })
        .await
    }

    /// After an operator changes a class's figures, offers newly free places to the queue.
    pub async fn promote_class(&self, class_id: i64, now: Timestamp, offer_hours: i64) -> Result<Vec<i64>, StoreError> {
        let mut tx = self.db().begin_write().await?;
        lock_class(&mut tx, class_id).await?;
        let promoted = promote(&mut tx, class_id, now, offer_hours).await?;
        tx.commit().await?;
        Ok(promoted)
    }

    pub async fn application(&self, id: i64) -> Result<Option<ApplicationRow>, StoreError> {
        self.db().fetch_optional("read application", &format!("SELECT {APPLICATION_COLUMNS} FROM applications WHERE id = $1"), args![id]).await
    }

    /// Applications of one account or one facility with everything their list shows, in one
    /// query (the queue position is a correlated count on the queue index).
    pub async fn list_applications(&self, of: ApplicationsOf) -> Result<Vec<ListedApplication>, StoreError> {
        let columns = APPLICATION_COLUMNS.split(", ").map(|c| format!("a.{c}")).collect::<Vec<_>>().join(", ");
        let (filter, id, limit) = match of {
            ApplicationsOf::Account(id) => ("a.account_id", id, ""),
            ApplicationsOf::Facility(id) => ("a.facility_id", id, " LIMIT 500"),
        };
        let sql = format!(
            "SELECT {columns}, c.level, f.name AS facility_name, ch.name AS child_name, acc.phone AS family_phone, \
               CASE WHEN a.state = 'waitlisted' THEN (SELECT COUNT(*) FROM applications q WHERE q.class_id = a.class_id \
                 AND q.state = 'waitlisted' AND (q.queued_at < a.queued_at OR (q.queued_at = a.queued_at AND q.id <= a.id))) END AS position \
             FROM applications a JOIN classes c ON c.id = a.class_id JOIN facilities f ON f.id = a.facility_id \
             JOIN accounts acc ON acc.id = a.account_id LEFT JOIN children ch ON ch.id = a.child_id \
             WHERE {filter} = $1 ORDER BY a.id DESC{limit}"
        );
        self.db().fetch_all("list applications", &sql, args![id]).await
    }

    /// Open applications of a child (to refuse deleting a child that still holds any).
    pub async fn open_applications_of_child(&self, child_id: i64) -> Result<u64, StoreError> {
        let count: CountRow = self
            .db()
            .fetch_one(
                "count child's open applications",
                "SELECT COUNT(*) AS n FROM applications WHERE child_id = $1 AND state IN ('offered', 'confirmed', 'waitlisted')",
                args![child_id],
            )
            .await?;
        Ok(count.n as u64)
    }

    // ---- background work -----------------------------------------------------------------

    /// Expires offers past their time and lapses queue entries not renewed, each in its own
    /// transaction that first claims the row with a conditional update, so two server instances
    /// running this at once never act twice. Returns how many changed.
    pub async fn run_due_work(&self, now: Timestamp, offer_hours: i64) -> Result<u64, StoreError> {
        #[derive(sqlx::FromRow)]
        struct Due {
            id: i64,
        }
        let expiring: Vec<Due> = self
            .db()
            .fetch_all("find expired offers", "SELECT id FROM applications WHERE state = 'offered' AND offered_until <= $1 ORDER BY id LIMIT 200", args![now.0])
            .await?;
        let lapsing: Vec<Due> = self
            .db()
            .fetch_all("find lapsed queue entries", "SELECT id FROM applications WHERE state = 'waitlisted' AND renew_by <= $1 ORDER BY id LIMIT 200", args![now.0])
            .await?;
        let mut changed = 0;
        for (due, event) in expiring.iter().map(|d| (d, ApplicationEvent::OfferExpires)).chain(lapsing.iter().map(|d| (d, ApplicationEvent::WaitlistLapses))) {
            let mut tx = self.db().begin_write().await?;
            if tx.backend() == super::Backend::Postgres {
                tx.fetch_optional::<ClassIdRow>(
                    "lock class of due application",
                    "SELECT id FROM classes WHERE id = (SELECT class_id FROM applications WHERE id = $1) FOR UPDATE",
                    args![due.id],
                )
                .await?;
            }
            // Re-check the deadline under the class lock: it may have been renewed meanwhile.
            let still_due: CountRow = tx
                .fetch_one(
                    "re-check deadline",
                    "SELECT COUNT(*) AS n FROM applications WHERE id = $1 AND ((state = 'offered' AND offered_until <= $2) OR (state = 'waitlisted' AND renew_by <= $2))",
                    args![due.id, now.0],
                )
                .await?;
            if still_due.n == 1 {
                if let ChangeOutcome::Changed { .. } = change_in_tx(&mut tx, due.id, Actor::System, event, None, now, offer_hours).await? {
                    changed += 1;
                }
            }
            tx.commit().await?;
        }
        // Remind families whose queue entry lapses soon, once.
        #[derive(sqlx::FromRow)]
        struct Remind {
            id: i64,
            account_id: i64,
            renew_by: i64,
        }
        let soon = now.0 + REMIND_DAYS_BEFORE * Timestamp::SECONDS_PER_DAY;
        let remind: Vec<Remind> = self
            .db()
            .fetch_all(
                "find entries to remind",
                "SELECT id, account_id, renew_by FROM applications WHERE state = 'waitlisted' AND renew_by <= $1 AND reminded_at IS NULL LIMIT 200",
                args![soon],
            )
            .await?;
        for entry in remind {
            let mut tx = self.db().begin_write().await?;
            let claimed = tx
                .execute("claim reminder", "UPDATE applications SET reminded_at = $1 WHERE id = $2 AND reminded_at IS NULL", args![now.0, entry.id])
                .await?;
            if claimed == 1 {
                notify(&mut tx, entry.account_id, "application.renew", &format!("application:{}", entry.id), serde_json::json!({ "renew_by": entry.renew_by }), now).await?;
            }
            tx.commit().await?;
        }
        Ok(changed)
    }

    // ---- slots ---------------------------------------------------------------------------

    pub async fn publish_slot(&self, op: &Operation, facility_id: i64, kind: SlotKind, starts_at: Timestamp, ends_at: Timestamp, capacity: u32, now: Timestamp) -> Result<SlotOutcome, StoreError> {
        let op_id = op.id.to_string();
        self.apply_once(op, now, move |tx| {
            let op_id = op_id.clone();
            Box::pin(async move {
                let row: IdRow = tx
                    .fetch_one(
                        "publish slot",
                        "INSERT INTO slots (facility_id, kind, starts_at, ends_at, capacity, op_id, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
                        args![facility_id, kind.code(), starts_at.0, ends_at.0, capacity, op_id, now.0],
                    )
                    .await?;
                Ok(SlotOutcome::Published { slot_id: row.id })
            })
        })
        .await
    }

    /// Upcoming slots of a facility (all kinds).
    pub async fn upcoming_slots(&self, facility_id: i64, now: Timestamp) -> Result<Vec<SlotRow>, StoreError> {
        self.db()
            .fetch_all(
                "list slots",
                "SELECT id, facility_id, kind, starts_at, ends_at, capacity, booked FROM slots WHERE facility_id = $1 AND starts_at > $2 ORDER BY starts_at, id LIMIT 200",
                args![facility_id, now.0],
            )
            .await
    }

    pub async fn slot(&self, id: i64) -> Result<Option<SlotRow>, StoreError> {
        self.db().fetch_optional("read slot", "SELECT id, facility_id, kind, starts_at, ends_at, capacity, booked FROM slots WHERE id = $1", args![id]).await
    }

    /// Books a place in a slot for a child of `account_id`.
    pub async fn book_slot(&self, op: &Operation, account_id: i64, slot_id: i64, child_id: i64, now: Timestamp) -> Result<SlotOutcome, StoreError> {
        let op_id = op.id.to_string();
        self.apply_once(op, now, move |tx| {
            let op_id = op_id.clone();
            Box::pin(async move {
                let child: Option<ChildBirth> = tx
                    .fetch_optional("read child for slot", "SELECT birth_date FROM children WHERE id = $1 AND account_id = $2", args![child_id, account_id])
                    .await?;
                if child.is_none() {
                    return Ok(SlotOutcome::NotFound);
                }
                let slot: Option<SlotRow> = tx
                    .fetch_optional("read slot", "SELECT id, facility_id, kind, starts_at, ends_at, capacity, booked FROM slots WHERE id = $1", args![slot_id])
                    .await?;
                let Some(slot) = slot else { return Ok(SlotOutcome::NotFound) };
                if slot.starts_at <= now.0 {
                    return Ok(SlotOutcome::Past);
                }
                let existing: CountRow = tx
                    .fetch_one("find slot booking", "SELECT COUNT(*) AS n FROM slot_bookings WHERE slot_id = $1 AND child_id = $2 AND state = 'booked'", args![slot_id, child_id])
                    .await?;
                if existing.n > 0 {
                    return Ok(SlotOutcome::AlreadyBooked);
                }
                let taken = tx.execute("take a slot place", "UPDATE slots SET booked = booked + 1 WHERE id = $1 AND booked < capacity", args![slot_id]).await?;
                if taken != 1 {
                    return Ok(SlotOutcome::Full);
                }
                let row: IdRow = tx
                    .fetch_one(
                        "record slot booking",
                        "INSERT INTO slot_bookings (slot_id, account_id, child_id, state, op_id, created_at, updated_at) VALUES ($1, $2, $3, 'booked', $4, $5, $6) RETURNING id",
                        args![slot_id, account_id, child_id, op_id, now.0, now.0],
                    )
                    .await?;
                notify(tx, account_id, &format!("slot.booked.{}", slot.kind), &format!("slot_booking:{}", row.id), serde_json::json!({ "starts_at": slot.starts_at }), now).await?;
                Ok(SlotOutcome::Booked { booking_id: row.id })
            })
        })
        .await
    }

    pub async fn cancel_slot_booking(&self, op: &Operation, account_id: i64, booking_id: i64, now: Timestamp) -> Result<SlotOutcome, StoreError> {
        self.apply_once(op, now, move |tx| {
            Box::pin(async move {
                let booking: Option<SlotBookingRow> = tx
                    .fetch_optional(
                        "read slot booking",
                        "SELECT b.id, b.slot_id, b.account_id, b.child_id, b.state, s.facility_id, s.kind, s.starts_at, s.ends_at \
                         FROM slot_bookings b JOIN slots s ON s.id = b.slot_id WHERE b.id = $1",
                        args![booking_id],
                    )
                    .await?;
                let Some(booking) = booking.filter(|b| b.account_id == account_id) else { return Ok(SlotOutcome::NotFound) };
                if booking.state != "booked" {
                    return Ok(SlotOutcome::Cancelled);
                }
                if !crate::domain::booking::may_cancel_slot(Timestamp(booking.starts_at), now) {
                    return Ok(SlotOutcome::TooLate);
                }
                let changed = tx
                    .execute("cancel slot booking", "UPDATE slot_bookings SET state = 'cancelled', updated_at = $1 WHERE id = $2 AND state = 'booked'", args![now.0, booking_id])
                    .await?;
                if changed == 1 {
                    tx.execute("release slot place", "UPDATE slots SET booked = booked - 1 WHERE id = $1 AND booked > 0", args![booking.slot_id]).await?;
                }
                Ok(SlotOutcome::Cancelled)
            })
        })
        .await
    }

    const SLOT_BOOKING_LIST: &'static str = "SELECT b.id, b.slot_id, b.account_id, b.child_id, b.state, s.facility_id, s.kind, s.starts_at, s.ends_at, \
         f.name AS facility_name, ch.name AS child_name \
         FROM slot_bookings b JOIN slots s ON s.id = b.slot_id JOIN facilities f ON f.id = s.facility_id LEFT JOIN children ch ON ch.id = b.child_id";

    pub async fn slot_bookings_of_account(&self, account_id: i64) -> Result<Vec<ListedSlotBooking>, StoreError> {
        let sql = format!("{} WHERE b.account_id = $1 ORDER BY s.starts_at DESC LIMIT 200", Self::SLOT_BOOKING_LIST);
        self.db().fetch_all("list my slot bookings", &sql, args![account_id]).await
    }

    pub async fn slot_bookings_of_facility(&self, facility_id: i64, now: Timestamp) -> Result<Vec<ListedSlotBooking>, StoreError> {
        let sql = format!("{} WHERE s.facility_id = $1 AND s.ends_at > $2 AND b.state = 'booked' ORDER BY s.starts_at LIMIT 500", Self::SLOT_BOOKING_LIST);
        self.db().fetch_all("list facility slot bookings", &sql, args![facility_id, now.0]).await
    }

    // ---- notices -------------------------------------------------------------------------

    pub async fn notices_of(&self, account_id: i64) -> Result<Vec<NoticeRow>, StoreError> {
        self.db()
            .fetch_all(
                "list notices",
                "SELECT id, kind, subject, params, created_at, read_at FROM notices WHERE account_id = $1 ORDER BY id DESC LIMIT 100",
                args![account_id],
            )
            .await
    }

    pub async fn mark_notices_read(&self, account_id: i64, now: Timestamp) -> Result<(), StoreError> {
        self.db().execute("mark notices read", "UPDATE notices SET read_at = $1 WHERE account_id = $2 AND read_at IS NULL", args![now.0, account_id]).await?;
        Ok(())
    }
}
