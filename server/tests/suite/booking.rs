//! Booking tested from the outside over HTTP on both databases: offers and the waitlist, every
//! refusal, exactly-once replays, cancellation and expiry promoting the next child, operator
//! decisions, visit and care slots.

use app::store::Store;

use crate::support::{both_backends, with_demo_accounts, Cookies, TestServer, NOW};

/// The facility the demo operator `demo-operator-1` runs.
pub(crate) const FACILITY: i64 = 1;
/// 17 months old in 2026-11, 19 in 2027-01: the 托小班 (12–24 months).
pub(crate) const TODDLER_BIRTH: &str = "2025-06-15";
pub(crate) const START: &str = "2027-01";

/// Makes facility 1 filed with a 托小班 that has exactly `free` honest vacancies today.
pub(crate) async fn class_with_free_places(store: &Store, free: i64) -> i64 {
    store
        .db()
        .execute("file facility", "UPDATE facilities SET filing_status = 'filed' WHERE id = $1", app::args![FACILITY])
        .await
        .expect("file facility");
    store
        .db()
        .execute(
            "set class figures",
            "INSERT INTO classes (facility_id, level, filed_capacity, staffed_capacity, enrolled, enrolled_direct, held, monthly_fee, updated_at) \
             VALUES ($1, 'toddler', $2, $2, 5, 5, 0, 2000, $3) \
             ON CONFLICT (facility_id, level) DO UPDATE SET filed_capacity = $2, staffed_capacity = $2, enrolled = 5, enrolled_direct = 5, held = 0, updated_at = $3",
            app::args![FACILITY, free + 5, NOW.0],
        )
        .await
        .expect("class figures");
    class_figures(store).await.0
}

#[derive(sqlx::FromRow)]
struct Figures {
    id: i64,
    staffed_capacity: i64,
    enrolled: i64,
    held: i64,
}

/// (class id, staffed capacity, enrolled, held) of facility 1's 托小班.
pub(crate) async fn class_figures(store: &Store) -> (i64, i64, i64, i64) {
    let f: Figures = store
        .db()
        .fetch_one(
            "read figures",
            "SELECT id, staffed_capacity, enrolled, held FROM classes WHERE facility_id = $1 AND level = 'toddler'",
            app::args![FACILITY],
        )
        .await
        .expect("figures");
    (f.id, f.staffed_capacity, f.enrolled, f.held)
}

async fn count(store: &Store, sql: &str) -> i64 {
    #[derive(sqlx::FromRow)]
    struct N {
        n: i64,
    }
    let row: N = store.db().fetch_one("count", sql, app::args![]).await.expect("count");
    row.n
}

pub(crate) fn op() -> String {
    uuid::Uuid::new_v4().to_string()
}

/// A signed-in parent with one child born on `birth`.
pub(crate) async fn family(server: &TestServer, phone: &str, birth: &str) -> (Cookies, i64) {
    let mut cookies = server.sign_in_parent(phone).await;
    let child = add_child(server, &mut cookies, birth).await;
    (cookies, child)
}

async fn add_child(server: &TestServer, cookies: &mut Cookies, birth: &str) -> i64 {
    let consent = server.call(cookies, "give_consent", &[]).await;
    assert_eq!(consent.status, 200, "{}", consent.body);
    let fields = [
        ("input[name]", "小禾"),
        ("input[birth_date]", birth),
        ("input[sex]", "female"),
        ("input[relation]", "mother"),
        ("input[id_number]", ""),
    ];
    let added = server.call(cookies, "add_child", &fields).await;
    assert_eq!(added.status, 200, "{}", added.body);
    added.body["id"].as_i64().expect("child id")
}

pub(crate) async fn apply(server: &TestServer, cookies: &mut Cookies, op_id: &str, child: i64, facility: i64, start: &str) -> crate::support::Answer {
    let child = child.to_string();
    let facility = facility.to_string();
    server
        .call(
            cookies,
            "apply_for_place",
            &[("input[op_id]", op_id), ("input[child_id]", &child), ("input[facility_id]", &facility), ("input[start_month]", start)],
        )
        .await
}

