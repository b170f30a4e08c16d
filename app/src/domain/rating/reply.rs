//! The operator's and the supervisor's side of ratings: a facility answers a rating in public
//! (once, changeable for 7 days) or reports it for review; the lead department's supervisor
//! publishes or hides what is held or reported, always with a reason when hiding.

use serde::{Deserialize, Serialize};

use super::text::mask_contacts;
use super::RatingRefusal;

/// The longest public reply, in characters.
pub const MAX_REPLY_CHARS: usize = 300;
/// A reason (report or hiding) has at least this many characters…
pub const MIN_REASON_CHARS: usize = 5;
/// …and at most this many.
pub const MAX_REASON_CHARS: usize = 200;

/// A reply ready to store: trimmed, contact numbers masked (the facility's own number is on
/// its page; a reply is not the place for a private one).
pub fn reply_text(text: &str) -> Result<String, RatingRefusal> {
    let trimmed = text.trim();
    if trimmed.is_empty() {
        return Err(RatingRefusal::ReplyEmpty);
    }
    if trimmed.chars().count() > MAX_REPLY_CHARS {
        return Err(RatingRefusal::ReplyTooLong);
    }
    Ok(mask_contacts(trimmed))
}

/// A reason for a report or for hiding, trimmed; control characters are not accepted.
pub fn reason(text: &str) -> Result<String, RatingRefusal> {
    let trimmed = text.trim();
    let length = trimmed.chars().count();
    if !(MIN_REASON_CHARS..=MAX_REASON_CHARS).contains(&length) || trimmed.chars().any(|c| c.is_control() && c != '\n') {
        return Err(RatingRefusal::ReasonMissing);
    }
    Ok(mask_contacts(trimmed))
}

crate::coded_enum! {
    /// What a supervisor decides about a rating under review.
    pub enum ReviewDecision {
        /// The text (if held) is published and an open report is closed: the rating stays.
        Publish = "publish",
        /// The whole rating is hidden: its stars stop counting and its text is not shown.
        Hide = "hide",
    }
}

/// A supervisor's decision with its reason (required when hiding: the author is told why).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Review {
    pub decision: ReviewDecision,
    pub reason: Option<String>,
}

impl Review {
    pub fn new(decision: ReviewDecision, reason: &str) -> Result<Review, RatingRefusal> {
        let reason = match decision {
            ReviewDecision::Hide => Some(self::reason(reason)?),
            ReviewDecision::Publish if reason.trim().is_empty() => None,
            ReviewDecision::Publish => Some(self::reason(reason)?),
        };
        Ok(Review { decision, reason })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_reply_is_trimmed_limited_and_masked() {
        assert_eq!(reply_text("  谢谢您的建议  "), Ok("谢谢您的建议".to_string()));
        assert_eq!(reply_text("   "), Err(RatingRefusal::ReplyEmpty));
        assert!(reply_text(&"好".repeat(300)).is_ok());
        assert_eq!(reply_text(&"好".repeat(301)), Err(RatingRefusal::ReplyTooLong));
        assert_eq!(reply_text("请致电13812341234").as_deref(), Ok("请致电138****1234"));
    }

    #[test]
    fn hiding_needs_a_reason_publishing_does_not() {
        assert_eq!(Review::new(ReviewDecision::Hide, "  "), Err(RatingRefusal::ReasonMissing));
        assert_eq!(Review::new(ReviewDecision::Hide, "短"), Err(RatingRefusal::ReasonMissing));
        let hidden = Review::new(ReviewDecision::Hide, "含有人身攻击内容").expect("valid");
        assert_eq!(hidden.reason.as_deref(), Some("含有人身攻击内容"));
        assert_eq!(Review::new(ReviewDecision::Publish, "").expect("valid").reason, None);
        assert_eq!(reason(&"理".repeat(201)), Err(RatingRefusal::ReasonMissing));
    }
}
