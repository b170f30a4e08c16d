//! Demo activities and talks, and the demo expert with a few answered questions, so that the
//! 家长课堂 pages have something to show. Written through the same store functions the pages
//! use, with fixed operation ids: loading twice replays instead of doubling.

use crate::domain::activity::{ActivityInput, Host};
use crate::domain::calendar::{CivilDate, Timestamp, CHINA_UTC_OFFSET_SECS};
use crate::domain::expert::QuestionInput;
use crate::domain::operation::OperationId;
use crate::store::activities::Publisher;
use crate::store::operations::Operation;
use crate::store::{Store, StoreError};

/// The demo expert's title, shown under each answer.
const EXPERT_TITLE: &str = "儿童保健科主治医师";

/// (kind, host, host name, title, English title, place, ages, days from today, hour, minutes, places)
type DemoActivity = (&'static str, Host, &'static str, &'static str, &'static str, &'static str, (u32, u32), i64, i64, u32, u32);

const ACTIVITIES: &[DemoActivity] = &[
    ("talk", Host::HealthCentre, "双凤桥街道社区卫生服务中心", "辅食添加入门讲座", "Starting solid foods: a talk", "中心三楼健康教育室", (4, 12), 3, 9, 90, 30),
    ("parent_child", Host::GuidanceCentre, "渝北区托育综合服务指导中心", "亲子共读：一起看绘本", "Reading picture books together", "指导中心一楼亲子活动室", (12, 36), 5, 10, 60, 12),
    ("talk", Host::HealthCentre, "龙溪街道社区卫生服务中心", "宝宝发热了怎么办", "When a baby has a fever", "中心二楼会议室", (0, 36), 8, 14, 60, 40),
    ("parent_child", Host::Facility, "", "亲子体能游戏开放日", "Open day: movement games", "机构室外活动场地", (18, 36), 10, 15, 60, 10),
    ("talk", Host::GuidanceCentre, "渝北区托育综合服务指导中心", "家庭里的伤害预防", "Preventing injuries at home", "指导中心二楼报告厅", (0, 36), 15, 19, 90, 60),
    ("parent_child", Host::HealthCentre, "回兴街道社区卫生服务中心", "婴儿抚触和俯卧练习", "Baby massage and tummy time", "中心儿童保健门诊旁活动室", (1, 6), 1, 10, 45, 8),
];

/// (age in months, topic, question, answer or nothing yet, asked this many days ago)
type DemoQuestion = (u32, &'static str, &'static str, Option<&'static str>, i64);

const QUESTIONS: &[DemoQuestion] = &[
    (
        7,
        "feeding",
        "宝宝 7 个月，刚开始吃辅食，每次只吃几口就扭头不吃了，需要多喂一些吗？",
        Some("刚开始添加辅食时吃得少很常见，这个阶段奶仍然是主要的食物，辅食是让宝宝学会吃、适应新味道和口感。请留意宝宝的信号：张嘴、身体前倾说明还想吃，扭头、闭嘴、推开勺子说明吃够了，不要追着喂或哄着多喂。可以每次只加一种新食物，连续几天观察有没有不适，再加下一种，优先选择富含铁的食物，比如强化铁的米粉、肉泥。体重、身长增长正常就不必担心；如果体重增长放缓，请在体检时告诉医生。"),
        20,
    ),
    (
        18,
        "play",
        "孩子一岁半了，会叫爸爸妈妈，但别的词几乎不说，需要去医院看看吗？",
        Some("这个月龄前后，多数孩子除了“爸爸”“妈妈”，还会试着说几个别的词，也能听懂简单的指令。每个孩子的节奏不同，但建议您在 18 月龄体检时把这个情况告诉儿童保健医生，请医生评估语言和整体发育；如果孩子让他指东西时不会指、和人没有眼神交流、还不会自己走路，请尽早就诊。平时多和孩子面对面说话，说出他正在看、正在做的事，一起看图画书，等他回应，比看屏幕更有帮助。"),
        12,
    ),
    (
        3,
        "care",
        "宝宝三个月，晚上还要醒两三次吃奶，是不是该断夜奶了？",
        Some("三个月的宝宝夜里醒来吃奶是正常的，胃容量小，多数还需要夜间喂养，现在不必刻意断夜奶。可以帮助宝宝慢慢分清白天和夜晚：白天多在明亮处互动，夜里喂奶时光线暗、少说话，喂完就放回床上。生长正常、白天精神好，就不用担心；如果吃奶明显减少或体重不长，请到儿童保健门诊咨询。"),
        6,
    ),
    (
        26,
        "safety",
        "两岁多的孩子坐车总是哭闹，可以大人抱着坐吗？",
        None,
        7,
    ),
    (
        10,
        "health",
        "宝宝 10 个月，最近拉肚子两天了，精神还好，在家要注意什么？",
        None,
        1,
    ),
];

/// The demo write `n` of `kind`: each kind has its own block of ids, so none is used twice.
fn op(kind: &'static str, n: usize, k: usize) -> Result<Operation, StoreError> {
    let block = match kind {
        "activity.publish" => 1,
        "question.ask" => 2,
        _ => 3,
    };
    let id = OperationId::parse(&format!("00000000-0000-4000-900{block}-{n:08x}{k:04x}")).map_err(|_| StoreError::Encode("demo op id".into()))?;
    Operation::new(id, "demo", kind, &(n, k))
}

/// `days` from the day of `now`, at `hour`:00 Chongqing time.
fn day_at(now: Timestamp, days: i64, hour: i64) -> Timestamp {
    let day = CivilDate::in_china_at(now).days_since_epoch() + days;
    Timestamp(day * 86_400 + hour * 3600 - CHINA_UTC_OFFSET_SECS)
}

pub async fn load(store: &Store, now: Timestamp) -> Result<usize, StoreError> {
    let Some(health) = store.staff_by_username("demo-health").await? else { return Ok(0) };
    let Some(operator) = store.staff_by_username("demo-operator-1").await? else { return Ok(0) };
    let Some(expert) = store.staff_by_username(super::DEMO_EXPERT).await? else { return Ok(0) };
    let facility_name = store.facility(1).await?.map(|f| f.name).unwrap_or_default();
    let mut published = 0;
    for (n, (kind, host, host_name, title, title_en, place, (age_from, age_to), days, hour, minutes, capacity)) in ACTIVITIES.iter().enumerate() {
        let (publisher, host_name) = match host {
            Host::Facility => (Publisher { account_id: operator.id, facility_id: Some(1) }, facility_name.as_str()),
            _ => (Publisher { account_id: health.id, facility_id: None }, *host_name),
        };
        let input = ActivityInput {
            kind: (*kind).into(),
            host: host.code().into(),
            host_name: host_name.into(),
            title: (*title).into(),
            title_en: (*title_en).into(),
            place: (*place).into(),
            age_from: *age_from,
            age_to: *age_to,
            minutes: *minutes,
            capacity: *capacity,
        };
        let Ok(draft) = input.validate(Some(day_at(now, *days, *hour)), now) else { continue };
        store.publish_activity(&op("activity.publish", n, 0)?, publisher, &draft, now).await?;
        published += 1;
    }
    store.add_expert(expert.id, EXPERT_TITLE).await?;
    let families: Vec<crate::store::db::IdRow> =
        store.db().fetch_all("pick demo families", "SELECT id FROM accounts WHERE kind = 'parent' AND is_demo AND deleted_at IS NULL ORDER BY id LIMIT 10", crate::args![]).await?;
    for (n, ((age, topic, text, answer, days_ago), family)) in QUESTIONS.iter().zip(families.iter()).enumerate() {
        let asked_at = Timestamp(now.0 - days_ago * 86_400);
        let input = QuestionInput { age_months: age.to_string(), topic: (*topic).into(), text: (*text).into(), may_publish: true };
        let Ok(draft) = input.validate() else { continue };
        store.ask_expert(&op("question.ask", n, 0)?, family.id, &draft, asked_at).await?;
        if let Some(answer) = answer {
            let question = store.questions_of(family.id).await?.into_iter().next().map(|q| q.id);
            if let Some(question_id) = question {
                store.answer_question(&op("question.answer", n, 1)?, expert.id, question_id, answer, true, Timestamp(asked_at.0 + 86_400)).await?;
            }
        }
    }
    Ok(published)
}
