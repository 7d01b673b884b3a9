/* The clerk's desk: function keys for the loop (F2 call / finish and call, F4 identify, / search business)
   and the catalogue filtered as you type. Loaded as a file (the CSP allows no inline script). */
(function () {
  "use strict";
  function click(selector) {
    var el = document.querySelector(selector);
    if (el && !el.disabled) { el.click(); return true; }
    return false;
  }
  function focus(selector) {
    var el = document.querySelector(selector);
    if (el) { el.focus(); if (el.select) { el.select(); } return true; }
    return false;
  }
  document.addEventListener("keydown", function (event) {
    var typing = /^(INPUT|TEXTAREA|SELECT)$/.test(event.target.tagName);
    if (event.key === "F2") {
      if (click("#finish-and-next") || click("#call-next")) { event.preventDefault(); }
    } else if (event.key === "F4") {
      if (focus("#id_number")) { event.preventDefault(); }
    } else if (event.key === "/" && !typing) {
      if (focus("#catalogue-q")) { event.preventDefault(); }
    }
  });
  // The window bar stays at the top of the screen: whatever is scrolled to (a focused field, an anchor) must
  // stop below it, and the business column sticks below it, however tall it wraps.
  var bar = document.querySelector(".window-bar");
  function measureBar() {
    var sticky = bar && window.getComputedStyle(bar).position === "sticky";
    document.documentElement.style.setProperty("--desk-bar", sticky ? bar.offsetHeight + "px" : "0px");
  }
  measureBar();
  window.addEventListener("resize", measureBar);
  // The page's first useful control takes the focus without scrolling: after identifying a person, their facts
  // stay in view while the clerk types the business. On a business form it is the first field the checks found
  // wrong (scrolled to if need be, below the bar), else the first field.
  var marked = document.querySelector("[data-desk-focus]"), first = marked;
  if (marked && marked.tagName === "FORM") {
    first = marked.querySelector(".has-error :is(input, select, textarea)") ||
      marked.querySelector("input:not([type=hidden]), select, textarea");
  }
  if (first && (document.activeElement === null || document.activeElement === document.body)) {
    first.focus({ preventScroll: first === marked });
  }
  var search = document.getElementById("catalogue-q");
  var list = search && document.getElementById(search.getAttribute("data-filter"));
  if (search && list) {
    var filter = function () {
      var needle = search.value.trim().toLowerCase();
      Array.prototype.forEach.call(list.querySelectorAll("li[data-search]"), function (item) {
        item.hidden = needle !== "" && item.getAttribute("data-search").indexOf(needle) === -1;
      });
    };
    search.addEventListener("input", filter);
    // An identity number or credit code scanned while the search has the focus identifies the next applicant.
    var identify = document.getElementById("id_number");
    search.addEventListener("keydown", function (event) {
      if (event.key !== "Enter") { return; }
      var typed = search.value.trim();
      if (identify && identify.form && /^[0-9A-Za-z]{15,18}$/.test(typed) && /\d{6}/.test(typed)) {
        event.preventDefault();
        identify.value = typed;
        identify.form.requestSubmit();
        return;
      }
      var first = list.querySelector("li:not([hidden]) a");
      if (first) { event.preventDefault(); first.click(); }
    });
    filter();
  }
})();
