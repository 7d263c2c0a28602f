/* Agenda: what the build called "upcoming" is checked again against today's date in Paris, so
   that a site built days ago never shows a finished event as upcoming; on /agenda/, filters by
   campus and audience, kept in the URL. Without JavaScript the built lists stay as they are. */
(function () {
  "use strict";
  // Most pages have no event list: nothing to do, and no date formatter to build (it costs a
  // phone tens of milliseconds).
  if (!document.querySelector("[data-ends], #agenda-filtres")) return;
  var today = new Intl.DateTimeFormat("en-CA", {
    timeZone: "Europe/Paris", year: "numeric", month: "2-digit", day: "2-digit"
  }).format(new Date());  // "YYYY-MM-DD": compares as text

  function all(root, selector) {
    return Array.prototype.slice.call(root.querySelectorAll(selector));
  }

  // An event is over once its last day ("data-ends") is before today.
  all(document, "[data-upcoming] [data-ends]").forEach(function (item) {
    if (item.getAttribute("data-ends") < today) item.setAttribute("data-over", "");
  });

  var form = document.getElementById("agenda-filtres");
  var countLine = document.getElementById("agenda-count");
  var selects = form ? all(form, "select") : [];

  function visible(item) {
    if (item.hasAttribute("data-over")) return false;
    return selects.every(function (select) {
      var values = (item.getAttribute("data-" + select.name) || "").split(" ");
      return !select.value || values.indexOf(select.value) >= 0;
    });
  }

  function apply() {
    var shown = { upcoming: 0, past: 0 };
    all(document, "[data-event]").forEach(function (item) {
      item.hidden = !visible(item);
      if (!item.hidden) shown[item.closest("[data-upcoming]") ? "upcoming" : "past"] += 1;
    });
    all(document, "[data-group]").forEach(function (group) {
      group.hidden = !group.querySelector("[data-event]:not([hidden])");
    });
    all(document, ".portal-upcoming").forEach(function (section) {
      var none = section.querySelector("[data-none]");
      if (none) none.hidden = !!section.querySelector("[data-event]:not([hidden])");
    });
    if (form && countLine) {
      var filtered = selects.some(function (select) { return select.value; });
      countLine.textContent = !filtered ? "" :
        plural(shown.upcoming, "événement à venir", "événements à venir") + " et " +
        plural(shown.past, "événement passé", "événements passés") + " pour ces filtres";
    }
  }

  function plural(n, one, many) {
    return n + " " + (n > 1 ? many : one);
  }

  function toQuery() {
    var params = new URLSearchParams();
    selects.forEach(function (select) { if (select.value) params.set(select.name, select.value); });
    var query = params.toString();
    return query ? "?" + query : location.pathname;
  }

  function fromQuery() {
    var params = new URLSearchParams(location.search);
    selects.forEach(function (select) {
      var wanted = params.get(select.name) || "";
      var known = all(select, "option").some(function (option) { return option.value === wanted; });
      select.value = known ? wanted : "";
    });
  }

  if (form) {
    form.addEventListener("change", function () { apply(); history.pushState(null, "", toQuery()); });
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    window.addEventListener("popstate", function () { fromQuery(); apply(); });
    fromQuery();
  }
  apply();
})();
