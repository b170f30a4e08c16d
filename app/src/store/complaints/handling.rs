//! The departments' steps on a complaint, the operator's explanation and the family's verdict.
//! Each is decided by `domain::complaint::state` on the state read in the transaction and
//! applied by one UPDATE conditional on that state, so two departments acting at once cannot
//! both move it; a step that lost such a race is refused as "not in this state".

use serde::{Deserialize, Serialize};

use super::{assign, department_list, record_event, write_inbox_order};
use crate::args;
use crate::domain::account::roles::Department;
use crate::domain::calendar::Timestamp;
use crate::domain::complaint::deadline::{Clock, Limits};
use crate::domain::complaint::handling::{Event, Step};
use crate::domain::complaint::routing::LEAD_DEPARTMENT;
use crate::domain::complaint::state::{after_verdict, transition, verdict_open_until, Handler, Satisfaction, Standing, State};
use crate::domain::complaint::{ComplaintRefusal, Kind};
use crate::store::db::{IdRow, Tx};
use crate::store::operations::Operation;
use crate::store::{Store, StoreError};

/// A supervisor acting for their department.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct StaffActor {
    pub account_id: i64,
    pub department: Department,
}

/// What a step did.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum HandlingOutcome {
    Done { state: State },
    Refused(ComplaintRefusal),
    /// No such complaint, or not one this department (or facility, or family) may see.
    NotFound,
}

#[derive(sqlx::FromRow)]
struct CurrentRow {
    kind: String,
    urgent: bool,
    facility_id: Option<i64>,
    state: String,
    state_since: i64,
    reply_clock_from: i64,
    extension_days: i64,
    replied_at: Option<i64>,
    verdict: Option<String>,
    reopened: bool,
}

#[derive(sqlx::FromRow)]
struct DepartmentRow {
    department: String,
}

impl CurrentRow {
    fn state(&self) -> Result<State, StoreError> {
        State::from_code(&self.state).ok_or_else(|| StoreError::Corrupt(format!("complaint state {:?}", self.state)))
    }

    fn clock(&self, state_since: Timestamp, reply_clock_from: Timestamp, extension_days: u32) -> Result<Clock, StoreError> {
        let kind = Kind::from_code(&self.kind).ok_or_else(|| StoreError::Corrupt(format!("complaint kind {:?}", self.kind)))?;
        Ok(Clock { kind, urgent: self.urgent, state_since, reply_clock_from, extension_working_days: extension_days })
    }
}

async fn current(tx: &mut Tx, complaint_id: i64) -> Result<Option<CurrentRow>, StoreError> {
    tx.fetch_optional(
        "read complaint for a step",
        "SELECT kind, urgent, facility_id, state, state_since, reply_clock_from, extension_days, replied_at, verdict, reopened FROM complaints WHERE id = $1",
        args![complaint_id],
    )
    .await
}

async fn departments_of(tx: &mut Tx, complaint_id: i64) -> Result<Vec<Department>, StoreError> {
    let rows: Vec<DepartmentRow> =
        tx.fetch_all("read complaint departments", "SELECT department FROM complaint_departments WHERE complaint_id = $1", args![complaint_id]).await?;
    Ok(rows.iter().filter_map(|r| Department::from_code(&r.department)).collect())
}

/// Tells a department something about a complaint (e.g. the lead: it was reopened, or is late).
pub(crate) async fn notify_department(tx: &mut Tx, department: Department, kind: &str, complaint_id: i64, now: Timestamp) -> Result<(), StoreError> {
    tx.execute(
        "notify department",
        "INSERT INTO department_notices (department, kind, complaint_id, created_at) VALUES ($1, $2, $3, $4)",
        args![department.code(), kind, complaint_id, now.0],
    )
    .await?;
    Ok(())
}

impl Store {
    /// A department takes `step` on a complaint.
    pub async fn complaint_step(&self, op: &Operation, actor: StaffActor, complaint_id: i64, step: &Step, limits: &Limits, now: Timestamp) -> Result<HandlingOutcome, StoreError> {
        let (step, limits) = (step.clone(), *limits);
        self.apply_once(op, now, move |tx| {
            let step = step.clone();
            Box::pin(async move { take_step(tx, actor, complaint_id, &step, &limits, now).await })
        })
        .await
    }

