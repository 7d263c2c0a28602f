/* Catalogue filters (/actions/): facets in the URL query, counts per value, result announced.
   The server prints the page in its final layout (form, counts for no filter, count line): this
   script only hides cards and rewrites counts, and does nothing at load unless the address
   carries filters. Without JavaScript every action is listed, grouped by campus. */
(function () {
  "use strict";
  var form = document.getElementById("catalogue-filtres");
  if (!form) return;
  var countLine = document.getElementById("catalogue-count");
  var initialCount = countLine.textContent;
  var groups = Array.prototype.slice.call(document.querySelectorAll(".portal-group"));
  var boxes = Array.prototype.slice.call(form.querySelectorAll("input[data-facet]"));
  var facets = [];
  var badges = {};
  var chosenBadges = {};
  boxes.forEach(function (box) {
    if (facets.indexOf(box.name) < 0) facets.push(box.name);
    badges[box.name + ":" + box.value] = form.querySelector('[data-count="' + box.name + ":" + box.value + '"]');
  });
  facets.forEach(function (facet) { chosenBadges[facet] = form.querySelector('[data-chosen="' + facet + '"]'); });

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
      text: null, // folded on the first text search: nothing to do at load
      free: card.getAttribute("data-gratuit") === "1",
      bookable: card.getAttribute("data-reservable") === "1"
    };
  });

  function read() {
    var state = { q: fold(form.elements.q.value.trim()), gratuit: form.elements.gratuit.checked, reservable: form.elements.reservable.checked, chosen: {}, any: false };
    facets.forEach(function (facet) { state.chosen[facet] = []; });
    boxes.forEach(function (box) { if (box.checked) { state.chosen[box.name].push(box.value); state.any = true; } });
    state.any = state.any || state.q !== "" || state.gratuit || state.reservable;
    return state;
  }

  function passesOthers(item, state) {
    if (state.gratuit && !item.free) return false;
    if (state.reservable && !item.bookable) return false;
    if (state.q) {
      if (item.text === null) item.text = fold(item.card.textContent);
      var words = state.q.split(/\s+/);
      for (var i = 0; i < words.length; i += 1) if (item.text.indexOf(words[i]) < 0) return false;
    }
    return true;
  }

  // Within a facet values are alternatives (OR); facets combine (AND). A value's count is the
  // number of actions it would show if chosen: those that pass every other facet. One pass over
  // the actions: an action failing no facet counts for all its values, failing one facet only
  // for that facet's values, failing two or more for none.
  function apply(state) {
    var shown = 0;
    var counts = {};
    items.forEach(function (item) {
      var failed = [];
      if (passesOthers(item, state)) {
        for (var f = 0; f < facets.length && failed.length < 2; f += 1) {
          var chosen = state.chosen[facets[f]];
          if (chosen.length && !chosen.some(function (v) { return item.values[facets[f]].indexOf(v) >= 0; })) failed.push(facets[f]);
        }
      } else {
        failed = [null, null];
      }
      var visible = failed.length === 0;
      if (item.card.hidden === visible) item.card.hidden = !visible;
      if (visible) shown += 1;
      if (failed.length < 2) {
        facets.forEach(function (facet) {
          if (failed.length === 1 && failed[0] !== facet) return;
          item.values[facet].forEach(function (v) { var k = facet + ":" + v; counts[k] = (counts[k] || 0) + 1; });
        });
      }
    });
    groups.forEach(function (group) {
      var hide = !group.querySelector("[data-action]:not([hidden])");
      if (group.hidden !== hide) group.hidden = hide;
    });
    Object.keys(badges).forEach(function (key) {
      var text = "(" + (counts[key] || 0) + ")";
      if (badges[key] && badges[key].textContent !== text) badges[key].textContent = text;
    });
    facets.forEach(function (facet) {
      var n = state.chosen[facet].length;
      if (chosenBadges[facet]) chosenBadges[facet].textContent = n ? "(" + n + " choisi" + (n > 1 ? "s" : "") + ")" : "";
    });
    countLine.textContent = !state.any ? initialCount
      : shown === 0 ? "Aucune action ne correspond à ces filtres"
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

  // Only an address with filters changes anything at load (a shared link, a reload).
  if (location.search) {
    fromQuery();
    var state = read();
    if (state.any) apply(state);
  }
})();
