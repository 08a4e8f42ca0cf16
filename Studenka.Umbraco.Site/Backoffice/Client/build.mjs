// Bundles the real Umbraco backoffice client (@umbraco-cms/backoffice, dist-cms) for the Site.
//
// dist-cms is unbundled tsc output (~3,700 modules, bare npm imports the browser cannot resolve).
// One esbuild pass over its import-map targets (+ the app element) with code splitting gives
// ~900 files that keep the import-map names, so packages still import '@umbraco-cms/backoffice/*'.
// Output: ../../wwwroot/umbraco/backoffice/<version>-<input hash>/ (served immutable) and
// ../../wwwroot/umbraco/backoffice/importmap.json (read by the Site's boot page). Never committed.
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const here = dirname(fileURLToPath(import.meta.url));
const backoffice = join(here, 'node_modules/@umbraco-cms/backoffice');
const distCms = join(backoffice, 'dist-cms');
const { version } = JSON.parse(readFileSync(join(backoffice, 'package.json'), 'utf8'));
const served = '/umbraco/backoffice/';
const outRoot = resolve(here, '../../wwwroot/umbraco/backoffice');

// The prefix changes whenever what we bundle or how we bundle it changes, so `immutable` is true.
const inputs = ['package-lock.json', 'build.mjs', 'stub.cjs'].map((f) => readFileSync(join(here, f)));
const hash = createHash('sha256').update(Buffer.concat(inputs)).digest('hex').slice(0, 10);
const prefix = `${served}${version}-${hash}/`;
const outDir = join(outRoot, `${version}-${hash}`);

const { imports } = JSON.parse(readFileSync(join(distCms, 'umbraco-package.json'), 'utf8')).importmap;
const toSource = (url) => {
	if (!url.startsWith(served)) throw new Error(`Import map target outside ${served}: ${url}`);
	return url.slice(served.length);
};
const workerPath = 'packages/core/auth/workers/token-check.worker.js';
const entries = [...new Set([...Object.values(imports).map(toSource), 'apps/app/app.element.js', workerPath])];
for (const entry of entries) {
	if (!existsSync(join(distCms, entry))) throw new Error(`Missing in dist-cms: ${entry}`);
}

// Rich text (tiptap) and the code editor (monaco) are not used by the Site; they load a stub
// that throws only if something calls into it.
const stubbed = /^(@tiptap\/|monaco-editor)/;
const importMapSpecifier = /^@umbraco-cms\/backoffice\//;

/** @type {esbuild.Plugin} */
const sitePlugin = {
	name: 'studenka-backoffice',
	setup(build) {
		build.onResolve({ filter: stubbed }, () => ({ path: join(here, 'stub.cjs') }));
		// Inside the bundle the backoffice's own specifiers are the same modules, not a second copy.
		build.onResolve({ filter: importMapSpecifier }, (args) => {
			const target = imports[args.path];
			if (!target) throw new Error(`Not in the backoffice import map: ${args.path}`);
			return { path: join(distCms, toSource(target)) };
		});
		// The session-timeout worker is loaded by a URL relative to its module; after bundling the
		// module lives in a chunk elsewhere, so point it at the worker's fixed output path.
		build.onLoad({ filter: /auth-session-timeout\.controller\.js$/ }, (args) => {
			const source = readFileSync(args.path, 'utf8');
			const relativeUrl = "new URL('../workers/token-check.worker.js', import.meta.url)";
			if (!source.includes(relativeUrl)) throw new Error('The session-timeout worker URL changed; update build.mjs.');
			return { contents: source.replace(relativeUrl, `new URL(${JSON.stringify(prefix + workerPath)}, location.origin)`), loader: 'js' };
		});
	},
};

rmSync(outRoot, { recursive: true, force: true });
mkdirSync(outDir, { recursive: true });
const started = performance.now();
const result = await esbuild.build({
	absWorkingDir: here,
	entryPoints: entries.map((entry) => ({ in: join(distCms, entry), out: entry.replace(/\.js$/, '') })),
	outdir: outDir,
	bundle: true,
	splitting: true,
	format: 'esm',
	target: 'es2022',
	minify: true,
	legalComments: 'none',
	chunkNames: 'chunks/[name]-[hash]',
	plugins: [sitePlugin],
	logLevel: 'warning',
	metafile: true,
});

mkdirSync(join(outDir, 'css'), { recursive: true });
// Umbraco's own server ships umb-css.css from its Vite build; the npm package has none (the look is
// close). Ours holds only the body style Index.cshtml sets inline, which the CSP does not allow.
writeFileSync(join(outDir, 'css/umb-css.css'), 'body{margin:0;padding:0;overflow:hidden}\n');
cpSync(join(here, 'node_modules/@umbraco-ui/uui-css/dist/uui-css.css'), join(outDir, 'css/uui-css.css'));
cpSync(join(here, 'node_modules/@umbraco-ui/uui-css/assets'), join(outDir, 'assets'), { recursive: true });

const rewritten = Object.fromEntries(Object.entries(imports).map(([specifier, url]) => [specifier, prefix + toSource(url)]));
writeFileSync(
	join(outRoot, 'importmap.json'),
	JSON.stringify({ version, assets: prefix.slice(0, -1), app: `${prefix}apps/app/app.element.js`, imports: rewritten }, null, 2),
);

const files = readdirSync(outDir, { recursive: true }).filter((f) => f.endsWith('.js')).length;
const bytes = Object.values(result.metafile.outputs).reduce((sum, o) => sum + o.bytes, 0);
console.log(`backoffice ${version}: ${entries.length} entries → ${files} files, ${(bytes / 1048576).toFixed(1)} MiB in ${relative(here, outDir)} (${Math.round(performance.now() - started)} ms)`);
