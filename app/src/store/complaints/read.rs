//! Reading complaints, shaped for who is asking: the family (its timeline without the internal
//! handling), the departments it was sent to (everything, photos included), the facility's
//! operator (what is said about it, never who said it), and everyone (the count of verified
//! complaints on a facility's page).

use serde::{Deserialize, Serialize};

use crate::args;
use crate::domain::account::roles::Department;
use crate::domain::calendar::Timestamp;
use crate::domain::complaint::handling::Event;
use crate::domain::complaint::routing::Category;
use crate::domain::complaint::state::{Finding, Satisfaction, State};
use crate::domain::complaint::Kind;
use crate::domain::geo::GeoPoint;
use crate::domain::rating::text::mask_contacts;
use crate::store::{Store, StoreError};

/// Who a complaint is shown to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Audience {
    /// Its author (signed in, or with code and password).
    Family,
    /// A department it was sent to, or the lead department.
    Department,
    /// The operator of the facility it is about.
    Operator,
}

/// One entry of the timeline.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TimelineEntry {
    pub event: Event,
    pub at: Timestamp,
    /// The department that acted, if one did.
    pub department: Option<Department>,
    pub text: Option<String>,
    /// Dispatches: department codes; extensions: working days; verdicts and findings: codes.
    pub detail: Option<String>,
}

/// A complaint as one audience sees it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ComplaintView {
    pub id: i64,
    pub code: String,
    pub kind: Kind,
    pub category: Category,
    pub urgent: bool,
    pub facility_id: Option<i64>,
    /// The facility's name, or the unlisted place's name.
    pub place_name: String,
    pub place_address: Option<String>,
    /// The point marked on the map for a place not in the directory (not for operators).
    pub place_point: Option<GeoPoint>,
    pub occurred_on: String,
    pub description: String,
    pub state: State,
    pub due_at: Option<Timestamp>,
    pub filed_at: Timestamp,
    pub extension_days: i64,
    /// Dispatched to, the replying department first.
    pub departments: Vec<Department>,
    pub reply: Option<String>,
    pub replied_at: Option<Timestamp>,
    pub finding: Option<Finding>,
    pub verdict: Option<Satisfaction>,
    /// Filed without an account.
    pub anonymous: bool,
    /// Photo positions (1–3): departments only.
    pub photos: Vec<i64>,
    pub timeline: Vec<TimelineEntry>,
}

/// A line of a list of complaints: a department's inbox, a family's own, a facility's.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ComplaintItem {
    pub id: i64,
    pub code: String,
    pub kind: Kind,
    pub category: Category,
    pub urgent: bool,
    pub place_name: String,
    pub state: State,
    pub due_at: Option<Timestamp>,
    pub filed_at: Timestamp,
}

/// A verified complaint as a facility's page lists it: category and month only.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct VerifiedComplaint {
    pub category: Category,
    pub closed_at: Timestamp,
}

/// What access checks need to know about a complaint.
#[derive(Clone, Debug, PartialEq)]
pub struct ComplaintAccess {
    pub id: i64,
    pub account_id: Option<i64>,
    pub facility_id: Option<i64>,
    pub departments: Vec<Department>,
    pub op_id: String,
    pub password_hash: Option<String>,
}

#[derive(sqlx::FromRow)]
struct ComplaintRow {
    id: i64,
    code: String,
    kind: String,
    category: String,
    urgent: bool,
    facility_id: Option<i64>,
    facility_name: Option<String>,
    place_name: Option<String>,
    place_address: Option<String>,
    place_lon: Option<f64>,
    place_lat: Option<f64>,
    occurred_on: String,
    description: String,
    account_id: Option<i64>,
    state: String,
    due_at: Option<i64>,
    filed_at: i64,
    extension_days: i64,
    reply_text: Option<String>,
    replied_at: Option<i64>,
    finding: Option<String>,
    verdict: Option<String>,
}

