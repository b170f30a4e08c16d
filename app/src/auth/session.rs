//! Session cookies and timeouts. The cookie carries a random token; the database keeps only its
//! hash, so a leaked database does not leak sessions.

use crate::domain::account::roles::Role;

/// Idle and absolute lifetimes of a session, in seconds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Lifetimes {
    pub idle: i64,
    pub absolute: i64,
}

/// Parents stay signed in on their own phone for a month of inactivity (half a year at most);
/// staff, who see other people's data on shared office computers, for 30 minutes idle and one
/// working day at most.
pub fn lifetimes(role: Role) -> Lifetimes {
    if role.is_staff() {
        Lifetimes { idle: 30 * 60, absolute: 12 * 3600 }
    } else {
        Lifetimes { idle: 30 * 86_400, absolute: 180 * 86_400 }
    }
}

/// How long a password-checked staff login waits for its second factor.
pub const PENDING_LOGIN_SECONDS: i64 = 5 * 60;

/// Cookie names and flags. `secure` is off only for plain-http development on localhost.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Cookies {
    pub secure: bool,
}

impl Cookies {
    /// `__Host-` binds the cookie to this exact host over https, path `/`, no Domain.
    pub fn session_name(self) -> &'static str {
        if self.secure {
            "__Host-tuoyu_session"
        } else {
            "tuoyu_session"
        }
    }

    pub fn pending_name(self) -> &'static str {
        if self.secure {
            "__Host-tuoyu_pending"
        } else {
            "tuoyu_pending"
        }
    }

    fn attributes(self, max_age: i64) -> String {
        let secure = if self.secure { "; Secure" } else { "" };
        format!("Path=/; HttpOnly; SameSite=Lax; Max-Age={max_age}{secure}")
    }

    pub fn set(self, name: &str, value: &str, max_age: i64) -> String {
        format!("{name}={value}; {}", self.attributes(max_age))
    }

    pub fn clear(self, name: &str) -> String {
        format!("{name}=; {}", self.attributes(0))
    }
}

/// The value of cookie `name` in a `Cookie` request header.
pub fn read_cookie<'a>(header: &'a str, name: &str) -> Option<&'a str> {
    header.split(';').map(str::trim).find_map(|pair| pair.strip_prefix(name).and_then(|rest| rest.strip_prefix('=')))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secure_cookies_use_the_host_prefix_and_every_flag() {
        let cookies = Cookies { secure: true };
        let header = cookies.set(cookies.session_name(), "abc", 60);
        assert_eq!(header, "__Host-tuoyu_session=abc; Path=/; HttpOnly; SameSite=Lax; Max-Age=60; Secure");
        assert!(cookies.clear(cookies.session_name()).contains("Max-Age=0"));
    }

    #[test]
    fn staff_sessions_are_shorter_than_parents() {
        let staff = lifetimes(Role::Admin);
        let parent = lifetimes(Role::Parent);
        assert!(staff.idle < parent.idle && staff.absolute < parent.absolute);
    }

    #[test]
    fn cookies_are_read_by_exact_name() {
        let header = "a=1; tuoyu_session=tok; tuoyu_session_x=no";
        assert_eq!(read_cookie(header, "tuoyu_session"), Some("tok"));
        assert_eq!(read_cookie(header, "b"), None);
        assert_eq!(read_cookie("tuoyu_sessionx=1", "tuoyu_session"), None);
    }
}
