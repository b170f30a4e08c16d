//! Accounts, sign-in, sessions, children and privacy, tested from the outside over HTTP on
//! both databases: a role × resource matrix, the code and TOTP flows, headers and cookies.

use crate::support::{both_backends, with_demo_accounts, Cookies, TestServer, NOW};

const PARENT_A: &str = "13900000001";
const PARENT_B: &str = "13900000002";
/// A made-up ID number with a correct check digit: born 2024-03-15, female.
const CHILD_ID_NUMBER: &str = "500112202403150025";

fn child_form(name: &str, birth: &str, id_number: &str) -> Vec<(&'static str, String)> {
    vec![
        ("input[name]", name.to_string()),
        ("input[birth_date]", birth.to_string()),
        ("input[sex]", "female".into()),
        ("input[relation]", "mother".into()),
        ("input[id_number]", id_number.to_string()),
    ]
}

async fn add_child(server: &TestServer, cookies: &mut Cookies, name: &str) -> i64 {
    let consent = server.call(cookies, "give_consent", &[]).await;
    assert_eq!(consent.status, 200, "{}", consent.body);
    let form = child_form(name, "2024-03-15", CHILD_ID_NUMBER);
    let fields: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let added = server.call(cookies, "add_child", &fields).await;
    assert_eq!(added.status, 200, "{}", added.body);
    added.body["id"].as_i64().expect("child id")
}

both_backends!(a_parent_signs_in_with_a_code_and_sees_only_masked_numbers, |store| {
    with_demo_accounts(&store).await;
    let server = TestServer::start(store).await;
    let mut cookies = server.sign_in_parent(PARENT_A).await;
    assert!(cookies.0.contains_key("tuoyu_session"));
    let me = server.read(&mut cookies, "my_account", &[]).await;
    assert_eq!(me.status, 200);
    assert_eq!(me.body["phone_masked"], "139****0001");
    add_child(&server, &mut cookies, "王小禾").await;
    let me = server.read(&mut cookies, "my_account", &[]).await;
    let text = me.body.to_string();
    assert!(!text.contains(PARENT_A), "the full phone number never reaches the browser");
    assert!(!text.contains(CHILD_ID_NUMBER), "nor the full ID number");
    assert_eq!(me.body["children"][0]["id_masked"], "500***********0025");
    // Pages render it masked as well.
    let page = server.client.get(server.url("/me")).header("cookie", cookies.header()).send().await.expect("page");
    let html = page.text().await.expect("html");
    assert!(html.contains("139****0001") && !html.contains(PARENT_A));
});

