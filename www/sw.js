// Offline support for the pre-check page. On install it stores the page and the checker
// (the package served at ./precheck/: the <precheck-widget> element, its worker and the
// wasm); afterwards a request for one of those files goes to the network first, so a
// fresh copy wins, and falls back to the stored one when the network is not there.
// Only the files listed below are stored, each under its address without the query
// (`app.js?v=2` is `app.js`): the cache holds these eleven responses and never grows.
// Any other request is left to the browser. Nothing the author gives the page (the PDF,
// the abstract) ever passes through here: those stay in memory.

const CACHE = "precheck-page-v4";
const FILES = [
  "./",
  "./index.html",
  "./app.js",
  "./style.css",
  "./favicon.svg",
  "./precheck/widget.js",
  "./precheck/report-markdown.js",
  "./precheck/index.js",
  "./precheck/worker.js",
  "./precheck/worker-script.js",
  "./precheck/wasm/precheck.js",
  "./precheck/wasm/precheck_bg.wasm",
];
const OWN = new Set(FILES.map((path) => new URL(path, self.registration.scope).href));

/** The stored address of a request for one of the page's own files, or null for any other. */
function ownFile(url) {
  const u = new URL(url);
  u.search = "";
  u.hash = "";
  return OWN.has(u.href) ? u.href : null;
}

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
  const key = ownFile(request.url);
  if (!key) return; // not one of the page's files: not stored, not answered from here
  event.respondWith(networkFirst(request, key));
});

async function networkFirst(request, key) {
  const cache = await caches.open(CACHE);
  try {
    const response = await fetch(request);
    if (response.ok && response.type === "basic") {
      cache.put(key, response.clone()).catch(() => {});
    }
    return response;
  } catch (err) {
    const stored = await cache.match(key);
    if (stored) return stored;
    throw err;
  }
}
