//! Ratings in the store on both databases: who may rate (each source of a relationship), one
//! rating per child, edits with history and the 30-day rule, withdrawal, another family's
//! rating, held texts, the facility's figures and exactly-once replays.

use app::domain::calendar::{CivilDate, Timestamp};
use app::domain::operation::OperationId;
use app::domain::rating::score::Summary;
use app::domain::rating::{RatingDraft, RatingInput, RatingRefusal, Relationship};
use app::store::operations::Operation;
use app::store::ratings::RatingOutcome;
use app::store::Store;

use crate::support::{both_backends, with_demo_data, NOW};

pub(crate) const FACILITY: i64 = 1;
pub(crate) const DAY: i64 = Timestamp::SECONDS_PER_DAY;

pub(crate) fn at_days(days: i64) -> Timestamp {
    Timestamp(NOW.0 + days * DAY)
}

pub(crate) fn op(kind: &'static str, request: &impl serde::Serialize) -> Operation {
    let id = OperationId::parse(&uuid::Uuid::new_v4().to_string()).expect("uuid");
    Operation::new(id, "parent:test", kind, request).expect("operation")
}

pub(crate) fn draft(stars: i64, text: &str) -> RatingDraft {
    RatingInput {
        safety: Some(stars),
        hygiene_meals: Some(stars),
        care: Some(stars),
        communication: Some(stars),
        environment: Some(stars),
        fees: Some(stars),
        text: text.into(),
    }
    .validate()
    .expect("valid rating")
}

/// A facility's figures as its page reads them (stored), checked against the same figures
/// computed from its ratings: the stored row must always equal the domain's summary.
pub(crate) async fn summary_of(store: &Store, facility: i64, today: CivilDate) -> Summary {
    let stored = store.facility_rating_summary(facility, today).await.expect("stored summary").expect("facility exists");
    let computed = store.rating_summary_from_ratings(facility, today).await.expect("computed summary");
    assert_eq!(stored, computed, "stored figures of facility {facility} equal the figures computed from its ratings");
    stored
}

async fn exec(store: &Store, sql: &str, args: Vec<app::store::db::Arg>) {
    store.db().execute("test set-up", sql, args).await.expect(sql);
}

#[derive(sqlx::FromRow)]
struct Id {
    id: i64,
}

async fn id_of(store: &Store, sql: &str, args: Vec<app::store::db::Arg>) -> i64 {
    let row: Id = store.db().fetch_one("test read", sql, args).await.expect(sql);
    row.id
}

/// A parent (by phone) and one child named `name`.
pub(crate) async fn parent_with_child(store: &Store, phone: &str, name: &str) -> (i64, i64) {
    let account = store.parent_for_phone(phone, NOW).await.expect("parent").id;
    let child = id_of(
        store,
        "INSERT INTO children (account_id, name, birth_date, sex, relation, id_number, created_at, updated_at) \
         VALUES ($1, $2, '2025-06-15', 'female', 'mother', NULL, $3, $3) RETURNING id",
        app::args![account, name, NOW.0],
    )
    .await;
    (account, child)
}

/// A slot of `kind` at the facility from `starts` to `ends`, booked for the child.
pub(crate) async fn booked_slot(store: &Store, account: i64, child: i64, kind: &str, starts: Timestamp, ends: Timestamp, state: &str) {
    let slot = id_of(
        store,
        "INSERT INTO slots (facility_id, kind, starts_at, ends_at, capacity, booked, op_id, created_at) VALUES ($1, $2, $3, $4, 5, 1, 'test', $3) RETURNING id",
        app::args![FACILITY, kind, starts.0, ends.0],
    )
    .await;
    exec(
        store,
        "INSERT INTO slot_bookings (slot_id, account_id, child_id, state, op_id, created_at, updated_at) VALUES ($1, $2, $3, $4, 'test', $5, $5)",
        app::args![slot, account, child, state, starts.0],
    )
    .await;
}

/// An application of the child at the facility in `state`.
pub(crate) async fn application(store: &Store, account: i64, child: i64, state: &str) {
    let class = id_of(store, "SELECT id FROM classes WHERE facility_id = $1 ORDER BY id LIMIT 1", app::args![FACILITY]).await;
    exec(
        store,
        "INSERT INTO applications (account_id, child_id, facility_id, class_id, start_month, state, queued_at, renew_by, op_id, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, '2026-09', $5, $6, $6, 'test', $6, $6)",
        app::args![account, child, FACILITY, class, state, NOW.0 - 90 * DAY],
    )
    .await;
}

pub(crate) async fn rate(store: &Store, account: i64, child: i64, stars: i64, text: &str, now: Timestamp) -> RatingOutcome {
    let d = draft(stars, text);
    store.rate_facility(&op("rating.create", &(child, stars, text)), account, FACILITY, child, &d, now).await.expect("rate")
}