both_backends!(the_role_and_resource_matrix_holds, |store| {
    with_demo_accounts(&store).await;
    let server = TestServer::start(store).await;
    let mut parent_a = server.sign_in_parent(PARENT_A).await;
    let mut parent_b = server.sign_in_parent(PARENT_B).await;
    let mut operator_1 = server.sign_in_staff("demo-operator-1").await;
    let mut operator_2 = server.sign_in_staff("demo-operator-2").await;
    let mut health = server.sign_in_staff("demo-health").await;
    let mut fire = server.sign_in_staff("demo-fire").await;
    let mut admin = server.sign_in_staff("demo-admin").await;
    let mut anonymous = Cookies::default();

    // Children: only the parent who entered the child.
    let child_a = add_child(&server, &mut parent_a, "王小禾").await.to_string();
    for (who, cookies, expected) in [
        ("parent A", &mut parent_a, 200),
        ("parent B", &mut parent_b, 404),
        ("operator", &mut operator_1, 404),
        ("supervisor", &mut health, 404),
        ("admin", &mut admin, 404),
        ("anonymous", &mut anonymous, 401),
    ] {
        let read = server.read(cookies, "child", &[("id", &child_a)]).await;
        assert_eq!(read.status, expected, "{who} reads A's child");
        let mut form = child_form("改名", "2024-03-15", "");
        form.push(("id", child_a.clone()));
        let fields: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let update = server.call(cookies, "update_child", &fields).await;
        assert_eq!(update.status, expected, "{who} corrects A's child");
        if expected != 200 {
            let delete = server.call(cookies, "delete_child", &[("id", &child_a)]).await;
            assert_eq!(delete.status, expected, "{who} deletes A's child");
        }
    }
    let still_there = server.read(&mut parent_a, "child", &[("id", &child_a)]).await;
    assert_eq!(still_there.status, 200, "refused deletions changed nothing");
    let unknown = server.read(&mut parent_a, "child", &[("id", "987654")]).await;
    assert_eq!(unknown.status, 404, "an unknown id answers like a foreign one");

    // Facility figures: only the operator of that facility.
    let class_of_facility_1 = server.store.classes_of(&[1]).await.expect("classes")[0].clone();
    let class_id = class_of_facility_1.id.to_string();
    let staffed = class_of_facility_1.staffed_capacity.to_string();
    let enrolled = class_of_facility_1.enrolled.to_string();
    for (who, cookies, expected) in [
        ("operator 1", &mut operator_1, 200),
        ("operator 2", &mut operator_2, 404),
        ("parent", &mut parent_a, 404),
        ("supervisor", &mut fire, 404),
        ("admin", &mut admin, 404),
        ("anonymous", &mut anonymous, 401),
    ] {
        let op = uuid::Uuid::new_v4().to_string();
        let answer = server
            .call(cookies, "confirm_figures", &[("op_id", &op), ("class_id", &class_id), ("staffed_capacity", &staffed), ("enrolled", &enrolled)])
            .await;
        assert_eq!(answer.status, expected, "{who} confirms facility 1's figures: {}", answer.body);
    }

    // Administration: only the administrator.
    for (who, cookies, expected) in [
        ("admin", &mut admin, 200),
        ("supervisor", &mut health, 404),
        ("operator", &mut operator_1, 404),
        ("parent", &mut parent_a, 404),
        ("anonymous", &mut anonymous, 401),
    ] {
        assert_eq!(server.read(cookies, "staff_accounts", &[]).await.status, expected, "{who} lists staff");
        assert_eq!(server.read(cookies, "audit_log", &[]).await.status, expected, "{who} reads the audit log");
    }

    // Inspections belong to a department; the health commission reads all, others their own.
    let inspect = |facility: &'static str| {
        vec![("input[facility_id]", facility), ("input[inspected_on]", "2026-11-20"), ("input[result]", "fix"), ("input[note]", "消防通道堆放杂物")]
    };
    let recorded = server.call(&mut fire, "record_inspection", &inspect("1")).await;
    assert_eq!(recorded.status, 200, "{}", recorded.body);
    let fire_record = recorded.body["id"].as_i64().expect("id").to_string();
    assert_eq!(recorded.body["department"], "Fire");
    let health_record = server.call(&mut health, "record_inspection", &inspect("2")).await;
    assert_eq!(health_record.status, 200);
    let health_record = health_record.body["id"].as_i64().expect("id").to_string();
    // A market supervisor, created by the administrator for this test.
    let market_password = "青苗-river-Lantern-42";
    let created = server
        .call(
            &mut admin,
            "create_staff_account",
            &[
                ("input[kind]", "supervisor"),
                ("input[username]", "market-1"),
                ("input[display_name]", "市场监管员"),
                ("input[password]", market_password),
                ("input[department]", "market"),
            ],
        )
        .await;
    assert_eq!(created.status, 200, "{}", created.body);
    let mut market = Cookies::default();
    server.advance(31);
    let step = server.call(&mut market, "staff_sign_in", &[("username", "market-1"), ("password", market_password)]).await;
    let secret = step.body["Enrol"]["secret"].as_str().expect("enrol").to_string();
    let code = app::auth::totp::current_code(&secret, server.now().0).expect("code");
    assert_eq!(server.call(&mut market, "staff_second_factor", &[("code", &code)]).await.status, 200);
    let checks: [(&str, &mut Cookies, &String, u16); 7] = [
        ("fire reads its own", &mut fire, &fire_record, 200),
        ("health reads fire's", &mut health, &fire_record, 200),
        ("market reads fire's", &mut market, &fire_record, 404),
        ("operator reads fire's", &mut operator_1, &fire_record, 404),
        ("parent reads fire's", &mut parent_a, &fire_record, 404),
        ("anonymous reads fire's", &mut anonymous, &fire_record, 401),
        ("admin reads fire's", &mut admin, &fire_record, 404),
    ];
    for (who, cookies, record, expected) in checks {
        assert_eq!(server.read(cookies, "inspection", &[("id", record)]).await.status, expected, "{who}");
    }
    assert_eq!(server.read(&mut fire, "inspection", &[("id", &health_record)]).await.status, 404, "fire reads health's");
    let fire_list = server.read(&mut fire, "inspections", &[]).await;
    assert_eq!(fire_list.body.as_array().map(|a| a.len()), Some(1), "fire sees only its own");
    let health_list = server.read(&mut health, "inspections", &[]).await;
    assert_eq!(health_list.body.as_array().map(|a| a.len()), Some(2), "health sees all");
    assert_eq!(server.call(&mut operator_1, "record_inspection", &inspect("1")).await.status, 404);

    // Refusals are audited.
    let log = server.read(&mut admin, "audit_log", &[]).await;
    let log = log.body.to_string();
    assert!(log.contains("refused"));
    assert!(log.contains("sign_in.code"));
    assert!(!log.contains(PARENT_A), "no full phone numbers in the audit log");
});

