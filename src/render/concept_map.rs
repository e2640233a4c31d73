//! The concept map: the concept graph as a static SVG.
//!
//! The map is generated at build time so it works without JavaScript and
//! from `file://`: every concept is an `<a>` to its page, relations are
//! lines (solid for explicit relations: the catalog's, or the pairs a
//! question compares when discovered; dashed for relations found in the
//! answers only), and the layout comes from
//! [`super::concept_layout`], so labels never overlap. Colours are presentation
//! attributes the theme can override through the `cm-*` classes.

use std::fmt::Write as _;

use super::concept_layout::{LayoutParams, NodeBox, layout};
use crate::model::ConceptGraph;
use crate::text::escape::{Escape, escape_html};

/// Settings of [`concept_map_svg_with`].
#[derive(Debug, Clone, PartialEq)]
pub struct MapOptions<'a> {
    /// Prefix of every concept link: `"concepts/"` on a page at the site
    /// root, `""` on a page inside `concepts/`, `"../concepts/"` one level
    /// down elsewhere.
    pub href_prefix: &'a str,
    /// Canvas width (view box units), 1200 by default.
    pub width: f64,
    /// Canvas height, 900 by default.
    pub height: f64,
    /// Label font size, 13 by default.
    pub font_size: f64,
    /// Layout iterations, 300 by default.
    pub iterations: usize,
    /// Layout seed; any fixed value gives a fixed map.
    pub seed: u64,
}

impl Default for MapOptions<'static> {
    fn default() -> Self {
        MapOptions {
            href_prefix: "concepts/",
            width: 1200.0,
            height: 900.0,
            font_size: 13.0,
            iterations: 300,
            seed: 0x00C0_FFEE,
        }
    }
}

/// The concept map with default settings and links to
/// `<href_prefix><id>.html`; see [`concept_map_svg_with`].
pub fn concept_map_svg(graph: &ConceptGraph, href_prefix: &str) -> String {
    let opts = MapOptions {
        href_prefix,
        ..MapOptions::default()
    };
    concept_map_svg_with(graph, &opts)
}

/// Label size estimate: average glyph width of a sans-serif face is about
/// 0.6 em; padding 8 × 5.
fn label_size(name: &str, font_size: f64) -> (f64, f64) {
    let chars = name.chars().count() as f64;
    (chars * font_size * 0.6 + 16.0, font_size + 10.0)
}

/// Most concepts the map draws. The layout compares every pair of nodes
/// on every step (quadratic), so a catalog of thousands would take minutes
/// and draw an unreadable map; beyond this many, the map shows the most
/// connected concepts and the concepts index lists every one.
pub const MAX_MAP_CONCEPTS: usize = 300;

/// Which concepts the map draws: all of them, or the
/// [`MAX_MAP_CONCEPTS`] with the most relations (ties: catalog order).
pub fn drawn_concepts(graph: &ConceptGraph) -> Vec<bool> {
    let n = graph.nodes.len();
    if n <= MAX_MAP_CONCEPTS {
        return vec![true; n];
    }
    let mut degree = vec![0usize; n];
    for r in &graph.edges {
        if r.a < n && r.b < n {
            degree[r.a] += 1;
            degree[r.b] += 1;
        }
    }
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by_key(|&i| (std::cmp::Reverse(degree[i]), i));
    let mut drawn = vec![false; n];
    for &i in order.iter().take(MAX_MAP_CONCEPTS) {
        drawn[i] = true;
    }
    drawn
}