pub(crate) fn saved_id(outcome: &RatingOutcome) -> i64 {
    match outcome {
        RatingOutcome::Saved { rating_id, .. } => *rating_id,
        other => panic!("expected a saved rating, got {other:?}"),
    }
}

both_backends!(each_record_of_use_gives_its_badge_and_nothing_else_lets_a_family_rate, |store| {
    with_demo_data(&store).await;
    let past = (at_days(-10), Timestamp(at_days(-10).0 + 3600));
    let future = (at_days(2), Timestamp(at_days(2).0 + 3600));

    let (account, nothing) = parent_with_child(&store, "13900000101", "张一").await;
    assert_eq!(rate(&store, account, nothing, 5, "", NOW).await, RatingOutcome::Refused(RatingRefusal::NoRelationship));
    // A visit booked for later, a cancelled care slot, an application that never started: none count.
    booked_slot(&store, account, nothing, "visit", future.0, future.1, "booked").await;
    booked_slot(&store, account, nothing, "hourly", past.0, past.1, "cancelled").await;
    application(&store, account, nothing, "declined").await;
    assert_eq!(rate(&store, account, nothing, 5, "", NOW).await, RatingOutcome::Refused(RatingRefusal::NoRelationship));

    let (visited_account, visited) = parent_with_child(&store, "13900000102", "李二").await;
    booked_slot(&store, visited_account, visited, "visit", past.0, past.1, "booked").await;
    saved_id(&rate(&store, visited_account, visited, 4, "", NOW).await);

    let (hourly_account, hourly) = parent_with_child(&store, "13900000103", "王三").await;
    booked_slot(&store, hourly_account, hourly, "visit", past.0, past.1, "booked").await;
    booked_slot(&store, hourly_account, hourly, "temporary", past.0, past.1, "booked").await;
    saved_id(&rate(&store, hourly_account, hourly, 3, "", NOW).await);

    let (enrolled_account, enrolled) = parent_with_child(&store, "13900000104", "赵四").await;
    booked_slot(&store, enrolled_account, enrolled, "visit", past.0, past.1, "booked").await;
    application(&store, enrolled_account, enrolled, "withdrawn").await;
    saved_id(&rate(&store, enrolled_account, enrolled, 5, "", NOW).await);

    let shown = store.facility_ratings(FACILITY, 1, 20).await.expect("list");
    let badges: Vec<(String, Relationship)> = shown.iter().map(|r| (r.author.clone(), r.relationship)).collect();
    assert_eq!(badges.len(), 3);
    assert!(badges.contains(&("李**".to_string(), Relationship::Visited)));
    assert!(badges.contains(&("王**".to_string(), Relationship::HourlyCare)));
    assert!(badges.contains(&("赵**".to_string(), Relationship::Enrolled)));
    // Someone else's child, or a facility that does not exist, is not found.
    assert_eq!(rate(&store, account, enrolled, 5, "", NOW).await, RatingOutcome::NotFound);
});

both_backends!(one_rating_per_child_edited_once_a_month_with_its_history_and_withdrawn_by_its_author, |store| {
    with_demo_data(&store).await;
    let (account, child) = parent_with_child(&store, "13900000111", "陈小").await;
    application(&store, account, child, "enrolled").await;
    let first = saved_id(&rate(&store, account, child, 5, "老师很耐心", NOW).await);
    assert_eq!(rate(&store, account, child, 4, "", at_days(40)).await, RatingOutcome::Refused(RatingRefusal::AlreadyRated));

    let edit = |stars: i64, now: Timestamp| {
        let store = store.clone();
        async move { store.edit_rating(&op("rating.edit", &(first, stars, now.0)), account, first, &draft(stars, "改了"), now).await.expect("edit") }
    };
    assert_eq!(edit(3, at_days(29)).await, RatingOutcome::Refused(RatingRefusal::EditTooSoon));
    assert_eq!(edit(3, at_days(30)).await, RatingOutcome::Saved { rating_id: first, text_held: false });
    assert_eq!(store.rating_version_count(first).await.expect("versions"), 2);
    let shown = store.facility_ratings(FACILITY, 1, 20).await.expect("list");
    assert_eq!((shown[0].stars, shown[0].text.as_deref()), ([3; 6], Some("改了")));

    // Another family can neither change nor withdraw it.
    let (stranger, _) = parent_with_child(&store, "13900000112", "周大").await;
    let foreign_edit = store.edit_rating(&op("rating.edit", &(first, 1)), stranger, first, &draft(1, ""), at_days(90)).await.expect("edit");
    assert_eq!(foreign_edit, RatingOutcome::Refused(RatingRefusal::NotAuthor));
    let foreign_withdraw = store.withdraw_rating(&op("rating.withdraw", &first), stranger, first, at_days(90)).await.expect("withdraw");
    assert_eq!(foreign_withdraw, RatingOutcome::Refused(RatingRefusal::NotAuthor));
    assert_eq!(store.facility_ratings(FACILITY, 1, 20).await.expect("list")[0].stars, [3; 6]);

    // Withdrawn: it shows and counts nowhere; rating again waits 30 days and reuses the row.
    let withdrawn = store.withdraw_rating(&op("rating.withdraw", &(first, 1)), account, first, at_days(31)).await.expect("withdraw");
    assert_eq!(withdrawn, RatingOutcome::Withdrawn { rating_id: first });
    assert!(store.facility_ratings(FACILITY, 1, 20).await.expect("list").is_empty());
    let today = CivilDate::in_china_at(at_days(31));
    assert_eq!(summary_of(&store, FACILITY, today).await.count, 0);
    // After withdrawal another family sees it as not found, not as someone's rating.
    let hidden_edit = store.edit_rating(&op("rating.edit", &(first, 2)), stranger, first, &draft(1, ""), at_days(90)).await.expect("edit");
    assert_eq!(hidden_edit, RatingOutcome::NotFound);
    assert_eq!(rate(&store, account, child, 4, "", at_days(32)).await, RatingOutcome::Refused(RatingRefusal::EditTooSoon));
    assert_eq!(saved_id(&rate(&store, account, child, 4, "", at_days(61)).await), first);
    assert_eq!(store.rating_version_count(first).await.expect("versions"), 3);
});

