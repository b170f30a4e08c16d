//! Published fees (收费公示) and the district's price caps. A fee entry is inserted once and never
//! changed; the class's monthly fee the finder filters on follows the full-day care fee in force
//! (`bring_class_fees_up_to_date`, the SQL form of `FeeSchedule::full_day_fee_yuan`).

use serde::{Deserialize, Serialize};

use super::db::{IdRow, SqlBuilder, Tx};
use super::operations::Operation;
use super::{Store, StoreError};
use crate::args;
use crate::domain::calendar::{CivilDate, Timestamp};
use crate::domain::facility::{ClassLevel, ServiceType};
use crate::domain::fees::caps::PriceCap;
use crate::domain::fees::{may_withdraw, FeeDraft, FeeItem, FeeRefusal, PriceCaps, PublishedFee};
use crate::domain::policy::money::Fen;

/// What publishing or withdrawing a fee did (stored with the operation id, so a replay gets it).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum FeeOutcome {
    Published { fee_id: i64 },
    Withdrawn,
    NotFound,
    Refused(FeeRefusal),
}

/// A demo fee entry (no operator account, no operation id).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewDemoFee {
    pub facility_id: i64,
    pub draft: FeeDraft,
}

#[derive(sqlx::FromRow)]
struct FeeRow {
    id: i64,
    kind: String,
    class_level: Option<String>,
    service_type: Option<String>,
    name: Option<String>,
    unit: String,
    amount_fen: i64,
    applies_from: String,
    is_demo: bool,
}

impl FeeRow {
    fn into_fee(self) -> Option<PublishedFee> {
        let item = FeeItem::from_parts(&self.kind, self.class_level.as_deref(), self.service_type.as_deref(), self.name.as_deref(), &self.unit)?;
        let applies_from = CivilDate::parse(&self.applies_from).ok()?;
        Some(PublishedFee { id: self.id, item, amount: Fen(self.amount_fen), applies_from, is_demo: self.is_demo })
    }
}

#[derive(sqlx::FromRow)]
struct CapRow {
    class_level: String,
    service_type: String,
    cap_fen: i64,
    is_demo: bool,
}

#[derive(sqlx::FromRow)]
struct StartRow {
    applies_from: String,
}

/// The columns of one fee entry after `(facility_id, `, in `insert` order.
fn push_fee_values(sql: &mut SqlBuilder, draft: &FeeDraft) {
    let (level, service, name) = match &draft.item {
        FeeItem::Care { level, service } => (Some(level.code().to_string()), Some(service.code().to_string()), None),
        FeeItem::Meals => (None, None, None),
        FeeItem::Other { name, .. } => (None, None, Some(name.clone())),
    };
    sql.arg(draft.item.key()).push(", ").arg(draft.item.kind().code()).push(", ").arg(level).push(", ").arg(service).push(", ").arg(name);
    sql.push(", ").arg(draft.item.unit().code()).push(", ").arg(draft.amount.0).push(", ").arg(draft.applies_from.to_string());
}

const INSERT_COLUMNS: &str = "INSERT INTO fee_items (facility_id, item_key, kind, class_level, service_type, name, unit, amount_fen, applies_from, published_by, op_id, is_demo, created_at) VALUES ";

/// Sets each class's monthly fee to the full-day care fee in force on `today` (in whole yuan,
/// rounded up), for one facility or all. Classes without such a fee keep the figure they have.
/// Returns how many classes changed.
async fn bring_class_fees_up_to_date(tx: &mut Tx, facility_id: Option<i64>, today: CivilDate) -> Result<u64, StoreError> {
    let day = today.to_string();
    // The full-day fee of the class's level that applies: the latest entry from today or before.
    let in_force = |placeholder: &str| {
        format!(
            "(SELECT (f.amount_fen + 99) / 100 FROM fee_items f WHERE f.facility_id = classes.facility_id \
             AND f.item_key = 'care:' || classes.level || ':full_day' AND f.applies_from <= {placeholder} ORDER BY f.applies_from DESC LIMIT 1)"
        )
    };
    let mut sql = format!("UPDATE classes SET monthly_fee = {} WHERE {} IS NOT NULL AND monthly_fee <> {}", in_force("$1"), in_force("$2"), in_force("$3"));
    let mut args = args![day.clone(), day.clone(), day];
    if let Some(id) = facility_id {
        sql.push_str(" AND facility_id = $4");
        args.push(id.into());
    }
    tx.execute("bring class fees up to date", &sql, args).await
}

impl Store {
    /// The district's caps for 普惠 care fees.
    pub async fn price_caps(&self) -> Result<PriceCaps, StoreError> {
        let rows: Vec<CapRow> = self.db().fetch_all("read price caps", "SELECT class_level, service_type, cap_fen, is_demo FROM price_caps", args![]).await?;
        let is_demo = rows.iter().any(|r| r.is_demo);
        let caps = rows
            .into_iter()
            .filter_map(|r| Some(PriceCap { level: ClassLevel::from_code(&r.class_level)?, service: ServiceType::from_code(&r.service_type)?, cap: Fen(r.cap_fen) }))
            .collect();
        Ok(PriceCaps { caps, is_demo })
    }

