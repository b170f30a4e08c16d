//! The permission catalogue: per kind of record, the actions and who may take them. Server
//! functions ask here before they read or write, and answer "not found" when the answer is no,
//! so a stranger learns nothing about records that are not theirs.

use super::roles::{Department, Role, Viewer};

/// Actions on a child's profile.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ChildAction {
    Read,
    Update,
    Delete,
}

/// Only the parent who entered a child may see or change the profile. Staff see children only
/// through bookings at their facility (a later capability), never the profile itself.
pub fn may_child(viewer: &Viewer, _action: ChildAction, owner_account_id: i64) -> bool {
    viewer.role == Role::Parent && viewer.account_id == owner_account_id
}

/// Actions on a facility's own record.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FacilityAction {
    /// Confirm classes' staffed capacity and enrolment (what families see as vacancies).
    UpdateFigures,
    /// The operator's view of the facility.
    ReadOperatorView,
}

/// An operator acts for its own facility only.
pub fn may_facility(viewer: &Viewer, _action: FacilityAction, facility_id: i64) -> bool {
    matches!(viewer.role, Role::Operator { facility_id: own } if own == facility_id)
}

/// Actions on staff accounts and the audit log.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AdminAction {
    CreateStaffAccount,
    ListStaffAccounts,
    ReadAuditLog,
}

pub fn may_administer(viewer: &Viewer, _action: AdminAction) -> bool {
    viewer.role == Role::Admin
}

/// Actions on inspection records, which belong to the department that made them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum InspectionAction {
    Record,
    Read,
}

/// A supervisor records and reads its own department's inspections; the health commission,
/// which leads the district's supervision (plan item 18), reads every department's.
pub fn may_inspection(viewer: &Viewer, action: InspectionAction, department: Department) -> bool {
    match viewer.role {
        Role::Supervisor { department: own } => {
            own == department || (action == InspectionAction::Read && own == Department::Health)
        }
        _ => false,
    }
}

/// The lead department (health commission, plan item 18) reviews held and reported ratings;
/// no other role sees a rating's held text.
pub fn may_review_ratings(viewer: &Viewer) -> bool {
    viewer.role == Role::Supervisor { department: Department::Health }
}

/// Actions on a filing (备案) and its documents.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FilingAction {
    Read,
    /// Change facts, upload documents, submit.
    Edit,
    /// Return items, accept, refuse.
    Review,
}

/// The health commission checks a facility's photos before they are public.
pub fn may_review_photos(viewer: &Viewer) -> bool {
    viewer.role == Role::Supervisor { department: Department::Health }
}

/// A photo that is not public yet is seen by its facility's operator and the health commission.
pub fn may_see_unpublished_photo(viewer: &Viewer, facility_id: i64) -> bool {
    viewer.role == Role::Operator { facility_id } || may_review_photos(viewer)
}

/// A facility's subsidy application is read by its operator and the health commission.
pub fn may_read_subsidy_application(viewer: &Viewer, facility_id: i64) -> bool {
    viewer.role == Role::Operator { facility_id } || may_decide_subsidies(viewer)
}

/// The health commission decides subsidy applications (plan items 11–13; the ledger with the
/// finance bureau belongs to district steering).
pub fn may_decide_subsidies(viewer: &Viewer) -> bool {
    viewer.role == Role::Supervisor { department: Department::Health }
}

/// The health commission reviews filings, whoever filed them.
pub fn may_review_filings(viewer: &Viewer) -> bool {
    viewer.role == Role::Supervisor { department: Department::Health }
}

/// The account that files reads and edits its own filing; the health commission, which keeps
/// the district's register of childcare facilities (plan item 17), reads and reviews every
/// filing. Nobody else sees a filing or its documents.
pub fn may_filing(viewer: &Viewer, action: FilingAction, filer_account_id: i64) -> bool {
    let health = may_review_filings(viewer);
    let filer = viewer.account_id == filer_account_id && matches!(viewer.role, Role::Applicant | Role::Operator { .. });
    match action {
        FilingAction::Read => filer || health,
        FilingAction::Edit => filer,
        FilingAction::Review => health,
    }
}

