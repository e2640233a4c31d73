//! A deterministic force-directed layout for the concept map, with labels
//! that never overlap.
//!
//! Why not a crate: the Rust graph-layout crates checked (forceatlas2 needs
//! nightly Rust; force_graph and fdg are small, rarely released simulation
//! loops with no label handling) would not save the part that matters here,
//! keeping labelled boxes apart, so the ~100 lines live here.
//!
//! 1. **Fruchterman–Reingold** (Fruchterman & Reingold, 1991, "Graph
//!    Drawing by Force-directed Placement"): every pair of nodes repels with
//!    force `k²/d`, every edge attracts with `w·d²/k`, where
//!    `k = √(area / n)`; a pull towards the centre keeps unconnected nodes
//!    near the others. Each step moves a node by at most the temperature,
//!    which cools linearly to zero over a fixed number of iterations. The
//!    simulation has no walls; its result is scaled to the canvas. Starting positions come from a fixed-seed SplitMix64
//!    generator, so the layout is the same on every run and machine (only
//!    IEEE arithmetic, no threads; the one hash map, the grid below, only
//!    narrows a yes/no test).
//! 2. **Label collision removal**: nodes are placed greedily, most
//!    connected first, each at its force-directed position if its label box
//!    is free there, else at the nearest free point of a sunflower (Vogel)
//!    spiral around it. Boxes are kept inside the canvas when possible; a box
//!    that cannot fit goes outside and the caller widens the view box. A
//!    spot is tested against the placed boxes in the grid cells it covers
//!    (`Placed`), which answers as testing every box would.

/// A node's label box: centre and size, in SVG user units.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct NodeBox {
    /// Centre, x.
    pub x: f64,
    /// Centre, y.
    pub y: f64,
    /// Width.
    pub w: f64,
    /// Height.
    pub h: f64,
}

impl NodeBox {
    /// True when the two boxes, each grown by `gap / 2`, intersect.
    pub fn overlaps(&self, other: &NodeBox, gap: f64) -> bool {
        (self.x - other.x).abs() * 2.0 < self.w + other.w + 2.0 * gap
            && (self.y - other.y).abs() * 2.0 < self.h + other.h + 2.0 * gap
    }
}

/// Inputs of [`layout`].
#[derive(Debug, Clone, PartialEq)]
pub struct LayoutParams {
    /// Canvas width and height.
    pub width: f64,
    /// Canvas height.
    pub height: f64,
    /// Fruchterman–Reingold steps.
    pub iterations: usize,
    /// Seed of the starting positions.
    pub seed: u64,
    /// Free space kept between label boxes.
    pub gap: f64,
}

/// SplitMix64 (Steele, Lea & Flood, 2014): a tiny, well-mixed generator,
/// enough for starting positions.
struct SplitMix64(u64);

impl SplitMix64 {
    fn next_f64(&mut self) -> f64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^= z >> 31;
        (z >> 11) as f64 / (1u64 << 53) as f64
    }
}

/// Lays out nodes of the given `(width, height)` label sizes joined by
/// weighted `edges` `(a, b, weight)`; returns one box per node, in order.
pub fn layout(
    sizes: &[(f64, f64)],
    edges: &[(usize, usize, f64)],
    p: &LayoutParams,
) -> Vec<NodeBox> {
    let margin = sizes.iter().fold((0.0f64, 0.0f64), |m, &(w, h)| {
        (m.0.max(w / 2.0), m.1.max(h / 2.0))
    });
    let centres = forces(sizes.len(), edges, p, margin);
    let mut degree = vec![0usize; sizes.len()];
    for &(a, b, _) in edges {
        degree[a] += 1;
        degree[b] += 1;
    }
    let mut order: Vec<usize> = (0..sizes.len()).collect();
    order.sort_by_key(|&i| (std::cmp::Reverse(degree[i]), i));
    let mut placed: Vec<Option<NodeBox>> = vec![None; sizes.len()];
    let mut done = Placed::new(p.gap);
    for i in order {
        let (w, h) = sizes[i];
        let b = free_spot(centres[i], w, h, &done, p);
        done.insert(b);
        placed[i] = Some(b);
    }
    placed.into_iter().flatten().collect()
}

