//! Words for codes, numbers and errors in the reader's language. Every text comes from
//! `locales/*.json` through leptos_i18n; this file only picks the key for a value.

pub mod complaints;
pub mod fees;
pub mod filing;
pub mod gallery;
pub mod roster;
pub mod subsidies;
pub mod lessons;
pub mod policies;
mod ratings;

pub use ratings::{aspect, aspect_hint, rating_refusal, relationship};

use leptos_i18n::Locale as _;

use crate::domain::account::child::Problem;
use crate::domain::account::roles::{Department, Role};
use crate::domain::booking::{ApplicationState, SlotKind};
use crate::domain::calendar::{CivilDate, Timestamp};
use crate::domain::district::unit_by_code;
use crate::domain::facility::{ClassLevel, FacilityKind, FilingStatus, Grade, Ownership, ServiceType};
use crate::domain::finder::Note;
use crate::domain::vacancy::Vacancy;
use crate::error::{AppError, Refusal};
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

/// China time of day of an instant, `09:30`.
pub fn time_of_day(at: Timestamp) -> String {
    date_time(at).split_off(11)
}

pub fn application_state(locale: Locale, state: ApplicationState) -> String {
    match state {
        ApplicationState::Offered => td_string!(locale, booking.state_offered),
        ApplicationState::Confirmed => td_string!(locale, booking.state_confirmed),
        ApplicationState::Waitlisted => td_string!(locale, booking.state_waitlisted),
        ApplicationState::Enrolled => td_string!(locale, booking.state_enrolled),
        ApplicationState::Declined => td_string!(locale, booking.state_declined),
        ApplicationState::Cancelled => td_string!(locale, booking.state_cancelled),
        ApplicationState::Expired => td_string!(locale, booking.state_expired),
        ApplicationState::Lapsed => td_string!(locale, booking.state_lapsed),
        ApplicationState::Withdrawn => td_string!(locale, booking.state_withdrawn),
    }
    .to_string()
}

pub fn slot_kind(locale: Locale, kind: SlotKind) -> String {
    match kind {
        SlotKind::Visit => td_string!(locale, booking.slot_visit),
        SlotKind::Hourly => td_string!(locale, booking.slot_hourly),
        SlotKind::Temporary => td_string!(locale, booking.slot_temporary),
    }
    .to_string()
}

/// The words of an in-app notice from its kind and its JSON parameters.
pub fn notice(locale: Locale, kind: &str, params: &str) -> String {
    let params: serde_json::Value = serde_json::from_str(params).unwrap_or_default();
    let at = |key: &str| params[key].as_i64().map(|t| date_time(Timestamp(t))).unwrap_or_default();
    let reason = params["reason"].as_str().unwrap_or_default().to_string();
    match kind {
        "application.offered" => td_string!(locale, notices.offered, until = at("until")),
        "application.waitlisted" => {
            let position = params["position"].as_u64().unwrap_or_default();
            td_string!(locale, notices.waitlisted, position = position)
        }
        "application.confirmed" => td_string!(locale, notices.confirmed).to_string(),
        "application.enrolled" => td_string!(locale, notices.enrolled).to_string(),
        "application.declined" if reason.is_empty() => td_string!(locale, notices.declined_plain).to_string(),
        "application.declined" => td_string!(locale, notices.declined, reason = reason),
        "application.cancelled" => td_string!(locale, notices.cancelled).to_string(),
        "application.expired" => td_string!(locale, notices.expired).to_string(),
        "application.lapsed" => td_string!(locale, notices.lapsed).to_string(),
        "application.withdrawn" => td_string!(locale, notices.withdrawn).to_string(),
        "application.renew" => td_string!(locale, notices.renew, date = at("renew_by")),
        "slot.booked.visit" => td_string!(locale, notices.visit_booked, at = at("starts_at")),
        k if k.starts_with("slot.booked.") => td_string!(locale, notices.care_booked, at = at("starts_at")),
        "activity.booked" => td_string!(locale, notices.activity_booked, at = at("starts_at")),
        "question.answered" => td_string!(locale, notices.question_answered).to_string(),
        "rating.replied" => td_string!(locale, notices.rating_replied).to_string(),
        "rating.published" => td_string!(locale, notices.rating_published).to_string(),
        "rating.hidden" => td_string!(locale, notices.rating_hidden, reason = reason),
        "guide.check_due" => {
            let text = |key: &str| params[key].as_str().unwrap_or_default().to_string();
            let check = if locale == Locale::en { text("check_en") } else { text("check_zh") };
            td_string!(locale, notices.check_due, check = check, date = text("due"))
        }
        _ => td_string!(locale, notices.other).to_string(),
    }
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
        AppError::Unauthenticated => td_string!(locale, errors.unauthenticated).to_string(),
        AppError::RateLimited { retry_after_s } => td_string!(locale, errors.rate_limited, s = retry_after_s),
        AppError::WrongCode => td_string!(locale, errors.wrong_code).to_string(),
        AppError::WrongCredentials => td_string!(locale, errors.wrong_credentials).to_string(),
        AppError::Invalid { .. } => td_string!(locale, errors.invalid).to_string(),
        AppError::Refused { reason } => refusal(locale, reason),
        AppError::ConsentRequired => td_string!(locale, errors.consent_required).to_string(),
        AppError::OperationConflict => td_string!(locale, errors.operation_conflict).to_string(),
        AppError::SmsFailed => td_string!(locale, errors.sms_failed).to_string(),
        AppError::Unavailable => td_string!(locale, errors.unavailable).to_string(),
        AppError::Network => td_string!(locale, errors.network).to_string(),
        AppError::Internal => td_string!(locale, errors.internal).to_string(),
    }
}

