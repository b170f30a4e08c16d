//! Complaints in the store on both databases: filing (signed in, anonymous, replayed once,
//! refused with nothing stored), routing and who sees what, the handling loop with its
//! deadlines, reopening, merging, the overdue watch with two workers, and publication.

use app::domain::account::roles::{Department, Role};
use app::domain::calendar::{CivilDate, Timestamp};
use app::domain::complaint::deadline::{inbox_order, Limits};
use app::domain::complaint::handling::{Event, Step};
use app::domain::complaint::state::{Finding, Satisfaction, State};
use app::domain::complaint::tracking::TrackingCode;
use app::domain::complaint::{ComplaintInput, ComplaintRefusal};
use app::store::accounts::NewStaff;
use app::store::complaints::{Audience, Author, FilingOutcome, HandlingOutcome, NewComplaint, StaffActor};
use app::store::Store;

use crate::ratings::{at_days, op};
use crate::support::{both_backends, with_demo_data, NOW};

const FACILITY: i64 = 1;

fn input(category: &str, description: &str) -> ComplaintInput {
    ComplaintInput {
        kind: "complaint".into(),
        category: category.into(),
        facility_id: Some(FACILITY),
        occurred_on: CivilDate::in_china_at(NOW).to_string(),
        description: description.into(),
        ..ComplaintInput::default()
    }
}

fn new_complaint(input: &ComplaintInput, author: Author, code_seed: u64, address: &str) -> NewComplaint {
    NewComplaint {
        draft: input.validate(CivilDate::in_china_at(NOW)).expect("valid complaint"),
        author,
        code: TrackingCode::new(2026, code_seed),
        photos: Vec::new(),
        client_address: address.into(),
    }
}

async fn file(store: &Store, complaint: &NewComplaint, now: Timestamp) -> FilingOutcome {
    store.file_complaint(&op("complaint.file", &complaint.code.as_str()), complaint, &Limits::default(), now).await.expect("file")
}

fn filed_id(outcome: &FilingOutcome) -> i64 {
    match outcome {
        FilingOutcome::Filed { complaint_id, .. } => *complaint_id,
        other => panic!("expected filed, got {other:?}"),
    }
}

async fn count(store: &Store, sql: &str) -> i64 {
    let row: app::store::db::CountRow = store.db().fetch_one("count", sql, app::args![]).await.expect("count");
    row.n
}

#[derive(sqlx::FromRow)]
struct OrderRow {
    id: i64,
    state: String,
    due_at: Option<i64>,
    inbox_order: Option<i64>,
    department_order: Option<i64>,
}

/// Every complaint's stored inbox order (and its department rows') is the domain's
/// `inbox_order` of its state and deadline: SQL sorts by what the domain defines.
async fn assert_inbox_orders(store: &Store) {
    let rows: Vec<OrderRow> = store
        .db()
        .fetch_all(
            "read inbox orders",
            "SELECT c.id, c.state, c.due_at, c.inbox_order, d.inbox_order AS department_order FROM complaints c JOIN complaint_departments d ON d.complaint_id = c.id",
            app::args![],
        )
        .await
        .expect("orders");
    assert!(!rows.is_empty());
    for row in rows {
        let state = State::from_code(&row.state).expect("state");
        let expected = inbox_order(state, row.due_at.map(Timestamp));
        assert_eq!((row.inbox_order, row.department_order), (expected, expected), "complaint {} in state {state:?}", row.id);
    }
}

async fn supervisor(store: &Store, department: Department) -> StaffActor {
    let staff = NewStaff {
        role: Role::Supervisor { department },
        username: format!("complaints-{}", department.code()),
        password_hash: "not-used".into(),
        display_name: department.code().into(),
        totp_secret: None,
        is_demo: false,
    };
    let account_id = store.create_staff(&staff, NOW).await.expect("create staff").expect("new username");
    StaffActor { account_id, department }
}

async fn operator(store: &Store, facility_id: i64) -> i64 {
    let staff = NewStaff {
        role: Role::Operator { facility_id },
        username: format!("complaints-operator-{facility_id}"),
        password_hash: "not-used".into(),
        display_name: "operator".into(),
        totp_secret: None,
        is_demo: false,
    };
    store.create_staff(&staff, NOW).await.expect("create operator").expect("new username")
}

async fn step(store: &Store, actor: StaffActor, complaint: i64, step: Step, now: Timestamp) -> HandlingOutcome {
    store
        .complaint_step(&op("complaint.step", &(complaint, format!("{step:?}"), now.0)), actor, complaint, &step, &Limits::default(), now)
        .await
        .expect("step")
}