both_backends!(sign_in_codes_expire_are_single_use_and_allow_five_tries, |store| {
    with_demo_accounts(&store).await;
    let server = TestServer::start(store).await;
    let mut cookies = Cookies::default();
    // Five wrong tries spend the code: the right one no longer works.
    assert_eq!(server.call(&mut cookies, "request_login_code", &[("phone", PARENT_A)]).await.status, 200);
    let code = server.inbox_code(PARENT_A).await;
    let wrong = if code == "000000" { "111111" } else { "000000" };
    for _ in 0..5 {
        let answer = server.call(&mut cookies, "verify_login_code", &[("phone", PARENT_A), ("code", wrong)]).await;
        assert_eq!(answer.status, 422);
        assert_eq!(answer.body["code"], "wrong_code");
    }
    assert_eq!(server.call(&mut cookies, "verify_login_code", &[("phone", PARENT_A), ("code", &code)]).await.status, 422);

    // A fresh code works once; used again it fails.
    server.advance(61);
    assert_eq!(server.call(&mut cookies, "request_login_code", &[("phone", PARENT_A)]).await.status, 200);
    let code = server.inbox_code(PARENT_A).await;
    assert_eq!(server.call(&mut cookies, "verify_login_code", &[("phone", PARENT_A), ("code", &code)]).await.status, 200);
    let mut other = Cookies::default();
    assert_eq!(server.call(&mut other, "verify_login_code", &[("phone", PARENT_A), ("code", &code)]).await.status, 422, "reuse refused");

    // Codes expire after ten minutes.
    server.advance(61);
    assert_eq!(server.call(&mut other, "request_login_code", &[("phone", PARENT_A)]).await.status, 200);
    let code = server.inbox_code(PARENT_A).await;
    server.advance(10 * 60 + 1);
    assert_eq!(server.call(&mut other, "verify_login_code", &[("phone", PARENT_A), ("code", &code)]).await.status, 422, "expired");

    // Malformed numbers: a clear 4xx.
    let bad = server.call(&mut other, "request_login_code", &[("phone", "12345")]).await;
    assert_eq!(bad.status, 422);
    assert_eq!(bad.body["detail"]["field"], "phone");
});

both_backends!(sending_codes_is_rate_limited_per_phone_and_per_address_even_with_a_forged_header, |store| {
    with_demo_accounts(&store).await;
    let server = TestServer::start(store).await;
    let mut cookies = Cookies::default();
    assert_eq!(server.call(&mut cookies, "request_login_code", &[("phone", PARENT_A)]).await.status, 200);
    let again = server.call(&mut cookies, "request_login_code", &[("phone", PARENT_A)]).await;
    assert_eq!(again.status, 429, "one code a minute per phone");
    assert!(again.body["detail"]["retry_after_s"].as_u64().is_some());
    // Twenty an hour per address, whatever X-Forwarded-For claims (no proxy is trusted).
    let mut statuses = Vec::new();
    for i in 0..22 {
        let phone = format!("1370000{i:04}");
        let response = server
            .client
            .post(server.url("/api/request_login_code"))
            .header("x-forwarded-for", format!("203.0.113.{i}"))
            .form(&[("phone", phone.as_str())])
            .send()
            .await
            .expect("request");
        statuses.push(response.status().as_u16());
    }
    assert_eq!(statuses.iter().filter(|s| **s == 200).count(), 19, "{statuses:?}");
    assert_eq!(*statuses.last().expect("last"), 429);
});

