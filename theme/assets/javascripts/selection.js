/* « Ma sélection »: the « Garder » buttons of the catalogue's cards and of the action pages keep
   an action's slug in this browser's localStorage only (nothing is sent anywhere). The selection
   page (/actions/selection/) shows the kept actions, or the list its address carries
   (?a=slug1,slug2), and gives the address to share. Its every action is in the page, hidden:
   this script only shows them. */
(function () {
  "use strict";
  var buttons = Array.prototype.slice.call(document.querySelectorAll("button[data-keep]"));
  var page = document.querySelector(".portal-selection");
  if (!buttons.length && !page) return;
  // One portal per key, even when several live on one host under sub-paths.
  var script = document.currentScript;
  var root = script ? new URL("../../", script.src).pathname : "/";
  var KEY = "portal-selection:" + root;

  function stored() {
    try {
      var list = JSON.parse(localStorage.getItem(KEY) || "[]");
      return Array.isArray(list) ? list.filter(function (s) { return typeof s === "string"; }) : [];
    } catch (error) {
      return [];
    }
  }
  function store(list) {
    try { localStorage.setItem(KEY, JSON.stringify(list)); } catch (error) { /* private mode: the page still works */ }
  }

  // Told to screen readers; off-screen, so that it moves nothing.
  var live = document.createElement("p");
  live.className = "portal-sr-only";
  live.setAttribute("role", "status");
  document.body.appendChild(live);

  function refresh(list) {
    buttons.forEach(function (button) {
      var kept = list.indexOf(button.getAttribute("data-keep")) >= 0 ? "true" : "false";
      if (button.getAttribute("aria-pressed") !== kept) button.setAttribute("aria-pressed", kept);
    });
  }

  buttons.forEach(function (button) {
    button.addEventListener("click", function () {
      var slug = button.getAttribute("data-keep");
      var list = stored();
      var at = list.indexOf(slug);
      if (at >= 0) list.splice(at, 1); else list.push(slug);
      store(list);
      refresh(list);
      live.textContent = (at >= 0 ? "Retirée de votre sélection" : "Gardée dans votre sélection") +
        " (" + list.length + " action" + (list.length > 1 ? "s" : "") + ")";
      if (page && !shared) show(list);
    });
  });
  refresh(stored());

  if (!page) return;
  var items = {};
  Array.prototype.slice.call(page.querySelectorAll("[data-pick]")).forEach(function (item) {
    items[item.getAttribute("data-pick")] = item;
  });
  var status = document.getElementById("selection-status");
  var tools = document.querySelector("[data-selection-tools]");
  var address = document.getElementById("selection-url");
  var keepAll = document.querySelector("[data-selection-keep]");
  var param = new URLSearchParams(location.search).get("a");
  var shared = param !== null;

  function known(list) {
    var seen = {};
    return list.filter(function (slug) {
      if (!items[slug] || seen[slug]) return false;
      seen[slug] = true;
      return true;
    });
  }

  function show(list) {
    list = known(list);
    Object.keys(items).forEach(function (slug) { items[slug].hidden = list.indexOf(slug) < 0; });
    list.forEach(function (slug) { page.appendChild(items[slug]); }); // in the order kept
    var n = list.length;
    status.textContent = n === 0
      ? "Aucune action dans " + (shared ? "cette liste" : "votre sélection") + " : gardez des actions depuis le catalogue."
      : n + " action" + (n > 1 ? "s" : "") + (shared ? " dans la liste partagée" : " dans votre sélection");
    // Shown or not, the tools keep their room: nothing below them moves.
    tools.classList.toggle("is-empty", n === 0);
    tools.classList.toggle("is-shared", shared && n > 0);
    var url = new URL(location.href);
    url.search = n ? "?a=" + list.join(",") : "";
    url.hash = "";
    address.value = url.href;
  }

  document.querySelector("[data-selection-print]").addEventListener("click", function () { window.print(); });
  document.querySelector("[data-selection-copy]").addEventListener("click", function () {
    address.select();
    var done = function () { live.textContent = "Adresse copiée"; };
    if (navigator.clipboard) navigator.clipboard.writeText(address.value).then(done, function () {});
  });
  if (keepAll) {
    keepAll.addEventListener("click", function () {
      var list = stored();
      known(param.split(",")).forEach(function (slug) { if (list.indexOf(slug) < 0) list.push(slug); });
      store(list);
      refresh(list);
      live.textContent = "Liste gardée dans votre sélection (" + list.length + " actions)";
    });
  }
  show(shared ? param.split(",") : stored());
})();