both_backends!(filing_is_stored_once_and_bad_filings_store_nothing, |store| {
    with_demo_data(&store).await;
    let parent = store.parent_for_phone("13900000301", NOW).await.expect("parent").id;
    let complaint = new_complaint(&input("food", "午饭的米饭没有煮熟，孩子回家肚子疼。"), Author::Account(parent), 1, "198.51.100.7");
    let operation = op("complaint.file", &"first");
    let first = store.file_complaint(&operation, &complaint, &Limits::default(), NOW).await.expect("file");
    let replay = store.file_complaint(&operation, &complaint, &Limits::default(), at_days(1)).await.expect("replay");
    assert_eq!(first, replay, "a replayed submission gets the first result");
    assert_eq!(count(&store, "SELECT COUNT(*) AS n FROM complaints").await, 1);
    let id = filed_id(&first);
    let view = store.complaint_view(id, Audience::Family).await.expect("view").expect("exists");
    assert_eq!(view.state, State::Dispatched);
    assert_eq!(view.departments, vec![Department::Market]);
    assert_eq!(view.timeline.iter().map(|e| e.event).collect::<Vec<_>>(), vec![Event::Filed, Event::Dispatched]);
    assert!(view.due_at.is_some_and(|due| due > NOW));

    // Anonymous: a password hash instead of an account.
    let anonymous = new_complaint(&input("fees_prices", "每月多收了三百元的材料费，没有公示。"), Author::Anonymous { password_hash: "h".into() }, 2, "198.51.100.8");
    let id = filed_id(&file(&store, &anonymous, NOW).await);
    let view = store.complaint_view(id, Audience::Department).await.expect("view").expect("exists");
    assert!(view.anonymous);
    assert_eq!(view.departments, vec![Department::Development, Department::Market], "the replying department first");

    // A facility that does not exist: refused, nothing stored.
    let mut missing = new_complaint(&input("food", "午饭的米饭没有煮熟，孩子回家肚子疼。"), Author::Account(parent), 3, "198.51.100.7");
    missing.draft.place = app::domain::complaint::Place::Facility(999_999);
    assert_eq!(file(&store, &missing, NOW).await, FilingOutcome::Refused(ComplaintRefusal::UnknownFacility));
    assert_eq!(count(&store, "SELECT COUNT(*) AS n FROM complaints").await, 2);
    // A place not in the directory, marked on the map: the family and the departments see the
    // point it was marked at; nobody else is ever shown it.
    let point = app::domain::district::UNITS[0].anchor;
    let unlisted = ComplaintInput {
        facility_id: None,
        place_name: "小区里的看护点".into(),
        place_address: "某小区 3 栋 2 楼".into(),
        place_lon: Some(point.lon),
        place_lat: Some(point.lat),
        ..input("unfiled_operation", "小区里有人收托十几个孩子，没有挂牌。")
    };
    let id = filed_id(&file(&store, &new_complaint(&unlisted, Author::Account(parent), 4, "198.51.100.7"), NOW).await);
    for audience in [Audience::Family, Audience::Department] {
        let view = store.complaint_view(id, audience).await.expect("view").expect("exists");
        assert_eq!((view.place_name.as_str(), view.place_point), ("小区里的看护点", Some(point)), "{audience:?}");
    }
    let operator = store.complaint_view(id, Audience::Operator).await.expect("view").expect("exists");
    assert_eq!(operator.place_point, None);
});

