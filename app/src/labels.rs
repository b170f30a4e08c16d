//! Words the product shows for codes, numbers and errors (zh-CN).

use crate::domain::calendar::{CivilDate, Timestamp};
use crate::domain::district::unit_by_code;
use crate::domain::facility::{ClassLevel, FacilityKind, FilingStatus, Grade, Ownership, ServiceType};
use crate::domain::vacancy::Vacancy;
use crate::error::AppError;

pub fn facility_kind(kind: FacilityKind) -> &'static str {
    match kind {
        FacilityKind::Nursery => "托育机构",
        FacilityKind::KindergartenClass => "幼儿园托班",
        FacilityKind::Employer => "用人单位办托",
        FacilityKind::Community => "社区嵌入式",
        FacilityKind::MedicalCare => "医育结合",
    }
}

pub fn ownership(ownership: Ownership) -> &'static str {
    match ownership {
        Ownership::Public => "公办",
        Ownership::Private => "民办",
        Ownership::PublicBuiltPrivateRun => "公建民营",
        Ownership::PrivateWithPublicAid => "民办公助",
    }
}

pub fn filing_status(status: FilingStatus) -> &'static str {
    match status {
        FilingStatus::NotFiled => "未备案",
        FilingStatus::UnderReview => "备案审核中",
        FilingStatus::Filed => "已备案",
        FilingStatus::Revoked => "备案已撤销",
    }
}

pub fn grade(grade: Grade) -> &'static str {
    match grade {
        Grade::One => "一级",
        Grade::Two => "二级",
        Grade::Three => "三级",
        Grade::Ungraded => "未评定",
    }
}

pub fn service_type(service: ServiceType) -> &'static str {
    match service {
        ServiceType::FullDay => "全日托",
        ServiceType::HalfDay => "半日托",
        ServiceType::Hourly => "计时托",
        ServiceType::Temporary => "临时托",
    }
}

pub fn class_level(level: ClassLevel) -> &'static str {
    match level {
        ClassLevel::Infant => "乳儿班",
        ClassLevel::Toddler => "托小班",
        ClassLevel::Older => "托大班",
    }
}

/// "6–12 个月" for a class.
pub fn class_ages(level: ClassLevel) -> String {
    let (from, to) = level.age_months();
    format!("{from}–{to} 个月")
}

pub fn vacancy(vacancy: Vacancy) -> String {
    match vacancy {
        Vacancy::Free(n) => format!("余 {n} 个托位"),
        Vacancy::Full => "暂无空位".to_string(),
        Vacancy::Unknown => "未更新".to_string(),
    }
}

/// The street or town name for a code, or a neutral word if the code is not the district's.
pub fn unit_name(code: u32) -> String {
    unit_by_code(code).map(|u| u.full_name()).unwrap_or_else(|| "渝北区".to_string())
}

pub fn monthly_fee(yuan: u32) -> String {
    format!("{yuan} 元/月")
}

/// The China date of an instant, e.g. 2026-11-29.
pub fn date(at: Timestamp) -> String {
    CivilDate::in_china_at(at).to_string()
}

/// A sentence for people; technical details stay in the server log.
pub fn error_message(error: &AppError) -> String {
    match error {
        AppError::NotFound => "没有找到这条记录，它可能已被删除或链接有误。".into(),
        AppError::BadInput { field } => format!("“{}”填写有误，请检查后再试。", field_label(field)),
        AppError::BadRequest => "请求格式有误，请刷新页面后再试。".into(),
        AppError::OperationConflict => "这次操作与之前提交的内容不一致，请刷新页面后重新操作。".into(),
        AppError::Unavailable => "服务暂时繁忙，请稍后再试。".into(),
        AppError::Network => "网络连接不畅，请检查网络后再试。".into(),
        AppError::Internal => "系统出了点问题，我们已记录，请稍后再试。".into(),
    }
}

/// Names of input fields as the forms call them.
pub fn field_label(field: &str) -> &'static str {
    match field {
        "q" => "搜索内容",
        "street" => "街镇",
        "page" => "页码",
        _ => "输入内容",
    }
}
