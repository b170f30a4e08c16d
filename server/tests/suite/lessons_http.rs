//! Lessons over HTTP on both databases: the list and one lesson are public, bad filters and
//! unknown lessons are refused in words (Chinese and English) with a 4xx, a parent's progress is
//! kept once per operation id (directly and through the offline sync) and never for another
//! family's child or a staff account, and the reach figure is for supervisors only.

use serde_json::json;

use crate::booking::{api, family, op, TODDLER_BIRTH};
use crate::support::{both_backends, with_demo_accounts, TestServer};

/// A lesson of the repository and the right answer of each of its questions.
fn a_lesson() -> (String, Vec<u32>) {
    let catalogue = app::content::lessons::Catalogue::embedded();
    let card = catalogue.cards().into_iter().find(|c| c.topic == app::domain::lesson::Topic::Feeding).expect("a feeding lesson");
    let lesson = catalogue.lesson(&card.id).expect("lesson");
    (card.id, lesson.checks.iter().map(|q| q.answer as u32).collect())
}

async fn rows(server: &TestServer) -> i64 {
    #[derive(sqlx::FromRow)]
    struct N {
        n: i64,
    }
    let row: N = server.store.db().fetch_one("count progress", "SELECT COUNT(*) AS n FROM lesson_progress", app::args![]).await.expect("count");
    row.n
}

both_backends!(lessons_are_public_and_bad_filters_are_refused_in_words, |store| {
    with_demo_accounts(&store).await;
    let server = TestServer::start(store.clone()).await;
    let (status, all, _) = api(&server, None, "GET", "/api/v1/lessons", None, "zh-CN").await;
    assert_eq!(status, 200, "{all}");
    assert!(all["total"].as_u64().expect("total") >= 48);
    assert_eq!(all["lessons"].as_array().expect("lessons").len() as u64, all["total"].as_u64().expect("total"));

    // An age picks one lesson per topic written for it.
    let (status, seven, _) = api(&server, None, "GET", "/api/v1/lessons?age=7", None, "zh-CN").await;
    assert_eq!(status, 200);
    let recommended = seven["recommended"].as_array().expect("recommended");
    assert_eq!(recommended.len(), 6, "{seven}");
    assert!(recommended.iter().all(|c| c["age_from"].as_u64() <= Some(7) && c["age_to"].as_u64() > Some(7)));

    // Pinyin initials of a title find it.
    let (id, _) = a_lesson();
    let title = app::content::lessons::Catalogue::embedded().lesson(&id).expect("lesson").card.title.clone();
    let initials = app::store::directory::initials::initials(&title);
    let (status, found, _) = api(&server, None, "GET", &format!("/api/v1/lessons?q={initials}"), None, "zh-CN").await;
    assert_eq!(status, 200);
    assert!(found["lessons"].as_array().expect("lessons").iter().any(|c| c["id"] == id.as_str()), "{initials}: {found}");

    // Ages outside 0–36 and unknown topics: 422 in words; an unknown lesson: 404.
    for (query, reason) in [("age=37", "age_out_of_range"), ("age=", "age_out_of_range"), ("topic=", "unknown_topic"), ("age=-1", "age_out_of_range"), ("age=两岁", "age_out_of_range"), ("topic=cooking", "unknown_topic")] {
        let (status, body, _) = api(&server, None, "GET", &format!("/api/v1/lessons?{query}"), None, "zh-CN").await;
        assert_eq!((status, body["error"]["detail"]["reason"].as_str()), (422, Some(reason)), "{query}: {body}");
    }
    let (_, zh, _) = api(&server, None, "GET", "/api/v1/lessons?age=40", None, "zh-CN").await;
    assert!(zh["message"].as_str().expect("message").contains("0 到 36"), "{zh}");
    let (_, en, _) = api(&server, None, "GET", "/api/v1/lessons?age=40", None, "en").await;
    assert!(en["message"].as_str().expect("message").contains("0 to 36"), "{en}");
    let (status, body, _) = api(&server, None, "GET", "/api/v1/lessons/no-such-lesson", None, "zh-CN").await;
    assert_eq!((status, body["error"]["detail"]["reason"].as_str()), (404, Some("unknown_lesson")), "{body}");
    let (status, lesson, _) = api(&server, None, "GET", &format!("/api/v1/lessons/{id}"), None, "zh-CN").await;
    assert_eq!(status, 200);
    assert!(!lesson["body"].as_array().expect("body").is_empty() && !lesson["sources"].as_array().expect("sources").is_empty());
});

