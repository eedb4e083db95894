// The benchmark page's server, on 127.0.0.1 only: bench/web/ at /bench/, the npm package
// (pkg/) at /precheck/, pdfjs-dist (node_modules/pdfjs-dist) at /pdfjs/, and the PDFs
// under test at /files/<n>.pdf. No dependencies beyond tools/serve.mjs's MIME table.
import { createServer } from "node:http";
import { readFile, stat } from "node:fs/promises";
import { extname, join, normalize, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { TYPES } from "../tools/serve.mjs";

const ROOT = fileURLToPath(new URL("..", import.meta.url));

/** Starts the server for `files` (paths); resolves to {url, fileUrl(i), close}. */
export function startBenchServer(files, { port = 0 } = {}) {
  const mounts = [
    ["/bench/", join(ROOT, "bench/web")],
    ["/precheck/", join(ROOT, "pkg")],
    ["/pdfjs/", join(ROOT, "node_modules/pdfjs-dist")],
  ];
  async function resolvePath(urlPath) {
    const m = /^\/files\/(\d+)\.pdf$/.exec(urlPath);
    if (m) return files[Number(m[1])] ?? null;
    for (const [prefix, dir] of mounts) {
      if (!urlPath.startsWith(prefix)) continue;
      const rel = decodeURIComponent(urlPath.slice(prefix.length)) || "index.html";
      const path = normalize(join(dir, rel));
      if (!path.startsWith(dir + sep)) return null;
      try {
        const s = await stat(path);
        return s.isDirectory() ? join(path, "index.html") : path;
      } catch {
        return null;
      }
    }
    return null;
  }
  const server = createServer(async (req, res) => {
    const path = await resolvePath(new URL(req.url, "http://localhost").pathname);
    try {
      if (!path) throw new Error("not found");
      const body = await readFile(path);
      res.writeHead(200, { "content-type": TYPES[extname(path)] || "application/octet-stream", "cache-control": "no-cache" });
      res.end(body);
    } catch {
      res.writeHead(404, { "content-type": "text/plain; charset=utf-8" });
      res.end("not found\n");
    }
  });
  return new Promise((resolveStart, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => {
      const url = `http://127.0.0.1:${server.address().port}/`;
      resolveStart({ url, fileUrl: (i) => `${url}files/${i}.pdf`, close: () => new Promise((r) => server.close(r)) });
    });
  });
}
