//! Limits that must hold under parallel requests, and small answers a review found wrong:
//! sign-in code tries are counted before the comparison in one statement, the rate limiter is
//! one conditional upsert, a signed-out "mark read" is a 401, and a page view does not write
//! the session row more than once a minute.

use crate::support::{both_backends, with_demo_accounts, Cookies, TestServer};

const PARENT: &str = "13900000031";

#[derive(sqlx::FromRow, Debug, PartialEq)]
struct CodeState {
    attempts: i64,
    spent: i64,
}

async fn code_state(server: &TestServer, phone: &str) -> CodeState {
    server
        .store
        .db()
        .fetch_one(
            "read code state",
            "SELECT attempts, CAST(CASE WHEN used_at IS NULL THEN 0 ELSE 1 END AS BIGINT) AS spent FROM login_codes WHERE phone = $1 ORDER BY id DESC LIMIT 1",
            app::args![phone],
        )
        .await
        .expect("code state")
}

both_backends!(fifty_parallel_wrong_guesses_get_five_comparisons_and_then_the_code_is_locked, |store| {
    with_demo_accounts(&store).await;
    let server = std::sync::Arc::new(TestServer::start(store).await);
    let mut cookies = Cookies::default();
    assert_eq!(server.call(&mut cookies, "request_login_code", &[("phone", PARENT)]).await.status, 200);
    let code = server.inbox_code(PARENT).await;
    let mut guesses = tokio::task::JoinSet::new();
    for i in 0..50u32 {
        let server = server.clone();
        let guess = format!("{:06}", (code.parse::<u32>().expect("digits") + 1 + i) % 1_000_000);
        guesses.spawn(async move {
            let mut cookies = Cookies::default();
            let answer = server.call(&mut cookies, "verify_login_code", &[("phone", PARENT), ("code", &guess)]).await;
            (answer.status, answer.body["code"].as_str().unwrap_or_default().to_string())
        });
    }
    let mut answers = Vec::new();
    while let Some(answer) = guesses.join_next().await {
        answers.push(answer.expect("guess task"));
    }
    // Thirty checks per address per ten minutes: exactly thirty got through, however parallel.
    let limited = answers.iter().filter(|(status, _)| *status == 429).count();
    assert_eq!(limited, 20, "{answers:?}");
    assert!(answers.iter().all(|(status, code)| *status == 429 || (*status == 422 && code == "wrong_code")), "{answers:?}");
    assert_eq!(code_state(&server, PARENT).await, CodeState { attempts: 5, spent: 1 }, "five tries counted, then locked");
    // The right code no longer works (from a fresh address window, after ten minutes).
    server.advance(10 * 60 + 1);
    let mut late = Cookies::default();
    let right = server.call(&mut late, "verify_login_code", &[("phone", PARENT), ("code", &code)]).await;
    assert_eq!((right.status, right.body["code"].as_str()), (422, Some("wrong_code")));
});

both_backends!(parallel_code_requests_never_count_past_the_limit, |store| {
    with_demo_accounts(&store).await;
    let server = std::sync::Arc::new(TestServer::start(store).await);
    let mut sends = tokio::task::JoinSet::new();
    for _ in 0..12 {
        let server = server.clone();
        sends.spawn(async move { server.call(&mut Cookies::default(), "request_login_code", &[("phone", PARENT)]).await.status });
    }
    let mut statuses = Vec::new();
    while let Some(status) = sends.join_next().await {
        statuses.push(status.expect("send task"));
    }
    assert_eq!(statuses.iter().filter(|s| **s == 200).count(), 1, "one code a minute per phone: {statuses:?}");
    assert_eq!(statuses.iter().filter(|s| **s == 429).count(), 11, "{statuses:?}");
});

both_backends!(marking_notices_read_signed_out_is_a_401, |store| {
    with_demo_accounts(&store).await;
    let server = TestServer::start(store).await;
    let answer = server.call(&mut Cookies::default(), "mark_notices_read", &[]).await;
    assert_eq!(answer.status, 401, "{}", answer.body);
    assert_eq!(answer.body["code"], "unauthenticated");
});

both_backends!(a_page_view_refreshes_the_session_at_most_once_a_minute, |store| {
    with_demo_accounts(&store).await;
    let server = TestServer::start(store).await;
    let mut parent = server.sign_in_parent(PARENT).await;
    #[derive(sqlx::FromRow)]
    struct Seen {
        last_seen_at: i64,
    }
    let last_seen = || async {
        let seen: Seen = server.store.db().fetch_one("last seen", "SELECT MAX(last_seen_at) AS last_seen_at FROM sessions", app::args![]).await.expect("session");
        seen.last_seen_at
    };
    let signed_in_at = last_seen().await;
    server.advance(30);
    assert_eq!(server.read(&mut parent, "my_account", &[]).await.status, 200);
    assert_eq!(last_seen().await, signed_in_at, "no write within a minute");
    server.advance(31);
    assert_eq!(server.read(&mut parent, "my_account", &[]).await.status, 200);
    assert_eq!(last_seen().await, server.now().0, "refreshed after a minute");
});
