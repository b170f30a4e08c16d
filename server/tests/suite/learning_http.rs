//! Activities and 问专家 over HTTP on both databases: who may publish, book, ask and answer;
//! bad input refused in words with a 4xx and nothing stored; the offline sync applying a
//! booking and a question once; experts never told who asked; the FAQ searchable.

use serde_json::json;

use crate::booking::{api, op};
use crate::support::{both_backends, with_demo_accounts, Cookies, TestServer};

async fn count(server: &TestServer, table: &str) -> i64 {
    #[derive(sqlx::FromRow)]
    struct N {
        n: i64,
    }
    let row: N = server.store.db().fetch_one("count rows", &format!("SELECT COUNT(*) AS n FROM {table}"), app::args![]).await.expect("count");
    row.n
}

/// Tomorrow at 10:00, China time, as the publish form sends it.
fn tomorrow_at_ten(server: &TestServer) -> String {
    let today = app::domain::calendar::CivilDate::in_china_at(server.now());
    format!("{}T10:00", today.plus_days(1))
}

fn activity_form<'a>(op_id: &'a str, host: &'a str, starts_at: &'a str, capacity: &'a str) -> Vec<(&'static str, &'a str)> {
    vec![
        ("input[op_id]", op_id),
        ("input[kind]", "talk"),
        ("input[host]", host),
        ("input[host_name]", "双凤桥街道社区卫生服务中心"),
        ("input[title]", "辅食添加入门讲座"),
        ("input[title_en]", "Starting solid foods"),
        ("input[place]", "三楼健康教育室"),
        ("input[age_from]", "4"),
        ("input[age_to]", "12"),
        ("input[starts_at]", starts_at),
        ("input[minutes]", "90"),
        ("input[capacity]", capacity),
    ]
}

fn session(cookies: &Cookies) -> String {
    cookies.0.get("tuoyu_session").cloned().expect("a session")
}

