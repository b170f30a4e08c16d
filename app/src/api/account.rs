//! Parents' sign-in by text-message code, sessions, "my account", children's profiles with
//! consent, and a person's rights (download, correct, delete).

use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;
use serde::{Deserialize, Serialize};

use crate::domain::account::child::{ChildInput, Relation, Sex};
use crate::domain::account::roles::Role;
use crate::domain::calendar::Timestamp;
use crate::error::AppError;

/// Version of the privacy notice a consent refers to; bump it when the notice changes.
pub const POLICY_VERSION: &str = "2026-11";
/// What the separate consent covers.
pub const CONSENT_PURPOSE: &str = "child_profiles";
/// Most children one account can list.
pub const MAX_CHILDREN: usize = 10;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CodeSent {
    /// Seconds before another code may be sent.
    pub resend_after_s: u32,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SignedIn {
    /// Where to go next.
    pub next: String,
    /// Shown once, after a staff member enrols the second factor.
    pub recovery_codes: Vec<String>,
}

/// A child as the parent's screens show it: the ID number only masked.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChildView {
    pub id: i64,
    pub name: String,
    pub birth_date: String,
    pub sex: Sex,
    pub relation: Relation,
    pub id_masked: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConsentView {
    pub policy_version: String,
    pub granted_at: Timestamp,
}

/// The signed-in person's own page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MyAccount {
    pub role: Role,
    pub display_name: String,
    /// Parents: their number, masked.
    pub phone_masked: Option<String>,
    pub consent: Option<ConsentView>,
    pub children: Vec<ChildView>,
    pub policy_version: String,
}

#[server(prefix = "/api", endpoint = "request_login_code")]
pub async fn request_login_code(phone: String) -> Result<CodeSent, AppError> {
    let state = crate::api::state()?;
    crate::api::reply(server::request_code(&state, &phone).await)
}

#[server(prefix = "/api", endpoint = "verify_login_code")]
pub async fn verify_login_code(phone: String, code: String) -> Result<SignedIn, AppError> {
    let state = crate::api::state()?;
    crate::api::reply(server::verify_code(&state, &phone, &code).await)
}

#[server(prefix = "/api", endpoint = "sign_out")]
pub async fn sign_out() -> Result<(), AppError> {
    let state = crate::api::state()?;
    crate::api::reply(server::sign_out(&state).await)
}

#[server(input = GetUrl, prefix = "/api", endpoint = "my_account")]
pub async fn fetch_my_account() -> Result<Option<MyAccount>, AppError> {
    let state = crate::api::state()?;
    crate::api::reply(server::my_account(&state).await)
}

#[server(prefix = "/api", endpoint = "give_consent")]
pub async fn give_consent() -> Result<(), AppError> {
    let state = crate::api::state()?;
    crate::api::reply(server::give_consent(&state).await)
}

#[server(prefix = "/api", endpoint = "withdraw_consent")]
pub async fn withdraw_consent() -> Result<(), AppError> {
    let state = crate::api::state()?;
    crate::api::reply(server::withdraw_consent(&state).await)
}

#[server(prefix = "/api", endpoint = "add_child")]
pub async fn add_child(input: ChildInput) -> Result<ChildView, AppError> {
    let state = crate::api::state()?;
    crate::api::reply(server::add_child(&state, input).await)
}

#[server(prefix = "/api", endpoint = "update_child")]
pub async fn update_child(id: i64, input: ChildInput) -> Result<ChildView, AppError> {
    let state = crate::api::state()?;
    crate::api::reply(server::update_child(&state, id, input).await)
}

#[server(input = GetUrl, prefix = "/api", endpoint = "child")]
pub async fn fetch_child(id: i64) -> Result<ChildView, AppError> {
    let state = crate::api::state()?;
    crate::api::reply(server::child(&state, id).await)
}

#[server(prefix = "/api", endpoint = "delete_child")]
pub async fn delete_child(id: i64) -> Result<(), AppError> {
    let state = crate::api::state()?;
    crate::api::reply(server::delete_child(&state, id).await)
}

