/* The display board: speak each new call once (speechSynthesis), for screens that can speak.
   htmx refreshes the board every second; the newest call carries data-announce and a key that changes
   with every call and recall. Loaded as a file (the CSP allows no inline script). */
(function () {
  "use strict";
  var lastKey = null;
  function announce() {
    var el = document.querySelector("[data-announce]");
    if (!el) { return; }
    var key = el.getAttribute("data-key");
    if (key === lastKey) { return; }
    var first = lastKey === null;
    lastKey = key;
    if (first || !("speechSynthesis" in window)) { return; }  // never repeat an old call when the screen loads
    var text = el.getAttribute("data-announce");
    var utterance = new window.SpeechSynthesisUtterance(text + " " + text);
    utterance.lang = document.documentElement.lang === "en" ? "en-US" : "zh-CN";
    utterance.rate = 0.9;
    window.speechSynthesis.speak(utterance);
  }
  document.addEventListener("htmx:afterSettle", announce);
  announce();
})();
