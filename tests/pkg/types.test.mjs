// The shipped TypeScript types: `tsc --noEmit` (strict, the package's own .d.ts checked
// too) compiles tests/pkg/consumer/*.ts against the packed tarball installed into an empty
// project, with moduleResolution "bundler" and "node16"; and a file of type errors must
// fail, each marked line with an error, so that types gone `any` are caught.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { copyFile, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { ROOT, pack, installInto, run, exists } from "./helpers.mjs";

const CONSUMER = join(ROOT, "tests/pkg/consumer");
const TSC = join(ROOT, "node_modules/typescript/bin/tsc");

const RESOLUTIONS = {
  bundler: { module: "esnext", moduleResolution: "bundler" },
  node16: { module: "node16", moduleResolution: "node16" },
};

let packed;
let project;
let hasWidgetTypes = false;

before(async () => {
  if (!(await exists(TSC))) throw new Error("typescript is not installed: run `npm ci` in the repository root");
  packed = await pack();
  project = await installInto(packed.tarball, "types");
  for (const name of ["consumer.ts", "widget.ts", "bad.ts"]) await copyFile(join(CONSUMER, name), join(project.dir, name));
  hasWidgetTypes = await exists(join(project.pkgDir, "widget.d.ts"));
});

after(async () => {
  await project?.cleanup();
  await packed?.cleanup();
});

/** Runs tsc on the given files with one resolution; resolves to {code, output}. */
async function tsc(files, resolution) {
  const config = {
    compilerOptions: {
      ...RESOLUTIONS[resolution],
      target: "es2022",
      lib: ["es2022", "dom", "dom.iterable"],
      strict: true,
      noEmit: true,
      skipLibCheck: false,
      types: [],
      isolatedModules: true,
      verbatimModuleSyntax: true,
    },
    files,
  };
  const name = `tsconfig.${resolution}.${files.map((f) => f.replace(/\.ts$/, "")).join("+")}.json`;
  await writeFile(join(project.dir, name), JSON.stringify(config, null, 2));
  try {
    const { stdout, stderr } = await run(process.execPath, [TSC, "-p", name, "--pretty", "false"], { cwd: project.dir });
    return { code: 0, output: stdout + stderr };
  } catch (err) {
    if (typeof err.code !== "number") throw err;
    return { code: err.code, output: (err.stdout || "") + (err.stderr || "") };
  }
}

for (const resolution of Object.keys(RESOLUTIONS)) {
  test(`consumer.ts (check, countWords, Report, Check, Status, CheckOptions, PrecheckWorker) compiles, moduleResolution ${resolution}`, async () => {
    const { code, output } = await tsc(["consumer.ts"], resolution);
    assert.equal(code, 0, `tsc failed:\n${output}`);
  });

  test(`widget.ts (<precheck-widget> typed as PrecheckWidget, the precheck-report event) compiles, moduleResolution ${resolution}`, async (t) => {
    if (!hasWidgetTypes) {
      t.skip("widget.d.ts is not in the package yet (js/widget.d.ts not written)");
      return;
    }
    const { code, output } = await tsc(["widget.ts"], resolution);
    assert.equal(code, 0, `tsc failed:\n${output}`);
  });

  test(`bad.ts fails to compile, with an error on every marked line and nowhere else, moduleResolution ${resolution}`, async () => {
    const source = await readFile(join(project.dir, "bad.ts"), "utf8");
    const marked = source.split("\n").flatMap((line, i) => (/\/\/ ERROR/.test(line) ? [i + 1] : []));
    assert.ok(marked.length >= 5);
    const { code, output } = await tsc(["bad.ts"], resolution);
    assert.notEqual(code, 0, "bad.ts compiled: the types accept what they must refuse");
    const errors = [...output.matchAll(/^(\S+)\((\d+),\d+\): error (TS\d+)/gm)].map((m) => ({ file: m[1], line: Number(m[2]), code: m[3] }));
    assert.ok(errors.every((e) => e.file === "bad.ts"), `errors outside bad.ts (in the package's own types?):\n${output}`);
    assert.deepEqual([...new Set(errors.map((e) => e.line))].sort((a, b) => a - b), marked, `tsc output:\n${output}`);
  });
}
