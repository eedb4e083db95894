// Serves the page (www/) at / and the npm package (pkg/) at /precheck/ on 127.0.0.1,
// with the MIME types browsers insist on (.wasm as application/wasm, modules as
// JavaScript), the page's Content-Security-Policy as a header on every response, and CORS
// headers on the package's files so that another origin can load the widget from here.
// No dependencies: `node tools/serve.mjs [port]`.
import { createServer } from "node:http";
import { readFile, stat } from "node:fs/promises";
import { extname, join, normalize, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = resolve(fileURLToPath(new URL("..", import.meta.url)));
const MOUNTS = [
  ["/precheck/", join(ROOT, "pkg")],
  ["/", join(ROOT, "www")],
];
/** The content types browsers need (a .wasm must be application/wasm). */
export const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".wasm": "application/wasm",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".pdf": "application/pdf",
  ".txt": "text/plain; charset=utf-8",
  ".webmanifest": "application/manifest+json",
};

/**
 * The policy the page runs under, sent as a header with every file. The page's <meta> tag
 * carries the same policy but reaches only the document: a Web Worker (where PDFs are
 * parsed) and the service worker take the policy of their own script's response, so
 * without this header they could fetch anything and `eval` would work there.
 * 'wasm-unsafe-eval' lets the WebAssembly compile; connect-src 'self' is the .wasm's fetch.
 */
export const CSP = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join("; ");

/** Headers sent with every file. */
export const HEADERS = {
  "content-security-policy": CSP,
  "x-content-type-options": "nosniff",
  "cache-control": "no-cache",
};

/**
 * Headers the package's files (/precheck/) also get, so a venue can load the widget from
 * this server on a page of its own site, as from a CDN: a module script, the worker
 * script it imports and the .wasm it fetches from another origin are all CORS requests.
 * They carry no cookie and read nothing private, so any origin may have them.
 */
export const PACKAGE_HEADERS = {
  "access-control-allow-origin": "*",
  "cross-origin-resource-policy": "cross-origin",
  "timing-allow-origin": "*",
};

async function resolvePath(urlPath) {
  for (const [prefix, dir] of MOUNTS) {
    if (!urlPath.startsWith(prefix)) continue;
    const rel = decodeURIComponent(urlPath.slice(prefix.length)) || "index.html";
    const path = normalize(join(dir, rel));
    if (path !== dir && !path.startsWith(dir + sep)) return null;
    try {
      const s = await stat(path);
      return s.isDirectory() ? join(path, "index.html") : path;
    } catch {
      return null;
    }
  }
  return null;
}

/** Starts the server; resolves to {url, close}. Port 0 picks a free one. */
export function startServer({ port = 8080, host = "127.0.0.1" } = {}) {
  const server = createServer(async (req, res) => {
    const urlPath = new URL(req.url, "http://localhost").pathname;
    const headers = urlPath.startsWith("/precheck/") ? { ...HEADERS, ...PACKAGE_HEADERS } : HEADERS;
    if (req.method === "OPTIONS") {
      res.writeHead(204, { ...headers, "access-control-allow-methods": "GET, HEAD", "access-control-max-age": "86400" });
      res.end();
      return;
    }
    const path = await resolvePath(urlPath);
    if (!path) {
      res.writeHead(404, { ...headers, "content-type": "text/plain; charset=utf-8" });
      res.end("not found\n");
      return;
    }
    try {
      const body = await readFile(path);
      res.writeHead(200, { ...headers, "content-type": TYPES[extname(path)] || "application/octet-stream" });
      res.end(req.method === "HEAD" ? undefined : body);
    } catch {
      res.writeHead(404, headers);
      res.end();
    }
  });
  return new Promise((resolveStart, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      const { port: actual } = server.address();
      resolveStart({ url: `http://${host}:${actual}/`, close: () => new Promise((r) => server.close(r)) });
    });
  });
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const port = Number(process.argv[2] || process.env.PORT || 8080);
  const { url } = await startServer({ port });
  console.log(`precheck: serving www/ at ${url} (the package at ${url}precheck/); Ctrl-C stops`);
}
