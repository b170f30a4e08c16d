//! Which code each page needs, loaded only when it is needed.
//!
//! Every page but the home page is a *lazy route*: its view code is split out of the main
//! client module (`cargo leptos build --split`) and fetched when a page of its group is first
//! shown. A family on a cheap phone who opens the finder does not download the operator's
//! portal. On the server nothing changes: every page renders in full.
//!
//! Pages are split in six groups, not one chunk each: the split tool makes a chunk for every
//! combination of splits that shares code, so twelve splits made over a hundred small files
//! (fifty requests for one facility page); a few make a handful. The groups follow how people
//! move: finding (list, map, facility), the family's own pages, complaints, lessons, the
//! support beside them (activities, expert questions, policies and calculators), and staff
//! pages.
//!
//! The server names a page's chunks in `<link rel="preload">` tags (see `preload`), so the
//! browser fetches them together with the main module instead of after it.

use leptos::prelude::*;
use leptos::lazy;
use leptos_router::LazyRoute;

use crate::pages::account::{ChildEditPage, ChildNewPage, LoginPage, MyAccountPage, PrivacyPage, StaffLoginPage};
use crate::pages::booking::MyBookingsPage;
use crate::pages::complaints::{FileComplaintPage, MyComplaintPage, MyComplaintsPage, StaffComplaintPage, StaffComplaintsPage, TrackComplaintPage};
use crate::pages::directory::{FacilityDetailPage, FinderPage};
use crate::pages::lessons::{ActivitiesPage, AskExpertPage, ExpertFaqPage, GuidePage, LessonPage, LessonsPage};
use crate::pages::policies::{FacilityCalculatorPage, FamilyCalculatorPage, PoliciesPage, PolicyPage};
use crate::pages::fees::OperatorFeesPage;
use crate::pages::subsidies::OperatorSubsidiesPage;
use crate::pages::gallery::{OperatorPhotosPage, PhotoReviewPage};
use crate::pages::filing::{ApplicantFilingPage, FilingQueuePage, FilingReceiptPage, FilingReviewPage, OperatorFilingPage, RegisterPage};
use crate::pages::roster::{OperatorStaffPage, RosterOverlapsPage};
use crate::pages::staff::{AdminPage, ExpertInboxPage, OperatorBookingsPage, OperatorPage, OperatorRatingsPage, StaffActivitiesPage, SupervisorPage};

/// Pages of the finding group.
#[derive(Clone, Copy, Debug)]
pub enum FindingPage {
    Finder,
    Facility,
}

/// The family's own pages (signing in, account, children, bookings, privacy notice).
#[derive(Clone, Copy, Debug)]
pub enum FamilyPage {
    Login,
    Privacy,
    MyAccount,
    MyBookings,
    ChildNew,
    ChildEdit,
}

/// The family's complaint pages (filing, looking up, its own list): a group of their own, so
/// signing in or opening one's account does not download the complaint forms.
#[derive(Clone, Copy, Debug)]
pub enum ComplaintPage {
    File,
    Track,
    Mine,
    One,
}

/// Parenting lessons: the list, one lesson and the growth guide (read by many who never book
/// a place).
#[derive(Clone, Copy, Debug)]
pub enum LessonGroupPage {
    List,
    One,
    Guide,
}

/// Support beside the lessons — activities, 问专家, policies and the subsidy calculators — in a
/// group of their own, so that reading a lesson does not download their forms. One group, not
/// two: every group multiplies the chunks the split tool makes (seven groups made 55 files for a
/// facility page).
#[derive(Clone, Copy, Debug)]
pub enum SupportPage {
    Activities,
    Ask,
    Faq,
    Policies,
    Policy,
    FamilyCalculator,
    FacilityCalculator,
}

/// Staff pages: families never download them (the split's name starts with `staff_`, which
/// is how the service worker leaves their chunks out, see `server::client_files`).
#[derive(Clone, Copy, Debug)]
pub enum StaffPage {
    Login,
    Admin,
    Operator,
    OperatorBookings,
    OperatorFees,
    OperatorSubsidies,
    OperatorPhotos,
    PhotoReview,
    OperatorStaff,
    OperatorRatings,
    OperatorFiling,
    Register,
    Filing,
    FilingReceipt,
    FilingQueue,
    FilingReview,
    RosterOverlaps,
    Supervisor,
    Complaints,
    Complaint,
    Activities,
    Expert,
}