    /// The facility's operator answers the department (about its own facility only).
    pub async fn explain_complaint(&self, op: &Operation, facility_id: i64, account_id: i64, complaint_id: i64, text: &str, now: Timestamp) -> Result<HandlingOutcome, StoreError> {
        let text = text.to_string();
        self.apply_once(op, now, move |tx| {
            let text = text.clone();
            Box::pin(async move {
                let Some(row) = current(tx, complaint_id).await? else { return Ok(HandlingOutcome::NotFound) };
                if row.facility_id != Some(facility_id) {
                    return Ok(HandlingOutcome::NotFound);
                }
                let state = row.state()?;
                if !matches!(state, State::Pending | State::Dispatched | State::Accepted) {
                    return Ok(HandlingOutcome::Refused(ComplaintRefusal::NotInThisState));
                }
                record_event(tx, complaint_id, Event::Explained, "operator", (None, Some(account_id)), Some(&text), None, now).await?;
                Ok(HandlingOutcome::Done { state })
            })
        })
        .await
    }

    /// The family's verdict on the answer (the caller has checked it is the family's).
    pub async fn complaint_verdict(&self, op: &Operation, complaint_id: i64, verdict: Satisfaction, limits: &Limits, now: Timestamp) -> Result<HandlingOutcome, StoreError> {
        let limits = *limits;
        self.apply_once(op, now, move |tx| Box::pin(async move { give_verdict(tx, complaint_id, verdict, &limits, now).await })).await
    }
}

async fn take_step(tx: &mut Tx, actor: StaffActor, complaint_id: i64, step: &Step, limits: &Limits, now: Timestamp) -> Result<HandlingOutcome, StoreError> {
    let Some(row) = current(tx, complaint_id).await? else { return Ok(HandlingOutcome::NotFound) };
    let assigned = departments_of(tx, complaint_id).await?;
    let handler = Handler { lead: actor.department == LEAD_DEPARTMENT, assigned: assigned.contains(&actor.department) };
    if !handler.lead && !handler.assigned {
        return Ok(HandlingOutcome::NotFound);
    }
    let state = row.state()?;
    let standing = Standing { state, extended: row.extension_days > 0 };
    let next = match transition(standing, step.action(), handler) {
        Ok(next) => next,
        Err(refusal) => return Ok(HandlingOutcome::Refused(refusal)),
    };
    let unchanged_since = Timestamp(row.state_since);
    let since = if next == state { unchanged_since } else { now };
    let reply_from = Timestamp(row.reply_clock_from);
    let mut extension_days = row.extension_days as u32;
    let mut detail = None;
    let mut merged_into: Option<i64> = None;
    match step {
        Step::Dispatch { departments, .. } => detail = Some(department_list(departments)),
        Step::Extend { working_days, .. } => {
            extension_days = *working_days;
            detail = Some(working_days.to_string());
        }
        Step::Close { finding, .. } => detail = Some(finding.code().to_string()),
        Step::Merge { into, .. } => {
            let target: Option<IdRow> = tx
                .fetch_optional(
                    "find merge target",
                    "SELECT id FROM complaints WHERE code = $1 AND id <> $2 AND state NOT IN ('merged', 'closed')",
                    args![into.as_str(), complaint_id],
                )
                .await?;
            let Some(target) = target else { return Ok(HandlingOutcome::Refused(ComplaintRefusal::BadMerge)) };
            merged_into = Some(target.id);
            detail = Some(into.as_str().to_string());
        }
        Step::AskFacility { .. } if row.facility_id.is_none() => return Ok(HandlingOutcome::Refused(ComplaintRefusal::NotInThisState)),
        _ => {}
    }
    let due = limits.due(next, row.clock(since, reply_from, extension_days)?).map(|t| t.0);
    let (reply, finding, action_taken) = match step {
        Step::Reply { text } => (Some(text.clone()), None, None),
        Step::Close { finding, action_taken } => (None, Some(finding.code().to_string()), Some(action_taken.clone())),
        _ => (None, None, None),
    };
    // Asking the facility keeps the deadline running, and its overdue mark: it does not make a
    // late complaint on time. Every other step sets a new deadline.
    let keeps_deadline = matches!(step, Step::AskFacility { .. });
    // One conditional UPDATE on the state (and extension) this step was decided from.
    let changed = tx
        .execute(
            "apply complaint step",
            "UPDATE complaints SET state = $1, state_since = $2, due_at = $3, extension_days = $4, \
               overdue_at = CASE WHEN $5 THEN overdue_at ELSE NULL END, \
               reply_text = COALESCE($6, reply_text), replied_at = CASE WHEN $6 IS NULL THEN replied_at ELSE $7 END, \
               finding = COALESCE($8, finding), action_taken = COALESCE($9, action_taken), closed_at = CASE WHEN $8 IS NULL THEN closed_at ELSE $7 END, \
               merged_into = COALESCE($10, merged_into) \
             WHERE id = $11 AND state = $12 AND extension_days = $13",
            args![
                next.code(), since.0, due, extension_days as i64, keeps_deadline, reply, now.0, finding, action_taken, merged_into,
                complaint_id, state.code(), row.extension_days
            ],
        )
        .await?;
    if changed != 1 {
        return Ok(HandlingOutcome::Refused(ComplaintRefusal::NotInThisState));
    }
    if let Step::Dispatch { departments, .. } = step {
        assign(tx, complaint_id, departments).await?;
    }
    write_inbox_order(tx, complaint_id, next, due).await?;
    let by = (Some(actor.department), Some(actor.account_id));
    record_event(tx, complaint_id, Event::of(step.action()), "department", by, step.text(), detail, now).await?;
    Ok(HandlingOutcome::Done { state: next })
}

