// What a Vite app using precheck needs: keep the package out of the dev server's
// dependency pre-bundling, which moves its modules away from the worker script and the
// .wasm they find next to themselves (import.meta.url). `vite build` needs nothing.
export default {
  optimizeDeps: { exclude: ["precheck"] },
};
