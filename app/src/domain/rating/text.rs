//! What a rating's text may carry in public.
//!
//! Phone and ID numbers are masked before the text is stored: a family writing "call the head
//! teacher on 138…" must not publish a number, and an ID number never belongs in public. A short
//! list of words (abuse, advertising, links) holds the text for a supervisor's look instead of
//! publishing it at once; it does not refuse it, so a false alarm costs a delay, not the rating.

use crate::domain::account::id_card::mask_id;
use crate::domain::account::phone::mask_phone;

/// Runs of at least this many digits are taken as contact or identity numbers and masked.
/// Years (2024), prices (3800) and dates (20240301 is 8, hence the separate date check) stay.
const MIN_NUMBER_DIGITS: usize = 7;

/// Masks every phone-, landline- or ID-like number in `text`. Digits may be written full width
/// or split by single spaces and hyphens ("138 1234-1234"); the mask keeps the usual parts
/// (`138****1234`, `500***********123X`).
pub fn mask_contacts(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < chars.len() {
        if ascii_digit(chars[i]).is_none() {
            out.push(chars[i]);
            i += 1;
            continue;
        }
        // A number: digits, with single separators between digits, and an ID's final X.
        let start = i;
        let mut digits = String::new();
        let mut end = i;
        while end < chars.len() {
            if let Some(d) = ascii_digit(chars[end]) {
                digits.push(d);
                end += 1;
            } else if is_separator(chars[end]) && end + 1 < chars.len() && ascii_digit(chars[end + 1]).is_some() && end > start {
                end += 1;
            } else if matches!(chars[end], 'X' | 'x') && digits.len() == 17 {
                digits.push('X');
                end += 1;
                break;
            } else {
                break;
            }
        }
        if digits.len() >= MIN_NUMBER_DIGITS && !is_plain_date(&digits) {
            out.push_str(&mask_number(&digits));
        } else {
            out.extend(&chars[start..end]);
        }
        i = end;
    }
    out
}

fn ascii_digit(c: char) -> Option<char> {
    match c {
        '0'..='9' => Some(c),
        // Full-width digits, as Chinese input methods type them.
        '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32),
        _ => None,
    }
}

fn is_separator(c: char) -> bool {
    matches!(c, ' ' | '-' | '－')
}

/// 20240301: a date written without separators, not a number to hide.
fn is_plain_date(digits: &str) -> bool {
    digits.len() == 8 && digits.starts_with("20") && {
        let month: u32 = digits[4..6].parse().unwrap_or(0);
        let day: u32 = digits[6..8].parse().unwrap_or(0);
        (1..=12).contains(&month) && (1..=31).contains(&day)
    }
}

fn mask_number(digits: &str) -> String {
    match digits.len() {
        11 if digits.starts_with('1') => mask_phone(digits),
        18 | 15 => mask_id(digits),
        _ => mask_phone(digits),
    }
}

/// Words that hold a text for review: abuse, and the usual signs of advertising.
const REVIEW_WORDS: &[&str] = &[
    // abuse
    "傻逼", "傻b", "煞笔", "sb", "他妈", "操你", "去死", "畜生", "王八蛋", "滚蛋", "狗东西",
    // advertising and drawing families elsewhere
    "加微信", "加v", "加我v", "微信号", "vx", "wx号", "qq群", "扫码", "优惠券", "返现", "代理", "加盟", "刷单", "兼职",
    // links
    "http://", "https://", "www.", ".com", ".cn",
];

/// Whether `text` contains a word that needs a supervisor's look before publication.
pub fn needs_review(text: &str) -> bool {
    // Compare without case and without spaces put in to slip past the list ("加 微 信").
    let folded: String = text.chars().filter(|c| !c.is_whitespace()).flat_map(char::to_lowercase).collect();
    REVIEW_WORDS.iter().any(|word| folded.contains(word))
}

/// The author as the public sees them: the family name's first character and stars
/// ("王**"); pages add "家长" / "parent". An empty name gives "**".
pub fn masked_author(name: &str) -> String {
    let first: String = name.trim().chars().take(1).collect();
    format!("{first}**")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mobile_numbers_are_masked_however_written() {
        assert_eq!(mask_contacts("电话13812341234"), "电话138****1234");
        assert_eq!(mask_contacts("电话 138 1234 1234 找王老师"), "电话 138****1234 找王老师");
        assert_eq!(mask_contacts("138-1234-1234"), "138****1234");
        assert_eq!(mask_contacts("１３８１２３４１２３４"), "138****1234");
    }

    #[test]
    fn id_numbers_are_masked_including_a_final_x() {
        assert_eq!(mask_contacts("身份证500112202403150025"), "身份证500***********0025");
        assert_eq!(mask_contacts("50011220240315002X号"), "500***********002X号");
    }

    #[test]
    fn landlines_are_masked() {
        assert_eq!(mask_contacts("座机023-67881234"), "座机023****1234");
    }

    #[test]
    fn short_numbers_dates_and_prices_stay() {
        for text in ["2024年3月入托", "每月3800元", "20240301开始", "孩子2岁半", "3个老师带15个孩子"] {
            assert_eq!(mask_contacts(text), text);
        }
    }

    #[test]
    fn the_review_list_catches_ads_abuse_and_links_but_not_ordinary_complaints() {
        for text in ["加 微 信 了解更多", "扫码领优惠券", "详情见 https://example.com", "你们是SB吗"] {
            assert!(needs_review(text), "{text}");
        }
        for text in ["老师很耐心，饭菜也干净", "收费和公示的一样", "垃圾桶没有盖子，希望改进"] {
            assert!(!needs_review(text), "{text}");
        }
    }

    #[test]
    fn authors_show_as_family_name_and_stars() {
        assert_eq!(masked_author("王小明"), "王**");
        assert_eq!(masked_author("  李 "), "李**");
        assert_eq!(masked_author(""), "**");
    }
}