both_backends!(held_texts_are_not_shown_but_their_stars_count_and_the_score_needs_three, |store| {
    with_demo_data(&store).await;
    let mut ids = Vec::new();
    for (n, (stars, text)) in [(5, "加微信了解优惠"), (4, "电话13812341234"), (3, "")].into_iter().enumerate() {
        let (account, child) = parent_with_child(&store, &format!("1390000012{n}"), "孙").await;
        application(&store, account, child, "enrolled").await;
        let outcome = rate(&store, account, child, stars, text, NOW).await;
        if n == 0 {
            assert_eq!(outcome, RatingOutcome::Saved { rating_id: saved_id(&outcome), text_held: true });
        }
        ids.push(saved_id(&outcome));
        let today = CivilDate::in_china_at(NOW);
        let summary = summary_of(&store, FACILITY, today).await;
        assert_eq!(summary.count, n + 1);
        assert_eq!(summary.score.is_some(), n + 1 >= 3, "score from three ratings on");
    }
    let summary = summary_of(&store, FACILITY, CivilDate::in_china_at(NOW)).await;
    assert_eq!(summary.score, Some(4.0));
    let shown = store.facility_ratings(FACILITY, 1, 20).await.expect("list");
    let text_of = |id: i64| shown.iter().find(|r| r.id == id).expect("shown").text.clone();
    assert_eq!(text_of(ids[0]), None, "held text is not published");
    assert_eq!(text_of(ids[1]).as_deref(), Some("电话138****1234"), "numbers are masked before storage");
    assert_eq!(text_of(ids[2]), None);
    // Paged: newest first, two per page.
    assert_eq!(store.facility_ratings(FACILITY, 1, 2).await.expect("page 1").len(), 2);
    assert_eq!(store.facility_ratings(FACILITY, 2, 2).await.expect("page 2").len(), 1);
});

both_backends!(a_replayed_rating_is_applied_once, |store| {
    with_demo_data(&store).await;
    let (account, child) = parent_with_child(&store, "13900000131", "吴").await;
    application(&store, account, child, "enrolled").await;
    let once = op("rating.create", &"same");
    let d = draft(4, "");
    let first = store.rate_facility(&once, account, FACILITY, child, &d, NOW).await.expect("first");
    let again = store.rate_facility(&once, account, FACILITY, child, &d, at_days(1)).await.expect("again");
    assert_eq!(first, again);
    assert_eq!(store.facility_ratings(FACILITY, 1, 20).await.expect("list").len(), 1);
    assert_eq!(store.rating_version_count(saved_id(&first)).await.expect("versions"), 1);
});

both_backends!(deleting_the_account_withdraws_its_ratings_and_erases_their_texts, |store| {
    with_demo_data(&store).await;
    let (account, child) = parent_with_child(&store, "13900000141", "郑").await;
    application(&store, account, child, "enrolled").await;
    saved_id(&rate(&store, account, child, 5, "很好的老师", NOW).await);
    store.delete_parent_account(account, at_days(1), 48).await.expect("delete account");
    assert!(store.facility_ratings(FACILITY, 1, 20).await.expect("list").is_empty());
    #[derive(sqlx::FromRow)]
    struct Texts {
        n: i64,
    }
    let kept: Texts = store
        .db()
        .fetch_one("count texts", "SELECT COUNT(*) AS n FROM rating_versions WHERE text IS NOT NULL", app::args![])
        .await
        .expect("count");
    assert_eq!(kept.n, 0);
});