/// Positions of the concepts' label boxes, in catalog order, as drawn by
/// [`concept_map_svg_with`]; a concept the map leaves out
/// ([`drawn_concepts`]) gets an empty box (width and height 0).
pub fn concept_map_layout(graph: &ConceptGraph, opts: &MapOptions) -> Vec<NodeBox> {
    let drawn = drawn_concepts(graph);
    let shown: Vec<usize> = (0..drawn.len()).filter(|&i| drawn[i]).collect();
    let mut slot = vec![usize::MAX; drawn.len()];
    for (k, &i) in shown.iter().enumerate() {
        slot[i] = k;
    }
    let sizes: Vec<(f64, f64)> = shown
        .iter()
        .map(|&i| label_size(&graph.nodes[i].name, opts.font_size))
        .collect();
    let edges: Vec<(usize, usize, f64)> = graph
        .edges
        .iter()
        .filter(|r| r.a < drawn.len() && r.b < drawn.len() && drawn[r.a] && drawn[r.b])
        .map(|r| (slot[r.a], slot[r.b], r.weight.min(1.5)))
        .collect();
    let params = LayoutParams {
        width: opts.width,
        height: opts.height,
        iterations: opts.iterations,
        seed: opts.seed,
        gap: 6.0,
    };
    let placed = layout(&sizes, &edges, &params);
    let empty = NodeBox {
        x: 0.0,
        y: 0.0,
        w: 0.0,
        h: 0.0,
    };
    (0..drawn.len())
        .map(|i| placed.get(slot[i]).copied().unwrap_or(empty))
        .collect()
}

/// Renders the concept map of `catalog` as a standalone SVG document
/// (`<svg>` element with `xmlns`, embeddable inline in HTML).
///
/// One `<a href="{href_prefix}{id}.html">` per concept, holding a `<title>`
/// (name, summary and how many entries involve it), a box and a label.
/// The view box is `0 0 width height`, grown only if labels had to be
/// placed outside it. Deterministic for the same inputs.
pub fn concept_map_svg_with(graph: &ConceptGraph, opts: &MapOptions) -> String {
    let boxes = concept_map_layout(graph, opts);
    let (x0, y0, x1, y1) = boxes.iter().filter(|b| b.w > 0.0).fold(
        (0.0f64, 0.0f64, opts.width, opts.height),
        |(a, b, c, d), n| {
            (
                a.min(n.x - n.w / 2.0),
                b.min(n.y - n.h / 2.0),
                c.max(n.x + n.w / 2.0),
                d.max(n.y + n.h / 2.0),
            )
        },
    );
    let mut s = String::new();
    let _ = writeln!(
        s,
        r##"<svg xmlns="http://www.w3.org/2000/svg" class="concept-map" viewBox="{} {} {} {}" role="group" aria-labelledby="concept-map-title" font-family="system-ui, -apple-system, 'Segoe UI', sans-serif" font-size="{}">"##,
        num(x0),
        num(y0),
        num(x1 - x0),
        num(y1 - y0),
        num(opts.font_size)
    );
    s.push_str("<title id=\"concept-map-title\">Concept map</title>\n");
    edges(&mut s, graph, &boxes);
    nodes(&mut s, graph, &boxes, opts);
    s.push_str("</svg>\n");
    s
}

fn edges(s: &mut String, graph: &ConceptGraph, boxes: &[NodeBox]) {
    s.push_str("<g class=\"cm-edges\" stroke=\"#8a96a8\" fill=\"none\">\n");
    for r in &graph.edges {
        let (Some(a), Some(b)) = (boxes.get(r.a), boxes.get(r.b)) else {
            continue;
        };
        if a.w == 0.0 || b.w == 0.0 {
            continue;
        }
        let width = 0.8 + r.weight.min(2.0);
        let dash = if r.explicit {
            ""
        } else {
            r#" stroke-dasharray="4 3""#
        };
        let class = if r.explicit {
            "cm-explicit"
        } else {
            "cm-cooccurs"
        };
        let _ = writeln!(
            s,
            r#"<line class="{class}" x1="{}" y1="{}" x2="{}" y2="{}" stroke-width="{}"{dash}/>"#,
            num(a.x),
            num(a.y),
            num(b.x),
            num(b.y),
            num(width)
        );
    }
    s.push_str("</g>\n");
}

