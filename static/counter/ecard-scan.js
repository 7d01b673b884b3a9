/* Reading an e-card QR code with the PC's camera (progressive enhancement: a hall's scanner types the code into
   the identify box, and the box works without script). The decoder is jsQR, served from static/vendor. On a code
   of the e-card, it fills the box and sends the form, as a scanner would. Loaded as a file (the CSP allows no
   inline script). */
(function () {
  "use strict";
  var PREFIX = "DYECARD1:";
  var button = document.querySelector("[data-ecard-camera]");
  if (!button || !window.jsQR || !navigator.mediaDevices || !navigator.mediaDevices.getUserMedia) { return; }
  var form = button.form;
  var view = form.querySelector("[data-ecard-view]");
  var video = view.querySelector("video");
  var status = view.querySelector("[data-ecard-status]");
  var input = form.querySelector("input[name=number]");
  var canvas = document.createElement("canvas");
  var context = canvas.getContext("2d", { willReadFrequently: true });
  var label = button.textContent;
  var stream = null;

  function stop() {
    if (stream) { stream.getTracks().forEach(function (track) { track.stop(); }); }
    stream = null;
    view.hidden = true;
    button.textContent = label;
  }

  function look() {
    if (!stream) { return; }
    if (video.readyState >= 2 && video.videoWidth) {
      canvas.width = video.videoWidth;
      canvas.height = video.videoHeight;
      context.drawImage(video, 0, 0, canvas.width, canvas.height);
      var image = context.getImageData(0, 0, canvas.width, canvas.height);
      var found = window.jsQR(image.data, image.width, image.height, { inversionAttempts: "dontInvert" });
      if (found && found.data && found.data.toUpperCase().indexOf(PREFIX) === 0) {
        input.value = found.data;
        stop();
        form.requestSubmit ? form.requestSubmit() : form.submit();
        return;
      }
    }
    window.requestAnimationFrame(look);
  }

  button.hidden = false;
  button.addEventListener("click", function () {
    if (stream) { stop(); return; }
    navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" }, audio: false }).then(function (s) {
      stream = s;
      video.srcObject = s;
      view.hidden = false;
      status.textContent = status.getAttribute("data-looking");
      button.textContent = button.getAttribute("data-stop");
      video.play();
      window.requestAnimationFrame(look);
    }).catch(function () {
      view.hidden = false;
      status.textContent = status.getAttribute("data-no-camera");
    });
  });
  window.addEventListener("pagehide", stop);
})();
