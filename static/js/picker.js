// People picker: <span class="picker" data-picker="URL" data-picker-name="NAME"> around a text
// box. Typing searches URL?q=… (JSON {results: [{id, name, username, unit}]}); each person
// chosen posts their id as a hidden NAME input. With data-picker-multiple several may be
// chosen. Without this script the box still posts the usernames typed into it.
// Every picker widget brings this file along; it starts each picker only once.
"use strict";

(function () {
  var DELAY = 200;

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text) node.textContent = text;
    return node;
  }

  function start(picker) {
    if (picker.dataset.pickerReady) return;
    picker.dataset.pickerReady = "1";
    var input = picker.querySelector("input[type=text]");
    var multiple = picker.hasAttribute("data-picker-multiple");
    var required = input.required;
    var chosen = element("span", "picker-chosen");
    var list = element("ul", "picker-results");
    var timer = null;
    var asked = 0;
    var active = -1;
    list.setAttribute("role", "listbox");
    list.id = input.id + "_results";
    list.hidden = true;
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-controls", list.id);
    input.setAttribute("aria-expanded", "false");
    picker.insertBefore(chosen, input);
    picker.appendChild(list);

    function close() {
      list.hidden = true;
      active = -1;
      input.setAttribute("aria-expanded", "false");
    }

    function picked() {
      return chosen.querySelectorAll("input[type=hidden]");
    }

    function choose(person) {
      if (!multiple) chosen.textContent = "";
      var ids = Array.prototype.map.call(picked(), function (hidden) { return hidden.value; });
      if (ids.indexOf(String(person.id)) === -1) {
        var chip = element("span", "chip", person.name + (person.unit ? "（" + person.unit + "）" : ""));
        var hidden = element("input");
        var remove = element("button", "link", "×");
        hidden.type = "hidden";
        hidden.name = picker.dataset.pickerName;
        hidden.value = person.id;
        remove.type = "button";
        remove.setAttribute("aria-label", (picker.dataset.pickerRemove || "") + " " + person.name);
        remove.addEventListener("click", function () {
          chip.remove();
          input.required = required && picked().length === 0;
          input.focus();
        });
        chip.dataset.testid = "picked";
        chip.appendChild(hidden);
        chip.appendChild(remove);
        chosen.appendChild(chip);
      }
      input.value = "";
      input.required = false;
      close();
      input.focus();
    }

    function highlight(index) {
      var options = list.querySelectorAll("[role=option]");
      if (!options.length) return;
      active = (index + options.length) % options.length;
      options.forEach(function (option, at) {
        option.setAttribute("aria-selected", at === active ? "true" : "false");
      });
      options[active].scrollIntoView({ block: "nearest" });
    }

    function show(people) {
      list.textContent = "";
      active = -1;
      if (!people.length) {
        list.appendChild(element("li", "muted", picker.dataset.pickerEmpty || ""));
      }
      people.forEach(function (person) {
        var option = element("li");
        var label = person.name + "（" + [person.unit, person.username].filter(Boolean).join(" · ") + "）";
        option.setAttribute("role", "option");
        option.setAttribute("aria-selected", "false");
        option.dataset.testid = "picker-option";
        option.appendChild(element("span", "", label));
        // mousedown, not click: the box keeps focus, and the list is not closed under the tap.
        option.addEventListener("mousedown", function (event) {
          event.preventDefault();
          choose(person);
        });
        option.person = person;
        list.appendChild(option);
      });
      list.hidden = false;
      input.setAttribute("aria-expanded", "true");
    }

    function search() {
      var number = ++asked;
      var url = picker.dataset.picker + "?q=" + encodeURIComponent(input.value.trim());
      fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
        .then(function (response) { return response.ok ? response.json() : { results: [] }; })
        .then(function (data) {
          // An answer to an older question is dropped: the newest keystroke wins.
          if (number === asked && document.activeElement === input) show(data.results);
        })
        .catch(close);
    }

    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(search, DELAY);
    });
    input.addEventListener("focus", search);
    input.addEventListener("blur", function () { setTimeout(close, 150); });
    input.addEventListener("keydown", function (event) {
      if (list.hidden) return;
      if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        event.preventDefault();
        highlight(active + (event.key === "ArrowDown" ? 1 : -1));
      } else if (event.key === "Enter" && active >= 0) {
        // Enter picks the highlighted person instead of submitting the form.
        event.preventDefault();
        choose(list.querySelectorAll("[role=option]")[active].person);
      } else if (event.key === "Escape") {
        close();
      }
    });
  }

  document.querySelectorAll(".picker[data-picker]").forEach(start);
})();
