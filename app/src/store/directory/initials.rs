//! Pinyin initials for search: families type "slh" for 双龙湖 on a phone keyboard.

use pinyin::ToPinyin;

/// First letters of the pinyin of each Chinese character, lower-case Latin letters and digits
/// kept as they are, everything else dropped: "双龙湖Baby托育" → "slhbabyty".
pub fn initials(text: &str) -> String {
    text.chars()
        .zip(text.to_pinyin())
        .filter_map(|(ch, pinyin)| match pinyin {
            Some(p) => p.first_letter().chars().next(),
            None if ch.is_ascii_alphanumeric() => Some(ch.to_ascii_lowercase()),
            None => None,
        })
        .collect()
}

/// What is stored for a facility: initials of the name, a space, initials of the address, so a
/// match never spans the two.
pub fn search_initials(name: &str, address: &str) -> String {
    format!("{} {}", initials(name), initials(address))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_characters_become_their_pinyin_initials() {
        assert_eq!(initials("双龙湖"), "slh");
        assert_eq!(initials("洛碛镇"), "lqz");
    }

    #[test]
    fn latin_letters_and_digits_stay_and_punctuation_goes() {
        assert_eq!(initials("双龙湖Baby托育（2园）"), "slhbabyty2y");
    }

    #[test]
    fn name_and_address_are_kept_apart() {
        assert_eq!(search_initials("星芽托育", "两路街道"), "xyty lljd");
    }
}