/// Fruchterman–Reingold positions (centres), fitted to the canvas.
///
/// The simulation runs in a unit square centred on the origin
/// (`k = √(1/n)`), without walls: walls pile repelled nodes up along the
/// border. Gravity `g·p` balances the total repulsion `≈ 1/r` felt at
/// radius `r` near `r = 1/√g`, so `g = 4` keeps the cloud about one unit
/// across. The result is then scaled, separately in x and y, to fill the
/// canvas minus `margin` (half the largest label) on each side.
fn forces(
    n: usize,
    edges: &[(usize, usize, f64)],
    p: &LayoutParams,
    margin: (f64, f64),
) -> Vec<(f64, f64)> {
    const GRAVITY: f64 = 2.5;
    let mut rng = SplitMix64(p.seed);
    let mut pos: Vec<(f64, f64)> = (0..n)
        .map(|_| (rng.next_f64() - 0.5, rng.next_f64() - 0.5))
        .collect();
    let k2 = 1.0 / n.max(1) as f64;
    let k = k2.sqrt();
    let mut disp = vec![(0.0f64, 0.0f64); n];
    for step in 0..p.iterations {
        disp.iter_mut().for_each(|d| *d = (0.0, 0.0));
        for i in 0..n {
            for j in i + 1..n {
                let (dx, dy) = (pos[i].0 - pos[j].0, pos[i].1 - pos[j].1);
                let d2 = (dx * dx + dy * dy).max(1e-6);
                // Magnitude k²/d along the unit vector (dx, dy)/d.
                let f = k2 / d2;
                disp[i].0 += dx * f;
                disp[i].1 += dy * f;
                disp[j].0 -= dx * f;
                disp[j].1 -= dy * f;
            }
        }
        for &(a, b, w) in edges {
            let (dx, dy) = (pos[a].0 - pos[b].0, pos[a].1 - pos[b].1);
            // Magnitude w·d²/k along the unit vector.
            let f = w * (dx * dx + dy * dy).sqrt() / k;
            disp[a].0 -= dx * f;
            disp[a].1 -= dy * f;
            disp[b].0 += dx * f;
            disp[b].1 += dy * f;
        }
        let t = 0.1 * (1.0 - step as f64 / p.iterations as f64);
        for (q, d) in pos.iter_mut().zip(&disp) {
            let (gx, gy) = (d.0 - GRAVITY * q.0, d.1 - GRAVITY * q.1);
            let len = (gx * gx + gy * gy).sqrt().max(1e-12);
            let m = len.min(t);
            q.0 += gx / len * m;
            q.1 += gy / len * m;
        }
    }
    fit(&pos, p, margin)
}

/// Scales `pos` so its bounding box fills the canvas minus `margin`.
fn fit(pos: &[(f64, f64)], p: &LayoutParams, margin: (f64, f64)) -> Vec<(f64, f64)> {
    let (mut x0, mut y0, mut x1, mut y1) = (f64::MAX, f64::MAX, f64::MIN, f64::MIN);
    for &(x, y) in pos {
        (x0, y0, x1, y1) = (x0.min(x), y0.min(y), x1.max(x), y1.max(y));
    }
    let scale = |v: f64, lo: f64, hi: f64, size: f64, m: f64| {
        let room = (size - 2.0 * m).max(0.0);
        if hi - lo < 1e-9 {
            size / 2.0
        } else {
            m + (v - lo) / (hi - lo) * room
        }
    };
    pos.iter()
        .map(|&(x, y)| {
            (
                scale(x, x0, x1, p.width, margin.0),
                scale(y, y0, y1, p.height, margin.1),
            )
        })
        .collect()
}

/// The boxes placed so far, indexed by a uniform grid of [`CELL`]-sized
/// cells, so that a candidate spot is tested only against the boxes near
/// it: the same answer as testing every box ([`NodeBox::overlaps`]), since
/// two boxes that overlap share a cell of their extents grown by half the
/// gap.
struct Placed {
    boxes: Vec<NodeBox>,
    cells: rustc_hash::FxHashMap<(i64, i64), Vec<usize>>,
    gap: f64,
}

