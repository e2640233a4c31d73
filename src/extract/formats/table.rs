//! Tables whose rows are questions, in markdown (`| # | Question | Answer |`)
//! or raw HTML (`<tr><td>…</td></tr>`). The question column is the one
//! whose header names questions (in any language docgen knows) or, failing
//! that, the one where most cells read as questions; the answer is the
//! row's other cells (each under its header when there are several), so a
//! row that only links to an answer keeps the link.

use crate::extract::format::{NoteFormat, Reading};
use crate::extract::{Format, Found, details, label, lines, question};

/// Least question rows for a note to be read as tables.
const MIN_ROWS: usize = 2;

/// See the module documentation.
pub(crate) struct Table;

/// One table row: its first line, last line + 1, and its cells as markdown.
struct Row {
    start: usize,
    end: usize,
    cells: Vec<String>,
}

/// A table: its header cells and rows.
struct Grid {
    header: Vec<String>,
    rows: Vec<Row>,
}

impl NoteFormat for Table {
    fn applies(&self, _markdown: bool) -> bool {
        true
    }

    fn read(&self, lines: &[&str]) -> Reading {
        let mask = lines::fence_mask(lines);
        let mut grids = markdown_tables(lines, &mask);
        grids.extend(html_tables(lines, &mask));
        grids.sort_by_key(|g| g.rows.first().map_or(0, |r| r.start));
        let mut sections = lines::SectionCursor::default();
        let mut found = Vec::new();
        for grid in &grids {
            let Some(col) = question_column(grid) else {
                continue;
            };
            for row in &grid.rows {
                let section = sections.at(lines, &mask, row.start);
                let Some(q) = row.cells.get(col) else {
                    continue;
                };
                let q = question::clean(q);
                if q.is_empty() {
                    continue;
                }
                found.push(Found {
                    idx: row.start,
                    question: q,
                    answer: answer(grid, row, col),
                    section,
                    span: row.start..row.end,
                });
            }
        }
        if found.len() < MIN_ROWS {
            return Reading::default();
        }
        Reading::of(Format::Table, found)
    }
}

/// The column that holds the questions: one whose header is a question
/// marker word ("Question", "问题", "Вопрос", …), else the one where at
/// least half the cells read as questions (the most such cells).
fn question_column(grid: &Grid) -> Option<usize> {
    let width = grid.rows.iter().map(|r| r.cells.len()).max()?;
    let named = grid.header.iter().position(|h| {
        let h = question::strip_wrappers(h.trim());
        label::pair_marker(&format!("{h}:")).is_some_and(|(side, _)| side == label::Side::Question)
    });
    if named.is_some() {
        return named;
    }
    let mut best: Option<(usize, usize)> = None;
    for col in 0..width {
        let asks = grid
            .rows
            .iter()
            .filter(|r| {
                r.cells
                    .get(col)
                    .is_some_and(|c| question::looks_like_question(c))
            })
            .count();
        if asks * 2 >= grid.rows.len() && best.is_none_or(|(n, _)| asks > n) {
            best = Some((asks, col));
        }
    }
    best.map(|(_, col)| col)
}

/// The answer of a row: its other non-empty cells that are not a bare row
/// number; one cell alone, several each under its header in bold.
fn answer(grid: &Grid, row: &Row, col: usize) -> String {
    let others: Vec<(usize, &String)> = row
        .cells
        .iter()
        .enumerate()
        .filter(|(i, c)| {
            *i != col && !c.trim().is_empty() && !c.trim().chars().all(|ch| ch.is_ascii_digit())
        })
        .collect();
    match others.as_slice() {
        [] => String::new(),
        [(_, only)] => only.trim().to_string(),
        many => many
            .iter()
            .map(|(i, c)| match grid.header.get(*i).map(|h| h.trim()) {
                Some(h) if !h.is_empty() => format!("**{h}:** {}", c.trim()),
                _ => c.trim().to_string(),
            })
            .collect::<Vec<_>>()
            .join("\n\n"),
    }
}

/// The cells of a markdown table row (`| a | b |`), pipes escaped as `\|`
/// kept inside cells.
fn split_row(line: &str) -> Vec<String> {
    let t = line.trim();
    let t = t.strip_prefix('|').unwrap_or(t);
    let t = t.strip_suffix('|').unwrap_or(t);
    let mut cells = vec![String::new()];
    let mut chars = t.chars().peekable();
    let mut code = false;
    while let Some(c) = chars.next() {
        if c == '|' && !code {
            cells.push(String::new());
            continue;
        }
        let Some(cell) = cells.last_mut() else { break };
        if c == '\\' && chars.peek() == Some(&'|') {
            cell.push('|');
            chars.next();
        } else {
            code ^= c == '`';
            cell.push(c);
        }
    }
    cells.into_iter().map(|c| c.trim().to_string()).collect()
}

/// True for a markdown table's delimiter row (`|---|:--:|`).
fn is_delimiter(line: &str) -> bool {
    let t = line.trim();
    t.contains('-')
        && t.contains(['|', ':'])
        && t.chars().all(|c| matches!(c, '|' | '-' | ':' | ' ' | '\t'))
}

