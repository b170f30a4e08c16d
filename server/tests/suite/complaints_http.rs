//! Complaints over HTTP (`/api/v1`), on both databases: anonymous filing with a photo (its
//! metadata gone), tracking with code and password (a wrong password answers like an unknown
//! code, and tries are limited), refusals in words with nothing stored, the routed department
//! handling it while another department and the facility see only their part, and the verdict.

use data_encoding::BASE64;
use serde_json::json;

use crate::booking::{api, op};
use crate::support::{both_backends, with_demo_accounts, TestServer, NOW};

const FACILITY: i64 = 1;

/// A small JPEG carrying an Exif segment with a recognisable "location".
fn photo_with_location() -> Vec<u8> {
    let picture = image::RgbImage::from_fn(40, 30, |x, y| image::Rgb([(x * 6) as u8, (y * 8) as u8, 90]));
    let mut jpeg = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut jpeg, 90).encode_image(&picture).expect("encode");
    let payload = b"Exif\0\0GPS secret-location-29.72N";
    let mut out = jpeg[..2].to_vec();
    out.extend_from_slice(&[0xFF, 0xE1]);
    out.extend_from_slice(&((payload.len() + 2) as u16).to_be_bytes());
    out.extend_from_slice(payload);
    out.extend_from_slice(&jpeg[2..]);
    out
}

fn food_complaint() -> serde_json::Value {
    json!({ "kind": "complaint", "category": "food", "facility_id": FACILITY, "occurred_on": "2026-11-28", "description": "午饭的米饭没有煮熟，孩子回家肚子疼。" })
}

async fn complaints_stored(server: &TestServer) -> i64 {
    let row: app::store::db::CountRow = server.store.db().fetch_one("count", "SELECT COUNT(*) AS n FROM complaints", app::args![]).await.expect("count");
    row.n
}

fn reason(body: &serde_json::Value) -> Option<&str> {
    body["error"]["detail"]["reason"].as_str()
}