/// Side of a [`Placed`] grid cell, in canvas units.
const CELL: f64 = 64.0;

impl Placed {
    fn new(gap: f64) -> Self {
        Placed {
            boxes: Vec::new(),
            cells: rustc_hash::FxHashMap::default(),
            gap,
        }
    }

    /// The cells `b`, grown by half the gap on every side, covers.
    fn cells_of(&self, b: &NodeBox) -> impl Iterator<Item = (i64, i64)> + use<> {
        let (hw, hh) = (b.w / 2.0 + self.gap / 2.0, b.h / 2.0 + self.gap / 2.0);
        let cell = |v: f64| floor_i64(v / CELL);
        let (x0, x1) = (cell(b.x - hw), cell(b.x + hw));
        let (y0, y1) = (cell(b.y - hh), cell(b.y + hh));
        (x0..=x1).flat_map(move |x| (y0..=y1).map(move |y| (x, y)))
    }

    fn insert(&mut self, b: NodeBox) {
        let at = self.boxes.len();
        for c in self.cells_of(&b) {
            self.cells.entry(c).or_default().push(at);
        }
        self.boxes.push(b);
    }

    /// Whether `b` overlaps no placed box.
    fn is_free(&self, b: &NodeBox) -> bool {
        self.cells_of(b).all(|c| {
            self.cells
                .get(&c)
                .is_none_or(|near| near.iter().all(|&o| !b.overlaps(&self.boxes[o], self.gap)))
        })
    }
}

/// `v` rounded down to an integer, for the finite values of a layout
/// (the same as `v.floor() as i64`, without the `floor` call).
#[inline]
fn floor_i64(v: f64) -> i64 {
    let t = v as i64;
    if (t as f64) > v { t - 1 } else { t }
}

/// Tries along the spiral of [`free_spot`].
const SPIRAL_TRIES: usize = 20_000;

/// The offsets from the start of the sunflower spiral [`free_spot`]
/// walks: try `s` is at radius `3√s` and angle `s` × the golden angle.
/// Computed once: every box's search walks the same spiral.
fn spiral() -> &'static [(f64, f64)] {
    static SPIRAL: std::sync::OnceLock<Vec<(f64, f64)>> = std::sync::OnceLock::new();
    SPIRAL.get_or_init(|| {
        const GOLDEN_ANGLE: f64 = 2.399_963_229_728_653;
        (0..SPIRAL_TRIES)
            .map(|s| {
                let r = 3.0 * (s as f64).sqrt();
                let a = s as f64 * GOLDEN_ANGLE;
                (r * a.cos(), r * a.sin())
            })
            .collect()
    })
}