/// Every markdown table outside fences: a header row, a delimiter row,
/// then rows up to the first line without a pipe.
fn markdown_tables(lines: &[&str], mask: &[bool]) -> Vec<Grid> {
    let mut out = Vec::new();
    let mut i = 0;
    while i + 1 < lines.len() {
        if mask[i] || !lines[i].contains('|') || !is_delimiter(lines[i + 1]) {
            i += 1;
            continue;
        }
        let header = split_row(lines[i]);
        let mut rows = Vec::new();
        let mut j = i + 2;
        while j < lines.len() && !mask[j] && lines[j].contains('|') && !lines::is_blank(lines[j]) {
            rows.push(Row {
                start: j,
                end: j + 1,
                cells: split_row(lines[j]),
            });
            j += 1;
        }
        out.push(Grid { header, rows });
        i = j;
    }
    out
}

/// Every raw HTML table outside fences: `<tr>` rows of `<th>`/`<td>`
/// cells (a row may span lines); the first row of `<th>` cells is the
/// header.
fn html_tables(lines: &[&str], mask: &[bool]) -> Vec<Grid> {
    let mut out: Vec<Grid> = Vec::new();
    let mut current: Option<Grid> = None;
    let mut i = 0;
    while i < lines.len() {
        let lower = lines[i].to_ascii_lowercase();
        if mask[i] {
            i += 1;
            continue;
        }
        if lower.contains("<table") {
            current = Some(Grid {
                header: Vec::new(),
                rows: Vec::new(),
            });
        }
        if current.is_some() && lower.contains("<tr") {
            let start = i;
            let mut html = String::new();
            while i < lines.len() {
                html.push_str(lines[i]);
                html.push('\n');
                if lines[i].to_ascii_lowercase().contains("</tr") {
                    break;
                }
                i += 1;
            }
            let (cells, header) = html_cells(&html);
            if let Some(grid) = current.as_mut() {
                if header && grid.header.is_empty() && grid.rows.is_empty() {
                    grid.header = cells;
                } else {
                    grid.rows.push(Row {
                        start,
                        end: (i + 1).min(lines.len()),
                        cells,
                    });
                }
            }
        }
        if lines
            .get(i)
            .is_some_and(|l| l.to_ascii_lowercase().contains("</table"))
            && let Some(grid) = current.take()
        {
            out.push(grid);
        }
        i += 1;
    }
    out.extend(current);
    out
}

/// The cells of one `<tr>` as markdown text, and whether they are all
/// header cells.
fn html_cells(row: &str) -> (Vec<String>, bool) {
    let lower = row.to_ascii_lowercase();
    let mut cells = Vec::new();
    let mut all_th = true;
    let mut pos = 0;
    while let Some(open) = find_cell(&lower, pos) {
        let is_th = lower[open..].starts_with("<th");
        let Some(gt) = lower[open..].find('>') else {
            break;
        };
        let inner_start = open + gt + 1;
        let close = if is_th { "</th" } else { "</td" };
        let inner_end = lower[inner_start..]
            .find(close)
            .map_or(row.len(), |e| inner_start + e);
        cells.push(
            details::html_text(&row[inner_start..inner_end])
                .trim()
                .to_string(),
        );
        all_th &= is_th;
        pos = inner_end;
    }
    (cells, all_th && !lower.contains("<td"))
}

/// The next `<td` or `<th` (not `<thead`) at or after `from`.
fn find_cell(lower: &str, from: usize) -> Option<usize> {
    let mut at = from;
    while let Some(k) = lower[at..].find("<t") {
        let p = at + k;
        let rest = &lower[p + 2..];
        if (rest.starts_with('d') || rest.starts_with('h'))
            && rest[1..].starts_with(['>', ' ', '\t', '\n'])
        {
            return Some(p);
        }
        at = p + 2;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(input: &str, expected: &[(usize, &str, &str)]) {
        crate::extract::formats::testing::check_qa(&Table, input, expected);
    }

    #[test]
    fn markdown_table_with_a_named_question_column_in_korean() {
        check(
            "## 네트워크\n| 번호 | 질문 | 답변 |\n|---|---|---|\n| 1 | TCP와 UDP의 차이 | 연결 지향 |\n| 2 | DNS의 동작 | [링크](dns.md) |\n",
            &[
                (3, "TCP와 UDP의 차이", "연결 지향"),
                (4, "DNS의 동작", "[링크](dns.md)"),
            ],
        );
    }

    #[test]
    fn markdown_table_found_by_its_questions_in_english() {
        check(
            "| Topic | Ask | Level |\n|:-|:-|:-:|\n| gc | How does the GC find cycles? | hard |\n| io | What is `select` \\| `poll`? | easy |\n",
            &[
                (
                    2,
                    "How does the GC find cycles?",
                    "**Topic:** gc\n\n**Level:** hard",
                ),
                (
                    3,
                    "What is `select` | `poll`?",
                    "**Topic:** io\n\n**Level:** easy",
                ),
            ],
        );
    }

    #[test]
    fn html_table_rows_in_russian() {
        check(
            "<table>\n<tr><th>Вопрос</th><th>Ответ</th></tr>\n<tr>\n<td>Что такое GIL?</td>\n<td>Блокировка</td>\n</tr>\n<tr><td>Как работает yield?</td><td><a href=\"y.md\">см.</a></td></tr>\n</table>\n",
            &[
                (2, "Что такое GIL?", "Блокировка"),
                (6, "Как работает yield?", "см."),
            ],
        );
    }
}
