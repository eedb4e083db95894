// Assembles the npm package in pkg/: the wasm-bindgen output (pkg/wasm/, written by
// `make pkg` before this runs), the JavaScript in js/, package.json with the crate's
// version, the README and the license.
import { copyFile, mkdir, readFile, readdir, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = resolve(fileURLToPath(new URL("..", import.meta.url)));
const PKG = join(ROOT, "pkg");
const cargo = await readFile(join(ROOT, "Cargo.toml"), "utf8");
const version = /^version\s*=\s*"([^"]+)"/m.exec(cargo)?.[1] ?? "0.0.0";

await mkdir(PKG, { recursive: true });
// Every file the package ships, in a stable order: js/ as it is (the widget's modules in
// js/widget/), then the wasm-bindgen output. package.json lists them one by one, and the
// page's service worker reads that list to know what to keep for offline use.
const shipped = [];
async function copyTree(from, to, rel = "") {
  for (const entry of (await readdir(from, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name))) {
    const name = entry.name;
    if (entry.isDirectory()) {
      await mkdir(join(to, name), { recursive: true });
      await copyTree(join(from, name), join(to, name), `${rel}${name}/`);
    } else if (name.endsWith(".js") || name.endsWith(".d.ts") || (name === "README.md" && !rel)) {
      let text = await readFile(join(from, name), "utf8");
      if (!rel && name === "index.js") text = text.replace('const VERSION = "0.0.0-dev";', `const VERSION = ${JSON.stringify(version)};`);
      await writeFile(join(to, name), text);
      if (name !== "README.md") shipped.push(`${rel}${name}`);
    }
  }
}
await copyTree(join(ROOT, "js"), PKG);

// widget.min.js: the widget and the modules it imports as one minified file, beside the
// readable modules, for venues that load it from elsewhere: one request instead of twelve
// in three round trips, and 26 KB gzipped instead of 45 KB. Its worker script and the
// .wasm are still found next to it (the bundle keeps `new URL(..., import.meta.url)`).
const { build } = await import("esbuild");
await build({
  entryPoints: [join(PKG, "widget.js")],
  outfile: join(PKG, "widget.min.js"),
  bundle: true,
  minify: true,
  format: "esm",
  target: "es2022",
  legalComments: "none",
  banner: { js: `/* precheck ${version}: <precheck-widget>, widget.js and its modules minified into one file. MIT. */` },
  logLevel: "warning",
});
shipped.push("widget.min.js");
for (const name of (await readdir(join(PKG, "wasm"))).sort()) {
  if (/\.(js|d\.ts|wasm)$/.test(name)) shipped.push(`wasm/${name}`);
}
await copyFile(join(ROOT, "LICENSE"), join(PKG, "LICENSE")).catch(() => {});

const manifest = {
  name: "precheck",
  version,
  description: "Check a paper submission against a call for papers (page size and limit, margins, fonts, template, abstract, recency) in the browser or Node, nothing uploaded",
  license: "MIT",
  type: "module",
  main: "./index.js",
  types: "./index.d.ts",
  exports: {
    ".": { types: "./index.d.ts", default: "./index.js" },
    "./worker": { types: "./worker.d.ts", default: "./worker.js" },
    "./widget": { types: "./widget.d.ts", default: "./widget.js" },
    "./widget.min.js": { types: "./widget.d.ts", default: "./widget.min.js" },
    "./package.json": "./package.json",
  },
  files: [...shipped, "README.md", "LICENSE"],
  sideEffects: ["./widget.js", "./widget.min.js", "./widget/define.js"],
  engines: { node: ">=18" },
  keywords: ["pdf", "neurips", "openreview", "submission", "webassembly"],
};
await writeFile(join(PKG, "package.json"), JSON.stringify(manifest, null, 2) + "\n");
console.log(`pkg/: precheck ${version}`);
