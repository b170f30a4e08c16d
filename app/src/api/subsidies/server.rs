//! The server side of subsidy applications: who may do what, live figures, and each step.

use super::{ApplicationView, OperatorSubsidies};
use crate::api::filing::server::clean_file_name;
use crate::api::{decode_upload, operation, UploadProblem};
use crate::api::policies::server::line;
use crate::auth::secrets::sha256_hex;
use crate::auth::viewer::{audit, refuse, require_operator, require_viewer};
use crate::domain::account::access::{may_decide_subsidies, may_read_subsidy_application};
use crate::domain::calendar::CivilDate;
use crate::domain::facility::FilingStatus;
use crate::domain::filing::materials::MAX_MATERIAL_BYTES;
use crate::domain::policy::PolicyRefusal;
use crate::domain::subsidy::{check_year, contract_type, parse_rent, reason, ApplicationStep, LiveFacts, SubsidyFigures, SubsidyKind, SubsidyRefusal, FIRST_YEAR};
use crate::error::AppError;
use crate::state::AppState;
use crate::store::subsidies::{ApplicationRecord, NewContract, SubsidyOutcome};

fn outcome(result: SubsidyOutcome) -> Result<SubsidyOutcome, AppError> {
    match result {
        SubsidyOutcome::Refused(why) => Err(AppError::refused(why)),
        SubsidyOutcome::NotFound => Err(AppError::NotFound),
        done => Ok(done),
    }
}

fn current_year(state: &AppState) -> i32 {
    CivilDate::in_china_at(state.clock.now()).year()
}

/// What the stored data says about one facility, read once for all its applications: its
/// filing, grade, status, filed places and every monthly enrolment record since 2024.
struct Live {
    facility: crate::domain::facility::Facility,
    filed_places: u32,
    enrolment: Vec<crate::domain::subsidy::MonthlyEnrolment>,
}

impl Live {
    async fn load(state: &AppState, facility_id: i64) -> Result<Live, AppError> {
        let facility = state.store.facility(facility_id).await?.ok_or(AppError::NotFound)?;
        let classes = state.store.classes_of(&[facility_id]).await?;
        let enrolment = state.store.enrolment_of(facility_id, FIRST_YEAR, current_year(state)).await?;
        Ok(Live { facility, filed_places: classes.iter().map(|c| c.filed_capacity).sum(), enrolment })
    }

    /// The figures of `record` by the calculator (the year's records are picked by the domain).
    fn figures(&self, record: &ApplicationRecord) -> Result<SubsidyFigures, PolicyRefusal> {
        let facts = LiveFacts {
            inclusive: self.facility.inclusive,
            filed: self.facility.filing_status == FilingStatus::Filed,
            grade: self.facility.grade,
            ownership: self.facility.ownership,
            filed_places: self.filed_places,
            enrolment: self.enrolment.clone(),
            rent_per_m2: record.rent_per_m2,
            housing_supported: record.housing_supported,
        };
        SubsidyFigures::compute(record.kind, record.year, &facts)
    }
}

fn view(live: &Live, record: ApplicationRecord) -> ApplicationView {
    let (figures, figures_refusal) = if record.state.is_editable() {
        match live.figures(&record) {
            Ok(figures) => (Some(figures), None),
            Err(why) => (None, Some(why)),
        }
    } else {
        (record.figures.clone(), None)
    };
    let lines = figures.as_ref().map(|f| f.lines.iter().map(line).collect()).unwrap_or_default();
    ApplicationView {
        id: record.id,
        facility_id: record.facility_id,
        kind: record.kind,
        year: record.year,
        state: record.state,
        figures,
        figures_refusal,
        lines,
        rent_per_m2_yuan: record.rent_per_m2.map(|r| r.to_yuan_string().replace(',', "")),
        housing_supported: record.housing_supported,
        contract: record.contract,
        decision_reason: record.decision_reason,
        opened_at: record.opened_at,
        submitted_at: record.submitted_at,
        decided_at: record.decided_at,
    }
}

pub async fn operator_subsidies(state: &AppState) -> Result<OperatorSubsidies, AppError> {
    let (_, facility_id) = require_operator(state, "subsidy.list").await?;
    let live = Live::load(state, facility_id).await?;
    let applications = state.store.subsidy_applications_of(facility_id).await?.into_iter().map(|record| view(&live, record)).collect();
    let years = (FIRST_YEAR..=current_year(state)).rev().collect();
    Ok(OperatorSubsidies { facility_name: live.facility.name.clone(), years, applications })
}

pub async fn application(state: &AppState, application_id: i64) -> Result<ApplicationView, AppError> {
    let viewer = require_viewer(state).await?;
    match state.store.subsidy_application(application_id).await? {
        Some(record) if may_read_subsidy_application(&viewer, record.facility_id) => Ok(view(&Live::load(state, record.facility_id).await?, record)),
        _ => Err(refuse(state, Some(&viewer), "subsidy.read", "subsidy").await),
    }
}