pub(crate) fn application_id(answer: &crate::support::Answer) -> i64 {
    let body = &answer.body;
    body["Offered"]["application_id"].as_i64().or_else(|| body["Waitlisted"]["application_id"].as_i64()).expect("application id")
}

pub(crate) async fn my_bookings(server: &TestServer, cookies: &mut Cookies) -> serde_json::Value {
    let answer = server.read(cookies, "my_bookings", &[]).await;
    assert_eq!(answer.status, 200, "{}", answer.body);
    answer.body
}

both_backends!(an_honest_vacancy_becomes_an_offer_and_then_the_queue_starts, |store| {
    with_demo_accounts(&store).await;
    let class_id = class_with_free_places(&store, 1).await;
    let server = TestServer::start(store.clone()).await;
    let (mut first, first_child) = family(&server, "13900000011", TODDLER_BIRTH).await;
    let (mut second, second_child) = family(&server, "13900000012", TODDLER_BIRTH).await;
    let (mut third, third_child) = family(&server, "13900000013", TODDLER_BIRTH).await;

    let offered = apply(&server, &mut first, &op(), first_child, FACILITY, START).await;
    assert_eq!(offered.status, 200, "{}", offered.body);
    assert_eq!(offered.body["Offered"]["until"].as_i64(), Some(NOW.0 + 48 * 3600), "held for 48 hours");
    let waiting = apply(&server, &mut second, &op(), second_child, FACILITY, START).await;
    assert_eq!(waiting.body["Waitlisted"]["position"], 1, "{}", waiting.body);
    let behind = apply(&server, &mut third, &op(), third_child, FACILITY, START).await;
    assert_eq!(behind.body["Waitlisted"]["position"], 2);
    assert_eq!(class_figures(&store).await, (class_id, 6, 5, 1), "one place held, never more than free");

    let mine = my_bookings(&server, &mut third).await;
    assert_eq!(mine["applications"].as_array().map(Vec::len), Some(1), "a family sees only its own");
    assert_eq!(mine["applications"][0]["state"], "Waitlisted");
    assert_eq!(mine["applications"][0]["position"], 2);
    assert!(mine["notices"].as_array().is_some_and(|n| !n.is_empty()), "a notice tells the family");
});

both_backends!(cancelling_an_offer_promotes_the_next_child_at_once, |store| {
    with_demo_accounts(&store).await;
    class_with_free_places(&store, 1).await;
    let server = TestServer::start(store.clone()).await;
    let (mut first, first_child) = family(&server, "13900000021", TODDLER_BIRTH).await;
    let (mut second, second_child) = family(&server, "13900000022", TODDLER_BIRTH).await;
    let offered = apply(&server, &mut first, &op(), first_child, FACILITY, START).await;
    let waiting = apply(&server, &mut second, &op(), second_child, FACILITY, START).await;
    let (offered_id, waiting_id) = (application_id(&offered).to_string(), application_id(&waiting).to_string());

    // The second family cannot cancel the first family's application.
    let foreign = server.call(&mut second, "cancel_application", &[("op_id", &op()), ("application_id", &offered_id)]).await;
    assert_eq!(foreign.status, 404);
    let cancel_op = op();
    let cancelled = server.call(&mut first, "cancel_application", &[("op_id", &cancel_op), ("application_id", &offered_id)]).await;
    assert_eq!(cancelled.status, 200, "{}", cancelled.body);
    let mine = my_bookings(&server, &mut second).await;
    assert_eq!(mine["applications"][0]["state"], "Offered", "promoted in the cancelling transaction");
    assert!(mine["notices"].as_array().expect("notices").iter().any(|n| n["kind"] == "application.offered"));
    assert_eq!(class_figures(&store).await.3, 1, "still exactly one place held");
    // Replaying the cancellation changes nothing and answers the same.
    let replay = server.call(&mut first, "cancel_application", &[("op_id", &cancel_op), ("application_id", &offered_id)]).await;
    assert_eq!(replay.status, 200);
    assert_eq!(class_figures(&store).await.3, 1);
    // Cancelling again with a new id is refused: already cancelled.
    let again = server.call(&mut first, "cancel_application", &[("op_id", &op()), ("application_id", &offered_id)]).await;
    assert_eq!(again.status, 422);
    let _ = waiting_id;
});

