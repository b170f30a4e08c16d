//! Fees (收费公示) over HTTP on both databases: the operator publishes ahead of the day and
//! withdraws what has not started; bad input is refused by name with nothing stored; a 普惠
//! facility stays within the caps; the facility page shows the schedule; the class fee the
//! finder filters on follows the domain's "fee in force" (the test ties the two).

use app::domain::calendar::CivilDate;
use app::domain::facility::ClassLevel;
use app::domain::fees::FeeSchedule;
use app::store::Store;

use crate::booking::op;
use crate::support::{both_backends, with_demo_accounts, Cookies, TestServer};

const FACILITY: i64 = 1;

/// The form fields of a fee, as the operator's page sends them.
fn fee<'a>(op_id: &'a str, kind: &'a str, level: &'a str, amount: &'a str, from: &'a str) -> Vec<(&'static str, &'a str)> {
    vec![
        ("op_id", op_id),
        ("input[kind]", kind),
        ("input[level]", level),
        ("input[service]", "full_day"),
        ("input[name]", "材料费"),
        ("input[unit]", "once"),
        ("input[amount]", amount),
        ("input[applies_from]", from),
    ]
}

async fn entries(store: &Store) -> usize {
    store.facility_fees(FACILITY).await.expect("fees").len()
}

async fn class_fee(store: &Store, level: ClassLevel) -> u32 {
    store.classes_of(&[FACILITY]).await.expect("classes").into_iter().find(|c| c.level == level).expect("class").monthly_fee
}

async fn reason(server: &TestServer, cookies: &mut Cookies, form: &[(&str, &str)]) -> (u16, String) {
    let answer = server.call(cookies, "publish_fee", form).await;
    (answer.status, answer.body["detail"]["reason"].as_str().unwrap_or_default().to_string())
}

both_backends!(an_operator_publishes_fees_ahead_and_bad_ones_are_refused_by_name, |store| {
    with_demo_accounts(&store).await;
    // Facility 1 is 普惠 for this test: its care fees are capped.
    store.db().execute("make inclusive", "UPDATE facilities SET inclusive = $1 WHERE id = $2", app::args![true, FACILITY]).await.expect("inclusive");
    let server = TestServer::start(store.clone()).await;
    let mut operator = server.sign_in_staff("demo-operator-1").await;
    let today = CivilDate::in_china_at(server.now());
    let (today_text, tomorrow) = (today.to_string(), today.plus_days(1).to_string());
    let level = store.classes_of(&[FACILITY]).await.expect("classes")[0].level;
    let cap = store.price_caps().await.expect("caps").cap(level, app::domain::facility::ServiceType::FullDay).expect("a cap");
    let (at_cap, above_cap) = ((cap.0 / 100).to_string(), (cap.0 / 100 + 1).to_string());
    let before = entries(&store).await;

    // Every kind of bad input: 4xx naming the problem, nothing stored.
    let yesterday = CivilDate::from_days_since_epoch(today.days_since_epoch() - 1).to_string();
    for (form, expected) in [
        (fee(&op(), "care", level.code(), &above_cap, &tomorrow), (422, "fee_above_cap")),
        (fee(&op(), "care", level.code(), "-100", &tomorrow), (422, "fee_amount")),
        (fee(&op(), "care", level.code(), "12.345", &tomorrow), (422, "fee_amount")),
        (fee(&op(), "care", level.code(), "1000", &yesterday), (422, "fee_date")),
        (fee(&op(), "care", "giant", "1000", &tomorrow), (422, "fee_class")),
        (fee(&op(), "tips", level.code(), "1000", &tomorrow), (422, "fee_kind")),
    ] {
        assert_eq!(reason(&server, &mut operator, &form).await, (expected.0, expected.1.to_string()), "{form:?}");
    }
    assert_eq!(server.call(&mut operator, "publish_fee", &fee("not-a-uuid", "meals", "", "15", &tomorrow)).await.status, 422);
    assert_eq!(entries(&store).await, before, "nothing stored");

    // At the cap from today: published, replayed once, and the finder's class fee follows.
    let first = op();
    let published = server.call(&mut operator, "publish_fee", &fee(&first, "care", level.code(), &at_cap, &today_text)).await;
    assert_eq!(published.status, 200, "{}", published.body);
    let replay = server.call(&mut operator, "publish_fee", &fee(&first, "care", level.code(), &at_cap, &today_text)).await;
    assert_eq!((replay.status, &replay.body), (200, &published.body), "a replay answers the same");
    assert_eq!(entries(&store).await, before + 1);
    let schedule = FeeSchedule::on(store.facility_fees(FACILITY).await.expect("fees"), today);
    assert_eq!(schedule.full_day_fee_yuan(level), Some((cap.0 / 100) as u32));
    assert_eq!(Some(class_fee(&store, level).await), schedule.full_day_fee_yuan(level), "SQL and domain agree on the fee in force");
    // The same item from the same day again: a conflict, not a second entry.
    assert_eq!(reason(&server, &mut operator, &fee(&op(), "care", level.code(), "1000", &today_text)).await, (409, "fee_duplicate".to_string()));

    // A meal change from tomorrow: coming, withdrawable; the public page shows both.
    let meals = server.call(&mut operator, "publish_fee", &fee(&op(), "meals", "", "15.5", &tomorrow)).await;
    assert_eq!(meals.status, 200, "{}", meals.body);
    let meal_id = meals.body.as_i64().expect("fee id");
    let (status, page) = server.get(&format!("/api/v1/facilities/{FACILITY}")).await;
    assert_eq!(status, 200);
    let page: serde_json::Value = serde_json::from_str(&page).expect("json");
    assert!(page["fees"]["schedule"]["coming"].as_array().expect("coming").iter().any(|f| f["id"] == meal_id), "{}", page["fees"]);
    assert!(page["fees"]["caps"]["caps"].as_array().is_some_and(|caps| !caps.is_empty()), "a 普惠 facility shows the caps");

    // Another operator and a parent cannot touch it; the facility's own fee in force cannot be withdrawn.
    let mut other = server.sign_in_staff("demo-operator-2").await;
    assert_eq!(server.call(&mut other, "withdraw_fee", &[("op_id", &op()), ("fee_id", &meal_id.to_string())]).await.status, 404);
    let mut parent = server.sign_in_parent("13900000501").await;
    assert_eq!(server.call(&mut parent, "publish_fee", &fee(&op(), "meals", "", "15", &tomorrow)).await.status, 404);
    let in_force = published.body.as_i64().expect("fee id").to_string();
    let refused = server.call(&mut operator, "withdraw_fee", &[("op_id", &op()), ("fee_id", &in_force)]).await;
    assert_eq!((refused.status, refused.body["detail"]["reason"].as_str()), (422, Some("fee_in_effect")));
    let withdrawn = server.call(&mut operator, "withdraw_fee", &[("op_id", &op()), ("fee_id", &meal_id.to_string())]).await;
    assert_eq!(withdrawn.status, 200, "{}", withdrawn.body);
    assert_eq!(entries(&store).await, before + 1);
});

