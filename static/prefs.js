// docgen: loaded (blocking) before the stylesheets, so the first paint
// already has the remembered theme and study mode; reader.js does the rest.
(function (d) {
  d.classList.add("js");
  try {
    var t = localStorage.getItem("docgen-theme");
    if (t === "dark" || t === "light") d.setAttribute("data-theme", t);
    if (localStorage.getItem("docgen-study") === "on") d.setAttribute("data-study", "");
  } catch (e) { /* storage off: follow the system */ }
})(document.documentElement);
