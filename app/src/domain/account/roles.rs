//! Who uses the product: parents, operators of one facility, supervisors of one department,
//! and administrators who create staff accounts.

use serde::{Deserialize, Serialize};

use crate::coded_enum;

coded_enum! {
    /// The district departments that supervise childcare (plan items 17–20).
    pub enum Department {
        /// 区卫生健康委 — leads: filings, grading, complaints, subsidies with finance.
        Health = "health",
        /// 区教委 — kindergarten classes (托班).
        Education = "education",
        /// 区市场监管局 — food safety, prices, registration.
        Market = "market",
        /// 区消防救援局 — fire safety.
        Fire = "fire",
        /// 区住房城乡建委 — buildings.
        Housing = "housing",
        /// 区公安分局 — public security.
        Police = "police",
        /// 区发展改革委 — prices and planning.
        Development = "development",
        /// 区财政局 — subsidies.
        Finance = "finance",
        /// 区人力社保局 — staff training and certificates.
        HumanResources = "hr",
        /// 区总工会 — employer-run care.
        Union = "union",
    }
}

/// What an account is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Role {
    Parent,
    /// Runs one facility.
    Operator { facility_id: i64 },
    /// Works for one department.
    Supervisor { department: Department },
    /// Creates staff accounts; sees no family's data.
    Admin,
    /// An organisation that registered to run a facility: it may only work on its filing until
    /// the filing is accepted, when it becomes the facility's operator.
    Applicant,
}

impl Role {
    /// Staff sign in with a password and a second factor and have shorter sessions.
    pub fn is_staff(self) -> bool {
        !matches!(self, Role::Parent)
    }

    /// Where this role starts after signing in.
    pub fn home_path(self) -> &'static str {
        match self {
            Role::Parent => "/me",
            Role::Operator { .. } => "/operator",
            Role::Supervisor { .. } => "/supervisor",
            Role::Admin => "/admin",
            Role::Applicant => "/filing",
        }
    }

    pub fn kind_code(self) -> &'static str {
        match self {
            Role::Parent => "parent",
            Role::Operator { .. } => "operator",
            Role::Supervisor { .. } => "supervisor",
            Role::Admin => "admin",
            Role::Applicant => "applicant",
        }
    }
}

/// The signed-in person, as every server function sees them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Viewer {
    pub account_id: i64,
    pub role: Role,
    /// A name to greet with: a masked phone for parents, the display name for staff.
    pub display_name: String,
}

impl Viewer {
    /// How this person appears in the audit log and the operation log.
    pub fn actor(&self) -> String {
        format!("{}:{}", self.role.kind_code(), self.account_id)
    }
}
