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

// <a> in the navigation and the phone's tab bar: the one for the page shown is marked current.
document.querySelectorAll(".nav a[href], .tabbar a[href]").forEach(function (link) {
  var path = new URL(link.href).pathname;
  var here = window.location.pathname;
  if (here === path || (path !== "/" && here.indexOf(path) === 0)) {
    link.setAttribute("aria-current", "page");
  }
});

// <details data-menu>: a dropdown that closes on a click elsewhere or on Escape.
document.querySelectorAll("details[data-menu]").forEach(function (menu) {
  document.addEventListener("click", function (event) {
    if (menu.open && !menu.contains(event.target)) {
      menu.open = false;
    }
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && menu.open) {
      menu.open = false;
      menu.querySelector("summary").focus();
    }
  });
});

// <details class="filters" open>: folded on a phone, open on a desktop; its summary says how
// many of its fields filter the list shown (those set in the address).
var PHONE = window.matchMedia("(max-width: 640px)");
document.querySelectorAll("details.filters").forEach(function (details) {
  var params = new URLSearchParams(window.location.search);
  var names = {};
  details.querySelectorAll("[name]").forEach(function (field) {
    names[field.name] = true;
  });
  var active = 0;
  params.forEach(function (value, name) {
    if (names[name] && value !== "") {
      active += 1;
    }
  });
  if (active) {
    var badge = document.createElement("span");
    badge.className = "badge";
    badge.dataset.filterCount = "";
    badge.textContent = String(active);
    details.querySelector("summary").append(" ", badge);
  }
  if (PHONE.matches) {
    details.open = false;
  }
});

// Running totals. data-sum-into="#id" on a number input, or on an element holding number
// inputs, adds them up into #id as "x / max" — max from data-sum-max on #id, else the inputs'
// own max. data-answered-into="#id" on an element counts its fieldsets answered so far. The
// server computes its own total; these only show it while typing.
function numberText(value) {
  return String(Math.round(value * 10) / 10);
}

function reveal(target) {
  // A total stays hidden until there is something to add up (and without script at all).
  for (var node = target; node && node !== document.body; node = node.parentElement) {
    node.hidden = false;
    if (node.classList.contains("sum-total")) {
      break;
    }
  }
}

var sums = {};
document.querySelectorAll("[data-sum-into]").forEach(function (source) {
  var inputs = source.matches("input") ? [source] : source.querySelectorAll("input[type=number]");
  var selector = source.dataset.sumInto;
  sums[selector] = (sums[selector] || []).concat(Array.prototype.slice.call(inputs));
});
Object.keys(sums).forEach(function (selector) {
  var target = document.querySelector(selector);
  var inputs = sums[selector];
  if (!target || !inputs.length) {
    return;
  }
  var max = parseFloat(target.dataset.sumMax);
  if (isNaN(max) && inputs.every(function (input) { return input.max !== ""; })) {
    max = inputs.reduce(function (total, input) { return total + parseFloat(input.max); }, 0);
  }
  function update() {
    var total = inputs.reduce(function (sum, input) {
      var value = parseFloat(input.value);
      return isNaN(value) ? sum : sum + value;
    }, 0);
    target.textContent = numberText(total) + (isNaN(max) ? "" : " / " + numberText(max));
    target.classList.toggle("overdue", !isNaN(max) && total > max);
  }
  inputs.forEach(function (input) {
    input.addEventListener("input", update);
  });
  reveal(target);
  update();
});

document.querySelectorAll("[data-answered-into]").forEach(function (source) {
  var target = document.querySelector(source.dataset.answeredInto);
  var groups = source.querySelectorAll("fieldset");
  if (!target || !groups.length) {
    return;
  }
  function answered(group) {
    return Array.prototype.some.call(group.querySelectorAll("input, select, textarea"), function (f) {
      return f.type === "radio" || f.type === "checkbox" ? f.checked : f.value !== "";
    });
  }
  function update() {
    var done = Array.prototype.filter.call(groups, answered).length;
    target.textContent = done + " / " + groups.length;
  }
  source.addEventListener("input", update);
  source.addEventListener("change", update);
  reveal(target);
  update();
});

// <form data-draft="NAME">: what is typed is kept in this browser, per user and address, and
// offered back on return ("已恢复草稿", with 清除草稿). A submission that leads elsewhere (or
// to a page without the form, or with a success message) clears it; one shown again with
// errors keeps it, and the page already holds what was sent.
var DRAFT_SENT = "draft-sent";

function draftKey(form) {
  return ["draft", document.body.dataset.user || "", window.location.pathname + window.location.search, form.dataset.draft].join(":");
}

function draftFields(form) {
  return Array.prototype.filter.call(form.elements, function (field) {
    return field.name && !field.disabled && ["password", "file", "hidden", "submit", "button", "reset"].indexOf(field.type) < 0;
  });
}

function draftValues(form) {
  var values = {};
  draftFields(form).forEach(function (field) {
    var list = values[field.name] || (values[field.name] = []);
    if (field.type === "radio" || field.type === "checkbox") {
      if (field.checked) {
        list.push(field.value);
      }
    } else if (field.type === "select-multiple") {
      Array.prototype.forEach.call(field.selectedOptions, function (option) {
        list.push(option.value);
      });
    } else {
      list.push(field.value);
    }
  });
  return values;
}