#[lazy]
fn finding_pages(page: FindingPage) -> AnyView {
    match page {
        FindingPage::Finder => FinderPage().into_any(),
        FindingPage::Facility => FacilityDetailPage().into_any(),
    }
}

#[lazy]
fn family_pages(page: FamilyPage) -> AnyView {
    match page {
        FamilyPage::Login => LoginPage().into_any(),
        FamilyPage::Privacy => PrivacyPage().into_any(),
        FamilyPage::MyAccount => MyAccountPage().into_any(),
        FamilyPage::MyBookings => MyBookingsPage().into_any(),
        FamilyPage::ChildNew => ChildNewPage().into_any(),
        FamilyPage::ChildEdit => ChildEditPage().into_any(),
    }
}

#[lazy]
fn complaint_pages(page: ComplaintPage) -> AnyView {
    match page {
        ComplaintPage::File => FileComplaintPage().into_any(),
        ComplaintPage::Track => TrackComplaintPage().into_any(),
        ComplaintPage::Mine => MyComplaintsPage().into_any(),
        ComplaintPage::One => MyComplaintPage().into_any(),
    }
}

#[lazy]
fn lesson_pages(page: LessonGroupPage) -> AnyView {
    match page {
        LessonGroupPage::List => LessonsPage().into_any(),
        LessonGroupPage::One => LessonPage().into_any(),
        LessonGroupPage::Guide => GuidePage().into_any(),
    }
}

#[lazy]
fn support_pages(page: SupportPage) -> AnyView {
    match page {
        SupportPage::Activities => ActivitiesPage().into_any(),
        SupportPage::Ask => AskExpertPage().into_any(),
        SupportPage::Faq => ExpertFaqPage().into_any(),
        SupportPage::Policies => PoliciesPage().into_any(),
        SupportPage::Policy => PolicyPage().into_any(),
        SupportPage::FamilyCalculator => FamilyCalculatorPage().into_any(),
        SupportPage::FacilityCalculator => FacilityCalculatorPage().into_any(),
    }
}

#[lazy]
fn staff_pages(page: StaffPage) -> AnyView {
    match page {
        StaffPage::Login => StaffLoginPage().into_any(),
        StaffPage::Admin => AdminPage().into_any(),
        StaffPage::Operator => OperatorPage().into_any(),
        StaffPage::OperatorBookings => OperatorBookingsPage().into_any(),
        StaffPage::OperatorFees => OperatorFeesPage().into_any(),
        StaffPage::OperatorSubsidies => OperatorSubsidiesPage().into_any(),
        StaffPage::OperatorPhotos => OperatorPhotosPage().into_any(),
        StaffPage::PhotoReview => PhotoReviewPage().into_any(),
        StaffPage::OperatorStaff => OperatorStaffPage().into_any(),
        StaffPage::OperatorRatings => OperatorRatingsPage().into_any(),
        StaffPage::OperatorFiling => OperatorFilingPage().into_any(),
        StaffPage::Register => RegisterPage().into_any(),
        StaffPage::Filing => ApplicantFilingPage().into_any(),
        StaffPage::FilingReceipt => FilingReceiptPage().into_any(),
        StaffPage::FilingQueue => FilingQueuePage().into_any(),
        StaffPage::FilingReview => FilingReviewPage().into_any(),
        StaffPage::RosterOverlaps => RosterOverlapsPage().into_any(),
        StaffPage::Supervisor => SupervisorPage().into_any(),
        StaffPage::Complaints => StaffComplaintsPage().into_any(),
        StaffPage::Complaint => StaffComplaintPage().into_any(),
        StaffPage::Activities => StaffActivitiesPage().into_any(),
        StaffPage::Expert => ExpertInboxPage().into_any(),
    }
}

