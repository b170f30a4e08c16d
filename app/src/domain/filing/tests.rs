use super::credit_code::{check_character, BadCreditCode};
use super::facts::ClassInput;
use super::materials::{material_type, missing_materials, MaterialType, MAX_MATERIAL_BYTES};
use super::*;
use crate::domain::account::child::Problem;
use crate::domain::calendar::{CivilDate, Timestamp};
use crate::domain::facility::ClassLevel;
use crate::domain::workdays::end_of_day;

#[test]
fn credit_codes_are_checked_by_their_last_character() {
    // The example printed in GB 32100 guidance, and one made for the demo with its check character.
    assert_eq!(CreditCode::parse("91350100M000100Y43").map(|c| c.as_str().to_string()), Ok("91350100M000100Y43".into()));
    assert_eq!(check_character("91500112MA5U12345"), Some('9'));
    assert!(CreditCode::parse("91500112MA5U123459").is_ok());
    // Typed with spaces and in lower case.
    assert_eq!(CreditCode::parse(" 91350100m000100y43 ").map(|c| c.as_str().to_string()), Ok("91350100M000100Y43".into()));
    // One character changed: the check character no longer matches.
    assert_eq!(CreditCode::parse("91350100M000100Y44"), Err(BadCreditCode::BadCheckCharacter));
    assert_eq!(CreditCode::parse("91350100M000101Y43"), Err(BadCreditCode::BadCheckCharacter));
    // Letters outside the alphabet (I, O, Z, S, V), wrong lengths, other characters.
    assert_eq!(CreditCode::parse("91350100M0001O0Y43"), Err(BadCreditCode::Malformed));
    assert_eq!(CreditCode::parse("91350100M000100Y4"), Err(BadCreditCode::Malformed));
    assert_eq!(CreditCode::parse("91350100M000100Y433"), Err(BadCreditCode::Malformed));
    assert_eq!(CreditCode::parse("91350100-000100Y43"), Err(BadCreditCode::Malformed));
    assert_eq!(CreditCode::parse(""), Err(BadCreditCode::Malformed));
}

#[test]
fn the_state_machine_allows_only_its_steps() {
    use FilingState::*;
    assert_eq!(Draft.after(FilingStep::Submit), Ok(Submitted));
    assert_eq!(Submitted.after(FilingStep::Return), Ok(Returned));
    assert_eq!(Returned.after(FilingStep::Submit), Ok(Submitted));
    assert_eq!(Submitted.after(FilingStep::Accept), Ok(Accepted));
    assert_eq!(Submitted.after(FilingStep::Refuse), Ok(Refused));
    for (state, step) in [
        (Draft, FilingStep::Accept),
        (Draft, FilingStep::Return),
        (Returned, FilingStep::Accept),
        (Submitted, FilingStep::Submit),
        (Accepted, FilingStep::Submit),
        (Accepted, FilingStep::Refuse),
        (Refused, FilingStep::Submit),
        (Refused, FilingStep::Accept),
    ] {
        assert_eq!(state.after(step), Err(FilingRefusal::FilingWrongState), "{state:?} then {step:?}");
    }
    assert!(Draft.is_editable() && Returned.is_editable());
    assert_eq!(Submitted.check_editable(), Err(FilingRefusal::FilingNotEditable));
    assert!(!Accepted.is_open() && !Refused.is_open() && Submitted.is_open());
}

#[test]
fn returns_need_known_items_each_with_a_reason() {
    let items = |list: &[(&str, &str)]| list.iter().map(|(a, b)| (a.to_string(), b.to_string())).collect::<Vec<_>>();
    assert_eq!(
        returned_items(&items(&[("fire_safety", " 证明已过期 "), ("facts", "地址与场地证明不一致")])),
        Ok(vec![(FilingItem::FireSafety, "证明已过期".into()), (FilingItem::Facts, "地址与场地证明不一致".into())])
    );
    assert_eq!(returned_items(&[]), Err(FilingRefusal::FilingReturnItems));
    assert_eq!(returned_items(&items(&[("photos", "x")])), Err(FilingRefusal::FilingReturnItems));
    assert_eq!(returned_items(&items(&[("fire_safety", "a"), ("fire_safety", "b")])), Err(FilingRefusal::FilingReturnItems));
    assert_eq!(returned_items(&items(&[("fire_safety", "  ")])), Err(FilingRefusal::FilingReason));
    assert_eq!(reason(&"很".repeat(MAX_REASON_CHARS + 1)), Err(FilingRefusal::FilingReason));
}

