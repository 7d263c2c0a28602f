// Full-text search (Pagefind's components, loaded by theme/main.html). The header's dialog and
// the /recherche/ page are two instances; /recherche/?q=… runs the query it carries, so a link
// or a plain form can lead to results.
document.addEventListener("DOMContentLoaded", () => {
  const components = window.PagefindComponents;
  if (!components) return;
  const manager = components.getInstanceManager();
  // Pagefind's French says « Nettoyer », and its input shows the English « Clear » until then.
  const words = { clear_search: "Effacer" };
  manager.getInstance("default").setTranslations(words);
  const query = new URLSearchParams(window.location.search).get("q");
  if (query && document.querySelector(".portal-search")) {
    manager.getInstance("default").triggerSearch(query);
  }
});
