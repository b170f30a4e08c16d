//! Words for codes, numbers and errors in the reader's language. Every text comes from
//! `locales/*.json` through leptos_i18n; this file only picks the key for a value.

use leptos_i18n::Locale as _;

use crate::domain::calendar::{CivilDate, Timestamp};
use crate::domain::district::unit_by_code;
use crate::domain::facility::{ClassLevel, FacilityKind, FilingStatus, Grade, Ownership, ServiceType};
use crate::domain::finder::Note;
use crate::domain::vacancy::Vacancy;
use crate::error::AppError;
use crate::i18n::{td_string, Locale};

pub fn facility_kind(locale: Locale, kind: FacilityKind) -> String {
    match kind {
        FacilityKind::Nursery => td_string!(locale, kind.nursery),
        FacilityKind::KindergartenClass => td_string!(locale, kind.kindergarten),
        FacilityKind::Employer => td_string!(locale, kind.employer),
        FacilityKind::Community => td_string!(locale, kind.community),
        FacilityKind::MedicalCare => td_string!(locale, kind.medical),
    }
    .to_string()
}

pub fn ownership(locale: Locale, ownership: Ownership) -> String {
    match ownership {
        Ownership::Public => td_string!(locale, ownership.public),
        Ownership::Private => td_string!(locale, ownership.private),
        Ownership::PublicBuiltPrivateRun => td_string!(locale, ownership.public_built),
        Ownership::PrivateWithPublicAid => td_string!(locale, ownership.public_aided),
    }
    .to_string()
}

pub fn filing_status(locale: Locale, status: FilingStatus) -> String {
    match status {
        FilingStatus::NotFiled => td_string!(locale, filing.not_filed),
        FilingStatus::UnderReview => td_string!(locale, filing.under_review),
        FilingStatus::Filed => td_string!(locale, filing.filed),
        FilingStatus::Revoked => td_string!(locale, filing.revoked),
    }
    .to_string()
}

pub fn grade(locale: Locale, grade: Grade) -> String {
    match grade {
        Grade::One => td_string!(locale, grade.one),
        Grade::Two => td_string!(locale, grade.two),
        Grade::Three => td_string!(locale, grade.three),
        Grade::Ungraded => td_string!(locale, grade.none),
    }
    .to_string()
}

pub fn service_type(locale: Locale, service: ServiceType) -> String {
    match service {
        ServiceType::FullDay => td_string!(locale, service.full_day),
        ServiceType::HalfDay => td_string!(locale, service.half_day),
        ServiceType::Hourly => td_string!(locale, service.hourly),
        ServiceType::Temporary => td_string!(locale, service.temporary),
    }
    .to_string()
}

pub fn class_level(locale: Locale, level: ClassLevel) -> String {
    match level {
        ClassLevel::Infant => td_string!(locale, class.infant),
        ClassLevel::Toddler => td_string!(locale, class.toddler),
        ClassLevel::Older => td_string!(locale, class.older),
    }
    .to_string()
}

/// "6–12 个月" for a class.
pub fn class_ages(locale: Locale, level: ClassLevel) -> String {
    let (from, to) = level.age_months();
    td_string!(locale, class.ages, from = from, to = to)
}

pub fn vacancy(locale: Locale, vacancy: Vacancy) -> String {
    match vacancy {
        Vacancy::Free(n) => td_string!(locale, vacancy.free, n = n),
        Vacancy::Full => td_string!(locale, vacancy.full).to_string(),
        Vacancy::Unknown => td_string!(locale, vacancy.unknown).to_string(),
    }
}

/// The street or town name for a code ("双龙湖街道"; in English "Shuanglonghu street" would
/// need official romanisations we do not have, so names stay in Chinese).
pub fn unit_name(code: u32) -> String {
    unit_by_code(code).map(|u| u.full_name()).unwrap_or_else(|| "渝北区".to_string())
}

pub fn monthly_fee(locale: Locale, yuan: u32) -> String {
    td_string!(locale, common.fee, fee = yuan)
}

