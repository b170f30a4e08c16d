//! Photos of a facility's place over HTTP on both databases: the operator uploads (re-encoded in
//! two sizes, metadata gone), a pending photo is seen by its operator and the health commission
//! only, the health commission publishes or rejects with a reason, families see the published
//! ones on the facility's record; at most 12 per facility; bad input refused with nothing stored.

use std::io::Cursor;

use image::codecs::jpeg::JpegEncoder;
use image::{Rgb, RgbImage};

use crate::booking::op;
use crate::support::{both_backends, with_demo_accounts, Cookies, TestServer};

/// A 640 × 480 JPEG with an Exif segment holding a made-up location.
fn photo_with_location() -> Vec<u8> {
    let picture = RgbImage::from_fn(640, 480, |x, y| Rgb([(x % 256) as u8, (y % 256) as u8, 120]));
    let mut jpeg = Vec::new();
    JpegEncoder::new_with_quality(&mut jpeg, 85).encode_image(&picture).expect("encode");
    let payload = b"Exif\0\0GPS 29.7200N 106.6300E secret-location";
    let mut out = jpeg[..2].to_vec();
    out.extend_from_slice(&[0xFF, 0xE1]);
    out.extend_from_slice(&((payload.len() + 2) as u16).to_be_bytes());
    out.extend_from_slice(payload);
    out.extend_from_slice(&jpeg[2..]);
    out
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

async fn call(server: &TestServer, cookies: &mut Cookies, endpoint: &str, form: &[(&str, String)]) -> (u16, serde_json::Value) {
    let form: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let answer = server.call(cookies, endpoint, &form).await;
    (answer.status, answer.body)
}

fn upload(bytes: &[u8], caption: &str, confirmed: bool) -> Vec<(&'static str, String)> {
    vec![
        ("op_id", op()),
        ("subject", "room".into()),
        ("caption", caption.into()),
        ("rule_confirmed", confirmed.to_string()),
        ("content", data_encoding::BASE64.encode(bytes)),
    ]
}

/// GET a photo with `cookies` (or none): status and bytes.
async fn fetch_photo(server: &TestServer, cookies: Option<&Cookies>, id: i64, size: &str) -> (u16, Vec<u8>, String) {
    let mut request = reqwest::Client::new().get(server.url(&format!("/api/v1/photos/{id}/{size}")));
    if let Some(cookies) = cookies {
        request = request.header("cookie", cookies.header());
    }
    let response = request.send().await.expect("request");
    let status = response.status().as_u16();
    let cache = response.headers().get("cache-control").and_then(|v| v.to_str().ok()).unwrap_or_default().to_string();
    (status, response.bytes().await.expect("body").to_vec(), cache)
}

async fn public_photos(server: &TestServer) -> Vec<serde_json::Value> {
    let (status, body) = server.get("/api/v1/facilities/1").await;
    assert_eq!(status, 200, "{body}");
    let detail: serde_json::Value = serde_json::from_str(&body).expect("json");
    detail["photos"].as_array().expect("photos").clone()
}

both_backends!(photos_are_cleaned_checked_and_then_public, |store| {
    with_demo_accounts(&store).await;
    let server = TestServer::start(store.clone()).await;
    let mut operator = server.sign_in_staff("demo-operator-1").await;
    let mut health = server.sign_in_staff("demo-health").await;
    let sent = photo_with_location();

    // Bad input: refused by field, nothing stored.
    for (form, expected) in [
        (upload(&sent, "活动室", false), "gallery_consent"),
        (upload(&sent, "室", true), "gallery_caption"),
        (upload(b"%PDF-1.4 not a photo", "活动室", true), "gallery_not_a_photo"),
    ] {
        let (status, body) = call(&server, &mut operator, "upload_facility_photo", &form).await;
        assert_eq!((status, body["detail"]["reason"].as_str()), (422, Some(expected)), "{body}");
    }
    assert!(store.facility_photos(1, false).await.expect("read").is_empty());

    // Uploaded once per operation id; stored in two sizes without the location.
    let form = upload(&sent, "朝南的活动室", true);
    let (status, id) = call(&server, &mut operator, "upload_facility_photo", &form).await;
    assert_eq!(status, 200, "{id}");
    assert_eq!(call(&server, &mut operator, "upload_facility_photo", &form).await, (200, id.clone()), "a replay adds nothing");
    let id = id.as_i64().expect("id");
    let (status, desktop, cache) = fetch_photo(&server, Some(&operator), id, "desktop").await;
    assert_eq!(status, 200);
    assert!(cache.contains("no-store"), "never kept by a cache: {cache}");
    assert!(!contains(&desktop, b"secret-location") && !contains(&desktop, b"Exif"));
    let decoded = image::ImageReader::new(Cursor::new(&desktop)).with_guessed_format().expect("format").decode().expect("a JPEG");
    assert_eq!((decoded.width(), decoded.height()), (640, 480), "smaller than the desktop size: kept");

    // Pending: not public, not for another operator or a family.
    assert!(public_photos(&server).await.is_empty());
    assert_eq!(fetch_photo(&server, None, id, "phone").await.0, 404);
    let other = server.sign_in_staff("demo-operator-2").await;
    assert_eq!(fetch_photo(&server, Some(&other), id, "phone").await.0, 404);
    assert_eq!(fetch_photo(&server, Some(&health), id, "phone").await.0, 200);
    let mut market = server.sign_in_staff("demo-market").await;
    let review = |decision: &str, reason: &str| vec![("op_id", op()), ("photo_id", id.to_string()), ("decision", decision.to_string()), ("reason", reason.to_string())];
    assert_eq!(call(&server, &mut market, "review_facility_photo", &review("publish", "")).await.0, 404, "only the health commission checks");
    let queue = server.read(&mut health, "photo_queue", &[]).await;
    assert_eq!(queue.body.as_array().map(|q| q.iter().any(|p| p["photo"]["id"].as_i64() == Some(id))), Some(true), "{}", queue.body);

    // Published: public, cacheable, on the facility's record; a decision is taken once.
    assert_eq!(call(&server, &mut health, "review_facility_photo", &review("publish", "")).await.0, 200);
    let (status, body) = call(&server, &mut health, "review_facility_photo", &review("reject", "重复")).await;
    assert_eq!((status, body["detail"]["reason"].as_str()), (409, Some("gallery_not_pending")), "{body}");
    let (status, _, cache) = fetch_photo(&server, None, id, "phone").await;
    assert_eq!((status, cache.as_str()), (200, "public, max-age=86400"));
    let listed = public_photos(&server).await;
    assert_eq!((listed.len(), listed[0]["caption"].as_str()), (1, Some("朝南的活动室")));

    // A rejected photo stays private with its reason and frees its place.
    let (_, second) = call(&server, &mut operator, "upload_facility_photo", &upload(&sent, "午睡室", true)).await;
    let second = second.as_i64().expect("id");
    let reject = vec![("op_id", op()), ("photo_id", second.to_string()), ("decision", "reject".to_string()), ("reason", " ".to_string())];
    assert_eq!(call(&server, &mut health, "review_facility_photo", &reject).await.1["detail"]["reason"].as_str(), Some("gallery_reason"));
    let reject = vec![("op_id", op()), ("photo_id", second.to_string()), ("decision", "reject".to_string()), ("reason", "画面中有幼儿正脸".to_string())];
    assert_eq!(call(&server, &mut health, "review_facility_photo", &reject).await.0, 200);
    let mine = server.read(&mut operator, "operator_photos", &[]).await.body;
    assert_eq!(mine["counted"].as_u64(), Some(1), "{mine}");
    let rejected = mine["photos"].as_array().expect("photos").iter().find(|p| p["id"].as_i64() == Some(second)).cloned().expect("listed");
    assert_eq!((rejected["state"].as_str(), rejected["reject_reason"].as_str()), (Some("Rejected"), Some("画面中有幼儿正脸")));
    assert_eq!(public_photos(&server).await.len(), 1);

    // At most 12 pending or published; removing one frees a place.
    for n in 2..=12 {
        let (status, body) = call(&server, &mut operator, "upload_facility_photo", &upload(&sent, &format!("活动室 {n}"), true)).await;
        assert_eq!(status, 200, "photo {n}: {body}");
    }
    let (status, body) = call(&server, &mut operator, "upload_facility_photo", &upload(&sent, "第十三张", true)).await;
    assert_eq!((status, body["detail"]["reason"].as_str()), (409, Some("gallery_limit")), "{body}");
    let remove = |photo: i64| vec![("op_id", op()), ("photo_id", photo.to_string())];
    let mut other = other;
    assert_eq!(call(&server, &mut other, "remove_facility_photo", &remove(id)).await.0, 404, "not another facility's");
    assert_eq!(call(&server, &mut operator, "remove_facility_photo", &remove(id)).await.0, 200);
    assert!(public_photos(&server).await.is_empty());
    assert_eq!(call(&server, &mut operator, "upload_facility_photo", &upload(&sent, "第十三张", true)).await.0, 200);
});
