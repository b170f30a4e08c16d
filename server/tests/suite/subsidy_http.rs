//! Subsidy applications over HTTP on both databases: an operator opens an application for a kind
//! and year, its figures equal the public calculator's for the same inputs (computed here
//! independently from the stored records), the rent subsidy needs its rent and contract, the
//! health commission returns and approves. Bad input and duplicates are refused with nothing
//! stored; nobody else sees or changes an application. Also: the monthly enrolment records.

use app::domain::calendar::YearMonth;
use app::domain::facility::{ClassLevel, Grade, Ownership};
use app::domain::policy::facility::{calculate, FacilityCase};
use app::domain::policy::money::Fen;
use app::domain::policy::Rule;
use app::store::subsidies::DemoSnapshot;
use app::store::Store;

use crate::booking::op;
use crate::support::{both_backends, with_demo_accounts, Cookies, TestServer, NOW};

const PDF: &[u8] = b"%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n";
const LEVELS: [ClassLevel; 3] = [ClassLevel::Infant, ClassLevel::Toddler, ClassLevel::Older];

async fn call(server: &TestServer, cookies: &mut Cookies, endpoint: &str, form: &[(&str, String)]) -> (u16, serde_json::Value) {
    let form: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let answer = server.call(cookies, endpoint, &form).await;
    (answer.status, answer.body)
}

fn reason(body: &serde_json::Value) -> Option<&str> {
    body["detail"]["reason"].as_str()
}

/// Facility 1 made a filed 三级 普惠 private facility; its records for January to October 2026
/// are its filed places (full), November's is taken from its classes as they are. Returns the
/// filed places and the child-months per class level.
async fn prepare_facility_1(store: &Store) -> (u32, [u32; 3]) {
    store
        .db()
        .execute("make facility 1 eligible", "UPDATE facilities SET inclusive = TRUE, grade = '3', filing_status = 'filed', ownership = 'private' WHERE id = 1", vec![])
        .await
        .expect("update");
    let classes = store.classes_of(&[1]).await.expect("classes");
    let per_level = |level: ClassLevel, f: fn(&app::domain::facility::Class) -> u32| classes.iter().filter(|c| c.level == level).map(f).sum::<u32>();
    let mut rows = Vec::new();
    for month in 1..=10 {
        for level in LEVELS {
            let filed = per_level(level, |c| c.filed_capacity);
            if filed > 0 {
                rows.push(DemoSnapshot { facility_id: 1, month: YearMonth::new(2026, month).expect("month"), level, enrolled: filed, filed_places: filed });
            }
        }
    }
    store.insert_demo_snapshots(&rows, NOW).await.expect("snapshots");
    // NOW is in November 2026: this writes November's record for every filed facility.
    assert!(store.record_enrolment_snapshots(NOW).await.expect("record") > 0);
    let child_months = LEVELS.map(|level| per_level(level, |c| c.filed_capacity) * 10 + per_level(level, |c| c.enrolled));
    (classes.iter().map(|c| c.filed_capacity).sum(), child_months)
}

/// The calculator's amount of `rule` for facility 1, from the inputs computed here.
fn expected(rule: Rule, places: u32, children: [u32; 3], rent: Fen) -> Fen {
    let case = FacilityCase {
        inclusive: true,
        filed: true,
        grade: Grade::Three,
        ownership: Ownership::Private,
        housing_supported: false,
        filed_places: places,
        enrolled: [(ClassLevel::Infant, children[0]), (ClassLevel::Toddler, children[1]), (ClassLevel::Older, children[2])],
        rent_per_m2: rent,
        national_model: false,
        municipal_model: false,
        price_breach: false,
    };
    calculate(&case).expect("calculated").lines.iter().filter(|l| l.rule == rule).map(|l| l.amount).sum()
}

async fn applications(server: &TestServer, operator: &mut Cookies) -> Vec<serde_json::Value> {
    let answer = server.read(operator, "operator_subsidies", &[]).await;
    assert_eq!(answer.status, 200, "{}", answer.body);
    answer.body["applications"].as_array().expect("applications").clone()
}

fn application(list: &[serde_json::Value], id: i64) -> serde_json::Value {
    list.iter().find(|a| a["id"].as_i64() == Some(id)).cloned().expect("the application")
}

async fn count_applications(store: &Store) -> i64 {
    #[derive(sqlx::FromRow)]
    struct Count {
        n: i64,
    }
    let row: Count = store.db().fetch_one("count", "SELECT COUNT(*) AS n FROM subsidy_applications", vec![]).await.expect("count");
    row.n
}

