// Full-text search (Pagefind's components, loaded by theme/main.html). The header's dialog and
// the /recherche/ page are two instances; /recherche/?q=… runs the query it carries, so a link
// or a plain form can lead to results.
document.addEventListener("DOMContentLoaded", () => {
  const components = window.PagefindComponents;
  if (!components) return;
  const manager = components.getInstanceManager();
  // A large portal's index is split in bundles (generator/search.py): every instance searches
  // the first one and merges the others. The instances exist already (their elements are in
  // the page) and load Pagefind on their first search, which reads this option then.
  const extra = document.querySelector('meta[name="portal-search-bundles"]');
  if (extra) {
    const merged = extra.content.split(" ").filter(Boolean)
      .map((path) => ({ bundlePath: new URL(path, document.baseURI).pathname }));
    for (const name of manager.getInstanceNames()) {
      manager.getInstance(name).options.mergeIndex = merged;
    }
  }
  // Pagefind's French says « Nettoyer », and its input shows the English « Clear » until then.
  const words = { clear_search: "Effacer" };
  manager.getInstance("default").setTranslations(words);
  const query = new URLSearchParams(window.location.search).get("q");
  if (query && document.querySelector(".portal-search")) {
    manager.getInstance("default").triggerSearch(query);
  }
});
