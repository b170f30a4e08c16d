//! Filing (备案) over HTTP on both databases: an organisation registers (credit code checked,
//! text-message code, authenticator), fills its facts and uploads documents (type by content,
//! versions kept), submits; the health commission returns one item, the organisation fixes it and
//! submits again; the filing is accepted, the facility appears in the finder and the applicant
//! becomes its operator. Bad input is refused by field with nothing stored; nobody else sees a
//! filing or its documents.

use crate::booking::op;
use crate::support::{both_backends, with_demo_accounts, Cookies, TestServer};

const PHONE: &str = "13900000901";
/// A valid credit code (check character 9), and the same with its last character changed.
const CREDIT_CODE: &str = "91500112MA5U123459";
const WRONG_CREDIT_CODE: &str = "91500112MA5U123458";
/// A tiny PDF and PNG: only their first bytes matter to the type check.
const PDF: &[u8] = b"%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n";
const PNG: &[u8] = &[0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13];

fn b64(bytes: &[u8]) -> String {
    data_encoding::BASE64.encode(bytes)
}

async fn call(server: &TestServer, cookies: &mut Cookies, endpoint: &str, form: &[(&str, String)]) -> (u16, serde_json::Value) {
    let form: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let answer = server.call(cookies, endpoint, &form).await;
    (answer.status, answer.body)
}

fn registration(code: &str, credit_code: &str, username: &str) -> Vec<(&'static str, String)> {
    vec![
        ("op_id", op()),
        ("input[phone]", PHONE.into()),
        ("input[code]", code.into()),
        ("input[organisation]", "重庆小星星托育服务有限公司".into()),
        ("input[credit_code]", credit_code.into()),
        ("input[username]", username.into()),
        ("input[password]", "a-long-enough-secret".into()),
    ]
}

fn facts(filing_id: i64, infant_places: &str) -> Vec<(&'static str, String)> {
    vec![
        ("op_id", op()),
        ("filing_id", filing_id.to_string()),
        ("input[name]", "渝北区小星星托育园".into()),
        ("input[kind]", "nursery".into()),
        ("input[ownership]", "private".into()),
        ("input[inclusive]", "true".into()),
        ("input[unit_code]", "500112002".into()),
        ("input[address]", "双龙湖街道金港路 18 号".into()),
        ("input[lon]", "106.632".into()),
        ("input[lat]", "29.718".into()),
        ("input[phone]", "023-67001234".into()),
        ("input[opening_hours]", "周一至周五 7:30–18:00".into()),
        ("input[service_types][0]", "full_day".into()),
        ("input[classes][0][level]", "infant".into()),
        ("input[classes][0][capacity]", infant_places.into()),
        ("input[classes][1][level]", "toddler".into()),
        ("input[classes][1][capacity]", "15".into()),
        ("input[serves_meals]", "false".into()),
        ("input[legal_rep_name]", "王丽".into()),
        ("input[legal_rep_id]", "11010519491231002X".into()),
    ]
}

fn upload(filing_id: i64, item: &str, bytes: &[u8]) -> Vec<(&'static str, String)> {
    vec![("op_id", op()), ("filing_id", filing_id.to_string()), ("item", item.into()), ("file_name", format!("{item}.pdf")), ("content", b64(bytes))]
}

async fn my_filing(server: &TestServer, cookies: &mut Cookies) -> serde_json::Value {
    let answer = server.read(cookies, "my_filing", &[]).await;
    assert_eq!(answer.status, 200, "{}", answer.body);
    answer.body
}