both_backends!(five_complaints_a_day_per_account_and_per_address, |store| {
    with_demo_data(&store).await;
    let parent = store.parent_for_phone("13900000302", NOW).await.expect("parent").id;
    for i in 0..5 {
        let complaint = new_complaint(&input("food", "午饭的米饭没有煮熟，孩子回家肚子疼。"), Author::Account(parent), 10 + i, &format!("203.0.113.{i}"));
        filed_id(&file(&store, &complaint, NOW).await);
    }
    let sixth = new_complaint(&input("food", "午饭的米饭没有煮熟，孩子回家肚子疼。"), Author::Account(parent), 20, "203.0.113.99");
    assert_eq!(file(&store, &sixth, NOW).await, FilingOutcome::Refused(ComplaintRefusal::DailyLimit), "the account's sixth today");
    // The same address, anonymously: its five are counted too.
    for i in 0..5 {
        let complaint = new_complaint(&input("other", "门口的台阶很滑，下雨天容易摔倒。"), Author::Anonymous { password_hash: "h".into() }, 30 + i, "203.0.113.200");
        filed_id(&file(&store, &complaint, NOW).await);
    }
    let from_address = new_complaint(&input("other", "门口的台阶很滑，下雨天容易摔倒。"), Author::Anonymous { password_hash: "h".into() }, 40, "203.0.113.200");
    assert_eq!(file(&store, &from_address, NOW).await, FilingOutcome::Refused(ComplaintRefusal::DailyLimit));
    assert_eq!(count(&store, "SELECT COUNT(*) AS n FROM complaints").await, 10);
    // The refused account filing did not use up the other address's allowance.
    let next_day = new_complaint(&input("food", "午饭的米饭没有煮熟，孩子回家肚子疼。"), Author::Account(parent), 41, "203.0.113.99");
    filed_id(&file(&store, &next_day, at_days(1)).await);
});

both_backends!(each_side_sees_only_its_part, |store| {
    with_demo_data(&store).await;
    let market = supervisor(&store, Department::Market).await;
    let fire = supervisor(&store, Department::Fire).await;
    let parent = store.parent_for_phone("13900000303", NOW).await.expect("parent").id;
    let complaint = new_complaint(&input("food", "午饭不干净。我的电话13812345678，请联系我。"), Author::Account(parent), 50, "198.51.100.9");
    let id = filed_id(&file(&store, &complaint, NOW).await);

    let market_inbox = store.complaint_inbox(Department::Market, false, 50, 0).await.expect("inbox");
    assert_eq!(market_inbox.iter().map(|i| i.id).collect::<Vec<_>>(), vec![id]);
    assert!(store.complaint_inbox(Department::Fire, false, 50, 0).await.expect("inbox").is_empty());
    assert_eq!(store.complaint_inbox(Department::Health, true, 50, 0).await.expect("lead inbox").len(), 1, "the lead sees everything");
    assert_eq!(step(&store, fire, id, Step::Accept, NOW).await, HandlingOutcome::NotFound, "another department");

    assert_eq!(step(&store, market, id, Step::Accept, NOW).await, HandlingOutcome::Done { state: State::Accepted });
    let question = Step::AskFacility { question: "请说明当天午餐的制作过程。".into() };
    assert_eq!(step(&store, market, id, question, NOW).await, HandlingOutcome::Done { state: State::Accepted });
    let operator_account = operator(&store, FACILITY).await;
    let other_facility = store.explain_complaint(&op("complaint.explain", &"other"), 2, operator_account, id, "不是我们", NOW).await.expect("explain");
    assert_eq!(other_facility, HandlingOutcome::NotFound);
    let explained = store.explain_complaint(&op("complaint.explain", &"own"), FACILITY, operator_account, id, "当天米饭批次有问题，已更换供应商。", NOW).await.expect("explain");
    assert_eq!(explained, HandlingOutcome::Done { state: State::Accepted });

    let operator = store.complaint_view(id, Audience::Operator).await.expect("view").expect("exists");
    assert!(!operator.description.contains("13812345678") && operator.description.contains("138****5678"), "{}", operator.description);
    assert_eq!(operator.timeline.iter().map(|e| e.event).collect::<Vec<_>>(), vec![Event::AskedFacility, Event::Explained]);
    let family = store.complaint_view(id, Audience::Family).await.expect("view").expect("exists");
    assert!(family.description.contains("13812345678"), "the family reads its own words");
    assert_eq!(family.timeline.iter().map(|e| e.event).collect::<Vec<_>>(), vec![Event::Filed, Event::Dispatched, Event::Accepted]);
    let department = store.complaint_view(id, Audience::Department).await.expect("view").expect("exists");
    assert_eq!(department.timeline.len(), 5);
    assert_eq!(store.complaints_of_account(parent).await.expect("own").len(), 1);
    assert!(store.complaints_of_account(parent + 1_000).await.expect("none").is_empty());
});

