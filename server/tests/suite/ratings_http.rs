//! Ratings over HTTP (`/api/v1` and the server functions the pages call), on both databases:
//! who may rate, refusals in words in both languages with their status, nothing stored on bad
//! input, staff on the other side, and the review queue kept to the health commission.

use serde_json::json;

use crate::booking::{api, family, op, TODDLER_BIRTH};
use crate::ratings::{application, FACILITY};
use crate::support::{both_backends, with_demo_accounts, TestServer};

fn stars(fees: serde_json::Value) -> serde_json::Value {
    json!({ "safety": 5, "hygiene_meals": 4, "care": 5, "communication": 4, "environment": 4, "fees": fees, "text": "老师很耐心" })
}

async fn count(server: &TestServer) -> i64 {
    let (status, body, _) = api(server, None, "GET", &format!("/api/v1/facilities/{FACILITY}/ratings"), None, "zh-CN").await;
    assert_eq!(status, 200, "{body}");
    body["summary"]["count"].as_i64().expect("count")
}

both_backends!(the_api_refuses_bad_ratings_in_words_and_stores_nothing, |store| {
    with_demo_accounts(&store).await;
    let server = TestServer::start(store.clone()).await;
    let (cookies, child) = family(&server, "13900000301", TODDLER_BIRTH).await;
    let token = cookies.0.get("tuoyu_session").cloned().expect("session token");
    let rate = |body: serde_json::Value, language: &'static str| {
        let (server, token) = (&server, token.clone());
        async move { api(server, Some(&token), "POST", "/api/v1/ratings", Some(body), language).await }
    };
    let before = count(&server).await;

    // Signed out: 401. No record of use: 403, in Chinese or English.
    let (status, _, _) = api(&server, None, "POST", "/api/v1/ratings", Some(json!({ "op_id": op(), "facility_id": FACILITY, "child_id": child, "rating": stars(json!(5)) })), "zh-CN").await;
    assert_eq!(status, 401);
    let (status, body, _) = rate(json!({ "op_id": op(), "facility_id": FACILITY, "child_id": child, "rating": stars(json!(5)) }), "zh-CN").await;
    assert_eq!((status, body["error"]["detail"]["reason"].as_str()), (403, Some("no_relationship")), "{body}");
    assert!(body["message"].as_str().expect("message").contains("入托"));
    let (_, body, _) = rate(json!({ "op_id": op(), "facility_id": FACILITY, "child_id": child, "rating": stars(json!(5)) }), "en").await;
    assert!(body["message"].as_str().expect("message").contains("enrolled"), "{body}");

    let account = store.parent_for_phone("13900000301", crate::support::NOW).await.expect("parent").id;
    application(&store, account, child, "enrolled").await;
    // Stars outside 1–5, a missing aspect, a text over 500 characters: 422 in words.
    for (rating, reason) in [
        (stars(json!(6)), "stars_out_of_range"),
        (stars(json!(0)), "stars_out_of_range"),
        (stars(serde_json::Value::Null), "missing_aspect"),
        (json!({ "safety": 5, "hygiene_meals": 5, "care": 5, "communication": 5, "environment": 5, "fees": 5, "text": "好".repeat(501) }), "text_too_long"),
    ] {
        let (status, body, _) = rate(json!({ "op_id": op(), "facility_id": FACILITY, "child_id": child, "rating": rating }), "zh-CN").await;
        assert_eq!((status, body["error"]["detail"]["reason"].as_str()), (422, Some(reason)), "{body}");
    }
    // Malformed JSON and an op id that is not a UUID: 4xx, never 500.
    let (status, _, _) = rate(json!({ "op_id": "x", "facility_id": FACILITY, "child_id": child, "rating": stars(json!(5)) }), "zh-CN").await;
    assert_eq!(status, 422);
    let (status, _, _) = rate(json!({ "facility_id": "one" }), "zh-CN").await;
    assert_eq!(status, 400);
    assert_eq!(count(&server).await, before, "nothing stored");

    // A good rating, then the same child again: refused; the replay of the first answers the same.
    let first_op = op();
    let good = json!({ "op_id": first_op, "facility_id": FACILITY, "child_id": child, "rating": stars(json!(5)) });
    let (status, saved, _) = rate(good.clone(), "zh-CN").await;
    assert_eq!(status, 200, "{saved}");
    let (status, replay, _) = rate(good, "zh-CN").await;
    assert_eq!((status, &replay), (200, &saved));
    let (status, body, _) = rate(json!({ "op_id": op(), "facility_id": FACILITY, "child_id": child, "rating": stars(json!(4)) }), "zh-CN").await;
    assert_eq!((status, body["error"]["detail"]["reason"].as_str()), (422, Some("already_rated")));
    assert_eq!(count(&server).await, before + 1);

    // Editing at once is too soon; another family can neither edit nor withdraw it.
    let rating_id = saved["rating_id"].as_i64().expect("rating id");
    let edit = json!({ "op_id": op(), "rating": stars(json!(3)) });
    let (status, body, _) = api(&server, Some(&token), "POST", &format!("/api/v1/ratings/{rating_id}/edit"), Some(edit.clone()), "zh-CN").await;
    assert_eq!((status, body["error"]["detail"]["reason"].as_str()), (422, Some("edit_too_soon")));
    let (stranger, _) = family(&server, "13900000302", TODDLER_BIRTH).await;
    let stranger_token = stranger.0.get("tuoyu_session").cloned().expect("token");
    let foreign_edit = json!({ "op_id": op(), "rating": stars(json!(3)) });
    let (status, _, _) = api(&server, Some(&stranger_token), "POST", &format!("/api/v1/ratings/{rating_id}/edit"), Some(foreign_edit), "zh-CN").await;
    assert_eq!(status, 403);
    // The same operation id from another account is a conflict, never someone else's answer.
    let (status, _, _) = api(&server, Some(&stranger_token), "POST", &format!("/api/v1/ratings/{rating_id}/edit"), Some(edit), "zh-CN").await;
    assert_eq!(status, 409);
    let (status, _, _) = api(&server, Some(&stranger_token), "POST", &format!("/api/v1/ratings/{rating_id}/withdraw"), Some(json!({ "op_id": op() })), "zh-CN").await;
    assert_eq!(status, 403);
    // The list: paged, its author masked, the page number checked.
    let (status, list, _) = api(&server, None, "GET", &format!("/api/v1/facilities/{FACILITY}/ratings?page=1"), None, "zh-CN").await;
    assert_eq!(status, 200);
    assert_eq!(list["ratings"][0]["author"], "小**", "{list}");
    for (path, expected) in [(format!("/api/v1/facilities/{FACILITY}/ratings?page=0"), 422), ("/api/v1/facilities/999999/ratings".to_string(), 404), (format!("/api/v1/facilities/{FACILITY}/ratings?page=x"), 400)] {
        let (status, _, _) = api(&server, None, "GET", &path, None, "zh-CN").await;
        assert_eq!(status, expected, "{path}");
    }
});