/// Registers the organisation and signs it in with its new authenticator.
async fn register(server: &TestServer, username: &str) -> Cookies {
    let mut cookies = Cookies::default();
    let (status, body) = call(server, &mut cookies, "request_registration_code", &[("phone", PHONE.into())]).await;
    assert_eq!(status, 200, "{body}");
    let code = server.inbox_code(PHONE).await;
    let form = registration(&code, CREDIT_CODE, username);
    let (status, first) = call(server, &mut cookies, "register_organisation", &form).await;
    assert_eq!(status, 200, "{first}");
    // Sent again with the same operation id (an answer lost on the way): the code is spent, yet
    // the same password gets the same account's next step; another password does not.
    let other_password: Vec<(&str, String)> = form.iter().map(|(k, v)| (*k, if *k == "input[password]" { "another-long-secret".to_string() } else { v.clone() })).collect();
    let (status, body) = call(server, &mut Cookies::default(), "register_organisation", &other_password).await;
    assert_eq!(status, 401, "{body}");
    let (status, step) = call(server, &mut cookies, "register_organisation", &form).await;
    assert_eq!(status, 200, "{step}");
    let secret = step["Enrol"]["secret"].as_str().expect("an authenticator to enrol").to_string();
    let totp = app::auth::totp::current_code(&secret, server.now().0).expect("code");
    let (status, signed_in) = call(server, &mut cookies, "staff_second_factor", &[("code", totp)]).await;
    assert_eq!((status, signed_in["next"].as_str()), (200, Some("/filing")), "{signed_in}");
    cookies
}