both_backends!(the_whole_loop_with_an_extension_a_reopening_and_publication, |store| {
    with_demo_data(&store).await;
    let health = supervisor(&store, Department::Health).await;
    let parent = store.parent_for_phone("13900000304", NOW).await.expect("parent").id;
    let complaint = new_complaint(&input("health_care", "孩子发烧了机构没有及时通知家长。"), Author::Account(parent), 60, "198.51.100.10");
    let id = filed_id(&file(&store, &complaint, NOW).await);
    assert_eq!(step(&store, health, id, Step::Close { finding: Finding::Unfounded, action_taken: "无".into() }, NOW).await, HandlingOutcome::Refused(ComplaintRefusal::NotInThisState));
    step(&store, health, id, Step::Accept, NOW).await;
    let before = store.complaint_view(id, Audience::Department).await.expect("view").expect("exists").due_at.expect("due");
    let extend = Step::Extend { working_days: 5, reason: "需要调取监控".into() };
    assert_eq!(step(&store, health, id, extend.clone(), NOW).await, HandlingOutcome::Done { state: State::Accepted });
    let after = store.complaint_view(id, Audience::Department).await.expect("view").expect("exists").due_at.expect("due");
    assert!(after.0 >= before.0 + 5 * 86_400, "five working days later");
    assert_eq!(step(&store, health, id, extend, at_days(1)).await, HandlingOutcome::Refused(ComplaintRefusal::AlreadyExtended));
    step(&store, health, id, Step::Reply { text: "已约谈机构负责人，要求完善发热处置流程。".into() }, at_days(2)).await;

    let verdict = |v: Satisfaction, days: i64| {
        let store = store.clone();
        async move { store.complaint_verdict(&op("complaint.verdict", &(id, v.code(), days)), id, v, &Limits::default(), at_days(days)).await.expect("verdict") }
    };
    assert_eq!(verdict(Satisfaction::Dissatisfied, 3).await, HandlingOutcome::Done { state: State::Pending }, "reopened to the lead");
    assert_eq!(count(&store, "SELECT COUNT(*) AS n FROM department_notices WHERE kind = 'complaint.reopened' AND department = 'health'").await, 1);
    let redispatch = Step::Dispatch { departments: vec![Department::Health], note: None };
    step(&store, health, id, redispatch, at_days(3)).await;
    step(&store, health, id, Step::Accept, at_days(3)).await;
    step(&store, health, id, Step::Reply { text: "复查属实，已责令整改。".into() }, at_days(4)).await;
    let close = Step::Close { finding: Finding::Substantiated, action_taken: "责令整改并约谈。".into() };
    assert_eq!(step(&store, health, id, close, at_days(4)).await, HandlingOutcome::Done { state: State::Closed });
    assert_eq!(verdict(Satisfaction::Dissatisfied, 5).await, HandlingOutcome::Done { state: State::Closed }, "reopens only once");
    assert_eq!(verdict(Satisfaction::Satisfied, 5).await, HandlingOutcome::Refused(ComplaintRefusal::VerdictAlreadyGiven));

    let family = store.complaint_view(id, Audience::Family).await.expect("view").expect("exists");
    let events: Vec<Event> = family.timeline.iter().map(|e| e.event).collect();
    assert!(events.contains(&Event::Reopened) && events.contains(&Event::Extended) && events.ends_with(&[Event::Replied, Event::Closed, Event::Verdict]), "{events:?}");
    assert_eq!(family.reply.as_deref(), Some("复查属实，已责令整改。"));
    let year_ago = Timestamp(at_days(5).0 - 365 * 86_400);
    assert_eq!(store.verified_complaints(FACILITY, year_ago).await.expect("verified").len(), 1);
    assert_inbox_orders(&store).await;
});

both_backends!(the_published_count_follows_the_domains_verified_findings, |store| {
    with_demo_data(&store).await;
    let health = supervisor(&store, Department::Health).await;
    for (i, &finding) in Finding::ALL.iter().enumerate() {
        let complaint = new_complaint(&input("health_care", "孩子发烧了机构没有及时通知家长。"), Author::Anonymous { password_hash: "h".into() }, 70 + i as u64, &format!("198.51.100.{}", 20 + i));
        let id = filed_id(&file(&store, &complaint, NOW).await);
        step(&store, health, id, Step::Accept, NOW).await;
        step(&store, health, id, Step::Reply { text: "已处理。".into() }, NOW).await;
        step(&store, health, id, Step::Close { finding, action_taken: "已处理。".into() }, NOW).await;
    }
    let shown = store.verified_complaints(FACILITY, Timestamp(NOW.0 - 1)).await.expect("verified");
    let expected = Finding::ALL.iter().filter(|f| f.is_verified()).count();
    assert_eq!(shown.len(), expected, "SQL counts exactly the findings Finding::is_verified counts");
    assert!(store.verified_complaints(FACILITY, Timestamp(NOW.0 + 1)).await.expect("later").is_empty(), "only the last 12 months");
});

