use super::*;

fn date(s: &str) -> CivilDate {
    CivilDate::parse(s).expect("test date")
}

fn caps() -> PriceCaps {
    PriceCaps {
        caps: vec![
            caps::PriceCap { level: ClassLevel::Infant, service: ServiceType::FullDay, cap: Fen::yuan(2_600) },
            caps::PriceCap { level: ClassLevel::Toddler, service: ServiceType::FullDay, cap: Fen::yuan(2_400) },
        ],
        is_demo: true,
    }
}

const LEVELS: &[ClassLevel] = &[ClassLevel::Infant, ClassLevel::Toddler];
const SERVICES: &[ServiceType] = &[ServiceType::FullDay, ServiceType::Hourly];

fn context(caps: &PriceCaps, inclusive: bool) -> FeeContext<'_> {
    FeeContext { today: date("2026-12-01"), levels: LEVELS, services: SERVICES, inclusive, caps }
}

fn care(level: &str, service: &str, amount: &str, from: &str) -> FeeInput {
    FeeInput { kind: "care".into(), level: level.into(), service: service.into(), amount: amount.into(), applies_from: from.into(), ..FeeInput::default() }
}

#[test]
fn a_care_fee_is_for_a_class_and_service_the_facility_runs() {
    let caps = caps();
    let fee = care("toddler", "full_day", "2000", "2027-01-01").validate(&context(&caps, false)).expect("valid");
    assert_eq!(fee.item, FeeItem::Care { level: ClassLevel::Toddler, service: ServiceType::FullDay });
    assert_eq!((fee.amount, fee.item.unit()), (Fen::yuan(2_000), FeeUnit::Month));
    assert_eq!(care("older", "full_day", "2000", "2027-01-01").validate(&context(&caps, false)), Err(FeeRefusal::FeeClass));
    assert_eq!(care("toddler", "half_day", "2000", "2027-01-01").validate(&context(&caps, false)), Err(FeeRefusal::FeeService));
    assert_eq!(care("toddler", "hourly", "35", "2027-01-01").validate(&context(&caps, false)).map(|f| f.item.unit()), Ok(FeeUnit::Hour));
}

#[test]
fn amounts_are_yuan_with_at_most_two_decimals_and_never_negative() {
    let caps = caps();
    let meals = |amount: &str| FeeInput { kind: "meals".into(), amount: amount.into(), applies_from: "2026-12-01".into(), ..FeeInput::default() };
    assert_eq!(meals("12.5").validate(&context(&caps, false)).map(|f| f.amount), Ok(Fen(1_250)));
    assert_eq!(meals("0").validate(&context(&caps, false)).map(|f| f.amount), Ok(Fen(0)));
    for bad in ["-5", "12.345", "abc", "", "100000.01", "1e3"] {
        assert_eq!(meals(bad).validate(&context(&caps, false)), Err(FeeRefusal::FeeAmount), "{bad}");
    }
}

#[test]
fn a_fee_starts_today_or_within_a_year() {
    let caps = caps();
    assert!(care("infant", "full_day", "2000", "2026-12-01").validate(&context(&caps, false)).is_ok());
    assert!(care("infant", "full_day", "2000", "2027-12-01").validate(&context(&caps, false)).is_ok());
    for bad in ["2026-11-30", "2027-12-02", "2026-13-01", "明天"] {
        assert_eq!(care("infant", "full_day", "2000", bad).validate(&context(&caps, false)), Err(FeeRefusal::FeeDate), "{bad}");
    }
}

#[test]
fn an_inclusive_facility_stays_within_the_cap_of_the_class() {
    let caps = caps();
    assert!(care("infant", "full_day", "2600", "2027-01-01").validate(&context(&caps, true)).is_ok());
    assert_eq!(care("infant", "full_day", "2600.01", "2027-01-01").validate(&context(&caps, true)), Err(FeeRefusal::FeeAboveCap));
    assert_eq!(care("toddler", "full_day", "2500", "2027-01-01").validate(&context(&caps, true)), Err(FeeRefusal::FeeAboveCap));
    // A facility that is not 普惠 sets its own prices; uncapped care is not checked.
    assert!(care("toddler", "full_day", "2500", "2027-01-01").validate(&context(&caps, false)).is_ok());
    assert!(care("toddler", "hourly", "80", "2027-01-01").validate(&context(&caps, true)).is_ok());
}

