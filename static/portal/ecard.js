/* The e-card page: count down the code's seconds, grey it out when it has run out, and ask for a new one as soon
   as the phone wakes (htmx asks every 50 s on its own: hx-trigger on #ecard-code). Without script the page
   still shows a code and a link for a new one. Loaded as a file (the CSP allows no inline script). */
(function () {
  "use strict";
  var box = document.getElementById("ecard-code");
  if (!box) { return; }
  var deadline = 0;

  function start() {
    var qr = document.getElementById("ecard-qr");
    deadline = qr ? Date.now() + parseInt(qr.getAttribute("data-seconds") || "0", 10) * 1000 : 0;
    tick();
  }

  function tick() {
    var qr = document.getElementById("ecard-qr");
    var shown = box.querySelector("[data-countdown]");
    if (!qr || !shown) { return; }
    var left = Math.max(0, Math.ceil((deadline - Date.now()) / 1000));
    shown.textContent = String(left);
    var expired = left <= 0;
    qr.classList.toggle("ecard-qr-expired", expired);
    var note = box.querySelector("[data-expired]");
    if (note) { note.hidden = !expired; }
  }

  document.body.addEventListener("htmx:afterSettle", function (event) {
    if (event.target === box) { start(); }
  });
  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "visible" && window.htmx) { window.htmx.trigger(box, "ecard-refresh"); }
  });
  window.setInterval(tick, 1000);
  start();
})();