both_backends!(staff_cannot_rate_operators_answer_their_own_and_only_health_reviews, |store| {
    with_demo_accounts(&store).await;
    let server = TestServer::start(store.clone()).await;
    let (mut parent, child) = family(&server, "13900000311", TODDLER_BIRTH).await;
    let account = store.parent_for_phone("13900000311", crate::support::NOW).await.expect("parent").id;
    application(&store, account, child, "enrolled").await;
    let rated = server
        .call(&mut parent, "rate_facility", &[("input[op_id]", &op()), ("input[facility_id]", "1"), ("input[child_id]", &child.to_string()),
            ("input[rating][safety]", "5"), ("input[rating][hygiene_meals]", "5"), ("input[rating][care]", "5"), ("input[rating][communication]", "5"),
            ("input[rating][environment]", "5"), ("input[rating][fees]", "5"), ("input[rating][text]", "加微信领优惠")])
        .await;
    assert_eq!(rated.status, 200, "{}", rated.body);
    assert_eq!(rated.body["text_held"], true);
    let rating_id = rated.body["rating_id"].as_i64().expect("id").to_string();

    // An operator cannot rate (403, in words).
    let mut operator = server.sign_in_staff("demo-operator-1").await;
    let refused = server.call(&mut operator, "rate_facility", &[("input[op_id]", &op()), ("input[facility_id]", "1"), ("input[child_id]", &child.to_string()),
        ("input[rating][safety]", "5"), ("input[rating][hygiene_meals]", "5"), ("input[rating][care]", "5"), ("input[rating][communication]", "5"),
        ("input[rating][environment]", "5"), ("input[rating][fees]", "5")]).await;
    assert_eq!((refused.status, refused.body["detail"]["reason"].as_str()), (403, Some("staff_cannot_rate")), "{}", refused.body);
    // The held text is not in the operator's inbox; it replies to its own rating only.
    let inbox = server.read(&mut operator, "operator_ratings", &[]).await;
    assert_eq!(inbox.status, 200);
    assert_eq!(inbox.body[0]["rating"]["text"], serde_json::Value::Null, "{}", inbox.body);
    let replied = server.call(&mut operator, "reply_to_rating", &[("op_id", &op()), ("rating_id", &rating_id), ("text", "谢谢")]).await;
    assert_eq!(replied.status, 200, "{}", replied.body);
    let mut other_operator = server.sign_in_staff("demo-operator-2").await;
    let foreign = server.call(&mut other_operator, "reply_to_rating", &[("op_id", &op()), ("rating_id", &rating_id), ("text", "不是我们的")]).await;
    assert_eq!(foreign.status, 404);
    let empty = server.call(&mut operator, "reply_to_rating", &[("op_id", &op()), ("rating_id", &rating_id), ("text", "  ")]).await;
    assert_eq!((empty.status, empty.body["detail"]["reason"].as_str()), (422, Some("reply_empty")));

    // The fire department has no review queue and cannot decide; the health commission can.
    let mut fire = server.sign_in_staff("demo-fire").await;
    assert_eq!(server.read(&mut fire, "rating_reviews", &[]).await.body, serde_json::Value::Null);
    let decided = server.call(&mut fire, "review_rating", &[("op_id", &op()), ("rating_id", &rating_id), ("decision", "publish"), ("reason", "")]).await;
    assert_eq!(decided.status, 404);
    let mut health = server.sign_in_staff("demo-health").await;
    let queue = server.read(&mut health, "rating_reviews", &[]).await;
    assert_eq!(queue.body[0]["text"], "加微信领优惠", "{}", queue.body);
    let no_reason = server.call(&mut health, "review_rating", &[("op_id", &op()), ("rating_id", &rating_id), ("decision", "hide"), ("reason", "")]).await;
    assert_eq!((no_reason.status, no_reason.body["detail"]["reason"].as_str()), (422, Some("reason_missing")));
    let hidden = server.call(&mut health, "review_rating", &[("op_id", &op()), ("rating_id", &rating_id), ("decision", "hide"), ("reason", "含有广告信息")]).await;
    assert_eq!(hidden.status, 200, "{}", hidden.body);
    // Hidden ratings leak nowhere: not in the list, not in the inbox.
    let (_, list, _) = api(&server, None, "GET", &format!("/api/v1/facilities/{FACILITY}/ratings"), None, "zh-CN").await;
    assert!(list["ratings"].as_array().expect("ratings").iter().all(|r| r["id"].as_i64() != rating_id.parse().ok()));
    let inbox = server.read(&mut operator, "operator_ratings", &[]).await;
    assert!(inbox.body.as_array().expect("inbox").iter().all(|r| r["rating"]["id"].as_i64() != rating_id.parse().ok()));
    // The author sees why.
    let choices = server.read(&mut parent, "my_rating_choices", &[("facility_id", "1")]).await;
    assert_eq!(choices.body[0]["own"]["hidden_reason"], "含有广告信息", "{}", choices.body);
});