both_backends!(applications_carry_the_calculators_figures_and_go_through_review, |store| {
    with_demo_accounts(&store).await;
    let (places, child_months) = prepare_facility_1(&store).await;
    let server = TestServer::start(store.clone()).await;
    let mut operator = server.sign_in_staff("demo-operator-1").await;
    let mut health = server.sign_in_staff("demo-health").await;
    let open = |kind: &str, year: i32| vec![("op_id", op()), ("kind", kind.to_string()), ("year", year.to_string())];

    // Opening, exactly once per operation id; the same kind and year again is refused.
    let opening_op = open("operating", 2026);
    let (status, first) = call(&server, &mut operator, "open_subsidy_application", &opening_op).await;
    assert_eq!(status, 200, "{first}");
    let operating_id = first.as_i64().expect("id");
    assert_eq!(call(&server, &mut operator, "open_subsidy_application", &opening_op).await, (200, first.clone()), "a replay answers the same");
    let (status, body) = call(&server, &mut operator, "open_subsidy_application", &open("operating", 2026)).await;
    assert_eq!((status, reason(&body)), (409, Some("subsidy_duplicate")), "{body}");
    let (status, body) = call(&server, &mut operator, "open_subsidy_application", &open("operating", 2027)).await;
    assert_eq!((status, reason(&body)), (422, Some("subsidy_year")), "{body}");
    let (status, body) = call(&server, &mut operator, "open_subsidy_application", &open("housing", 2026)).await;
    assert_eq!((status, reason(&body)), (422, Some("subsidy_kind")), "{body}");
    assert_eq!(count_applications(&store).await, 1, "nothing stored by refusals");

    // The operating subsidy counts child-months ÷ 12; the amount is the calculator's.
    let shown = application(&applications(&server, &mut operator).await, operating_id);
    assert_eq!((shown["state"].as_str(), shown["figures"]["enrolment"]["months_recorded"].as_u64()), (Some("Draft"), Some(11)), "{shown}");
    let year_share = child_months.map(|m| m / 12);
    let operating = expected(Rule::OperatingSubsidy, places, year_share, Fen::ZERO);
    assert!(operating > Fen::ZERO);
    assert_eq!(shown["figures"]["amount"].as_i64(), Some(operating.0), "{shown}");
    assert_eq!(shown["lines"].as_array().map(Vec::len), Some(3), "one line per class");
    let submit = |id: i64| vec![("op_id", op()), ("application_id", id.to_string())];
    assert_eq!(call(&server, &mut operator, "submit_subsidy_application", &submit(operating_id)).await.0, 200);
    let (status, body) = call(&server, &mut operator, "submit_subsidy_application", &submit(operating_id)).await;
    assert_eq!((status, reason(&body)), (409, Some("subsidy_wrong_state")), "{body}");

    // Rent: the rent and the contract are needed; occupancy reads the months' average.
    let (_, rent_id) = call(&server, &mut operator, "open_subsidy_application", &open("rent", 2026)).await;
    let rent_id = rent_id.as_i64().expect("id");
    let (status, body) = call(&server, &mut operator, "submit_subsidy_application", &submit(rent_id)).await;
    assert_eq!((status, reason(&body)), (422, Some("subsidy_rent")), "{body}");
    let rent = |value: &str| vec![("op_id", op()), ("application_id", rent_id.to_string()), ("rent_per_m2", value.to_string()), ("housing_supported", "false".to_string())];
    let (status, body) = call(&server, &mut operator, "save_subsidy_rent", &rent("-5")).await;
    assert_eq!((status, reason(&body)), (422, Some("subsidy_rent")), "{body}");
    assert_eq!(call(&server, &mut operator, "save_subsidy_rent", &rent("8.50")).await.0, 200);
    let (status, body) = call(&server, &mut operator, "submit_subsidy_application", &submit(rent_id)).await;
    assert_eq!((status, reason(&body)), (422, Some("subsidy_contract_missing")), "{body}");
    let contract = |bytes: &[u8]| vec![("op_id", op()), ("application_id", rent_id.to_string()), ("file_name", "租赁合同.pdf".to_string()), ("content", data_encoding::BASE64.encode(bytes))];
    let (status, body) = call(&server, &mut operator, "upload_subsidy_contract", &contract(b"not a contract")).await;
    assert_eq!((status, reason(&body)), (422, Some("subsidy_file_type")), "{body}");
    assert_eq!(call(&server, &mut operator, "upload_subsidy_contract", &contract(PDF)).await, (200, serde_json::json!(1)));
    assert_eq!(call(&server, &mut operator, "upload_subsidy_contract", &contract(PDF)).await, (200, serde_json::json!(2)), "versions kept");
    assert_eq!(call(&server, &mut operator, "submit_subsidy_application", &submit(rent_id)).await.0, 200);
    let average = child_months.map(|m| m / 11);
    let shown = application(&applications(&server, &mut operator).await, rent_id);
    assert_eq!(shown["figures"]["amount"].as_i64(), Some(expected(Rule::RentSubsidy, places, average, Fen(850)).0), "{shown}");
    assert_eq!((shown["state"].as_str(), shown["contract"]["version"].as_i64()), (Some("Submitted"), Some(2)));

    // The opening subsidy once per facility.
    assert_eq!(call(&server, &mut operator, "open_subsidy_application", &open("opening", 2025)).await.0, 200);
    let (status, body) = call(&server, &mut operator, "open_subsidy_application", &open("opening", 2026)).await;
    assert_eq!((status, reason(&body)), (409, Some("subsidy_opening_once")), "{body}");

    // Nobody else reads or changes it: another operator, a parent, another department.
    let read = [("application_id", operating_id.to_string())];
    let read: Vec<(&str, &str)> = read.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let mut other = server.sign_in_staff("demo-operator-2").await;
    assert_eq!(server.read(&mut other, "subsidy_application", &read).await.status, 404);
    assert_eq!(call(&server, &mut other, "submit_subsidy_application", &submit(rent_id)).await.0, 404);
    let mut parent = server.sign_in_parent("13900000951").await;
    assert_eq!(server.read(&mut parent, "subsidy_application", &read).await.status, 404);
    let decide = |decision: &str, text: &str| vec![("op_id", op()), ("application_id", operating_id.to_string()), ("decision", decision.to_string()), ("reason", text.to_string())];
    let mut market = server.sign_in_staff("demo-market").await;
    assert_eq!(call(&server, &mut market, "decide_subsidy_application", &decide("approve", "")).await.0, 404);
    assert_eq!(server.read(&mut health, "subsidy_application", &read).await.status, 200);

    // Returned with a reason, submitted again, approved; a decision is taken once.
    let (status, body) = call(&server, &mut health, "decide_subsidy_application", &decide("return", " ")).await;
    assert_eq!((status, reason(&body)), (422, Some("subsidy_reason")), "{body}");
    assert_eq!(call(&server, &mut health, "decide_subsidy_application", &decide("return", "请补充在托幼儿名册")).await.0, 200);
    let shown = application(&applications(&server, &mut operator).await, operating_id);
    assert_eq!((shown["state"].as_str(), shown["decision_reason"].as_str()), (Some("Returned"), Some("请补充在托幼儿名册")));
    assert_eq!(call(&server, &mut operator, "submit_subsidy_application", &submit(operating_id)).await.0, 200);
    assert_eq!(call(&server, &mut health, "decide_subsidy_application", &decide("approve", "")).await.0, 200);
    let (status, body) = call(&server, &mut health, "decide_subsidy_application", &decide("refuse", "重复")).await;
    assert_eq!((status, reason(&body)), (409, Some("subsidy_wrong_state")), "{body}");
    let shown = application(&applications(&server, &mut operator).await, operating_id);
    assert_eq!((shown["state"].as_str(), shown["figures"]["amount"].as_i64()), (Some("Approved"), Some(operating.0)));
});

