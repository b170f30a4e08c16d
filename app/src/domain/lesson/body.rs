//! A lesson's body: the small part of Markdown the lesson files use (paragraphs, `## ` headings,
//! `- ` lists), read into blocks so pages render it without an HTML parser or raw HTML.

use serde::{Deserialize, Serialize};

/// One block of a lesson's text.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Block {
    Heading(String),
    Paragraph(String),
    List(Vec<String>),
}

/// Reads the body: blank lines end a paragraph or a list; consecutive lines of a paragraph
/// join without a space (Chinese text has none between lines).
pub fn parse(text: &str) -> Vec<Block> {
    let mut blocks = Vec::new();
    let mut paragraph = String::new();
    let mut list: Vec<String> = Vec::new();
    let flush = |blocks: &mut Vec<Block>, paragraph: &mut String, list: &mut Vec<String>| {
        if !paragraph.is_empty() {
            blocks.push(Block::Paragraph(std::mem::take(paragraph)));
        }
        if !list.is_empty() {
            blocks.push(Block::List(std::mem::take(list)));
        }
    };
    for line in text.lines().map(str::trim) {
        if line.is_empty() {
            flush(&mut blocks, &mut paragraph, &mut list);
        } else if let Some(heading) = line.strip_prefix("## ").or_else(|| line.strip_prefix("### ")) {
            flush(&mut blocks, &mut paragraph, &mut list);
            blocks.push(Block::Heading(heading.trim().to_string()));
        } else if let Some(item) = line.strip_prefix("- ").or_else(|| line.strip_prefix("* ")) {
            if !paragraph.is_empty() {
                flush(&mut blocks, &mut paragraph, &mut list);
            }
            list.push(item.trim().to_string());
        } else if let (Some(last), true) = (list.last_mut(), paragraph.is_empty()) {
            // A continuation line of a list item.
            last.push_str(line);
        } else {
            paragraph.push_str(line);
        }
    }
    flush(&mut blocks, &mut paragraph, &mut list);
    blocks
}

/// Han characters in a text: how the length of a Chinese lesson is counted (about 300 a
/// minute read aloud), leaving out punctuation, digits and Latin letters.
pub fn han_count(text: &str) -> usize {
    text.chars().filter(|ch| matches!(*ch as u32, 0x4E00..=0x9FFF | 0x3400..=0x4DBF)).count()
}

/// Han characters of the whole body.
pub fn body_han_count(blocks: &[Block]) -> usize {
    blocks
        .iter()
        .map(|block| match block {
            Block::Heading(text) | Block::Paragraph(text) => han_count(text),
            Block::List(items) => items.iter().map(|item| han_count(item)).sum(),
        })
        .sum()
}

/// The body as one text to read aloud, in order, headings included.
pub fn plain_text(blocks: &[Block]) -> String {
    let mut text = String::new();
    for block in blocks {
        match block {
            Block::Heading(line) | Block::Paragraph(line) => text.push_str(line),
            Block::List(items) => text.push_str(&items.join("；")),
        }
        text.push('\n');
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_headings_and_lists_become_blocks() {
        let text = "第一段第一行\n第一段第二行\n\n## 怎么做\n- 第一条\n- 第二条\n  接着写\n\n最后一段";
        assert_eq!(
            parse(text),
            vec![
                Block::Paragraph("第一段第一行第一段第二行".into()),
                Block::Heading("怎么做".into()),
                Block::List(vec!["第一条".into(), "第二条接着写".into()]),
                Block::Paragraph("最后一段".into()),
            ]
        );
    }

    #[test]
    fn only_han_characters_count_towards_the_length() {
        assert_eq!(han_count("满6月龄，加辅食（iron）。"), 6);
        assert_eq!(body_han_count(&parse("## 小标题\n- 一二\n\n三四五")), 8);
    }
}
