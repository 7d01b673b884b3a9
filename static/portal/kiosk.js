/* The self-service kiosk: the session ends after a minute without a touch (the server refuses it after that too),
   a page brought back from the browser's memory is fetched again, the on-screen keypad, and printing. */
(function () {
  "use strict";
  var state = document.getElementById("kiosk-session");
  var logoutForm = document.getElementById("kiosk-logout");
  if (!state || !logoutForm) { return; }
  var idleMs = (parseInt(state.getAttribute("data-idle"), 10) || 60) * 1000;
  var watching = state.getAttribute("data-watch") === "1";
  var warning = document.getElementById("idle-warning");
  var warnMs = Math.max(idleMs - 10000, idleMs * 0.7);
  var PING_EVERY = Math.min(15000, idleMs / 3);
  var lastTouch = Date.now();
  var lastPing = Date.now();
  var ending = false;

  function csrfToken() {
    var field = logoutForm.querySelector("input[name=csrfmiddlewaretoken]");
    return field ? field.value : "";
  }

  function end() {
    if (ending) { return; }
    ending = true;
    logoutForm.submit();
  }

  function ping() {
    lastPing = Date.now();
    if (!window.fetch) { return; }
    window.fetch(state.getAttribute("data-touch-url"), {
      method: "POST", credentials: "same-origin", headers: {"X-CSRFToken": csrfToken()}
    }).then(function (response) { return response.json(); }).then(function (answer) {
      if (!answer.alive && watching) { window.location.replace(state.getAttribute("data-home-url")); }
    }).catch(function () { /* the timer still ends the session */ });
  }

  function touched() {
    lastTouch = Date.now();
    if (warning && !warning.hidden) { warning.hidden = true; }
    if (watching && Date.now() - lastPing > PING_EVERY) { ping(); }
  }

  ["pointerdown", "touchstart", "keydown", "input", "wheel"].forEach(function (name) {
    document.addEventListener(name, touched, {capture: true, passive: true});
  });
  // The minute starts when the page is there to be read, not while it was still being drawn.
  window.addEventListener("load", function () { lastTouch = Date.now(); });

  window.setInterval(function () {
    if (!watching) { return; }
    var quiet = Date.now() - lastTouch;
    if (quiet >= idleMs) { end(); } else if (warning && quiet >= warnMs) { warning.hidden = false; }
  }, 250);

  // Never show a page from the back-forward cache: ask the server, which knows whether the session still lives.
  window.addEventListener("pageshow", function (event) { if (event.persisted) { window.location.reload(); } });

  var cont = document.getElementById("idle-continue");
  if (cont) { cont.addEventListener("click", touched); }

  // The on-screen keypad types into its field.
  Array.prototype.forEach.call(document.querySelectorAll(".keypad"), function (pad) {
    var field = document.getElementById(pad.getAttribute("data-target"));
    if (!field) { return; }
    pad.addEventListener("click", function (event) {
      var key = event.target.closest("[data-key]");
      if (!key) { return; }
      var value = key.getAttribute("data-key");
      var max = parseInt(field.getAttribute("maxlength"), 10) || 64;
      if (value === "back") { field.value = field.value.slice(0, -1); }
      else if (value === "clear") { field.value = ""; }
      else if (field.value.length < max) { field.value += value; }
      field.focus();
    });
  });

  // Printing: the statement prints once the viewer has drawn it (its load event comes before the drawing);
  // tickets on request. The kiosk's browser runs with --kiosk-printing: no dialog, straight to the printer.
  var frame = document.getElementById("statement-frame");
  var PRINT_DELAY = 1500;
  function printStatement() {
    try { frame.contentWindow.focus(); frame.contentWindow.print(); } catch (e) { window.print(); }
  }
  if (frame) {
    if (frame.getAttribute("data-autoprint") === "1") {
      frame.addEventListener("load", function () { window.setTimeout(printStatement, PRINT_DELAY); });
    }
    var again = document.getElementById("print-again");
    if (again) { again.addEventListener("click", printStatement); }
  }
  var printPage = document.getElementById("print-page");
  if (printPage) { printPage.addEventListener("click", function () { window.print(); }); }
})();
