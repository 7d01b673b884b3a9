/* The resident's pages: refuse a too-large file before it is sent, and send an application form only once. */
(function () {
  "use strict";
  document.querySelectorAll("form.upload-form").forEach(function (form) {
    var limit = parseInt(form.getAttribute("data-max-bytes") || "0", 10);
    form.addEventListener("submit", function (event) {
      var input = form.querySelector("input[type=file]");
      if (limit && input && input.files && input.files[0] && input.files[0].size > limit) {
        event.preventDefault();
        window.alert(form.getAttribute("data-too-big"));
      }
    });
  });
  document.querySelectorAll("button[data-once]").forEach(function (button) {
    var form = button.form;
    if (!form) { return; }
    form.addEventListener("submit", function (event) {
      if (event.submitter !== button) { return; }
      if (form.getAttribute("data-sent")) { event.preventDefault(); return; }
      form.setAttribute("data-sent", "1");
    });
  });
})();
