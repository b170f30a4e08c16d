//! The server side of filing: who may do what is asked of `domain::account::access`, what is
//! valid of `domain::filing`, and the store applies each step once.


use super::*;
use crate::api::account::server::{check_code, CodePurpose};
use crate::api::operation;
use crate::api::staff::server::{begin_second_factor, valid_username};
use crate::auth::password;
use crate::domain::operation::OperationId;
use crate::store::operations::Operation;
use crate::auth::secrets::sha256_hex;
use crate::auth::viewer::{audit, refuse, require_viewer};
use crate::domain::account::access::{may_filing, may_review_filings, FilingAction};
use crate::domain::account::child::{FieldProblem, Problem};
use crate::domain::account::id_card::mask_id;
use crate::domain::account::phone::{mask_phone, PhoneNumber};
use crate::domain::account::roles::{Role, Viewer};
use crate::domain::filing::credit_code::BadCreditCode;
use crate::domain::filing::materials::{material_type, missing_materials};
use crate::domain::filing::facts::current_facts;
use crate::domain::filing::{returned_items, review_due, CreditCode, FilingKind, FilingRefusal};
use crate::store::filings::NewChange;
use crate::state::AppState;
use crate::store::filings::{FilingOutcome, FilingRecord, NewApplicant, NewMaterial};

/// Organisation names as registered: 2–60 characters.
const ORGANISATION_CHARS: std::ops::RangeInclusive<usize> = 2..=60;
/// File names kept with a document (shown to the reviewer), cut to this many characters.
const FILE_NAME_CHARS: usize = 80;

fn problem(problems: &mut Vec<FieldProblem>, field: &str, problem: Problem) {
    problems.push(FieldProblem { field: field.into(), problem });
}

/// Checks the registration form field by field; the code is checked last, so a form with
/// mistakes does not spend it.
pub async fn register(state: &AppState, op_id: &str, input: &RegistrationInput) -> Result<StaffStep, AppError> {
    let mut problems = Vec::new();
    let phone = PhoneNumber::parse(&input.phone).map_err(|_| problem(&mut problems, "phone", Problem::Malformed)).ok();
    let organisation = input.organisation.trim().to_string();
    let count = organisation.chars().count();
    if count == 0 {
        problem(&mut problems, "organisation", Problem::Required);
    } else if !ORGANISATION_CHARS.contains(&count) || organisation.chars().any(|c| c.is_control() || "<>\"\\".contains(c)) {
        problem(&mut problems, "organisation", Problem::Malformed);
    }
    let credit_code = match CreditCode::parse(&input.credit_code) {
        Ok(code) => Some(code),
        Err(BadCreditCode::Malformed) => {
            problem(&mut problems, "credit_code", if input.credit_code.trim().is_empty() { Problem::Required } else { Problem::Malformed });
            None
        }
        Err(BadCreditCode::BadCheckCharacter) => {
            problem(&mut problems, "credit_code", Problem::BadChecksum);
            None
        }
    };
    let username = input.username.trim().to_ascii_lowercase();
    if !valid_username(&username) {
        problem(&mut problems, "username", Problem::Malformed);
    }
    if let Err(why) = password::check_policy(&input.password, &[&username, &organisation]) {
        problem(&mut problems, "password", if why == password::PasswordProblem::TooLong { Problem::TooLong } else { Problem::Malformed });
    }
    let (Some(phone), Some(credit_code), true) = (phone, credit_code, problems.is_empty()) else {
        return Err(AppError::Invalid { problems });
    };
    // The operation is the phone's; its request is what was registered (not the password, whose
    // hash differs every time).
    let id = OperationId::parse(op_id).map_err(|_| AppError::bad_input("op_id"))?;
    let op = Operation::new(id, format!("registration:{}", phone.as_str()), "filing.register", &(&username, &organisation, credit_code.as_str(), phone.as_str()))?;
    let taken = || AppError::Invalid { problems: vec![FieldProblem { field: "username".into(), problem: Problem::Taken }] };
    let registered = match state.store.replayed::<Option<(i64, i64)>>(&op).await? {
        // Sent again after it was done: the code is spent, so the password must match instead.
        Some(done) => {
            let (account_id, _) = done.ok_or_else(taken)?;
            let account = state.store.account(account_id).await?.ok_or(AppError::Internal)?;
            let stored = account.password_hash.clone().unwrap_or_default();
            if !password::verify_blocking(input.password.clone(), stored).await {
                return Err(AppError::WrongCredentials);
            }
            return begin_second_factor(state, &account, &username).await;
        }
        None => {
            check_code(state, &phone, &input.code, CodePurpose::Register).await?;
            let password_hash = password::hash_blocking(input.password.clone()).await.map_err(|e| {
                tracing::error!(error = %e, "password hashing failed");
                AppError::Internal
            })?;
            let new = NewApplicant { username: username.clone(), password_hash, organisation, credit_code: credit_code.as_str().into(), contact_phone: phone.as_str().into(), demo_totp_secret: None };
            state.store.register_applicant_once(&op, &new, state.clock.now()).await?
        }
    };
    let (account_id, filing_id) = registered.ok_or_else(taken)?;
    audit(state, &format!("applicant:{account_id}"), "filing.register", &format!("filing:{filing_id}"), "ok").await;
    let account = state.store.account(account_id).await?.ok_or(AppError::Internal)?;
    begin_second_factor(state, &account, &username).await
}