both_backends!(a_replayed_application_returns_the_first_answer_and_creates_nothing, |store| {
    with_demo_accounts(&store).await;
    class_with_free_places(&store, 1).await;
    let server = TestServer::start(store.clone()).await;
    let (mut parent, child) = family(&server, "13900000031", TODDLER_BIRTH).await;
    let op_id = op();
    let first = apply(&server, &mut parent, &op_id, child, FACILITY, START).await;
    let replay = apply(&server, &mut parent, &op_id, child, FACILITY, START).await;
    assert_eq!(first.status, 200);
    assert_eq!(replay.status, 200);
    assert_eq!(first.body, replay.body, "the same answer");
    assert_eq!(count(&store, "SELECT COUNT(*) AS n FROM applications").await, 1);
    assert_eq!(class_figures(&store).await.3, 1);
    // The same id for a different request is a conflict, not a silent success.
    let other = apply(&server, &mut parent, &op_id, child, FACILITY, "2027-02").await;
    assert_eq!(other.status, 409);
});

both_backends!(every_refusal_is_a_4xx_with_words_and_changes_nothing, |store| {
    with_demo_accounts(&store).await;
    class_with_free_places(&store, 5).await;
    store
        .db()
        .execute("unfile facility 3", "UPDATE facilities SET filing_status = 'under_review' WHERE id = 3", app::args![])
        .await
        .expect("unfile");
    let server = TestServer::start(store.clone()).await;
    let (mut parent, toddler) = family(&server, "13900000041", TODDLER_BIRTH).await;
    let baby = add_child(&server, &mut parent, "2026-10-01").await;
    let big = add_child(&server, &mut parent, "2023-10-01").await;
    let (_other, other_child) = family(&server, "13900000042", TODDLER_BIRTH).await;

    let cases: Vec<(&str, i64, i64, &str, u16, &str)> = vec![
        ("too young", baby, FACILITY, "2026-12", 422, "child_too_young"),
        ("too old", big, FACILITY, "2026-12", 422, "child_too_old"),
        ("start in the past", toddler, FACILITY, "2026-10", 422, "start_in_past"),
        ("start too far", toddler, FACILITY, "2028-06", 422, "start_too_far"),
        ("not filed", toddler, 3, START, 422, "facility_not_filed"),
        ("someone else's child", other_child, FACILITY, START, 404, ""),
        ("no such facility", toddler, 999_999, START, 404, ""),
        ("bad month", toddler, FACILITY, "January", 422, "start_month"),
    ];
    for (what, child, facility, start, status, words) in cases {
        let answer = apply(&server, &mut parent, &op(), child, facility, start).await;
        assert_eq!(answer.status, status, "{what}: {}", answer.body);
        assert!(answer.body.to_string().contains(words), "{what}: {}", answer.body);
    }
    assert_eq!(count(&store, "SELECT COUNT(*) AS n FROM applications").await, 0, "nothing stored");
    assert_eq!(class_figures(&store).await.3, 0, "nothing held");

    // A second open application for the same class.
    assert_eq!(apply(&server, &mut parent, &op(), toddler, FACILITY, START).await.status, 200);
    let duplicate = apply(&server, &mut parent, &op(), toddler, FACILITY, "2027-02").await;
    assert_eq!(duplicate.status, 422);
    assert!(duplicate.body.to_string().contains("already_applied"), "{}", duplicate.body);

    // At most three open applications per child.
    for facility in [2i64, 4, 5] {
        store
            .db()
            .execute(
                "prepare facility",
                "UPDATE facilities SET filing_status = 'filed' WHERE id = $1",
                app::args![facility],
            )
            .await
            .expect("file");
        store
            .db()
            .execute(
                "prepare class",
                "INSERT INTO classes (facility_id, level, filed_capacity, staffed_capacity, enrolled, held, monthly_fee, updated_at) \
                 VALUES ($1, 'toddler', 10, 10, 0, 0, 1800, $2) ON CONFLICT (facility_id, level) DO UPDATE SET updated_at = $2",
                app::args![facility, NOW.0],
            )
            .await
            .expect("class");
    }
    assert_eq!(apply(&server, &mut parent, &op(), toddler, 2, START).await.status, 200);
    assert_eq!(apply(&server, &mut parent, &op(), toddler, 4, START).await.status, 200);
    let fourth = apply(&server, &mut parent, &op(), toddler, 5, START).await;
    assert_eq!(fourth.status, 422);
    assert!(fourth.body.to_string().contains("too_many_open"), "{}", fourth.body);
    assert_eq!(count(&store, "SELECT COUNT(*) AS n FROM applications").await, 3);

    // Nobody signed in.
    let anonymous = apply(&server, &mut Cookies::default(), &op(), toddler, FACILITY, START).await;
    assert_eq!(anonymous.status, 401);
});

