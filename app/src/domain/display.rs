//! How the app is shown: the standard layout, or 长辈版 (elder mode) for grandparents and anyone
//! who wants larger type, stronger contrast and bigger buttons.
//!
//! The choice is kept on the device (a cookie, so the server renders the first paint in the
//! right mode and nothing jumps) and, for a signed-in person, in the account, so that signing in
//! on another phone brings it along.
//!
//! The sizes follow the Ministry of Industry and Information Technology's 2021 design rules for
//! age-friendly apps (《移动互联网应用（APP）适老化通用设计规范》): main text in the elder interface at
//! least 18 pt (we use 20 px), tappable areas at least 60 × 60, line spacing at least 1.3 times,
//! no pop-ups. The numbers live in `style/main.css` under `html[data-display="elder"]`; the
//! browser tests check them.

use serde::{Deserialize, Serialize};

/// The two ways of showing the app.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum DisplayMode {
    #[default]
    Standard,
    Elder,
}

/// The cookie that keeps the choice on the device. Not `HttpOnly`: the page writes it itself
/// when the switch is used offline.
pub const DISPLAY_COOKIE: &str = "tuoyu_display";

/// A year: the choice is a preference, not a session.
pub const DISPLAY_COOKIE_MAX_AGE: i64 = 365 * 86_400;

impl DisplayMode {
    /// The stored and transmitted word (cookie value, database column, `data-display`).
    pub fn code(self) -> &'static str {
        match self {
            DisplayMode::Standard => "standard",
            DisplayMode::Elder => "elder",
        }
    }

    pub fn from_code(code: &str) -> Option<DisplayMode> {
        match code {
            "standard" => Some(DisplayMode::Standard),
            "elder" => Some(DisplayMode::Elder),
            _ => None,
        }
    }

    /// The mode the switch changes to.
    pub fn other(self) -> DisplayMode {
        match self {
            DisplayMode::Standard => DisplayMode::Elder,
            DisplayMode::Elder => DisplayMode::Standard,
        }
    }

    /// The `Set-Cookie` value that keeps this mode on the device (same words the page writes).
    pub fn cookie(self, secure: bool) -> String {
        let secure = if secure { "; Secure" } else { "" };
        format!("{DISPLAY_COOKIE}={}; Path=/; SameSite=Lax; Max-Age={DISPLAY_COOKIE_MAX_AGE}{secure}", self.code())
    }

    /// The mode a page is rendered in: the device's cookie when it has one, else the account's
    /// choice, else the standard layout. An unknown cookie value counts as no choice.
    pub fn resolve(device: Option<&str>, account: Option<DisplayMode>) -> DisplayMode {
        device.and_then(DisplayMode::from_code).or(account).unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip_and_unknown_words_are_refused() {
        for mode in [DisplayMode::Standard, DisplayMode::Elder] {
            assert_eq!(DisplayMode::from_code(mode.code()), Some(mode));
            assert_eq!(mode.other().other(), mode);
        }
        assert_eq!(DisplayMode::from_code("Elder"), None);
        assert_eq!(DisplayMode::from_code(""), None);
    }

    #[test]
    fn the_device_choice_wins_then_the_account_then_standard() {
        assert_eq!(DisplayMode::resolve(Some("elder"), Some(DisplayMode::Standard)), DisplayMode::Elder);
        assert_eq!(DisplayMode::resolve(Some("standard"), Some(DisplayMode::Elder)), DisplayMode::Standard);
        assert_eq!(DisplayMode::resolve(None, Some(DisplayMode::Elder)), DisplayMode::Elder);
        assert_eq!(DisplayMode::resolve(Some("large"), Some(DisplayMode::Elder)), DisplayMode::Elder);
        assert_eq!(DisplayMode::resolve(None, None), DisplayMode::Standard);
    }

    #[test]
    fn the_cookie_is_a_site_wide_preference_for_a_year() {
        let cookie = DisplayMode::Elder.cookie(true);
        assert!(cookie.starts_with("tuoyu_display=elder; Path=/; SameSite=Lax; Max-Age=31536000"));
        assert!(cookie.ends_with("; Secure"));
        assert!(!cookie.contains("HttpOnly"));
        assert!(!DisplayMode::Standard.cookie(false).contains("Secure"));
    }
}