both_backends!(a_parents_progress_is_kept_once_and_only_for_their_own_child, |store| {
    with_demo_accounts(&store).await;
    let server = TestServer::start(store.clone()).await;
    let (cookies, child) = family(&server, "13900000401", TODDLER_BIRTH).await;
    let token = cookies.0.get("tuoyu_session").cloned().expect("session");
    let (stranger, strangers_child) = family(&server, "13900000402", TODDLER_BIRTH).await;
    let (id, answers) = a_lesson();
    let progress = |body: serde_json::Value, language: &'static str| {
        let (server, token) = (&server, token.clone());
        async move { api(server, Some(&token), "POST", "/api/v1/lessons/progress", Some(body), language).await }
    };

    // The child's lessons of the month come with the list for its parent.
    let (_, list, _) = api(&server, Some(&token), "GET", "/api/v1/lessons", None, "zh-CN").await;
    assert_eq!(list["children"][0]["child_id"].as_i64(), Some(child), "{list}");
    assert_eq!(list["children"][0]["recommended"].as_array().expect("recommended").len(), 6);

    // Signed out: 401. Steps that do not fit the lesson, an unknown lesson, another family's
    // child, a bad operation id: 4xx, nothing stored.
    let (status, _, _) = api(&server, None, "POST", "/api/v1/lessons/progress", Some(json!({ "op_id": op(), "lesson_id": id, "step": "read" })), "zh-CN").await;
    assert_eq!(status, 401);
    let mut too_many = answers.clone();
    too_many.push(0);
    for (body, status_reason) in [
        (json!({ "op_id": op(), "lesson_id": id, "step": "answered", "answers": too_many }), (422, Some("malformed_progress"))),
        (json!({ "op_id": op(), "lesson_id": id, "step": "answered", "answers": answers.iter().map(|_| 9).collect::<Vec<_>>() }), (422, Some("malformed_progress"))),
        (json!({ "op_id": op(), "lesson_id": id, "step": "finished" }), (422, Some("malformed_progress"))),
        (json!({ "op_id": op(), "lesson_id": "no-such-lesson", "step": "read" }), (404, Some("unknown_lesson"))),
        (json!({ "op_id": op(), "lesson_id": id, "step": "read", "child_id": strangers_child }), (404, None)),
        (json!({ "op_id": "not-a-uuid", "lesson_id": id, "step": "read" }), (422, None)),
    ] {
        let (status, answer, _) = progress(body.clone(), "zh-CN").await;
        assert_eq!((status, answer["error"]["detail"]["reason"].as_str()), status_reason, "{body}: {answer}");
        assert!(!answer["message"].as_str().unwrap_or_default().is_empty(), "{answer}");
    }
    let (status, _, _) = progress(json!({ "lesson_id": 3 }), "zh-CN").await;
    assert_eq!(status, 400);
    let (_, english, _) = progress(json!({ "op_id": op(), "lesson_id": id, "step": "finished" }), "en").await;
    assert!(english["message"].as_str().expect("message").contains("does not fit"), "{english}");
    assert_eq!(rows(&server).await, 0, "nothing stored on bad input");

    // Read, replayed: one answer, one row. Then the check answered: learned.
    let read = json!({ "op_id": op(), "lesson_id": id, "step": "read", "child_id": child });
    let (status, first, _) = progress(read.clone(), "zh-CN").await;
    assert_eq!(status, 200, "{first}");
    assert_eq!((first["read"].as_bool(), first["learned"].as_bool()), (Some(true), Some(false)));
    let (status, replay, _) = progress(read, "zh-CN").await;
    assert_eq!((status, &replay), (200, &first));
    let (status, done, _) = progress(json!({ "op_id": op(), "lesson_id": id, "step": "answered", "answers": answers }), "zh-CN").await;
    assert_eq!(status, 200, "{done}");
    assert_eq!((done["learned"].as_bool(), done["correct"].as_u64(), done["questions"].as_u64()), (Some(true), Some(answers.len() as u64), Some(answers.len() as u64)));
    assert_eq!(rows(&server).await, 1);

    // Through the offline sync: applied once however often the queue is sent.
    let queued = json!({ "version": 1, "operations": [
        { "v": 1, "op_id": op(), "kind": "lesson.progress", "payload": { "lesson_id": "care-00-06-sleep-awake", "child_id": null, "step": "read" } },
        { "v": 1, "op_id": op(), "kind": "lesson.progress", "payload": { "lesson_id": "care-00-06-sleep-awake", "child_id": strangers_child, "step": "read" } }
    ] });
    for _ in 0..2 {
        let (status, synced, _) = api(&server, Some(&token), "POST", "/api/v1/sync", Some(queued.clone()), "zh-CN").await;
        assert_eq!(status, 200, "{synced}");
        assert_eq!(synced["results"][0]["outcome"], "applied", "{synced}");
        assert_eq!(synced["results"][1]["outcome"], "refused", "another family's child: {synced}");
    }
    assert_eq!(rows(&server).await, 2);

    // Staff read lessons but keep no progress; the reach figure is for supervisors only.
    let mut health = server.sign_in_staff("demo-health").await;
    let staff_token = health.0.get("tuoyu_session").cloned().expect("staff session");
    let (status, body, _) = api(&server, Some(&staff_token), "POST", "/api/v1/lessons/progress", Some(json!({ "op_id": op(), "lesson_id": id, "step": "read" })), "zh-CN").await;
    assert_eq!((status, body["error"]["detail"]["reason"].as_str()), (422, Some("families_only")), "{body}");
    let reach = server.read(&mut health, "lesson_reach", &[]).await;
    assert_eq!(reach.status, 200, "{}", reach.body);
    assert_eq!((reach.body["families"].as_u64(), reach.body["reached"].as_u64(), reach.body["goal_per_mille"].as_u64()), (Some(2), Some(0), Some(900)), "{}", reach.body);
    let mut parent = stranger;
    assert_eq!(server.read(&mut parent, "lesson_reach", &[]).await.status, 404);
});

