// A background job's page (a ZIP of documents): while the job runs, reload every few seconds
// so its progress and, once done, its download appear. The server says how often in
// data-job-refresh and stops saying it when the job has finished.
"use strict";

(function () {
  var job = document.querySelector("[data-job-refresh]");
  if (!job) {
    return;
  }
  window.setTimeout(function () {
    window.location.reload();
  }, parseInt(job.dataset.jobRefresh, 10));
})();