/// Why a rule said no, in the user's words. Exhaustive: every refusal has its own sentence.
pub fn refusal(locale: Locale, reason: &Refusal) -> String {
    use crate::domain::booking::{ApplyRefusal as A, ChangeRefusal as C, SlotRefusal as S};
    use crate::domain::vacancy::FigureRefusal as F;
    use crate::error::SyncRefusal;
    match reason {
        Refusal::Apply(A::StartInPast) => td_string!(locale, refusals.start_in_past),
        Refusal::Apply(A::StartTooFar) => td_string!(locale, refusals.start_too_far),
        Refusal::Apply(A::ChildTooYoung) => td_string!(locale, refusals.child_too_young),
        Refusal::Apply(A::ChildTooOld) => td_string!(locale, refusals.child_too_old),
        Refusal::Apply(A::FacilityNotFiled) => td_string!(locale, refusals.facility_not_filed),
        Refusal::Apply(A::NoClassForAge) => td_string!(locale, refusals.no_class_for_age),
        Refusal::Apply(A::AlreadyApplied) => td_string!(locale, refusals.already_applied),
        Refusal::Apply(A::TooManyOpen) => td_string!(locale, refusals.too_many_open),
        Refusal::Change(C::NotAllowed) => td_string!(locale, refusals.not_allowed),
        Refusal::Slot(S::Full) => td_string!(locale, refusals.slot_full),
        Refusal::Slot(S::AlreadyBooked) => td_string!(locale, refusals.already_booked),
        Refusal::Slot(S::Past) => td_string!(locale, refusals.slot_past),
        Refusal::Slot(S::TooLate) => td_string!(locale, refusals.too_late),
        Refusal::Figures(F::StaffedAboveFiled) => td_string!(locale, refusals.staffed_above_filed),
        Refusal::Figures(F::AboveClassSize) => td_string!(locale, refusals.above_class_size),
        Refusal::Figures(F::CapacityBelowTaken) => td_string!(locale, refusals.capacity_below_taken),
        Refusal::Figures(F::EnrolledBelowPlatform) => td_string!(locale, refusals.enrolled_below_platform),
        Refusal::Figures(F::StaffedAboveRoster) => td_string!(locale, refusals.staffed_above_roster),
        Refusal::Sync(SyncRefusal::ClientTooOld) => td_string!(locale, refusals.client_too_old),
        Refusal::Rating(r) => return rating_refusal(locale, *r),
        Refusal::Complaint(r) => return complaints::complaint_refusal(locale, *r),
        Refusal::Lesson(r) => return lessons::lesson_refusal(locale, *r),
        Refusal::Expert(r) => return lessons::expert_refusal(locale, *r),
        Refusal::Activity(r) => return lessons::activity_refusal(locale, *r),
        Refusal::Policy(r) => return policies::refusal(locale, *r),
        Refusal::Fee(r) => return fees::refusal(locale, *r),
        Refusal::Roster(r) => return roster::refusal(locale, *r),
        Refusal::Filing(r) => return filing::refusal(locale, *r),
        Refusal::Subsidy(r) => return subsidies::refusal(locale, *r),
        Refusal::Gallery(r) => return gallery::refusal(locale, *r),
    }
    .to_string()
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
        "rated" => td_string!(locale, fields.rated),
        "grade" => td_string!(locale, fields.grade),
        "kind" => td_string!(locale, fields.kind),
        "sex" => td_string!(locale, fields.sex),
        "fee_min" => td_string!(locale, fields.fee_min),
        "fee_max" => td_string!(locale, fields.fee_max),
        "near" => td_string!(locale, fields.near),
        "from" => td_string!(locale, fields.from),
        "within" => td_string!(locale, fields.within),
        "sort" => td_string!(locale, fields.sort),
        "view" => td_string!(locale, fields.view),
        "page" => td_string!(locale, fields.page),
        "phone" => td_string!(locale, fields.phone),
        "code" => td_string!(locale, fields.code),
        "name" => td_string!(locale, fields.name),
        "birth_date" => td_string!(locale, fields.birth_date),
        "relation" => td_string!(locale, fields.relation),
        "id_number" => td_string!(locale, fields.id_number),
        "username" => td_string!(locale, fields.username),
        "password" => td_string!(locale, fields.password),
        "display_name" => td_string!(locale, fields.display_name),
        "facility_id" => td_string!(locale, fields.facility_id),
        "department" => td_string!(locale, fields.department),
        "inspected_on" => td_string!(locale, fields.inspected_on),
        "result" => td_string!(locale, fields.result),
        "note" => td_string!(locale, fields.note),
        "confirm" => td_string!(locale, fields.confirm),
        "enrolled" => td_string!(locale, fields.enrolled),
        "staffed" => td_string!(locale, fields.staffed),
        "children" => td_string!(locale, fields.children),
        "op_id" => td_string!(locale, fields.op_id),
        "reason" => td_string!(locale, fields.reason),
        "starts_at" => td_string!(locale, fields.starts_at),
        "minutes" => td_string!(locale, fields.minutes),
        "capacity" => td_string!(locale, fields.capacity),
        "start_month" => td_string!(locale, fields.start_month),
        "operation" => td_string!(locale, fields.operation),
        "operation_kind" => td_string!(locale, fields.operation_kind),
        "payload" => td_string!(locale, fields.payload),
        "decision" => td_string!(locale, fields.decision),
        "organisation" => td_string!(locale, fields.organisation),
        "credit_code" => td_string!(locale, fields.credit_code),
        "address" => td_string!(locale, fields.address),
        "unit_code" => td_string!(locale, fields.unit_code),
        "location" => td_string!(locale, fields.location),
        "opening_hours" => td_string!(locale, fields.opening_hours),
        "service_types" => td_string!(locale, fields.service_types),
        "classes" => td_string!(locale, fields.classes),
        "legal_rep_name" => td_string!(locale, fields.legal_rep_name),
        "legal_rep_id" => td_string!(locale, fields.legal_rep_id),
        "item" => td_string!(locale, fields.item),
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

/// What is wrong with a form field.
pub fn problem(locale: Locale, problem: Problem) -> String {
    match problem {
        Problem::Required => td_string!(locale, problems.required),
        Problem::TooLong => td_string!(locale, problems.too_long),
        Problem::BadCharacters => td_string!(locale, problems.bad_characters),
        Problem::NotADate => td_string!(locale, problems.not_a_date),
        Problem::InFuture => td_string!(locale, problems.in_future),
        Problem::TooOld => td_string!(locale, problems.too_old),
        Problem::Unknown => td_string!(locale, problems.unknown),
        Problem::BadChecksum => td_string!(locale, problems.bad_checksum),
        Problem::Malformed => td_string!(locale, problems.malformed),
        Problem::Mismatch => td_string!(locale, problems.mismatch),
        Problem::Taken => td_string!(locale, problems.taken),
        Problem::AboveStandard => td_string!(locale, problems.above_standard),
        Problem::OutsideDistrict => td_string!(locale, problems.outside_district),
    }
    .to_string()
}

/// The message for `field` in an error, if the error is about that field.
pub fn field_error(locale: Locale, error: &AppError, field: &str) -> Option<String> {
    match error {
        AppError::Invalid { problems } => problems.iter().find(|p| p.field == field).map(|p| problem(locale, p.problem)),
        AppError::BadInput { field: bad } if bad == field => Some(td_string!(locale, problems.malformed).to_string()),
        _ => None,
    }
}

pub fn department(locale: Locale, department: Department) -> String {
    match department {
        Department::Health => td_string!(locale, department.health),
        Department::Education => td_string!(locale, department.education),
        Department::Market => td_string!(locale, department.market),
        Department::Fire => td_string!(locale, department.fire),
        Department::Housing => td_string!(locale, department.housing),
        Department::Police => td_string!(locale, department.police),
        Department::Development => td_string!(locale, department.development),
        Department::Finance => td_string!(locale, department.finance),
        Department::HumanResources => td_string!(locale, department.hr),
        Department::Union => td_string!(locale, department.union),
    }
    .to_string()
}

/// "机构管理员 · 1 号机构", "监管人员 · 区消防救援局"…
pub fn role(locale: Locale, role: Role) -> String {
    match role {
        Role::Parent => td_string!(locale, role.parent).to_string(),
        Role::Operator { facility_id } => format!("{} · #{facility_id}", td_string!(locale, role.operator)),
        Role::Supervisor { department: d } => format!("{} · {}", td_string!(locale, role.supervisor), department(locale, d)),
        Role::Admin => td_string!(locale, role.admin).to_string(),
        Role::Applicant => td_string!(locale, role.applicant).to_string(),
    }
}

/// The date and time of an instant in China, e.g. 2026-11-29 12:00.
/// The last day of a deadline that ends at midnight (the due moment's day is the second
/// before): "2026-12-07", not "2026-12-08 00:00".
pub fn due_day(due: Timestamp) -> String {
    date(Timestamp(due.0 - 1))
}

pub fn date_time(at: Timestamp) -> String {
    let local = at.0 + crate::domain::calendar::CHINA_UTC_OFFSET_SECS;
    let minutes = local.rem_euclid(86_400) / 60;
    format!("{} {:02}:{:02}", CivilDate::in_china_at(at), minutes / 60, minutes % 60)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_refusal_has_its_own_words_in_both_languages() {
        use crate::domain::booking::{ApplyRefusal, SlotRefusal};
        for locale in [Locale::zh_CN, Locale::en] {
            let mut seen = std::collections::HashSet::new();
            for reason in Refusal::all() {
                let words = refusal(locale, &reason);
                assert!(!words.is_empty(), "{reason:?} in {locale:?}");
                assert!(seen.insert(words), "{reason:?} shares its words in {locale:?}");
            }
        }
        assert!(refusal(Locale::zh_CN, &ApplyRefusal::ChildTooYoung.into()).contains("6 个月"));
        assert!(refusal(Locale::en, &SlotRefusal::Full.into()).contains("full"));
    }

    #[test]
    fn notices_are_worded_with_their_values_in_china_time() {
        // 2026-11-30 01:30 UTC is 09:30 in Chongqing.
        let until = 1_796_002_200;
        let zh = notice(Locale::zh_CN, "application.offered", &format!("{{\"until\":{until}}}"));
        assert!(zh.contains("2026-11-30 09:30"), "{zh}");
        let en = notice(Locale::en, "application.waitlisted", "{\"position\":3}");
        assert!(en.contains('3'), "{en}");
        assert!(notice(Locale::zh_CN, "application.declined", "{\"reason\":\"已满\"}").contains("已满"));
        assert!(!notice(Locale::en, "unknown.kind", "not json").is_empty());
        assert_eq!(time_of_day(Timestamp(until)), "09:30");
    }
}
