/* The printed ticket: the Print button, and back to the dispenser after a while for the next person. */
(function () {
  "use strict";
  var ticket = document.getElementById("ticket");
  var button = document.getElementById("print-ticket");
  if (button) { button.addEventListener("click", function () { window.print(); }); }
  if (ticket) {
    var after = parseInt(ticket.getAttribute("data-return-after"), 10) || 20;
    window.setTimeout(function () { window.location.assign(ticket.getAttribute("data-return-url")); }, after * 1000);
  }
})();
