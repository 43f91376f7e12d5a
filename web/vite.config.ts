// The dashboard's build: Preact's JSX through Vite's own transform (no framework plugin), hashed file names
// under assets/ (served immutable by `microfactor serve`), no source maps in the bundle the server ships, and
// a gzip copy beside each text file (x.js.gz) that the server sends to browsers that accept gzip.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { defineConfig, type Plugin } from 'vite';

function gzipCopies(): Plugin {
  return {
    name: 'microfactor-gzip-copies',
    apply: 'build',
    writeBundle(options, bundle) {
      for (const name of Object.keys(bundle)) {
        if (!/\.(html|js|css|svg|json)$/.test(name)) continue;
        const file = path.join(options.dir ?? 'dist', name);
        const bytes = readFileSync(file);
        const compressed = gzipSync(bytes, { level: 9 });
        if (compressed.length < bytes.length) writeFileSync(file + '.gz', compressed);
      }
    },
  };
}

export default defineConfig({
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  plugins: [gzipCopies()],
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