both_backends!(merging_returns_and_the_lead_steps, |store| {
    with_demo_data(&store).await;
    let market = supervisor(&store, Department::Market).await;
    let health = supervisor(&store, Department::Health).await;
    let first = new_complaint(&input("food", "午饭的米饭没有煮熟，孩子回家肚子疼。"), Author::Anonymous { password_hash: "h".into() }, 80, "198.51.100.30");
    let second = new_complaint(&input("food", "同一天午饭米饭夹生，多个孩子不舒服。"), Author::Anonymous { password_hash: "h".into() }, 81, "198.51.100.31");
    let first_id = filed_id(&file(&store, &first, NOW).await);
    let second_id = filed_id(&file(&store, &second, NOW).await);
    let into_self = Step::Merge { into: first.code.clone(), note: None };
    assert_eq!(step(&store, health, first_id, into_self, NOW).await, HandlingOutcome::Refused(ComplaintRefusal::BadMerge));
    assert_eq!(step(&store, market, second_id, Step::Merge { into: first.code.clone(), note: None }, NOW).await, HandlingOutcome::Refused(ComplaintRefusal::NotYourStep));
    assert_eq!(step(&store, market, second_id, Step::ReturnToLead { reason: "应由卫生健康委处理".into() }, NOW).await, HandlingOutcome::Done { state: State::Pending });
    assert_eq!(step(&store, health, second_id, Step::Merge { into: first.code.clone(), note: None }, NOW).await, HandlingOutcome::Done { state: State::Merged });
    assert!(store.complaint_inbox(Department::Market, false, 50, 0).await.expect("inbox").iter().all(|i| i.id != second_id), "merged leaves the inbox");
    assert_inbox_orders(&store).await;
});

both_backends!(overdue_complaints_are_marked_once_with_two_workers, |store| {
    with_demo_data(&store).await;
    for i in 0..6 {
        let complaint = new_complaint(&input("fire_safety", "安全出口被杂物堵住了，无法通行。"), Author::Anonymous { password_hash: "h".into() }, 90 + i, &format!("198.51.100.{}", 40 + i));
        filed_id(&file(&store, &complaint, NOW).await);
    }
    assert!(store.mark_overdue_complaints(NOW).await.expect("watch").is_empty(), "nothing is late yet");
    let later = at_days(10);
    let (a, b) = tokio::join!(store.mark_overdue_complaints(later), store.mark_overdue_complaints(later));
    let (a, b) = (a.expect("worker a"), b.expect("worker b"));
    assert_eq!(a.len() + b.len(), 6, "each complaint marked by exactly one worker");
    assert!(a.iter().all(|id| !b.contains(id)));
    assert!(store.mark_overdue_complaints(at_days(11)).await.expect("again").is_empty(), "marked once per step");
    assert_eq!(count(&store, "SELECT COUNT(*) AS n FROM complaint_events WHERE action = 'overdue'").await, 6);
    assert_eq!(count(&store, "SELECT COUNT(*) AS n FROM department_notices WHERE kind = 'complaint.overdue'").await, 6);
    // The lead department's list of what needs attention: each late complaint with its code,
    // newest first; marking them read is for the department, and only what it was shown.
    let notices = store.department_notices(Department::Health, 50).await.expect("notices");
    assert_eq!(notices.len(), 6);
    assert!(notices.iter().all(|n| n.kind == "complaint.overdue" && n.code.starts_with("TS-") && n.read_at.is_none()));
    assert!(notices.windows(2).all(|w| w[0].id > w[1].id));
    assert!(store.department_notices(Department::Fire, 50).await.expect("fire").is_empty(), "told to the lead department");
    assert_eq!(store.mark_department_notices_read(Department::Fire, notices[0].id, later).await.expect("fire read"), 0);
    assert_eq!(store.mark_department_notices_read(Department::Health, notices[1].id, later).await.expect("read"), 5);
    assert_eq!(store.department_notices(Department::Health, 50).await.expect("notices").iter().filter(|n| n.read_at.is_none()).count(), 1);
    assert_inbox_orders(&store).await;
    // The inbox puts the nearest deadline first.
    let inbox = store.complaint_inbox(Department::Fire, false, 50, 0).await.expect("inbox");
    assert_eq!(inbox.len(), 6);
    assert!(inbox.windows(2).all(|w| w[0].due_at <= w[1].due_at));
});
