//! Markup stripping shared by the stages that read answers as plain text
//! (dedup compares them, the search index indexes them). Answers may hold
//! raw HTML such as `<b>`; this is a light pass for word statistics, not a
//! parser (render's HTML goes through pulldown-cmark and ammonia).

/// What to do with a markdown link target (`](…)`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LinkTargets {
    /// Keep it as text.
    Keep,
    /// Drop it (a space stands in its place), keeping the link text.
    Drop,
}

/// `s` with every `<tag>` (a `<` followed by a letter or `/`, up to the
/// next `>`) replaced by a space, and markdown link targets handled as
/// `links` says. Never fails; an unclosed tag runs to the end.
pub fn strip_tags(s: &str, links: LinkTargets) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        let close = if c == '<'
            && chars
                .peek()
                .is_some_and(|n| n.is_ascii_alphabetic() || *n == '/')
        {
            '>'
        } else if links == LinkTargets::Drop && c == ']' && chars.peek() == Some(&'(') {
            ')'
        } else {
            out.push(c);
            continue;
        };
        for d in chars.by_ref() {
            if d == close {
                break;
            }
        }
        out.push(' ');
    }
    out
}

/// Whether `s` has text outside its tags: a character that is not
/// whitespace in [`strip_tags`]`(s, LinkTargets::Keep)`, found without
/// building that string. Stops at the first such character.
pub fn has_visible_text(s: &str) -> bool {
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '<'
            && chars
                .peek()
                .is_some_and(|n| n.is_ascii_alphabetic() || *n == '/')
        {
            for d in chars.by_ref() {
                if d == '>' {
                    break;
                }
            }
        } else if !c.is_whitespace() {
            return true;
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn visible_text_is_what_stripping_tags_leaves() {
        for s in [
            "",
            "  \n",
            "<div><p></p></div>",
            "<div>\n  <p> </p>\n</div>",
            "<p>x</p>",
            "1 < 2",
            "<unclosed",
            "<b></b>\u{a0}",
            "</br>text",
            "<>",
        ] {
            assert_eq!(
                has_visible_text(s),
                !strip_tags(s, LinkTargets::Keep).trim().is_empty(),
                "{s:?}"
            );
        }
    }

    #[test]
    fn tags_and_link_targets() {
        let s = "a <b>bold</b> [link](http://x.org/a) 1 < 2 <unclosed";
        assert_eq!(
            strip_tags(s, LinkTargets::Keep),
            "a  bold  [link](http://x.org/a) 1 < 2  "
        );
        assert_eq!(strip_tags(s, LinkTargets::Drop), "a  bold  [link  1 < 2  ");
    }
}
