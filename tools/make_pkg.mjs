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
for (const name of await readdir(join(ROOT, "js"))) {
  if (name.endsWith(".js") || name.endsWith(".d.ts") || name === "README.md") {
    let text = await readFile(join(ROOT, "js", name), "utf8");
    if (name === "index.js") text = text.replace('const VERSION = "0.0.0-dev";', `const VERSION = ${JSON.stringify(version)};`);
    await writeFile(join(PKG, name), text);
  }
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
    "./package.json": "./package.json",
  },
  files: ["index.js", "index.d.ts", "worker.js", "worker.d.ts", "worker-script.js", "widget.js", "widget.d.ts", "report-markdown.js", "wasm/", "README.md", "LICENSE"],
  sideEffects: ["./widget.js"],
  engines: { node: ">=18" },
  keywords: ["pdf", "neurips", "openreview", "submission", "webassembly"],
};
await writeFile(join(PKG, "package.json"), JSON.stringify(manifest, null, 2) + "\n");
console.log(`pkg/: precheck ${version}`);