/// The filing as `viewer` may see it.
async fn view(state: &AppState, filing: FilingRecord, reviewing: bool) -> Result<FilingView, AppError> {
    let materials = state.store.filing_materials(filing.id).await?;
    let returns = state.store.filing_returns(filing.id).await?;
    let present: Vec<FilingItem> = materials.iter().map(|m| m.item).collect();
    let serves_meals = filing.facts.as_ref().is_some_and(|f| f.serves_meals);
    let missing = missing_materials(filing.kind, &present, serves_meals);
    let now = state.clock.now();
    let overdue = filing.state == FilingState::Submitted && filing.review_due_at.is_some_and(|due| due < now);
    let facts = match (&filing.facts, filing.kind, filing.facility_id) {
        (Some(facts), _, _) => {
            let mut input = facts.to_input();
            input.legal_rep_id = mask_id(facts.legal_rep_id.as_str());
            Some(input)
        }
        // A change not yet saved starts from the facility's public record.
        (None, FilingKind::Change, Some(facility_id)) => match state.store.facility(facility_id).await? {
            Some(facility) => Some(current_facts(&facility, &state.store.classes_of(&[facility_id]).await?)),
            None => None,
        },
        (None, _, _) => None,
    };
    Ok(FilingView {
        id: filing.id,
        kind: filing.kind,
        state: filing.state,
        organisation: filing.organisation,
        credit_code: filing.credit_code,
        contact_phone: mask_phone(&filing.contact_phone),
        facts,
        materials,
        returns,
        round: filing.round,
        submitted_at: filing.submitted_at,
        review_due_at: filing.review_due_at,
        review_days: state.filing_review_working_days,
        decided_at: filing.decided_at,
        refusal_reason: filing.refusal_reason,
        filing_number: filing.filing_number,
        closure_reason: filing.closure_reason,
        facility_id: filing.facility_id,
        missing,
        overdue,
        editable: filing.state.is_editable() && !reviewing,
        reviewing,
    })
}

/// The newest filing of the signed-in applicant or operator (`None` for an operator whose
/// facility was filed before filing went online).
pub async fn my_filing(state: &AppState) -> Result<Option<FilingView>, AppError> {
    let viewer = require_viewer(state).await?;
    if !matches!(viewer.role, Role::Applicant | Role::Operator { .. }) {
        return Err(refuse(state, Some(&viewer), "filing.read", "own").await);
    }
    match state.store.filings_of_account(viewer.account_id).await?.into_iter().next() {
        Some(filing) => Ok(Some(view(state, filing, false).await?)),
        None => Ok(None),
    }
}

/// The filing `id` if `viewer` may take `action` on it; otherwise "not found" (audited).
async fn filing_for(state: &AppState, viewer: &Viewer, id: i64, action: FilingAction) -> Result<FilingRecord, AppError> {
    match state.store.filing(id).await? {
        Some(filing) if may_filing(viewer, action, filing.account_id) => Ok(filing),
        _ => Err(refuse(state, Some(viewer), &format!("filing.{action:?}").to_lowercase(), &format!("filing:{id}")).await),
    }
}

fn outcome(result: FilingOutcome) -> Result<FilingOutcome, AppError> {
    match result {
        FilingOutcome::Refused(why) => Err(AppError::refused(why)),
        FilingOutcome::NotFound => Err(AppError::NotFound),
        done => Ok(done),
    }
}

