// Behaviour the templates ask for with data- attributes: the Content-Security-Policy runs no
// inline script, so none lives in a template. Loaded with `defer`, after the page is parsed.
"use strict";

// <select data-autosubmit>: choosing an option submits its form (the language switch).
document.querySelectorAll("[data-autosubmit]").forEach(function (field) {
  field.addEventListener("change", function () {
    field.form.submit();
  });
});

// <input type="checkbox" data-check-all="NAME">: ticks or clears every checkbox named NAME.
document.querySelectorAll("[data-check-all]").forEach(function (toggle) {
  toggle.addEventListener("change", function () {
    document.querySelectorAll('input[name="' + toggle.dataset.checkAll + '"]').forEach(function (box) {
      box.checked = toggle.checked;
    });
  });
});