both_backends!(staff_enrol_a_second_factor_and_recovery_codes_work_once, |store| {
    with_demo_accounts(&store).await;
    let server = TestServer::start(store).await;
    let mut admin = server.sign_in_staff("demo-admin").await;
    let password = "青苗-river-Lantern-42";
    let created = server
        .call(
            &mut admin,
            "create_staff_account",
            &[("input[kind]", "operator"), ("input[username]", "op-new"), ("input[display_name]", "新机构管理员"), ("input[password]", password), ("input[facility_id]", "3")],
        )
        .await;
    assert_eq!(created.status, 200, "{}", created.body);
    assert_eq!(created.body["second_factor_enrolled"], false);

    let mut cookies = Cookies::default();
    let wrong = server.call(&mut cookies, "staff_sign_in", &[("username", "op-new"), ("password", "wrong-password-1")]).await;
    assert_eq!((wrong.status, wrong.body["code"].as_str()), (401, Some("wrong_credentials")));
    let unknown = server.call(&mut cookies, "staff_sign_in", &[("username", "nobody"), ("password", password)]).await;
    assert_eq!(unknown.body, wrong.body, "an unknown user gets the same answer");

    let first = server.call(&mut cookies, "staff_sign_in", &[("username", "op-new"), ("password", password)]).await;
    assert_eq!(first.status, 200, "{}", first.body);
    let secret = first.body["Enrol"]["secret"].as_str().expect("enrolment secret").to_string();
    assert!(first.body["Enrol"]["qr_svg"].as_str().is_some_and(|svg| svg.contains("<svg")));
    assert!(first.body["Enrol"]["otpauth_url"].as_str().is_some_and(|u| u.starts_with("otpauth://totp/")));
    let code = app::auth::totp::current_code(&secret, server.now().0).expect("code");
    let second = server.call(&mut cookies, "staff_second_factor", &[("code", &code)]).await;
    assert_eq!(second.status, 200, "{}", second.body);
    assert_eq!(second.body["next"], "/operator");
    let recovery: Vec<String> = second.body["recovery_codes"].as_array().expect("codes").iter().filter_map(|c| c.as_str().map(String::from)).collect();
    assert_eq!(recovery.len(), 10);
    assert_eq!(server.read(&mut cookies, "operator_overview", &[]).await.status, 200);

    // Next time: the password, then a recovery code instead of the app — once only.
    for (attempt, expected) in [(1, 200), (2, 422)] {
        let mut fresh = Cookies::default();
        server.advance(31);
        let step = server.call(&mut fresh, "staff_sign_in", &[("username", "op-new"), ("password", password)]).await;
        assert_eq!(step.body, serde_json::json!("Code"), "enrolled accounts are asked for a code");
        let answer = server.call(&mut fresh, "staff_second_factor", &[("code", &recovery[0])]).await;
        assert_eq!(answer.status, expected, "recovery code use {attempt}");
    }
    // A TOTP code cannot be used twice either.
    let mut again = Cookies::default();
    server.advance(31);
    server.call(&mut again, "staff_sign_in", &[("username", "op-new"), ("password", password)]).await;
    let code = app::auth::totp::current_code(&secret, server.now().0).expect("code");
    assert_eq!(server.call(&mut again, "staff_second_factor", &[("code", &code)]).await.status, 200);
    let mut replay = Cookies::default();
    server.call(&mut replay, "staff_sign_in", &[("username", "op-new"), ("password", password)]).await;
    assert_eq!(server.call(&mut replay, "staff_second_factor", &[("code", &code)]).await.status, 422);
});

both_backends!(repeated_wrong_passwords_slow_down_that_address_only, |store| {
    with_demo_accounts(&store).await;
    let server = TestServer::start(store).await;
    let mut cookies = Cookies::default();
    for _ in 0..5 {
        let answer = server.call(&mut cookies, "staff_sign_in", &[("username", "demo-admin"), ("password", "guess-guess-1")]).await;
        assert_eq!(answer.status, 401);
    }
    let blocked = server.call(&mut cookies, "staff_sign_in", &[("username", "demo-admin"), ("password", app::demo::DEMO_STAFF_PASSWORD)]).await;
    assert_eq!(blocked.status, 429, "the guessing address must wait");
    // The attacker's failures are keyed to their address: after the window the real person
    // signs in; and a password is never checked while blocked.
    server.advance(15 * 60 + 1);
    let ok = server.call(&mut cookies, "staff_sign_in", &[("username", "demo-admin"), ("password", app::demo::DEMO_STAFF_PASSWORD)]).await;
    assert_eq!(ok.status, 200);
});

