// The branch rating sheet: counts the 「优秀」 chosen so far against the most allowed, as the
// secretary picks. The server checks the same limit on saving; this only shows it early.
"use strict";

document.querySelectorAll("form[data-excellent-limit]").forEach(function (form) {
  var limit = parseInt(form.dataset.excellentLimit, 10);
  var counts = form.querySelector("[data-rating-counts]");
  var shown = counts.querySelector("[data-count=excellent]");
  function recount() {
    var chosen = form.querySelectorAll("select[data-rating]");
    var excellent = 0;
    chosen.forEach(function (select) {
      if (select.value === "excellent") {
        excellent += 1;
      }
    });
    shown.textContent = String(excellent);
    counts.classList.toggle("overdue", excellent > limit);
  }
  counts.hidden = false;
  form.addEventListener("change", recount);
  recount();
});
