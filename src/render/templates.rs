//! The tera engine loaded with the theme's templates, and tera's errors
//! turned into docgen errors that name the template file and line.

use std::collections::BTreeMap;
use std::path::PathBuf;

use crate::theme::Theme;
use crate::{Error, Result};

/// Tera with every template of a [`Theme`] parsed once.
pub struct Templates {
    tera: tera::Tera,
    origins: BTreeMap<String, PathBuf>,
}

impl Templates {
    /// Parses every template of `theme`.
    ///
    /// Errors: [`Error::Template`] naming the template's file and line for a
    /// syntax error.
    pub fn new(theme: &Theme) -> Result<Self> {
        let mut tera = tera::Tera::new();
        tera.autoescape_on(vec![".html", ".xml"]);
        let origins: BTreeMap<String, PathBuf> = theme
            .templates
            .iter()
            .map(|(name, t)| (name.clone(), t.origin.clone()))
            .collect();
        let sources = theme
            .templates
            .iter()
            .map(|(n, t)| (n.as_str(), t.text.as_str()));
        let mut this = Templates { tera, origins };
        if let Err(e) = this.tera.add_raw_templates(sources) {
            return Err(this.error("base.html", &e));
        }
        Ok(this)
    }

    /// Renders template `name` with `context`.
    ///
    /// Errors: [`Error::Template`] naming the template's file and line.
    pub fn render(&self, name: &str, context: &tera::Context) -> Result<String> {
        self.tera
            .render(name, context)
            .map_err(|e| self.error(name, &e))
    }

    /// Renders template `name` with `context` into `out`, for pages too
    /// large to hold in memory.
    ///
    /// Errors: [`Error::Template`] naming the template's file and line; a
    /// failed write also ends as a template error (the sink reports the
    /// write error with its path, see [`super::SiteSink::put_with`]).
    pub fn render_to(
        &self,
        name: &str,
        context: &tera::Context,
        out: impl std::io::Write,
    ) -> Result<()> {
        self.tera
            .render_to(name, context, out)
            .map_err(|e| self.error(name, &e))
    }

    fn error(&self, name: &str, e: &tera::Error) -> Error {
        let (file, line, message) = match e.kind() {
            tera::ErrorKind::SyntaxError(r) | tera::ErrorKind::RenderingError(r) => {
                let file = if r.filename().is_empty() {
                    name
                } else {
                    r.filename()
                };
                (
                    file.to_string(),
                    r.span().start_line,
                    r.message().to_string(),
                )
            }
            _ => (name.to_string(), 0, error_chain(e)),
        };
        let path = self
            .origins
            .get(&file)
            .cloned()
            .unwrap_or_else(|| PathBuf::from(format!("templates/{file}")));
        Error::Template {
            path,
            line,
            message,
        }
    }
}

fn error_chain(e: &dyn std::error::Error) -> String {
    let mut msg = e.to_string();
    let mut cur = e.source();
    while let Some(s) = cur {
        msg.push_str(": ");
        msg.push_str(&s.to_string());
        cur = s.source();
    }
    msg
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::theme::TemplateSource;

    fn theme_with(name: &str, text: &str) -> Theme {
        let mut theme = Theme::embedded();
        theme.templates.insert(
            name.to_string(),
            TemplateSource {
                text: text.to_string(),
                origin: PathBuf::from(format!("site/templates/{name}")),
            },
        );
        theme
    }

    #[test]
    fn syntax_error_names_file_and_line() {
        let err = Templates::new(&theme_with("index.html", "ok\nok\n{% if %}\n"))
            .err()
            .unwrap();
        let msg = err.to_string();
        assert!(
            msg.starts_with("template site/templates/index.html:3:"),
            "{msg}"
        );
    }

    #[test]
    fn render_error_names_file_and_line() {
        let t = Templates::new(&theme_with("x.html", "a\n{{ missing.field }}\n")).unwrap();
        let msg = t
            .render("x.html", &tera::Context::new())
            .unwrap_err()
            .to_string();
        assert!(
            msg.starts_with("template site/templates/x.html:2:"),
            "{msg}"
        );
    }
}