    /// Every fee entry of a facility, in no particular order (`FeeSchedule::on` sorts them).
    pub async fn facility_fees(&self, facility_id: i64) -> Result<Vec<PublishedFee>, StoreError> {
        let rows: Vec<FeeRow> = self
            .db()
            .fetch_all(
                "read facility fees",
                "SELECT id, kind, class_level, service_type, name, unit, amount_fen, applies_from, is_demo FROM fee_items WHERE facility_id = $1",
                args![facility_id],
            )
            .await?;
        Ok(rows.into_iter().filter_map(FeeRow::into_fee).collect())
    }

    /// Publishes a checked fee for the operator's facility, once per operation id. The same item
    /// from the same day is refused (one conditional insert decides, so two taps cannot both win).
    pub async fn publish_fee(&self, op: &Operation, facility_id: i64, account_id: i64, draft: &FeeDraft, now: Timestamp) -> Result<FeeOutcome, StoreError> {
        let (op_id, draft) = (op.id.to_string(), draft.clone());
        let today = CivilDate::in_china_at(now);
        self.apply_once(op, now, move |tx| {
            let (op_id, draft) = (op_id.clone(), draft.clone());
            Box::pin(async move {
                let mut sql = SqlBuilder::new(INSERT_COLUMNS);
                sql.push("(").arg(facility_id).push(", ");
                push_fee_values(&mut sql, &draft);
                sql.push(", ").arg(account_id).push(", ").arg(op_id).push(", ").arg(false).push(", ").arg(now.0).push(")");
                sql.push(" ON CONFLICT (facility_id, item_key, applies_from) DO NOTHING RETURNING id");
                let (sql, args) = sql.finish();
                let inserted: Option<IdRow> = tx.fetch_optional("publish fee", &sql, args).await?;
                let Some(row) = inserted else { return Ok(FeeOutcome::Refused(FeeRefusal::FeeDuplicate)) };
                if draft.applies_from <= today {
                    bring_class_fees_up_to_date(tx, Some(facility_id), today).await?;
                }
                Ok(FeeOutcome::Published { fee_id: row.id })
            })
        })
        .await
    }

    /// Withdraws a fee of the operator's facility that has not started yet (one conditional delete).
    pub async fn withdraw_fee(&self, op: &Operation, facility_id: i64, fee_id: i64, now: Timestamp) -> Result<FeeOutcome, StoreError> {
        let today = CivilDate::in_china_at(now);
        self.apply_once(op, now, move |tx| {
            Box::pin(async move {
                let deleted = tx
                    .execute("withdraw fee", "DELETE FROM fee_items WHERE id = $1 AND facility_id = $2 AND applies_from > $3", args![fee_id, facility_id, today.to_string()])
                    .await?;
                if deleted == 1 {
                    return Ok(FeeOutcome::Withdrawn);
                }
                // Nothing deleted: say why (someone else's or unknown fee reads as not found).
                let fee: Option<StartRow> =
                    tx.fetch_optional("read fee start", "SELECT applies_from FROM fee_items WHERE id = $1 AND facility_id = $2", args![fee_id, facility_id]).await?;
                Ok(match fee.map(|f| CivilDate::parse(&f.applies_from)) {
                    Some(Ok(start)) => may_withdraw(start, today).err().map(FeeOutcome::Refused).unwrap_or(FeeOutcome::NotFound),
                    _ => FeeOutcome::NotFound,
                })
            })
        })
        .await
    }

    /// Brings every class's monthly fee up to the full-day care fee in force today (run daily by
    /// the server; safe when two servers run it at once: the update sets the same value).
    pub async fn apply_due_fees(&self, today: CivilDate) -> Result<u64, StoreError> {
        let mut tx = self.db().begin_write().await?;
        let changed = bring_class_fees_up_to_date(&mut tx, None, today).await?;
        tx.commit().await?;
        Ok(changed)
    }

    /// Stores demo fee entries in bulk, then brings the class fees up to date.
    pub async fn insert_demo_fees(&self, fees: &[NewDemoFee], now: Timestamp) -> Result<(), StoreError> {
        let mut tx = self.db().begin_write().await?;
        for chunk in fees.chunks(200) {
            let mut sql = SqlBuilder::new(INSERT_COLUMNS);
            for (i, fee) in chunk.iter().enumerate() {
                sql.push(if i == 0 { "(" } else { ", (" }).arg(fee.facility_id).push(", ");
                push_fee_values(&mut sql, &fee.draft);
                sql.push(", NULL, NULL, ").arg(true).push(", ").arg(now.0).push(")");
            }
            let (sql, args) = sql.finish();
            tx.execute("insert demo fees", &sql, args).await?;
        }
        bring_class_fees_up_to_date(&mut tx, None, CivilDate::in_china_at(now)).await?;
        tx.commit().await
    }
}
