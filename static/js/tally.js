// The live preview of a 团员大会's count (会议表决) on its task page: what the numbers typed so
// far will record — the meeting invalid and why, or the rule line with 通过/未通过 and what
// follows — and the confirmation a failing vote needs. Every sentence comes from the server in
// the element's data-text-* attributes with {name} placeholders (the words the record keeps),
// and the rule's fractions in data-quorum and data-pass-line, from the case's rulebook; this
// file only does the arithmetic. The server checks the same on submitting.
"use strict";

document.querySelectorAll("[data-tally]").forEach(function (box) {
  var form = box.closest("form");
  var texts = box.dataset;
  var NAMES = ["should_attend", "present", "ballots", "votes_for", "votes_against", "votes_abstain"];
  var roll = texts.roll === undefined ? null : parseInt(texts.roll, 10);
  var outcome = box.querySelector("[data-tally-outcome]");
  var rollWarning = box.querySelector("[data-tally-roll-warning]");
  var confirm = box.querySelector("[data-tally-confirm]");
  var confirmBox = confirm.querySelector("input[type=checkbox]");

  function fraction(text) {
    var parts = text.split("/");
    return { num: parseInt(parts[0], 10), den: parseInt(parts[1] || "1", 10) };
  }
  var quorum = fraction(texts.quorum);
  var passLine = fraction(texts.passLine);

  // "{votes_for}" → 30: the sentence as the server would have written it.
  function fill(text, numbers) {
    return text.replace(/\{(\w+)\}/g, function (placeholder, name) {
      return name in numbers ? String(numbers[name]) : placeholder;
    });
  }

  function typed(name) {
    var field = form.elements[name];
    var value = field ? field.value.trim() : "";
    if (!/^\d+$/.test(value)) {
      return null;
    }
    return parseInt(value, 10);
  }

  function numbers() {
    var found = { roll: roll };
    for (var i = 0; i < NAMES.length; i += 1) {
      found[NAMES[i]] = typed(NAMES[i]);
      if (found[NAMES[i]] === null) {
        return null;
      }
    }
    found.cast = found.votes_for + found.votes_against + found.votes_abstain;
    return found;
  }

  function problems(n) {
    var found = [];
    if (n.should_attend <= 0) {
      found.push(texts.textNoneExpected);
    }
    if (n.present > n.should_attend) {
      found.push(fill(texts.textPresentOver, n));
    }
    if (n.present * quorum.den <= n.should_attend * quorum.num) {
      found.push(fill(texts.textQuorum, n));
    }
    if (n.ballots > n.present) {
      found.push(fill(texts.textBallotsOver, n));
    }
    if (n.cast > n.ballots) {
      found.push(fill(texts.textCastOver, n));
    }
    return found;
  }

  function showRollWarning() {
    var shouldAttend = typed("should_attend");
    var differs = roll !== null && shouldAttend !== null && shouldAttend !== roll;
    rollWarning.hidden = !differs;
    if (differs) {
      rollWarning.textContent = fill(texts.textRollDiffers, { roll: roll, should_attend: shouldAttend });
    }
  }

  function update() {
    showRollWarning();
    var n = numbers();
    if (n === null) {
      outcome.hidden = true;
      confirm.hidden = true;
      return;
    }
    var invalid = problems(n);
    var passed = invalid.length === 0 && n.votes_for * passLine.den > n.should_attend * passLine.num;
    var failing = invalid.length === 0 && !passed;
    if (invalid.length) {
      outcome.textContent = invalid.join("；");
    } else if (passed) {
      outcome.textContent = fill(texts.textPassed, n) + "；" + texts.textConsequencePassed;
    } else {
      outcome.textContent = fill(texts.textFailed, n) + "；" + texts.textConsequenceFailed;
    }
    outcome.hidden = false;
    outcome.classList.toggle("error", !passed);
    confirm.hidden = !failing;
    if (!failing) {
      confirmBox.checked = false;
    }
  }

  form.addEventListener("input", update);
  form.addEventListener("change", update);
  update();
});
