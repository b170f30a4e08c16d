//! Booking under real concurrency: on one class, families apply and cancel, the operator
//! confirms, enrols and withdraws, and the background work expires offers — all at the same
//! time, as many tasks on the pool. Afterwards the invariants must hold: held and enrolled equal
//! what the applications say, never oversold, nobody waits while a place is free, each place
//! offered once with its notice, and the queue served in order (no later applicant offered a
//! place while an earlier one still waits). Repeated over many rounds, because a race shows
//! itself only now and then; on PostgreSQL it caught the leaked place of a promotion racing a
//! cancellation (before `lock_class`).

use app::domain::account::child::{ChildProfile, Relation, Sex};
use app::domain::booking::ApplicationEvent;
use app::domain::calendar::{CivilDate, Timestamp, YearMonth};
use app::domain::operation::OperationId;
use app::store::booking::{Actor, ApplicationsOf, ApplyRequest};
use app::store::operations::Operation;
use app::store::Store;

use crate::support::{both_backends, with_demo_data, NOW};

const ROUNDS: usize = 25;
const FAMILIES: usize = 10;
const CAPACITY: i64 = 3;
const OFFER_HOURS: i64 = 48;

fn op(actor: &str, kind: &'static str, request: &impl serde::Serialize) -> Operation {
    let id = OperationId::parse(&uuid::Uuid::new_v4().to_string()).expect("operation id");
    Operation::new(id, actor, kind, request).expect("operation")
}

/// Facility `facility` filed, with a 托小班 of `CAPACITY` places and nobody in it.
async fn fresh_class(store: &Store, facility: i64) -> i64 {
    store.db().execute("file", "UPDATE facilities SET filing_status = 'filed' WHERE id = $1", app::args![facility]).await.expect("file");
    store
        .db()
        .execute(
            "class",
            "INSERT INTO classes (facility_id, level, filed_capacity, staffed_capacity, enrolled, enrolled_direct, held, monthly_fee, updated_at) \
             VALUES ($1, 'toddler', $2, $2, 0, 0, 0, 2000, $3) \
             ON CONFLICT (facility_id, level) DO UPDATE SET filed_capacity = $2, staffed_capacity = $2, enrolled = 0, enrolled_direct = 0, held = 0, updated_at = $3",
            app::args![facility, CAPACITY, NOW.0],
        )
        .await
        .expect("class");
    #[derive(sqlx::FromRow)]
    struct Id {
        id: i64,
    }
    let class: Id = store.db().fetch_one("class id", "SELECT id FROM classes WHERE facility_id = $1 AND level = 'toddler'", app::args![facility]).await.expect("id");
    class.id
}

async fn families(store: &Store, round: usize) -> Vec<(i64, i64)> {
    let mut families = Vec::new();
    for i in 0..FAMILIES {
        let account = store.parent_for_phone(&format!("136{round:04}{i:04}"), NOW).await.expect("parent");
        store.grant_consent(account.id, "test", "test", NOW).await.expect("consent");
        let child = ChildProfile {
            name: format!("孩子{i}"),
            birth_date: CivilDate::parse("2025-06-15").expect("date"),
            sex: Sex::Female,
            relation: Relation::Mother,
            id_number: None,
        };
        families.push((account.id, store.insert_child(account.id, &child, NOW).await.expect("child")));
    }
    families
}

