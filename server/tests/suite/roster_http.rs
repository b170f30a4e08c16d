//! Staff rosters over HTTP on both databases: an operator lists its staff, bad entries are
//! refused by field with nothing stored, a person is listed once per facility, the same carer on
//! two facilities' current rosters is flagged to both, leaving is recorded once, and the facility
//! page shows the certification rate of the current care staff.

use app::domain::account::id_card::check_char;
use app::domain::calendar::CivilDate;

use crate::booking::op;
use crate::support::{both_backends, with_demo_accounts, Cookies, TestServer};

fn id_number(n: u32) -> String {
    let first = format!("00000019851231{n:03}");
    format!("{first}{}", check_char(&first).expect("17 digits"))
}

/// The form fields of a roster entry.
fn staff(op_id: &str, id: &str, qualification: &str, employed_from: &str, health_issued: &str) -> Vec<(&'static str, String)> {
    vec![
        ("op_id", op_id.to_string()),
        ("input[name]", "周老师".into()),
        ("input[id_number]", id.to_string()),
        ("input[role]", "carer".into()),
        ("input[class_level]", "".into()),
        ("input[qualification]", qualification.to_string()),
        ("input[employed_from]", employed_from.to_string()),
        ("input[health_issued]", health_issued.to_string()),
        ("input[health_expires]", "2099-01-01".into()),
        ("input[background_checked_on]", "".into()),
    ]
}

