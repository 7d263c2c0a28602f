// Full-text search (Pagefind's components), loaded only when a search opens: the header's
// trigger is clicked or focused, or the page is /recherche/ (theme/fragments/search.html). Until
// then the header shows a stand-in button of the same size (theme/assets/stylesheets/
// catalogue.css), so that no page pays for Pagefind's 175 kB of script it may never use.
// /recherche/?q=… runs the query it carries, so a link or a plain form can lead to results.
(function () {
  "use strict";
  // theme/main.html gives the bundle's address, relative to the page: it keeps working when the
  // portal lives under a sub-path. Without it, search is off.
  var meta = document.querySelector('meta[name="portal-search"]');
  if (!meta) return;
  var bundle = new URL(meta.content, document.baseURI).href;
  var loading = null;

  function setup() {
    var components = window.PagefindComponents;
    if (!components) return;
    var manager = components.getInstanceManager();
    // A large portal's index is split in bundles (generator/search.py): every instance searches
    // the first one and merges the others. The instances load Pagefind on their first search,
    // which reads this option then.
    var extra = document.querySelector('meta[name="portal-search-bundles"]');
    if (extra) {
      var merged = extra.content.split(" ").filter(Boolean).map(function (path) {
        return { bundlePath: new URL(path, document.baseURI).pathname };
      });
      manager.getInstanceNames().forEach(function (name) {
        manager.getInstance(name).options.mergeIndex = merged;
      });
    }
    // Pagefind's French says « Nettoyer », and its input shows the English « Clear » until then.
    manager.getInstance("default").setTranslations({ clear_search: "Effacer" });
    var query = new URLSearchParams(window.location.search).get("q");
    if (query && document.querySelector(".portal-search")) {
      manager.getInstance("default").triggerSearch(query);
    }
  }

  function load() {
    if (loading) return loading;
    loading = new Promise(function (resolve, reject) {
      var style = document.createElement("link");
      style.rel = "stylesheet";
      style.href = bundle + "pagefind-component-ui.css";
      document.head.appendChild(style);
      // A classic script: Pagefind finds its bundle from the script's own address.
      var script = document.createElement("script");
      script.src = bundle + "pagefind-component-ui.js";
      script.onload = function () { resolve(); };
      script.onerror = reject;
      document.head.appendChild(script);
    }).then(setup);
    return loading;
  }

  // Opens the header's dialog once Pagefind has drawn its own trigger in place of the stand-in.
  function open(trigger, tries) {
    var button = trigger.querySelector("button:not(.portal-search-stub)");
    var modal = trigger.instance && trigger.instance.getUtilities && trigger.instance.getUtilities("modal");
    if (button && modal && modal.length) {
      button.focus();
      button.click();
    } else if (tries > 0) {
      requestAnimationFrame(function () { open(trigger, tries - 1); });
    }
  }

  function stub(trigger) {
    var button = document.createElement("button");
    button.type = "button";
    button.className = "portal-search-stub";
    button.setAttribute("aria-haspopup", "dialog");
    button.setAttribute("aria-label", trigger.getAttribute("placeholder") || "Rechercher");
    var icon = document.createElement("span");
    icon.className = "portal-search-stub__icon";
    icon.setAttribute("aria-hidden", "true");
    var text = document.createElement("span");
    text.textContent = trigger.getAttribute("placeholder") || "Rechercher";
    button.appendChild(icon);
    button.appendChild(text);
    button.addEventListener("focus", load);
    button.addEventListener("pointerenter", load);
    button.addEventListener("click", function () {
      load().then(function () { open(trigger, 120); });
    });
    trigger.appendChild(button);
  }

  if (document.querySelector(".portal-search")) {
    load();
  } else {
    document.querySelectorAll("pagefind-modal-trigger").forEach(function (trigger) {
      if (!trigger.firstElementChild) stub(trigger);
    });
  }
})();
