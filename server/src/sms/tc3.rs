//! Tencent Cloud API request signing, version 3 (TC3-HMAC-SHA256), written from the provider's
//! published specification ("签名方法 v3") and checked against the specification's own worked
//! example below. Pure: no clock, no network.

use hmac::{Hmac, Mac};
use sha2::{Digest, Sha256};

/// The algorithm name that starts the `Authorization` header.
pub const ALGORITHM: &str = "TC3-HMAC-SHA256";

/// What a signature covers. Header values are sent exactly as given here: the provider
/// recomputes the signature from what it receives.
#[derive(Clone, Debug)]
pub struct SignedRequest<'a> {
    /// `host[:port]` as sent in the `Host` header.
    pub host: &'a str,
    /// The product's service name in the credential scope, e.g. `sms`.
    pub service: &'a str,
    /// `X-TC-Action`, e.g. `SendSms`.
    pub action: &'a str,
    /// The full `Content-Type` header value.
    pub content_type: &'a str,
    /// Unix seconds, also sent as `X-TC-Timestamp`.
    pub timestamp: i64,
    /// The exact request body bytes.
    pub payload: &'a [u8],
}

fn sha256_hex(bytes: &[u8]) -> String {
    hex(&Sha256::digest(bytes))
}

fn hmac_sha256(key: &[u8], message: &[u8]) -> Vec<u8> {
    // HMAC accepts keys of any length: `new_from_slice` cannot fail for it.
    let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(key).expect("HMAC takes any key length");
    mac.update(message);
    mac.finalize().into_bytes().to_vec()
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// The UTC date (`YYYY-MM-DD`) of a Unix timestamp: the scope's date is always UTC.
pub fn utc_date(timestamp: i64) -> String {
    let days = timestamp.div_euclid(86_400);
    // Civil-from-days (Howard Hinnant's algorithm), valid for any day count here.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!("{year:04}-{month:02}-{day:02}")
}

/// The canonical request: method, path, query, the three signed headers (names and values in
/// lower case), the signed header list and the payload's hash, joined by newlines.
pub fn canonical_request(request: &SignedRequest<'_>) -> String {
    format!(
        "POST\n/\n\ncontent-type:{}\nhost:{}\nx-tc-action:{}\n\ncontent-type;host;x-tc-action\n{}",
        request.content_type.to_ascii_lowercase(),
        request.host.to_ascii_lowercase(),
        request.action.to_ascii_lowercase(),
        sha256_hex(request.payload)
    )
}

/// The string to sign: algorithm, timestamp, credential scope and the canonical request's hash.
pub fn string_to_sign(request: &SignedRequest<'_>) -> String {
    format!(
        "{ALGORITHM}\n{}\n{}/{}/tc3_request\n{}",
        request.timestamp,
        utc_date(request.timestamp),
        request.service,
        sha256_hex(canonical_request(request).as_bytes())
    )
}

/// The signature in lower-case hex: HMAC chain over the date, the service and `tc3_request`.
pub fn signature(secret_key: &str, request: &SignedRequest<'_>) -> String {
    let secret_date = hmac_sha256(format!("TC3{secret_key}").as_bytes(), utc_date(request.timestamp).as_bytes());
    let secret_service = hmac_sha256(&secret_date, request.service.as_bytes());
    let secret_signing = hmac_sha256(&secret_service, b"tc3_request");
    hex(&hmac_sha256(&secret_signing, string_to_sign(request).as_bytes()))
}

/// The `Authorization` header value.
pub fn authorization(secret_id: &str, secret_key: &str, request: &SignedRequest<'_>) -> String {
    format!(
        "{ALGORITHM} Credential={secret_id}/{}/{}/tc3_request, SignedHeaders=content-type;host;x-tc-action, Signature={}",
        utc_date(request.timestamp),
        request.service,
        signature(secret_key, request)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The worked example of the specification (CVM DescribeInstances, 2019-02-25). Its
    /// credentials are the masked strings as printed; the expected values are the ones the
    /// specification publishes for them.
    fn example() -> SignedRequest<'static> {
        SignedRequest {
            host: "cvm.tencentcloudapi.com",
            service: "cvm",
            action: "DescribeInstances",
            content_type: "application/json; charset=utf-8",
            timestamp: 1_551_113_065,
            payload: br#"{"Limit": 1, "Filters": [{"Values": ["\u672a\u547d\u540d"], "Name": "instance-name"}]}"#,
        }
    }

    const EXAMPLE_SECRET_ID: &str = "AKID********************************";
    const EXAMPLE_SECRET_KEY: &str = "********************************";

    #[test]
    fn the_canonical_request_matches_the_specification_example() {
        let expected = "POST\n/\n\ncontent-type:application/json; charset=utf-8\nhost:cvm.tencentcloudapi.com\n\
                        x-tc-action:describeinstances\n\ncontent-type;host;x-tc-action\n\
                        35e9c5b0e3ae67532d3c9f17ead6c90222632e5b1ff7f6e89887f1398934f064";
        assert_eq!(canonical_request(&example()), expected);
        assert_eq!(sha256_hex(expected.as_bytes()), "7019a55be8395899b900fb5564e4200d984910f34794a27cb3fb7d10ff6a1e84");
    }

    #[test]
    fn the_string_to_sign_uses_the_utc_date_of_the_timestamp() {
        // 1551113065 is 2019-02-26 in Beijing time but 2019-02-25 in UTC: the scope takes UTC.
        assert_eq!(
            string_to_sign(&example()),
            "TC3-HMAC-SHA256\n1551113065\n2019-02-25/cvm/tc3_request\n7019a55be8395899b900fb5564e4200d984910f34794a27cb3fb7d10ff6a1e84"
        );
    }

    #[test]
    fn the_signature_and_header_match_the_specification_example() {
        assert_eq!(signature(EXAMPLE_SECRET_KEY, &example()), "10b1a37a7301a02ca19a647ad722d5e43b4b3cff309d421d85b46093f6ab6c4f");
        assert_eq!(
            authorization(EXAMPLE_SECRET_ID, EXAMPLE_SECRET_KEY, &example()),
            "TC3-HMAC-SHA256 Credential=AKID********************************/2019-02-25/cvm/tc3_request, \
             SignedHeaders=content-type;host;x-tc-action, Signature=10b1a37a7301a02ca19a647ad722d5e43b4b3cff309d421d85b46093f6ab6c4f"
        );
    }

    #[test]
    fn utc_dates_cross_months_years_and_leap_days() {
        assert_eq!(utc_date(0), "1970-01-01");
        assert_eq!(utc_date(951_782_400), "2000-02-29");
        assert_eq!(utc_date(1_798_761_599), "2026-12-31");
        assert_eq!(utc_date(1_798_761_600), "2027-01-01");
    }
}