/// The health commission sees people on more than one facility's roster with their full ID
/// numbers (one person, one roster, plan item 9); nobody else sees another facility's staff.
pub fn may_see_roster_overlaps(viewer: &Viewer) -> bool {
    viewer.role == Role::Supervisor { department: Department::Health }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn viewer(account_id: i64, role: Role) -> Viewer {
        Viewer { account_id, role, display_name: String::new() }
    }

    #[test]
    fn only_the_parent_who_entered_a_child_may_touch_the_profile() {
        let parent_a = viewer(1, Role::Parent);
        let parent_b = viewer(2, Role::Parent);
        let admin = viewer(1, Role::Admin);
        for action in [ChildAction::Read, ChildAction::Update, ChildAction::Delete] {
            assert!(may_child(&parent_a, action, 1));
            assert!(!may_child(&parent_b, action, 1));
            assert!(!may_child(&admin, action, 1), "an admin with the same id is still not the parent");
        }
    }

    #[test]
    fn an_operator_acts_for_its_own_facility_only() {
        let operator = viewer(5, Role::Operator { facility_id: 10 });
        assert!(may_facility(&operator, FacilityAction::UpdateFigures, 10));
        assert!(!may_facility(&operator, FacilityAction::UpdateFigures, 11));
        assert!(!may_facility(&viewer(5, Role::Admin), FacilityAction::UpdateFigures, 10));
    }

    #[test]
    fn departments_keep_to_their_own_inspections_and_health_reads_all() {
        let fire = viewer(7, Role::Supervisor { department: Department::Fire });
        let health = viewer(8, Role::Supervisor { department: Department::Health });
        assert!(may_inspection(&fire, InspectionAction::Record, Department::Fire));
        assert!(!may_inspection(&fire, InspectionAction::Read, Department::Market));
        assert!(may_inspection(&health, InspectionAction::Read, Department::Fire));
        assert!(!may_inspection(&health, InspectionAction::Record, Department::Fire));
        assert!(!may_inspection(&viewer(9, Role::Parent), InspectionAction::Read, Department::Fire));
    }

    #[test]
    fn only_the_health_commission_reviews_ratings() {
        assert!(may_review_ratings(&viewer(8, Role::Supervisor { department: Department::Health })));
        assert!(!may_review_ratings(&viewer(7, Role::Supervisor { department: Department::Fire })));
        assert!(!may_review_ratings(&viewer(1, Role::Admin)));
        assert!(!may_review_ratings(&viewer(5, Role::Operator { facility_id: 10 })));
    }

    #[test]
    fn only_admins_administer() {
        assert!(may_administer(&viewer(1, Role::Admin), AdminAction::CreateStaffAccount));
        assert!(!may_administer(&viewer(1, Role::Supervisor { department: Department::Health }), AdminAction::ReadAuditLog));
    }

    #[test]
    fn a_filing_is_seen_by_its_filer_and_the_health_commission_only() {
        let applicant = viewer(7, Role::Applicant);
        let health = viewer(2, Role::Supervisor { department: Department::Health });
        let fire = viewer(3, Role::Supervisor { department: Department::Fire });
        assert!(may_filing(&applicant, FilingAction::Edit, 7) && may_filing(&applicant, FilingAction::Read, 7));
        assert!(!may_filing(&applicant, FilingAction::Review, 7) && !may_filing(&viewer(8, Role::Applicant), FilingAction::Read, 7));
        assert!(may_filing(&health, FilingAction::Review, 7) && may_filing(&health, FilingAction::Read, 7) && !may_filing(&health, FilingAction::Edit, 7));
        assert!(!may_filing(&fire, FilingAction::Read, 7) && !may_filing(&viewer(7, Role::Parent), FilingAction::Read, 7));
    }
}
