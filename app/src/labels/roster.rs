//! Words for the staff roster: refusals, roles, qualifications, the certification rate.

use crate::domain::roster::{CertificationRate, Qualification, RosterRefusal, StaffRole};
use crate::i18n::{td_string, Locale};

pub fn refusal(locale: Locale, refusal: RosterRefusal) -> String {
    match refusal {
        RosterRefusal::StaffName => td_string!(locale, refusals.staff_name),
        RosterRefusal::StaffIdNumber => td_string!(locale, refusals.staff_id_number),
        RosterRefusal::StaffRole => td_string!(locale, refusals.staff_role),
        RosterRefusal::StaffClass => td_string!(locale, refusals.staff_class),
        RosterRefusal::StaffQualification => td_string!(locale, refusals.staff_qualification),
        RosterRefusal::StaffEmployedFrom => td_string!(locale, refusals.staff_employed_from),
        RosterRefusal::StaffHealthCertificate => td_string!(locale, refusals.staff_health_certificate),
        RosterRefusal::StaffBackgroundCheck => td_string!(locale, refusals.staff_background_check),
        RosterRefusal::StaffAlreadyListed => td_string!(locale, refusals.staff_already_listed),
        RosterRefusal::StaffAlreadyLeft => td_string!(locale, refusals.staff_already_left),
    }
    .to_string()
}

pub fn role(locale: Locale, role: StaffRole) -> String {
    match role {
        StaffRole::Lead => td_string!(locale, roster.role_lead),
        StaffRole::Carer => td_string!(locale, roster.role_carer),
        StaffRole::Health => td_string!(locale, roster.role_health),
        StaffRole::Cook => td_string!(locale, roster.role_cook),
        StaffRole::Security => td_string!(locale, roster.role_security),
        StaffRole::Other => td_string!(locale, roster.role_other),
    }
    .to_string()
}

pub fn qualification(locale: Locale, qualification: Qualification) -> String {
    match qualification {
        Qualification::None => td_string!(locale, roster.qualification_none),
        Qualification::CarerCertificate => td_string!(locale, roster.qualification_carer),
        Qualification::NannyCertificate => td_string!(locale, roster.qualification_nanny),
        Qualification::TeacherLicence => td_string!(locale, roster.qualification_teacher),
    }
    .to_string()
}

/// "83%（5/6 名保育人员持证）".
pub fn rate(locale: Locale, rate: CertificationRate) -> String {
    let (percent, certified, carers) = (rate.percent(), rate.certified, rate.carers);
    td_string!(locale, roster.rate, percent = percent, certified = certified, carers = carers).to_string()
}