#[derive(sqlx::FromRow)]
struct DepartmentRow {
    department: String,
}

#[derive(sqlx::FromRow)]
struct EventRow {
    action: String,
    at: i64,
    department: Option<String>,
    text: Option<String>,
    detail: Option<String>,
}

#[derive(sqlx::FromRow)]
struct ListRow {
    id: i64,
    code: String,
    kind: String,
    category: String,
    urgent: bool,
    place: String,
    state: String,
    due_at: Option<i64>,
    filed_at: i64,
}

#[derive(sqlx::FromRow)]
struct AccessRow {
    id: i64,
    account_id: Option<i64>,
    facility_id: Option<i64>,
    op_id: String,
    password_hash: Option<String>,
}

#[derive(sqlx::FromRow)]
struct VerifiedRow {
    category: String,
    closed_at: i64,
}

#[derive(sqlx::FromRow)]
pub(crate) struct PhotoRow {
    pub mime: String,
    pub bytes: Vec<u8>,
}

#[derive(sqlx::FromRow)]
struct PositionRow {
    position: i64,
}

fn corrupt(what: &str, value: &str) -> StoreError {
    StoreError::Corrupt(format!("complaint {what} {value:?}"))
}

fn coded<T>(what: &str, value: &str, parse: fn(&str) -> Option<T>) -> Result<T, StoreError> {
    parse(value).ok_or_else(|| corrupt(what, value))
}

/// The place a complaint is about, as lists show it: the facility's name or the unlisted place's.
const PLACE_SQL: &str = "COALESCE(f.name, c.place_name, '')";

impl ListRow {
    fn into_item(self) -> Result<ComplaintItem, StoreError> {
        Ok(ComplaintItem {
            id: self.id,
            code: self.code,
            kind: coded("kind", &self.kind, Kind::from_code)?,
            category: coded("category", &self.category, Category::from_code)?,
            urgent: self.urgent,
            place_name: self.place,
            state: coded("state", &self.state, State::from_code)?,
            due_at: self.due_at.map(Timestamp),
            filed_at: Timestamp(self.filed_at),
        })
    }
}

impl Store {
    /// Who may see a complaint: its author, its facility, its departments, and its credentials.
    pub async fn complaint_access(&self, complaint_id: i64) -> Result<Option<ComplaintAccess>, StoreError> {
        let row: Option<AccessRow> = self
            .db()
            .fetch_optional("read complaint access", "SELECT id, account_id, facility_id, op_id, password_hash FROM complaints WHERE id = $1", args![complaint_id])
            .await?;
        let Some(row) = row else { return Ok(None) };
        let departments = self.complaint_departments(row.id).await?;
        Ok(Some(ComplaintAccess { id: row.id, account_id: row.account_id, facility_id: row.facility_id, departments, op_id: row.op_id, password_hash: row.password_hash }))
    }

    /// The complaint with this tracking code, for the lookup (`None`: no such code).
    pub async fn complaint_by_code(&self, code: &str) -> Result<Option<ComplaintAccess>, StoreError> {
        #[derive(sqlx::FromRow)]
        struct Found {
            id: i64,
        }
        let found: Option<Found> = self.db().fetch_optional("find complaint by code", "SELECT id FROM complaints WHERE code = $1", args![code]).await?;
        match found {
            Some(found) => self.complaint_access(found.id).await,
            None => Ok(None),
        }
    }

    async fn complaint_departments(&self, complaint_id: i64) -> Result<Vec<Department>, StoreError> {
        let rows: Vec<DepartmentRow> = self
            .db()
            .fetch_all(
                "read complaint departments",
                "SELECT department FROM complaint_departments WHERE complaint_id = $1 ORDER BY replying DESC, department",
                args![complaint_id],
            )
            .await?;
        rows.iter().map(|r| coded("department", &r.department, Department::from_code)).collect()
    }

