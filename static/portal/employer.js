// The employer's pages: "select all" for checkbox lists, and a confirmation before irreversible actions.
// Loaded as a file under the strict CSP (no inline handlers); everything works without it too.
(function () {
  "use strict";
  document.addEventListener("change", function (event) {
    var box = event.target;
    if (!box.matches || !box.matches("input[data-check-all]")) { return; }
    var form = box.form || document;
    form.querySelectorAll('input[type="checkbox"][name="' + box.getAttribute("data-check-all") + '"]')
      .forEach(function (item) { item.checked = box.checked; });
  });
  document.addEventListener("submit", function (event) {
    var form = event.target;
    var question = form.getAttribute && form.getAttribute("data-confirm");
    if (question && !window.confirm(question)) { event.preventDefault(); }
  });
}());