both_backends!(an_organisation_registers_files_is_returned_fixes_and_is_filed, |store| {
    with_demo_accounts(&store).await;
    let server = TestServer::start(store.clone()).await;

    // Registration: a wrong check character or a wrong text-message code stores nothing.
    let mut anonymous = Cookies::default();
    let (status, body) = call(&server, &mut anonymous, "request_registration_code", &[("phone", PHONE.into())]).await;
    assert_eq!(status, 200, "{body}");
    let code = server.inbox_code(PHONE).await;
    let (status, body) = call(&server, &mut anonymous, "register_organisation", &registration(&code, WRONG_CREDIT_CODE, "xiaoxingxing")).await;
    assert_eq!((status, body["code"].as_str(), body["detail"]["problems"][0]["field"].as_str()), (422, Some("invalid"), Some("credit_code")), "{body}");
    let (status, body) = call(&server, &mut anonymous, "register_organisation", &registration("000000", CREDIT_CODE, "xiaoxingxing")).await;
    assert_eq!((status, body["code"].as_str()), (422, Some("wrong_code")), "{body}");
    assert!(store.staff_by_username("xiaoxingxing").await.expect("read").is_none(), "nothing stored");
    // A new code may be sent a minute later.
    server.advance(61);

    let mut applicant = register(&server, "xiaoxingxing").await;
    let account = store.staff_by_username("xiaoxingxing").await.expect("read").expect("registered");
    assert_eq!(store.filings_of_account(account.id).await.expect("filings").len(), 1, "registered once, with one draft");
    // Until the filing is accepted the account can do nothing else.
    assert_eq!(server.read(&mut applicant, "operator_fees", &[]).await.status, 404);
    let filing = my_filing(&server, &mut applicant).await;
    let filing_id = filing["id"].as_i64().expect("filing id");
    assert_eq!((filing["state"].as_str(), filing["missing"].as_array().map(Vec::len)), (Some("Draft"), Some(6)), "{filing}");

    // Facts: a class above the national standard is refused by field; then saved.
    let (status, body) = call(&server, &mut applicant, "save_filing_facts", &facts(filing_id, "11")).await;
    assert_eq!((status, body["detail"]["problems"][0]["field"].as_str()), (422, Some("classes")), "{body}");
    assert!(my_filing(&server, &mut applicant).await["facts"].is_null(), "nothing stored");
    let (status, body) = call(&server, &mut applicant, "save_filing_facts", &facts(filing_id, "10")).await;
    assert_eq!(status, 200, "{body}");
    let filing = my_filing(&server, &mut applicant).await;
    assert_eq!(filing["facts"]["legal_rep_id"].as_str(), Some("110***********002X"), "masked on screen: {filing}");

    // Documents: checked by content and size; a replay stores nothing twice; a new upload is a new version.
    let (status, body) = call(&server, &mut applicant, "upload_filing_material", &upload(filing_id, "fire_safety", b"just text, named .pdf")).await;
    assert_eq!((status, body["detail"]["reason"].as_str()), (422, Some("filing_file_type")), "{body}");
    let mut too_large = upload(filing_id, "fire_safety", b"");
    too_large[4].1 = "A".repeat(app::domain::filing::materials::MAX_MATERIAL_BYTES / 3 * 4 + 100);
    let (status, body) = call(&server, &mut applicant, "upload_filing_material", &too_large).await;
    assert_eq!((status, body["detail"]["reason"].as_str()), (422, Some("filing_file_too_large")), "{body}");
    let (status, body) = call(&server, &mut applicant, "upload_filing_material", &upload(filing_id, "facts", PDF)).await;
    assert_eq!((status, body["code"].as_str()), (422, Some("bad_input")), "facts are not a file: {body}");
    assert!(store.filing_materials(filing_id).await.expect("materials").is_empty(), "nothing stored");
    let first = upload(filing_id, "fire_safety", PDF);
    assert_eq!(call(&server, &mut applicant, "upload_filing_material", &first).await, (200, serde_json::json!(1)));
    assert_eq!(call(&server, &mut applicant, "upload_filing_material", &first).await, (200, serde_json::json!(1)), "a replay");
    assert_eq!(call(&server, &mut applicant, "upload_filing_material", &upload(filing_id, "fire_safety", PNG)).await, (200, serde_json::json!(2)));

    // Submitting with documents missing is refused; with all of them it goes to review.
    let submit = || vec![("op_id", op()), ("filing_id", filing_id.to_string())];
    let (status, body) = call(&server, &mut applicant, "submit_filing", &submit()).await;
    assert_eq!((status, body["detail"]["reason"].as_str()), (422, Some("filing_materials_missing")), "{body}");
    for item in ["registration_certificate", "premises_proof", "health_evaluation", "staff_certificates", "commitment"] {
        assert_eq!(call(&server, &mut applicant, "upload_filing_material", &upload(filing_id, item, PDF)).await.0, 200);
    }
    assert_eq!(call(&server, &mut applicant, "submit_filing", &submit()).await.0, 200);
    let filing = my_filing(&server, &mut applicant).await;
    assert_eq!((filing["state"].as_str(), filing["round"].as_i64()), (Some("Submitted"), Some(1)));
    let due = filing["review_due_at"].as_i64().expect("a deadline");
    assert_eq!(due, app::domain::filing::review_due(server.now(), 5).0);
    let (status, body) = call(&server, &mut applicant, "save_filing_facts", &facts(filing_id, "9")).await;
    assert_eq!((status, body["detail"]["reason"].as_str()), (409, Some("filing_not_editable")), "{body}");

    // Nobody else sees the filing or its documents; only the health commission reviews.
    let document = format!("/api/v1/filings/{filing_id}/materials/fire_safety/1");
    let mut operator = server.sign_in_staff("demo-operator-1").await;
    let mut fire = server.sign_in_staff("demo-fire").await;
    let mut health = server.sign_in_staff("demo-health").await;
    for cookies in [&mut operator, &mut fire] {
        assert_eq!(server.read(cookies, "filing", &[("id", &filing_id.to_string())]).await.status, 404);
        assert_eq!(server.read(cookies, "filing_queue", &[]).await.status, 404);
        let (status, _) = call(&server, cookies, "review_filing", &[("op_id", op()), ("filing_id", filing_id.to_string()), ("input[decision]", "accept".into())]).await;
        assert_eq!(status, 404);
    }
    let fetch = |cookies: &Cookies| {
        let request = reqwest::Client::new().get(server.url(&document)).header("cookie", cookies.header());
        async move { request.send().await.expect("request") }
    };
    assert_eq!(fetch(&operator).await.status().as_u16(), 404);
    let file = fetch(&health).await;
    assert_eq!((file.status().as_u16(), file.headers()["content-type"].to_str().ok()), (200, Some("application/pdf")));
    assert_eq!(file.bytes().await.expect("bytes").as_ref(), PDF);

    // The health commission returns the fire-safety document with a reason.
    let queue = server.read(&mut health, "filing_queue", &[]).await;
    assert!(queue.body.as_array().expect("queue").iter().any(|f| f["id"].as_i64() == Some(filing_id)), "{}", queue.body);
    let decide = |decision: &str, items: &[(&str, &str)], reason: &str| {
        let mut form = vec![("op_id", op()), ("filing_id", filing_id.to_string()), ("input[decision]", decision.to_string()), ("input[reason]", reason.to_string())];
        for (i, (item, why)) in items.iter().enumerate() {
            form.push((["input[items][0][item]", "input[items][1][item]"][i], item.to_string()));
            form.push((["input[items][0][reason]", "input[items][1][reason]"][i], why.to_string()));
        }
        form
    };
    let (status, body) = call(&server, &mut health, "review_filing", &decide("return", &[], "")).await;
    assert_eq!((status, body["detail"]["reason"].as_str()), (422, Some("filing_return_items")), "{body}");
    let (status, body) = call(&server, &mut health, "review_filing", &decide("return", &[("fire_safety", "消防验收证明已过期，请上传有效的证明")], "")).await;
    assert_eq!((status, body["state"].as_str()), (200, Some("Returned")), "{body}");
    let (status, body) = call(&server, &mut health, "review_filing", &decide("accept", &[], "")).await;
    assert_eq!((status, body["detail"]["reason"].as_str()), (409, Some("filing_wrong_state")), "a returned filing cannot be accepted: {body}");

    // The organisation sees the reason on the item, replaces the document and submits again.
    let filing = my_filing(&server, &mut applicant).await;
    assert_eq!(filing["state"].as_str(), Some("Returned"));
    assert_eq!(filing["returns"][0]["item"].as_str(), Some("FireSafety"), "{filing}");
    assert_eq!(call(&server, &mut applicant, "upload_filing_material", &upload(filing_id, "fire_safety", PDF)).await, (200, serde_json::json!(3)));
    assert_eq!(call(&server, &mut applicant, "submit_filing", &submit()).await.0, 200);
    assert_eq!(my_filing(&server, &mut applicant).await["round"].as_i64(), Some(2));

    // Accepted: a filing number, the facility listed with its facts, the applicant its operator.
    let (status, done) = call(&server, &mut health, "review_filing", &decide("accept", &[], "")).await;
    assert_eq!(status, 200, "{done}");
    let facility_id = done["facility_id"].as_i64().expect("a facility");
    let number = done["filing_number"].as_str().expect("a number").to_string();
    assert!(number.starts_with("渝北托备〔") && number.ends_with(&format!("{filing_id:05}号")), "{number}");
    let facility = store.facility(facility_id).await.expect("read").expect("listed");
    assert_eq!((facility.name.as_str(), facility.filing_number.as_deref()), ("渝北区小星星托育园", Some(number.as_str())));
    assert_eq!(facility.filing_status, app::domain::facility::FilingStatus::Filed);
    let classes = store.classes_of(&[facility_id]).await.expect("classes");
    assert_eq!(classes.iter().map(|c| (c.level.code(), c.filed_capacity, c.staffed_capacity)).collect::<Vec<_>>(), vec![("infant", 10, 0), ("toddler", 15, 0)]);
    let (status, page) = server.get(&format!("/api/v1/facilities/{facility_id}")).await;
    assert_eq!(status, 200, "{page}");
    assert_eq!(server.read(&mut applicant, "operator_fees", &[]).await.status, 200, "now the facility's operator");
    let filing = my_filing(&server, &mut applicant).await;
    assert_eq!((filing["state"].as_str(), filing["filing_number"].as_str()), (Some("Accepted"), Some(number.as_str())));
    let versions: Vec<i64> = filing["materials"].as_array().expect("materials").iter().filter(|m| m["item"] == "FireSafety").map(|m| m["version"].as_i64().unwrap_or(0)).collect();
    assert_eq!(versions, vec![1, 2, 3], "every version kept");

    // The new operator files a change of name; accepted, it keeps the facility's number.
    let (status, started) = call(&server, &mut applicant, "start_change_filing", &[("op_id", op())]).await;
    assert_eq!(status, 200, "{started}");
    let change_id = started.as_i64().expect("id");
    let shown = my_filing(&server, &mut applicant).await["facts"].clone();
    let (status, body) = call(&server, &mut applicant, "save_filing_facts", &facts_form(change_id, &shown, &[("input[name]", "渝北区小星星托育园（新址）"), ("input[legal_rep_id]", "")])).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(call(&server, &mut applicant, "submit_filing", &[("op_id", op()), ("filing_id", change_id.to_string())]).await.0, 200);
    let (status, done) = call(&server, &mut health, "review_filing", &[("op_id", op()), ("filing_id", change_id.to_string()), ("input[decision]", "accept".into())]).await;
    assert_eq!((status, done["filing_number"].as_str()), (200, Some(number.as_str())), "{done}");
    assert_eq!(store.facility(facility_id).await.expect("read").expect("facility").name, "渝北区小星星托育园（新址）");
});

