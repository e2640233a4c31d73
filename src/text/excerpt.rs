//! Excerpts: a text cut at a word boundary to a number of characters,
//! with `…` added when something was cut. The one cutter behind search
//! snippets ([`Cut::Snippet`], on plain text) and the quotes of concept
//! pages ([`Cut::Quote`], on a markdown paragraph read as text by
//! [`super::markdown::excerpt`]).

/// Where [`cut`] ends a text longer than its room, and what it trims.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cut {
    /// At the last space of the first `max` characters when that space
    /// lies past byte `max / 2` of them, else right after them (mid-word);
    /// trailing `,`, `;`, `:` and spaces dropped. Search snippets.
    Snippet,
    /// Right after the first `max` characters when a space follows them,
    /// else at their last space; trailing `,`, `;`, `:` and `.` dropped.
    /// Quotes on concept pages.
    Quote,
}

/// `text` whole when it has at most `max` characters, else cut as `how`
/// says with `…` appended.
pub fn cut(text: &str, max: usize, how: Cut) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let cut: String = text.chars().take(max).collect();
    let (head, trim): (&str, &[char]) = match how {
        Cut::Snippet => {
            let at = cut.rfind(' ').filter(|&i| i > max / 2).unwrap_or(cut.len());
            (&cut[..at], &[',', ';', ':', ' '])
        }
        Cut::Quote => {
            let at_word_end = text.chars().nth(max) == Some(' ');
            let head = match cut.rsplit_once(' ') {
                Some((head, _)) if !at_word_end => head,
                _ => cut.as_str(),
            };
            (head, &[',', ';', ':', '.'])
        }
    };
    format!("{}…", head.trim_end_matches(trim))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_texts_are_kept_whole() {
        for how in [Cut::Snippet, Cut::Quote] {
            assert_eq!(cut("short", 10, how), "short");
            assert_eq!(cut("", 0, how), "");
        }
    }

    #[test]
    fn snippets_cut_at_a_space_past_half() {
        assert_eq!(cut("one two three four", 12, Cut::Snippet), "one two…");
        assert_eq!(cut("a abcdefghijklmnop", 10, Cut::Snippet), "a abcdefgh…");
        assert_eq!(cut("one two, three", 9, Cut::Snippet), "one two…");
    }

    #[test]
    fn quotes_keep_a_whole_last_word() {
        assert_eq!(cut("one two three four", 13, Cut::Quote), "one two three…");
        assert_eq!(cut("one two three four", 12, Cut::Quote), "one two…");
        assert_eq!(cut("Ends here. Then more", 11, Cut::Quote), "Ends here…");
    }
}
