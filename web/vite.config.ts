// The dashboard's build: Preact's JSX through Vite's own transform (no framework plugin), hashed file names
// under assets/ (served immutable by `microfactor serve`), no source maps in the bundle the server ships.
import { defineConfig } from 'vite';

export default defineConfig({
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: {
    target: 'es2022',
    outDir: 'dist',
    assetsDir: 'assets',
    sourcemap: false,
  },
  server: {
    // `npm run dev`: the API of a `microfactor serve` running on 8080.
    proxy: { '/v1': 'http://127.0.0.1:8080' },
  },
});
