//! The one URL rule for every link docgen writes from the author's own
//! settings (front matter `url`, `docgen.yaml`'s `base_url`): the same
//! scheme allow-list as note bodies get from the sanitiser, so a
//! `javascript:` or `data:` URL can never reach an `href`.
//!
//! Parsing follows the WHATWG URL standard through the `url` crate, so
//! the browser's own leniencies (tabs and newlines dropped, leading
//! control characters and spaces trimmed, scheme case folded) cannot
//! smuggle a scheme past the check.

/// The schemes a link may use; anything relative (no scheme) is allowed too.
pub const ALLOWED_SCHEMES: [&str; 3] = ["http", "https", "mailto"];

/// Checks a link target: `Ok` for a relative URL or one whose scheme is in
/// [`ALLOWED_SCHEMES`].
///
/// Errors: a sentence saying why the URL is refused (its scheme, or that
/// it does not parse), for the caller to put after the file and key.
pub fn check_link(value: &str) -> Result<(), String> {
    match url::Url::parse(value) {
        Ok(u) if ALLOWED_SCHEMES.contains(&u.scheme()) => Ok(()),
        Ok(u) => Err(format!(
            "the URL scheme `{}:` is not allowed (only http, https, mailto or a relative link)",
            u.scheme()
        )),
        Err(url::ParseError::RelativeUrlWithoutBase) => Ok(()),
        Err(e) => Err(format!("`{value}` is not a valid URL ({e})")),
    }
}

/// Checks a base URL: absolute, `http` or `https`, with a host; or a
/// path from the host's root (`/handbook/`), for a site whose host is
/// not known yet.
///
/// Errors: a sentence saying what is wrong, for the caller to put after
/// the file (or flag) and key.
pub fn check_base_url(value: &str) -> Result<(), String> {
    if value.starts_with('/') && !value.starts_with("//") && check_link(value).is_ok() {
        return Ok(());
    }
    match url::Url::parse(value) {
        Ok(u) if matches!(u.scheme(), "http" | "https") && u.host().is_some() => Ok(()),
        Ok(u) => Err(format!(
            "`{value}` must be an http or https URL with a host, not `{}:`",
            u.scheme()
        )),
        Err(e) => Err(format!(
            "`{value}` is not an absolute URL ({e}); write it in full, e.g. https://you.github.io/handbook/"
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_allow_web_mail_and_relative_only() {
        for ok in [
            "https://x.test/a?b#c",
            "http://x.test",
            "mailto:me@x.test",
            "notes/a.html",
            "../up",
            "#frag",
            "//cdn.test/x",
            "/abs/path",
        ] {
            assert_eq!(check_link(ok), Ok(()), "{ok}");
        }
        for bad in [
            "javascript:alert(1)",
            "JaVaScRiPt:alert(1)",
            " javascript:alert(1)",
            "java\tscript:alert(1)",
            "\u{1}javascript:alert(1)",
            "data:text/html,<script>alert(1)</script>",
            "vbscript:x",
            "file:///etc/passwd",
        ] {
            assert!(check_link(bad).is_err(), "{bad:?} passed");
        }
    }

    #[test]
    fn base_urls_are_absolute_web_urls() {
        assert_eq!(check_base_url("https://you.github.io/repo/"), Ok(()));
        assert_eq!(check_base_url("http://localhost:8080"), Ok(()));
        assert_eq!(check_base_url("/repo/"), Ok(()));
        for bad in [
            "you.github.io/repo",
            "//host/repo/",
            "javascript:alert(1)",
            "ftp://x.test/",
        ] {
            assert!(check_base_url(bad).is_err(), "{bad:?} passed");
        }
    }
}
