// docgen reader: theme, chapter menu, copy buttons, keyboard shortcuts and
// study mode; an enhancement only (without scripts pages read in full).
// localStorage: docgen-theme (light|dark, none: follow the system),
// docgen-study (on), docgen-progress:<site title> ({entry slug: known|review};
// slugs listed in moved.js's map are renamed on load).
(function () {
  "use strict";
  var d = document, html = d.documentElement, body = d.body;
  var site = body.getAttribute("data-site") || "";
  var THEME = "docgen-theme", STUDY = "docgen-study", PROGRESS = "docgen-progress:" + site;
  var dark = matchMedia("(prefers-color-scheme: dark)"), narrow = matchMedia("(max-width: 760px)");
  var entries = all("main .entry[id]"), keys = null;

  function all(sel, scope) { return [].slice.call((scope || d).querySelectorAll(sel)); }
  function $(id) { return d.getElementById(id); }
  function get(k) { try { return localStorage.getItem(k); } catch (e) { return null; } }
  function put(k, v) { try { if (v == null) localStorage.removeItem(k); else localStorage.setItem(k, v); } catch (e) { /* off */ } }
  function make(tag, attrs, text) {
    var el = d.createElement(tag);
    for (var k in attrs) el.setAttribute(k, attrs[k]);
    if (text) el.textContent = text;
    return el;
  }
  function flag(name, on) { if (on) html.setAttribute(name, on === true ? "" : on); else html.removeAttribute(name); }
  function press(id, on) { var b = $(id); if (b) b.setAttribute("aria-pressed", String(on)); }
  var live = body.appendChild(make("p", { class: "visually-hidden", role: "status" }));
  function say(t) { live.textContent = t; }

  // Theme: choosing what the system prefers forgets the choice.
  function theme() { return html.getAttribute("data-theme") || (dark.matches ? "dark" : "light"); }
  function applyTheme(t) { flag("data-theme", t === "light" || t === "dark" ? t : null); press("theme-toggle", theme() === "dark"); }
  function toggleTheme() {
    var next = theme() === "dark" ? "light" : "dark", keep = next === (dark.matches ? "dark" : "light") ? null : next;
    put(THEME, keep);
    applyTheme(keep);
    say(next + " theme");
  }

  // The chapter menu is collapsed on narrow screens.
  function fitMenu() {
    var menu = d.querySelector(".menu");
    if (menu) { menu.open = !narrow.matches; menu.setAttribute("data-ready", ""); }
  }

  // Code: copy buttons; boxes that scroll sideways get keyboard focus.
  function copy(text) {
    var cb = navigator.clipboard;
    return (cb ? Promise.resolve().then(function () { return cb.writeText(text); }) : Promise.reject()).catch(function () {
      var area = body.appendChild(make("textarea", { "aria-hidden": "true", style: "position:fixed;opacity:0" }));
      area.value = text;
      area.select();
      var ok = d.execCommand("copy");
      body.removeChild(area);
      if (!ok) throw new Error("refused");
    });
  }
  function addCopy(pre) {
    var lang = pre.getAttribute("data-lang"), box = make("div", { class: "code-block" });
    pre.parentNode.insertBefore(box, pre).appendChild(pre);
    var b = box.appendChild(make("button", { type: "button", class: "copy", "aria-label": "Copy " + (lang && lang !== "text" ? lang + " " : "") + "code" }, "Copy"));
    b.addEventListener("click", function () {
      copy((pre.querySelector("code") || pre).textContent.replace(/\n$/, "")).then(function () {
        b.textContent = "Copied";
        say("Code copied");
      }, function () {
        b.textContent = "Copy failed";
        say("Copying failed: select the code and press Control C");
      }).then(function () {
        b.focus();
        setTimeout(function () { b.textContent = "Copy"; }, 2000);
      });
    });
  }
  function scrollables() {
    all("main pre, main table").forEach(function (el) {
      if (el.scrollWidth > el.clientWidth + 1) el.tabIndex = 0; else el.removeAttribute("tabindex");
    });
  }

  // Keyboard. j/k: the question after/before the focused one; with none
  // focused, the first below the top of the window (j) or the one above (k).
  function moveQuestion(step) {
    if (!entries.length) return false;
    var i = entries.findIndex(function (e) { return e.contains(d.activeElement); });
    if (i < 0) {
      var top = d.querySelector(".top"), edge = top && getComputedStyle(top).position === "sticky" ? top.offsetHeight + 2 : 2;
      var below = entries.findIndex(function (e) { return e.getBoundingClientRect().top > edge; });
      i = (below < 0 ? entries.length : below) - (step > 0 ? 1 : 0);
    }
    var t = entries[i + step];
    if (t) {
      t = t.querySelector(".entry-title") || t;
      t.tabIndex = -1;
      t.focus({ preventScroll: true });
      t.scrollIntoView({ block: "start" });
    }
    return true;
  }
  function follow(rel) {
    var a = d.querySelector("a[rel~=" + rel + "]");
    if (a) location.href = a.href;
    return !!a;
  }
  function showKeys() {
    if (!keys) {
      keys = body.appendChild(make("dialog", { class: "keys", "aria-labelledby": "keys-title" }));
      keys.innerHTML = '<h2 id="keys-title">Keyboard shortcuts</h2><dl>' + [["/", "Search (also Ctrl K)"], ["j", "Next question"],
        ["k", "Previous question"], ["n", "Next chapter"], ["p", "Previous chapter"], ["?", "These shortcuts"], ["Esc", "Close"]]
        .map(function (r) { return "<dt><kbd>" + r[0] + "</kbd></dt><dd>" + r[1] + "</dd>"; }).join("") +
        '</dl><form method="dialog"><button class="btn">Close</button></form>';
    }
    if (!keys.open) keys.showModal();
    return true;
  }
  function onKey(e) {
    var el = d.activeElement, k = e.key;
    if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey || (keys && keys.open) ||
      /^(INPUT|TEXTAREA|SELECT)$/.test(el.tagName) || el.isContentEditable) return;
    if (k === "j" || k === "k" ? moveQuestion(k === "j" ? 1 : -1) : k === "n" || k === "p" ? follow(k === "n" ? "next" : "prev") :
      k === "?" && showKeys()) e.preventDefault();
  }

  // Study mode.
  function marks() {
    try { var m = JSON.parse(get(PROGRESS) || "{}"); return m && typeof m === "object" && !Array.isArray(m) ? m : {}; } catch (e) { return {}; }
  }
  function save(m) { put(PROGRESS, Object.keys(m).length ? JSON.stringify(m) : null); refresh(); }
  function applyStudy(on) { flag("data-study", on); press("study-toggle", on); }
  function toggleStudy() {
    var on = !html.hasAttribute("data-study");
    put(STUDY, on ? "on" : null);
    applyStudy(on);
    say(on ? "Study mode on: answers hidden until shown" : "Study mode off");
  }
  function studyBar(entry) {
    var bar = make("div", { class: "study", role: "group", "aria-label": "Study" }), ans = entry.querySelector(".answers");
    if (ans) {
      var r = bar.appendChild(make("button", { type: "button", class: "reveal", "aria-expanded": "false", "aria-controls": ans.id }, "Show answer"));
      r.addEventListener("click", function () {
        var open = entry.classList.toggle("revealed");
        r.setAttribute("aria-expanded", String(open));
        r.textContent = open ? "Hide answer" : "Show answer";
      });
    }
    [["known", "known", "Known"], ["review", "again", "Review again"]].forEach(function (m) {
      var b = bar.appendChild(make("button", { type: "button", class: m[1], "aria-pressed": "false", "data-mark": m[0] }, m[2]));
      b.addEventListener("click", function () {
        var now = marks(), off = b.getAttribute("aria-pressed") === "true";
        if (off) delete now[entry.id]; else now[entry.id] = m[0];
        save(now);
        say(off ? "Mark removed" : m[0] === "known" ? "Marked known" : "Marked for review");
      });
    });
    entry.insertBefore(bar, entry.querySelector(":scope > .answers, :scope > .no-answer"));
  }
  function tally(ids, m) {
    var known = 0, review = 0;
    ids.forEach(function (id) { if (m[id] === "known") known++; else if (m[id] === "review") review++; });
    return known + "/" + ids.length + " known" + (review ? ", " + review + " to review" : "");
  }
  function progress(host, after) {
    var s = host.querySelector(":scope > .progress");
    if (!s) {
      s = host.insertBefore(make("span", { class: "progress" }), after ? after.nextSibling : null);
      host.insertBefore(d.createTextNode(" "), s);
    }
    return s;
  }
  function idOf(a) {
    try { return decodeURIComponent(a.hash.slice(1)); } catch (e) { return a.hash.slice(1); }
  }
  // Shows the stored marks everywhere on the page.
  function refresh() {
    var m = marks(), meta = d.querySelector(".chapter-meta");
    entries.forEach(function (e) {
      var state = m[e.id] || "";
      e.classList.toggle("is-known", state === "known");
      e.classList.toggle("is-review", state === "review");
      all("[data-mark]", e).forEach(function (b) { b.setAttribute("aria-pressed", String(b.getAttribute("data-mark") === state)); });
    });
    if (meta && entries.length) progress(meta).textContent = tally(entries.map(function (e) { return e.id; }), m);
    all(".toc > li").forEach(function (li) {
      var links = all(".toc-entries a", li);
      links.forEach(function (a) {
        a.parentNode.classList.toggle("is-known", m[idOf(a)] === "known");
        a.parentNode.classList.toggle("is-review", m[idOf(a)] === "review");
      });
      progress(li, li.querySelector(":scope > .count")).textContent = tally(links.map(idOf), m);
    });
    var items = all(".review-chapter li[data-entry]");
    if (!items.length) return;
    items.forEach(function (li) { li.hidden = m[li.getAttribute("data-entry")] !== "review"; });
    all(".review-chapter").forEach(function (s) { s.hidden = !s.querySelector("li:not([hidden])"); });
    var review = items.filter(function (li) { return !li.hidden; }).length;
    var known = items.filter(function (li) { return m[li.getAttribute("data-entry")] === "known"; }).length;
    $("review-empty").hidden = review > 0;
    $("progress-summary").textContent = known + " known and " + review + " to review, of " + items.length + " questions.";
  }

  // The review page: export, import, clear.
  // The concept map: + / − / Fit set its width (as --zoom) keeping the
  // middle of the view in place; a mouse drags it around when zoomed.
  function zoomable(fig) {
    var box = fig.querySelector(".concept-map-canvas"), hint = fig.querySelector(".concept-map-hint"), z = 1;
    if (!box) return;
    function set(next) {
      next = Math.max(1, Math.min(6, next));
      var cx = (box.scrollLeft + box.clientWidth / 2) / box.scrollWidth, cy = (box.scrollTop + box.clientHeight / 2) / box.scrollHeight;
      z = next;
      box.style.setProperty("--zoom", String(z));
      box.classList.toggle("zoomed", z > 1);
      box.scrollLeft = cx * box.scrollWidth - box.clientWidth / 2;
      box.scrollTop = cy * box.scrollHeight - box.clientHeight / 2;
      if (hint) hint.textContent = z > 1 ? Math.round(z * 100) + " %: drag or scroll to move around" : "";
    }
    all("[data-zoom]", fig).forEach(function (b) {
      b.addEventListener("click", function () {
        var k = b.getAttribute("data-zoom");
        set(k === "in" ? z * 1.5 : k === "out" ? z / 1.5 : 1);
      });
    });
    var from = null;
    box.addEventListener("pointerdown", function (e) {
      if (z <= 1 || e.pointerType !== "mouse" || e.button !== 0) return;
      from = { x: e.clientX, y: e.clientY, l: box.scrollLeft, t: box.scrollTop, moved: false };
    });
    addEventListener("pointermove", function (e) {
      if (!from) return;
      var dx = e.clientX - from.x, dy = e.clientY - from.y;
      if (!from.moved && Math.abs(dx) + Math.abs(dy) < 4) return;
      from.moved = true;
      box.classList.add("dragging");
      box.scrollLeft = from.l - dx;
      box.scrollTop = from.t - dy;
    });
    // A drag that ends on a concept does not open it.
    var dragged = false;
    box.addEventListener("click", function (e) { if (dragged) { e.preventDefault(); e.stopPropagation(); } }, true);
    addEventListener("pointerup", function () {
      dragged = !!(from && from.moved);
      if (dragged) setTimeout(function () { dragged = false; }, 0);
      from = null;
      box.classList.remove("dragging");
    });
  }
  function status(t) { $("progress-status").textContent = t; }
  function exportProgress() {
    var m = marks(), name = (site.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "") || "handbook") + "-progress.json";
    var data = { docgen: "progress", version: 1, site: site, exported: new Date().toISOString(), marks: m };
    var url = URL.createObjectURL(new Blob([JSON.stringify(data, null, 2) + "\n"], { type: "application/json" }));
    var a = body.appendChild(make("a", { href: url, download: name }));
    a.click();
    body.removeChild(a);
    setTimeout(function () { URL.revokeObjectURL(url); }, 60000);
    status("Saved " + Object.keys(m).length + " marks to " + name + ".");
  }
  function importProgress() {
    var input = this, file = input.files[0];
    if (file) file.text().then(function (text) {
      var got = (JSON.parse(text) || {}).marks, m = marks(), n = 0;
      if (!got || typeof got !== "object") throw new Error("not a docgen progress file");
      for (var id in got) if (got[id] === "known" || got[id] === "review") { m[id] = got[id]; n++; }
      save(m);
      status("Imported " + n + " marks from " + file.name + ".");
    }).catch(function (e) { status("Could not import " + file.name + ": " + e.message); }).then(function () { input.value = ""; });
  }
  function clearProgress() {
    if (confirm("Remove every known and review mark?")) { save({}); status("All marks removed."); }
  }

  // Wiring. Printing opens every closed <details>, closed again after.
  var reopened = [], resizing = 0;
  addEventListener("beforeprint", function () { reopened = all("details:not([open])"); reopened.forEach(function (x) { x.open = true; }); });
  addEventListener("afterprint", function () { reopened.forEach(function (x) { x.open = false; }); });
  addEventListener("storage", function (e) {
    if (e.key === THEME) applyTheme(e.newValue); else if (e.key === STUDY) applyStudy(e.newValue === "on"); else if (e.key === PROGRESS) refresh();
  });
  addEventListener("resize", function () { clearTimeout(resizing); resizing = setTimeout(scrollables, 150); });
  dark.addEventListener("change", function () { applyTheme(html.getAttribute("data-theme")); });
  narrow.addEventListener("change", fitMenu);
  d.addEventListener("keydown", onKey);
  [["theme-toggle", toggleTheme], ["study-toggle", toggleStudy], ["keys-help", showKeys], ["progress-export", exportProgress],
    ["progress-clear", clearProgress]].forEach(function (t) {
    var b = $(t[0]);
    if (b) b.addEventListener("click", t[1]);
  });
  if ($("progress-import")) $("progress-import").addEventListener("change", importProgress);
  applyTheme(html.getAttribute("data-theme"));
  applyStudy(html.hasAttribute("data-study"));
  fitMenu();
  var side = d.querySelector(".sidebar"), cur = d.querySelector(".sidebar .current");
  if (side && cur && !narrow.matches && cur.offsetTop > side.clientHeight / 2) side.scrollTop = cur.offsetTop - 48;
  all("main pre").forEach(addCopy);
  all(".concept-map").forEach(zoomable);
  scrollables();
  entries.forEach(studyBar);
  // Entries whose slug changed keep their marks (moved.js, from the
  // permalink map).
  var moved = window.docgenMoved && window.docgenMoved.slugs;
  if (moved) {
    var m = marks(), n = 0;
    for (var old in moved) if (Object.prototype.hasOwnProperty.call(m, old)) {
      if (!Object.prototype.hasOwnProperty.call(m, moved[old])) m[moved[old]] = m[old];
      delete m[old];
      n++;
    }
    if (n) put(PROGRESS, JSON.stringify(m));
  }
  refresh();
  flag("data-reader", true);
})();