pub async fn open(state: &AppState, op_id: &str, kind: &str, year: i32) -> Result<i64, AppError> {
    let (viewer, facility_id) = require_operator(state, "subsidy.open").await?;
    let kind = SubsidyKind::from_code(kind.trim()).ok_or(AppError::refused(SubsidyRefusal::SubsidyKindUnknown))?;
    let year = check_year(year, current_year(state)).map_err(AppError::refused)?;
    let op = operation(op_id, &viewer, "subsidy.open", &(kind, year))?;
    match outcome(state.store.open_subsidy_application(&op, facility_id, viewer.account_id, kind, year, state.clock.now()).await?)? {
        SubsidyOutcome::Opened { application_id } => {
            audit(state, &viewer.actor(), "subsidy.open", &format!("subsidy:{application_id}"), "ok").await;
            Ok(application_id)
        }
        _ => Err(AppError::Internal),
    }
}

pub async fn save_rent(state: &AppState, op_id: &str, application_id: i64, rent: &str, housing_supported: bool) -> Result<(), AppError> {
    let (viewer, facility_id) = require_operator(state, "subsidy.rent").await?;
    let rent = parse_rent(rent).map_err(AppError::refused)?;
    let op = operation(op_id, &viewer, "subsidy.rent", &(application_id, rent, housing_supported))?;
    outcome(state.store.save_subsidy_rent(&op, facility_id, application_id, rent, housing_supported, state.clock.now()).await?)?;
    audit(state, &viewer.actor(), "subsidy.rent", &format!("subsidy:{application_id}"), "ok").await;
    Ok(())
}

pub async fn upload_contract(state: &AppState, op_id: &str, application_id: i64, file_name: &str, content: &str) -> Result<i64, AppError> {
    let (viewer, facility_id) = require_operator(state, "subsidy.contract").await?;
    let bytes = decode_upload(content, MAX_MATERIAL_BYTES).map_err(|why| {
        AppError::refused(if why == UploadProblem::TooLarge { SubsidyRefusal::SubsidyFileTooLarge } else { SubsidyRefusal::SubsidyFileType })
    })?;
    let mime = contract_type(&bytes).map_err(AppError::refused)?;
    let digest = sha256_hex(content.trim());
    let op = operation(op_id, &viewer, "subsidy.contract", &(application_id, &digest))?;
    let contract = NewContract { file_name: clean_file_name(file_name), mime, sha256: digest, bytes };
    match outcome(state.store.add_subsidy_contract(&op, facility_id, application_id, &contract, state.clock.now()).await?)? {
        SubsidyOutcome::Stored { version } => {
            audit(state, &viewer.actor(), "subsidy.contract", &format!("subsidy:{application_id}:{version}"), "ok").await;
            Ok(version)
        }
        _ => Err(AppError::Internal),
    }
}

pub async fn submit(state: &AppState, op_id: &str, application_id: i64) -> Result<(), AppError> {
    let (viewer, facility_id) = require_operator(state, "subsidy.submit").await?;
    let record = match state.store.subsidy_application(application_id).await? {
        Some(record) if record.facility_id == facility_id => record,
        _ => return Err(AppError::NotFound),
    };
    record.state.after(ApplicationStep::Submit).map_err(AppError::refused)?;
    let figures = Live::load(state, facility_id).await?.figures(&record).map_err(|_| AppError::refused(SubsidyRefusal::SubsidyFigures))?;
    figures.check_submittable(record.contract.is_some()).map_err(AppError::refused)?;
    let op = operation(op_id, &viewer, "subsidy.submit", &application_id)?;
    outcome(state.store.submit_subsidy_application(&op, facility_id, application_id, &figures, state.clock.now()).await?)?;
    audit(state, &viewer.actor(), "subsidy.submit", &format!("subsidy:{application_id}"), "ok").await;
    Ok(())
}

pub async fn decide(state: &AppState, op_id: &str, application_id: i64, decision: &str, text: &str) -> Result<(), AppError> {
    let viewer = require_viewer(state).await?;
    if !may_decide_subsidies(&viewer) {
        return Err(refuse(state, Some(&viewer), "subsidy.decide", "subsidy").await);
    }
    let step = match decision.trim() {
        "return" => ApplicationStep::Return,
        "approve" => ApplicationStep::Approve,
        "refuse" => ApplicationStep::Refuse,
        _ => return Err(AppError::bad_input("decision")),
    };
    let why = match step {
        ApplicationStep::Approve => None,
        _ => Some(reason(text).map_err(AppError::refused)?),
    };
    let op = operation(op_id, &viewer, "subsidy.decide", &(application_id, step, &why))?;
    outcome(state.store.decide_subsidy_application(&op, application_id, step, why, state.clock.now()).await?)?;
    audit(state, &viewer.actor(), "subsidy.decide", &format!("subsidy:{application_id}"), decision.trim()).await;
    Ok(())
}