both_backends!(an_expired_offer_releases_its_place_to_the_queue, |store| {
    with_demo_accounts(&store).await;
    class_with_free_places(&store, 1).await;
    let server = TestServer::start(store.clone()).await;
    let (mut first, first_child) = family(&server, "13900000051", TODDLER_BIRTH).await;
    let (mut second, second_child) = family(&server, "13900000052", TODDLER_BIRTH).await;
    apply(&server, &mut first, &op(), first_child, FACILITY, START).await;
    apply(&server, &mut second, &op(), second_child, FACILITY, START).await;

    server.advance(47 * 3600);
    assert_eq!(store.run_due_work(server.now(), 48).await.expect("due work"), 0, "not yet");
    server.advance(3600);
    assert_eq!(store.run_due_work(server.now(), 48).await.expect("due work"), 1);
    assert_eq!(store.run_due_work(server.now(), 48).await.expect("due work"), 0, "each expiry happens once");
    assert_eq!(my_bookings(&server, &mut first).await["applications"][0]["state"], "Expired");
    assert_eq!(my_bookings(&server, &mut second).await["applications"][0]["state"], "Offered");
    assert_eq!(class_figures(&store).await.3, 1);
});

both_backends!(an_unrenewed_waitlist_entry_lapses_after_90_days_with_a_reminder, |store| {
    with_demo_accounts(&store).await;
    class_with_free_places(&store, 0).await;
    let server = TestServer::start(store.clone()).await;
    let (mut parent, child) = family(&server, "13900000061", TODDLER_BIRTH).await;
    let (mut renewer, renewer_child) = family(&server, "13900000062", TODDLER_BIRTH).await;
    apply(&server, &mut parent, &op(), child, FACILITY, START).await;
    let kept = apply(&server, &mut renewer, &op(), renewer_child, FACILITY, START).await;
    let kept_id = application_id(&kept).to_string();

    server.advance(80 * 86_400);
    store.run_due_work(server.now(), 48).await.expect("due work");
    // Sessions end after 30 idle days: the families sign in again.
    let mut parent = server.sign_in_parent("13900000061").await;
    let mut renewer = server.sign_in_parent("13900000062").await;
    let notices = my_bookings(&server, &mut parent).await["notices"].clone();
    assert!(notices.as_array().expect("notices").iter().any(|n| n["kind"] == "application.renew"), "{notices}");
    let renewed = server.call(&mut renewer, "renew_application", &[("op_id", &op()), ("application_id", &kept_id)]).await;
    assert_eq!(renewed.status, 200, "{}", renewed.body);

    server.advance(10 * 86_400);
    store.run_due_work(server.now(), 48).await.expect("due work");
    let mut parent = server.sign_in_parent("13900000061").await;
    let mut renewer = server.sign_in_parent("13900000062").await;
    assert_eq!(my_bookings(&server, &mut parent).await["applications"][0]["state"], "Lapsed");
    let kept = my_bookings(&server, &mut renewer).await;
    assert_eq!(kept["applications"][0]["state"], "Waitlisted");
    assert_eq!(kept["applications"][0]["position"], 1, "moved up when the one ahead lapsed");
});