async fn call(server: &TestServer, cookies: &mut Cookies, endpoint: &str, form: &[(&'static str, String)]) -> (u16, serde_json::Value) {
    let form: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let answer = server.call(cookies, endpoint, &form).await;
    (answer.status, answer.body)
}

async fn roster(server: &TestServer, cookies: &mut Cookies) -> serde_json::Value {
    let answer = server.read(cookies, "operator_roster", &[]).await;
    assert_eq!(answer.status, 200, "{}", answer.body);
    answer.body
}

both_backends!(rosters_list_people_once_flag_them_across_facilities_and_give_the_public_rate, |store| {
    with_demo_accounts(&store).await;
    let server = TestServer::start(store.clone()).await;
    let mut first = server.sign_in_staff("demo-operator-1").await;
    let mut second = server.sign_in_staff("demo-operator-2").await;
    let today = CivilDate::in_china_at(server.now()).to_string();
    let tomorrow = CivilDate::in_china_at(server.now()).plus_days(1).to_string();
    let person = id_number(1);
    let count = |body: &serde_json::Value| body["members"].as_array().map_or(0, Vec::len);
    let before = count(&roster(&server, &mut first).await);

    // Bad entries, each refused by the field it is about; nothing stored.
    let mut bad_id = person.clone();
    bad_id.replace_range(17..18, if person.ends_with('1') { "2" } else { "1" });
    for (form, reason) in [
        (staff(&op(), &bad_id, "carer", "2025-01-01", "2026-01-01"), "staff_id_number"),
        (staff(&op(), &person, "phd", "2025-01-01", "2026-01-01"), "staff_qualification"),
        (staff(&op(), &person, "carer", &tomorrow, "2026-01-01"), "staff_employed_from"),
        (staff(&op(), &person, "carer", "2025-01-01", "2099-06-01"), "staff_health_certificate"),
    ] {
        let (status, body) = call(&server, &mut first, "add_staff", &form).await;
        assert_eq!((status, body["detail"]["reason"].as_str()), (422, Some(reason)), "{body}");
    }
    assert_eq!(count(&roster(&server, &mut first).await), before, "nothing stored");

    // Added once; a replay answers the same; the same person again is refused.
    let add = staff(&op(), &person, "none", "2025-01-01", &today);
    let (status, added) = call(&server, &mut first, "add_staff", &add).await;
    assert_eq!(status, 200, "{added}");
    assert_eq!(call(&server, &mut first, "add_staff", &add).await, (200, added.clone()));
    let (status, body) = call(&server, &mut first, "add_staff", &staff(&op(), &person, "carer", "2025-01-01", &today)).await;
    assert_eq!((status, body["detail"]["reason"].as_str()), (409, Some("staff_already_listed")));
    assert_eq!(count(&roster(&server, &mut first).await), before + 1);

    // The same person on a second facility's roster: both operators see the flag.
    let (status, elsewhere_id) = call(&server, &mut second, "add_staff", &staff(&op(), &person, "carer", "2025-06-01", &today)).await;
    assert_eq!(status, 200, "{elsewhere_id}");
    for cookies in [&mut first, &mut second] {
        let body = roster(&server, cookies).await;
        let entry = body["members"].as_array().expect("members").iter().find(|m| m["id_number"] == person.as_str()).cloned().expect("listed");
        assert_eq!(entry["elsewhere"], true, "{entry}");
    }
    // The health commission sees the person with the full ID number and both facilities; an
    // operator or another department does not.
    let mut health = server.sign_in_staff("demo-health").await;
    let overlaps = server.read(&mut health, "roster_overlaps", &[]).await;
    assert_eq!(overlaps.status, 200, "{}", overlaps.body);
    let listed = overlaps.body.as_array().expect("list").iter().find(|p| p["id_number"] == person.as_str()).cloned().expect("flagged");
    let facilities: Vec<i64> = listed["places"].as_array().expect("places").iter().map(|p| p[0].as_i64().unwrap_or(0)).collect();
    assert_eq!(facilities, vec![1, 2], "{listed}");
    let mut fire = server.sign_in_staff("demo-fire").await;
    for cookies in [&mut first, &mut fire] {
        assert_eq!(server.read(cookies, "roster_overlaps", &[]).await.status, 404);
    }

    // The public page shows the rate of the current care staff (the new carer holds no certificate).
    let (status, page) = server.get("/api/v1/facilities/1").await;
    assert_eq!(status, 200);
    let page: serde_json::Value = serde_json::from_str(&page).expect("json");
    let rate = &page["certification"];
    assert_eq!(rate["carers"].as_u64(), Some(1 + store.roster(1).await.expect("roster").iter().filter(|r| r.role == "carer" && r.id_number != person).count() as u64), "{rate}");

    // Leaving: not by another facility or a parent; once by the facility; the flag goes with it.
    let staff_id = added.as_i64().expect("staff id").to_string();
    let end = |id: &str| vec![("op_id", op()), ("staff_id", id.to_string())];
    assert_eq!(call(&server, &mut second, "end_staff", &end(&staff_id)).await.0, 404);
    let mut parent = server.sign_in_parent("13900000601").await;
    assert_eq!(call(&server, &mut parent, "end_staff", &end(&staff_id)).await.0, 404);
    assert_eq!(call(&server, &mut first, "end_staff", &end(&staff_id)).await.0, 200);
    let (status, body) = call(&server, &mut first, "end_staff", &end(&staff_id)).await;
    assert_eq!((status, body["detail"]["reason"].as_str()), (422, Some("staff_already_left")));
    let body = roster(&server, &mut second).await;
    let entry = body["members"].as_array().expect("members").iter().find(|m| m["id_number"] == person.as_str()).cloned().expect("listed");
    assert_eq!(entry["elsewhere"], false, "{entry}");
    assert_eq!(count(&roster(&server, &mut first).await), before);
});

both_backends!(demo_rosters_load_on_both_databases, |store| {
    with_demo_accounts(&store).await;
    let loaded = app::demo::load_demo_rosters(&store, app::demo::DEFAULT_SEED, app::demo::DEFAULT_FACILITIES, crate::support::NOW).await.expect("rosters");
    assert!(loaded > 3 * app::demo::DEFAULT_FACILITIES, "{loaded}");
    let rows = store.roster(1).await.expect("roster");
    assert!(rows.iter().any(|r| r.role == "carer") && rows.iter().all(|r| !r.elsewhere), "demo people work at one facility each");
});

both_backends!(the_roster_caps_the_staffed_figure_once_carers_are_listed, |store| {
    with_demo_accounts(&store).await;
    app::demo::load_demo_rosters(&store, app::demo::DEFAULT_SEED, app::demo::DEFAULT_FACILITIES, crate::support::NOW).await.expect("rosters");
    let server = TestServer::start(store.clone()).await;
    let mut operator = server.sign_in_staff("demo-operator-1").await;
    let class = store.classes_of(&[1]).await.expect("classes").into_iter().find(|c| c.level.code() == "toddler").expect("a 托小班");
    let carers: Vec<i64> = store.roster(1).await.expect("roster").iter().filter(|r| r.role == "carer" && r.class_level.as_deref() == Some("toddler")).map(|r| r.id).collect();
    assert!(!carers.is_empty(), "the demo roster staffs the 托小班");
    let confirm = |staffed: u32| {
        vec![
            ("op_id", op()),
            ("class_id", class.id.to_string()),
            ("staffed_capacity", staffed.to_string()),
            ("enrolled", class.enrolled.to_string()),
        ]
    };
    // With every carer there, the figure may go up to the filing.
    assert_eq!(call(&server, &mut operator, "confirm_figures", &confirm(class.filed_capacity)).await.0, 200);
    // One carer leaves: the carers left look after 5 each, fewer than the filing.
    let (status, body) = call(&server, &mut operator, "end_staff", &[("op_id", op()), ("staff_id", carers[0].to_string())]).await;
    assert_eq!(status, 200, "{body}");
    let places = 5 * (carers.len() as u32 - 1);
    assert!(places < class.filed_capacity);
    let (status, body) = call(&server, &mut operator, "confirm_figures", &confirm(class.filed_capacity)).await;
    assert_eq!((status, body["detail"]["reason"].as_str()), (422, Some("staffed_above_roster")), "{body}");
    let stored = store.classes_of(&[1]).await.expect("classes").into_iter().find(|c| c.id == class.id).expect("class");
    assert_eq!(stored.staffed_capacity, class.filed_capacity, "nothing stored");
    // Lowering to what the roster supports is accepted (when the children in the class fit).
    if class.enrolled + class.held <= places {
        assert_eq!(call(&server, &mut operator, "confirm_figures", &confirm(places)).await.0, 200);
    }
});