#[test]
fn files_are_known_by_their_content_and_size() {
    assert_eq!(material_type(b"%PDF-1.7\n..."), Ok(MaterialType::Pdf));
    assert_eq!(material_type(&[0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10]), Ok(MaterialType::Jpeg));
    assert_eq!(material_type(&[0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A, 0]), Ok(MaterialType::Png));
    // A Word file renamed to .pdf, text, nothing at all.
    assert_eq!(material_type(&[0x50, 0x4B, 0x03, 0x04]), Err(FilingRefusal::FilingFileType));
    assert_eq!(material_type(b"hello"), Err(FilingRefusal::FilingFileType));
    assert_eq!(material_type(b""), Err(FilingRefusal::FilingFileType));
    let mut big = b"%PDF-".to_vec();
    big.resize(MAX_MATERIAL_BYTES + 1, b' ');
    assert_eq!(material_type(&big), Err(FilingRefusal::FilingFileTooLarge));
}

#[test]
fn the_food_licence_is_required_only_where_meals_are_served() {
    let all_but_food: Vec<FilingItem> = FilingItem::materials().filter(|i| *i != FilingItem::FoodLicence).collect();
    assert_eq!(missing_materials(FilingKind::Initial, &all_but_food, false), vec![]);
    assert_eq!(missing_materials(FilingKind::Initial, &all_but_food, true), vec![FilingItem::FoodLicence]);
    assert_eq!(missing_materials(FilingKind::Initial, &[], false).len(), 6);
    assert!(!FilingItem::Facts.is_required(FilingKind::Initial, true) && !FilingItem::Facts.is_material());
    // A change needs no document of its own (it may carry the ones it concerns).
    assert_eq!(missing_materials(FilingKind::Change, &[], true), vec![]);
}

fn good_facts() -> FactsInput {
    FactsInput {
        name: "渝北区小星星托育园".into(),
        kind: "nursery".into(),
        ownership: "private".into(),
        inclusive: true,
        unit_code: "500112002".into(),
        address: "双龙湖街道金港路 18 号".into(),
        lon: "106.632".into(),
        lat: "29.718".into(),
        phone: "023-67001234".into(),
        opening_hours: "周一至周五 7:30–18:00".into(),
        service_types: vec!["full_day".into(), "temporary".into()],
        classes: vec![ClassInput { level: "toddler".into(), capacity: "15".into() }, ClassInput { level: "infant".into(), capacity: "10".into() }],
        serves_meals: true,
        legal_rep_name: "王丽".into(),
        legal_rep_id: "11010519491231002X".into(),
    }
}

#[test]
fn facts_are_checked_field_by_field_against_the_standard() {
    let facts = good_facts().validate().expect("valid facts");
    assert_eq!(facts.classes, vec![(ClassLevel::Infant, 10), (ClassLevel::Toddler, 15)]);
    assert_eq!(facts.to_input().validate(), Ok(facts));

    let problems = |input: FactsInput| input.validate().expect_err("refused").into_iter().map(|p| (p.field, p.problem)).collect::<Vec<_>>();
    // Above the national class size (乳儿班 10): refused, naming the field.
    let mut above = good_facts();
    above.classes[1].capacity = "11".into();
    assert_eq!(problems(above), vec![("classes".to_string(), Problem::AboveStandard)]);
    let mut twice = good_facts();
    twice.classes[1].level = "toddler".into();
    assert_eq!(problems(twice), vec![("classes".to_string(), Problem::Malformed)]);
    let mut outside = good_facts();
    (outside.lon, outside.lat) = ("116.40".into(), "39.90".into());
    assert_eq!(problems(outside), vec![("location".to_string(), Problem::OutsideDistrict)]);
    let mut empty = FactsInput::default();
    empty.legal_rep_id = "110105194912310021".into();
    let fields: Vec<String> = problems(empty).into_iter().map(|(f, _)| f).collect();
    for field in ["name", "kind", "ownership", "unit_code", "address", "location", "phone", "opening_hours", "service_types", "classes", "legal_rep_name", "legal_rep_id"] {
        assert!(fields.contains(&field.to_string()), "{field} in {fields:?}");
    }
}

#[test]
fn decisions_are_due_five_working_days_after_submission() {
    // Submitted on Friday 2026-12-04: due at the end of Friday 2026-12-11.
    let submitted = Timestamp(end_of_day(CivilDate::parse("2026-12-04").expect("date")).0 - 3600);
    assert_eq!(review_due(submitted, DEFAULT_REVIEW_WORKING_DAYS), end_of_day(CivilDate::parse("2026-12-11").expect("date")));
    assert_eq!(filing_number(2026, 42), "渝北托备〔2026〕00042号");
}
