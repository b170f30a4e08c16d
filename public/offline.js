// The offline page lists the pages this device keeps (the service worker's copies), newest
// first, so a family offline can still reach its bookings and the facilities it looked at.
// Plain script (no wasm): this page must work when nothing else can load.
(async () => {
  const list = document.getElementById('saved-pages');
  if (!list || !('caches' in self)) return;
  const cache = await caches.open('tuoyu-pages-v1');
  const keys = (await cache.keys()).reverse();
  const seen = new Set();
  for (const request of keys) {
    const url = new URL(request.url);
    if (url.origin !== location.origin || url.pathname.startsWith('/api/') || seen.has(url.href)) continue;
    const response = await cache.match(request);
    if (!response || !(response.headers.get('content-type') || '').startsWith('text/html')) continue;
    seen.add(url.href);
    const title = ((await response.text()).match(/<title[^>]*>([^<]*)<\/title>/) || [])[1] || url.pathname;
    const item = document.createElement('li');
    const link = document.createElement('a');
    link.href = url.pathname + url.search;
    // The title comes from our own page; textContent keeps it text whatever it holds.
    link.textContent = title.replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'");
    item.appendChild(link);
    list.appendChild(item);
  }
  if (list.children.length > 0) document.getElementById('saved-section').hidden = false;
})();
