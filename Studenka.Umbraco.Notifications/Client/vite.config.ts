import { defineConfig } from 'vitest/config';

// One ES module; the backoffice supplies @umbraco-cms/* (and Lit through it) via its import map.
export default defineConfig({
  build: {
    lib: { entry: 'src/index.ts', formats: ['es'], fileName: 'studenka-notifications' },
    outDir: '../wwwroot/App_Plugins/Studenka.Notifications',
    emptyOutDir: true,
    sourcemap: true,
    rollupOptions: { external: [/^@umbraco/] },
  },
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'node',
  },
});
