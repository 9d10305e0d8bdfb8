import { defineConfig } from "vitest/config";

// Preact's JSX through esbuild: no Babel, no plugin. The server serves dist/ and
// its hashed /assets/ files; during `npm run dev` the API is proxied to it.
export default defineConfig({
  esbuild: { jsx: "automatic", jsxImportSource: "preact" },
  build: {
    outDir: "dist",
    assetsDir: "assets",
    target: "es2020",
    modulePreload: { polyfill: false },
  },
  server: {
    proxy: {
      "/api": "http://127.0.0.1:8000",
      "/static": "http://127.0.0.1:8000",
      "/fonts": "http://127.0.0.1:8000",
    },
  },
  test: {
    include: ["tests/**/*.test.ts"],
    environment: "node",
  },
});
