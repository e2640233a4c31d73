//! HTML (and XML) escaping, for the places that write markup by hand
//! (highlighted code, the concept-map SVG). Templates escape through Tera.

use std::borrow::Cow;

/// Which characters [`push_escaped`] and [`escape_html`] replace.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Escape {
    /// `&`, `<` and `>`: enough for element content (highlighted code).
    Text,
    /// Also `"` (as `&quot;`) and `'` (as `&#39;`): safe in element content
    /// and in quoted attribute values alike (the concept-map SVG).
    Attribute,
}

/// The replacement of byte `b` under `mode`, if it has one.
fn replacement(b: u8, mode: Escape) -> Option<&'static str> {
    match b {
        b'&' => Some("&amp;"),
        b'<' => Some("&lt;"),
        b'>' => Some("&gt;"),
        b'"' if mode == Escape::Attribute => Some("&quot;"),
        b'\'' if mode == Escape::Attribute => Some("&#39;"),
        _ => None,
    }
}

/// Appends `text` to `out`, escaping the characters `mode` names.
pub fn push_escaped(out: &mut String, text: &str, mode: Escape) {
    let mut start = 0;
    for (i, b) in text.bytes().enumerate() {
        if let Some(rep) = replacement(b, mode) {
            out.push_str(&text[start..i]);
            out.push_str(rep);
            start = i + 1;
        }
    }
    out.push_str(&text[start..]);
}

/// `text` with the characters `mode` names escaped; borrowed when none
/// occurs.
pub fn escape_html(text: &str, mode: Escape) -> Cow<'_, str> {
    if !text.bytes().any(|b| replacement(b, mode).is_some()) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    push_escaped(&mut out, text, mode);
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_mode_leaves_quotes() {
        assert_eq!(
            escape_html(r#"a < b && c > "d" 'e'"#, Escape::Text),
            r#"a &lt; b &amp;&amp; c &gt; "d" 'e'"#
        );
        assert!(matches!(
            escape_html("plain ünïcode", Escape::Text),
            Cow::Borrowed(_)
        ));
    }

    #[test]
    fn attribute_mode_escapes_quotes() {
        let mut out = String::from("x=");
        push_escaped(&mut out, r#"<"it's">&"#, Escape::Attribute);
        assert_eq!(out, "x=&lt;&quot;it&#39;s&quot;&gt;&amp;");
    }
}