/// The free box of size `w × h` nearest to `at` along a sunflower spiral,
/// inside the canvas if any such spot exists within the search.
fn free_spot(at: (f64, f64), w: f64, h: f64, done: &Placed, p: &LayoutParams) -> NodeBox {
    let inside = |b: &NodeBox| {
        b.x - b.w / 2.0 >= 0.0
            && b.y - b.h / 2.0 >= 0.0
            && b.x + b.w / 2.0 <= p.width
            && b.y + b.h / 2.0 <= p.height
    };
    let clamp =
        |v: f64, half: f64, max: f64| v.clamp(half.min(max / 2.0), (max - half).max(max / 2.0));
    let start = NodeBox {
        x: clamp(at.0, w / 2.0, p.width),
        y: clamp(at.1, h / 2.0, p.height),
        w,
        h,
    };
    let mut outside: Option<NodeBox> = None;
    for &(dx, dy) in spiral() {
        let b = NodeBox {
            x: start.x + dx,
            y: start.y + dy,
            ..start
        };
        if done.is_free(&b) {
            if inside(&b) {
                return b;
            }
            outside.get_or_insert(b);
        }
    }
    // No free spot inside the canvas: the first free one outside, or (never
    // seen in practice) a spot below everything placed.
    outside.unwrap_or_else(|| {
        let bottom = done
            .boxes
            .iter()
            .map(|o| o.y + o.h / 2.0)
            .fold(p.height, f64::max);
        NodeBox {
            y: bottom + p.gap + h / 2.0,
            ..start
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn floor_i64_is_floor() {
        for v in [
            0.0,
            -0.0,
            0.5,
            -0.5,
            1.0,
            -1.0,
            63.999,
            -63.999,
            64.0,
            -64.0,
            1e9 + 0.5,
            -1e9 - 0.5,
        ] {
            assert_eq!(floor_i64(v), v.floor() as i64, "{v}");
        }
    }

    fn params() -> LayoutParams {
        LayoutParams {
            width: 1200.0,
            height: 900.0,
            iterations: 200,
            seed: 7,
            gap: 4.0,
        }
    }

    #[test]
    fn the_grid_answers_as_a_scan_of_every_box() {
        // Boxes of many sizes (wider than a cell too), on and off the
        // canvas, with a positive and a zero gap; every probe must get the
        // answer of testing all placed boxes.
        let mut rng = SplitMix64(11);
        for gap in [4.0, 0.0] {
            let mut placed = Placed::new(gap);
            let mut all: Vec<NodeBox> = Vec::new();
            for _ in 0..300 {
                let b = NodeBox {
                    x: rng.next_f64() * 1400.0 - 100.0,
                    y: rng.next_f64() * 1000.0 - 50.0,
                    w: 4.0 + rng.next_f64() * 200.0,
                    h: 4.0 + rng.next_f64() * 40.0,
                };
                let scan = all.iter().all(|o| !b.overlaps(o, gap));
                assert_eq!(placed.is_free(&b), scan, "{b:?}");
                if scan || all.len() < 40 {
                    placed.insert(b);
                    all.push(b);
                }
            }
        }
    }

    #[test]
    fn boxes_never_overlap_and_stay_on_canvas() {
        let sizes: Vec<(f64, f64)> = (0..80)
            .map(|i| (60.0 + (i % 7) as f64 * 20.0, 22.0))
            .collect();
        let edges: Vec<(usize, usize, f64)> = (1..80).map(|i| (0, i, 1.0)).collect();
        let boxes = layout(&sizes, &edges, &params());
        assert_eq!(boxes.len(), 80);
        for (i, a) in boxes.iter().enumerate() {
            assert!(a.x - a.w / 2.0 >= 0.0 && a.x + a.w / 2.0 <= 1200.0, "{a:?}");
            assert!(a.y - a.h / 2.0 >= 0.0 && a.y + a.h / 2.0 <= 900.0, "{a:?}");
            for b in &boxes[i + 1..] {
                assert!(!a.overlaps(b, 0.0), "{a:?} {b:?}");
            }
        }
    }

    #[test]
    fn deterministic_and_connected_nodes_are_closer() {
        let sizes = vec![(50.0, 20.0); 12];
        let edges = vec![(0, 1, 1.0), (1, 2, 1.0), (0, 2, 1.0)];
        let a = layout(&sizes, &edges, &params());
        assert_eq!(a, layout(&sizes, &edges, &params()));
        let dist =
            |i: usize, j: usize| ((a[i].x - a[j].x).powi(2) + (a[i].y - a[j].y).powi(2)).sqrt();
        let linked = (dist(0, 1) + dist(1, 2) + dist(0, 2)) / 3.0;
        let mut others = 0.0;
        for i in 3..12 {
            others += dist(0, i);
        }
        assert!(linked < others / 9.0, "{linked} vs {}", others / 9.0);
    }

    #[test]
    fn crowded_canvas_spills_without_overlap() {
        let sizes = vec![(300.0, 100.0); 60];
        let p = LayoutParams {
            iterations: 10,
            ..params()
        };
        let boxes = layout(&sizes, &[], &p);
        for (i, a) in boxes.iter().enumerate() {
            for b in &boxes[i + 1..] {
                assert!(!a.overlaps(b, 0.0));
            }
        }
    }
}