function draftApply(form, values) {
  var seen = {};
  draftFields(form).forEach(function (field) {
    var list = values[field.name];
    if (!list) {
      return;
    }
    if (field.type === "radio" || field.type === "checkbox") {
      field.checked = list.indexOf(field.value) >= 0;
    } else if (field.type === "select-multiple") {
      Array.prototype.forEach.call(field.options, function (option) {
        option.selected = list.indexOf(option.value) >= 0;
      });
    } else {
      var index = seen[field.name] || 0;
      seen[field.name] = index + 1;
      if (index < list.length) {
        field.value = list[index];
      }
    }
  });
  draftFields(form).forEach(function (field) {
    field.dispatchEvent(new Event("input", { bubbles: true }));
    field.dispatchEvent(new Event("change", { bubbles: true }));
  });
}

function timeText(stamp) {
  var at = new Date(stamp);
  function two(n) {
    return (n < 10 ? "0" : "") + n;
  }
  return at.getFullYear() + "-" + two(at.getMonth() + 1) + "-" + two(at.getDate()) + " " + two(at.getHours()) + ":" + two(at.getMinutes());
}

function storage(kind) {
  try {
    return window[kind];
  } catch (error) {
    return null;  // Storage refused (private mode, a policy): forms work without drafts.
  }
}

var local = storage("localStorage");
var session = storage("sessionStorage");
var sent = null;
if (session) {
  sent = JSON.parse(session.getItem(DRAFT_SENT) || "null");
  session.removeItem(DRAFT_SENT);
}
var forms = local ? document.querySelectorAll("form[data-draft]") : [];
if (sent && local) {
  var shownAgain = Array.prototype.some.call(forms, function (form) {
    return draftKey(form) === sent;
  });
  if (!shownAgain || document.querySelector(".message.success")) {
    local.removeItem(sent);
  }
}
forms.forEach(function (form) {
  var key = draftKey(form);
  var saved = JSON.parse(local.getItem(key) || "null");
  if (saved && key !== sent) {
    if (JSON.stringify(saved.values) === JSON.stringify(draftValues(form))) {
      local.removeItem(key);
    } else {
      draftApply(form, saved.values);
      var note = document.getElementById("draft-note").content.firstElementChild.cloneNode(true);
      note.querySelector("time").textContent = timeText(saved.at);
      note.querySelector("time").dateTime = new Date(saved.at).toISOString();
      note.querySelector("[data-draft-clear]").addEventListener("click", function () {
        form.reset();
        draftApply(form, draftValues(form));
        clearTimeout(timer);
        local.removeItem(key);
        note.remove();
      });
      form.prepend(note);
    }
  }
  var timer = null;
  function save() {
    timer = null;
    try {
      local.setItem(key, JSON.stringify({ at: Date.now(), values: draftValues(form) }));
    } catch (error) {
      // Storage full: the form still works, only without a draft.
    }
  }
  function later() {
    if (timer) {
      clearTimeout(timer);
    }
    timer = setTimeout(save, 400);
  }
  form.addEventListener("input", later);
  form.addEventListener("change", later);
  form.addEventListener("submit", function () {
    if (timer) {
      clearTimeout(timer);
      save();
    }
    if (session) {
      session.setItem(DRAFT_SENT, JSON.stringify(key));
    }
  });
});

// <button data-phrase="TEXT" data-phrase-target="ID">: a 常用语 chip; puts TEXT into the field
// at the caret (at the end, after a comma, until the field has been clicked into).
document.querySelectorAll("[data-phrase]").forEach(function (chip) {
  var field = document.getElementById(chip.dataset.phraseTarget);
  if (!field) {
    return;
  }
  field.addEventListener("focus", function () {
    field.dataset.caretKnown = "1";
  });
  chip.addEventListener("click", function () {
    var text = chip.dataset.phrase;
    var start = field.dataset.caretKnown ? field.selectionStart : field.value.length;
    var end = field.dataset.caretKnown ? field.selectionEnd : field.value.length;
    var before = field.value.slice(0, start);
    if (before && end === field.value.length && !/[，。；、,.;\s]$/.test(before)) {
      text = "，" + text;
    }
    field.value = before + text + field.value.slice(end);
    field.focus();
    field.setSelectionRange(start + text.length, start + text.length);
    field.dispatchEvent(new Event("input", { bubbles: true }));
  });
});

// <button name="action" data-needs-opinion="ID" data-opinion-message="…"> in an .action-bar:
// this action must give reasons, so the opinion field ID is required when it is pressed (and
// not when another is); the browser says so before the form goes, the server checks again.
document.querySelectorAll(".action-bar").forEach(function (bar) {
  var asking = bar.querySelector("[data-needs-opinion]");
  var field = asking && document.getElementById(asking.dataset.needsOpinion);
  if (!field) {
    return;
  }
  field.addEventListener("input", function () {
    field.setCustomValidity("");
  });
  bar.querySelectorAll("button[type=submit]").forEach(function (button) {
    button.addEventListener("click", function () {
      var needs = button.hasAttribute("data-needs-opinion");
      field.required = needs;
      field.setCustomValidity(needs && !field.value.trim() ? button.dataset.opinionMessage : "");
    });
  });
});
