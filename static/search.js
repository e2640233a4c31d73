// docgen search: loads search-index.js on first use (a script, so it also
// works from file://), then matches typed words as prefixes against entry
// titles, other phrasings, chapters and answers. No framework, no CDN.
(function () {
  "use strict";
  var root = document.body.getAttribute("data-root") || "";
  var input = document.getElementById("search-input");
  var list = document.getElementById("search-results");
  if (!input || !list) return;
  var loading = null, active = -1, current = [];

  function load() {
    if (window.DOCGEN_SEARCH) return Promise.resolve(window.DOCGEN_SEARCH);
    if (loading) return loading;
    loading = new Promise(function (resolve, reject) {
      var s = document.createElement("script");
      s.src = root + "search-index.js";
      s.onload = function () { resolve(window.DOCGEN_SEARCH); };
      s.onerror = reject;
      document.head.appendChild(s);
    });
    return loading;
  }

  function norm(s) { return s.toLowerCase().normalize("NFKD").replace(/[\u0300-\u036f]/g, ""); }
  function words(s) { return norm(s).split(/[^a-z0-9_]+/).filter(Boolean); }

  // Score one document: every query word must prefix-match a word of some
  // field; title and phrasings weigh most, then chapter, then the answer.
  function score(doc, terms) {
    if (!doc._w) {
      doc._w = [words(doc.t), words(doc.p), words(doc.c), words(doc.b)];
    }
    var weights = [10, 6, 3, 1], total = 0;
    for (var i = 0; i < terms.length; i++) {
      var best = 0;
      for (var f = 0; f < 4; f++) {
        var ws = doc._w[f];
        for (var j = 0; j < ws.length; j++) {
          if (ws[j].lastIndexOf(terms[i], 0) === 0) {
            var exact = ws[j].length === terms[i].length ? 1.5 : 1;
            if (weights[f] * exact > best) best = weights[f] * exact;
            break;
          }
        }
      }
      if (best === 0) return 0;
      total += best;
    }
    var phrase = norm(doc.t).indexOf(terms.join(" ")) >= 0 ? 5 : 0;
    return total + phrase;
  }

  function search(index, q) {
    var terms = words(q);
    if (!terms.length) return [];
    var hits = [];
    for (var i = 0; i < index.docs.length; i++) {
      var s = score(index.docs[i], terms);
      if (s > 0) hits.push({ doc: index.docs[i], score: s, i: i });
    }
    hits.sort(function (a, b) { return b.score - a.score || a.i - b.i; });
    return hits.map(function (h) { return h.doc; });
  }

  function esc(s) { return s.replace(/[&<>"]/g, function (c) { return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" }[c]; }); }
  function highlight(text, terms) {
    var out = esc(text);
    terms.forEach(function (t) {
      if (t.length < 2) return;
      out = out.replace(new RegExp("\\b(" + t.replace(/[.*+?^${}()|[\]\\]/g, "\\$&") + "[a-z0-9_]*)", "gi"), "<mark>$1</mark>");
    });
    return out;
  }
  function snippet(doc, terms) {
    var b = doc.b, at = 0, low = norm(b);
    for (var i = 0; i < terms.length; i++) { var k = low.indexOf(terms[i]); if (k >= 0) { at = k; break; } }
    var start = Math.max(0, at - 40);
    return (start > 0 ? "…" : "") + b.slice(start, start + 140) + (b.length > start + 140 ? "…" : "");
  }
  function item(doc, terms) {
    return '<span class="r-title">' + highlight(doc.t, terms) + '</span><span class="r-meta">' + esc(doc.c) +
      '</span><span class="r-snippet">' + highlight(snippet(doc, terms), terms) + "</span>";
  }

  function show(results, q) {
    current = results.slice(0, 10);
    active = current.length ? 0 : -1;
    var terms = words(q);
    list.innerHTML = current.map(function (d, i) {
      return '<li role="option" id="sr-' + i + '" aria-selected="' + (i === active) + '">' + item(d, terms) + "</li>";
    }).join("") || (q.trim() ? '<li class="none" role="option" aria-disabled="true">No matches</li>' : "");
    list.hidden = !q.trim();
    input.setAttribute("aria-expanded", String(!list.hidden));
    input.setAttribute("aria-activedescendant", active >= 0 ? "sr-0" : "");
  }
  function go(doc) { if (doc) window.location.href = root + doc.u; }
  function move(d) {
    if (!current.length) return;
    active = (active + d + current.length) % current.length;
    Array.prototype.forEach.call(list.children, function (li, i) { li.setAttribute("aria-selected", String(i === active)); });
    input.setAttribute("aria-activedescendant", "sr-" + active);
  }

  input.addEventListener("focus", function () { load(); });
  input.addEventListener("input", function () {
    var q = input.value;
    load().then(function (index) { if (input.value === q) show(search(index, q), q); });
  });
  input.addEventListener("keydown", function (e) {
    if (e.key === "ArrowDown") { move(1); e.preventDefault(); }
    else if (e.key === "ArrowUp") { move(-1); e.preventDefault(); }
    else if (e.key === "Enter" && active >= 0) { go(current[active]); e.preventDefault(); }
    else if (e.key === "Escape") { list.hidden = true; input.setAttribute("aria-expanded", "false"); input.blur(); }
  });
  list.addEventListener("mousedown", function (e) {
    var li = e.target.closest("li[role=option]");
    if (li && li.id) { go(current[Number(li.id.slice(3))]); e.preventDefault(); }
  });
  document.addEventListener("keydown", function (e) {
    var typing = /^(INPUT|TEXTAREA|SELECT)$/.test(document.activeElement.tagName);
    if ((e.key === "/" && !typing) || (e.key === "k" && (e.ctrlKey || e.metaKey))) { input.focus(); e.preventDefault(); }
  });

  // The results page: search.html?q=… (or #q=…) lists every match.
  var page = document.getElementById("search-page-results");
  if (page) {
    var params = new URLSearchParams(window.location.search || window.location.hash.replace(/^#/, "?"));
    var q = params.get("q") || "";
    input.value = q;
    if (q) load().then(function (index) {
      var results = search(index, q), terms = words(q);
      document.getElementById("search-status").textContent = results.length + " result" + (results.length === 1 ? "" : "s") + " for “" + q + "”";
      page.innerHTML = results.map(function (d) {
        return '<li><a href="' + esc(root + d.u) + '">' + highlight(d.t, terms) + '</a> <span class="r-meta">' + esc(d.c) +
          '</span><span class="r-snippet">' + highlight(snippet(d, terms), terms) + "</span></li>";
      }).join("");
    });
  }
})();
