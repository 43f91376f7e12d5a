// Prints what the first load of the dashboard costs: each script and stylesheet index.html loads, raw and
// gzip-compressed, the compressed JavaScript total (the budget is 300 KB), and the scripts loaded later (the
// charts). Usage: npm run size
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

const dist = path.join(path.dirname(new URL(import.meta.url).pathname), '..', 'dist');
const html = readFileSync(path.join(dist, 'index.html'), 'utf8');
const files = [...html.matchAll(/(?:src|href)="\/(assets\/[^"]+)"/g)].map((match) => match[1]);
let scriptBytes = 0;
for (const file of files) {
  const bytes = readFileSync(path.join(dist, file));
  const compressed = gzipSync(bytes, { level: 9 }).length;
  if (file.endsWith('.js')) scriptBytes += compressed;
  console.log(`${file}: ${(bytes.length / 1024).toFixed(1)} KB, ${(compressed / 1024).toFixed(1)} KB gzip`);
}
const budget = 300 * 1024;
console.log(`first-load JavaScript: ${(scriptBytes / 1024).toFixed(1)} KB gzip (budget ${budget / 1024} KB)`);
const later = readdirSync(path.join(dist, 'assets')).filter((file) => file.endsWith('.js') && !files.includes('assets/' + file));
for (const file of later) {
  const compressed = gzipSync(readFileSync(path.join(dist, 'assets', file)), { level: 9 }).length;
  console.log(`loaded when needed: assets/${file}: ${(compressed / 1024).toFixed(1)} KB gzip`);
}
process.exitCode = scriptBytes <= budget ? 0 : 1;
