//! Time-based one-time passwords (RFC 6238: HMAC-SHA-1, 30-second steps, 6 digits), the
//! second factor of staff accounts, with enrolment links and QR codes for authenticator apps.

use data_encoding::BASE32_NOPAD;
use hmac::{Hmac, Mac};
use sha1::Sha1;

/// Seconds per step.
pub const STEP_SECONDS: i64 = 30;
/// Steps of clock drift accepted either side.
const DRIFT_STEPS: i64 = 1;

/// A new 160-bit secret, base32 as authenticator apps expect.
pub fn generate_secret() -> String {
    BASE32_NOPAD.encode(&super::secrets::random_bytes(20))
}

/// The code for one time step (RFC 4226 dynamic truncation).
pub fn code_at(secret: &[u8], step: i64) -> u32 {
    let Ok(mut mac) = <Hmac<Sha1> as Mac>::new_from_slice(secret) else {
        return u32::MAX;
    };
    mac.update(&step.to_be_bytes());
    let digest = mac.finalize().into_bytes();
    let offset = (digest[19] & 0x0f) as usize;
    let binary = ((digest[offset] as u32 & 0x7f) << 24)
        | ((digest[offset + 1] as u32) << 16)
        | ((digest[offset + 2] as u32) << 8)
        | (digest[offset + 3] as u32);
    binary % 1_000_000
}

/// The current code of a base32 secret (for the development helper page).
pub fn current_code(secret_base32: &str, unix_seconds: i64) -> Option<String> {
    let secret = BASE32_NOPAD.decode(secret_base32.as_bytes()).ok()?;
    Some(format!("{:06}", code_at(&secret, unix_seconds.div_euclid(STEP_SECONDS))))
}

/// Checks a code typed at `unix_seconds`; returns the step it matched, which must be later than
/// `last_used_step` so that a code cannot be used twice.
pub fn verify(secret_base32: &str, code: &str, unix_seconds: i64, last_used_step: i64) -> Option<i64> {
    let code = code.trim();
    if code.len() != 6 || !code.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let typed: u32 = code.parse().ok()?;
    let secret = BASE32_NOPAD.decode(secret_base32.as_bytes()).ok()?;
    let now_step = unix_seconds.div_euclid(STEP_SECONDS);
    (now_step - DRIFT_STEPS..=now_step + DRIFT_STEPS)
        .filter(|step| *step > last_used_step)
        .find(|step| code_at(&secret, *step) == typed)
}

/// The `otpauth://` link an authenticator app reads.
pub fn otpauth_url(issuer: &str, account: &str, secret_base32: &str) -> String {
    let label = crate::domain::finder::percent_encode(&format!("{issuer}:{account}"));
    let issuer = crate::domain::finder::percent_encode(issuer);
    format!("otpauth://totp/{label}?secret={secret_base32}&issuer={issuer}&algorithm=SHA1&digits=6&period=30")
}

/// The link as an SVG QR code, to scan from the screen.
pub fn qr_svg(url: &str) -> Option<String> {
    let code = qrcode::QrCode::new(url.as_bytes()).ok()?;
    Some(code.render::<qrcode::render::svg::Color>().min_dimensions(200, 200).quiet_zone(true).build())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// RFC 6238 appendix B, SHA-1 secret "12345678901234567890".
    const RFC_SECRET: &[u8] = b"12345678901234567890";

    #[test]
    fn codes_match_the_rfc_6238_test_vectors() {
        // The RFC lists 8-digit codes; 6-digit codes are their last six digits.
        for (time, eight_digits) in [(59, 94287082u32), (1_111_111_109, 7081804), (1_234_567_890, 89005924), (2_000_000_000, 69279037)] {
            assert_eq!(code_at(RFC_SECRET, time / STEP_SECONDS), eight_digits % 1_000_000, "t={time}");
        }
    }

    #[test]
    fn a_code_is_accepted_once_and_within_one_step_of_drift() {
        let secret = BASE32_NOPAD.encode(RFC_SECRET);
        let now = 1_234_567_890;
        let code = current_code(&secret, now).expect("code");
        let step = verify(&secret, &code, now, 0).expect("valid now");
        assert_eq!(verify(&secret, &code, now, step), None, "replay refused");
        assert!(verify(&secret, &code, now + STEP_SECONDS, 0).is_some(), "30 s late still fine");
        assert_eq!(verify(&secret, &code, now + 3 * STEP_SECONDS, 0), None, "90 s late refused");
        assert_eq!(verify(&secret, "12345", now, 0), None);
        assert_eq!(verify(&secret, "abcdef", now, 0), None);
    }

    #[test]
    fn enrolment_link_names_the_issuer_and_renders_as_qr() {
        let url = otpauth_url("渝北托育", "demo-admin", "JBSWY3DPEHPK3PXP");
        assert!(url.starts_with("otpauth://totp/"));
        assert!(url.contains("secret=JBSWY3DPEHPK3PXP"));
        assert!(qr_svg(&url).is_some_and(|svg| svg.contains("<svg")));
    }
}
