// Offline support for the pre-check page. On install it stores the page and the checker
// (the package served at ./precheck/: the <precheck-widget> element, its worker and the
// wasm); afterwards every request for the page's own files goes to the network first, so
// a fresh copy wins, and falls back to the stored one when the network is not there.
// Nothing else is fetched, and nothing the author gives the page (the PDF, the abstract)
// ever passes through here: those stay in memory.

const CACHE = "precheck-page-v2";
const FILES = [
  "./",
  "./index.html",
  "./app.js",
  "./style.css",
  "./favicon.svg",
  "./precheck/widget.js",
  "./precheck/index.js",
  "./precheck/worker.js",
  "./precheck/worker-script.js",
  "./precheck/wasm/precheck.js",
  "./precheck/wasm/precheck_bg.wasm",
];

self.addEventListener("install", (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE);
      // One missing file (e.g. no favicon) must not stop the others from being stored.
      await Promise.all(
        FILES.map(async (path) => {
          const url = new URL(path, self.registration.scope);
          try {
            const response = await fetch(url, { cache: "no-cache" });
            if (response.ok) await cache.put(url, response);
          } catch {
            /* offline while installing: the next visit tries again */
          }
        }),
      );
      await self.skipWaiting();
    })(),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      for (const key of await caches.keys()) {
        if (key.startsWith("precheck-page-") && key !== CACHE) await caches.delete(key);
      }
      await self.clients.claim();
    })(),
  );
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  event.respondWith(networkFirst(request));
});

async function networkFirst(request) {
  const cache = await caches.open(CACHE);
  try {
    const response = await fetch(request);
    if (response.ok && response.type === "basic") {
      cache.put(request, response.clone()).catch(() => {});
    }
    return response;
  } catch (err) {
    const stored = await cache.match(request, { ignoreSearch: true });
    if (stored) return stored;
    if (request.mode === "navigate") {
      const page = await cache.match(new URL("./", self.registration.scope));
      if (page) return page;
    }
    throw err;
  }
}
