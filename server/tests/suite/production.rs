//! A production start, end to end: the server binary runs with `TUOYU_ENV=production` against
//! a stand-in of Tencent Cloud SMS on 127.0.0.1 that checks each request's TC3-HMAC-SHA256
//! signature (computed here independently, from the specification) and records the message.
//! A parent requests a code, the stand-in receives it, the parent signs in with it. Also: the
//! development routes are absent, and a demo database or a failing provider is refused clearly.

use std::process::Stdio;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::http::{HeaderMap, StatusCode};
use hmac::{Hmac, Mac};
use sha2::{Digest, Sha256};

const SECRET_ID: &str = "AKIDstandintest0000000000000000000";
const SECRET_KEY: &str = "stand-in-secret-key-0123456789abcdef";
const PHONE: &str = "13900000071";

#[derive(Clone, Default)]
struct Provider {
    /// Bodies of the messages accepted.
    received: Arc<Mutex<Vec<serde_json::Value>>>,
    /// Answer every send with a provider error instead.
    failing: bool,
}

fn hmac(key: &[u8], message: &str) -> Vec<u8> {
    let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(key).expect("any key length");
    mac.update(message.as_bytes());
    mac.finalize().into_bytes().to_vec()
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// What the provider would compute for this request, following the published steps.
fn expected_authorization(headers: &HeaderMap, body: &[u8]) -> Option<String> {
    let header = |name: &str| headers.get(name).and_then(|v| v.to_str().ok()).map(str::to_string);
    let timestamp: i64 = header("x-tc-timestamp")?.parse().ok()?;
    let date = chrono_free_utc_date(timestamp);
    let canonical = format!(
        "POST\n/\n\ncontent-type:{}\nhost:{}\nx-tc-action:{}\n\ncontent-type;host;x-tc-action\n{}",
        header("content-type")?.to_lowercase(),
        header("host")?.to_lowercase(),
        header("x-tc-action")?.to_lowercase(),
        hex(&Sha256::digest(body))
    );
    let to_sign = format!("TC3-HMAC-SHA256\n{timestamp}\n{date}/sms/tc3_request\n{}", hex(&Sha256::digest(canonical.as_bytes())));
    let key = hmac(&hmac(&hmac(format!("TC3{SECRET_KEY}").as_bytes(), &date), "sms"), "tc3_request");
    Some(format!(
        "TC3-HMAC-SHA256 Credential={SECRET_ID}/{date}/sms/tc3_request, SignedHeaders=content-type;host;x-tc-action, Signature={}",
        hex(&hmac(&key, &to_sign))
    ))
}

/// The UTC date of a timestamp by counting days (no date library in the test either).
fn chrono_free_utc_date(timestamp: i64) -> String {
    let mut days = timestamp.div_euclid(86_400);
    let mut year = 1970;
    loop {
        let length = if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 { 366 } else { 365 };
        if days < length {
            break;
        }
        days -= length;
        year += 1;
    }
    let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    let months = [31, if leap { 29 } else { 28 }, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
    let mut month = 0;
    while days >= months[month] {
        days -= months[month];
        month += 1;
    }
    format!("{year:04}-{:02}-{:02}", month + 1, days + 1)
}

async fn send_sms(axum::extract::State(provider): axum::extract::State<Provider>, headers: HeaderMap, body: axum::body::Bytes) -> (StatusCode, String) {
    let error = |code: &str| serde_json::json!({"Response": {"Error": {"Code": code, "Message": "stand-in"}, "RequestId": "standin"}}).to_string();
    let given = headers.get("authorization").and_then(|v| v.to_str().ok()).unwrap_or_default().to_string();
    if expected_authorization(&headers, &body).as_deref() != Some(given.as_str())
        || headers.get("x-tc-action").and_then(|v| v.to_str().ok()) != Some("SendSms")
        || headers.get("x-tc-version").and_then(|v| v.to_str().ok()) != Some("2021-01-11")
    {
        return (StatusCode::OK, error("AuthFailure.SignatureFailure"));
    }
    if provider.failing {
        return (StatusCode::OK, error("FailedOperation.InsufficientBalanceInSmsPackage"));
    }
    let Ok(message) = serde_json::from_slice::<serde_json::Value>(&body) else {
        return (StatusCode::OK, error("InvalidParameter"));
    };
    provider.received.lock().expect("lock").push(message);
    let ok = serde_json::json!({"Response": {"SendStatusSet": [{"Code": "Ok", "Message": "send success", "PhoneNumber": "+8613900000071"}], "RequestId": "standin"}});
    (StatusCode::OK, ok.to_string())
}

async fn start_provider(provider: Provider) -> std::net::SocketAddr {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind stand-in");
    let addr = listener.local_addr().expect("addr");
    let app = axum::Router::new().route("/", axum::routing::post(send_sms)).with_state(provider);
    tokio::spawn(async move { axum::serve(listener, app).await });
    addr
}

/// The server binary as a child process, killed when dropped.
struct Process {
    child: std::process::Child,
    addr: std::net::SocketAddr,
}

impl Drop for Process {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn free_addr() -> std::net::SocketAddr {
    std::net::TcpListener::bind("127.0.0.1:0").expect("port").local_addr().expect("addr")
}

fn production_env(database: &std::path::Path, addr: std::net::SocketAddr, provider: std::net::SocketAddr) -> Vec<(String, String)> {
    [
        ("TUOYU_ENV", "production".to_string()),
        ("TUOYU_SECRET", "a-production-secret-of-at-least-32-characters".to_string()),
        ("TUOYU_DEMO_DATA", "off".to_string()),
        // Plain http on loopback in the test; production sets https behind its proxy.
        ("TUOYU_SECURE_COOKIES", "off".to_string()),
        ("DATABASE_URL", format!("sqlite://{}", database.display())),
        ("TUOYU_ADDR", addr.to_string()),
        ("TUOYU_LOG", "warn".to_string()),
        ("TUOYU_SMS_PROVIDER", "tencent".to_string()),
        ("TUOYU_SMS_SECRET_ID", SECRET_ID.to_string()),
        ("TUOYU_SMS_SECRET_KEY", SECRET_KEY.to_string()),
        ("TUOYU_SMS_SDK_APP_ID", "1400000001".to_string()),
        ("TUOYU_SMS_SIGN_NAME", "渝北托育".to_string()),
        ("TUOYU_SMS_TEMPLATE_ID", "2000001".to_string()),
        ("TUOYU_SMS_TEMPLATE_PARAMS", "code,minutes".to_string()),
        ("TUOYU_SMS_ENDPOINT", format!("http://{provider}/")),
        ("TUOYU_SMS_TIMEOUT_MS", "5000".to_string()),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v))
    .collect()
}

fn command(env: &[(String, String)]) -> std::process::Command {
    let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_server"));
    command.env_clear().envs(env.iter().cloned()).env("PATH", std::env::var("PATH").unwrap_or_default());
    command
}

async fn start_server(env: &[(String, String)], addr: std::net::SocketAddr) -> Process {
    let child = command(env).stdout(Stdio::null()).stderr(Stdio::inherit()).spawn().expect("start the server binary");
    let process = Process { child, addr };
    let client = reqwest::Client::new();
    for _ in 0..200 {
        if let Ok(response) = client.get(format!("http://{addr}/healthz")).send().await {
            if response.status() == 200 {
                return process;
            }
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("the production server did not answer /healthz within 10 s");
}

fn temp_db(name: &str) -> std::path::PathBuf {
    std::env::temp_dir().join(format!("tuoyu_production_{}_{name}.db", uuid::Uuid::new_v4().simple()))
}

async fn post(client: &reqwest::Client, server: &Process, endpoint: &str, form: &[(&str, &str)], cookie: &str) -> (u16, serde_json::Value, Option<String>) {
    let response = client
        .post(format!("http://{}/api/{endpoint}", server.addr))
        .header("cookie", cookie)
        .form(form)
        .send()
        .await
        .expect("request");
    let status = response.status().as_u16();
    let session = response
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|v| v.contains("session") && !v.contains("Max-Age=0"))
        .and_then(|v| v.split(';').next())
        .map(str::to_string);
    let text = response.text().await.expect("body");
    (status, serde_json::from_str(&text).unwrap_or(serde_json::Value::String(text)), session)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_production_server_sends_sign_in_codes_through_the_provider_and_has_no_dev_routes() {
    let provider = Provider::default();
    let provider_addr = start_provider(provider.clone()).await;
    let database = temp_db("live");
    let addr = free_addr();
    let server = start_server(&production_env(&database, addr, provider_addr), addr).await;
    let client = reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build().expect("client");

    for path in ["/dev/inbox?phone=13900000071", "/dev/totp?username=demo-admin"] {
        let status = client.get(format!("http://{addr}{path}")).send().await.expect("request").status().as_u16();
        assert_eq!(status, 404, "{path} must not exist in production");
    }
    let demo = post(&client, &server, "staff_sign_in", &[("username", "demo-admin"), ("password", app::demo::DEMO_STAFF_PASSWORD)], "").await;
    assert_eq!(demo.0, 401, "no demo accounts in production: {}", demo.1);

    let (status, body, _) = post(&client, &server, "request_login_code", &[("phone", PHONE)], "").await;
    assert_eq!(status, 200, "{body}");
    let message = provider.received.lock().expect("lock").last().cloned().expect("the stand-in received the message");
    assert_eq!(message["PhoneNumberSet"], serde_json::json!(["+8613900000071"]));
    assert_eq!(message["SignName"], "渝北托育");
    assert_eq!(message["TemplateId"], "2000001");
    let code = message["TemplateParamSet"][0].as_str().expect("code").to_string();
    assert_eq!(code.len(), 6);
    assert_eq!(message["TemplateParamSet"][1], "10", "minutes");

    let (status, body, session) = post(&client, &server, "verify_login_code", &[("phone", PHONE), ("code", &code)], "").await;
    assert_eq!(status, 200, "{body}");
    let session = session.expect("a session cookie");
    let me = client.get(format!("http://{addr}/api/my_account")).header("cookie", &session).send().await.expect("request");
    let me: serde_json::Value = me.json().await.expect("json");
    assert_eq!(me["phone_masked"], "139****0071", "signed in as the parent: {me}");

    // The first administrator comes from the console, the password on standard input.
    let env = production_env(&database, addr, provider_addr);
    let mut admin = command(&env).args(["create-admin", "--username", "district-admin", "--name", "区卫健委管理员"]).stdin(Stdio::piped()).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().expect("create-admin");
    {
        use std::io::Write;
        admin.stdin.take().expect("stdin").write_all(b"Lanterns-over-Jialing-2026\n").expect("password");
    }
    let created = admin.wait_with_output().expect("create-admin ran");
    assert!(created.status.success(), "{}", String::from_utf8_lossy(&created.stderr));
    let (status, body, _) = post(&client, &server, "staff_sign_in", &[("username", "district-admin"), ("password", "Lanterns-over-Jialing-2026")], "").await;
    assert_eq!(status, 200, "the administrator's password works, the second factor comes next: {body}");
    drop(server);
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", database.display()));
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_failed_send_tells_the_parent_and_does_not_use_up_the_limit() {
    let provider_addr = start_provider(Provider { failing: true, ..Provider::default() }).await;
    let database = temp_db("failing");
    let addr = free_addr();
    let server = start_server(&production_env(&database, addr, provider_addr), addr).await;
    let client = reqwest::Client::new();
    for attempt in 0..3 {
        let (status, body, _) = post(&client, &server, "request_login_code", &[("phone", PHONE)], "").await;
        assert_eq!(status, 503, "attempt {attempt}: {body}");
        assert_eq!(body["code"], "sms_failed", "attempt {attempt}: not rate limited, the send failed: {body}");
    }
    // A provider that does not answer in time fails the same way: nothing listens here.
    drop(server);
    let silent = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let silent_addr = silent.local_addr().expect("addr");
    let mut env = production_env(&database, addr, silent_addr);
    env.retain(|(k, _)| k != "TUOYU_SMS_TIMEOUT_MS");
    env.push(("TUOYU_SMS_TIMEOUT_MS".into(), "300".into()));
    let server = start_server(&env, addr).await;
    let (status, body, _) = post(&client, &server, "request_login_code", &[("phone", PHONE)], "").await;
    assert_eq!((status, body["code"].as_str()), (503, Some("sms_failed")), "{body}");
    drop(silent);
    drop(server);
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", database.display()));
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn production_refuses_a_demo_database_and_benchmarks_refuse_production() {
    let database = temp_db("demo");
    let url = format!("sqlite://{}", database.display());
    // A database with demo data, as `make run` leaves it.
    let seeded = command(&[("DATABASE_URL".to_string(), url.clone())]).args(["seed-demo", "--facilities", "5"]).output().expect("seed");
    assert!(seeded.status.success(), "{}", String::from_utf8_lossy(&seeded.stderr));
    let addr = free_addr();
    let refused = command(&production_env(&database, addr, free_addr())).output().expect("run");
    assert_eq!(refused.status.code(), Some(1));
    let log = String::from_utf8_lossy(&refused.stdout).to_string() + &String::from_utf8_lossy(&refused.stderr);
    assert!(log.contains("demo data"), "one clear line: {log}");
    assert_eq!(log.lines().filter(|l| l.contains("ERROR")).count(), 1, "{log}");

    // The benchmark set-up never writes into a production configuration or database.
    let bench = command(&production_env(&database, addr, free_addr()))
        .args(["bench-setup", "--parents", "1", "--capacity", "1", "--out", "/dev/null"])
        .output()
        .expect("bench");
    assert!(!bench.status.success());
    assert!(String::from_utf8_lossy(&bench.stderr).contains("production"), "{}", String::from_utf8_lossy(&bench.stderr));

    // Production without an SMS provider does not start either.
    let empty = temp_db("empty");
    let mut env = production_env(&empty, addr, free_addr());
    env.retain(|(k, _)| !k.starts_with("TUOYU_SMS_"));
    let no_sms = command(&env).output().expect("run");
    assert_eq!(no_sms.status.code(), Some(1));
    let log = String::from_utf8_lossy(&no_sms.stdout).to_string() + &String::from_utf8_lossy(&no_sms.stderr);
    assert!(log.contains("TUOYU_SMS_PROVIDER"), "{log}");
    for path in [&database, &empty] {
        for suffix in ["", "-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
        }
    }
}