#[server(prefix = "/api", endpoint = "delete_my_account")]
pub async fn delete_my_account(confirm: bool) -> Result<(), AppError> {
    let state = crate::api::state()?;
    crate::api::reply(server::delete_account(&state, confirm).await)
}

/// Everything kept about the signed-in parent, as a JSON file to download.
#[server(input = GetUrl, prefix = "/api", endpoint = "export_my_data")]
pub async fn export_my_data() -> Result<serde_json::Value, AppError> {
    let state = crate::api::state()?;
    crate::api::reply(server::export(&state).await)
}

#[cfg(feature = "ssr")]
pub mod server {
    use super::*;
    use crate::api::limits::server::{self as limits};
    use crate::auth::secrets::{constant_time_eq, random_token, sha256_hex};
    use crate::auth::session::lifetimes;
    use crate::auth::viewer::{audit, current_viewer, refuse, request_info, require_viewer, session_token};
    use crate::auth::codes;
    use crate::domain::account::access::{may_child, ChildAction};
    use crate::domain::account::phone::PhoneNumber;
    use crate::domain::account::roles::Viewer;
    use crate::domain::calendar::CivilDate;
    use crate::state::AppState;
    use crate::store::children::ChildRecord;

    /// Adds a header to the current server function's response.
    pub(crate) fn set_header(name: axum::http::HeaderName, value: &str) {
        if let (Some(options), Ok(value)) = (use_context::<leptos_axum::ResponseOptions>(), axum::http::HeaderValue::from_str(value)) {
            options.append_header(name, value);
        }
    }

    /// Starts a session for `account_id`: a new random token in the cookie, its hash stored.
    /// Any session the browser had before ends, so a session id never survives a sign-in.
    pub async fn start_session(state: &AppState, account_id: i64, role: Role) -> Result<(), AppError> {
        if let Some(old) = session_token(state) {
            state.store.delete_session(&sha256_hex(&old)).await?;
        }
        let token = random_token();
        let life = lifetimes(role);
        state.store.create_session(&sha256_hex(&token), account_id, state.clock.now(), life.idle, life.absolute).await?;
        let cookies = state.auth.cookies;
        set_header(axum::http::header::SET_COOKIE, &cookies.set(cookies.session_name(), &token, life.absolute));
        crate::api::display::server::settle_at_sign_in(state, account_id).await
    }

    /// What a text-message code is for: a code sent to register an organisation cannot sign
    /// a family in, and the other way round (they are stored under different keys).
    #[derive(Clone, Copy, Debug, PartialEq, Eq)]
    pub enum CodePurpose {
        SignIn,
        Register,
    }

    impl CodePurpose {
        fn key(self, phone: &PhoneNumber) -> String {
            match self {
                CodePurpose::SignIn => phone.as_str().to_string(),
                CodePurpose::Register => format!("register:{}", phone.as_str()),
            }
        }
    }

    pub async fn request_code(state: &AppState, raw_phone: &str) -> Result<CodeSent, AppError> {
        send_code(state, raw_phone, CodePurpose::SignIn).await
    }