    /// A complaint as `audience` sees it (the caller has checked that it may).
    pub async fn complaint_view(&self, complaint_id: i64, audience: Audience) -> Result<Option<ComplaintView>, StoreError> {
        let row: Option<ComplaintRow> = self
            .db()
            .fetch_optional(
                "read complaint",
                "SELECT c.id, c.code, c.kind, c.category, c.urgent, c.facility_id, f.name AS facility_name, c.place_name, c.place_address, \
                 c.place_lon, c.place_lat, c.occurred_on, c.description, c.account_id, c.state, c.due_at, c.filed_at, c.extension_days, c.reply_text, c.replied_at, \
                 c.finding, c.verdict FROM complaints c LEFT JOIN facilities f ON f.id = c.facility_id WHERE c.id = $1",
                args![complaint_id],
            )
            .await?;
        let Some(row) = row else { return Ok(None) };
        let departments = self.complaint_departments(row.id).await?;
        let events: Vec<EventRow> = self
            .db()
            .fetch_all(
                "read complaint timeline",
                "SELECT action, at, department, text, detail FROM complaint_events WHERE complaint_id = $1 ORDER BY id",
                args![row.id],
            )
            .await?;
        let photos: Vec<PositionRow> = if audience == Audience::Department {
            self.db().fetch_all("list complaint photos", "SELECT position FROM complaint_photos WHERE complaint_id = $1 ORDER BY position", args![row.id]).await?
        } else {
            Vec::new()
        };
        let mut timeline = Vec::with_capacity(events.len());
        for event in events {
            let kind = coded("event", &event.action, Event::from_code)?;
            let shown = match audience {
                Audience::Department => true,
                Audience::Family => kind.shown_to_family(),
                // The operator sees its own exchange with the department, nothing else.
                Audience::Operator => matches!(kind, Event::AskedFacility | Event::Explained),
            };
            if !shown {
                continue;
            }
            let words = audience != Audience::Family || kind.words_shown_to_family();
            timeline.push(TimelineEntry {
                event: kind,
                at: Timestamp(event.at),
                department: event.department.as_deref().map(|d| coded("department", d, Department::from_code)).transpose()?,
                text: if words { event.text } else { None },
                detail: event.detail,
            });
        }
        let description = match audience {
            // Whatever identifies the family in its own words is masked for the facility.
            Audience::Operator => mask_contacts(&row.description),
            _ => row.description,
        };
        Ok(Some(ComplaintView {
            id: row.id,
            code: row.code,
            kind: coded("kind", &row.kind, Kind::from_code)?,
            category: coded("category", &row.category, Category::from_code)?,
            urgent: row.urgent,
            facility_id: row.facility_id,
            place_name: row.facility_name.or(row.place_name).unwrap_or_default(),
            place_address: row.place_address,
            place_point: match (audience, row.place_lon, row.place_lat) {
                (Audience::Family | Audience::Department, Some(lon), Some(lat)) => Some(GeoPoint { lon, lat }),
                _ => None,
            },
            occurred_on: row.occurred_on,
            description,
            state: coded("state", &row.state, State::from_code)?,
            due_at: row.due_at.map(Timestamp),
            filed_at: Timestamp(row.filed_at),
            extension_days: row.extension_days,
            departments,
            reply: row.reply_text,
            replied_at: row.replied_at.map(Timestamp),
            finding: row.finding.as_deref().map(|f| coded("finding", f, Finding::from_code)).transpose()?,
            verdict: row.verdict.as_deref().map(|v| coded("verdict", v, Satisfaction::from_code)).transpose()?,
            // The facility is not told even whether the family gave its name.
            anonymous: audience != Audience::Operator && row.account_id.is_none(),
            photos: photos.into_iter().map(|p| p.position).collect(),
            timeline,
        }))
    }

    /// A family's own complaints, newest first.
    pub async fn complaints_of_account(&self, account_id: i64) -> Result<Vec<ComplaintItem>, StoreError> {
        self.complaint_list("list own complaints", "c.account_id = $1", account_id).await
    }

