use super::enrolment::EnrolmentBasis;
use super::*;
use crate::domain::calendar::YearMonth;
use crate::domain::policy::facility::FacilityCase;
use crate::domain::policy::ZeroReason;

fn month(year: i32, m: u8) -> YearMonth {
    YearMonth::new(year, m).expect("a month")
}

/// `children` in each of the three classes for every month from `first` to December 2026.
fn months_from(first: u8, children: [u32; 3]) -> Vec<MonthlyEnrolment> {
    (first..=12).flat_map(|m| LEVELS.iter().zip(children).map(move |(level, enrolled)| MonthlyEnrolment { month: month(2026, m), level: *level, enrolled })).collect()
}

/// The calculator's case of the policy issue: a 三级 普惠 filed facility of 100 places.
fn facts(enrolment: Vec<MonthlyEnrolment>) -> LiveFacts {
    LiveFacts {
        inclusive: true,
        filed: true,
        grade: Grade::Three,
        ownership: Ownership::Private,
        filed_places: 100,
        enrolment,
        rent_per_m2: Some(Fen::yuan(12)),
        housing_supported: false,
    }
}

#[test]
fn the_state_machine_allows_only_its_steps() {
    use ApplicationState::*;
    use ApplicationStep::*;
    assert_eq!(Draft.after(Submit), Ok(Submitted));
    assert_eq!(Returned.after(Submit), Ok(Submitted));
    assert_eq!(Submitted.after(Return), Ok(Returned));
    assert_eq!(Submitted.after(Approve), Ok(Approved));
    assert_eq!(Submitted.after(Refuse), Ok(Refused));
    for (state, step) in [(Draft, Approve), (Draft, Return), (Submitted, Submit), (Approved, Submit), (Refused, Submit), (Approved, Refuse), (Returned, Approve)] {
        assert_eq!(state.after(step), Err(SubsidyRefusal::SubsidyWrongState), "{state:?} {step:?}");
    }
    assert_eq!(ApplicationState::editable_codes(), vec!["draft", "returned"]);
}

#[test]
fn the_operating_subsidy_counts_child_months_over_twelve() {
    // 5 / 15 / 20 children all year: 12 months each → exactly the calculator's 5 / 15 / 20.
    let figure = EnrolmentFigure::for_kind(SubsidyKind::Operating, 2026, &months_from(1, [5, 15, 20]));
    assert_eq!(figure.basis, EnrolmentBasis::YearShare);
    assert_eq!(figure.children, [(ClassLevel::Infant, 5), (ClassLevel::Toddler, 15), (ClassLevel::Older, 20)]);
    assert_eq!(figure.months_recorded, 12);
    // Open from July: 6 months of 10 toddlers is 60 child-months, half a year's 10 → 5; 7 older
    // children for 6 months is 42 child-months → 3.5, rounded down to 3.
    let half = EnrolmentFigure::for_kind(SubsidyKind::Operating, 2026, &months_from(7, [0, 10, 7]));
    assert_eq!(half.children, [(ClassLevel::Infant, 0), (ClassLevel::Toddler, 5), (ClassLevel::Older, 3)]);
    assert_eq!(half.child_months[1], (ClassLevel::Toddler, 60));
}

#[test]
fn occupancy_reads_the_average_of_the_months_recorded() {
    let figure = EnrolmentFigure::for_kind(SubsidyKind::Opening, 2026, &months_from(7, [0, 10, 7]));
    assert_eq!(figure.basis, EnrolmentBasis::MonthlyAverage);
    assert_eq!(figure.children, [(ClassLevel::Infant, 0), (ClassLevel::Toddler, 10), (ClassLevel::Older, 7)]);
    assert_eq!(figure.months_recorded, 6);
    // Records of another year are not counted.
    let mut mixed = months_from(7, [0, 10, 7]);
    mixed.push(MonthlyEnrolment { month: month(2025, 12), level: ClassLevel::Older, enrolled: 99 });
    assert_eq!(EnrolmentFigure::for_kind(SubsidyKind::Opening, 2026, &mixed), figure);
    // Nothing recorded: nothing counted, and no division by zero.
    let none = EnrolmentFigure::for_kind(SubsidyKind::Rent, 2026, &[]);
    assert_eq!((none.months_recorded, none.children[2].1), (0, 0));
}