    /// Sends a code to a phone, within the per-phone and per-address limits.
    pub async fn send_code(state: &AppState, raw_phone: &str, purpose: CodePurpose) -> Result<CodeSent, AppError> {
        let phone = PhoneNumber::parse(raw_phone).map_err(|_| AppError::bad_input("phone"))?;
        let ip = request_info().client_ip;
        let limit_keys = [
            (format!("code-phone-minute:{}", phone.as_str()), limits::CODE_PER_PHONE_MINUTE),
            (format!("code-phone-hour:{}", phone.as_str()), limits::CODE_PER_PHONE_HOUR),
            (format!("code-ip:{ip}"), limits::CODE_PER_IP_HOUR),
        ];
        for (taken, (key, limit)) in limit_keys.iter().enumerate() {
            if let Err(refused) = limits::take(state, key, *limit).await {
                for (earlier, _) in &limit_keys[..taken] {
                    limits::refund(state, earlier).await?;
                }
                return Err(refused);
            }
        }
        let now = state.clock.now();
        let code = codes::generate();
        let hash = codes::hash(&state.auth.secret, &phone, &code);
        state.store.store_login_code(&purpose.key(&phone), &hash, now, Timestamp(now.0 + codes::CODE_TTL_SECONDS)).await?;
        if let Err(error) = state.code_sender.send(&phone, &code).await {
            // The error names no code and no full number. A failed send is not counted against
            // the family's limits: they may try again at once.
            tracing::error!(%error, phone = %phone.masked(), "sending the sign-in code failed");
            for (key, _) in &limit_keys {
                limits::refund(state, key).await?;
            }
            audit(state, "anonymous", "sign_in.code_sent", &phone.masked(), "failed").await;
            return Err(AppError::SmsFailed);
        }
        if state.auth.dev_tools {
            let message = match purpose {
                CodePurpose::SignIn => format!("【渝北托育】您的登录验证码是 {code}，10 分钟内有效。"),
                CodePurpose::Register => format!("【渝北托育】您正在注册托育机构账号，验证码 {code}，10 分钟内有效。"),
            };
            state.store.dev_inbox_add(phone.as_str(), &message, now).await?;
        }
        audit(state, "anonymous", "sign_in.code_sent", &phone.masked(), "ok").await;
        state.store.prune_events(now).await?;
        Ok(CodeSent { resend_after_s: limits::CODE_PER_PHONE_MINUTE.window_s as u32 })
    }

    pub async fn verify_code(state: &AppState, raw_phone: &str, code: &str) -> Result<SignedIn, AppError> {
        let phone = PhoneNumber::parse(raw_phone).map_err(|_| AppError::bad_input("phone"))?;
        check_code(state, &phone, code, CodePurpose::SignIn).await?;
        let now = state.clock.now();
        let account = state.store.parent_for_phone(phone.as_str(), now).await?;
        start_session(state, account.id, Role::Parent).await?;
        audit(state, &format!("parent:{}", account.id), "sign_in.code", &phone.masked(), "ok").await;
        Ok(SignedIn { next: Role::Parent.home_path().into(), recovery_codes: Vec::new() })
    }

    /// Spends the phone's open code for `purpose` if `code` is it; wrong codes count towards
    /// the code's attempts and the address's limit.
    pub async fn check_code(state: &AppState, phone: &PhoneNumber, code: &str, purpose: CodePurpose) -> Result<(), AppError> {
        let ip = request_info().client_ip;
        limits::take(state, &format!("verify-ip:{ip}"), limits::VERIFY_PER_IP).await?;
        let now = state.clock.now();
        let Some(open) = state.store.claim_code_attempt(&purpose.key(phone), now, codes::MAX_ATTEMPTS).await? else {
            audit(state, "anonymous", "sign_in.code", &phone.masked(), "failed").await;
            return Err(AppError::WrongCode);
        };
        if !constant_time_eq(&codes::hash(&state.auth.secret, &phone, code), &open.code_hash) {
            state.store.close_exhausted_code(open.id, now, codes::MAX_ATTEMPTS).await?;
            audit(state, "anonymous", "sign_in.code", &phone.masked(), "failed").await;
            return Err(AppError::WrongCode);
        }
        if !state.store.spend_login_code(open.id, now).await? {
            return Err(AppError::WrongCode);
        }
        Ok(())
    }

    pub async fn sign_out(state: &AppState) -> Result<(), AppError> {
        let viewer = current_viewer(state).await?;
        if let Some(token) = session_token(state) {
            state.store.delete_session(&sha256_hex(&token)).await?;
        }
        let cookies = state.auth.cookies;
        set_header(axum::http::header::SET_COOKIE, &cookies.clear(cookies.session_name()));
        // Wipe what this browser keeps for the site: caches, cookies and offline storage.
        set_header(axum::http::HeaderName::from_static("clear-site-data"), "\"cache\", \"cookies\", \"storage\"");
        if let Some(viewer) = viewer {
            audit(state, &viewer.actor(), "sign_out", &viewer.actor(), "ok").await;
        }
        Ok(())
    }

