/* Catalogue filters (/actions/): facets in the URL query, counts per value, result announced.
   Without JavaScript the form stays hidden and the whole list, grouped by campus, is readable. */
(function () {
  "use strict";
  var form = document.getElementById("catalogue-filtres");
  if (!form) return;
  var countLine = document.getElementById("catalogue-count");
  var groups = Array.prototype.slice.call(document.querySelectorAll(".portal-group"));
  var boxes = Array.prototype.slice.call(form.querySelectorAll("input[data-facet]"));
  var facets = [];
  boxes.forEach(function (box) { if (facets.indexOf(box.name) < 0) facets.push(box.name); });

  function fold(text) {
    // The pages have French typography (’, no-break spaces); a search is typed with ' and spaces.
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/[\u2019\u02bc]/g, "'")
      .replace(/[\u00a0\u202f]/g, " ").toLowerCase();
  }

  var items = Array.prototype.slice.call(document.querySelectorAll(".portal-catalogue [data-action]")).map(function (card) {
    var values = {};
    facets.forEach(function (facet) {
      values[facet] = (card.getAttribute("data-" + facet) || "").split(" ").filter(Boolean);
    });
    return {
      card: card,
      values: values,
      text: fold(card.textContent),
      free: card.getAttribute("data-gratuit") === "1",
      bookable: card.getAttribute("data-reservable") === "1"
    };
  });

  function read() {
    var state = { q: fold(form.elements.q.value.trim()), gratuit: form.elements.gratuit.checked, reservable: form.elements.reservable.checked, chosen: {} };
    facets.forEach(function (facet) { state.chosen[facet] = []; });
    boxes.forEach(function (box) { if (box.checked) state.chosen[box.name].push(box.value); });
    return state;
  }

  // Within a facet values are alternatives (OR); facets combine (AND). `skip` leaves one facet out,
  // which gives the count each of its values would show if chosen.
  function matches(item, state, skip) {
    if (state.gratuit && !item.free) return false;
    if (state.reservable && !item.bookable) return false;
    if (state.q && state.q.split(/\s+/).some(function (word) { return item.text.indexOf(word) < 0; })) return false;
    return facets.every(function (facet) {
      var chosen = state.chosen[facet];
      return facet === skip || chosen.length === 0 || chosen.some(function (v) { return item.values[facet].indexOf(v) >= 0; });
    });
  }

  function apply(state) {
    var shown = 0;
    items.forEach(function (item) {
      var visible = matches(item, state, null);
      item.card.hidden = !visible;
      if (visible) shown += 1;
    });
    groups.forEach(function (group) {
      group.hidden = !group.querySelector("[data-action]:not([hidden])");
    });
    boxes.forEach(function (box) {
      var n = 0;
      items.forEach(function (item) {
        if (item.values[box.name].indexOf(box.value) >= 0 && matches(item, state, box.name)) n += 1;
      });
      var badge = form.querySelector('[data-count="' + box.name + ":" + box.value + '"]');
      if (badge) badge.textContent = "(" + n + ")";
    });
    form.querySelectorAll("details.portal-facet").forEach(function (details) {
      var chosen = details.querySelectorAll("input:checked").length;
      var summary = details.querySelector("summary");
      if (!summary.hasAttribute("data-label")) summary.setAttribute("data-label", summary.textContent);
      summary.textContent = summary.getAttribute("data-label") + (chosen ? " (" + chosen + " choisi" + (chosen > 1 ? "s" : "") + ")" : "");
    });
    countLine.textContent = shown === 0 ? "Aucune action ne correspond à ces filtres"
      : shown + (shown > 1 ? " actions correspondent" : " action correspond") + " à votre recherche";
  }

  function toQuery(state) {
    var params = new URLSearchParams();
    facets.forEach(function (facet) { state.chosen[facet].forEach(function (v) { params.append(facet, v); }); });
    if (form.elements.q.value.trim()) params.set("q", form.elements.q.value.trim());
    if (state.gratuit) params.set("gratuit", "1");
    if (state.reservable) params.set("reservable", "1");
    var query = params.toString();
    return query ? "?" + query : location.pathname;
  }

  function fromQuery() {
    var params = new URLSearchParams(location.search);
    boxes.forEach(function (box) { box.checked = params.getAll(box.name).indexOf(box.value) >= 0; });
    form.elements.q.value = params.get("q") || "";
    form.elements.gratuit.checked = params.get("gratuit") === "1";
    form.elements.reservable.checked = params.get("reservable") === "1";
  }

  // A choice is a step the back button undoes; typing only updates the current step.
  form.addEventListener("change", function (event) {
    if (event.target.name === "q") return;
    var state = read();
    apply(state);
    history.pushState(null, "", toQuery(state));
  });
  form.addEventListener("input", function (event) {
    if (event.target.name !== "q") return;
    var state = read();
    apply(state);
    history.replaceState(null, "", toQuery(state));
  });
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  form.addEventListener("reset", function () {
    setTimeout(function () { var state = read(); apply(state); history.pushState(null, "", toQuery(state)); }, 0);
  });
  window.addEventListener("popstate", function () { fromQuery(); apply(read()); });

  form.hidden = false;
  fromQuery();
  apply(read());
})();
