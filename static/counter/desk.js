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
  // stay in view while the clerk types the business.
  var first = document.querySelector("[data-desk-focus]");
  if (first && (document.activeElement === null || document.activeElement === document.body)) {
    first.focus({ preventScroll: true });
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
    search.addEventListener("keydown", function (event) {
      if (event.key === "Enter") {
        var first = list.querySelector("li:not([hidden]) a");
        if (first) { event.preventDefault(); first.click(); }
      }
    });
    filter();
  }
})();