both_backends!(activities_are_published_by_their_hosts_and_booked_once_by_families, |store| {
    with_demo_accounts(&store).await;
    let server = TestServer::start(store.clone()).await;
    let mut health = server.sign_in_staff("demo-health").await;
    let mut operator = server.sign_in_staff("demo-operator-1").await;
    let starts = tomorrow_at_ten(&server);

    // Bad input and the wrong host: refused in words, nothing stored.
    for (by_operator, host, starts_at, capacity, status, reason) in [
        (true, "health_centre", starts.as_str(), "30", 403, "activity_host"),
        (false, "facility", starts.as_str(), "30", 403, "activity_host"),
        (false, "health_centre", "2020-01-01T10:00", "30", 422, "activity_time"),
        (false, "health_centre", "明天上午", "30", 422, "activity_time"),
        (false, "health_centre", starts.as_str(), "0", 422, "activity_capacity"),
    ] {
        let id = op();
        let who = if by_operator { &mut operator } else { &mut health };
        let answer = server.call(who, "publish_activity", &activity_form(&id, host, starts_at, capacity)).await;
        assert_eq!((answer.status, answer.body["detail"]["reason"].as_str()), (status, Some(reason)), "{host} {starts_at} {capacity}: {}", answer.body);
    }
    assert_eq!(count(&server, "activities").await, 0, "nothing stored on bad input");

    let published = server.call(&mut health, "publish_activity", &activity_form(&op(), "health_centre", &starts, "2")).await;
    assert_eq!(published.status, 200, "{}", published.body);
    let activity = published.body.as_i64().expect("activity id").to_string();

    // Everyone sees it; a parent books once (the replay answers the same booking).
    let mut nobody = Cookies::default();
    let list = server.read(&mut nobody, "activities", &[]).await;
    assert_eq!(list.status, 200, "{}", list.body);
    assert_eq!((list.body["activities"][0]["free"].as_u64(), list.body["may_book"].as_bool()), (Some(2), Some(false)), "{}", list.body);
    let mut parent = server.sign_in_parent("13900000711").await;
    let booking = op();
    let first = server.call(&mut parent, "book_activity", &[("op_id", booking.as_str()), ("activity_id", activity.as_str())]).await;
    assert_eq!(first.status, 200, "{}", first.body);
    let replay = server.call(&mut parent, "book_activity", &[("op_id", booking.as_str()), ("activity_id", activity.as_str())]).await;
    assert_eq!((replay.status, &replay.body), (200, &first.body));
    let again = server.call(&mut parent, "book_activity", &[("op_id", op().as_str()), ("activity_id", activity.as_str())]).await;
    assert_eq!((again.status, again.body["detail"]["reason"].as_str()), (422, Some("already_booked")), "{}", again.body);
    // Staff do not book.
    assert_eq!(server.call(&mut health, "book_activity", &[("op_id", op().as_str()), ("activity_id", activity.as_str())]).await.status, 404);

    // Through the offline sync: a second family's booking applied once however often it is
    // sent; a third finds it full, in Chinese or English.
    let second = server.sign_in_parent("13900000712").await;
    let queued = json!({ "version": 1, "operations": [{ "v": 1, "op_id": op(), "kind": "activity.book", "payload": { "activity_id": activity.parse::<i64>().expect("id") } }] });
    for _ in 0..2 {
        let (status, synced, _) = api(&server, Some(&session(&second)), "POST", "/api/v1/sync", Some(queued.clone()), "zh-CN").await;
        assert_eq!((status, synced["results"][0]["outcome"].as_str()), (200, Some("applied")), "{synced}");
    }
    let third = server.sign_in_parent("13900000713").await;
    let full = json!({ "version": 1, "operations": [{ "v": 1, "op_id": op(), "kind": "activity.book", "payload": { "activity_id": activity.parse::<i64>().expect("id") } }] });
    let (_, zh, _) = api(&server, Some(&session(&third)), "POST", "/api/v1/sync", Some(full.clone()), "zh-CN").await;
    assert_eq!(zh["results"][0]["outcome"], "refused", "{zh}");
    assert!(zh["results"][0]["message"].as_str().is_some_and(|m| !m.is_empty() && !m.is_ascii()), "{zh}");
    let (_, en, _) = api(&server, Some(&session(&third)), "POST", "/api/v1/sync", Some(full), "en").await;
    assert!(en["results"][0]["message"].as_str().is_some_and(|m| m.is_ascii() && !m.is_empty()), "{en}");
    assert_eq!(count(&server, "activity_bookings").await, 2);
    let mine = server.read(&mut parent, "activities", &[]).await;
    assert_eq!(mine.body["activities"][0]["my_booking"], first.body, "{}", mine.body);
    assert_eq!(mine.body["activities"][0]["free"].as_u64(), Some(0));
});

fn ask_form<'a>(op_id: &'a str, age: &'a str, text: &'a str, may_publish: &'a str) -> Vec<(&'static str, &'a str)> {
    vec![("input[op_id]", op_id), ("input[age_months]", age), ("input[topic]", "feeding"), ("input[text]", text), ("input[may_publish]", may_publish)]
}

