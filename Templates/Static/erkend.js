// Erkend's one script: the ESCO skill picker fills its choices as you type. Every page works
// without it (the picker's search button asks the server instead). Served by Erkend itself.
(function () {
  "use strict";
  var input = document.querySelector("[data-skill-search]");
  var options = document.getElementById("skill-options");
  if (!input || !options) { return; }
  var language = document.documentElement.lang || "nl";
  var timer = null;
  var asked = 0;

  function label(concept) {
    var labels = concept.preferredLabel || {};
    return labels[language] || labels.nl || labels.en || concept.uri;
  }

  function show(items) {
    var chosen = options.querySelector("input[name=skill]:checked");
    var keep = chosen ? chosen.closest("label") : null;
    Array.prototype.slice.call(options.querySelectorAll("label.choice, p")).forEach(function (node) {
      if (node !== keep) { node.remove(); }
    });
    items.forEach(function (concept) {
      if (chosen && chosen.value === concept.uri) { return; }
      var choice = document.createElement("label");
      choice.className = "choice";
      var radio = document.createElement("input");
      radio.type = "radio";
      radio.name = "skill";
      radio.value = concept.uri;
      choice.appendChild(radio);
      choice.appendChild(document.createTextNode(" " + label(concept)));
      options.appendChild(choice);
    });
  }

  function search() {
    var text = input.value.trim();
    if (text.length < 2) { return; }
    var ticket = ++asked;
    fetch("/api/v1/skills?pageSize=10&q=" + encodeURIComponent(text), { headers: { "Accept": "application/json" }, credentials: "same-origin" })
      .then(function (response) { return response.ok ? response.json() : { items: [] }; })
      .then(function (list) { if (ticket === asked) { show(list.items || []); } })
      .catch(function () { /* the search button still works */ });
  }

  input.addEventListener("input", function () {
    window.clearTimeout(timer);
    timer = window.setTimeout(search, 200);
  });
  input.addEventListener("keydown", function (event) {
    if (event.key === "Enter") { event.preventDefault(); window.clearTimeout(timer); search(); }
  });
})();