both_backends!(an_anonymous_complaint_is_filed_tracked_handled_and_answered, |store| {
    with_demo_accounts(&store).await;
    let server = TestServer::start(store.clone()).await;

    // Bad input: 4xx in words, nothing stored.
    let mut short = food_complaint();
    short["description"] = json!("太差了");
    for (complaint, photos, status, why) in [
        (short, json!([]), 422, "description_too_short"),
        (json!({ "kind": "complaint", "category": "weather", "facility_id": FACILITY, "occurred_on": "2026-11-28", "description": "午饭的米饭没有煮熟，孩子回家肚子疼。" }), json!([]), 422, "unknown_category"),
        (json!({ "kind": "complaint", "category": "food", "facility_id": 999999, "occurred_on": "2026-11-28", "description": "午饭的米饭没有煮熟，孩子回家肚子疼。" }), json!([]), 422, "unknown_facility"),
        (food_complaint(), json!([BASE64.encode(b"%PDF-1.7 a document")]), 422, "not_a_photo"),
        (food_complaint(), json!(["a", "b", "c", "d"]), 422, "too_many_photos"),
    ] {
        let (code, body, _) = api(&server, None, "POST", "/api/v1/complaints", Some(json!({ "op_id": op(), "complaint": complaint, "photos": photos })), "zh-CN").await;
        assert_eq!((code, reason(&body)), (status, Some(why)), "{body}");
        assert!(!body["message"].as_str().expect("words").is_empty());
    }
    let (_, body, _) = api(&server, None, "POST", "/api/v1/complaints", Some(json!({ "op_id": op(), "complaint": food_complaint(), "photos": [BASE64.encode(b"GIF89a")] })), "en").await;
    assert!(body["message"].as_str().expect("words").contains("JPEG"), "{body}");
    assert_eq!(complaints_stored(&server).await, 0, "nothing stored");

    // Filed anonymously with a photo; a replay gives the same code and password.
    let filing = json!({ "op_id": op(), "complaint": food_complaint(), "photos": [BASE64.encode(&photo_with_location())] });
    let (status, filed, _) = api(&server, None, "POST", "/api/v1/complaints", Some(filing.clone()), "zh-CN").await;
    assert_eq!(status, 200, "{filed}");
    let (_, again, _) = api(&server, None, "POST", "/api/v1/complaints", Some(filing), "zh-CN").await;
    assert_eq!(again, filed, "a replay answers the same");
    assert_eq!(complaints_stored(&server).await, 1);
    let code = filed["code"].as_str().expect("code").to_string();
    let password = filed["password"].as_str().expect("password").to_string();
    assert!(code.starts_with("TS-26-") && password.len() == 6, "{filed}");

    // Tracking: the right pair shows the timeline; a wrong password and an unknown code answer alike.
    let track = |code: String, password: String| {
        let server = &server;
        async move { api(server, None, "POST", "/api/v1/complaints/track", Some(json!({ "code": code, "password": password })), "zh-CN").await }
    };
    let (status, tracked, _) = track(code.to_lowercase().replace('-', " "), password.clone()).await;
    assert_eq!(status, 200, "{tracked}");
    assert_eq!(tracked["state"], "dispatched");
    assert_eq!(tracked["departments"], json!(["market"]));
    assert!(tracked["photos"].as_array().expect("photos").is_empty(), "the family view lists no photos");
    let wrong = if password == "000000" { "111111" } else { "000000" };
    let (wrong_status, wrong_body, _) = track(code.clone(), wrong.into()).await;
    let (unknown_status, unknown_body, _) = track("TS-26-ZZZZZZ".into(), wrong.into()).await;
    assert_eq!((wrong_status, unknown_status), (422, 422));
    assert_eq!(wrong_body, unknown_body, "no way to tell a code exists");
    for _ in 0..4 {
        track(code.clone(), wrong.into()).await;
    }
    let (status, _, _) = track(code.clone(), wrong.into()).await;
    assert_eq!(status, 429, "five wrong passwords in ten minutes, then wait");
    server.advance(601);

    // The routed department handles it; the fire department and the facility see their part.
    let market = server.sign_in_staff("demo-market").await;
    let market = market.0.get("tuoyu_session").cloned().expect("market session");
    let fire = server.sign_in_staff("demo-fire").await.0.get("tuoyu_session").cloned().expect("fire session");
    let operator = server.sign_in_staff("demo-operator-1").await.0.get("tuoyu_session").cloned().expect("operator session");
    let (_, inbox, _) = api(&server, Some(&market), "GET", "/api/v1/staff/complaints", None, "zh-CN").await;
    let id = inbox[0]["id"].as_i64().expect("in the market inbox");
    let (_, fire_inbox, _) = api(&server, Some(&fire), "GET", "/api/v1/staff/complaints", None, "zh-CN").await;
    assert_eq!(fire_inbox, json!([]));
    let (status, _, _) = api(&server, Some(&fire), "GET", &format!("/api/v1/staff/complaints/{id}"), None, "zh-CN").await;
    assert_eq!(status, 404);
    let (status, photo, headers) = api(&server, Some(&market), "GET", &format!("/api/v1/staff/complaints/{id}/photos/1"), None, "zh-CN").await;
    assert_eq!((status, headers.get("content-type").and_then(|v| v.to_str().ok())), (200, Some("image/jpeg")));
    let stored_photo = store.complaint_photo(id, 1).await.expect("photo").expect("stored").1;
    assert!(!stored_photo.windows(15).any(|w| w == b"secret-location"), "metadata gone");
    assert!(!photo.to_string().is_empty());
    let (status, _, _) = api(&server, Some(&operator), "GET", &format!("/api/v1/staff/complaints/{id}/photos/1"), None, "zh-CN").await;
    assert_eq!(status, 404, "photos are for the departments only");
    let (_, seen_by_operator, _) = api(&server, Some(&operator), "GET", &format!("/api/v1/staff/complaints/{id}"), None, "zh-CN").await;
    assert_eq!(seen_by_operator["timeline"], json!([]), "the operator sees no handling");

    let step = |session: String, body: serde_json::Value| {
        let server = &server;
        async move { api(server, Some(&session), "POST", &format!("/api/v1/staff/complaints/{id}/steps"), Some(json!({ "op_id": op(), "step": body })), "zh-CN").await }
    };
    let (status, body, _) = step(market.clone(), json!({ "action": "reply", "text": "已处理" })).await;
    assert_eq!((status, reason(&body)), (422, Some("not_in_this_state")), "{body}");
    let (status, body, _) = step(market.clone(), json!({ "action": "dispatch", "departments": ["fire"] })).await;
    assert_eq!((status, reason(&body)), (403, Some("not_your_step")), "only the lead dispatches: {body}");
    assert_eq!(step(market.clone(), json!({ "action": "accept" })).await.0, 200);
    let (status, answered, _) = step(market.clone(), json!({ "action": "reply", "text": "已现场检查，责令机构整改食堂操作流程。" })).await;
    assert_eq!((status, answered["state"].as_str()), (200, Some("replied")), "{answered}");

    // The family sees the answer and gives its verdict.
    let (_, tracked, _) = track(code.clone(), password.clone()).await;
    assert_eq!(tracked["reply"], "已现场检查，责令机构整改食堂操作流程。");
    assert!(tracked["verdict_open_until"].as_i64().is_some_and(|until| until > NOW.0));
    let verdict = json!({ "op_id": op(), "code": code, "password": password, "verdict": "satisfied" });
    let (status, body, _) = api(&server, None, "POST", "/api/v1/complaints/verdict", Some(verdict), "zh-CN").await;
    assert_eq!((status, body["verdict"].as_str()), (200, Some("satisfied")), "{body}");
});

