//! The family's side: filing, looking up ("马上查"), its own list, the verdict, and what a
//! facility's page shows everyone.

#[cfg(feature = "ssr")]
pub mod server {
    use data_encoding::BASE64;

    use super::super::*;
    use crate::api::limits::server::{refund, take, Limit};
    use crate::auth::secrets::{constant_time_eq, keyed_hash, random_bytes, sha256_hex};
    use crate::domain::account::roles::{Role, Viewer};
    use crate::domain::calendar::{CivilDate, Timestamp, YearMonth};
    use crate::domain::complaint::deadline::{countdown, Countdown};
    use crate::domain::complaint::state::{verdict_open_until, Satisfaction, State};
    use crate::domain::complaint::tracking::{QueryPassword, TrackingCode, MAX_TRIES, TRY_WINDOW_SECS};
    use crate::domain::complaint::{routing, ComplaintRefusal, MAX_PHOTOS};
    use crate::domain::operation::OperationId;
    use crate::media::clean_photo;
    use crate::state::AppState;
    use crate::store::complaints::{Audience, Author, ComplaintAccess, ComplaintItem, ComplaintView, FilingOutcome, HandlingOutcome, NewComplaint};
    use crate::store::operations::Operation;

    /// Wrong passwords per code (any address), and lookups per address (any code).
    const TRIES_PER_CODE: Limit = Limit { max: MAX_TRIES as u64, window_s: TRY_WINDOW_SECS };
    const LOOKUPS_PER_ADDRESS: Limit = Limit { max: 60, window_s: 600 };
    /// The public count covers this many days back.
    const PUBLISHED_DAYS: i64 = 365;
    /// Attempts at a fresh tracking code if the random one is taken.
    const CODE_ATTEMPTS: usize = 3;

    /// The anonymous complaint's password: derived from the deployment's secret and the client's
    /// operation id, so a replayed submission shows the same password and none is stored.
    fn password_for(state: &AppState, op_id: &OperationId) -> QueryPassword {
        let digest = keyed_hash(&state.auth.secret, &format!("complaint-password:{}", op_id.as_str()));
        let number = u32::from_str_radix(&digest[..8], 16).unwrap_or(0);
        QueryPassword::new(number)
    }

    /// What is stored to check a password later (keyed: six digits alone would be guessable).
    fn password_hash(state: &AppState, op_id: &str, password: &QueryPassword) -> String {
        keyed_hash(&state.auth.secret, &format!("complaint-query:{op_id}:{}", password.as_str()))
    }

    fn deadline(due: Option<Timestamp>, now: Timestamp) -> Option<DeadlineView> {
        let due = due?;
        let weekdays_only = !crate::domain::workdays::has_schedule(CivilDate::in_china_at(due).year());
        Some(match countdown(due, now) {
            Countdown::WorkingDaysLeft(days) => DeadlineView { due_at: due.0, working_days_left: Some(days), overdue: false, weekdays_only },
            Countdown::Overdue => DeadlineView { due_at: due.0, working_days_left: None, overdue: true, weekdays_only },
        })
    }

    /// A stored view as the wire carries it, for `audience`, at `now`.
    pub(crate) fn detail(view: ComplaintView, audience: Audience, now: Timestamp) -> ComplaintDetail {
        let verdict_open_until = match (audience, view.state, view.verdict, view.replied_at) {
            (Audience::Family, State::Replied | State::Closed, None, Some(replied)) if now <= verdict_open_until(replied) => Some(verdict_open_until(replied).0),
            _ => None,
        };
        ComplaintDetail {
            id: view.id,
            code: view.code,
            kind: view.kind.code().into(),
            category: view.category.code().into(),
            urgent: view.urgent,
            facility_id: view.facility_id,
            place_name: view.place_name,
            place_address: view.place_address,
            place_lon: view.place_point.map(|p| p.lon),
            place_lat: view.place_point.map(|p| p.lat),
            occurred_on: view.occurred_on,
            description: view.description,
            state: view.state.code().into(),
            deadline: deadline(view.due_at, now),
            filed_at: view.filed_at.0,
            departments: view.departments.iter().map(|d| d.code().into()).collect(),
            reply: view.reply,
            finding: view.finding.map(|f| f.code().into()),
            verdict: view.verdict.map(|v| v.code().into()),
            verdict_open_until,
            anonymous: view.anonymous,
            photos: view.photos,
            timeline: view
                .timeline
                .into_iter()
                .map(|e| TimelineView { event: e.event.code().into(), at: e.at.0, department: e.department.map(|d| d.code().into()), text: e.text, detail: e.detail })
                .collect(),
        }
    }