both_backends!(the_operator_confirms_declines_and_enrols_only_at_its_own_facility, |store| {
    with_demo_accounts(&store).await;
    class_with_free_places(&store, 2).await;
    let server = TestServer::start(store.clone()).await;
    let (mut first, first_child) = family(&server, "13900000071", TODDLER_BIRTH).await;
    let (mut second, second_child) = family(&server, "13900000072", TODDLER_BIRTH).await;
    let a = application_id(&apply(&server, &mut first, &op(), first_child, FACILITY, START).await).to_string();
    let b = application_id(&apply(&server, &mut second, &op(), second_child, FACILITY, START).await).to_string();
    let mut operator = server.sign_in_staff("demo-operator-1").await;
    let mut elsewhere = server.sign_in_staff("demo-operator-2").await;

    let seen = server.read(&mut operator, "operator_bookings", &[]).await;
    assert_eq!(seen.status, 200, "{}", seen.body);
    assert_eq!(seen.body["applications"].as_array().map(Vec::len), Some(2));
    assert!(!seen.body.to_string().contains("13900000071"), "phones are masked for operators");
    assert_eq!(server.read(&mut elsewhere, "operator_bookings", &[]).await.body["applications"].as_array().map(Vec::len), Some(0));
    assert_eq!(server.read(&mut first, "operator_bookings", &[]).await.status, 404, "a parent is not an operator");

    let foreign = server.call(&mut elsewhere, "decide_application", &[("op_id", &op()), ("application_id", &a), ("decision", "Confirm")]).await;
    assert_eq!(foreign.status, 404, "another facility's operator cannot decide");
    let no_reason = server.call(&mut operator, "decide_application", &[("op_id", &op()), ("application_id", &b), ("decision", "Decline")]).await;
    assert_eq!(no_reason.status, 422, "a decline needs a reason");

    let confirmed = server.call(&mut operator, "decide_application", &[("op_id", &op()), ("application_id", &a), ("decision", "Confirm")]).await;
    assert_eq!(confirmed.status, 200, "{}", confirmed.body);
    let enrolled = server.call(&mut operator, "decide_application", &[("op_id", &op()), ("application_id", &a), ("decision", "Enrol")]).await;
    assert_eq!(enrolled.status, 200, "{}", enrolled.body);
    let declined = server
        .call(&mut operator, "decide_application", &[("op_id", &op()), ("application_id", &b), ("decision", "Decline"), ("reason", "该班已按顺序满员")])
        .await;
    assert_eq!(declined.status, 200, "{}", declined.body);
    let (_, _, enrolled_now, held_now) = class_figures(&store).await;
    assert_eq!((enrolled_now, held_now), (6, 0), "one enrolled, nothing held");
    let mine = my_bookings(&server, &mut second).await;
    assert_eq!(mine["applications"][0]["state"], "Declined");
    assert_eq!(mine["applications"][0]["decline_reason"], "该班已按顺序满员");

    // Staffed capacity cannot go below enrolled + held.
    let (class_id, _, enrolled, held) = class_figures(&store).await;
    let too_low = (enrolled + held - 1).to_string();
    let refused = server
        .call(&mut operator, "confirm_figures", &[("op_id", &op()), ("class_id", &class_id.to_string()), ("staffed_capacity", &too_low), ("enrolled", &enrolled.to_string())])
        .await;
    assert_eq!(refused.status, 422, "{}", refused.body);
    assert!(refused.body.to_string().contains("capacity_below_taken"), "{}", refused.body);
});