both_backends!(sessions_end_at_sign_out_and_after_idle_time, |store| {
    with_demo_accounts(&store).await;
    let server = TestServer::start(store).await;
    let mut parent = server.sign_in_parent(PARENT_A).await;
    let stolen = parent.clone();
    let out = server.call(&mut parent, "sign_out", &[]).await;
    assert_eq!(out.status, 200);
    assert!(out.headers.get("clear-site-data").is_some_and(|v| v.to_str().unwrap_or_default().contains("storage")));
    let mut stolen = stolen;
    assert_eq!(server.read(&mut stolen, "child", &[("id", "1")]).await.status, 401, "the old cookie no longer works");

    // Staff sessions end after 30 idle minutes; parents' last a month.
    let mut admin = server.sign_in_staff("demo-admin").await;
    let mut parent = server.sign_in_parent(PARENT_B).await;
    server.advance(31 * 60);
    assert_eq!(server.read(&mut admin, "staff_accounts", &[]).await.status, 401);
    assert_eq!(server.read(&mut parent, "my_account", &[]).await.body["phone_masked"], "139****0002");
});

both_backends!(bad_child_input_is_refused_with_reasons_and_nothing_is_stored, |store| {
    with_demo_accounts(&store).await;
    let server = TestServer::start(store).await;
    let mut parent = server.sign_in_parent(PARENT_A).await;
    // Without consent nothing is stored.
    let form = child_form("王小禾", "2024-03-15", "");
    let fields: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let no_consent = server.call(&mut parent, "add_child", &fields).await;
    assert_eq!((no_consent.status, no_consent.body["code"].as_str()), (409, Some("consent_required")));
    server.call(&mut parent, "give_consent", &[]).await;
    for (name, birth, id_number, field) in [
        ("王小禾", "2027-01-01", "", "birth_date"),
        ("王小禾", "2019-01-01", "", "birth_date"),
        ("王小禾", "2024-03-15", "500112202403150026", "id_number"),
        ("<script>alert(1)</script>", "2024-03-15", "", "name"),
        ("很长的名字很长的名字很长的名字很长的名字很长", "2024-03-15", "", "name"),
    ] {
        let form = child_form(name, birth, id_number);
        let fields: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let answer = server.call(&mut parent, "add_child", &fields).await;
        assert_eq!(answer.status, 422, "{name} {birth} {id_number}");
        assert_eq!(answer.body["detail"]["problems"][0]["field"], field);
    }
    let me = server.read(&mut parent, "my_account", &[]).await;
    assert_eq!(me.body["children"].as_array().map(|c| c.len()), Some(0));
});

both_backends!(a_parent_can_download_and_delete_their_data, |store| {
    with_demo_accounts(&store).await;
    let server = TestServer::start(store).await;
    let mut parent = server.sign_in_parent(PARENT_A).await;
    add_child(&server, &mut parent, "王小禾").await;
    let op_id = uuid::Uuid::new_v4().to_string();
    let question = [("input[op_id]", op_id.as_str()), ("input[age_months]", "8"), ("input[topic]", "feeding"), ("input[text]", "宝宝八个月，辅食吃几口就不吃了怎么办"), ("input[may_publish]", "false")];
    assert_eq!(server.call(&mut parent, "ask_expert", &question).await.status, 200);
    let export = server.read(&mut parent, "export_my_data", &[]).await;
    assert_eq!(export.status, 200);
    assert!(export.headers.get("content-disposition").is_some_and(|v| v.to_str().unwrap_or_default().contains("attachment")));
    assert_eq!(export.body["account"]["phone"], PARENT_A, "the person's own download holds the full values");
    assert_eq!(export.body["children"][0]["id_number"], CHILD_ID_NUMBER);
    assert_eq!(export.body["consents"].as_array().map(|c| c.len()), Some(1));
    for part in ["bookings", "complaints", "expert_questions", "lesson_progress"] {
        assert!(!export.body[part].is_null(), "the download holds the family's {part}: {}", export.body);
    }
    assert!(export.body["expert_questions"][0]["question"].as_str().is_some_and(|q| q.contains("辅食")), "{}", export.body);

    let refused = server.call(&mut parent, "delete_my_account", &[("confirm", "false")]).await;
    assert_eq!(refused.status, 422);
    let deleted = server.call(&mut parent, "delete_my_account", &[("confirm", "true")]).await;
    assert_eq!(deleted.status, 200);
    assert_eq!(server.read(&mut parent, "my_account", &[]).await.body, serde_json::Value::Null, "signed out");
    // Signing in again with the same number starts a new, empty account.
    server.advance(61);
    let mut again = server.sign_in_parent(PARENT_A).await;
    let me = server.read(&mut again, "my_account", &[]).await;
    assert_eq!(me.body["children"].as_array().map(|c| c.len()), Some(0));
    assert_eq!(me.body["consent"], serde_json::Value::Null);
});

