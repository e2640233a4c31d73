(function () {
  "use strict";
  var me = document.currentScript;
  var build = me ? me.getAttribute("data-docgen-build") : "0";
  // The build this page's bytes last changed in: a new build that leaves it
  // as it is does not reload it.
  var version = me ? Number(me.getAttribute("data-docgen-page")) : 0;
  var root = document.body.getAttribute("data-root") || "";
  // The page's site path; without one (or on the 404 page served for a
  // missing path, which may appear) the page reloads on every build.
  var path = document.body.getAttribute("data-path") || "";
  if (path === "404.html" && !/\/404\.html$/.test(location.pathname)) path = "";
  var key = "docgen-scroll:" + location.pathname;
  var saved = sessionStorage.getItem(key);
  if (saved !== null) {
    sessionStorage.removeItem(key);
    var y = Number(saved);
    window.addEventListener("load", function () { window.scrollTo(0, y); });
    window.scrollTo(0, y);
  }
  function reload() {
    sessionStorage.setItem(key, String(window.scrollY));
    location.reload();
  }
  function overlay(err) {
    var box = document.getElementById("docgen-error-overlay");
    if (!err) { if (box) box.remove(); return; }
    if (!box) {
      box = document.createElement("div");
      box.id = "docgen-error-overlay";
      box.setAttribute("role", "alert");
      box.style.cssText = "position:fixed;inset:auto 1rem 1rem 1rem;z-index:99999;max-height:50vh;overflow:auto;" +
        "background:#2b0b0e;color:#ffd7d7;border:2px solid #e5484d;border-radius:8px;padding:1rem 1.2rem;" +
        "font:14px/1.5 ui-monospace,monospace;white-space:pre-wrap;box-shadow:0 8px 30px rgba(0,0,0,.4)";
      document.body.appendChild(box);
    }
    box.textContent = "docgen: the last rebuild failed; showing the previous build.\n\n" + err;
  }
  function swapCss(v) {
    var links = document.querySelectorAll('link[rel="stylesheet"]');
    Array.prototype.forEach.call(links, function (l) {
      var href = l.getAttribute("href").replace(/[?&]v=\d+$/, "");
      l.setAttribute("href", href + (href.indexOf("?") < 0 ? "?" : "&") + "v=" + v);
    });
  }
  if (!window.EventSource) return;
  var es = null;
  function onState(e) {
    var s = JSON.parse(e.data);
    overlay(s.error);
    if (String(s.build) === build) return;
    if (s.css_only && s.css_base === Number(build)) {
      swapCss(s.build);
      build = String(s.build);
      if (me) me.setAttribute("data-docgen-build", build);
      return;
    }
    if (s.page !== undefined && s.page === version) {
      // Unchanged page; stylesheets may have changed in a build it missed.
      if (s.css_build > Number(build)) swapCss(s.build);
      build = String(s.build);
      // The attribute names the build this page is up to date with.
      if (me) me.setAttribute("data-docgen-build", build);
      return;
    }
    reload();
  }
  function connect() {
    if (es) return;
    es = new EventSource(root + "__docgen/events" + (path ? "?page=" + encodeURIComponent(path) : ""));
    es.addEventListener("state", onState);
  }
  // A page kept in the back/forward cache must not hold its stream open:
  // browsers allow few connections per host, and parked pages would use
  // them all. Close on the way out, reconnect when the page comes back
  // (the first state message then reloads it if the site changed).
  window.addEventListener("pagehide", function () { if (es) { es.close(); es = null; } });
  window.addEventListener("pageshow", function (e) { if (e.persisted) connect(); });
  connect();
})();