/// Everything at once on one class; returns the first broken invariant.
async fn round(store: &Store, round: usize) -> Result<(), String> {
    let facility = round as i64 + 1;
    let class_id = fresh_class(store, facility).await;
    let families = families(store, round).await;
    let start_month = YearMonth::parse("2027-01").expect("month");
    let mut tasks = tokio::task::JoinSet::new();
    for (index, (account, child)) in families.iter().copied().enumerate() {
        let store = store.clone();
        tasks.spawn(async move {
            let request = ApplyRequest { child_id: child, facility_id: facility, start_month };
            let actor = format!("parent:{account}");
            let outcome = store.apply_for_place(&op(&actor, "application.apply", &request), account, &request, NOW, OFFER_HOURS).await.map_err(|e| format!("apply: {e}"))?;
            let id = match outcome {
                app::store::booking::ApplyOutcome::Offered { application_id, .. } | app::store::booking::ApplyOutcome::Waitlisted { application_id, .. } => application_id,
                other => return Err(format!("apply answered {other:?}")),
            };
            if index % 3 == 0 {
                let family = Actor::Family { account_id: account };
                store
                    .change_application(&op(&actor, "application.change", &id), id, family, ApplicationEvent::FamilyCancels, None, NOW, OFFER_HOURS)
                    .await
                    .map_err(|e| format!("cancel: {e}"))?;
            }
            Ok(())
        });
    }
    let operator_store = store.clone();
    tasks.spawn(async move {
        for pass in 0..4 {
            let listed = operator_store.list_applications(ApplicationsOf::Facility(facility)).await.map_err(|e| format!("list: {e}"))?;
            for item in listed {
                let event = match (item.row.state.as_str(), (item.row.id + pass) % 3) {
                    ("offered", 0) => ApplicationEvent::OperatorConfirms,
                    ("offered", 1) => ApplicationEvent::OperatorDeclines,
                    ("confirmed", _) => ApplicationEvent::OperatorEnrols,
                    ("enrolled", 2) => ApplicationEvent::OperatorWithdraws,
                    _ => continue,
                };
                let operator = Actor::Operator { facility_id: facility };
                operator_store
                    .change_application(&op("operator", "application.change", &item.row.id), item.row.id, operator, event, Some("测试".into()), NOW, OFFER_HOURS)
                    .await
                    .map_err(|e| format!("operator {event:?}: {e}"))?;
            }
            tokio::task::yield_now().await;
        }
        Ok(())
    });
    let due_store = store.clone();
    tasks.spawn(async move {
        // Offers made "now" have expired by then: every pass releases and promotes.
        let later = Timestamp(NOW.0 + (OFFER_HOURS + 1) * 3600);
        for _ in 0..3 {
            due_store.run_due_work(later, OFFER_HOURS).await.map_err(|e| format!("due work: {e}"))?;
            tokio::task::yield_now().await;
        }
        Ok(())
    });
    while let Some(joined) = tasks.join_next().await {
        joined.map_err(|e| format!("task panicked: {e}"))??;
    }
    check_invariants(store, class_id).await
}

#[derive(sqlx::FromRow, Debug)]
struct Row {
    id: i64,
    state: String,
    queued_at: i64,
    offered: i64,
}

#[derive(sqlx::FromRow)]
struct Class {
    capacity: i64,
    enrolled: i64,
    enrolled_direct: i64,
    held: i64,
}

async fn check_invariants(store: &Store, class_id: i64) -> Result<(), String> {
    let rows: Vec<Row> = store
        .db()
        .fetch_all(
            "rows",
            "SELECT a.id, a.state, a.queued_at, \
               (SELECT COUNT(*) FROM notices n WHERE n.subject = 'application:' || a.id AND n.kind = 'application.offered') AS offered \
             FROM applications a WHERE a.class_id = $1 ORDER BY a.queued_at, a.id",
            app::args![class_id],
        )
        .await
        .expect("rows");
    let class: Class = store
        .db()
        .fetch_one(
            "class",
            "SELECT CASE WHEN filed_capacity < staffed_capacity THEN filed_capacity ELSE staffed_capacity END AS capacity, enrolled, enrolled_direct, held \
             FROM classes WHERE id = $1",
            app::args![class_id],
        )
        .await
        .expect("class");
    let holding = rows.iter().filter(|r| matches!(r.state.as_str(), "offered" | "confirmed")).count() as i64;
    let enrolled = rows.iter().filter(|r| r.state == "enrolled").count() as i64;
    if class.held != holding || class.enrolled != class.enrolled_direct + enrolled {
        return Err(format!("class says held {} enrolled {}, applications say {holding} and {enrolled}: {rows:?}", class.held, class.enrolled));
    }
    if class.held + class.enrolled > class.capacity {
        return Err(format!("oversold: {} held + {} enrolled > {}", class.held, class.enrolled, class.capacity));
    }
    let waiting: Vec<&Row> = rows.iter().filter(|r| r.state == "waitlisted").collect();
    if !waiting.is_empty() && class.held + class.enrolled < class.capacity {
        return Err(format!("{} waiting while a place is free: {rows:?}", waiting.len()));
    }
    if let Some(twice) = rows.iter().find(|r| r.offered > 1) {
        return Err(format!("application {} was offered {} times", twice.id, twice.offered));
    }
    for row in rows.iter().filter(|r| matches!(r.state.as_str(), "offered" | "confirmed" | "enrolled")) {
        if row.offered != 1 {
            return Err(format!("application {} holds a place without its offer notice: {rows:?}", row.id));
        }
    }
    // Queue order: anyone offered a place (at once or by promotion) who came after a child
    // that is still waiting took that child's turn.
    for served in rows.iter().filter(|r| r.offered > 0) {
        if let Some(skipped) = waiting.iter().find(|w| (w.queued_at, w.id) < (served.queued_at, served.id)) {
            return Err(format!("application {} was offered a place while {} waited ahead of it: {rows:?}", served.id, skipped.id));
        }
    }
    Ok(())
}

both_backends!(concurrent_applications_cancellations_decisions_and_expiry_keep_every_invariant, |store| {
    with_demo_data(&store).await;
    for n in 0..ROUNDS {
        if let Err(broken) = round(&store, n).await {
            panic!("round {n}: {broken}");
        }
    }
});
