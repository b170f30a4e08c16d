//! The documents a childcare facility files (national rules for the registration and filing of
//! childcare institutions): each is an uploaded file checked by its content, and each may be
//! replaced while the filing is open, its earlier versions kept.

use super::{FilingKind, FilingRefusal};

/// The largest file accepted for one item.
pub const MAX_MATERIAL_BYTES: usize = 10 * 1024 * 1024;

crate::coded_enum! {
    /// What a filing consists of: its facts, and one file per document. A reviewer may return
    /// any of them with a reason.
    pub enum FilingItem {
        /// The facility's public facts and its legal representative (typed into the form).
        Facts = "facts",
        /// 营业执照, 事业单位法人证书 or 民办非企业单位登记证书.
        RegistrationCertificate = "registration_certificate",
        /// 场地证明: title deed or lease of the premises.
        PremisesProof = "premises_proof",
        /// 消防验收或备案证明, or the fire-safety inspection certificate.
        FireSafety = "fire_safety",
        /// 托育机构卫生评价报告, rated 合格.
        HealthEvaluation = "health_evaluation",
        /// 食品经营许可证: only when the facility serves meals.
        FoodLicence = "food_licence",
        /// Staff qualification certificates and health certificates.
        StaffCertificates = "staff_certificates",
        /// 承诺书: the organisation's signed commitment that what it files is true.
        Commitment = "commitment",
    }
}

impl FilingItem {
    /// Whether this item is a file (everything but the typed facts).
    pub fn is_material(self) -> bool {
        self != FilingItem::Facts
    }

    /// Whether a filing must hold this file before it can be submitted. A first filing needs
    /// every document (the food licence only where meals are served); a change or a closure
    /// needs none, but may carry any that the change concerns (a new lease, say).
    pub fn is_required(self, kind: FilingKind, serves_meals: bool) -> bool {
        match (kind, self) {
            (FilingKind::Change | FilingKind::Closure, _) | (_, FilingItem::Facts) => false,
            (FilingKind::Initial, FilingItem::FoodLicence) => serves_meals,
            (FilingKind::Initial, _) => true,
        }
    }

    /// The files, in the order the form lists them.
    pub fn materials() -> impl Iterator<Item = FilingItem> {
        FilingItem::ALL.iter().copied().filter(|i| i.is_material())
    }
}

crate::coded_enum! {
    /// The kinds of file accepted, known by their first bytes (never by name or claimed type).
    pub enum MaterialType {
        Pdf = "application/pdf",
        Jpeg = "image/jpeg",
        Png = "image/png",
    }
}

/// The type of an uploaded file from its content, or why it is refused.
pub fn material_type(bytes: &[u8]) -> Result<MaterialType, FilingRefusal> {
    if bytes.is_empty() {
        return Err(FilingRefusal::FilingFileType);
    }
    if bytes.len() > MAX_MATERIAL_BYTES {
        return Err(FilingRefusal::FilingFileTooLarge);
    }
    if bytes.starts_with(b"%PDF-") {
        Ok(MaterialType::Pdf)
    } else if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Ok(MaterialType::Jpeg)
    } else if bytes.starts_with(&[0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A]) {
        Ok(MaterialType::Png)
    } else {
        Err(FilingRefusal::FilingFileType)
    }
}

/// The items a submission still lacks.
pub fn missing_materials(kind: FilingKind, present: &[FilingItem], serves_meals: bool) -> Vec<FilingItem> {
    FilingItem::materials().filter(|item| item.is_required(kind, serves_meals) && !present.contains(item)).collect()
}