both_backends!(raising_staffed_capacity_offers_places_to_the_queue, |store| {
    with_demo_accounts(&store).await;
    let class_id = class_with_free_places(&store, 0).await;
    // Filed for 10; staffed (and so free) for only 5.
    store.db().execute("raise filed", "UPDATE classes SET filed_capacity = 10 WHERE id = $1", app::args![class_id]).await.expect("filed");
    let server = TestServer::start(store.clone()).await;
    let (mut parent, child) = family(&server, "13900000081", TODDLER_BIRTH).await;
    assert!(apply(&server, &mut parent, &op(), child, FACILITY, START).await.body["Waitlisted"].is_object());
    let mut operator = server.sign_in_staff("demo-operator-1").await;
    let raised = server
        .call(&mut operator, "confirm_figures", &[("op_id", &op()), ("class_id", &class_id.to_string()), ("staffed_capacity", "6"), ("enrolled", "5")])
        .await;
    assert_eq!(raised.status, 200, "{}", raised.body);
    assert_eq!(my_bookings(&server, &mut parent).await["applications"][0]["state"], "Offered");
    assert_eq!(class_figures(&store).await, (class_id, 6, 5, 1));
});

both_backends!(deleting_a_child_releases_its_place_to_the_next_child, |store| {
    with_demo_accounts(&store).await;
    class_with_free_places(&store, 1).await;
    let server = TestServer::start(store.clone()).await;
    let (mut first, first_child) = family(&server, "13900000091", TODDLER_BIRTH).await;
    let (mut second, second_child) = family(&server, "13900000092", TODDLER_BIRTH).await;
    apply(&server, &mut first, &op(), first_child, FACILITY, START).await;
    apply(&server, &mut second, &op(), second_child, FACILITY, START).await;
    let removed = server.call(&mut first, "delete_child", &[("id", &first_child.to_string())]).await;
    assert_eq!(removed.status, 200, "{}", removed.body);
    assert_eq!(my_bookings(&server, &mut second).await["applications"][0]["state"], "Offered");
    assert_eq!(class_figures(&store).await.3, 1);
});

both_backends!(visit_and_care_slots_fill_up_and_cancel_until_the_cut_off, |store| {
    with_demo_accounts(&store).await;
    let server = TestServer::start(store.clone()).await;
    let mut operator = server.sign_in_staff("demo-operator-1").await;
    // NOW is 2026-11-29 12:00 in Chongqing; the visit is the next morning.
    let published = server
        .call(&mut operator, "publish_slot", &[("input[op_id]", &op()), ("input[kind]", "visit"), ("input[starts_at]", "2026-11-30T09:30"), ("input[minutes]", "60"), ("input[capacity]", "1")])
        .await;
    assert_eq!(published.status, 200, "{}", published.body);
    let slot = published.body.as_i64().expect("slot id").to_string();
    let past = server
        .call(&mut operator, "publish_slot", &[("input[op_id]", &op()), ("input[kind]", "hourly"), ("input[starts_at]", "2026-11-01T09:30"), ("input[minutes]", "60"), ("input[capacity]", "3")])
        .await;
    assert_eq!(past.status, 422);
    let (mut parent, child) = family(&server, "13900000101", TODDLER_BIRTH).await;
    let (mut other, other_child) = family(&server, "13900000102", TODDLER_BIRTH).await;
    let listed = server.read(&mut Cookies::default(), "facility_slots", &[("facility_id", "1")]).await;
    assert_eq!(listed.body[0]["free"], 1, "{}", listed.body);

    let book_op = op();
    let booked = server.call(&mut parent, "book_slot", &[("op_id", &book_op), ("slot_id", &slot), ("child_id", &child.to_string())]).await;
    assert_eq!(booked.status, 200, "{}", booked.body);
    let replay = server.call(&mut parent, "book_slot", &[("op_id", &book_op), ("slot_id", &slot), ("child_id", &child.to_string())]).await;
    assert_eq!(replay.body, booked.body, "a replay answers the same booking");
    let twice = server.call(&mut parent, "book_slot", &[("op_id", &op()), ("slot_id", &slot), ("child_id", &child.to_string())]).await;
    assert_eq!(twice.status, 422);
    let full = server.call(&mut other, "book_slot", &[("op_id", &op()), ("slot_id", &slot), ("child_id", &other_child.to_string())]).await;
    assert_eq!(full.status, 422);
    assert!(full.body.to_string().contains("slot_full"), "{}", full.body);
    let not_mine = server.call(&mut other, "book_slot", &[("op_id", &op()), ("slot_id", &slot), ("child_id", &child.to_string())]).await;
    assert_eq!(not_mine.status, 404, "someone else's child");
    assert_eq!(count(&store, "SELECT COUNT(*) AS n FROM slot_bookings").await, 1);

    let booking = booked.body.as_i64().expect("booking id").to_string();
    server.advance(20 * 3600); // 08:00 the next day: 90 minutes before the visit.
    let late = server.call(&mut parent, "cancel_slot_booking", &[("op_id", &op()), ("booking_id", &booking)]).await;
    assert_eq!(late.status, 422, "past the two-hour cut-off");
    assert!(late.body.to_string().contains("too_late"), "{}", late.body);
    let mut operator = server.sign_in_staff("demo-operator-1").await; // staff sessions idle out after 30 minutes
    let seen = server.read(&mut operator, "operator_bookings", &[]).await;
    assert_eq!(seen.body["slot_bookings"].as_array().map(Vec::len), Some(1));
});