    fn child_view(record: &ChildRecord) -> Result<ChildView, AppError> {
        Ok(ChildView {
            id: record.id,
            name: record.name.clone(),
            birth_date: record.birth_date.clone(),
            sex: Sex::from_code(&record.sex).ok_or(AppError::Internal)?,
            relation: Relation::from_code(&record.relation).ok_or(AppError::Internal)?,
            id_masked: record.id_number.as_deref().map(crate::domain::account::id_card::mask_id),
        })
    }

    pub async fn my_account(state: &AppState) -> Result<Option<MyAccount>, AppError> {
        let Some(viewer) = current_viewer(state).await? else {
            return Ok(None);
        };
        let (consent, children) = if viewer.role == Role::Parent {
            let consent = state
                .store
                .active_consent(viewer.account_id, POLICY_VERSION)
                .await?
                .map(|c| ConsentView { policy_version: c.policy_version, granted_at: Timestamp(c.granted_at) });
            let children = state.store.children_of(viewer.account_id).await?.iter().map(child_view).collect::<Result<Vec<_>, _>>()?;
            (consent, children)
        } else {
            (None, Vec::new())
        };
        Ok(Some(MyAccount {
            role: viewer.role,
            phone_masked: (viewer.role == Role::Parent).then(|| viewer.display_name.clone()),
            display_name: viewer.display_name,
            consent,
            children,
            policy_version: POLICY_VERSION.into(),
        }))
    }

    async fn require_parent(state: &AppState) -> Result<Viewer, AppError> {
        let viewer = require_viewer(state).await?;
        if viewer.role != Role::Parent {
            return Err(refuse(state, Some(&viewer), "parent_only", "account").await);
        }
        Ok(viewer)
    }

    pub async fn give_consent(state: &AppState) -> Result<(), AppError> {
        let viewer = require_parent(state).await?;
        state.store.grant_consent(viewer.account_id, POLICY_VERSION, CONSENT_PURPOSE, state.clock.now()).await?;
        audit(state, &viewer.actor(), "consent.give", POLICY_VERSION, "ok").await;
        Ok(())
    }

    pub async fn withdraw_consent(state: &AppState) -> Result<(), AppError> {
        let viewer = require_parent(state).await?;
        state.store.withdraw_consent(viewer.account_id, state.clock.now(), state.offer_hours).await?;
        audit(state, &viewer.actor(), "consent.withdraw", POLICY_VERSION, "ok").await;
        Ok(())
    }

    fn today(state: &AppState) -> CivilDate {
        CivilDate::in_china_at(state.clock.now())
    }

    pub async fn add_child(state: &AppState, input: ChildInput) -> Result<ChildView, AppError> {
        let viewer = require_parent(state).await?;
        if state.store.active_consent(viewer.account_id, POLICY_VERSION).await?.is_none() {
            return Err(AppError::ConsentRequired);
        }
        let profile = input.validate(today(state)).map_err(|problems| AppError::Invalid { problems })?;
        if state.store.children_of(viewer.account_id).await?.len() >= MAX_CHILDREN {
            return Err(AppError::bad_input("children"));
        }
        let id = state.store.insert_child(viewer.account_id, &profile, state.clock.now()).await?;
        audit(state, &viewer.actor(), "child.create", &format!("child:{id}"), "ok").await;
        let record = state.store.child(id).await?.ok_or(AppError::Internal)?;
        child_view(&record)
    }

    /// The child, when this viewer may act on it; otherwise an audited "not found".
    async fn owned_child(state: &AppState, viewer: &Viewer, id: i64, action: ChildAction) -> Result<ChildRecord, AppError> {
        match state.store.child(id).await? {
            Some(record) if may_child(viewer, action, record.account_id) => Ok(record),
            _ => Err(refuse(state, Some(viewer), &format!("child.{action:?}").to_lowercase(), &format!("child:{id}")).await),
        }
    }

