// Erkend's one script: the ESCO skill picker fills its choices as you type, an upload
// form shows how far the file is, and a phase's pick lists fill its codes. Every page works without it (the picker's search button asks
// the server instead; the upload form posts as any form does). Served by Erkend itself.
(function () {
  "use strict";
  function upload(form) {
    var bar = form.querySelector("progress");
    if (!bar || !window.FormData || !window.DOMParser) { return; }
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var request = new XMLHttpRequest();
      request.open("POST", form.action);
      request.setRequestHeader("Accept", "text/html");
      var token = form.querySelector("input[name=csrf]");
      if (token) { request.setRequestHeader("X-CSRF-Token", token.value); }
      bar.hidden = false;
      request.upload.addEventListener("progress", function (step) {
        if (step.lengthComputable) { bar.value = Math.round(100 * step.loaded / step.total); }
      });
      request.addEventListener("load", function () {
        var page = new DOMParser().parseFromString(request.responseText, "text/html");
        document.title = page.title;
        document.body.replaceWith(document.adoptNode(page.body));
        var again = document.querySelector("form[data-upload]");
        if (again) { upload(again); }
        var result = document.getElementById("result") || document.getElementById("problems");
        if (result) { result.setAttribute("tabindex", "-1"); result.focus(); }
      });
      request.addEventListener("error", function () { form.submit(); });
      request.send(new FormData(form));
    });
  }
  var uploadForm = document.querySelector("form[data-upload]");
  if (uploadForm) { upload(uploadForm); }

  // A phase's pick lists: the chosen unit or EPA target joins the phase's codes at once
  // (without script it joins them when the form is saved).
  Array.prototype.slice.call(document.querySelectorAll("select[data-pick-into]")).forEach(function (select) {
    select.addEventListener("change", function () {
      var field = document.getElementById(select.getAttribute("data-pick-into"));
      if (!field || !select.value) { return; }
      var items = field.value.split(/[,;]/).map(function (item) { return item.trim(); }).filter(Boolean);
      if (items.indexOf(select.value) < 0) { items.push(select.value); }
      field.value = items.join(", ");
      select.value = "";
    });
  });

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