/// `lazy_page!(FinderRoute => finding_pages(FindingPage::Finder), __preload_finding_pages)`
/// declares the route type `FinderRoute`, shown by the lazy function `finding_pages`.
///
/// `preload` fetches the group's chunk before hydration looks at the page: hydration must find
/// the page's code already there (a page still loading would hydrate as empty). On the server
/// it names the chunks in the page's head instead.
macro_rules! lazy_page {
    ($route:ident => $group:ident($page:expr), $preload:ident) => {
        pub struct $route;

        impl LazyRoute for $route {
            fn data() -> Self {
                #[cfg(feature = "ssr")]
                preload::links_for(stringify!($group));
                $route
            }

            async fn view(_this: Self) -> AnyView {
                $group($page).await
            }

            async fn preload() {
                #[cfg(feature = "hydrate")]
                $preload().await;
            }
        }
    };
}

lazy_page!(FinderRoute => finding_pages(FindingPage::Finder), __preload_finding_pages);
lazy_page!(FacilityRoute => finding_pages(FindingPage::Facility), __preload_finding_pages);
lazy_page!(LoginRoute => family_pages(FamilyPage::Login), __preload_family_pages);
lazy_page!(PrivacyRoute => family_pages(FamilyPage::Privacy), __preload_family_pages);
lazy_page!(MyAccountRoute => family_pages(FamilyPage::MyAccount), __preload_family_pages);
lazy_page!(MyBookingsRoute => family_pages(FamilyPage::MyBookings), __preload_family_pages);
lazy_page!(ChildNewRoute => family_pages(FamilyPage::ChildNew), __preload_family_pages);
lazy_page!(ChildEditRoute => family_pages(FamilyPage::ChildEdit), __preload_family_pages);
lazy_page!(FileComplaintRoute => complaint_pages(ComplaintPage::File), __preload_complaint_pages);
lazy_page!(TrackComplaintRoute => complaint_pages(ComplaintPage::Track), __preload_complaint_pages);
lazy_page!(MyComplaintsRoute => complaint_pages(ComplaintPage::Mine), __preload_complaint_pages);
lazy_page!(MyComplaintRoute => complaint_pages(ComplaintPage::One), __preload_complaint_pages);
lazy_page!(LessonsRoute => lesson_pages(LessonGroupPage::List), __preload_lesson_pages);
lazy_page!(LessonRoute => lesson_pages(LessonGroupPage::One), __preload_lesson_pages);
lazy_page!(GuideRoute => lesson_pages(LessonGroupPage::Guide), __preload_lesson_pages);
lazy_page!(ActivitiesRoute => support_pages(SupportPage::Activities), __preload_support_pages);
lazy_page!(AskExpertRoute => support_pages(SupportPage::Ask), __preload_support_pages);
lazy_page!(ExpertFaqRoute => support_pages(SupportPage::Faq), __preload_support_pages);
lazy_page!(PoliciesRoute => support_pages(SupportPage::Policies), __preload_support_pages);
lazy_page!(PolicyRoute => support_pages(SupportPage::Policy), __preload_support_pages);
lazy_page!(FamilyCalculatorRoute => support_pages(SupportPage::FamilyCalculator), __preload_support_pages);
lazy_page!(FacilityCalculatorRoute => support_pages(SupportPage::FacilityCalculator), __preload_support_pages);
lazy_page!(StaffLoginRoute => staff_pages(StaffPage::Login), __preload_staff_pages);
lazy_page!(StaffAdminRoute => staff_pages(StaffPage::Admin), __preload_staff_pages);
lazy_page!(StaffOperatorRoute => staff_pages(StaffPage::Operator), __preload_staff_pages);
lazy_page!(StaffOperatorBookingsRoute => staff_pages(StaffPage::OperatorBookings), __preload_staff_pages);
lazy_page!(StaffOperatorFeesRoute => staff_pages(StaffPage::OperatorFees), __preload_staff_pages);
lazy_page!(StaffOperatorSubsidiesRoute => staff_pages(StaffPage::OperatorSubsidies), __preload_staff_pages);
lazy_page!(StaffOperatorPhotosRoute => staff_pages(StaffPage::OperatorPhotos), __preload_staff_pages);
lazy_page!(PhotoReviewRoute => staff_pages(StaffPage::PhotoReview), __preload_staff_pages);
lazy_page!(StaffOperatorStaffRoute => staff_pages(StaffPage::OperatorStaff), __preload_staff_pages);
lazy_page!(StaffOperatorRatingsRoute => staff_pages(StaffPage::OperatorRatings), __preload_staff_pages);
lazy_page!(StaffOperatorFilingRoute => staff_pages(StaffPage::OperatorFiling), __preload_staff_pages);
lazy_page!(RegisterRoute => staff_pages(StaffPage::Register), __preload_staff_pages);
lazy_page!(FilingRoute => staff_pages(StaffPage::Filing), __preload_staff_pages);
lazy_page!(FilingReceiptRoute => staff_pages(StaffPage::FilingReceipt), __preload_staff_pages);
lazy_page!(FilingQueueRoute => staff_pages(StaffPage::FilingQueue), __preload_staff_pages);
lazy_page!(FilingReviewRoute => staff_pages(StaffPage::FilingReview), __preload_staff_pages);
lazy_page!(RosterOverlapsRoute => staff_pages(StaffPage::RosterOverlaps), __preload_staff_pages);
lazy_page!(StaffSupervisorRoute => staff_pages(StaffPage::Supervisor), __preload_staff_pages);
lazy_page!(StaffComplaintsRoute => staff_pages(StaffPage::Complaints), __preload_staff_pages);
lazy_page!(StaffComplaintRoute => staff_pages(StaffPage::Complaint), __preload_staff_pages);
lazy_page!(StaffActivitiesRoute => staff_pages(StaffPage::Activities), __preload_staff_pages);
lazy_page!(ExpertInboxRoute => staff_pages(StaffPage::Expert), __preload_staff_pages);

