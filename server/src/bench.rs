//! Set-up and checks for the booking benchmarks (`scripts/bench-booking.mjs`), working on the
//! database directly so that the benchmark measures booking, not signing in:
//!
//! - `server bench-setup --parents N --capacity C --out FILE`: demo facilities if the database is
//!   empty; facility 1 filed with a 托小班 of exactly C free places; N parents, each with consent,
//!   one child of 托小班 age and a session. Writes one JSON line per parent to FILE:
//!   `{"token": "…", "child_id": …}`.
//! - `server bench-check --acked FILE`: reads the application ids the clients were answered
//!   with (one per line) and prints one JSON line with what the database holds: capacity, held,
//!   offered, waitlisted, applications, lost (acknowledged but missing), duplicates (more than
//!   one application per child) and, on SQLite, `PRAGMA integrity_check`.

use app::domain::account::child::{ChildProfile, Relation, Sex};
use app::domain::account::roles::Role;
use app::domain::calendar::CivilDate;
use app::store::Backend;

use crate::config::Config;
use crate::startup::{self, StartupError};

/// The facility the benchmarks book.
pub const FACILITY: i64 = 1;

#[derive(Debug, thiserror::Error)]
pub enum BenchError {
    #[error(transparent)]
    Startup(#[from] StartupError),
    #[error("database: {0}")]
    Store(#[from] app::store::StoreError),
    #[error("file {path}: {source}")]
    File { path: String, source: std::io::Error },
    #[error("{0}")]
    Usage(String),
}

/// Prepares the database for a burst: see the module comment.
pub async fn setup(config: &Config, parents: usize, capacity: i64, out: &str) -> Result<(), BenchError> {
    let store = startup::open_store(config).await?;
    startup::refuse_production_database(config, &store).await?;
    let now = startup::now();
    app::demo::load_if_empty(&store, app::demo::DEFAULT_SEED, 20, now).await.map_err(StartupError::DemoData)?;
    store.db().execute("file the facility", "UPDATE facilities SET filing_status = 'filed' WHERE id = $1", app::args![FACILITY]).await?;
    store
        .db()
        .execute(
            "one class with free places",
            "INSERT INTO classes (facility_id, level, filed_capacity, staffed_capacity, enrolled, enrolled_direct, held, monthly_fee, updated_at) \
             VALUES ($1, 'toddler', $2, $2, 0, 0, 0, 1800, $3) \
             ON CONFLICT (facility_id, level) DO UPDATE SET filed_capacity = $2, staffed_capacity = $2, enrolled = 0, enrolled_direct = 0, held = 0, updated_at = $3",
            app::args![FACILITY, capacity, now.0],
        )
        .await?;
    // 18 months old now, so in the 托小班 for a start next month.
    let today = CivilDate::in_china_at(now);
    let birth = CivilDate::from_days_since_epoch(today.days_since_epoch() - 548);
    let lifetimes = app::auth::session::lifetimes(Role::Parent);
    let mut lines = String::new();
    for i in 0..parents {
        let phone = format!("177{:08}", i);
        let account = store.parent_for_phone(&phone, now).await?;
        store.grant_consent(account.id, app::api::account::POLICY_VERSION, app::api::account::CONSENT_PURPOSE, now).await?;
        let child = ChildProfile { name: format!("测试{i}"), birth_date: birth, sex: Sex::Female, relation: Relation::Mother, id_number: None };
        let child_id = store.insert_child(account.id, &child, now).await?;
        let token = format!("{}{}", uuid::Uuid::new_v4().simple(), uuid::Uuid::new_v4().simple());
        store.create_session(&app::auth::secrets::sha256_hex(&token), account.id, now, lifetimes.idle, lifetimes.absolute).await?;
        lines.push_str(&serde_json::json!({ "token": token, "child_id": child_id }).to_string());
        lines.push('\n');
    }
    std::fs::write(out, lines).map_err(|source| BenchError::File { path: out.into(), source })?;
    store.db().close().await;
    Ok(())
}

#[derive(sqlx::FromRow)]
struct ClassFigures {
    staffed_capacity: i64,
    held: i64,
}

#[derive(sqlx::FromRow)]
struct Count {
    n: i64,
}

#[derive(sqlx::FromRow)]
struct Id {
    id: i64,
}

#[derive(sqlx::FromRow)]
struct Integrity {
    integrity_check: String,
}

/// Checks the database after a burst: see the module comment.
pub async fn check(config: &Config, acked_path: &str) -> Result<serde_json::Value, BenchError> {
    let text = std::fs::read_to_string(acked_path).map_err(|source| BenchError::File { path: acked_path.into(), source })?;
    let acked: Vec<i64> = text.lines().filter_map(|l| l.trim().parse().ok()).collect();
    let store = startup::open_store(config).await?;
    startup::refuse_production_database(config, &store).await?;
    let db = store.db();
    let class: ClassFigures = db
        .fetch_one("class figures", "SELECT staffed_capacity, held FROM classes WHERE facility_id = $1 AND level = 'toddler'", app::args![FACILITY])
        .await?;
    let count = |sql: &'static str| async move { db.fetch_one::<Count>("count", sql, app::args![]).await.map(|c| c.n) };
    let offered = count("SELECT COUNT(*) AS n FROM applications WHERE state = 'offered'").await?;
    let waitlisted = count("SELECT COUNT(*) AS n FROM applications WHERE state = 'waitlisted'").await?;
    let applications = count("SELECT COUNT(*) AS n FROM applications").await?;
    let duplicates = count("SELECT COUNT(*) AS n FROM (SELECT child_id FROM applications GROUP BY child_id HAVING COUNT(*) > 1) AS d").await?;
    let stored: std::collections::HashSet<i64> =
        db.fetch_all::<Id>("application ids", "SELECT id FROM applications", app::args![]).await?.into_iter().map(|r| r.id).collect();
    let lost = acked.iter().filter(|id| !stored.contains(id)).count();
    let integrity = match store.backend() {
        Backend::Sqlite => db.fetch_one::<Integrity>("integrity", "PRAGMA integrity_check", app::args![]).await?.integrity_check,
        Backend::Postgres => "ok".to_string(),
    };
    let report = serde_json::json!({
        "capacity": class.staffed_capacity,
        "held": class.held,
        "offered": offered,
        "waitlisted": waitlisted,
        "applications": applications,
        "acknowledged": acked.len(),
        "lost": lost,
        "duplicates": duplicates,
        "integrity": integrity,
    });
    store.db().close().await;
    Ok(report)
}

/// Reads `--name value` pairs.
pub fn flags(args: &[String]) -> Result<std::collections::HashMap<String, String>, BenchError> {
    let mut out = std::collections::HashMap::new();
    let mut rest = args.iter();
    while let Some(flag) = rest.next() {
        let (Some(name), Some(value)) = (flag.strip_prefix("--"), rest.next()) else {
            return Err(BenchError::Usage(format!("bad argument {flag:?}")));
        };
        out.insert(name.to_string(), value.clone());
    }
    Ok(out)
}