    /// The complaints about a facility, newest first (for its operator: no author in them).
    pub async fn complaints_about_facility(&self, facility_id: i64) -> Result<Vec<ComplaintItem>, StoreError> {
        self.complaint_list("list facility complaints", "c.facility_id = $1", facility_id).await
    }

    async fn complaint_list(&self, what: &'static str, filter: &str, id: i64) -> Result<Vec<ComplaintItem>, StoreError> {
        let rows: Vec<ListRow> = self
            .db()
            .fetch_all(
                what,
                &format!(
                    "SELECT c.id, c.code, c.kind, c.category, c.urgent, {PLACE_SQL} AS place, c.state, c.due_at, c.filed_at \
                     FROM complaints c LEFT JOIN facilities f ON f.id = c.facility_id WHERE {filter} ORDER BY c.id DESC LIMIT 200"
                ),
                args![id],
            )
            .await?;
        rows.into_iter().map(ListRow::into_item).collect()
    }

    /// A department's open complaints, the most urgent deadline first (overdue ones on top);
    /// the lead department's inbox holds every open complaint.
    pub async fn complaint_inbox(&self, department: Department, lead: bool, limit: u32, offset: u32) -> Result<Vec<ComplaintItem>, StoreError> {
        let columns = format!("c.id, c.code, c.kind, c.category, c.urgent, {PLACE_SQL} AS place, c.state, c.due_at, c.filed_at");
        // Both walk an index in inbox order and stop after a page (see the migration).
        let rows: Vec<ListRow> = if lead {
            let sql = format!(
                "SELECT {columns} FROM complaints c LEFT JOIN facilities f ON f.id = c.facility_id \
                 WHERE c.inbox_order IS NOT NULL ORDER BY c.inbox_order, c.id LIMIT $1 OFFSET $2"
            );
            self.db().fetch_all("read lead complaint inbox", &sql, args![limit, offset]).await?
        } else {
            let sql = format!(
                "SELECT {columns} FROM complaint_departments d JOIN complaints c ON c.id = d.complaint_id LEFT JOIN facilities f ON f.id = c.facility_id \
                 WHERE d.department = $1 AND d.inbox_order IS NOT NULL ORDER BY d.inbox_order, d.complaint_id LIMIT $2 OFFSET $3"
            );
            self.db().fetch_all("read complaint inbox", &sql, args![department.code(), limit, offset]).await?
        };
        rows.into_iter().map(ListRow::into_item).collect()
    }

    /// A facility's complaints closed as substantiated or partly substantiated since `since`.
    pub async fn verified_complaints(&self, facility_id: i64, since: Timestamp) -> Result<Vec<VerifiedComplaint>, StoreError> {
        let rows: Vec<VerifiedRow> = self
            .db()
            .fetch_all(
                "list verified complaints",
                "SELECT category, closed_at FROM complaints WHERE facility_id = $1 AND closed_at >= $2 \
                 AND state = 'closed' AND finding IN ('substantiated', 'partly_substantiated') ORDER BY closed_at DESC",
                args![facility_id, since.0],
            )
            .await?;
        rows.into_iter().map(|r| Ok(VerifiedComplaint { category: coded("category", &r.category, Category::from_code)?, closed_at: Timestamp(r.closed_at) })).collect()
    }

    /// One photo of a complaint (the caller has checked the department may see it).
    pub async fn complaint_photo(&self, complaint_id: i64, position: i64) -> Result<Option<(String, Vec<u8>)>, StoreError> {
        let row: Option<PhotoRow> = self
            .db()
            .fetch_optional("read complaint photo", "SELECT mime, bytes FROM complaint_photos WHERE complaint_id = $1 AND position = $2", args![complaint_id, position])
            .await?;
        Ok(row.map(|r| (r.mime, r.bytes)))
    }
}