pub fn fee_from(locale: Locale, yuan: u32) -> String {
    td_string!(locale, common.fee_from, fee = yuan)
}

/// "850 米" or "2.3 公里".
pub fn distance(locale: Locale, metres: f64) -> String {
    if metres < 1_000.0 {
        let m = ((metres / 10.0).round() * 10.0) as u32;
        td_string!(locale, common.metres, m = m)
    } else {
        let km = format!("{:.1}", metres / 1_000.0);
        td_string!(locale, common.km, km = km)
    }
}

/// The China date of an instant, e.g. 2026-11-29 (the same in both languages).
pub fn date(at: Timestamp) -> String {
    CivilDate::in_china_at(at).to_string()
}

/// A sentence for people; technical details stay in the server log.
pub fn error_message(locale: Locale, error: &AppError) -> String {
    match error {
        AppError::NotFound => td_string!(locale, errors.not_found).to_string(),
        AppError::BadInput { field } => {
            let field = field_label(locale, field);
            td_string!(locale, errors.bad_input, field = field)
        }
        AppError::BadRequest => td_string!(locale, errors.bad_request).to_string(),
        AppError::OperationConflict => td_string!(locale, errors.operation_conflict).to_string(),
        AppError::Unavailable => td_string!(locale, errors.unavailable).to_string(),
        AppError::Network => td_string!(locale, errors.network).to_string(),
        AppError::Internal => td_string!(locale, errors.internal).to_string(),
    }
}

/// Names of input fields as the forms call them.
pub fn field_label(locale: Locale, field: &str) -> String {
    match field {
        "q" => td_string!(locale, fields.q),
        "street" => td_string!(locale, fields.street),
        "birth" => td_string!(locale, fields.birth),
        "start" => td_string!(locale, fields.start),
        "service" => td_string!(locale, fields.service),
        "inclusive" => td_string!(locale, fields.inclusive),
        "vacant" => td_string!(locale, fields.vacant),
        "grade" => td_string!(locale, fields.grade),
        "kind" => td_string!(locale, fields.kind),
        "fee_min" => td_string!(locale, fields.fee_min),
        "fee_max" => td_string!(locale, fields.fee_max),
        "near" => td_string!(locale, fields.near),
        "from" => td_string!(locale, fields.from),
        "within" => td_string!(locale, fields.within),
        "sort" => td_string!(locale, fields.sort),
        "view" => td_string!(locale, fields.view),
        "page" => td_string!(locale, fields.page),
        _ => td_string!(locale, fields.other),
    }
    .to_string()
}

/// Explains a correction the finder made to the query.
pub fn finder_note(locale: Locale, note: &Note) -> String {
    match note {
        Note::Ignored { field } => {
            let field = field_label(locale, field);
            td_string!(locale, finder.notes.ignored, field = field)
        }
        Note::FeeRangeSwapped => td_string!(locale, finder.notes.fee_swapped).to_string(),
        Note::BirthInFuture => td_string!(locale, finder.notes.birth_in_future).to_string(),
        Note::ChildTooYoung { earliest_start } => {
            let month = earliest_start.to_string();
            td_string!(locale, finder.notes.too_young, month = month)
        }
        Note::ChildTooOld => td_string!(locale, finder.notes.too_old).to_string(),
        Note::StartInPast { corrected } => {
            let month = corrected.to_string();
            td_string!(locale, finder.notes.start_in_past, month = month)
        }
        Note::NeedsLocation { .. } => td_string!(locale, finder.notes.needs_location).to_string(),
        Note::OutsideDistrict => td_string!(locale, finder.notes.outside_district).to_string(),
    }
}

/// The language tag of a locale, for `lang` attributes.
pub fn language_tag(locale: Locale) -> &'static str {
    locale.as_str()
}

/// "页面 · 渝北托育": a page title as a plain string. Head elements are rendered after the
/// page's reactive owners may have been disposed, so titles must not be closures over signals;
/// they follow the language chosen when the page loads.
pub fn page_title(locale: Locale, page: &str) -> String {
    format!("{page} · {}", td_string!(locale, app.title_suffix))
}
