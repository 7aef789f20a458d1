import { defineConfig } from "vitest/config";

// The UI is served by Tauri's custom protocol from ui/dist; no dev server is needed to run the app.
export default defineConfig({
  clearScreen: false,
  esbuild: { jsx: "automatic" },
  build: {
    target: "safari15",
    outDir: "dist",
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
    rollupOptions: {
      // The network graph renders in its own frame (see src/frame/networkFrame.ts).
      input: { main: "index.html", networkFrame: "network-frame.html" },
      onwarn(warning, warn) {
        // Libraries mark React Server Components with "use client"; meaningless in a desktop app.
        if (warning.code === "MODULE_LEVEL_DIRECTIVE") return;
        warn(warning);
      },
    },
  },
  test: {
    include: ["src/**/*.test.ts"],
    environment: "node",
  },
});
