use super::*;
use crate::domain::account::id_card::check_char;

fn day(s: &str) -> CivilDate {
    CivilDate::parse(s).expect("test date")
}

/// A structurally valid ID number for an invented person `n` (region 000000 does not exist).
fn id(n: u32) -> String {
    let first = format!("00000019900101{n:03}");
    format!("{first}{}", check_char(&first).expect("17 digits"))
}

fn input() -> StaffInput {
    StaffInput {
        name: " 张老师 ".into(),
        id_number: id(1),
        role: "carer".into(),
        class_level: "toddler".into(),
        qualification: "carer".into(),
        employed_from: "2025-03-01".into(),
        health_issued: "2026-03-01".into(),
        health_expires: "2027-03-01".into(),
        background_checked_on: "2025-02-20".into(),
    }
}

const LEVELS: &[ClassLevel] = &[ClassLevel::Toddler, ClassLevel::Older];
const TODAY: &str = "2026-12-01";

#[test]
fn a_complete_entry_is_accepted() {
    let draft = input().validate(LEVELS, day(TODAY)).expect("valid");
    assert_eq!((draft.name.as_str(), draft.role, draft.class_level), ("张老师", StaffRole::Carer, Some(ClassLevel::Toddler)));
    assert_eq!(draft.background_checked_on, Some(day("2025-02-20")));
    let unchecked = StaffInput { background_checked_on: " ".into(), class_level: "".into(), ..input() };
    assert_eq!(unchecked.validate(LEVELS, day(TODAY)).map(|d| (d.background_checked_on, d.class_level)), Ok((None, None)));
}

#[test]
fn each_bad_field_is_named() {
    let today = day(TODAY);
    let cases: Vec<(StaffInput, RosterRefusal)> = vec![
        (StaffInput { name: "".into(), ..input() }, RosterRefusal::StaffName),
        (StaffInput { name: "名".repeat(31), ..input() }, RosterRefusal::StaffName),
        (StaffInput { id_number: "000000199001010010".into(), ..input() }, RosterRefusal::StaffIdNumber),
        (StaffInput { id_number: "12345".into(), ..input() }, RosterRefusal::StaffIdNumber),
        (StaffInput { role: "boss".into(), ..input() }, RosterRefusal::StaffRole),
        (StaffInput { class_level: "infant".into(), ..input() }, RosterRefusal::StaffClass),
        (StaffInput { role: "cook".into(), ..input() }, RosterRefusal::StaffClass),
        (StaffInput { qualification: "phd".into(), ..input() }, RosterRefusal::StaffQualification),
        (StaffInput { employed_from: "2026-12-02".into(), ..input() }, RosterRefusal::StaffEmployedFrom),
        (StaffInput { health_expires: "2026-02-28".into(), ..input() }, RosterRefusal::StaffHealthCertificate),
        (StaffInput { health_expires: "2026-03-01".into(), ..input() }, RosterRefusal::StaffHealthCertificate),
        (StaffInput { health_issued: "".into(), ..input() }, RosterRefusal::StaffHealthCertificate),
        (StaffInput { background_checked_on: "2027-01-01".into(), ..input() }, RosterRefusal::StaffBackgroundCheck),
    ];
    for (bad, refusal) in cases {
        assert_eq!(bad.validate(LEVELS, today), Err(refusal), "{bad:?}");
    }
    // A cook without a class is fine.
    assert!(StaffInput { role: "cook".into(), class_level: "".into(), qualification: "none".into(), ..input() }.validate(LEVELS, today).is_ok());
}

fn entry(person: u32, role: StaffRole, qualification: Qualification) -> RosterEntry {
    RosterEntry { person: id(person), role, qualification, health_expires: day("2027-01-01") }
}

#[test]
fn the_rate_counts_carers_once_each() {
    use Qualification::*;
    let roster = vec![
        entry(1, StaffRole::Carer, CarerCertificate),
        entry(2, StaffRole::Carer, NannyCertificate),
        entry(3, StaffRole::Carer, None),
        // Listed twice (two classes): one person, certified.
        entry(4, StaffRole::Carer, None),
        entry(4, StaffRole::Carer, TeacherLicence),
        // Not care staff: not counted.
        entry(5, StaffRole::Cook, None),
        entry(6, StaffRole::Lead, CarerCertificate),
    ];
    let rate = certification_rate(&roster).expect("carers");
    assert_eq!((rate.certified, rate.carers, rate.percent()), (3, 4, 75));
    assert_eq!(certification_rate(&[entry(5, StaffRole::Cook, None)]), Option::None);
    // 19 of 20 is 95 %; 94.9 % would not be.
    assert_eq!(CertificationRate { certified: 19, carers: 20 }.percent(), 95);
    assert_eq!(CertificationRate { certified: 949, carers: 1000 }.percent(), 94);
}

#[test]
fn carers_support_places_at_the_national_ratios() {
    assert_eq!(places_for_carers(ClassLevel::Infant, 3), 9);
    assert_eq!(places_for_carers(ClassLevel::Toddler, 3), 15);
    assert_eq!(places_for_carers(ClassLevel::Older, 3), 21);
    assert_eq!(places_for_carers(ClassLevel::Older, 0), 0);
}

#[test]
fn health_certificates_are_due_30_days_ahead_and_a_left_employment_cannot_end_again() {
    let today = day(TODAY);
    assert!(health_certificate_due(day("2026-12-31"), today));
    assert!(health_certificate_due(day("2026-11-01"), today), "expired");
    assert!(!health_certificate_due(day("2027-01-01"), today));
    assert_eq!(may_end(None, today), Ok(()));
    assert_eq!(may_end(Some(day("2026-12-01")), today), Err(RosterRefusal::StaffAlreadyLeft));
}