both_backends!(a_slot_booking_cancelled_in_time_frees_the_place, |store| {
    with_demo_accounts(&store).await;
    let server = TestServer::start(store.clone()).await;
    let mut operator = server.sign_in_staff("demo-operator-1").await;
    let published = server
        .call(&mut operator, "publish_slot", &[("input[op_id]", &op()), ("input[kind]", "temporary"), ("input[starts_at]", "2026-12-02T14:00"), ("input[minutes]", "180"), ("input[capacity]", "1")])
        .await;
    let slot = published.body.as_i64().expect("slot id").to_string();
    let (mut parent, child) = family(&server, "13900000111", TODDLER_BIRTH).await;
    let booked = server.call(&mut parent, "book_slot", &[("op_id", &op()), ("slot_id", &slot), ("child_id", &child.to_string())]).await;
    let booking = booked.body.as_i64().expect("booking id").to_string();
    let cancelled = server.call(&mut parent, "cancel_slot_booking", &[("op_id", &op()), ("booking_id", &booking)]).await;
    assert_eq!(cancelled.status, 200, "{}", cancelled.body);
    let listed = server.read(&mut Cookies::default(), "facility_slots", &[("facility_id", "1")]).await;
    assert_eq!(listed.body[0]["free"], 1);
    let mine = my_bookings(&server, &mut parent).await;
    assert_eq!(mine["slot_bookings"][0]["state"], "cancelled");
});

/// A `/api/v1` request with a bearer token (the session token), as a mini-program would send it.
pub(crate) async fn api(server: &TestServer, token: Option<&str>, method: &str, path: &str, body: Option<serde_json::Value>, language: &str) -> (u16, serde_json::Value, reqwest::header::HeaderMap) {
    let mut request = match method {
        "GET" => server.client.get(server.url(path)),
        _ => server.client.post(server.url(path)),
    };
    request = request.header("accept-language", language);
    if let Some(token) = token {
        request = request.bearer_auth(token);
    }
    if let Some(body) = body {
        request = request.json(&body);
    }
    let response = request.send().await.expect("request");
    let status = response.status().as_u16();
    let headers = response.headers().clone();
    let text = response.text().await.expect("body");
    (status, serde_json::from_str(&text).unwrap_or(serde_json::Value::String(text)), headers)
}

