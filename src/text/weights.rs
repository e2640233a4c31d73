//! Inverse document frequency: how much a term that occurs in `df` of `n`
//! documents (or groups) tells about a document. Each stage that weighs
//! terms names its form here; the formulas are written once, in the
//! operation order their results depend on (bit for bit).

/// Which idf formula a stage uses.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum IdfKind {
    /// `ln(1 + (N − df + 0.5) / (df + 0.5))`: the Robertson/Spärck Jones
    /// idf of BM25 in the non-negative form Lucene uses (Robertson &
    /// Zaragoza, "The Probabilistic Relevance Framework: BM25 and Beyond",
    /// 2009, §3.6). The search index.
    Bm25,
    /// `ln(1 + (N + K) / (df + 0.5))`: a BM25-style idf smoothed with `K`
    /// prior documents that contain no term, so weights stay sensible in
    /// tiny collections and the prior vanishes in large ones. Dedup.
    Bm25Prior(f64),
    /// `ln(1 + N / df)`: smoothed idf, positive for every df. Related
    /// questions, over dedup groups.
    LnOnePlus,
    /// `ln(N / df) + 1`: the idf of scikit-learn's `TfidfTransformer`
    /// with `smooth_idf=False`, so a term in every document keeps weight 1.
    /// Chapter grouping (`df` is at least 1).
    LnPlusOne,
}

/// The idf of a term found in `df` of `n` documents, by `kind`.
pub fn idf(df: usize, n: f64, kind: IdfKind) -> f64 {
    let df = df as f64;
    match kind {
        IdfKind::Bm25 => (1.0 + (n - df + 0.5) / (df + 0.5)).ln(),
        IdfKind::Bm25Prior(prior) => (1.0 + (n + prior) / (df + 0.5)).ln(),
        IdfKind::LnOnePlus => (1.0 + n / df).ln(),
        IdfKind::LnPlusOne => (n / df).ln() + 1.0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_kind_is_its_formula() {
        let (df, n) = (3usize, 40.0f64);
        let d = df as f64;
        assert_eq!(
            idf(df, n, IdfKind::Bm25),
            (1.0 + (n - d + 0.5) / (d + 0.5)).ln()
        );
        assert_eq!(
            idf(df, n, IdfKind::Bm25Prior(100.0)),
            (1.0 + (n + 100.0) / (d + 0.5)).ln()
        );
        assert_eq!(idf(df, n, IdfKind::LnOnePlus), (1.0 + n / d).ln());
        assert_eq!(idf(df, n, IdfKind::LnPlusOne), (n / d).ln() + 1.0);
    }

    #[test]
    fn rarer_terms_weigh_more() {
        for kind in [
            IdfKind::Bm25,
            IdfKind::Bm25Prior(100.0),
            IdfKind::LnOnePlus,
            IdfKind::LnPlusOne,
        ] {
            assert!(idf(1, 1000.0, kind) > idf(10, 1000.0, kind), "{kind:?}");
        }
        assert_eq!(idf(1, 1.0, IdfKind::LnPlusOne), 1.0);
    }
}