    fn staff_refusal(viewer: Option<&Viewer>) -> Result<(), AppError> {
        match viewer.map(|v| v.role) {
            None | Some(Role::Parent) => Ok(()),
            Some(_) => Err(AppError::refused(ComplaintRefusal::StaffCannotFile)),
        }
    }

    pub async fn file(state: &AppState, viewer: Option<&Viewer>, client_ip: &str, input: FileComplaintInput) -> Result<ComplaintFiled, AppError> {
        staff_refusal(viewer)?;
        let now = state.clock.now();
        let draft = input.complaint.validate(CivilDate::in_china_at(now)).map_err(AppError::refused)?;
        if input.photos.len() > MAX_PHOTOS {
            return Err(AppError::refused(ComplaintRefusal::TooManyPhotos));
        }
        let op_id = OperationId::parse(&input.op_id).map_err(|_| AppError::bad_input("op_id"))?;
        let mut photos = Vec::with_capacity(input.photos.len());
        for photo in &input.photos {
            let bytes = BASE64.decode(photo.trim().as_bytes()).map_err(|_| AppError::refused(ComplaintRefusal::NotAPhoto))?;
            photos.push(clean_photo(&bytes).map_err(AppError::refused)?);
        }
        // The request as remembered for replays: the photos by their digest, not their bytes.
        let photo_digests: Vec<String> = input.photos.iter().map(|p| sha256_hex(p.trim())).collect();
        let (actor, author, password) = match viewer {
            Some(viewer) => (viewer.actor(), Author::Account(viewer.account_id), None),
            None => {
                let password = password_for(state, &op_id);
                ("anonymous".to_string(), Author::Anonymous { password_hash: password_hash(state, op_id.as_str(), &password) }, Some(password))
            }
        };
        let operation = Operation::new(op_id, actor, "complaint.file", &(&input.complaint, &photo_digests))?;
        let urgent = routing::is_urgent(draft.category);
        for attempt in 1..=CODE_ATTEMPTS {
            let seed = u64::from_le_bytes(random_bytes(8).try_into().unwrap_or([0; 8]));
            let complaint = NewComplaint {
                draft: draft.clone(),
                author: author.clone(),
                code: TrackingCode::new(CivilDate::in_china_at(now).year(), seed),
                photos: photos.clone(),
                client_address: client_ip.to_string(),
            };
            match state.store.file_complaint(&operation, &complaint, &state.complaint_limits, now).await {
                Ok(FilingOutcome::Filed { code, .. }) => return Ok(ComplaintFiled { code, password: password.map(|p| p.as_str().to_string()), urgent }),
                Ok(FilingOutcome::Refused(refusal)) => return Err(AppError::refused(refusal)),
                // Another complaint has this code (729 million a year): draw again.
                Err(e) if e.is_unique_violation() && attempt < CODE_ATTEMPTS => continue,
                Err(e) => return Err(e.into()),
            }
        }
        Err(AppError::Unavailable)
    }

    /// The complaint behind a code and password, or the one answer for every wrong pair.
    async fn by_credentials(state: &AppState, viewer: Option<&Viewer>, client_ip: &str, code: &str, password: &str) -> Result<ComplaintAccess, AppError> {
        take(state, &format!("complaint:lookup:{client_ip}"), LOOKUPS_PER_ADDRESS).await?;
        let mismatch = || AppError::refused(ComplaintRefusal::TrackingMismatch);
        let code = TrackingCode::parse(code).ok_or_else(mismatch)?;
        let found = state.store.complaint_by_code(code.as_str()).await?;
        // The signed-in author needs no password.
        if let (Some(found), Some(viewer)) = (&found, viewer) {
            if found.account_id == Some(viewer.account_id) {
                return Ok(found.clone());
            }
        }
        let tries_key = format!("complaint:tries:{}", code.as_str());
        take(state, &tries_key, TRIES_PER_CODE).await?;
        let typed = QueryPassword::parse(password).ok_or_else(mismatch)?;
        let Some(found) = found else { return Err(mismatch()) };
        let Some(stored) = &found.password_hash else { return Err(mismatch()) };
        if !constant_time_eq(stored, &password_hash(state, &found.op_id, &typed)) {
            return Err(mismatch());
        }
        refund(state, &tries_key).await?;
        Ok(found)
    }