both_backends!(enrolment_is_recorded_once_a_month_for_filed_open_facilities, |store| {
    with_demo_accounts(&store).await;
    let written = store.record_enrolment_snapshots(NOW).await.expect("record");
    assert!(written > 0);
    // Again in the same month: the month's record is replaced, not added to.
    store.record_enrolment_snapshots(NOW).await.expect("record again");
    let november = store.enrolment_of(1, 2026, 2026).await.expect("read");
    let classes = store.classes_of(&[1]).await.expect("classes");
    for level in LEVELS {
        let enrolled: u32 = classes.iter().filter(|c| c.level == level).map(|c| c.enrolled).sum();
        let recorded: Vec<u32> = november.iter().filter(|r| r.level == level).map(|r| r.enrolled).collect();
        if classes.iter().any(|c| c.level == level) {
            assert_eq!(recorded, vec![enrolled], "{level:?}: one record for November");
        }
    }
    // December's run leaves November as it was.
    store.db().execute("empty a class", "UPDATE classes SET enrolled = 0, held = 0 WHERE facility_id = 1", vec![]).await.expect("update");
    store.record_enrolment_snapshots(app::domain::calendar::Timestamp(NOW.0 + 5 * 86_400)).await.expect("December");
    let both = store.enrolment_of(1, 2026, 2026).await.expect("read");
    assert_eq!(both.iter().filter(|r| r.month.to_string() == "2026-11").count(), november.len());
    assert!(both.iter().filter(|r| r.month.to_string() == "2026-12").all(|r| r.enrolled == 0));
    // A facility whose filing is not in force gets no record.
    store.db().execute("unfile", "UPDATE facilities SET filing_status = 'revoked' WHERE id = 2", vec![]).await.expect("update");
    store.record_enrolment_snapshots(app::domain::calendar::Timestamp(NOW.0 + 40 * 86_400)).await.expect("January");
    assert!(store.enrolment_of(2, 2027, 2027).await.expect("read").is_empty());
    // The demo's past months load on both databases.
    let loaded = app::demo::load_demo_snapshots(&store, app::demo::DEFAULT_SEED, app::demo::DEFAULT_FACILITIES, NOW).await.expect("demo");
    assert!(loaded > 0);
});