pub async fn save_facts(state: &AppState, op_id: &str, filing_id: i64, input: &FactsInput) -> Result<(), AppError> {
    let viewer = require_viewer(state).await?;
    let filing = filing_for(state, &viewer, filing_id, FilingAction::Edit).await?;
    filing.state.check_editable().map_err(AppError::refused)?;
    // The form shows the stored ID number masked; sent back empty or as shown, it stays.
    let mut input = input.clone();
    if let Some(stored) = &filing.facts {
        let typed = input.legal_rep_id.trim();
        if typed.is_empty() || typed == mask_id(stored.legal_rep_id.as_str()) {
            input.legal_rep_id = stored.legal_rep_id.as_str().to_string();
        }
    }
    let facts = input.validate().map_err(|problems| AppError::Invalid { problems })?;
    let op = operation(op_id, &viewer, "filing.facts", &(filing_id, &facts))?;
    outcome(state.store.save_filing_facts(&op, filing_id, viewer.account_id, &facts, state.clock.now()).await?)?;
    audit(state, &viewer.actor(), "filing.facts", &format!("filing:{filing_id}"), "ok").await;
    Ok(())
}

/// A file name safe to keep and show: its last path part, without control characters, cut short.
pub(crate) fn clean_file_name(name: &str) -> String {
    let last = name.rsplit(['/', '\\']).next().unwrap_or("").trim();
    let clean: String = last.chars().filter(|c| !c.is_control() && !"<>\"".contains(*c)).take(FILE_NAME_CHARS).collect();
    if clean.is_empty() { "file".into() } else { clean }
}

pub async fn upload(state: &AppState, op_id: &str, filing_id: i64, item: &str, file_name: &str, content: &str) -> Result<i64, AppError> {
    let viewer = require_viewer(state).await?;
    let filing = filing_for(state, &viewer, filing_id, FilingAction::Edit).await?;
    let item = FilingItem::from_code(item.trim()).filter(|i| i.is_material()).ok_or_else(|| AppError::bad_input("item"))?;
    filing.state.check_editable().map_err(AppError::refused)?;
    let bytes = crate::api::decode_upload(content, crate::domain::filing::materials::MAX_MATERIAL_BYTES).map_err(|why| {
        AppError::refused(if why == crate::api::UploadProblem::TooLarge { FilingRefusal::FilingFileTooLarge } else { FilingRefusal::FilingFileType })
    })?;
    let mime = material_type(&bytes).map_err(AppError::refused)?;
    let digest = sha256_hex(content.trim());
    let op = operation(op_id, &viewer, "filing.material", &(filing_id, item, &digest))?;
    let material = NewMaterial { item, file_name: clean_file_name(file_name), mime, sha256: digest, bytes };
    match outcome(state.store.add_filing_material(&op, filing_id, viewer.account_id, &material, state.clock.now()).await?)? {
        FilingOutcome::Stored { version } => {
            audit(state, &viewer.actor(), "filing.material", &format!("filing:{filing_id}:{}:{version}", item.code()), "ok").await;
            Ok(version)
        }
        _ => Err(AppError::Internal),
    }
}

pub async fn submit(state: &AppState, op_id: &str, filing_id: i64) -> Result<(), AppError> {
    let viewer = require_viewer(state).await?;
    let filing = filing_for(state, &viewer, filing_id, FilingAction::Edit).await?;
    // A change that changes nothing is not sent (compared with the facts filed last online).
    if let (FilingKind::Change, Some(facility_id), Some(facts)) = (filing.kind, filing.facility_id, &filing.facts) {
        if state.store.filed_facts(facility_id).await?.as_ref() == Some(facts) {
            return Err(AppError::refused(FilingRefusal::FilingNoChange));
        }
    }
    let now = state.clock.now();
    let op = operation(op_id, &viewer, "filing.submit", &filing_id)?;
    let due = review_due(now, state.filing_review_working_days);
    outcome(state.store.submit_filing(&op, filing_id, viewer.account_id, due, now).await?)?;
    audit(state, &viewer.actor(), "filing.submit", &format!("filing:{filing_id}"), "ok").await;
    Ok(())
}

/// The operator starts a change of its facility's filing, from the facts filed last online (or,
/// for a facility filed before, from its public record when the form is first shown).
pub async fn start_change(state: &AppState, op_id: &str) -> Result<i64, AppError> {
    start(state, op_id, FilingKind::Change, None).await
}

/// The operator files the facility's closure, saying why.
pub async fn start_closure(state: &AppState, op_id: &str, reason: &str) -> Result<i64, AppError> {
    let reason = crate::domain::filing::reason(reason).map_err(AppError::refused)?;
    start(state, op_id, FilingKind::Closure, Some(reason)).await
}

