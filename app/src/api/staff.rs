//! Staff: sign-in with password and a second factor (TOTP, with recovery codes), the
//! administrator's account management and audit log, the operator's first view, and
//! department-scoped inspection records.

use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;
use serde::{Deserialize, Serialize};

use crate::api::directory::ClassView;
use crate::domain::account::roles::{Department, Role};
use crate::domain::calendar::Timestamp;
use crate::error::AppError;

/// What the staff sign-in asks for after a correct password.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum StaffStep {
    /// Enter the code from the authenticator app (or a recovery code).
    Code,
    /// First sign-in: add this secret to an authenticator app, then enter its code.
    Enrol { secret: String, otpauth_url: String, qr_svg: String },
}

/// A new operator or supervisor account, as the administrator types it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewStaffInput {
    /// `operator` or `supervisor`.
    pub kind: String,
    pub username: String,
    pub display_name: String,
    pub password: String,
    pub facility_id: Option<String>,
    pub department: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffAccountView {
    pub id: i64,
    pub role: Role,
    pub username: String,
    pub display_name: String,
    pub second_factor_enrolled: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditView {
    pub at: Timestamp,
    pub actor: String,
    pub action: String,
    pub target: String,
    pub client_ip: String,
    pub outcome: String,
}

/// The operator's facility with its classes.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct OperatorOverview {
    pub facility_id: i64,
    pub facility_name: String,
    pub classes: Vec<(i64, ClassView)>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct InspectionInput {
    pub facility_id: String,
    /// `YYYY-MM-DD`.
    pub inspected_on: String,
    /// `pass`, `fix` or `fail`.
    pub result: String,
    pub note: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct InspectionView {
    pub id: i64,
    pub facility_id: i64,
    pub facility_name: String,
    pub department: Department,
    pub inspected_on: String,
    pub result: String,
    pub note: String,
}

/// Longest inspection note, in characters.
pub const MAX_NOTE_CHARS: usize = 500;

#[server(prefix = "/api", endpoint = "staff_sign_in")]
pub async fn staff_sign_in(username: String, password: String) -> Result<StaffStep, AppError> {
    let state = crate::api::state()?;
    crate::api::reply(server::sign_in(&state, &username, &password).await)
}

#[server(prefix = "/api", endpoint = "staff_second_factor")]
pub async fn staff_second_factor(code: String) -> Result<crate::api::account::SignedIn, AppError> {
    let state = crate::api::state()?;
    crate::api::reply(server::second_factor(&state, &code).await)
}

#[server(prefix = "/api", endpoint = "create_staff_account")]
pub async fn create_staff_account(input: NewStaffInput) -> Result<StaffAccountView, AppError> {
    let state = crate::api::state()?;
    crate::api::reply(server::create_staff(&state, input).await)
}

#[server(input = GetUrl, prefix = "/api", endpoint = "staff_accounts")]
pub async fn fetch_staff_accounts() -> Result<Vec<StaffAccountView>, AppError> {
    let state = crate::api::state()?;
    crate::api::reply(server::staff_accounts(&state).await)
}

#[server(input = GetUrl, prefix = "/api", endpoint = "audit_log")]
pub async fn fetch_audit_log() -> Result<Vec<AuditView>, AppError> {
    let state = crate::api::state()?;
    crate::api::reply(server::audit_log(&state).await)
}

#[server(input = GetUrl, prefix = "/api", endpoint = "operator_overview")]
pub async fn fetch_operator_overview() -> Result<OperatorOverview, AppError> {
    let state = crate::api::state()?;
    crate::api::reply(server::operator_overview(&state).await)
}

#[server(prefix = "/api", endpoint = "confirm_figures")]
pub async fn confirm_figures(op_id: String, class_id: i64, staffed_capacity: u32, enrolled: u32) -> Result<(), AppError> {
    let state = crate::api::state()?;
    crate::api::reply(server::confirm_figures(&state, &op_id, class_id, staffed_capacity, enrolled).await)
}

#[server(prefix = "/api", endpoint = "record_inspection")]
pub async fn record_inspection(input: InspectionInput) -> Result<InspectionView, AppError> {
    let state = crate::api::state()?;
    crate::api::reply(server::record_inspection(&state, input).await)
}

#[server(input = GetUrl, prefix = "/api", endpoint = "inspections")]
pub async fn fetch_inspections() -> Result<Vec<InspectionView>, AppError> {
    let state = crate::api::state()?;
    crate::api::reply(server::inspections(&state).await)
}

#[server(input = GetUrl, prefix = "/api", endpoint = "inspection")]
pub async fn fetch_inspection(id: i64) -> Result<InspectionView, AppError> {
    let state = crate::api::state()?;
    crate::api::reply(server::inspection(&state, id).await)
}

#[cfg(feature = "ssr")]
pub mod server {
    use super::*;
    use crate::api::account::server::start_session;
    use crate::api::account::SignedIn;
    use crate::api::limits::server::{self as limits};
    use crate::auth::secrets::{keyed_hash, random_bytes, random_token, sha256_hex};
    use crate::auth::session::{read_cookie, PENDING_LOGIN_SECONDS};
    use crate::auth::viewer::{audit, refuse, request_info, require_operator, require_viewer};
    use crate::auth::{password, totp};
    use crate::domain::account::access::{may_administer, may_facility, may_inspection, AdminAction, FacilityAction, InspectionAction};
    use crate::domain::account::roles::Viewer;
    use crate::domain::calendar::CivilDate;
    use crate::domain::operation::OperationId;
    use crate::domain::vacancy::Vacancy;
    use crate::state::AppState;
    use crate::store::accounts::{AccountRow, NewStaff};
    use crate::store::directory::ConfirmFigures;
    use crate::store::inspections::InspectionRecord;
    use crate::store::operations::Operation;

    fn set_cookie(value: &str) {
        if let (Some(options), Ok(value)) = (use_context::<leptos_axum::ResponseOptions>(), axum::http::HeaderValue::from_str(value)) {
            options.append_header(axum::http::header::SET_COOKIE, value);
        }
    }

    pub async fn sign_in(state: &AppState, username: &str, password_text: &str) -> Result<StaffStep, AppError> {
        let username = username.trim().to_ascii_lowercase();
        let ip = request_info().client_ip;
        limits::take(state, &format!("staff-ip:{ip}"), limits::STAFF_PER_IP).await?;
        let failures_key = format!("staff-fail:{username}:{ip}");
        // Every try is counted before the password is checked (so parallel guesses cannot slip
        // past the limit) and given back when it succeeds: only failures stay counted.
        limits::take(state, &failures_key, limits::STAFF_FAILURES_PER_ACCOUNT_AND_IP).await?;
        let account = state.store.staff_by_username(&username).await?;
        // Verify against a dummy hash when the account does not exist: same time, same answer.
        let stored = account.as_ref().and_then(|a| a.password_hash.clone()).unwrap_or_else(|| password::dummy_hash().to_string());
        let matches = password::verify_blocking(password_text.to_string(), stored).await;
        let Some(account) = account.filter(|_| matches) else {
            audit(state, "anonymous", "sign_in.password", &format!("username:{username}"), "failed").await;
            return Err(AppError::WrongCredentials);
        };
        limits::refund(state, &failures_key).await?;
        audit(state, &format!("{}:{}", account.kind, account.id), "sign_in.password", &format!("account:{}", account.id), "ok").await;
        begin_second_factor(state, &account, &username).await
    }

    /// After a correct password (or a registration): the browser gets a pending-login cookie
    /// and is asked for the authenticator's code, or to enrol one on first use.
    pub async fn begin_second_factor(state: &AppState, account: &AccountRow, username: &str) -> Result<StaffStep, AppError> {
        let token = random_token();
        let now = state.clock.now();
        state.store.create_pending_login(&sha256_hex(&token), account.id, now, Timestamp(now.0 + PENDING_LOGIN_SECONDS)).await?;
        let cookies = state.auth.cookies;
        set_cookie(&cookies.set(cookies.pending_name(), &token, PENDING_LOGIN_SECONDS));
        // A second factor counts as enrolled once one of its codes has been used.
        if account.totp_last_step > 0 {
            return Ok(StaffStep::Code);
        }
        let secret = match &account.totp_secret {
            Some(secret) => secret.clone(),
            None => {
                let secret = totp::generate_secret();
                state.store.set_totp_secret(account.id, &secret).await?;
                secret
            }
        };
        let otpauth_url = totp::otpauth_url("渝北托育", username, &secret);
        let qr_svg = totp::qr_svg(&otpauth_url).unwrap_or_default();
        Ok(StaffStep::Enrol { secret, otpauth_url, qr_svg })
    }

    fn recovery_hash(state: &AppState, account_id: i64, code: &str) -> String {
        let normalised: String = code.chars().filter(|c| c.is_ascii_alphanumeric()).collect::<String>().to_ascii_lowercase();
        keyed_hash(&state.auth.secret, &format!("recovery:{account_id}:{normalised}"))
    }

    /// Ten recovery codes like `k7fq-2mzp`, each usable once instead of the app's code.
    fn new_recovery_codes() -> Vec<String> {
        const ALPHABET: &[u8] = b"abcdefghjkmnpqrstuvwxyz23456789";
        (0..10)
            .map(|_| {
                let bytes = random_bytes(8);
                let chars: String = bytes.iter().map(|b| ALPHABET[*b as usize % ALPHABET.len()] as char).collect();
                format!("{}-{}", &chars[..4], &chars[4..])
            })
            .collect()
    }

    pub async fn second_factor(state: &AppState, code: &str) -> Result<SignedIn, AppError> {
        let cookies = state.auth.cookies;
        let info = request_info();
        let token = read_cookie(&info.cookie_header, cookies.pending_name()).ok_or(AppError::WrongCode)?;
        let now = state.clock.now();
        let account_id = state.store.take_pending_login_try(&sha256_hex(token), now).await?.ok_or(AppError::WrongCode)?;
        let account = state.store.account(account_id).await?.ok_or(AppError::WrongCode)?;
        let secret = account.totp_secret.clone().ok_or(AppError::WrongCode)?;
        let first_enrolment = account.totp_last_step == 0;
        let accepted = match totp::verify(&secret, code, now.0, account.totp_last_step) {
            Some(step) => state.store.use_totp_step(account.id, step).await?,
            None if !first_enrolment && code.trim().len() >= 8 => {
                state.store.use_recovery_code(account.id, &recovery_hash(state, account.id, code), now).await?
            }
            None => false,
        };
        let actor = format!("{}:{}", account.kind, account.id);
        if !accepted {
            audit(state, &actor, "sign_in.second_factor", &format!("account:{}", account.id), "failed").await;
            return Err(AppError::WrongCode);
        }
        let recovery_codes = if first_enrolment {
            let codes = new_recovery_codes();
            let hashes: Vec<String> = codes.iter().map(|c| recovery_hash(state, account.id, c)).collect();
            state.store.replace_recovery_codes(account.id, &hashes).await?;
            codes
        } else {
            Vec::new()
        };
        state.store.finish_pending_login(&sha256_hex(token)).await?;
        set_cookie(&cookies.clear(cookies.pending_name()));
        let role = account.role()?;
        start_session(state, account.id, role).await?;
        audit(state, &actor, "sign_in.second_factor", &format!("account:{}", account.id), "ok").await;
        Ok(SignedIn { next: role.home_path().into(), recovery_codes })
    }

    async fn require_admin(state: &AppState, action: AdminAction) -> Result<Viewer, AppError> {
        let viewer = require_viewer(state).await?;
        if !may_administer(&viewer, action) {
            return Err(refuse(state, Some(&viewer), &format!("admin.{action:?}").to_lowercase(), "admin").await);
        }
        Ok(viewer)
    }

    fn staff_view(row: &AccountRow) -> Result<StaffAccountView, AppError> {
        Ok(StaffAccountView {
            id: row.id,
            role: row.role()?,
            username: row.username.clone().unwrap_or_default(),
            display_name: row.display_name.clone(),
            second_factor_enrolled: row.totp_last_step > 0,
        })
    }

    pub fn valid_username(username: &str) -> bool {
        (3..=32).contains(&username.len()) && username.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b"-_.".contains(&b))
    }

    pub async fn create_staff(state: &AppState, input: NewStaffInput) -> Result<StaffAccountView, AppError> {
        let admin = require_admin(state, AdminAction::CreateStaffAccount).await?;
        let username = input.username.trim().to_ascii_lowercase();
        let mut problems = Vec::new();
        let mut problem = |field: &str, problem| problems.push(crate::domain::account::child::FieldProblem { field: field.into(), problem });
        use crate::domain::account::child::Problem;
        if !valid_username(&username) {
            problem("username", Problem::Malformed);
        }
        let display_name = input.display_name.trim().to_string();
        if display_name.is_empty() || display_name.chars().count() > 40 || display_name.chars().any(|c| c.is_control() || "<>\"&\\".contains(c)) {
            problem("display_name", Problem::Malformed);
        }
        if let Err(why) = password::check_policy(&input.password, &[&username, &display_name]) {
            problem("password", if why == password::PasswordProblem::TooLong { Problem::TooLong } else { Problem::Malformed });
        }
        let role = match input.kind.as_str() {
            "operator" => {
                let facility = input.facility_id.as_deref().and_then(|v| v.trim().parse::<i64>().ok());
                match facility {
                    Some(id) if state.store.facility(id).await?.is_some() => Some(Role::Operator { facility_id: id }),
                    _ => {
                        problem("facility_id", Problem::Unknown);
                        None
                    }
                }
            }
            "supervisor" => match input.department.as_deref().and_then(Department::from_code) {
                Some(department) => Some(Role::Supervisor { department }),
                None => {
                    problem("department", Problem::Unknown);
                    None
                }
            },
            _ => {
                problem("kind", Problem::Unknown);
                None
            }
        };
        let (Some(role), true) = (role, problems.is_empty()) else {
            return Err(AppError::Invalid { problems });
        };
        let password_hash = password::hash_blocking(input.password.clone()).await.map_err(|e| {
            tracing::error!(error = %e, "password hashing failed");
            AppError::Internal
        })?;
        let new = NewStaff { role, username: username.clone(), password_hash, display_name, totp_secret: None, is_demo: false };
        let Some(id) = state.store.create_staff(&new, state.clock.now()).await? else {
            return Err(AppError::Invalid {
                problems: vec![crate::domain::account::child::FieldProblem { field: "username".into(), problem: Problem::Taken }],
            });
        };
        audit(state, &admin.actor(), "account.create", &format!("{}:{id}", role.kind_code()), "ok").await;
        let row = state.store.account(id).await?.ok_or(AppError::Internal)?;
        staff_view(&row)
    }

    pub async fn staff_accounts(state: &AppState) -> Result<Vec<StaffAccountView>, AppError> {
        require_admin(state, AdminAction::ListStaffAccounts).await?;
        state.store.staff_accounts().await?.iter().map(staff_view).collect()
    }

    pub async fn audit_log(state: &AppState) -> Result<Vec<AuditView>, AppError> {
        require_admin(state, AdminAction::ReadAuditLog).await?;
        Ok(state
            .store
            .audit_entries(200)
            .await?
            .into_iter()
            .map(|e| AuditView { at: Timestamp(e.at), actor: e.actor, action: e.action, target: e.target, client_ip: e.client_ip, outcome: e.outcome })
            .collect())
    }

    pub async fn operator_overview(state: &AppState) -> Result<OperatorOverview, AppError> {
        let (_, facility_id) = require_operator(state, "operator.view").await?;
        let facility = state.store.facility(facility_id).await?.ok_or(AppError::NotFound)?;
        let now = state.clock.now();
        let classes = state
            .store
            .classes_of(&[facility_id])
            .await?
            .into_iter()
            .map(|c| {
                let view = ClassView {
                    level: c.level,
                    monthly_fee: c.monthly_fee,
                    filed_capacity: c.filed_capacity,
                    staffed_capacity: c.staffed_capacity,
                    enrolled: c.enrolled,
                    vacancy: Vacancy::of(&c, now),
                    updated_at: c.updated_at,
                };
                (c.id, view)
            })
            .collect();
        Ok(OperatorOverview { facility_id, facility_name: facility.name, classes })
    }

    pub async fn confirm_figures(state: &AppState, op_id: &str, class_id: i64, staffed: u32, enrolled: u32) -> Result<(), AppError> {
        let viewer = require_viewer(state).await?;
        let op_id = OperationId::parse(op_id).map_err(|_| AppError::bad_input("op_id"))?;
        // The class must belong to a facility this viewer operates.
        let class_facility = state.store.class_facility(class_id).await?;
        match class_facility {
            Some(facility_id) if may_facility(&viewer, FacilityAction::UpdateFigures, facility_id) => {}
            _ => return Err(refuse(state, Some(&viewer), "class.confirm_figures", &format!("class:{class_id}")).await),
        }
        #[derive(Serialize)]
        struct Request {
            class_id: i64,
            staffed: u32,
            enrolled: u32,
        }
        let op = Operation::new(op_id, viewer.actor(), "class.confirm_figures", &Request { class_id, staffed, enrolled })?;
        match state.store.confirm_class_figures(&op, class_id, staffed, enrolled, state.clock.now(), state.offer_hours).await? {
            ConfirmFigures::Confirmed { .. } => {
                audit(state, &viewer.actor(), "class.confirm_figures", &format!("class:{class_id}"), "ok").await;
                Ok(())
            }
            ConfirmFigures::UnknownClass => Err(AppError::NotFound),
            ConfirmFigures::Refused(refusal) => Err(AppError::refused(refusal)),
        }
    }

    async fn inspection_view(state: &AppState, record: InspectionRecord) -> Result<InspectionView, AppError> {
        let facility_name = state.store.facility(record.facility_id).await?.map(|f| f.name).unwrap_or_default();
        Ok(InspectionView {
            id: record.id,
            facility_id: record.facility_id,
            facility_name,
            department: Department::from_code(&record.department).ok_or(AppError::Internal)?,
            inspected_on: record.inspected_on,
            result: record.result,
            note: record.note,
        })
    }

    pub async fn record_inspection(state: &AppState, input: InspectionInput) -> Result<InspectionView, AppError> {
        let viewer = require_viewer(state).await?;
        let Role::Supervisor { department } = viewer.role else {
            return Err(refuse(state, Some(&viewer), "inspection.record", "inspection").await);
        };
        if !may_inspection(&viewer, InspectionAction::Record, department) {
            return Err(refuse(state, Some(&viewer), "inspection.record", "inspection").await);
        }
        use crate::domain::account::child::{FieldProblem, Problem};
        let mut problems = Vec::new();
        let facility_id = input.facility_id.trim().parse::<i64>().ok();
        let facility_exists = match facility_id {
            Some(id) => state.store.facility(id).await?.is_some(),
            None => false,
        };
        if !facility_exists {
            problems.push(FieldProblem { field: "facility_id".into(), problem: Problem::Unknown });
        }
        let today = CivilDate::in_china_at(state.clock.now());
        match CivilDate::parse(&input.inspected_on) {
            Ok(date) if date > today => problems.push(FieldProblem { field: "inspected_on".into(), problem: Problem::InFuture }),
            Ok(_) => {}
            Err(_) => problems.push(FieldProblem { field: "inspected_on".into(), problem: Problem::NotADate }),
        }
        if !matches!(input.result.as_str(), "pass" | "fix" | "fail") {
            problems.push(FieldProblem { field: "result".into(), problem: Problem::Unknown });
        }
        let note = input.note.trim().to_string();
        if note.chars().count() > MAX_NOTE_CHARS {
            problems.push(FieldProblem { field: "note".into(), problem: Problem::TooLong });
        }
        if !problems.is_empty() {
            return Err(AppError::Invalid { problems });
        }
        let record = InspectionRecord {
            id: 0,
            facility_id: facility_id.unwrap_or_default(),
            department: department.code().into(),
            inspected_on: input.inspected_on.trim().into(),
            result: input.result,
            note,
            recorded_by: viewer.account_id,
            created_at: state.clock.now().0,
        };
        let id = state.store.insert_inspection(&record).await?;
        audit(state, &viewer.actor(), "inspection.record", &format!("inspection:{id}"), "ok").await;
        inspection_view(state, InspectionRecord { id, ..record }).await
    }

    pub async fn inspections(state: &AppState) -> Result<Vec<InspectionView>, AppError> {
        let viewer = require_viewer(state).await?;
        let Role::Supervisor { department } = viewer.role else {
            return Err(refuse(state, Some(&viewer), "inspection.read", "inspections").await);
        };
        let visible: Vec<String> =
            Department::ALL.iter().filter(|d| may_inspection(&viewer, InspectionAction::Read, **d)).map(|d| d.code().to_string()).collect();
        let _ = department;
        let mut views = Vec::new();
        for record in state.store.inspections_of(Some(&visible), 200).await? {
            views.push(inspection_view(state, record).await?);
        }
        Ok(views)
    }

    pub async fn inspection(state: &AppState, id: i64) -> Result<InspectionView, AppError> {
        let viewer = require_viewer(state).await?;
        match state.store.inspection(id).await? {
            Some(record)
                if Department::from_code(&record.department)
                    .is_some_and(|d| may_inspection(&viewer, InspectionAction::Read, d)) =>
            {
                inspection_view(state, record).await
            }
            _ => Err(refuse(state, Some(&viewer), "inspection.read", &format!("inspection:{id}")).await),
        }
    }
}
