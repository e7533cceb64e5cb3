import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// Builds the renderer into dist/renderer; the Electron shell and the headless server both serve it.
export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react()],
  build: { outDir: '../dist/renderer', emptyOutDir: true, sourcemap: true },
});