#[test]
fn each_kind_is_the_calculators_line_for_the_same_inputs() {
    let live = facts(months_from(1, [5, 15, 20]));
    // The same case the calculator's test uses (5 / 15 / 20 children, 100 places, rent 12).
    let case = FacilityCase {
        inclusive: true,
        filed: true,
        grade: Grade::Three,
        ownership: Ownership::Private,
        housing_supported: false,
        filed_places: 100,
        enrolled: [(ClassLevel::Infant, 5), (ClassLevel::Toddler, 15), (ClassLevel::Older, 20)],
        rent_per_m2: Fen::yuan(12),
        national_model: false,
        municipal_model: false,
        price_breach: false,
    };
    let calculated = calculate(&case).expect("calculated");
    for kind in SubsidyKind::ALL {
        let figures = SubsidyFigures::compute(*kind, 2026, &live).expect("computed");
        let expected: Fen = calculated.lines.iter().filter(|l| l.rule == kind.rule()).map(|l| l.amount).sum();
        assert_eq!(figures.amount, expected, "{kind:?}");
    }
    assert_eq!(SubsidyFigures::compute(SubsidyKind::Opening, 2026, &live).expect("computed").amount, Fen::yuan(300_000));
    assert_eq!(SubsidyFigures::compute(SubsidyKind::Operating, 2026, &live).expect("computed").amount, Fen::yuan(30_500));
    assert_eq!(SubsidyFigures::compute(SubsidyKind::Rent, 2026, &live).expect("computed").amount, Fen::yuan(72_000));
}

#[test]
fn submitting_needs_rent_a_contract_records_and_an_amount() {
    let live = facts(months_from(1, [5, 15, 20]));
    let rent = SubsidyFigures::compute(SubsidyKind::Rent, 2026, &live).expect("computed");
    assert_eq!(rent.check_submittable(false), Err(SubsidyRefusal::SubsidyContractMissing));
    assert_eq!(rent.check_submittable(true), Ok(()));
    let no_rent = SubsidyFigures::compute(SubsidyKind::Rent, 2026, &LiveFacts { rent_per_m2: None, ..live.clone() }).expect("computed");
    assert_eq!(no_rent.check_submittable(true), Err(SubsidyRefusal::SubsidyRent));
    let empty = SubsidyFigures::compute(SubsidyKind::Operating, 2026, &facts(Vec::new())).expect("computed");
    assert_eq!(empty.check_submittable(false), Err(SubsidyRefusal::SubsidyNoEnrolment));
    // A facility that is not 普惠 gets 0 and is told why before it submits.
    let private = SubsidyFigures::compute(SubsidyKind::Operating, 2026, &LiveFacts { inclusive: false, ..live }).expect("computed");
    assert_eq!(private.lines.iter().filter_map(|l| l.reason).next(), Some(ZeroReason::NotInclusive));
    assert_eq!(private.check_submittable(false), Err(SubsidyRefusal::SubsidyNothingDue));
}

#[test]
fn occupancy_of_a_facility_opened_in_the_autumn_reads_its_open_months() {
    // 40 of 100 places taken from October: the monthly average is 40 % (qualifies), although
    // child-months ÷ 12 would be 10 %.
    let live = facts(months_from(10, [5, 15, 20]));
    let opening = SubsidyFigures::compute(SubsidyKind::Opening, 2026, &live).expect("computed");
    assert_eq!(opening.occupancy_per_mille, 400);
    assert_eq!(opening.amount, Fen::yuan(300_000));
    let operating = SubsidyFigures::compute(SubsidyKind::Operating, 2026, &live).expect("computed");
    // 3 months of 5 / 15 / 20 → 1 / 3 / 5 children-years (15/12, 45/12, 60/12 rounded down).
    assert_eq!(operating.enrolment.children, [(ClassLevel::Infant, 1), (ClassLevel::Toddler, 3), (ClassLevel::Older, 5)]);
    assert_eq!(operating.amount, Fen::yuan(900 + 3 * 800 + 5 * 700));
}

#[test]
fn years_rents_and_reasons_are_checked() {
    assert_eq!(check_year(2026, 2026), Ok(2026));
    assert_eq!(check_year(2024, 2026), Ok(2024));
    assert_eq!(check_year(2023, 2026), Err(SubsidyRefusal::SubsidyYear));
    assert_eq!(check_year(2027, 2026), Err(SubsidyRefusal::SubsidyYear));
    assert_eq!(parse_rent("12.50"), Ok(Fen(1250)));
    assert_eq!(parse_rent("-1"), Err(SubsidyRefusal::SubsidyRent));
    assert_eq!(parse_rent("1000.01"), Err(SubsidyRefusal::SubsidyRent));
    assert_eq!(parse_rent("十元"), Err(SubsidyRefusal::SubsidyRent));
    assert_eq!(reason("  "), Err(SubsidyRefusal::SubsidyReason));
    assert_eq!(reason(" 租赁合同缺少签章页 "), Ok("租赁合同缺少签章页".to_string()));
}
