//! `/api/v1/sync`, the device queue's way home, over HTTP on both databases: each operation once,
//! a result per operation, refusals in words without stopping the rest, versions checked.

use crate::support::{both_backends, with_demo_accounts, TestServer, NOW};

async fn sync(server: &TestServer, token: Option<&str>, body: serde_json::Value) -> (u16, serde_json::Value) {
    let mut request = server.client.post(server.url("/api/v1/sync")).json(&body);
    if let Some(token) = token {
        request = request.bearer_auth(token);
    }
    let response = request.send().await.expect("request");
    let status = response.status().as_u16();
    (status, response.json().await.unwrap_or(serde_json::Value::Null))
}

async fn parent_with_child(server: &TestServer, phone: &str) -> (String, i64) {
    let mut cookies = server.sign_in_parent(phone).await;
    assert_eq!(server.call(&mut cookies, "give_consent", &[]).await.status, 200);
    let added = server
        .call(
            &mut cookies,
            "add_child",
            &[("input[name]", "小禾"), ("input[birth_date]", "2025-06-15"), ("input[sex]", "female"), ("input[relation]", "mother"), ("input[id_number]", "")],
        )
        .await;
    (cookies.0.get("tuoyu_session").cloned().expect("session"), added.body["id"].as_i64().expect("child"))
}

fn apply_op(op_id: &str, child: i64) -> serde_json::Value {
    serde_json::json!({ "v": 1, "op_id": op_id, "kind": "application.apply", "payload": { "child_id": child, "facility_id": 1, "start_month": "2027-01" } })
}

#[derive(sqlx::FromRow)]
struct N {
    n: i64,
}

both_backends!(a_queue_syncs_once_per_operation_with_a_result_each, |store| {
    with_demo_accounts(&store).await;
    store.db().execute("file", "UPDATE facilities SET filing_status = 'filed' WHERE id = 1", app::args![]).await.expect("file");
    store
        .db()
        .execute(
            "one free place",
            "INSERT INTO classes (facility_id, level, filed_capacity, staffed_capacity, enrolled, enrolled_direct, held, monthly_fee, updated_at) VALUES (1, 'toddler', 6, 6, 5, 5, 0, 2000, $1) \
             ON CONFLICT (facility_id, level) DO UPDATE SET filed_capacity = 6, staffed_capacity = 6, enrolled = 5, enrolled_direct = 5, held = 0, updated_at = $1",
            app::args![NOW.0],
        )
        .await
        .expect("class");
    let server = TestServer::start(store.clone()).await;
    let (token, child) = parent_with_child(&server, "13900000201").await;
    let (other_token, other_child) = parent_with_child(&server, "13900000202").await;
    let first = uuid::Uuid::new_v4().to_string();
    let second = uuid::Uuid::new_v4().to_string();
    let body = serde_json::json!({
        "version": 1,
        "operations": [
            apply_op(&first, child),
            apply_op(&uuid::Uuid::new_v4().to_string(), other_child),
            { "v": 99, "op_id": uuid::Uuid::new_v4().to_string(), "kind": "application.apply", "payload": {} },
            "not an operation",
            { "v": 1, "op_id": uuid::Uuid::new_v4().to_string(), "kind": "rocket.launch", "payload": {} },
            { "v": 1, "op_id": uuid::Uuid::new_v4().to_string(), "kind": "application.apply", "payload": { "child_id": "someone" } },
        ]
    });
    let (status, answer) = sync(&server, Some(&token), body).await;
    assert_eq!(status, 200, "{answer}");
    let outcomes: Vec<&str> = answer["results"].as_array().expect("results").iter().map(|r| r["outcome"].as_str().unwrap_or_default()).collect();
    assert_eq!(outcomes, vec!["applied", "refused", "refused", "refused", "refused", "refused"], "{answer}");
    assert!(answer["results"][0]["result"]["Offered"].is_object(), "the first took the free place");
    assert!(answer["results"][2]["message"].as_str().is_some_and(|m| m.contains("太旧")), "{answer}");
    assert!(answer["results"][1]["message"].as_str().is_some_and(|m| !m.is_empty()), "someone else's child is refused in words");

    // The same queue sent again (two tabs, or a sync cut off after the commit): nothing new.
    let (_, again) = sync(&server, Some(&token), serde_json::json!({ "version": 1, "operations": [apply_op(&first, child)] })).await;
    assert_eq!(again["results"][0]["result"], answer["results"][0]["result"], "a replay answers the first result");
    let count: N = store.db().fetch_one("count", "SELECT COUNT(*) AS n FROM applications", app::args![]).await.expect("count");
    assert_eq!(count.n, 1, "exactly one application");

    // The other family's own queue: waitlisted behind the first, one result.
    let (_, theirs) = sync(&server, Some(&other_token), serde_json::json!({ "version": 1, "operations": [apply_op(&second, other_child)] })).await;
    assert_eq!(theirs["results"][0]["outcome"], "applied", "{theirs}");
    assert_eq!(theirs["results"][0]["result"]["Waitlisted"]["position"], 1);
    // Replaying another account's operation id is refused.
    let (_, stolen) = sync(&server, Some(&token), serde_json::json!({ "version": 1, "operations": [apply_op(&second, other_child)] })).await;
    assert_eq!(stolen["results"][0]["outcome"], "refused", "{stolen}");

    let (status, old) = sync(&server, Some(&token), serde_json::json!({ "version": 7, "operations": [] })).await;
    assert_eq!(status, 422, "{old}");
    assert!(old["message"].as_str().is_some_and(|m| m.contains("太旧")));
    let (status, _) = sync(&server, None, serde_json::json!({ "version": 1, "operations": [] })).await;
    assert_eq!(status, 401);
    let count: N = store.db().fetch_one("count", "SELECT COUNT(*) AS n FROM applications", app::args![]).await.expect("count");
    assert_eq!(count.n, 2);
});
