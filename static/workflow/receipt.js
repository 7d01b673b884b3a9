// The receipt's print button opens the browser's print dialog (a file, not inline script, for the CSP).
// Without JavaScript the button stays hidden and the page tells the user to print from the browser.
(function () {
  "use strict";
  document.querySelectorAll("[data-print]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () { window.print(); });
  });
})();