#[test]
fn other_items_need_a_name_and_a_period() {
    let caps = caps();
    let other = |name: &str, unit: &str| FeeInput { kind: "other".into(), name: name.into(), unit: unit.into(), amount: "300".into(), applies_from: "2027-01-01".into(), ..FeeInput::default() };
    let fee = other(" 材料费 ", "once").validate(&context(&caps, true)).expect("valid");
    assert_eq!(fee.item, FeeItem::Other { name: "材料费".into(), unit: FeeUnit::Once });
    assert_eq!(fee.item.key(), "other:材料费:once");
    assert_eq!(other("材", "once").validate(&context(&caps, true)), Err(FeeRefusal::FeeName));
    assert_eq!(other("材料费:押金", "once").validate(&context(&caps, true)), Err(FeeRefusal::FeeName));
    assert_eq!(other(&"费".repeat(21), "once").validate(&context(&caps, true)), Err(FeeRefusal::FeeName));
    assert_eq!(other("材料费", "week").validate(&context(&caps, true)), Err(FeeRefusal::FeeUnitUnknown));
    assert_eq!(FeeInput { kind: "tips".into(), ..FeeInput::default() }.validate(&context(&caps, true)), Err(FeeRefusal::FeeKindUnknown));
}

#[test]
fn items_round_trip_through_their_stored_parts() {
    for item in [FeeItem::Care { level: ClassLevel::Older, service: ServiceType::Temporary }, FeeItem::Meals, FeeItem::Other { name: "校服".into(), unit: FeeUnit::Once }] {
        let (level, service, name) = match &item {
            FeeItem::Care { level, service } => (Some(level.code()), Some(service.code()), None),
            FeeItem::Meals => (None, None, None),
            FeeItem::Other { name, .. } => (None, None, Some(name.as_str())),
        };
        assert_eq!(FeeItem::from_parts(item.kind().code(), level, service, name, item.unit().code()), Some(item));
    }
    assert_eq!(FeeItem::from_parts("care", Some("giant"), Some("full_day"), None, "month"), None);
}

fn published(id: i64, item: FeeItem, yuan: i64, from: &str) -> PublishedFee {
    PublishedFee { id, item, amount: Fen::yuan(yuan), applies_from: date(from), is_demo: false }
}

#[test]
fn the_latest_entry_that_has_started_applies_and_the_rest_is_history_or_coming() {
    let infant = FeeItem::Care { level: ClassLevel::Infant, service: ServiceType::FullDay };
    let fees = vec![
        published(1, FeeItem::Meals, 12, "2025-09-01"),
        published(2, infant.clone(), 2_100, "2024-09-01"),
        published(3, infant.clone(), 2_300, "2025-09-01"),
        published(4, infant.clone(), 2_400, "2027-03-01"),
        published(5, FeeItem::Meals, 15, "2026-12-01"),
    ];
    let schedule = FeeSchedule::on(fees, date("2026-12-01"));
    assert_eq!(schedule.current.iter().map(|f| f.id).collect::<Vec<_>>(), vec![3, 5], "care first, then meals; today's entry applies");
    assert_eq!(schedule.coming.iter().map(|f| f.id).collect::<Vec<_>>(), vec![4]);
    assert_eq!(schedule.history.iter().map(|f| f.id).collect::<Vec<_>>(), vec![1, 2], "newest first");
    assert_eq!(schedule.full_day_fee_yuan(ClassLevel::Infant), Some(2_300));
    assert_eq!(schedule.full_day_fee_yuan(ClassLevel::Older), None);
}

#[test]
fn a_fee_with_fen_counts_as_the_next_whole_yuan_in_the_finder() {
    assert_eq!(whole_yuan_rounded_up(Fen(200_001)), 2_001);
    assert_eq!(whole_yuan_rounded_up(Fen(200_000)), 2_000);
}

#[test]
fn only_a_fee_that_has_not_started_may_be_withdrawn() {
    assert_eq!(may_withdraw(date("2026-12-02"), date("2026-12-01")), Ok(()));
    assert_eq!(may_withdraw(date("2026-12-01"), date("2026-12-01")), Err(FeeRefusal::FeeInEffect));
}