both_backends!(a_signed_in_family_finds_its_complaints_and_staff_cannot_file, |store| {
    with_demo_accounts(&store).await;
    let server = TestServer::start(store.clone()).await;
    let parent = server.sign_in_parent("13900000311").await;
    let token = parent.0.get("tuoyu_session").cloned().expect("session");
    let (status, filed, _) = api(&server, Some(&token), "POST", "/api/v1/complaints", Some(json!({ "op_id": op(), "complaint": food_complaint() })), "zh-CN").await;
    assert_eq!(status, 200, "{filed}");
    assert_eq!(filed["password"], serde_json::Value::Null, "signed in: no password needed");
    let (_, mine, _) = api(&server, Some(&token), "GET", "/api/v1/me/complaints", None, "zh-CN").await;
    assert_eq!(mine[0]["code"], filed["code"]);
    let other = server.sign_in_parent("13900000312").await.0.get("tuoyu_session").cloned().expect("session");
    let (_, theirs, _) = api(&server, Some(&other), "GET", "/api/v1/me/complaints", None, "zh-CN").await;
    assert_eq!(theirs, json!([]), "another family sees none of it");
    let (status, body, _) = api(&server, Some(&other), "POST", "/api/v1/complaints/track", Some(json!({ "code": filed["code"], "password": "123456" })), "zh-CN").await;
    assert_eq!((status, reason(&body)), (422, Some("tracking_mismatch")));

    let health = server.sign_in_staff("demo-health").await.0.get("tuoyu_session").cloned().expect("session");
    let (status, body, _) = api(&server, Some(&health), "POST", "/api/v1/complaints", Some(json!({ "op_id": op(), "complaint": food_complaint() })), "en").await;
    assert_eq!((status, reason(&body)), (403, Some("staff_cannot_file")), "{body}");
    let (_, published, _) = api(&server, None, "GET", &format!("/api/v1/facilities/{FACILITY}/complaints"), None, "zh-CN").await;
    assert_eq!(published["count"], 0, "nothing verified yet");
});
