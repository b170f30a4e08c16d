//! Words for complaints, in both languages: refusals, categories, states, timeline entries.

use crate::domain::account::roles::Department;
use crate::domain::complaint::handling::Event;
use crate::domain::complaint::state::{Finding, Satisfaction, State};
use crate::domain::complaint::{Category, ComplaintRefusal, Kind};
use crate::i18n::{td_string, Locale};

pub fn complaint_refusal(locale: Locale, refusal: ComplaintRefusal) -> String {
    use ComplaintRefusal as R;
    match refusal {
        R::DescriptionTooShort => td_string!(locale, refusals.description_too_short),
        R::DescriptionTooLong => td_string!(locale, refusals.description_too_long),
        R::UnknownCategory => td_string!(locale, refusals.unknown_category),
        R::UnknownKind => td_string!(locale, refusals.unknown_kind),
        R::UnknownFacility => td_string!(locale, refusals.unknown_facility),
        R::PlaceMissing => td_string!(locale, refusals.place_missing),
        R::PlaceTooLong => td_string!(locale, refusals.place_too_long),
        R::PointOutsideDistrict => td_string!(locale, refusals.point_outside_district),
        R::BadDate => td_string!(locale, refusals.bad_date),
        R::TooManyPhotos => td_string!(locale, refusals.too_many_photos),
        R::PhotoTooLarge => td_string!(locale, refusals.photo_too_large),
        R::NotAPhoto => td_string!(locale, refusals.not_a_photo),
        R::DailyLimit => td_string!(locale, refusals.daily_limit),
        R::StaffCannotFile => td_string!(locale, refusals.staff_cannot_file),
        R::TrackingMismatch => td_string!(locale, refusals.tracking_mismatch),
        R::NotInThisState => td_string!(locale, refusals.not_in_this_state),
        R::NotYourStep => td_string!(locale, refusals.not_your_step),
        R::AlreadyExtended => td_string!(locale, refusals.already_extended),
        R::BadExtension => td_string!(locale, refusals.bad_extension),
        R::TextMissing => td_string!(locale, refusals.text_missing),
        R::FindingMissing => td_string!(locale, refusals.finding_missing),
        R::BadDispatch => td_string!(locale, refusals.bad_dispatch),
        R::BadMerge => td_string!(locale, refusals.bad_merge),
        R::VerdictAlreadyGiven => td_string!(locale, refusals.verdict_already_given),
        R::VerdictWindowClosed => td_string!(locale, refusals.verdict_window_closed),
    }
    .to_string()
}

pub fn category(locale: Locale, category: Category) -> String {
    match category {
        Category::FeesPrices => td_string!(locale, complaints.category_fees_prices),
        Category::Food => td_string!(locale, complaints.category_food),
        Category::FireSafety => td_string!(locale, complaints.category_fire_safety),
        Category::Premises => td_string!(locale, complaints.category_premises),
        Category::HealthCare => td_string!(locale, complaints.category_health_care),
        Category::StaffQualifications => td_string!(locale, complaints.category_staff_qualifications),
        Category::ChildHarm => td_string!(locale, complaints.category_child_harm),
        Category::KindergartenClass => td_string!(locale, complaints.category_kindergarten_class),
        Category::StaffEmployment => td_string!(locale, complaints.category_staff_employment),
        Category::UnfiledOperation => td_string!(locale, complaints.category_unfiled_operation),
        Category::Other => td_string!(locale, complaints.category_other),
    }
    .to_string()
}

pub fn kind(locale: Locale, kind: Kind) -> String {
    match kind {
        Kind::Complaint => td_string!(locale, complaints.kind_complaint),
        Kind::Report => td_string!(locale, complaints.kind_report),
        Kind::Suggestion => td_string!(locale, complaints.kind_suggestion),
    }
    .to_string()
}

pub fn state(locale: Locale, state: State) -> String {
    match state {
        State::Pending => td_string!(locale, complaints.state_pending),
        State::Dispatched => td_string!(locale, complaints.state_dispatched),
        State::Accepted => td_string!(locale, complaints.state_accepted),
        State::Replied => td_string!(locale, complaints.state_replied),
        State::Closed => td_string!(locale, complaints.state_closed),
        State::Merged => td_string!(locale, complaints.state_merged),
    }
    .to_string()
}

pub fn finding(locale: Locale, finding: Finding) -> String {
    match finding {
        Finding::Substantiated => td_string!(locale, complaints.finding_substantiated),
        Finding::PartlySubstantiated => td_string!(locale, complaints.finding_partly_substantiated),
        Finding::Unfounded => td_string!(locale, complaints.finding_unfounded),
    }
    .to_string()
}

pub fn verdict(locale: Locale, verdict: Satisfaction) -> String {
    match verdict {
        Satisfaction::Satisfied => td_string!(locale, complaints.verdict_satisfied),
        Satisfaction::MostlySatisfied => td_string!(locale, complaints.verdict_mostly_satisfied),
        Satisfaction::Dissatisfied => td_string!(locale, complaints.verdict_dissatisfied),
    }
    .to_string()
}

/// Department codes joined by commas ("development,market"), as names ("区发展改革委、区市场监管局").
pub fn department_list(locale: Locale, codes: &str) -> String {
    let separator = if locale == Locale::en { ", " } else { "、" };
    codes.split(',').filter_map(Department::from_code).map(|d| super::department(locale, d)).collect::<Vec<_>>().join(separator)
}

/// A timeline entry in words: `detail` carries the departments, days, code or verdict.
pub fn event(locale: Locale, event: Event, detail: Option<&str>) -> String {
    let detail = detail.unwrap_or_default();
    match event {
        Event::Filed => td_string!(locale, complaints.event_filed).to_string(),
        Event::Dispatched => td_string!(locale, complaints.event_dispatched, departments = department_list(locale, detail)).to_string(),
        Event::Accepted => td_string!(locale, complaints.event_accepted).to_string(),
        Event::Returned => td_string!(locale, complaints.event_returned).to_string(),
        Event::Merged => td_string!(locale, complaints.event_merged, code = detail).to_string(),
        Event::AskedFacility => td_string!(locale, complaints.event_asked_facility).to_string(),
        Event::Explained => td_string!(locale, complaints.event_explained).to_string(),
        Event::Extended => td_string!(locale, complaints.event_extended, days = detail).to_string(),
        Event::Replied => td_string!(locale, complaints.event_replied).to_string(),
        Event::Closed => match Finding::from_code(detail) {
            Some(found) if locale == Locale::en => format!("{} ({})", td_string!(locale, complaints.event_closed), finding(locale, found)),
            Some(found) => format!("{}（{}）", td_string!(locale, complaints.event_closed), finding(locale, found)),
            None => td_string!(locale, complaints.event_closed).to_string(),
        },
        Event::Verdict => {
            let words = Satisfaction::from_code(detail).map(|v| verdict(locale, v)).unwrap_or_default();
            td_string!(locale, complaints.event_verdict, verdict = words).to_string()
        }
        Event::Reopened => td_string!(locale, complaints.event_reopened).to_string(),
        Event::Overdue => td_string!(locale, complaints.event_overdue).to_string(),
    }
}