    pub async fn child(state: &AppState, id: i64) -> Result<ChildView, AppError> {
        let viewer = require_viewer(state).await?;
        let record = owned_child(state, &viewer, id, ChildAction::Read).await?;
        child_view(&record)
    }

    pub async fn update_child(state: &AppState, id: i64, mut input: ChildInput) -> Result<ChildView, AppError> {
        let viewer = require_viewer(state).await?;
        let record = owned_child(state, &viewer, id, ChildAction::Update).await?;
        // The form never receives the stored ID number; an empty field keeps it.
        if input.id_number.as_deref().map(str::trim).unwrap_or_default().is_empty() {
            input.id_number = record.id_number.clone();
        }
        let profile = input.validate(today(state)).map_err(|problems| AppError::Invalid { problems })?;
        state.store.update_child(id, &profile, state.clock.now()).await?;
        audit(state, &viewer.actor(), "child.update", &format!("child:{id}"), "ok").await;
        let record = state.store.child(id).await?.ok_or(AppError::Internal)?;
        child_view(&record)
    }

    pub async fn delete_child(state: &AppState, id: i64) -> Result<(), AppError> {
        let viewer = require_viewer(state).await?;
        owned_child(state, &viewer, id, ChildAction::Delete).await?;
        state.store.delete_child(id, state.clock.now(), state.offer_hours).await?;
        audit(state, &viewer.actor(), "child.delete", &format!("child:{id}"), "ok").await;
        Ok(())
    }

    pub async fn delete_account(state: &AppState, confirm: bool) -> Result<(), AppError> {
        let viewer = require_parent(state).await?;
        if !confirm {
            return Err(AppError::bad_input("confirm"));
        }
        state.store.delete_parent_account(viewer.account_id, state.clock.now(), state.offer_hours).await?;
        let cookies = state.auth.cookies;
        set_header(axum::http::header::SET_COOKIE, &cookies.clear(cookies.session_name()));
        set_header(axum::http::HeaderName::from_static("clear-site-data"), "\"cache\", \"cookies\", \"storage\"");
        audit(state, &viewer.actor(), "account.delete", &viewer.actor(), "ok").await;
        Ok(())
    }

    /// Everything stored about the signed-in parent, for the "download my data" file.
    pub async fn export(state: &AppState) -> Result<serde_json::Value, AppError> {
        let viewer = require_parent(state).await?;
        let account = state.store.account(viewer.account_id).await?.ok_or(AppError::NotFound)?;
        let children = state.store.children_of(viewer.account_id).await?;
        let consents = state.store.consents_of(viewer.account_id).await?;
        let activity = state.store.audit_entries_of(&viewer.actor()).await?;
        let lessons = state.store.lesson_progress_of(viewer.account_id).await?;
        // What the family's own pages show it: applications, slot and activity bookings with
        // their notices; complaints; questions to the experts.
        let bookings = crate::api::booking::server::my_bookings(state, &viewer).await?;
        let complaints = crate::api::complaints::family::server::mine(state, &viewer).await?;
        let questions = crate::api::lessons::expert::server::mine(state, &viewer).await?;
        audit(state, &viewer.actor(), "account.export", &viewer.actor(), "ok").await;
        set_header(axum::http::header::CONTENT_DISPOSITION, "attachment; filename=\"tuoyu-my-data.json\"");
        Ok(serde_json::json!({
            "exported_at": state.clock.now().0,
            "account": { "id": account.id, "phone": account.phone, "created_at": account.created_at },
            "children": children,
            "consents": consents,
            "activity": activity,
            "lesson_progress": lessons,
            "bookings": bookings,
            "complaints": complaints,
            "expert_questions": questions,
            "note": "本文件包含渝北托育保存的您的全部个人信息。This file holds all personal data Yubei Childcare keeps about you."
        }))
    }
}
