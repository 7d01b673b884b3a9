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