/// Server side: `<link rel="preload">` for the chunks of the page being rendered.
///
/// Leptos 0.8.23 means to do this itself, but its integration looks the split manifest up
/// outside the request's reactive owner and mostly finds nothing (so renders no links). The manifest it
/// loads is in context here (`HydrationScripts` provides it), so each lazy route adds its own.
#[cfg(feature = "ssr")]
pub mod preload {
    use leptos::prelude::*;
    use leptos::WasmSplitManifest;
    use leptos_meta::Link;

    /// The start of a group's split name in the manifest, leading underscores aside:
    /// `#[lazy]` names a split after its function and a hash of where it was declared.
    pub fn split_name_prefix(group: &str) -> String {
        format!("{}_", group.trim_start_matches('_'))
    }

    /// Registers with the page's `<head>` a preload link for each chunk of the lazy function
    /// `group`, and the loader script that fetches them. Does nothing on a build without
    /// split chunks.
    pub fn links_for(group: &str) {
        let Some(manifest) = use_context::<WasmSplitManifest>() else { return };
        let Some(entry) = manifest.0.try_read_value() else { return };
        let (pkg_path, splits, loader) = &*entry;
        let prefix = split_name_prefix(group);
        let Some(chunks) = splits.iter().find(|(name, _)| name.trim_start_matches('_').starts_with(&prefix)).map(|(_, chunks)| chunks) else {
            return;
        };
        for chunk in chunks {
            // `to_html` on a leptos_meta component registers it with the page's <head>. The
            // loader fetches chunks in CORS mode: the preload must match (`anonymous`).
            _ = view! {
                <Link rel="preload" href=format!("{pkg_path}/{chunk}.wasm") as_="fetch" type_="application/wasm" crossorigin="anonymous"/>
            }
            .to_html();
        }
        _ = view! { <Link rel="modulepreload" href=format!("{pkg_path}/{loader}")/> }.to_html();
    }

    #[cfg(test)]
    mod tests {
        use super::split_name_prefix;

        #[test]
        fn the_prefix_is_the_name_lazy_gives_the_split() {
            assert_eq!(split_name_prefix("finding_pages"), "finding_pages_");
            assert_eq!(split_name_prefix("__staff_pages"), "staff_pages_");
        }
    }
}
