//! Text messages through a real provider: Tencent Cloud SMS (`SendSms`, API version
//! 2021-01-11), signed with TC3-HMAC-SHA256 ([`tc3`]). Configured by environment (see the
//! README); the development sender (`app::auth::codes::LogSender`) is used only when no
//! provider is configured, and a production start refuses that.

pub mod tc3;

use std::time::Duration;

use app::auth::codes::{CodeSender, SendFuture};
use app::domain::account::phone::PhoneNumber;

/// What the provider needs, from `TUOYU_SMS_*`.
#[derive(Clone, PartialEq)]
pub struct TencentSmsConfig {
    /// `TUOYU_SMS_SECRET_ID`
    pub secret_id: String,
    /// `TUOYU_SMS_SECRET_KEY`: never logged.
    pub secret_key: String,
    /// `TUOYU_SMS_SDK_APP_ID`: the SMS application (`SmsSdkAppId`).
    pub sdk_app_id: String,
    /// `TUOYU_SMS_SIGN_NAME`: the approved signature (签名), e.g. 渝北托育.
    pub sign_name: String,
    /// `TUOYU_SMS_TEMPLATE_ID`: the approved template of the sign-in message.
    pub template_id: String,
    /// `TUOYU_SMS_TEMPLATE_PARAMS`: the template's variables in order, from `code` and
    /// `minutes` (default `code`).
    pub template_params: Vec<TemplateParam>,
    /// `TUOYU_SMS_ENDPOINT` (default `https://sms.tencentcloudapi.com`).
    pub endpoint: String,
    /// `TUOYU_SMS_REGION` (default `ap-guangzhou`).
    pub region: String,
    /// `TUOYU_SMS_TIMEOUT_MS` (default 5000): a send taking longer counts as failed.
    pub timeout: Duration,
}

impl std::fmt::Debug for TencentSmsConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TencentSmsConfig")
            .field("secret_id", &self.secret_id)
            .field("secret_key", &"***")
            .field("sdk_app_id", &self.sdk_app_id)
            .field("template_id", &self.template_id)
            .field("endpoint", &self.endpoint)
            .finish_non_exhaustive()
    }
}

/// A variable of the message template.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TemplateParam {
    /// The six-digit code.
    Code,
    /// How many minutes the code is valid.
    Minutes,
}

/// Sends sign-in codes through Tencent Cloud SMS.
#[derive(Debug)]
pub struct TencentSmsSender {
    config: TencentSmsConfig,
    host: String,
    client: reqwest::Client,
}

/// Why a send failed, without the code or the full number (these strings reach the log).
#[derive(Debug, thiserror::Error)]
pub enum SmsError {
    #[error("TUOYU_SMS_ENDPOINT {0:?} is not an http(s) URL with a host")]
    Endpoint(String),
    #[error("cannot build the HTTP client: {0}")]
    Client(String),
}

const SERVICE: &str = "sms";
const ACTION: &str = "SendSms";
const VERSION: &str = "2021-01-11";
const CONTENT_TYPE: &str = "application/json; charset=utf-8";

impl TencentSmsSender {
    pub fn new(config: TencentSmsConfig) -> Result<Self, SmsError> {
        let host = endpoint_host(&config.endpoint).ok_or_else(|| SmsError::Endpoint(config.endpoint.clone()))?;
        let client = reqwest::Client::builder()
            .timeout(config.timeout)
            .connect_timeout(config.timeout)
            .build()
            .map_err(|e| SmsError::Client(e.to_string()))?;
        Ok(TencentSmsSender { config, host, client })
    }

    /// The JSON body of `SendSms` for one number (E.164, +86…).
    fn body(&self, phone: &PhoneNumber, code: &str) -> String {
        let minutes = (app::auth::codes::CODE_TTL_SECONDS / 60).to_string();
        let params: Vec<&str> = self
            .config
            .template_params
            .iter()
            .map(|p| match p {
                TemplateParam::Code => code,
                TemplateParam::Minutes => minutes.as_str(),
            })
            .collect();
        serde_json::json!({
            "PhoneNumberSet": [format!("+86{}", phone.as_str())],
            "SmsSdkAppId": self.config.sdk_app_id,
            "SignName": self.config.sign_name,
            "TemplateId": self.config.template_id,
            "TemplateParamSet": params,
        })
        .to_string()
    }

