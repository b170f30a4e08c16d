//! Demo filings (演示数据): three organisations that registered to run a facility — one still
//! drafting, one waiting for the health commission's review, one returned with a reason — made
//! through the same store steps as real ones, so every filing state can be seen and tried.

use super::{DEMO_STAFF_PASSWORD, DEMO_TOTP_SECRET};
use crate::domain::calendar::Timestamp;
use crate::domain::filing::credit_code::check_character;
use crate::domain::filing::facts::{ClassInput, FactsInput};
use crate::domain::filing::materials::MaterialType;
use crate::domain::filing::{review_due, FilingItem, DEFAULT_REVIEW_WORKING_DAYS};
use crate::domain::operation::OperationId;
use crate::store::filings::{NewApplicant, NewMaterial};
use crate::store::operations::Operation;
use crate::store::{Store, StoreError};

/// How far a demo filing gets.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Stage {
    Draft,
    Submitted,
    Returned,
}

/// A stand-in document: a PDF header and the 演示数据 mark.
fn demo_pdf(item: FilingItem) -> Vec<u8> {
    format!("%PDF-1.4\n% 演示数据 / demo document: {}\n%%EOF\n", item.code()).into_bytes()
}

/// A deterministic operation id for the `n`-th demo step.
fn op(n: u64, actor: &str, kind: &'static str) -> Result<Operation, StoreError> {
    let id = OperationId::parse(&format!("00000000-0000-4000-8000-{:012x}", 0xf11e_0000 + n)).map_err(|_| StoreError::Encode("demo op id".into()))?;
    Operation::new(id, actor, kind, &n)
}

fn facts(name: &str, unit_code: u32, lon: f64, lat: f64, legal_rep_id: &str) -> FactsInput {
    FactsInput {
        name: name.into(),
        kind: "nursery".into(),
        ownership: "private".into(),
        inclusive: true,
        unit_code: unit_code.to_string(),
        address: "演示数据：示例路 1 号".into(),
        lon: lon.to_string(),
        lat: lat.to_string(),
        phone: "023-00000000".into(),
        opening_hours: "周一至周五 7:30–18:00".into(),
        service_types: vec!["full_day".into(), "temporary".into()],
        classes: vec![ClassInput { level: "infant".into(), capacity: "10".into() }, ClassInput { level: "toddler".into(), capacity: "15".into() }],
        serves_meals: true,
        legal_rep_name: "演示法人".into(),
        legal_rep_id: legal_rep_id.into(),
    }
}

/// Registers the demo organisations and takes their filings to their stages (after
/// `seed_demo_accounts`: the health commission's demo reviewer returns one). Returns how many.
pub async fn load_demo_filings(store: &Store, now: Timestamp) -> Result<usize, StoreError> {
    let password_hash = crate::auth::password::hash(DEMO_STAFF_PASSWORD).map_err(StoreError::Encode)?;
    let reviewer = store.staff_by_username("demo-health").await?.map(|a| format!("supervisor:{}", a.id));
    let list = [
        ("demo-applicant-1", "演示星光托育服务有限公司", "演示星光托育园", "91500112MA6000001", 500112002, 106.632, 29.718, Stage::Draft),
        ("demo-applicant-2", "演示彩虹托育服务有限公司", "演示彩虹托育园", "91500112MA6000002", 500112004, 106.615, 29.675, Stage::Submitted),
        ("demo-applicant-3", "演示向日葵托育服务有限公司", "演示向日葵托育园", "91500112MA6000003", 500112002, 106.633, 29.719, Stage::Returned),
    ];
    let mut step = 0;
    let mut made = 0;
    for (i, (username, organisation, name, code_start, unit, lon, lat, stage)) in list.into_iter().enumerate() {
        let first_17 = code_start;
        let credit_code = format!("{first_17}{}", check_character(first_17).ok_or_else(|| StoreError::Encode("demo credit code".into()))?);
        let new = NewApplicant {
            username: username.into(),
            password_hash: password_hash.clone(),
            organisation: organisation.into(),
            credit_code,
            contact_phone: format!("1390000098{i}"),
            demo_totp_secret: Some(DEMO_TOTP_SECRET.into()),
        };
        let Some((account_id, filing_id)) = store.register_applicant(&new, now).await? else { continue };
        made += 1;
        let actor = format!("applicant:{account_id}");
        // A valid, invented resident ID number (region 000000 does not exist).
        let id_first = format!("00000019800101{:03}", 900 + i);
        let legal_rep_id = format!("{id_first}{}", crate::domain::account::id_card::check_char(&id_first).unwrap_or('0'));
        let checked = facts(name, unit, lon, lat, &legal_rep_id).validate().map_err(|p| StoreError::Encode(format!("demo facts: {p:?}")))?;
        step += 1;
        store.save_filing_facts(&op(step, &actor, "filing.facts")?, filing_id, account_id, &checked, now).await?;
        let items: Vec<FilingItem> = FilingItem::materials().collect();
        let uploaded = if stage == Stage::Draft { &items[..3] } else { &items[..] };
        for item in uploaded {
            let bytes = demo_pdf(*item);
            let material = NewMaterial { item: *item, file_name: format!("演示数据-{}.pdf", item.code()), mime: MaterialType::Pdf, sha256: String::new(), bytes };
            step += 1;
            store.add_filing_material(&op(step, &actor, "filing.material")?, filing_id, account_id, &material, now).await?;
        }
        if stage == Stage::Draft {
            continue;
        }
        step += 1;
        store.submit_filing(&op(step, &actor, "filing.submit")?, filing_id, account_id, review_due(now, DEFAULT_REVIEW_WORKING_DAYS), now).await?;
        if let (Stage::Returned, Some(reviewer)) = (stage, &reviewer) {
            step += 1;
            let items = [(FilingItem::PremisesProof, "演示数据：租赁合同已到期，请上传续签后的合同。".to_string())];
            store.return_filing(&op(step, reviewer, "filing.return")?, filing_id, &items, now).await?;
        }
    }
    Ok(made)
}
