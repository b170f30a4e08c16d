//! Free text people write to each other through the platform (a reviewer's reason, a reply).

/// `text` trimmed, if it has 1 to `max_chars` characters and no control character but line
/// breaks; `None` otherwise (the caller refuses it with its own words).
pub fn written_reason(text: &str, max_chars: usize) -> Option<String> {
    let text = text.trim();
    let count = text.chars().count();
    (count > 0 && count <= max_chars && !text.chars().any(|c| c.is_control() && c != '\n')).then(|| text.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reasons_are_trimmed_bounded_and_free_of_control_characters() {
        assert_eq!(written_reason("  缺少签章页\n请补充 ", 20), Some("缺少签章页\n请补充".to_string()));
        assert_eq!(written_reason("   ", 20), None);
        assert_eq!(written_reason("太长了", 2), None);
        assert_eq!(written_reason("铃\u{7}", 20), None);
    }
}