/// The form fields for the facts shown in a filing view, with some replaced.
fn facts_form(filing_id: i64, shown: &serde_json::Value, replace: &[(&'static str, &str)]) -> Vec<(&'static str, String)> {
    let text = |key: &str| shown[key].as_str().unwrap_or_default().to_string();
    let mut form = vec![("op_id", op()), ("filing_id", filing_id.to_string())];
    for key in ["name", "kind", "ownership", "unit_code", "address", "lon", "lat", "phone", "opening_hours", "legal_rep_name", "legal_rep_id"] {
        let field: &'static str = Box::leak(format!("input[{key}]").into_boxed_str());
        form.push((field, text(key)));
    }
    form.push(("input[inclusive]", shown["inclusive"].to_string()));
    form.push(("input[serves_meals]", shown["serves_meals"].to_string()));
    for (i, service) in shown["service_types"].as_array().expect("services").iter().enumerate() {
        form.push((Box::leak(format!("input[service_types][{i}]").into_boxed_str()), service.as_str().unwrap_or_default().to_string()));
    }
    for (i, class) in shown["classes"].as_array().expect("classes").iter().enumerate() {
        form.push((Box::leak(format!("input[classes][{i}][level]").into_boxed_str()), class["level"].as_str().unwrap_or_default().to_string()));
        form.push((Box::leak(format!("input[classes][{i}][capacity]").into_boxed_str()), class["capacity"].as_str().unwrap_or_default().to_string()));
    }
    for (key, value) in replace {
        match form.iter_mut().find(|(k, _)| k == key) {
            Some(entry) => entry.1 = value.to_string(),
            None => form.push((key, value.to_string())),
        }
    }
    form
}

both_backends!(a_change_filing_changes_the_public_facts_only_once_accepted, |store| {
    with_demo_accounts(&store).await;
    let server = TestServer::start(store.clone()).await;
    let mut operator = server.sign_in_staff("demo-operator-1").await;
    let mut health = server.sign_in_staff("demo-health").await;
    let before = store.facility(1).await.expect("read").expect("facility 1");

    // One open change at a time; it starts from the public record (filed before filing went online).
    let (status, started) = call(&server, &mut operator, "start_change_filing", &[("op_id", op())]).await;
    assert_eq!(status, 200, "{started}");
    let filing_id = started.as_i64().expect("filing id");
    let (status, body) = call(&server, &mut operator, "start_change_filing", &[("op_id", op())]).await;
    assert_eq!((status, body["detail"]["reason"].as_str()), (409, Some("filing_already_open")), "{body}");
    let filing = my_filing(&server, &mut operator).await;
    assert_eq!((filing["kind"].as_str(), filing["id"].as_i64(), filing["missing"].as_array().map(Vec::len)), (Some("Change"), Some(filing_id), Some(0)), "{filing}");
    assert_eq!(filing["facts"]["name"].as_str(), Some(before.name.as_str()));
    let submit = || vec![("op_id", op()), ("filing_id", filing_id.to_string())];
    let (status, body) = call(&server, &mut operator, "submit_filing", &submit()).await;
    assert_eq!((status, body["detail"]["reason"].as_str()), (422, Some("filing_facts_missing")), "{body}");

    // A new name, and a 托小班 smaller than the children in it: the public record stays until a
    // decision, and the decision refuses to take places from children.
    let taken: u32 = store.classes_of(&[1]).await.expect("classes").iter().filter(|c| c.level.code() == "toddler").map(|c| c.enrolled + c.held).sum();
    assert!(taken > 0, "facility 1's 托小班 has children");
    let shown = filing["facts"].clone();
    let toddler_index = shown["classes"].as_array().expect("classes").iter().position(|c| c["level"] == "toddler").expect("a 托小班");
    let toddler_field: &'static str = Box::leak(format!("input[classes][{toddler_index}][capacity]").into_boxed_str());
    let too_small = (taken - 1).to_string();
    let renamed = [("input[name]", "渝北区改名后的托育园"), ("input[legal_rep_name]", "李明"), ("input[legal_rep_id]", "11010519491231002X"), (toddler_field, too_small.as_str())];
    let (status, body) = call(&server, &mut operator, "save_filing_facts", &facts_form(filing_id, &shown, &renamed)).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(call(&server, &mut operator, "submit_filing", &submit()).await.0, 200);
    assert_eq!(store.facility(1).await.expect("read").expect("facility").name, before.name, "unchanged until accepted");
    let decide = |decision: &str| vec![("op_id", op()), ("filing_id", filing_id.to_string()), ("input[decision]", decision.to_string()), ("input[reason]", String::new())];
    let (status, body) = call(&server, &mut health, "review_filing", &decide("accept")).await;
    assert_eq!((status, body["detail"]["reason"].as_str()), (422, Some("filing_capacity_below_taken")), "{body}");

    // Returned, fixed (places kept), accepted: the public record changes; the filing number stays.
    let mut back = decide("return");
    back.push(("input[items][0][item]", "facts".into()));
    back.push(("input[items][0][reason]", "托小班托位不能少于在托人数".into()));
    assert_eq!(call(&server, &mut health, "review_filing", &back).await.0, 200);
    let shown = my_filing(&server, &mut operator).await["facts"].clone();
    let kept = taken.to_string();
    let (status, body) = call(&server, &mut operator, "save_filing_facts", &facts_form(filing_id, &shown, &[(toddler_field, kept.as_str()), ("input[legal_rep_id]", "")])).await;
    assert_eq!(status, 200, "the stored ID number is kept when the field is left empty: {body}");
    assert_eq!(call(&server, &mut operator, "submit_filing", &submit()).await.0, 200);
    let (status, done) = call(&server, &mut health, "review_filing", &decide("accept")).await;
    assert_eq!((status, done["facility_id"].as_i64()), (200, Some(1)), "{done}");
    let after = store.facility(1).await.expect("read").expect("facility");
    assert_eq!((after.name.as_str(), after.filing_number.as_ref()), ("渝北区改名后的托育园", before.filing_number.as_ref()));
    let toddler = store.classes_of(&[1]).await.expect("classes").into_iter().find(|c| c.level.code() == "toddler").expect("托小班");
    assert_eq!(toddler.filed_capacity, taken);
    assert!(toddler.staffed_capacity <= taken);
    // Nothing changes twice: a new change starts from the facts now filed.
    let (status, _) = call(&server, &mut operator, "start_change_filing", &[("op_id", op())]).await;
    assert_eq!(status, 200);
    let next = my_filing(&server, &mut operator).await["id"].to_string();
    let (status, body) = call(&server, &mut operator, "submit_filing", &[("op_id", op()), ("filing_id", next)]).await;
    assert_eq!((status, body["detail"]["reason"].as_str()), (422, Some("filing_no_change")), "{body}");
});

both_backends!(a_closure_takes_the_facility_out_of_the_finder_once_no_child_is_in_care, |store| {
    with_demo_accounts(&store).await;
    let server = TestServer::start(store.clone()).await;
    let mut operator = server.sign_in_staff("demo-operator-2").await;
    let mut health = server.sign_in_staff("demo-health").await;
    let facility = store.facility(2).await.expect("read").expect("facility 2");
    let in_finder = |name: String| {
        let url = server.url(&format!("/api/v1/facilities?q={}", name));
        async move {
            let body: serde_json::Value = reqwest::get(url).await.expect("request").json().await.expect("json");
            body["cards"].as_array().expect("cards").iter().any(|f| f["id"].as_i64() == Some(2))
        }
    };
    assert!(in_finder(facility.name.clone()).await, "listed before");

    // A closure needs a reason; with one it starts and is submitted without facts or documents.
    let (status, body) = call(&server, &mut operator, "start_closure_filing", &[("op_id", op()), ("reason", "  ".into())]).await;
    assert_eq!((status, body["detail"]["reason"].as_str()), (422, Some("filing_reason")), "{body}");
    let (status, started) = call(&server, &mut operator, "start_closure_filing", &[("op_id", op()), ("reason", "场地租约到期，停止办托".into())]).await;
    assert_eq!(status, 200, "{started}");
    let filing_id = started.as_i64().expect("id");
    assert_eq!(call(&server, &mut operator, "submit_filing", &[("op_id", op()), ("filing_id", filing_id.to_string())]).await.0, 200);
    let accept = || vec![("op_id", op()), ("filing_id", filing_id.to_string()), ("input[decision]", "accept".to_string())];

    // Not while children are in care.
    let classes = store.classes_of(&[2]).await.expect("classes");
    if classes.iter().any(|c| c.enrolled + c.held > 0) {
        let (status, body) = call(&server, &mut health, "review_filing", &accept()).await;
        assert_eq!((status, body["detail"]["reason"].as_str()), (422, Some("filing_children_in_care")), "{body}");
    }
    // The children leave and no place is staffed; a family then joins the waitlist.
    for class in &classes {
        let form = [("op_id", op()), ("class_id", class.id.to_string()), ("staffed_capacity", "0".into()), ("enrolled", "0".into())];
        let (status, body) = call(&server, &mut operator, "confirm_figures", &form).await;
        assert_eq!(status, 200, "the children left: {body}");
    }
    let birth = match classes[0].level.code() {
        "infant" => "2026-03-01",
        "toddler" => "2025-06-01",
        _ => "2024-06-01",
    };
    let (mut parent, child) = crate::booking::family(&server, "13900000971", birth).await;
    let waiting = crate::booking::apply(&server, &mut parent, &op(), child, 2, "2026-12").await;
    assert!(waiting.body["Waitlisted"].is_object(), "{}", waiting.body);
    let waiting_id = crate::booking::application_id(&waiting);
    let (status, body) = call(&server, &mut health, "review_filing", &accept()).await;
    assert_eq!(status, 200, "{body}");
    // The waiting family is told, with the operator's reason.
    let bookings = crate::booking::my_bookings(&server, &mut parent).await;
    let ended = bookings["applications"].as_array().expect("applications").iter().find(|a| a["id"].as_i64() == Some(waiting_id)).cloned().expect("listed");
    assert_eq!((ended["state"].as_str(), ended["decline_reason"].as_str()), (Some("Declined"), Some("场地租约到期，停止办托")), "{ended}");
    assert!(bookings["notices"].as_array().expect("notices").iter().any(|n| n["kind"] == "application.declined"), "{bookings}");
    let closed = store.facility(2).await.expect("read").expect("the page stays");
    assert_eq!(closed.filing_status, app::domain::facility::FilingStatus::Revoked);
    assert!(!in_finder(facility.name.clone()).await, "out of the finder");
    assert_eq!(my_filing(&server, &mut operator).await["closure_reason"].as_str(), Some("场地租约到期，停止办托"));
});