    async fn family_detail(state: &AppState, complaint_id: i64) -> Result<ComplaintDetail, AppError> {
        let view = state.store.complaint_view(complaint_id, Audience::Family).await?.ok_or(AppError::NotFound)?;
        Ok(detail(view, Audience::Family, state.clock.now()))
    }

    pub async fn track(state: &AppState, viewer: Option<&Viewer>, client_ip: &str, input: &TrackInput) -> Result<ComplaintDetail, AppError> {
        let found = by_credentials(state, viewer, client_ip, &input.code, &input.password).await?;
        family_detail(state, found.id).await
    }

    pub async fn mine(state: &AppState, viewer: &Viewer) -> Result<Vec<ComplaintLine>, AppError> {
        if viewer.role != Role::Parent {
            return Ok(Vec::new());
        }
        let now = state.clock.now();
        let own = state.store.complaints_of_account(viewer.account_id).await?;
        Ok(own.into_iter().map(|item| line(item, now)).collect())
    }

    /// A list line as the wire carries it.
    pub(crate) fn line(item: ComplaintItem, now: Timestamp) -> ComplaintLine {
        ComplaintLine {
            id: item.id,
            code: item.code,
            kind: item.kind.code().into(),
            category: item.category.code().into(),
            urgent: item.urgent,
            place_name: item.place_name,
            state: item.state.code().into(),
            filed_at: item.filed_at.0,
            deadline: deadline(item.due_at, now),
        }
    }

    pub async fn own(state: &AppState, viewer: &Viewer, complaint_id: i64) -> Result<ComplaintDetail, AppError> {
        let access = state.store.complaint_access(complaint_id).await?.ok_or(AppError::NotFound)?;
        if access.account_id != Some(viewer.account_id) {
            return Err(AppError::NotFound);
        }
        family_detail(state, complaint_id).await
    }

    pub async fn verdict(state: &AppState, viewer: Option<&Viewer>, client_ip: &str, input: &VerdictInput) -> Result<ComplaintDetail, AppError> {
        let verdict = Satisfaction::from_code(input.verdict.trim()).ok_or_else(|| AppError::bad_input("verdict"))?;
        let found = by_credentials(state, viewer, client_ip, &input.code, &input.password).await?;
        let op_id = OperationId::parse(&input.op_id).map_err(|_| AppError::bad_input("op_id"))?;
        let actor = viewer.map(|v| v.actor()).unwrap_or_else(|| "anonymous".into());
        let operation = Operation::new(op_id, actor, "complaint.verdict", &(found.id, verdict.code()))?;
        match state.store.complaint_verdict(&operation, found.id, verdict, &state.complaint_limits, state.clock.now()).await? {
            HandlingOutcome::Done { .. } => family_detail(state, found.id).await,
            HandlingOutcome::Refused(refusal) => Err(AppError::refused(refusal)),
            HandlingOutcome::NotFound => Err(AppError::NotFound),
        }
    }

    pub async fn verified(state: &AppState, facility_id: i64) -> Result<VerifiedComplaints, AppError> {
        let now = state.clock.now();
        let since = Timestamp(now.0 - PUBLISHED_DAYS * 86_400);
        let items = state.store.verified_complaints(facility_id, since).await?;
        Ok(VerifiedComplaints {
            count: items.len() as u32,
            items: items
                .into_iter()
                .map(|c| VerifiedComplaintView { category: c.category.code().into(), month: YearMonth::of(CivilDate::in_china_at(c.closed_at)).to_string() })
                .collect(),
        })
    }
}