fn nodes(s: &mut String, graph: &ConceptGraph, boxes: &[NodeBox], opts: &MapOptions) {
    s.push_str("<g class=\"cm-nodes\">\n");
    for (c, b) in graph.nodes.iter().zip(boxes) {
        if b.w == 0.0 {
            continue;
        }
        let uses = c.uses;
        let (class, fill, stroke) = if uses == 0 {
            ("cm-node cm-unused", "#f3f4f6", "#b8bec8")
        } else {
            ("cm-node", "#eaf1fb", "#4a6fa5")
        };
        let mut tip = c.name.clone();
        if let Some(summary) = &c.summary {
            tip.push_str(" — ");
            tip.push_str(summary);
        }
        let _ = write!(
            tip,
            " ({uses} {})",
            if uses == 1 { "entry" } else { "entries" }
        );
        let _ = writeln!(
            s,
            r##"<a href="{}{}.html" class="{class}"><title>{}</title><rect x="{}" y="{}" width="{}" height="{}" rx="5" fill="{fill}" stroke="{stroke}"/><text x="{}" y="{}" text-anchor="middle" dominant-baseline="central" fill="#1d2430">{}</text></a>"##,
            escape_html(opts.href_prefix, Escape::Attribute),
            escape_html(&c.id, Escape::Attribute),
            escape_html(&tip, Escape::Attribute),
            num(b.x - b.w / 2.0),
            num(b.y - b.h / 2.0),
            num(b.w),
            num(b.h),
            num(b.x),
            num(b.y),
            escape_html(&c.name, Escape::Attribute)
        );
    }
    s.push_str("</g>\n");
}

/// A coordinate with one decimal, without a trailing `.0`.
fn num(v: f64) -> String {
    let r = (v * 10.0).round() / 10.0;
    let r = if r == 0.0 { 0.0 } else { r };
    if r.fract() == 0.0 {
        format!("{r:.0}")
    } else {
        format!("{r:.1}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{MapEdge, MapNode};

    fn node(id: &str, name: &str, summary: Option<&str>) -> MapNode {
        MapNode {
            id: id.into(),
            name: name.into(),
            summary: summary.map(str::to_string),
            uses: 0,
        }
    }

    fn edge(a: usize, b: usize, explicit: bool) -> MapEdge {
        MapEdge {
            a,
            b,
            explicit,
            weight: if explicit { 1.0 } else { 0.0 },
        }
    }

    fn graph() -> ConceptGraph {
        let summary = Some("A \"quoted\" <summary> & more.");
        ConceptGraph {
            nodes: vec![
                node("gil", "GIL", summary),
                node("slots", "__slots__ & <co>", summary),
                node("gc", "GC", summary),
            ],
            edges: vec![edge(0, 1, true), edge(0, 2, false)],
        }
    }

    #[test]
    fn links_titles_and_escaping() {
        let svg = concept_map_svg(&graph(), "../concepts/");
        assert_eq!(svg.matches("<a ").count(), 3);
        assert!(svg.contains(r#"<a href="../concepts/gil.html""#));
        assert!(svg.contains("__slots__ &amp; &lt;co&gt;</text>"));
        assert!(svg.contains("A &quot;quoted&quot; &lt;summary&gt; &amp; more."));
        assert!(!svg.contains("<co>"));
        assert_eq!(svg.matches("<line ").count(), 2);
        assert_eq!(svg.matches("stroke-dasharray").count(), 1);
        assert!(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""));
        assert!(svg.contains("viewBox=\"0 0 1200 900\""));
    }

    #[test]
    fn a_large_catalog_draws_its_most_connected_concepts() {
        let n = MAX_MAP_CONCEPTS + 100;
        // The last concept is the hub: related to the 20 before it.
        let graph = ConceptGraph {
            nodes: (0..n)
                .map(|i| node(&format!("c{i}"), &format!("Concept {i}"), None))
                .collect(),
            edges: (n - 21..n - 1).map(|a| edge(a, n - 1, true)).collect(),
        };
        let svg = concept_map_svg(&graph, "");
        assert_eq!(svg.matches("<a ").count(), MAX_MAP_CONCEPTS);
        assert!(
            svg.contains(&format!("href=\"c{}.html\"", n - 1)),
            "the hub is drawn"
        );
        assert_eq!(svg.matches("<line ").count(), 20, "its edges too");
        let boxes = concept_map_layout(&graph, &MapOptions::default());
        assert_eq!(boxes.len(), n);
        assert_eq!(boxes.iter().filter(|b| b.w == 0.0).count(), 100);
    }

    #[test]
    fn deterministic() {
        let a = concept_map_svg(&graph(), "");
        assert_eq!(a, concept_map_svg(&graph(), ""));
    }

    #[test]
    fn numbers() {
        assert_eq!(num(12.0), "12");
        assert_eq!(num(12.345), "12.3");
        assert_eq!(num(-0.01), "0");
    }
}
