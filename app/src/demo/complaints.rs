//! Demo complaints: invented, deterministic, in every state and across the departments, so the
//! inbox, the tracking page and the facility pages' verified counts mean something on `make
//! run`. They go through the store's own filing and handling (so their states, deadlines and
//! timelines are real), filed anonymously with a password nobody knows, then flagged `is_demo`
//! (shown as 演示数据). Texts are our own words.

use super::Rng;
use crate::args;
use crate::domain::account::roles::Department;
use crate::domain::calendar::{CivilDate, Timestamp};
use crate::domain::complaint::deadline::Limits;
use crate::domain::complaint::handling::Step;
use crate::domain::complaint::routing::{route, Category, LEAD_DEPARTMENT};
use crate::domain::complaint::state::{Finding, Satisfaction};
use crate::domain::complaint::tracking::TrackingCode;
use crate::domain::complaint::{ComplaintDraft, Kind, Place};
use crate::domain::operation::OperationId;
use crate::store::complaints::{Author, FilingOutcome, NewComplaint, StaffActor};
use crate::store::operations::Operation;
use crate::store::{Store, StoreError};

/// How many demo complaints there are.
pub const DEMO_COMPLAINTS: usize = 48;

/// What each demo complaint says, by category.
fn description(category: Category) -> &'static str {
    match category {
        Category::FeesPrices => "本月账单里多了一笔没有公示的材料费，问老师也说不清楚。",
        Category::Food => "孩子连续几天说午饭的菜是凉的，希望机构注意饭菜温度。",
        Category::FireSafety => "二楼活动室旁的安全出口堆放了很多纸箱，通道被挡住了。",
        Category::Premises => "楼梯扶手有一段松动，孩子上下楼时容易出危险。",
        Category::HealthCare => "班上有孩子出水痘，机构没有及时告知其他家长。",
        Category::StaffQualifications => "新来的保育老师好像没有健康证，希望核实一下。",
        Category::ChildHarm => "接孩子时看到手臂上有抓痕，老师说不知道怎么回事。",
        Category::KindergartenClass => "幼儿园托班的收费和招生简章上写的不一样。",
        Category::StaffEmployment => "听老师说机构已经两个月没有发工资了，担心影响孩子。",
        Category::UnfiledOperation => "小区里有人在家里同时照看七八个孩子，没有任何公示。",
        Category::Other => "希望机构周六也能提供半天的临时托。",
    }
}

/// How far along a demo complaint gets.
#[derive(Clone, Copy)]
enum Stage {
    Dispatched,
    Accepted,
    Replied,
    Closed(Finding),
    Returned,
    Reopened,
}

const STAGES: [Stage; 8] = [
    Stage::Dispatched,
    Stage::Accepted,
    Stage::Replied,
    Stage::Closed(Finding::Substantiated),
    Stage::Closed(Finding::PartlySubstantiated),
    Stage::Closed(Finding::Unfounded),
    Stage::Returned,
    Stage::Reopened,
];

/// The operation of demo complaint `n`'s `k`-th write (0: filing). Deterministic: loading
/// twice would replay, not double.
fn op(n: usize, k: usize) -> Result<Operation, StoreError> {
    let id = OperationId::parse(&format!("00000000-0000-4000-8000-{n:08x}{k:04x}")).map_err(|_| StoreError::Encode("demo op id".into()))?;
    Operation::new(id, "demo", "complaint.demo", &(n, k))
}

/// Files and handles the demo complaints about the first `facilities` demo facilities, as
/// `supervisors` (one account per department; departments without one are acted for by the
/// lead's account, which is how the demo stays small). Returns how many were made.
pub async fn load_complaints(store: &Store, seed: u64, facilities: i64, supervisors: &[(Department, i64)], now: Timestamp) -> Result<usize, StoreError> {
    let Some(&(_, lead_account)) = supervisors.iter().find(|(d, _)| *d == LEAD_DEPARTMENT) else { return Ok(0) };
    let mut rng = Rng(seed ^ 0x434F_4D50_4C41);
    let limits = Limits::default();
    let mut made = 0;
    for n in 0..DEMO_COMPLAINTS {
        let category = Category::ALL[n % Category::ALL.len()];
        let stage = STAGES[(n / Category::ALL.len() + n) % STAGES.len()];
        let filed_at = Timestamp(now.0 - rng.range(1, 200) as i64 * Timestamp::SECONDS_PER_DAY - rng.range(0, 36_000) as i64);
        let place = if category == Category::UnfiledOperation {
            Place::Unlisted { name: "某小区家庭托儿点".into(), address: "渝北区某小区（演示数据）".into(), point: None }
        } else {
            Place::Facility(rng.range(1, facilities.max(1) as u32) as i64)
        };
        let draft = ComplaintDraft {
            kind: if category == Category::Other { Kind::Suggestion } else { Kind::Complaint },
            category,
            place,
            occurred_on: CivilDate::in_china_at(Timestamp(filed_at.0 - Timestamp::SECONDS_PER_DAY)),
            description: description(category).into(),
        };
        let complaint = NewComplaint {
            draft,
            author: Author::Anonymous { password_hash: "demo: no password opens this".into() },
            code: TrackingCode::new(CivilDate::in_china_at(filed_at).year(), rng.next_u64()),
            photos: Vec::new(),
            client_address: format!("demo-{n}"),
        };
        let FilingOutcome::Filed { complaint_id, .. } = store.file_complaint(&op(n, 0)?, &complaint, &limits, filed_at).await? else { continue };
        let handler = route(category)[0];
        let account = supervisors.iter().find(|(d, _)| *d == handler).map(|(_, a)| *a).unwrap_or(lead_account);
        let actor = StaffActor { account_id: account, department: handler };
        let lead = StaffActor { account_id: lead_account, department: LEAD_DEPARTMENT };
        let at = |hours: i64| Timestamp(filed_at.0 + hours * 3600);
        let steps: Vec<(StaffActor, Step, Timestamp)> = match stage {
            Stage::Dispatched => vec![],
            Stage::Accepted => vec![(actor, Step::Accept, at(3))],
            Stage::Replied | Stage::Reopened => vec![(actor, Step::Accept, at(3)), (actor, Step::Reply { text: "已到机构核实，要求其整改并向家长说明。".into() }, at(72))],
            Stage::Closed(finding) => vec![
                (actor, Step::Accept, at(3)),
                (actor, Step::Reply { text: "已到机构核实并处理，结果如下。".into() }, at(72)),
                (actor, Step::Close { finding, action_taken: "责令机构限期整改，整改情况已复查。".into() }, at(96)),
            ],
            Stage::Returned if handler != LEAD_DEPARTMENT => vec![(actor, Step::ReturnToLead { reason: "不属于本部门职责，请重新分派。".into() }, at(5))],
            Stage::Returned => vec![(lead, Step::Accept, at(3))],
        };
        for (i, (by, step, when)) in steps.into_iter().enumerate() {
            store.complaint_step(&op(n, i + 1)?, by, complaint_id, &step, &limits, when).await?;
        }
        if matches!(stage, Stage::Reopened) {
            store.complaint_verdict(&op(n, 9)?, complaint_id, Satisfaction::Dissatisfied, &limits, at(80)).await?;
        }
        store.db().execute("flag demo complaint", "UPDATE complaints SET is_demo = $1 WHERE id = $2", args![true, complaint_id]).await?;
        made += 1;
    }
    Ok(made)
}