both_backends!(families_ask_experts_answer_without_knowing_who_and_the_faq_shows_what_both_allowed, |store| {
    with_demo_accounts(&store).await;
    let expert_id = store.staff_by_username(app::demo::DEMO_EXPERT).await.expect("read").expect("demo expert").id;
    store.add_expert(expert_id, "儿童保健科主治医师").await.expect("expert");
    let server = TestServer::start(store.clone()).await;
    let mut parent = server.sign_in_parent("13900000721").await;
    let mut health = server.sign_in_staff("demo-health").await;

    // Bad questions and the wrong askers: refused in words, nothing stored.
    for (by_staff, age, text, status, reason) in [
        (false, "8", "怎么办", 422, "question_too_short"),
        (false, "40", "宝宝四十个月了还不爱吃饭怎么办", 422, "question_age_out_of_range"),
        (false, "", "宝宝八个月了还不爱吃饭怎么办", 422, "question_age_out_of_range"),
        (true, "8", "宝宝八个月了还不爱吃饭怎么办", 403, "parents_ask"),
    ] {
        let id = op();
        let who = if by_staff { &mut health } else { &mut parent };
        let answer = server.call(who, "ask_expert", &ask_form(&id, age, text, "true")).await;
        assert_eq!((answer.status, answer.body["detail"]["reason"].as_str()), (status, Some(reason)), "{age} {text}: {}", answer.body);
    }
    assert_eq!(count(&server, "expert_questions").await, 0, "nothing stored on bad input");

    // A question with a phone number in it: stored masked, due in 3 working days.
    let asked = server.call(&mut parent, "ask_expert", &ask_form(&op(), "8", "宝宝八个月，辅食吃几口就不吃了，我的电话13812345678", "true")).await;
    assert_eq!(asked.status, 200, "{}", asked.body);
    let question_id = asked.body["question_id"].as_i64().expect("question id");
    let mine = server.read(&mut parent, "my_questions", &[]).await;
    let text = mine.body[0]["question"].as_str().expect("question").to_string();
    assert!(text.contains("138****5678") && !text.contains("13812345678"), "{text}");
    // Asked offline: applied once however often the queue is sent.
    let queued = json!({ "version": 1, "operations": [{ "v": 1, "op_id": op(), "kind": "question.ask",
        "payload": { "age_months": "9", "topic": "care", "text": "宝宝九个月，晚上醒好几次，要不要喂夜奶？", "may_publish": false } }] });
    for _ in 0..2 {
        let (status, synced, _) = api(&server, Some(&session(&parent)), "POST", "/api/v1/sync", Some(queued.clone()), "zh-CN").await;
        assert_eq!((status, synced["results"][0]["outcome"].as_str()), (200, Some("applied")), "{synced}");
    }
    assert_eq!(count(&server, "expert_questions").await, 2);

    // Only experts see the inbox; it says nothing about who asked.
    let refused = server.read(&mut health, "expert_inbox", &[]).await;
    assert_eq!((refused.status, refused.body["detail"]["reason"].as_str()), (403, Some("experts_answer")), "{}", refused.body);
    assert_eq!(server.read(&mut parent, "expert_inbox", &[]).await.status, 403);
    let mut expert = server.sign_in_staff(app::demo::DEMO_EXPERT).await;
    let inbox = server.read(&mut expert, "expert_inbox", &[]).await;
    assert_eq!(inbox.status, 200, "{}", inbox.body);
    assert_eq!(inbox.body["open"].as_array().expect("open").len(), 2);
    let raw = inbox.body.to_string();
    assert!(!raw.contains("13900000721") && !raw.contains("account"), "the inbox names nobody: {raw}");

    // A short answer is refused; a real one is kept, once, and published (both allowed).
    let short = server.call(&mut expert, "answer_question", &[("op_id", op().as_str()), ("question_id", &question_id.to_string()), ("answer", "多喂点"), ("publish", "true")]).await;
    assert_eq!((short.status, short.body["detail"]["reason"].as_str()), (422, Some("answer_length")), "{}", short.body);
    let answer = "刚开始添加辅食时吃得少很常见，奶仍是主要食物。留意宝宝吃饱的信号，不要追着喂，体检时把体重增长告诉医生。";
    let answered = server.call(&mut expert, "answer_question", &[("op_id", op().as_str()), ("question_id", &question_id.to_string()), ("answer", answer), ("publish", "true")]).await;
    assert_eq!(answered.status, 200, "{}", answered.body);
    let twice = server.call(&mut expert, "answer_question", &[("op_id", op().as_str()), ("question_id", &question_id.to_string()), ("answer", answer), ("publish", "true")]).await;
    assert_eq!((twice.status, twice.body["detail"]["reason"].as_str()), (409, Some("already_answered")), "{}", twice.body);

    // The FAQ: the published answer, found by words and by pinyin initials; the private
    // question is not there.
    let mut nobody = Cookies::default();
    for words in ["辅食", "fs", ""] {
        let faq = server.read(&mut nobody, "expert_faq", &[("q", words)]).await;
        assert_eq!(faq.status, 200, "{}", faq.body);
        let ids: Vec<i64> = faq.body.as_array().expect("faq").iter().filter_map(|q| q["id"].as_i64()).collect();
        assert_eq!(ids, vec![question_id], "{words}: {}", faq.body);
    }
    let none = server.read(&mut nobody, "expert_faq", &[("q", "夜奶")]).await;
    assert_eq!(none.body.as_array().map(Vec::len), Some(0), "the asker did not allow it: {}", none.body);
    let notice = server.read(&mut parent, "my_bookings", &[]).await;
    assert!(notice.body.to_string().contains("question.answered"), "the asker is told: {}", notice.body);
});