both_backends!(the_json_api_books_exactly_once_and_explains_refusals_in_both_languages, |store| {
    with_demo_accounts(&store).await;
    class_with_free_places(&store, 1).await;
    store
        .db()
        .execute("unfile facility 3", "UPDATE facilities SET filing_status = 'under_review' WHERE id = 3", app::args![])
        .await
        .expect("unfile");
    let server = TestServer::start(store.clone()).await;
    let (cookies, child) = family(&server, "13900000121", TODDLER_BIRTH).await;
    let token = cookies.0.get("tuoyu_session").cloned().expect("session token");

    let (status, doc, _) = api(&server, None, "GET", "/api/v1/openapi.json", None, "zh-CN").await;
    assert_eq!(status, 200);
    for path in ["/api/v1/facilities", "/api/v1/facilities/{id}", "/api/v1/applications", "/api/v1/slots/{id}/bookings", "/api/v1/me/bookings"] {
        assert!(doc["paths"][path].is_object(), "{path} is documented");
    }
    assert!(doc["components"]["schemas"]["ApplyInput"].is_object());

    let (status, found, _) = api(&server, None, "GET", "/api/v1/facilities?street=500112002&sort=fee", None, "zh-CN").await;
    assert_eq!(status, 200, "{found}");
    assert!(found["total"].as_u64().is_some());
    let (status, detail, _) = api(&server, None, "GET", "/api/v1/facilities/1", None, "zh-CN").await;
    assert_eq!(status, 200);
    assert!(detail["classes"].as_array().is_some_and(|c| !c.is_empty()), "classes with vacancies");
    let (status, missing, _) = api(&server, None, "GET", "/api/v1/facilities/999999", None, "en").await;
    assert_eq!(status, 404);
    assert!(missing["message"].as_str().is_some_and(|m| !m.is_empty()));

    let input = serde_json::json!({ "op_id": op(), "child_id": child, "facility_id": FACILITY, "start_month": START });
    let (status, first, _) = api(&server, Some(&token), "POST", "/api/v1/applications", Some(input.clone()), "zh-CN").await;
    assert_eq!(status, 200, "{first}");
    assert!(first["Offered"]["application_id"].is_i64());
    let (status, replay, _) = api(&server, Some(&token), "POST", "/api/v1/applications", Some(input), "zh-CN").await;
    assert_eq!((status, &replay), (200, &first), "a replay returns the first answer");
    assert_eq!(count(&store, "SELECT COUNT(*) AS n FROM applications").await, 1);

    let not_filed = serde_json::json!({ "op_id": op(), "child_id": child, "facility_id": 3, "start_month": START });
    let (status, zh, _) = api(&server, Some(&token), "POST", "/api/v1/applications", Some(not_filed.clone()), "zh-CN,zh;q=0.9").await;
    assert_eq!(status, 422);
    assert_eq!(zh["error"]["detail"]["reason"], "facility_not_filed", "{zh}");
    assert!(zh["message"].as_str().is_some_and(|m| m.contains("尚未完成备案")), "{zh}");
    let (status, en, _) = api(&server, Some(&token), "POST", "/api/v1/applications", Some(not_filed), "en-GB,en;q=0.8").await;
    assert_eq!(status, 422);
    assert!(en["message"].as_str().is_some_and(|m| m.contains("has not completed its filing")), "{en}");

    let (status, _, _) = api(&server, None, "POST", "/api/v1/applications", Some(serde_json::json!({ "op_id": op(), "child_id": child, "facility_id": 1, "start_month": START })), "zh-CN").await;
    assert_eq!(status, 401, "no token, no booking");
    let (status, malformed, _) = api(&server, Some(&token), "POST", "/api/v1/applications", Some(serde_json::json!({ "child": "x" })), "zh-CN").await;
    assert_eq!(status, 400, "{malformed}");
    assert!(malformed["message"].is_string());
    let (status, _, _) = api(&server, Some("not-a-session"), "GET", "/api/v1/me/bookings", None, "zh-CN").await;
    assert_eq!(status, 401);

    let (status, mine, headers) = api(&server, Some(&token), "GET", "/api/v1/me/bookings", None, "zh-CN").await;
    assert_eq!(status, 200);
    assert_eq!(mine["applications"].as_array().map(Vec::len), Some(1));
    assert!(headers.get("cache-control").and_then(|v| v.to_str().ok()).is_some_and(|v| v.contains("no-store")));
    let id = first["Offered"]["application_id"].as_i64().expect("id");
    let (status, _, _) = api(&server, Some(&token), "POST", &format!("/api/v1/applications/{id}/cancel"), Some(serde_json::json!({ "op_id": op() })), "zh-CN").await;
    assert_eq!(status, 200);
    assert_eq!(class_figures(&store).await.3, 0, "the place is free again");
    assert_eq!(count(&store, "SELECT COUNT(*) AS n FROM applications").await, 1, "refusals stored nothing");
});