both_backends!(every_page_carries_the_security_headers, |store| {
    with_demo_accounts(&store).await;
    let server = TestServer::start(store).await;
    for path in ["/", "/facilities", "/facilities/1", "/login", "/privacy", "/no/such/page", "/healthz"] {
        let response = server.client.get(server.url(path)).send().await.expect("request");
        let header = |name: &str| response.headers().get(name).and_then(|v| v.to_str().ok()).unwrap_or_default().to_string();
        let csp = header("content-security-policy");
        assert!(csp.contains("'wasm-unsafe-eval'") && csp.contains("object-src 'none'"), "{path}: {csp}");
        assert!(csp.contains("base-uri 'none'") && csp.contains("frame-ancestors 'none'"), "{path}: {csp}");
        assert_eq!(header("x-content-type-options"), "nosniff", "{path}");
        assert!(!header("referrer-policy").is_empty(), "{path}");
        assert!(header("strict-transport-security").is_empty(), "no HSTS over plain http");
        if path != "/healthz" {
            let nonce = csp.split("'nonce-").nth(1).and_then(|rest| rest.split('\'').next()).expect("page CSP names a nonce");
            let html = response.text().await.expect("html");
            assert!(html.contains(&format!("nonce=\"{nonce}\"")), "{path}: scripts carry the nonce");
        }
    }
    // Personal responses are never cached.
    let mut parent = server.sign_in_parent(PARENT_A).await;
    let me = server.client.get(server.url("/me")).header("cookie", parent.header()).send().await.expect("page");
    assert_eq!(me.headers().get("cache-control").and_then(|v| v.to_str().ok()), Some("no-store"));
    let answer = server.read(&mut parent, "my_account", &[]).await;
    assert_eq!(answer.headers.get("cache-control").and_then(|v| v.to_str().ok()), Some("no-store"));
});

both_backends!(secure_deployments_use_host_prefixed_secure_cookies_and_hsts, |store| {
    with_demo_accounts(&store).await;
    let server = TestServer::start_with(store, &[("TUOYU_SECURE_COOKIES", "on")]).await;
    let mut cookies = Cookies::default();
    server.call(&mut cookies, "request_login_code", &[("phone", PARENT_A)]).await;
    let code = server.inbox_code(PARENT_A).await;
    let response = server.client.post(server.url("/api/verify_login_code")).form(&[("phone", PARENT_A), ("code", code.as_str())]).send().await.expect("request");
    let set_cookie = response.headers().get("set-cookie").and_then(|v| v.to_str().ok()).unwrap_or_default().to_string();
    assert!(set_cookie.starts_with("__Host-tuoyu_session="), "{set_cookie}");
    for flag in ["Secure", "HttpOnly", "SameSite=Lax", "Path=/"] {
        assert!(set_cookie.contains(flag), "{flag} in {set_cookie}");
    }
    assert!(!set_cookie.contains("Domain"), "__Host- cookies carry no Domain");
    assert!(response.headers().get("strict-transport-security").is_some());
});

both_backends!(a_cross_site_post_with_a_valid_session_is_refused_and_changes_nothing, |store| {
    with_demo_accounts(&store).await;
    let server = TestServer::start(store).await;
    let mut parent = server.sign_in_parent(PARENT_A).await;
    let child = add_child(&server, &mut parent, "王小禾").await.to_string();
    for (origin_header, value) in [("origin", "https://evil.example"), ("sec-fetch-site", "cross-site")] {
        let response = server
            .client
            .post(server.url("/api/delete_child"))
            .header("cookie", parent.header())
            .header(origin_header, value)
            .form(&[("id", child.as_str())])
            .send()
            .await
            .expect("request");
        assert_eq!(response.status().as_u16(), 403, "{origin_header}");
    }
    assert_eq!(server.read(&mut parent, "child", &[("id", &child)]).await.status, 200, "the child is still there");
    // The same request from the site itself goes through.
    let host = format!("http://{}", server.addr);
    let response = server
        .client
        .post(server.url("/api/delete_child"))
        .header("cookie", parent.header())
        .header("origin", host)
        .header("sec-fetch-site", "same-origin")
        .form(&[("id", child.as_str())])
        .send()
        .await
        .expect("request");
    assert_eq!(response.status().as_u16(), 200);
    let _ = NOW;
});
