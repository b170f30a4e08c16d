//! Which departments handle a complaint: one table, from what the family says happened to the
//! district departments responsible for it (the plan's item 20 and its list of department
//! responsibilities). The first department of a route is the one that replies (主办); the others
//! work on it too (协办). The health commission leads: it triages what fits nowhere else and
//! takes back disputed dispatches.

use crate::domain::account::roles::Department;

crate::coded_enum! {
    /// What the complaint is about, in the words a family chooses from.
    pub enum Category {
        /// 收费与价格: fees, charges, 普惠 price caps.
        FeesPrices = "fees_prices",
        /// 饮食与食品安全.
        Food = "food",
        /// 消防安全.
        FireSafety = "fire_safety",
        /// 房屋与场地.
        Premises = "premises",
        /// 卫生保健、传染病.
        HealthCare = "health_care",
        /// 人员资质: caregivers without the required certificates or health checks.
        StaffQualifications = "staff_qualifications",
        /// 伤害、虐待儿童: urgent.
        ChildHarm = "child_harm",
        /// 幼儿园托班.
        KindergartenClass = "kindergarten_class",
        /// 从业人员劳动权益: staff employment.
        StaffEmployment = "staff_employment",
        /// 未备案、无证托育: a place that is not in the directory.
        UnfiledOperation = "unfiled_operation",
        /// 其他: the lead department triages.
        Other = "other",
    }
}

/// The department that leads childcare supervision: triage, disputes, overdue lists.
pub const LEAD_DEPARTMENT: Department = Department::Health;

/// The departments that handle a complaint of `category`, the replying one first.
pub fn route(category: Category) -> &'static [Department] {
    use Department as D;
    match category {
        Category::FeesPrices => &[D::Development, D::Market],
        Category::Food => &[D::Market],
        Category::FireSafety => &[D::Fire],
        Category::Premises => &[D::Housing],
        Category::HealthCare | Category::StaffQualifications => &[D::Health],
        Category::ChildHarm => &[D::Health, D::Police],
        Category::KindergartenClass => &[D::Education],
        Category::StaffEmployment => &[D::HumanResources],
        Category::UnfiledOperation => &[D::Health, D::Market],
        Category::Other => &[LEAD_DEPARTMENT],
    }
}

/// Whether the category can mean a child is in danger now: handled round the clock, and the
/// form shows the emergency numbers before anything else.
pub fn is_urgent(category: Category) -> bool {
    matches!(category, Category::ChildHarm)
}

/// Whether the category is about a place outside the directory (no facility to choose).
pub fn is_about_unlisted_place(category: Category) -> bool {
    matches!(category, Category::UnfiledOperation)
}

#[cfg(test)]
mod tests {
    use super::*;
    use Department as D;

    #[test]
    fn each_category_goes_to_the_departments_the_plan_makes_responsible() {
        assert_eq!(route(Category::FeesPrices), &[D::Development, D::Market]);
        assert_eq!(route(Category::Food), &[D::Market]);
        assert_eq!(route(Category::FireSafety), &[D::Fire]);
        assert_eq!(route(Category::Premises), &[D::Housing]);
        assert_eq!(route(Category::HealthCare), &[D::Health]);
        assert_eq!(route(Category::StaffQualifications), &[D::Health]);
        assert_eq!(route(Category::ChildHarm), &[D::Health, D::Police]);
        assert_eq!(route(Category::KindergartenClass), &[D::Education]);
        assert_eq!(route(Category::StaffEmployment), &[D::HumanResources]);
        assert_eq!(route(Category::UnfiledOperation), &[D::Health, D::Market]);
        assert_eq!(route(Category::Other), &[D::Health]);
    }

    #[test]
    fn every_route_is_non_empty_without_repeats_and_only_harm_is_urgent() {
        for &category in Category::ALL {
            let departments = route(category);
            assert!(!departments.is_empty(), "{category:?}");
            for (i, d) in departments.iter().enumerate() {
                assert!(!departments[i + 1..].contains(d), "{category:?} names {d:?} twice");
            }
            assert_eq!(is_urgent(category), category == Category::ChildHarm);
        }
        assert!(is_about_unlisted_place(Category::UnfiledOperation));
        assert!(!is_about_unlisted_place(Category::Food));
    }
}