    async fn send_now(&self, phone: &PhoneNumber, code: &str) -> Result<(), String> {
        let body = self.body(phone, code);
        let timestamp = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_secs() as i64)
            .unwrap_or_default();
        let signed = tc3::SignedRequest {
            host: &self.host,
            service: SERVICE,
            action: ACTION,
            content_type: CONTENT_TYPE,
            timestamp,
            payload: body.as_bytes(),
        };
        let authorization = tc3::authorization(&self.config.secret_id, &self.config.secret_key, &signed);
        let response = self
            .client
            .post(&self.config.endpoint)
            .header("Authorization", authorization)
            .header("Content-Type", CONTENT_TYPE)
            .header("Host", &self.host)
            .header("X-TC-Action", ACTION)
            .header("X-TC-Version", VERSION)
            .header("X-TC-Timestamp", timestamp.to_string())
            .header("X-TC-Region", &self.config.region)
            .body(body)
            .send()
            .await
            .map_err(|e| if e.is_timeout() { "the SMS provider did not answer in time".to_string() } else { format!("cannot reach the SMS provider: {e}") })?;
        let status = response.status();
        let text = response.text().await.map_err(|e| format!("the SMS provider's answer broke off: {e}"))?;
        if !status.is_success() {
            return Err(format!("the SMS provider answered HTTP {}", status.as_u16()));
        }
        read_answer(&text)
    }
}

/// Reads a `SendSms` answer: success only when the one number's status code is `Ok`.
fn read_answer(text: &str) -> Result<(), String> {
    let answer: serde_json::Value = serde_json::from_str(text).map_err(|_| "the SMS provider's answer is not JSON".to_string())?;
    let response = &answer["Response"];
    if let Some(error) = response.get("Error") {
        return Err(format!("the SMS provider refused: {} ({})", error["Code"].as_str().unwrap_or("?"), error["Message"].as_str().unwrap_or("")));
    }
    match response["SendStatusSet"].get(0) {
        Some(status) if status["Code"] == "Ok" => Ok(()),
        Some(status) => Err(format!("the SMS provider did not send: {}", status["Code"].as_str().unwrap_or("?"))),
        None => Err("the SMS provider's answer has no send status".to_string()),
    }
}

/// `host[:port]` of an http(s) URL.
fn endpoint_host(url: &str) -> Option<String> {
    let rest = url.strip_prefix("https://").or_else(|| url.strip_prefix("http://"))?;
    let host = rest.split(['/', '?', '#']).next()?;
    (!host.is_empty() && !host.contains('@')).then(|| host.to_string())
}

impl CodeSender for TencentSmsSender {
    fn send<'a>(&'a self, phone: &'a PhoneNumber, code: &'a str) -> SendFuture<'a> {
        Box::pin(self.send_now(phone, code))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config() -> TencentSmsConfig {
        TencentSmsConfig {
            secret_id: "AKIDexample".into(),
            secret_key: "secret".into(),
            sdk_app_id: "1400006666".into(),
            sign_name: "渝北托育".into(),
            template_id: "1110".into(),
            template_params: vec![TemplateParam::Code, TemplateParam::Minutes],
            endpoint: "https://sms.tencentcloudapi.com".into(),
            region: "ap-guangzhou".into(),
            timeout: Duration::from_secs(5),
        }
    }

    #[test]
    fn the_body_names_the_number_in_e164_and_fills_the_template_in_order() {
        let sender = TencentSmsSender::new(config()).expect("sender");
        let phone = PhoneNumber::parse("13900000001").expect("phone");
        let body: serde_json::Value = serde_json::from_str(&sender.body(&phone, "123456")).expect("json");
        assert_eq!(body["PhoneNumberSet"][0], "+8613900000001");
        assert_eq!(body["TemplateParamSet"], serde_json::json!(["123456", "10"]));
        assert_eq!(body["SignName"], "渝北托育");
        assert_eq!(sender.host, "sms.tencentcloudapi.com");
    }

    #[test]
    fn answers_count_as_sent_only_with_an_ok_status() {
        assert!(read_answer(r#"{"Response":{"SendStatusSet":[{"Code":"Ok","Message":"send success"}],"RequestId":"x"}}"#).is_ok());
        let refused = read_answer(r#"{"Response":{"Error":{"Code":"AuthFailure.SignatureFailure","Message":"bad"},"RequestId":"x"}}"#);
        assert!(refused.is_err_and(|e| e.contains("AuthFailure.SignatureFailure")));
        assert!(read_answer(r#"{"Response":{"SendStatusSet":[{"Code":"LimitExceeded.PhoneNumberDailyLimit"}]}}"#).is_err());
        assert!(read_answer("<html>").is_err());
    }

    #[test]
    fn debug_output_hides_the_secret_key() {
        assert!(!format!("{:?}", config()).contains("secret\""));
    }

    #[test]
    fn endpoints_must_be_http_urls_with_a_host() {
        assert_eq!(endpoint_host("http://127.0.0.1:4000/").as_deref(), Some("127.0.0.1:4000"));
        assert_eq!(endpoint_host("ftp://x"), None);
        assert_eq!(endpoint_host("https://"), None);
    }
}
