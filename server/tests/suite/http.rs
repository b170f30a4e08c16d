//! The real router on a free port with a fresh database: pages, status codes, bad input.

use crate::support::{both_backends, with_demo_data, TestServer};

/// The addresses shown on the list's cards.
fn card_addresses(html: &str) -> Vec<String> {
    html.split(r#"<p class="card-address">"#).skip(1).filter_map(|rest| rest.split("</p>").next()).map(str::to_string).collect()
}

both_backends!(the_home_page_is_served_in_chinese_with_demo_figures, |store| {
    with_demo_data(&store).await;
    let server = TestServer::start(store).await;
    let (status, html) = server.get("/").await;
    assert_eq!(status, 200);
    assert!(html.contains(r#"lang="zh-CN""#), "document language");
    assert!(html.contains("渝北托育"));
    assert!(html.contains("家托育机构"));
    assert!(html.contains("双龙湖"), "street links");
    assert!(html.contains("演示数据"), "demo data is labelled");
});

both_backends!(the_list_filters_by_street_and_searches_by_name, |store| {
    with_demo_data(&store).await;
    let server = TestServer::start(store).await;
    let (status, html) = server.get("/facilities?street=500112016").await;
    assert_eq!(status, 200);
    assert!(html.contains("符合条件的托育机构共"), "{html}");
    let addresses = card_addresses(&html);
    assert!(!addresses.is_empty());
    assert!(addresses.iter().all(|a| a.starts_with("两路街道")), "{addresses:?}");
    let (status, html) = server.get("/facilities?q=slh").await;
    assert_eq!(status, 200);
    assert!(html.contains("符合条件的托育机构共"));
    assert!(html.contains("双龙湖"));
});

both_backends!(a_facility_page_shows_its_classes_and_vacancies, |store| {
    with_demo_data(&store).await;
    let generated = app::demo::generate(app::demo::DEFAULT_SEED, app::demo::DEFAULT_FACILITIES, crate::support::NOW);
    let facility = &generated[0].facility;
    let server = TestServer::start(store).await;
    let (status, html) = server.get(&format!("/facilities/{}", facility.id)).await;
    assert_eq!(status, 200);
    assert!(html.contains(&facility.name));
    assert!(html.contains("班级与托位"));
    assert!(html.contains("备案托位"));
    // Inspections are recorded but not yet published: the page must not claim there are none.
    assert!(!html.contains("检查结果") && !html.contains("监督检查"), "nothing misleading about inspections");
});

both_backends!(unknown_or_malformed_facility_ids_answer_404, |store| {
    with_demo_data(&store).await;
    let server = TestServer::start(store).await;
    for path in ["/facilities/999999", "/facilities/abc", "/facilities/-1", "/facilities/99999999999999999999999"] {
        let (status, html) = server.get(path).await;
        assert_eq!(status, 404, "{path}");
        assert!(html.contains("页面不存在"), "{path}");
    }
});

both_backends!(an_unknown_path_gets_the_friendly_404_page, |store| {
    let server = TestServer::start(store).await;
    let (status, html) = server.get("/no/such/page").await;
    assert_eq!(status, 404);
    assert!(html.contains("页面不存在"));
    assert!(html.contains("回到首页"));
});

both_backends!(nonsense_query_parameters_are_ignored_with_a_notice_never_a_500, |store| {
    with_demo_data(&store).await;
    let server = TestServer::start(store).await;
    let (status, html) = server.get("/facilities?street=999&page=abc&q=%3Cscript%3Ealert(1)%3C%2Fscript%3E&x=%FF").await;
    assert_eq!(status, 200);
    assert!(html.contains("无法识别，已忽略"));
    assert!(!html.contains("<script>alert(1)"), "user text is escaped");
    let (status, html) = server.get("/facilities?page=999999").await;
    assert_eq!(status, 200);
    assert!(html.contains("第 6 / 6 页"), "absurd page numbers land on the last page");
});

both_backends!(health_check_reports_the_database, |store| {
    let backend = match store.backend() {
        app::store::Backend::Sqlite => "sqlite",
        app::store::Backend::Postgres => "postgres",
    };
    let server = TestServer::start(store).await;
    let response = server.client.get(server.url("/healthz")).send().await.expect("request");
    assert_eq!(response.status().as_u16(), 200);
    let body: serde_json::Value = response.json().await.expect("json");
    assert_eq!(body["status"], "ok");
    assert_eq!(body["database"], backend);
});

both_backends!(server_functions_answer_json_and_4xx_for_bad_requests, |store| {
    with_demo_data(&store).await;
    let server = TestServer::start(store).await;
    let response = server.client.get(server.url("/api/find?street=500112016")).send().await.expect("request");
    assert_eq!(response.status().as_u16(), 200);
    let page: serde_json::Value = response.json().await.expect("json");
    assert!(page["total"].as_u64().expect("total") > 0);
    assert_eq!(page["cards"].as_array().expect("cards").len() as u64, page["total"].as_u64().expect("total").min(20));

    let response = server.client.get(server.url("/api/find?view=map&near=29.718,106.632")).send().await.expect("request");
    let map: serde_json::Value = response.json().await.expect("json");
    assert_eq!(map["pins"].as_array().expect("pins").len() as u64, map["total"].as_u64().expect("total"));
    assert!(map["surroundings"]["facilities"].as_u64().is_some(), "the 15-minute circle is counted");

    let response = server.client.get(server.url("/api/facility?id=999999")).send().await.expect("request");
    assert_eq!(response.status().as_u16(), 404);
    let error: serde_json::Value = response.json().await.expect("json error");
    assert_eq!(error["code"], "not_found");

    let response = server.client.get(server.url("/api/facility?nonsense=1")).send().await.expect("request");
    assert_eq!(response.status().as_u16(), 400, "malformed arguments are the client's fault");
});

both_backends!(every_response_carries_a_request_id, |store| {
    let server = TestServer::start(store).await;
    let response = server.client.get(server.url("/healthz")).send().await.expect("request");
    assert!(response.headers().get("x-request-id").is_some());
});

both_backends!(english_readers_get_english_pages, |store| {
    with_demo_data(&store).await;
    let server = TestServer::start(store).await;
    let response = server.client.get(server.url("/facilities")).header("accept-language", "en-US,en;q=0.9").send().await.expect("request");
    let html = response.text().await.expect("body");
    assert!(html.contains(r#"lang="en""#), "document language");
    assert!(html.contains("Find childcare"));
    assert!(html.contains("facilities in the district"));
    // A chosen language wins over the browser's.
    let response = server.client.get(server.url("/")).header("accept-language", "en").header("cookie", "i18n_pref_locale=zh-CN").send().await.expect("request");
    assert!(response.text().await.expect("body").contains(r#"lang="zh-CN""#));
});

both_backends!(finder_corrections_are_explained_not_failed, |store| {
    with_demo_data(&store).await;
    let server = TestServer::start(store).await;
    let (status, html) = server.get("/facilities?birth=2099-01&fee_min=3000&fee_max=1000&near=999,999&sort=distance&within=3").await;
    assert_eq!(status, 200);
    assert!(html.contains("出生年月晚于本月"));
    assert!(html.contains("已为您对调"));
    assert!(html.contains("按距离查找需要先定位"));
});

both_backends!(a_facility_page_offers_navigation_in_gcj02_and_a_call, |store| {
    with_demo_data(&store).await;
    let server = TestServer::start(store).await;
    let (status, html) = server.get("/facilities/1").await;
    assert_eq!(status, 200);
    assert!(html.contains("https://uri.amap.com/marker?position="));
    assert!(html.contains("coordinate=gaode"));
    assert!(html.contains(r#"href="tel:0230"#));
    assert!(html.contains("保育人员持证率"));
    assert!(html.contains("暂无"), "no made-up staff figure");
});

both_backends!(concurrent_page_loads_all_complete, |store| {
    // Regression: under load, head elements were rendered after the page's reactive owner was
    // gone and a title closure panicked, dropping the response.
    with_demo_data(&store).await;
    let server = std::sync::Arc::new(TestServer::start(store).await);
    let paths = ["/", "/facilities", "/facilities?view=map", "/facilities/1", "/facilities/999999", "/facilities?near=29.718,106.632"];
    let mut tasks = Vec::new();
    for worker in 0..16 {
        let server = server.clone();
        tasks.push(tokio::spawn(async move {
            let mut statuses = Vec::new();
            for i in 0..12 {
                let path = paths[(worker + i) % paths.len()];
                let response = server.client.get(server.url(path)).send().await.expect("request completes");
                let status = response.status().as_u16();
                response.text().await.expect("body completes");
                statuses.push((path, status));
            }
            statuses
        }));
    }
    for task in tasks {
        for (path, status) in task.await.expect("join") {
            let expected = if path.ends_with("999999") { 404 } else { 200 };
            assert_eq!(status, expected, "{path}");
        }
    }
});

both_backends!(bodies_above_their_paths_limit_answer_413_declared_or_streamed, |store| {
    let server = TestServer::start(store).await;
    let big = vec![b'a'; 3 * 1024 * 1024];
    let client = reqwest::Client::new();
    // Declared: refused before the body is read.
    let declared = client.post(server.url("/api/publish_fee")).header("content-type", "application/x-www-form-urlencoded").body(big.clone()).send().await.expect("request");
    assert_eq!(declared.status().as_u16(), 413);
    // Streamed without a declared size (chunked): cut at the limit, still 413, never a 500.
    assert_eq!(chunked_status(&server.url(""), "/api/publish_fee", &big).await, 413);
    // A file upload path takes more than 2 MB (refused here for who is asking, not for size).
    let upload = client.post(server.url("/api/upload_facility_photo")).header("content-type", "application/x-www-form-urlencoded").body(big).send().await.expect("request");
    assert_ne!(upload.status().as_u16(), 413);
});

/// Sends `body` to `path` in 64 KiB chunks with no declared size, as a raw HTTP/1.1 request
/// (the server may answer and close before it is all sent), and returns the status.
async fn chunked_status(base: &str, path: &str, body: &[u8]) -> u16 {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let address = base.trim_start_matches("http://").trim_end_matches('/');
    let mut stream = tokio::net::TcpStream::connect(address).await.expect("connect");
    let head = format!("POST {path} HTTP/1.1\r\nHost: {address}\r\nContent-Type: application/x-www-form-urlencoded\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n");
    let mut sent = stream.write_all(head.as_bytes()).await;
    for chunk in body.chunks(64 * 1024) {
        if sent.is_err() {
            break;
        }
        sent = stream.write_all(format!("{:x}\r\n", chunk.len()).as_bytes()).await;
        if sent.is_ok() {
            sent = stream.write_all(chunk).await;
        }
        if sent.is_ok() {
            sent = stream.write_all(b"\r\n").await;
        }
    }
    if sent.is_ok() {
        let _ = stream.write_all(b"0\r\n\r\n").await;
    }
    let mut answer = Vec::new();
    // A reset after the answer is fine: what was read holds the status line.
    let _ = stream.read_to_end(&mut answer).await;
    let text = String::from_utf8_lossy(&answer);
    text.split_whitespace().nth(1).and_then(|code| code.parse().ok()).unwrap_or_else(|| panic!("no status in {text:?}"))
}
