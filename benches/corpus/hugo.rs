//! Writing a corpus as a Hugo site, for side-by-side benchmarks: the same
//! questions, one page per question (`content/<stem>/<n>.md`, the answer
//! as the body, Python in ```` ```python ```` fences), one section per
//! notes file, a minimal layout written here, and Hugo's built-in
//! highlighting.

use std::path::Path;

use super::Corpus;

/// Site configuration: code fences highlighted by Hugo's built-in
/// highlighter into CSS classes (docgen emits classes too).
const CONFIG: &str = r#"baseURL = "https://example.org/"
languageCode = "en"
title = "Python interview handbook"
disableKinds = ["taxonomy", "term"]

[markup.highlight]
codeFences = true
noClasses = false
guessSyntax = false
"#;

/// The page skeleton every page fills.
const BASEOF: &str = r#"<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>{{ .Title }} · {{ .Site.Title }}</title>
</head>
<body>
<nav><a href="{{ "/" | relURL }}">{{ .Site.Title }}</a></nav>
<main>{{ block "main" . }}{{ end }}</main>
</body>
</html>
"#;

/// A question page: title, answer, links to its neighbours.
const SINGLE: &str = r#"{{ define "main" }}
<article>
<h1>{{ .Title }}</h1>
{{ .Content }}
</article>
<nav>
{{ with .PrevInSection }}<a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}
{{ with .NextInSection }}<a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}
</nav>
{{ end }}
"#;

/// A section (one notes file) or the home page: the list of its pages.
const LIST: &str = r#"{{ define "main" }}
<h1>{{ .Title }}</h1>
<ul>
{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>
{{ end }}</ul>
{{ end }}
"#;

/// YAML front matter with `title` (quoted as JSON, which YAML reads) and
/// `weight`.
fn front_matter(title: &str, weight: usize) -> String {
    let quoted = serde_json::to_string(title).unwrap();
    format!("---\ntitle: {quoted}\nweight: {weight}\n---\n")
}

/// Writes the site under `root` (`hugo.toml`, `layouts/`, `content/`).
pub fn write_site(corpus: &Corpus, root: &Path) {
    let layouts = root.join("layouts/_default");
    std::fs::create_dir_all(&layouts).unwrap();
    std::fs::write(root.join("hugo.toml"), CONFIG).unwrap();
    std::fs::write(layouts.join("baseof.html"), BASEOF).unwrap();
    std::fs::write(layouts.join("single.html"), SINGLE).unwrap();
    std::fs::write(layouts.join("list.html"), LIST).unwrap();
    for (f, file) in corpus.files.iter().enumerate() {
        let dir = root.join("content").join(&file.stem);
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("_index.md"), front_matter(&file.title, f + 1)).unwrap();
        for (i, q) in file.questions.iter().enumerate() {
            let page = front_matter(&q.text, i + 1) + &q.answer + "\n";
            std::fs::write(dir.join(format!("{}.md", i + 1)), page).unwrap();
        }
    }
}