async fn start(state: &AppState, op_id: &str, kind: FilingKind, closure_reason: Option<String>) -> Result<i64, AppError> {
    let action = if kind == FilingKind::Closure { "filing.closure" } else { "filing.change" };
    let (viewer, facility_id) = crate::auth::viewer::require_operator(state, action).await?;
    let facility = state.store.facility(facility_id).await?.ok_or(AppError::NotFound)?;
    let earlier = state.store.filings_of_account(viewer.account_id).await?.into_iter().find(|f| f.facility_id == Some(facility_id));
    let change = NewChange {
        account_id: viewer.account_id,
        facility_id,
        organisation: earlier.as_ref().map_or_else(|| facility.name.clone(), |f| f.organisation.clone()),
        credit_code: earlier.as_ref().and_then(|f| f.credit_code.clone()),
        contact_phone: earlier.as_ref().map_or_else(|| facility.phone.clone(), |f| f.contact_phone.clone()),
        facts: state.store.filed_facts(facility_id).await?,
        kind,
        closure_reason,
    };
    let op = operation(op_id, &viewer, action, &(facility_id, &change.closure_reason))?;
    match outcome(state.store.start_change_filing(&op, &change, state.clock.now()).await?)? {
        FilingOutcome::Started { filing_id } => {
            audit(state, &viewer.actor(), action, &format!("filing:{filing_id}"), "ok").await;
            Ok(filing_id)
        }
        _ => Err(AppError::Internal),
    }
}

/// The health commission's reviewer, or "not found".
async fn require_reviewer(state: &AppState, action: &str) -> Result<Viewer, AppError> {
    let viewer = require_viewer(state).await?;
    if may_review_filings(&viewer) {
        Ok(viewer)
    } else {
        Err(refuse(state, Some(&viewer), action, "filings").await)
    }
}

pub async fn queue(state: &AppState) -> Result<Vec<FilingSummary>, AppError> {
    require_reviewer(state, "filing.queue").await?;
    let now = state.clock.now();
    Ok(state
        .store
        .filings_awaiting_review()
        .await?
        .into_iter()
        .map(|f| FilingSummary {
            id: f.id,
            kind: f.kind,
            facility_name: f.facts.as_ref().map(|facts| facts.name.clone()),
            organisation: f.organisation,
            round: f.round,
            submitted_at: f.submitted_at,
            overdue: f.review_due_at.is_some_and(|due| due < now),
            review_due_at: f.review_due_at,
        })
        .collect())
}

pub async fn one(state: &AppState, id: i64) -> Result<FilingView, AppError> {
    let viewer = require_viewer(state).await?;
    let filing = filing_for(state, &viewer, id, FilingAction::Read).await?;
    let reviewing = may_filing(&viewer, FilingAction::Review, filing.account_id);
    view(state, filing, reviewing).await
}

pub async fn review(state: &AppState, op_id: &str, filing_id: i64, input: &ReviewInput) -> Result<ReviewDone, AppError> {
    let viewer = require_reviewer(state, "filing.review").await?;
    let now = state.clock.now();
    let (result, state_after) = match input.decision.trim() {
        "return" => {
            let items: Vec<(String, String)> = input.items.iter().map(|i| (i.item.clone(), i.reason.clone())).collect();
            let items = returned_items(&items).map_err(AppError::refused)?;
            let op = operation(op_id, &viewer, "filing.return", &(filing_id, &items))?;
            (state.store.return_filing(&op, filing_id, &items, now).await?, FilingState::Returned)
        }
        "accept" => {
            let op = operation(op_id, &viewer, "filing.accept", &filing_id)?;
            (state.store.accept_filing(&op, filing_id, now).await?, FilingState::Accepted)
        }
        "refuse" => {
            let reason = crate::domain::filing::reason(&input.reason).map_err(AppError::refused)?;
            let op = operation(op_id, &viewer, "filing.refuse", &(filing_id, &reason))?;
            (state.store.refuse_filing(&op, filing_id, &reason, now).await?, FilingState::Refused)
        }
        _ => return Err(AppError::bad_input("decision")),
    };
    let done = match outcome(result)? {
        FilingOutcome::Accepted { facility_id, filing_number } => ReviewDone { state: state_after, filing_number: Some(filing_number), facility_id: Some(facility_id) },
        _ => ReviewDone { state: state_after, filing_number: None, facility_id: None },
    };
    audit(state, &viewer.actor(), &format!("filing.{}", input.decision.trim()), &format!("filing:{filing_id}"), "ok").await;
    Ok(done)
}

/// One stored version of a document, for its filer and the health commission.
pub async fn material(state: &AppState, viewer: &Viewer, filing_id: i64, item: &str, version: i64) -> Result<crate::store::filings::MaterialFile, AppError> {
    let filing = filing_for(state, viewer, filing_id, FilingAction::Read).await?;
    let item = FilingItem::from_code(item).ok_or(AppError::NotFound)?;
    state.store.filing_material_file(filing.id, item, version).await?.ok_or(AppError::NotFound)
}