both_backends!(the_growth_guide_dates_a_childs_checks_and_keeps_to_the_family, |store| {
    with_demo_accounts(&store).await;
    let server = TestServer::start(store.clone()).await;
    let (mut parent, child) = family(&server, "13900000411", TODDLER_BIRTH).await;
    let (mut stranger, _) = family(&server, "13900000412", TODDLER_BIRTH).await;
    let child = child.to_string();

    // The parent's own child: dates from the birth date in its profile (15 June 2025), the
    // 18-month check next at the suite's "today" (29 November 2026), the milestones for 12 months.
    let guide = server.read(&mut parent, "child_guide", &[("child", &child)]).await;
    assert_eq!(guide.status, 200, "{}", guide.body);
    assert_eq!((guide.body["child_name"].as_str(), guide.body["age_months"].as_u64()), (Some("小禾"), Some(17)));
    let next: Vec<&serde_json::Value> = guide.body["timeline"].as_array().expect("timeline").iter().filter(|i| i["when"] == "next").collect();
    assert!(next.iter().any(|i| i["kind"] == "check" && i["due"] == "2026-12-15"), "{next:?}");
    assert!(next.iter().any(|i| i["kind"] == "dose" && i["name"]["zh"].as_str().is_some_and(|n| n.contains("百白破"))), "{next:?}");
    assert_eq!(guide.body["checkpoint"]["months"].as_u64(), Some(12));
    assert_eq!(guide.body["checkpoint"]["warnings"].as_array().map(Vec::len), Some(4));

    // Another family's child is not found; a birth date in the future or more than 3 years ago
    // is refused in words; an age gives the checklist without dates.
    assert_eq!(server.read(&mut stranger, "child_guide", &[("child", &child)]).await.status, 404);
    let mut nobody = crate::support::Cookies::default();
    assert_eq!(server.read(&mut nobody, "child_guide", &[("child", &child)]).await.status, 401);
    for birth in ["2027-01-01", "2020-01-01", "2025-02-30", "明天"] {
        let refused = server.read(&mut nobody, "child_guide", &[("birth", birth)]).await;
        assert_eq!((refused.status, refused.body["detail"]["reason"].as_str()), (422, Some("birth_date_out_of_range")), "{birth}: {}", refused.body);
    }
    let by_birth = server.read(&mut nobody, "child_guide", &[("birth", "2026-10-31")]).await;
    assert_eq!(by_birth.status, 200, "{}", by_birth.body);
    // Born on 31 October: the 1-month check falls on 30 November, the next date.
    let first_next = by_birth.body["timeline"].as_array().expect("timeline").iter().find(|i| i["when"] == "next").expect("a next item").clone();
    assert_eq!(first_next["due"], "2026-11-30", "{first_next}");
    let by_age = server.read(&mut nobody, "child_guide", &[("age", "30")]).await;
    assert_eq!((by_age.status, by_age.body["checkpoint"]["months"].as_u64(), by_age.body["timeline"].as_array().map(Vec::len)), (200, Some(30), Some(0)));
    let bad_age = server.read(&mut nobody, "child_guide", &[("age", "40")]).await;
    assert_eq!((bad_age.status, bad_age.body["detail"]["reason"].as_str()), (422, Some("age_out_of_range")));
});
