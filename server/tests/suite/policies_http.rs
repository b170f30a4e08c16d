//! Policy lookup and the calculators over `/api/v1`: public, pure (nothing stored), each line
//! naming its rule, and bad input refused with a 4xx in words naming the field.

use serde_json::json;

use crate::booking::api;
use crate::support::{both_backends, with_demo_data, TestServer};

fn facility_case() -> serde_json::Value {
    json!({
        "inclusive": true, "filed": true, "grade": "3", "ownership": "private", "housing_supported": false,
        "filed_places": 100, "enrolled_infant": 5, "enrolled_toddler": 15, "enrolled_older": 20,
        "rent_per_m2": "12", "national_model": false, "municipal_model": false, "price_breach": false
    })
}

both_backends!(policies_are_searchable_and_the_calculators_answer_line_by_line, |store| {
    with_demo_data(&store).await;
    let server = TestServer::start(store.clone()).await;

    // The catalogue: words, initials, audience; unknown audience and id refused.
    let (status, found, _) = api(&server, None, "GET", "/api/v1/policies?q=%E8%A1%A5%E8%B4%B4", None, "zh-CN").await;
    assert_eq!(status, 200, "{found}");
    assert!(found.as_array().expect("list").iter().any(|p| p["id"] == "childcare-subsidy"), "补贴 finds 育儿补贴: {found}");
    let (_, initials, _) = api(&server, None, "GET", "/api/v1/policies?q=yebt", None, "zh-CN").await;
    assert!(initials.as_array().expect("list").iter().any(|p| p["id"] == "childcare-subsidy"), "{initials}");
    let (_, facility, _) = api(&server, None, "GET", "/api/v1/policies?audience=facility", None, "zh-CN").await;
    assert!(facility.as_array().expect("list").iter().all(|p| p["audience"] == "facility"));
    for audience in ["school", ""] {
        let (status, body, _) = api(&server, None, "GET", &format!("/api/v1/policies?audience={audience}"), None, "en").await;
        assert_eq!((status, body["error"]["detail"]["reason"].as_str()), (422, Some("policy_audience")), "{audience:?}: {body}");
    }
    let (status, one, _) = api(&server, None, "GET", "/api/v1/policies/opening-subsidy", None, "zh-CN").await;
    assert_eq!((status, one["calculator"].as_str()), (200, Some("facility")), "{one}");
    assert_eq!(api(&server, None, "GET", "/api/v1/policies/no-such-policy", None, "zh-CN").await.0, 404);

    // The family calculator: a child born 15 March 2025, at the suite's today (29 November 2026).
    let family = json!({ "children": ["2025-03-15"], "chongqing_registered": true, "hardship": "low_income", "inclusive_facility": true, "split": "one_parent", "monthly_taxable_income": "8000" });
    let (status, answer, _) = api(&server, None, "POST", "/api/v1/calculators/family", Some(family.clone()), "zh-CN").await;
    assert_eq!(status, 200, "{answer}");
    let subsidy: Vec<(i64, i64)> = answer["lines"].as_array().expect("lines").iter().filter(|l| l["rule"] == "childcare-subsidy").map(|l| (l["year"].as_i64().unwrap_or_default(), l["amount_fen"].as_i64().unwrap_or_default())).collect();
    assert_eq!(subsidy, vec![(2025, 300_000), (2026, 360_000), (2027, 360_000), (2028, 60_000)]);
    assert_eq!(answer["total_received_fen"].as_i64(), Some(1_080_000 + 310_000), "36 months and a year's hardship aid");
    assert_eq!(answer["marginal_rate_percent"].as_i64(), Some(10));
    assert!(answer["lines"].as_array().expect("lines").iter().all(|l| l["policy_id"].as_str().is_some_and(|id| !id.is_empty())));

    // The facility calculator: the 三级 普惠 facility of 100 places and 40 children.
    let (status, answer, _) = api(&server, None, "POST", "/api/v1/calculators/facility", Some(facility_case()), "zh-CN").await;
    assert_eq!(status, 200, "{answer}");
    assert_eq!((answer["first_year_fen"].as_i64(), answer["total_fen"].as_i64()), (Some(25_250_000), Some(50_500_000)), "{answer}");

    // Bad input: a 4xx naming the field, in the reader's language.
    let mut future = family.clone();
    future["children"] = json!(["2030-01-01"]);
    let (status, zh, _) = api(&server, None, "POST", "/api/v1/calculators/family", Some(future.clone()), "zh-CN").await;
    assert_eq!((status, zh["error"]["detail"]["reason"].as_str()), (422, Some("policy_birth_date")), "{zh}");
    assert!(zh["message"].as_str().expect("message").contains("出生日期"), "{zh}");
    let (_, en, _) = api(&server, None, "POST", "/api/v1/calculators/family", Some(future), "en").await;
    assert!(en["message"].as_str().expect("message").contains("date of birth"), "{en}");
    for (field, value, reason) in [
        ("rent_per_m2", json!("1001"), "policy_rent"),
        ("rent_per_m2", json!("十元"), "policy_rent"),
        ("enrolled_older", json!(200), "policy_enrolled"),
        ("grade", json!("4"), "policy_grade"),
        ("ownership", json!("church"), "policy_ownership"),
        ("filed_places", json!(0), "policy_filed_places"),
    ] {
        let mut case = facility_case();
        case[field] = value;
        let (status, body, _) = api(&server, None, "POST", "/api/v1/calculators/facility", Some(case), "zh-CN").await;
        assert_eq!((status, body["error"]["detail"]["reason"].as_str()), (422, Some(reason)), "{field}: {body}");
    }
    let (status, _, _) = api(&server, None, "POST", "/api/v1/calculators/facility", Some(json!({ "filed_places": -1 })), "zh-CN").await;
    assert_eq!(status, 400, "malformed");
});
