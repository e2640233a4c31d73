// docgen search. No framework, no CDN; works from file://, at / and under
// a subpath (every URL is built from the page's data-root).
//
// The index (search-index.js, built by src/search/) is loaded on the first
// use of the search box; large indexes come in shards (search-index/t*.js
// for terms by first character, search-index/d*.js for documents), loaded
// when a query needs them. Each (term, document) posting carries a
// precomputed BM25F weight, so a query only looks words up and adds:
//
//  * words are normalised exactly as src/tokens.rs and src/search/text.rs
//    do (alphanumeric runs, CJK runs as overlapping bigrams, lower case
//    without diacritics, stopwords, Harman's S-stemmer); a word not in the
//    index meets a Snowball stem by trimming its last one to four letters;
//  * the word being typed matches as a prefix; words of 4+ letters also
//    match dictionary terms within Damerau-Levenshtein (optimal string
//    alignment) distance 1, or 2 for 8+ letters, sharing the first letter;
//  * a run of query words that is a concept's name or alias also matches
//    every other name and alias of that concept (synonyms, both ways);
//  * every non-stopword must match (falling back to most-words-matched);
//    the best results are then re-ranked: the whole query as an exact
//    phrase, and titles fully covered by the query, rank first.
(function () {
  "use strict";
  var root = document.body.getAttribute("data-root") || "";
  var input = document.getElementById("search-input");
  var list = document.getElementById("search-results");
  var live = document.getElementById("search-live");
  var MAX_SHOWN = 8, RERANK = 60, PAGE_MAX = 200;
  // A synonym counts less than the word typed, so "multithreading" prefers
  // entries saying "multithreading" over entries saying "thread pool".
  var SYN_WEIGHT = 0.6;
  // What a result opens, by the document's kind number (search::corpus::DocKind).
  var KIND = ["question", "note", "concept"];

  // ---- Text: mirrors src/search/text.rs ---------------------------------
  var STOP = new Set(("a about an and are as at be been being between but by can could d did do does doing done for " +
    "from had has have how i if in into is it its ll m may me might my of on or our re s should so " +
    "t than that the their them then there these they this those to us ve versus vs was we were " +
    "what when where which who whom whose why will with would you your").split(" "));
  // Word characters: a table for ASCII, Unicode properties beyond.
  var ASCII_WORD = new Uint8Array(128), WORD_CHAR = /[\p{Alphabetic}\p{N}]/u;
  for (var c = 0; c < 128; c++) ASCII_WORD[c] = /[0-9A-Za-z]/.test(String.fromCharCode(c)) ? 1 : 0;

  function stem(w) {
    if (Array.from(w).length < 4) return w;
    var e = function (s) { return w.slice(-s.length) === s; };
    if (e("ies") && !e("eies") && !e("aies")) return w.slice(0, -3) + "y";
    if (e("s") && !e("us") && !e("ss")) return w.slice(0, -1);
    return w;
  }
  // Han, kana and Hangul (mirrors tokens::is_cjk): runs become bigrams.
  function isCjk(cp) {
    return (cp >= 0x1100 && cp <= 0x11ff) || (cp >= 0x3005 && cp <= 0x3007) || (cp >= 0x3040 && cp <= 0x30ff) ||
      (cp >= 0x3130 && cp <= 0x318f) || (cp >= 0x31f0 && cp <= 0x31ff) || (cp >= 0x3400 && cp <= 0x4dbf) ||
      (cp >= 0x4e00 && cp <= 0x9fff) || (cp >= 0xa960 && cp <= 0xa97f) || (cp >= 0xac00 && cp <= 0xd7ff) ||
      (cp >= 0xf900 && cp <= 0xfaff) || (cp >= 0xff66 && cp <= 0xff9f) || (cp >= 0x20000 && cp <= 0x3ffff);
  }
  // Lower case without Latin, Greek and Cyrillic diacritics (tokens::fold_word).
  var MARKS = /[\u0300-\u036f]/g, FOLDABLE = /[\u00c0-\u058f\u1e00-\u1eff]/g;
  function fold(w) {
    w = w.toLowerCase();
    if (!/[^\x00-\x7f]/.test(w)) return w;
    return w.replace(MARKS, "").replace(FOLDABLE, function (c) { return c.normalize("NFD").replace(MARKS, ""); });
  }
  // Tokens of `text` with their positions: {raw, norm, stop, hyphen, cjk,
  // start, end}; a CJK run gives its overlapping bigrams (tokens::scan).
  function words(text) {
    var out = [], start = -1, runCjk = false, prevEnd = -1, prevCjk = false, n = text.length;
    function flush(end) {
      if (runCjk) {
        var at = [];
        for (var k = start; k < end; k += text.codePointAt(k) > 0xffff ? 2 : 1) at.push(k);
        at.push(end);
        var last = Math.max(1, at.length - 2);
        for (var b = 0; b < last; b++) {
          var stop2 = at[Math.min(b + 2, at.length - 1)], tok = text.slice(at[b], stop2);
          out.push({ raw: tok, norm: tok, stop: false, cjk: true, hyphen: false, start: at[b], end: stop2 });
        }
      } else {
        var raw = fold(text.slice(start, end)), stop = STOP.has(raw);
        out.push({ raw: raw, norm: stop ? raw : stem(raw), stop: stop, cjk: false, start: start, end: end,
          hyphen: prevEnd >= 0 && !prevCjk && text.slice(prevEnd, start) === "-" });
      }
      prevEnd = end;
      prevCjk = runCjk;
      start = -1;
    }
    for (var i = 0; i <= n;) {
      var step = 1, isWord = false, cjk = false;
      if (i < n) {
        var code = text.charCodeAt(i);
        if (code < 128) isWord = ASCII_WORD[code] === 1;
        else {
          var cp = text.codePointAt(i);
          step = cp > 0xffff ? 2 : 1;
          isWord = WORD_CHAR.test(String.fromCodePoint(cp)) || (start >= 0 && cp >= 0x300 && cp <= 0x36f);
          cjk = isWord && isCjk(cp);
        }
      }
      if (start >= 0 && (!isWord || cjk !== runCjk)) flush(i);
      if (isWord && start < 0) { start = i; runCjk = cjk; }
      i += step;
    }
    return out;
  }
  // The weight of `w` among matched `terms` (a Map or Set of index
  // terms): its own form, else a stem it reaches by trimming (see trimmed).
  function termHit(terms, w) {
    var own = terms.get ? terms.get(w.norm) : terms.has(w.norm) && 1;
    if (own || w.cjk) return own || 0;
    var t = trimmed(w.norm, function (x) { return terms.has(x); });
    return t ? (terms.get ? terms.get(t) : 1) : 0;
  }
  // The longest form of `word` without its last one to four characters,
  // keeping three or more, for which `known` holds: how a query word meets
  // the Snowball stem the index holds for it (tokens::Stemmer).
  function trimmed(word, known) {
    var cs = Array.from(word);
    for (var k = 1; k <= 4 && cs.length - k >= 3; k++) {
      var t = cs.slice(0, cs.length - k).join("");
      if (known(t)) return t;
    }
    return null;
  }

  // ---- Loading ------------------------------------------------------------
  var index = null, loading = null, parts = {};
  function script(src) {
    return new Promise(function (resolve, reject) {
      var s = document.createElement("script");
      s.src = src;
      s.onload = resolve;
      s.onerror = function () { reject(new Error("cannot load " + src)); };
      document.head.appendChild(s);
    });
  }
  function load() {
    if (loading) return loading;
    loading = (window.DOCGEN_SEARCH ? Promise.resolve() : script(root + "search-index.js")).then(function () {
      var ix = window.DOCGEN_SEARCH;
      if (!ix || ix.v !== 1) throw new Error("unsupported search index");
      ix.synMap = new Map();
      ix.syn.forEach(function (forms, g) {
        forms.forEach(function (f) { (ix.synMap.get(f) || ix.synMap.set(f, []).get(f)).push(g); });
      });
      ix.ts = ix.ts.map(function (s) { return s && shard(s); });
      index = ix;
      ix.pf.forEach(function (key) { part(key).catch(function () {}); });
      return ix;
    });
    loading.catch(function () { loading = null; });
    return loading;
  }
  function shard(s) { return { t: s.t, p: s.p, dec: new Array(s.t.length) }; }
  // Loads part `key` ("t3", "d0") if it is not in the main file.
  function part(key) { return needPart(key.charAt(0), Number(key.slice(1))); }
  function needPart(kind, i) {
    var arr = kind === "t" ? index.ts : index.ds, key = kind + i;
    if (arr[i]) return Promise.resolve();
    if (!parts[key]) {
      parts[key] = script(root + "search-index/" + key + ".js").then(function () {
        var data = (window.DOCGEN_SEARCH_PARTS || {})[key];
        if (!data) throw new Error("search index part " + key + " is missing");
        arr[i] = kind === "t" ? shard(data) : data;
      });
      parts[key].catch(function () { delete parts[key]; });
    }
    return parts[key];
  }
  function firstChar(s) { return s ? String.fromCodePoint(s.codePointAt(0)) : ""; }
  function shardOf(term) {
    var k = index.tk, c = firstChar(term);
    if (!Object.keys(k).length) return index.ts.length ? 0 : -1;
    return k.hasOwnProperty(c) ? k[c] : -1;
  }
  function doc(i) { return index.ds[Math.floor(i / index.dc)][i % index.dc]; }
  // The words of a document's title, phrasings and excerpt, computed once.
  var docWordCache = new Map();
  function docWords(i) {
    var w = docWordCache.get(i);
    if (!w) {
      var e = doc(i);
      w = { title: words(e[0]), phrasings: (e[5] || []).map(words), excerpt: words(e[4]) };
      docWordCache.set(i, w);
    }
    return w;
  }
  function docsNeeded(ids) {
    var chunks = new Set(ids.map(function (i) { return Math.floor(i / index.dc); }));
    return Promise.all(Array.from(chunks).map(function (c) { return needPart("d", c); }));
  }

  // ---- Dictionary ---------------------------------------------------------
  function lowerBound(arr, key) {
    var lo = 0, hi = arr.length;
    while (lo < hi) { var mid = (lo + hi) >> 1; if (arr[mid] < key) lo = mid + 1; else hi = mid; }
    return lo;
  }
  function exact(term) {
    var s = shardOf(term), sh = s >= 0 && index.ts[s];
    if (!sh) return null;
    var i = lowerBound(sh.t, term);
    return sh.t[i] === term ? { s: s, i: i, t: term } : null;
  }
  // Terms starting with `p`, the `limit` most frequent (longest postings),
  // and no more than about 3 postings per document in all (a one-letter
  // prefix must not decode half the index).
  function prefixed(p, limit) {
    var s = shardOf(p), sh = s >= 0 && index.ts[s], out = [];
    if (!sh || !p) return out;
    for (var i = lowerBound(sh.t, p); i < sh.t.length && sh.t[i].lastIndexOf(p, 0) === 0; i++) {
      out.push({ s: s, i: i, t: sh.t[i], n: sh.p[i].length });
    }
    out.sort(function (a, b) { return b.n - a.n || a.i - b.i; });
    var budget = 9 * index.n, kept = [];
    for (var k = 0; k < out.length && kept.length < limit; k++) {
      if (kept.length && out[k].n > budget) continue;
      budget -= out[k].n;
      kept.push(out[k]);
    }
    return kept;
  }
  var rowA = new Int32Array(72), rowB = new Int32Array(72), rowC = new Int32Array(72);
  // Optimal string alignment distance of `a` to `b` (or, with `pre`, to
  // the closest prefix of `b`), or max + 1 if it exceeds `max`.
  function distance(a, b, max, pre) {
    if (pre) b = b.slice(0, a.length + max);
    else if (Math.abs(a.length - b.length) > max) return max + 1;
    if (a.length > 64 || b.length > 64) return max + 1;
    var prev2 = rowA, prev = rowB, cur = rowC, j;
    for (j = 0; j <= b.length; j++) prev[j] = j;
    for (var i = 1; i <= a.length; i++) {
      cur[0] = i;
      var rowMin = i;
      for (j = 1; j <= b.length; j++) {
        var v = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
        if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, prev2[j - 2] + 1);
        cur[j] = v;
        if (v < rowMin) rowMin = v;
      }
      if (rowMin > max) return max + 1;
      var t = prev2; prev2 = prev; prev = cur; cur = t;
    }
    if (!pre) return prev[b.length];
    var best = max + 1;
    for (j = Math.max(0, a.length - max); j <= b.length; j++) best = Math.min(best, prev[j]);
    return best;
  }
  // Terms within `max` edits of `w` that share its first character.
  function fuzzy(w, max, pre) {
    var s = shardOf(w), sh = s >= 0 && index.ts[s], out = [];
    if (!sh) return out;
    var c = firstChar(w), end = lowerBound(sh.t, String.fromCodePoint(c.codePointAt(0) + 1));
    for (var i = lowerBound(sh.t, c); i < end; i++) {
      var d = distance(w, sh.t[i], max, pre);
      if (d <= max && d > 0) out.push({ s: s, i: i, t: sh.t[i], d: d, n: sh.p[i].length });
    }
    out.sort(function (a, b) { return a.d - b.d || b.n - a.n; });
    return out.slice(0, 24);
  }
  // Decoded postings of a term: {docs: Int32Array, imp: Uint16Array}.
  var DIGIT = new Int8Array(128).fill(-1);
  "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".split("").forEach(function (c, i) { DIGIT[c.charCodeAt(0)] = i; });
  function postings(ref) {
    var sh = index.ts[ref.s];
    if (sh.dec[ref.i]) return sh.dec[ref.i];
    var str = sh.p[ref.i], len = str.length, ends = 0, k;
    for (k = 0; k < len; k++) if (DIGIT[str.charCodeAt(k)] < 32) ends++;
    var n = ends >> 1, docs = new Int32Array(n), imp = new Uint16Array(n);
    var v = 0, at = 0, doc = 0, isDoc = true;
    for (k = 0; k < len; k++) {
      var d = DIGIT[str.charCodeAt(k)];
      v = v * 32 + (d & 31);
      if (d >= 32) continue;
      if (isDoc) { doc += v; docs[at] = doc; } else imp[at++] = v;
      isDoc = !isDoc;
      v = 0;
    }
    return (sh.dec[ref.i] = { docs: docs, imp: imp });
  }
  function contains(ref, d) {
    var p = postings(ref), lo = 0, hi = p.docs.length;
    while (lo < hi) { var mid = (lo + hi) >> 1; if (p.docs[mid] < d) lo = mid + 1; else hi = mid; }
    return p.docs[lo] === d;
  }

  // ---- Query plan -----------------------------------------------------------
  // A query is a list of groups; a group matches a document when one of its
  // alternatives does, and an alternative when all its matchers do. A
  // matcher is one word with its expansions (exact, prefix, typo).
  function plan(q, typing) {
    var ws = words(q), groups = [], n = ws.length;
    var last = typing && /[\p{Alphabetic}\p{N}]$/u.test(q) ? n - 1 : -1;
    for (var i = 0; i < n;) {
      var span = synonymSpan(ws, i, last);
      if (span) { groups.push(span.group); i = span.end; continue; }
      var w = ws[i];
      if (i + 1 < n && ws[i + 1].hyphen && !ws[i + 1].stop && !w.stop) {
        var joined = stem(w.raw + ws[i + 1].raw);
        groups.push({ alts: [{ w: 1, ms: [matcher(w, i === last), matcher(ws[i + 1], i + 1 === last)] },
          { w: 1, ms: [{ word: joined, raw: joined, exactOnly: true }] }] });
        i += 2;
        continue;
      }
      if (!w.stop) groups.push({ alts: [{ w: 1, ms: [matcher(w, i === last)] }] });
      else if (i === last) groups.push({ optional: true, alts: [{ w: 1, ms: [matcher(w, true)] }] });
      i++;
    }
    return { words: ws, last: last, groups: groups };
  }
  function matcher(w, isLast) { return { word: w.norm, raw: w.raw, last: isLast, cjk: w.cjk }; }
  // The longest run of words from `i` (up to 4) that is a synonym form.
  function synonymSpan(ws, i, last) {
    for (var len = Math.min(4, ws.length - i); len >= 1; len--) {
      var key = ws.slice(i, i + len).map(function (w) { return w.norm; }).join(" ");
      var ids = index.synMap.get(key);
      if (!ids) continue;
      var own = [];
      for (var k = i; k < i + len; k++) if (!ws[k].stop) own.push(matcher(ws[k], k === last));
      var alts = own.length ? [{ w: 1, ms: own }] : [];
      var seen = new Set([key]);
      ids.forEach(function (g) {
        index.syn[g].forEach(function (form) {
          if (seen.has(form)) return;
          seen.add(form);
          var all = words(form), fw = all.filter(function (w) { return !w.stop; });
          // "with open" is a good key but "open" alone a poor alternative.
          if (fw.length > 1 || (fw.length === 1 && all.length === 1)) alts.push({ w: SYN_WEIGHT, ms: fw.map(function (w) { return { word: w.norm, raw: w.raw, exactOnly: true, syn: true }; }) });
        });
      });
      if (alts.length) return { end: i + len, group: { alts: alts } };
    }
    return null;
  }
  function eachMatcher(p, f) {
    p.groups.forEach(function (g) { g.alts.forEach(function (a) { a.ms.forEach(f); }); });
  }
  function shardsFor(p) {
    var need = new Set();
    eachMatcher(p, function (m) { var s = shardOf(m.word); if (s >= 0) need.add(s); });
    return Promise.all(Array.from(need).map(function (s) { return needPart("t", s); }));
  }
  // The dictionary terms a matcher stands for, each with a weight in (0, 1].
  function expand(m) {
    var out = new Map();
    function add(ref, w) { var k = ref.s + ":" + ref.i, o = out.get(k); if (!o || o.w < w) out.set(k, { ref: ref, w: w }); }
    var e = exact(m.word);
    if (e) add(e, 1);
    if (m.exactOnly) return Array.from(out.values());
    var len = Array.from(m.raw).length;
    if (m.cjk) {
      // A lone character being typed stands for the bigrams it starts.
      if (len === 1 && m.last) prefixed(m.raw, 40).forEach(function (r) { add(r, 0.9); });
      return Array.from(out.values());
    }
    if (!e) {
      var t = trimmed(m.word, function (x) { return exact(x); });
      if (t) add(exact(t), 0.9 - 0.05 * (Array.from(m.word).length - Array.from(t).length));
    }
    prefixed(m.raw, m.last ? Math.min(40, 10 * len) : 8).forEach(function (r) {
      var extra = r.t.length - m.raw.length;
      add(r, Math.max(0.5, (m.last ? 0.95 : 0.75) - 0.025 * extra));
    });
    if (len >= 4) {
      var max = len >= 8 ? 2 : 1;
      fuzzy(m.word, max, false).forEach(function (r) { add(r, r.d === 1 ? 0.7 : 0.5); });
      if (m.last) fuzzy(m.raw, max, true).forEach(function (r) { add(r, r.d === 1 ? 0.6 : 0.45); });
    }
    return Array.from(out.values());
  }

  // ---- Scoring --------------------------------------------------------------
  function matcherScores(m, n) {
    var out = new Float32Array(n);
    m.exp = expand(m);
    m.exp.forEach(function (x) {
      var p = postings(x.ref);
      for (var k = 0; k < p.docs.length; k++) {
        var v = p.imp[k] * x.w;
        if (v > out[p.docs[k]]) out[p.docs[k]] = v;
      }
    });
    return out;
  }
  function groupScores(g, n) {
    var best = new Float32Array(n);
    g.alts.forEach(function (alt) {
      var acc = null;
      alt.ms.forEach(function (m) {
        var s = matcherScores(m, n);
        if (!acc) { acc = s; return; }
        for (var d = 0; d < n; d++) acc[d] = acc[d] > 0 && s[d] > 0 ? acc[d] + s[d] : 0;
      });
      // Mean over the alternative's words: a three-word alias is one
      // mention of the concept, like a one-word alias.
      var w = alt.w / alt.ms.length;
      for (var d = 0; d < n; d++) if (acc[d] * w > best[d]) best[d] = acc[d] * w;
    });
    return best;
  }
  // Documents by base score: all required groups matched, else the most.
  function baseRanking(p) {
    var n = index.n, total = new Float32Array(n), hits = new Uint8Array(n), required = 0;
    p.groups.forEach(function (g) {
      var s = groupScores(g, n);
      if (!g.optional) required++;
      for (var d = 0; d < n; d++) if (s[d] > 0) { total[d] += s[d]; if (!g.optional) hits[d]++; }
    });
    var need = required, found = [];
    for (; need >= (required ? 1 : 0) && !found.length; need--) {
      for (var d = 0; d < n; d++) if (total[d] > 0 && hits[d] >= need) found.push({ d: d, s: total[d] });
      if (!required) break;
    }
    found.sort(function (a, b) { return b.s - a.s || a.d - b.d; });
    return found;
  }
  // Re-ranks the best results: exact phrase and title coverage.
  function rerank(p, found) {
    var top = found.slice(0, RERANK), qw = p.words;
    // Terms the query matched: 1 for its own words, 0.5 for synonyms.
    var terms = new Map();
    eachMatcher(p, function (m) {
      (m.exp || []).forEach(function (x) { terms.set(x.ref.t, Math.max(terms.get(x.ref.t) || 0, m.syn ? 0.5 : 1)); });
    });
    top.forEach(function (r) {
      var w = docWords(r.d), factor = 1;
      if (qw.length >= 2) {
        if (hasPhrase(w.title, qw, p.last) || w.phrasings.some(function (t) { return hasPhrase(t, qw, p.last); })) factor *= 1.6;
        else if (hasPhrase(w.excerpt, qw, p.last)) factor *= 1.2;
      }
      var cover = coverage(w.title, terms);
      w.phrasings.forEach(function (t) { cover = Math.max(cover, 0.9 * coverage(t, terms)); });
      r.s *= factor * (1 + 0.6 * cover);
    });
    top.sort(function (a, b) { return b.s - a.s || a.d - b.d; });
    return top.concat(found.slice(RERANK));
  }
  // Share of the content words of `tw` that the query matched.
  function coverage(tw, terms) {
    var content = tw.filter(function (w) { return !w.stop; });
    var covered = content.reduce(function (sum, w) { return sum + termHit(terms, w); }, 0);
    return content.length ? covered / content.length : 0;
  }
  function hasPhrase(tw, qw, last) {
    outer: for (var i = 0; i + qw.length <= tw.length; i++) {
      for (var k = 0; k < qw.length; k++) {
        var t = tw[i + k], q = qw[k];
        if (k === last ? t.raw.lastIndexOf(q.raw, 0) !== 0 : t.norm !== q.norm) continue outer;
      }
      return true;
    }
    return false;
  }
  // Runs a query: resolves to {results: [{d, s}], total, plan}.
  function search(q, typing) {
    var t = { start: performance.now() }, now = function () { return performance.now(); };
    return load().then(function () {
      t.loaded = now();
      var p = plan(q, typing);
      if (!p.groups.length) return { results: [], total: 0, plan: p };
      return shardsFor(p).then(function () {
        t.shards = now();
        var found = baseRanking(p);
        t.ranked = now();
        var ids = found.slice(0, RERANK).map(function (r) { return r.d; });
        return docsNeeded(ids).then(function () {
          t.docs = now();
          var results = rerank(p, found);
          t.done = now();
          return { results: results, total: found.length, plan: p, timing: t };
        });
      });
    });
  }

  // ---- Presentation -----------------------------------------------------------
  function esc(s) { return s.replace(/[&<>"]/g, function (c) { return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" }[c]; }); }
  // The dictionary terms of the query that occur in document `d`.
  function termsIn(p, d) {
    var out = new Set();
    eachMatcher(p, function (m) { (m.exp || []).forEach(function (x) { if (!out.has(x.ref.t) && contains(x.ref, d)) out.add(x.ref.t); }); });
    return out;
  }
  // `text` as HTML with the words whose normal form is in `terms` marked.
  // Marked words separated by white space only share one <mark>.
  function mark(text, terms) {
    var out = "", at = 0;
    words(text).forEach(function (w) {
      if (!termHit(terms, w)) return;
      // Overlapping CJK bigrams extend the mark they overlap.
      if (w.start < at) { out = out.slice(0, -7) + esc(text.slice(at, w.end)) + "</mark>"; at = w.end; return; }
      var gap = text.slice(at, w.start), word = esc(text.slice(w.start, w.end));
      if (at > 0 && /^\s+$/.test(gap)) out = out.slice(0, -7) + esc(gap) + word + "</mark>";
      else out += esc(gap) + "<mark>" + word + "</mark>";
      at = w.end;
    });
    return out + esc(text.slice(at));
  }
  function snippet(e, terms) {
    var hit = function (t) { return words(t).filter(function (w) { return termHit(terms, w); }).length; };
    var also = (e[5] || []).filter(hit).sort(function (a, b) { return hit(b) - hit(a); })[0];
    if (also && hit(also) > hit(e[0])) return "Also asked: " + mark(also, terms);
    var body = e[4], first = words(body).filter(function (w) { return termHit(terms, w); })[0];
    var start = first && first.start > 60 ? body.lastIndexOf(" ", first.start - 40) + 1 : 0;
    return (start > 0 ? "…" : "") + mark(body.slice(start), terms);
  }
  function href(e, terms) {
    var hl = Array.from(terms).join(" ");
    return root + index.pg[e[2]] + (hl ? "?hl=" + encodeURIComponent(hl) : "") + (e[3] ? "#" + e[3] : "");
  }
  // Title, chapter and snippet of result `r` as HTML; sets `r.href`.
  function resultParts(r, p) {
    var e = doc(r.d), terms = termsIn(p, r.d);
    r.href = href(e, terms);
    var kind = e[6] || 0, label = esc(index.ch[e[1]] || "");
    var meta = kind === 1 ? "Note · " + label : kind === 2 ? "Concept" : label;
    return { title: mark(e[0], terms), meta: meta, kind: KIND[kind], snippet: snippet(e, terms) };
  }

  // ---- The search box ----------------------------------------------------------
  var active = -1, shown = [], seq = 0, stats = (window.DOCGEN_SEARCH_STATS = { ms: [] });
  function open(isOpen) {
    list.hidden = !isOpen;
    input.setAttribute("aria-expanded", String(isOpen));
    if (!isOpen) setActive(-1);
  }
  function setActive(i) {
    active = i;
    Array.prototype.forEach.call(list.children, function (li, k) { li.setAttribute("aria-selected", String(k === i)); });
    if (i >= 0) { input.setAttribute("aria-activedescendant", "sr-" + i); list.children[i].scrollIntoView({ block: "nearest" }); }
    else input.removeAttribute("aria-activedescendant");
  }
  function render(q, out, t0) {
    shown = out.results.slice(0, MAX_SHOWN);
    var html = shown.map(function (r, i) {
      var x = resultParts(r, out.plan);
      return '<li role="option" id="sr-' + i + '" aria-selected="false" data-kind="' + x.kind + '" data-href="' + esc(r.href) + '"><span class="r-title">' + x.title +
        '</span><span class="r-meta">' + x.meta + '</span><span class="r-snippet">' + x.snippet + "</span></li>";
    });
    if (shown.length) {
      var all = { href: root + "search.html?q=" + encodeURIComponent(q) };
      html.push('<li role="option" id="sr-' + shown.length + '" aria-selected="false" class="all">All ' + out.total +
        " result" + (out.total === 1 ? "" : "s") + " for “" + esc(q) + "” ›</li>");
      shown.push(all);
    } else {
      html.push('<li class="none" role="option" aria-disabled="true">No matches for “' + esc(q) + "”</li>");
    }
    list.innerHTML = html.join("");
    list.setAttribute("data-query", q);
    open(true);
    setActive(-1);
    if (live) live.textContent = out.total ? out.total + " result" + (out.total === 1 ? "" : "s") + ", use the arrow keys." : "No matches.";
    stats.ms.push(performance.now() - t0);
    stats.last = out.timing;
  }
  function onInput() {
    var q = input.value, mine = ++seq, t0 = performance.now();
    if (!q.trim()) { list.innerHTML = ""; list.removeAttribute("data-query"); open(false); return; }
    search(q, true).then(function (out) { if (mine === seq) render(q, out, t0); }, failed);
  }
  function failed(err) {
    list.innerHTML = '<li class="none" role="presentation">Search is unavailable: ' + esc(String(err.message || err)) + "</li>";
    open(true);
  }
  function go(i) { if (shown[i]) window.location.href = shown[i].href; }
  function onKey(e) {
    var n = shown.length;
    if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      if (list.hidden && input.value.trim()) { onInput(); e.preventDefault(); return; }
      if (n) setActive(e.key === "ArrowDown" ? (active + 1) % n : (active <= 0 ? n - 1 : active - 1));
      e.preventDefault();
    } else if (e.key === "Enter" && active >= 0 && !list.hidden) {
      e.preventDefault();
      go(active);
    } else if (e.key === "Escape") {
      if (!list.hidden) open(false);
      else if (input.value) { input.value = ""; onInput(); }
      else input.blur();
      e.preventDefault();
    }
  }
  function wireBox() {
    input.addEventListener("focus", function () { load().catch(function () {}); if (input.value.trim() && list.getAttribute("data-query") === input.value) open(true); });
    input.addEventListener("input", onInput);
    input.addEventListener("keydown", onKey);
    input.addEventListener("blur", function () { setTimeout(function () { if (document.activeElement !== input) open(false); }, 150); });
    list.addEventListener("mousedown", function (e) {
      var li = e.target.closest("li[role=option]");
      if (li) { e.preventDefault(); go(Number(li.id.slice(3))); }
    });
    document.addEventListener("keydown", function (e) {
      var el = document.activeElement, typing = el && (/^(INPUT|TEXTAREA|SELECT)$/.test(el.tagName) || el.isContentEditable);
      if ((e.key === "/" && !typing && !e.ctrlKey && !e.metaKey && !e.altKey) || ((e.ctrlKey || e.metaKey) && (e.key === "k" || e.key === "K"))) {
        e.preventDefault();
        input.focus();
        input.select();
      }
    });
  }

  // ---- The results page and highlights on arrival -----------------------------------
  function params() {
    var s = new URLSearchParams(window.location.search);
    var h = new URLSearchParams(window.location.hash.replace(/^#/, ""));
    return { q: s.get("q") || h.get("q") || "", hl: s.get("hl") || "" };
  }
  function resultsPage(page) {
    var q = params().q, status = document.getElementById("search-status");
    input.value = q;
    page.innerHTML = "";
    if (!q.trim()) return;
    status.textContent = "Searching…";
    search(q, false).then(function (out) {
      var rs = out.results.slice(0, PAGE_MAX);
      status.textContent = out.total + " result" + (out.total === 1 ? "" : "s") + " for “" + q + "”" + (out.total > rs.length ? " (best " + rs.length + " shown)" : "");
      page.innerHTML = rs.map(function (r) {
        var x = resultParts(r, out.plan);
        return '<li data-kind="' + x.kind + '"><a href="' + esc(r.href) + '">' + x.title + '</a> <span class="r-meta">' + x.meta +
          '</span><span class="r-snippet">' + x.snippet + "</span></li>";
      }).join("");
      page.setAttribute("data-query", q);
    }, function (err) { status.textContent = "Search is unavailable: " + err.message; });
  }
  // A malformed escape in the address (`#%E0%A4%A`) must not stop the
  // script: it is then taken as written.
  function safeDecode(s) {
    try { return decodeURIComponent(s); } catch (e) { return s; }
  }
  // Marks the words of ?hl= in the entry the URL points at (or the page).
  function highlightArrival() {
    var hl = params().hl;
    if (!hl) return;
    var terms = new Set(hl.split(/\s+/).filter(Boolean));
    var id = safeDecode(window.location.hash.slice(1));
    var scope = (id && document.getElementById(id)) || document.getElementById("main");
    if (!scope) return;
    var walker = document.createTreeWalker(scope, NodeFilter.SHOW_TEXT, {
      acceptNode: function (n) { return n.parentNode.closest("script,style,mark,.anchor") ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT; }
    });
    var nodes = [];
    while (walker.nextNode()) nodes.push(walker.currentNode);
    nodes.forEach(function (n) {
      var html = mark(n.nodeValue, terms);
      if (html.indexOf("<mark>") < 0) return;
      var span = document.createElement("span");
      span.innerHTML = html;
      var frag = document.createDocumentFragment();
      while (span.firstChild) frag.appendChild(span.firstChild);
      n.parentNode.replaceChild(frag, n);
    });
    scope.classList.add("search-hit");
  }

  // For tests and the benchmark: the same search the box runs.
  window.DOCGEN_SEARCH_API = { search: search, load: load, doc: doc };
  highlightArrival();
  if (!input || !list) return;
  wireBox();
  var page = document.getElementById("search-page-results");
  if (page) {
    resultsPage(page);
    window.addEventListener("hashchange", function () { resultsPage(page); });
  }
})();
