// Compiles the themed stylesheet and copies the design system's browser assets into dist/assets.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import * as sass from 'sass';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const out = path.join(root, 'dist', 'assets');
const govuk = path.join(root, 'node_modules', 'govuk-frontend', 'dist', 'govuk');

fs.mkdirSync(out, { recursive: true });
const css = sass.compile(path.join(root, 'src/platform/views/assets/congso.scss'), {
  style: 'compressed',
  importers: [new sass.NodePackageImporter(root)],
  silenceDeprecations: ['import'],
  quietDeps: true,
});
fs.writeFileSync(path.join(out, 'congso.css'), css.css);
fs.copyFileSync(path.join(govuk, 'govuk-frontend.min.js'), path.join(out, 'govuk-frontend.min.js'));
fs.copyFileSync(path.join(root, 'src/platform/views/assets/congso.js'), path.join(out, 'congso.js'));
// The article editor (Trix) and the script that puts it over the body's textarea; served from 'self' for the CSP.
const trix = path.join(root, 'node_modules', 'trix', 'dist');
fs.copyFileSync(path.join(trix, 'trix.umd.min.js'), path.join(out, 'trix.umd.min.js'));
fs.copyFileSync(path.join(trix, 'trix.css'), path.join(out, 'trix.css'));
fs.copyFileSync(path.join(root, 'src/portal/articles/assets/article-editor.js'), path.join(out, 'article-editor.js'));
fs.copyFileSync(path.join(root, 'src/portal/articles/assets/article-editor.css'), path.join(out, 'article-editor.css'));
// The dashboard charts: Chart.js bundled with the script that draws them from the figure tables.
await esbuild.build({
  entryPoints: [path.join(root, 'src/platform/views/assets/charts.js')],
  bundle: true,
  minify: true,
  format: 'esm',
  target: 'es2020',
  outfile: path.join(out, 'charts.js'),
  logLevel: 'warning',
});
fs.cpSync(path.join(govuk, 'assets'), path.join(out, 'govuk'), { recursive: true });
console.log(`assets → ${path.relative(root, out)} (${Math.round(css.css.length / 1024)} KiB css)`);