async fn give_verdict(tx: &mut Tx, complaint_id: i64, verdict: Satisfaction, limits: &Limits, now: Timestamp) -> Result<HandlingOutcome, StoreError> {
    let Some(row) = current(tx, complaint_id).await? else { return Ok(HandlingOutcome::NotFound) };
    let state = row.state()?;
    let next = match after_verdict(state, row.verdict.is_some(), row.reopened, verdict) {
        Ok(next) => next,
        Err(refusal) => return Ok(HandlingOutcome::Refused(refusal)),
    };
    if row.replied_at.is_some_and(|replied| now > verdict_open_until(Timestamp(replied))) {
        return Ok(HandlingOutcome::Refused(ComplaintRefusal::VerdictWindowClosed));
    }
    // Reopened to the lead department: a new answer is due, counted from now.
    let due = limits.due(next, row.clock(now, now, 0)?).map(|t| t.0);
    let changed = if next == State::Pending {
        tx.execute(
            "reopen complaint",
            "UPDATE complaints SET state = 'pending', state_since = $1, reply_clock_from = $1, due_at = $2, overdue_at = NULL, extension_days = 0, \
               finding = NULL, closed_at = NULL, verdict = NULL, verdict_at = NULL, reopened = $3 \
             WHERE id = $4 AND state = $5 AND verdict IS NULL AND reopened = $6",
            args![now.0, due, true, complaint_id, state.code(), false],
        )
        .await?
    } else {
        tx.execute(
            "record verdict",
            "UPDATE complaints SET verdict = $1, verdict_at = $2 WHERE id = $3 AND state = $4 AND verdict IS NULL",
            args![verdict.code(), now.0, complaint_id, state.code()],
        )
        .await?
    };
    if changed != 1 {
        return Ok(HandlingOutcome::Refused(ComplaintRefusal::VerdictAlreadyGiven));
    }
    record_event(tx, complaint_id, Event::Verdict, "family", (None, None), None, Some(verdict.code().to_string()), now).await?;
    if next == State::Pending {
        write_inbox_order(tx, complaint_id, next, due).await?;
        record_event(tx, complaint_id, Event::Reopened, "system", (None, None), None, None, now).await?;
        notify_department(tx, LEAD_DEPARTMENT, "complaint.reopened", complaint_id, now).await?;
    }
    Ok(HandlingOutcome::Done { state: next })
}