both_backends!(a_coming_fee_becomes_the_class_fee_on_its_day, |store| {
    with_demo_accounts(&store).await;
    let server = TestServer::start(store.clone()).await;
    let mut operator = server.sign_in_staff("demo-operator-1").await;
    let today = CivilDate::in_china_at(server.now());
    let level = store.classes_of(&[FACILITY]).await.expect("classes")[0].level;
    let was = class_fee(&store, level).await;
    let next = (was + 10).to_string();
    let published = server.call(&mut operator, "publish_fee", &fee(&op(), "care", level.code(), &next, &today.plus_days(3).to_string())).await;
    assert_eq!(published.status, 200, "{}", published.body);
    // Not yet: the class keeps today's fee, also after the daily update.
    store.apply_due_fees(today).await.expect("apply");
    assert_eq!(class_fee(&store, level).await, was);
    // On its day the daily update makes it the class fee — once: a second run changes nothing.
    assert_eq!(store.apply_due_fees(today.plus_days(3)).await.expect("apply"), 1);
    assert_eq!(class_fee(&store, level).await, was + 10);
    assert_eq!(store.apply_due_fees(today.plus_days(3)).await.expect("apply"), 0);
    let schedule = FeeSchedule::on(store.facility_fees(FACILITY).await.expect("fees"), today.plus_days(3));
    assert_eq!(schedule.full_day_fee_yuan(level), Some(was + 10), "SQL and domain agree");
});

both_backends!(demo_fee_schedules_load_and_agree_with_the_classes, |store| {
    with_demo_accounts(&store).await;
    let classes_before = store.classes_of(&[FACILITY]).await.expect("classes");
    let loaded = app::demo::load_demo_fees(&store, app::demo::DEFAULT_SEED, app::demo::DEFAULT_FACILITIES, crate::support::NOW).await.expect("demo fees");
    assert!(loaded > app::demo::DEFAULT_FACILITIES, "{loaded}");
    let today = CivilDate::in_china_at(crate::support::NOW);
    let schedule = FeeSchedule::on(store.facility_fees(FACILITY).await.expect("fees"), today);
    assert!(!schedule.current.is_empty() && !schedule.history.is_empty());
    for class in classes_before {
        assert_eq!(schedule.full_day_fee_yuan(class.level), Some(class.monthly_fee));
        assert_eq!(class_fee(&store, class.level).await, class.monthly_fee, "loading changed no class fee");
    }
});
