// `npm run sync-manifest`: writes public/umbraco-package.json over the repository-root copy (the design
// card wants the manifest at the root), keeping the root's $schema path. The build fails while they differ.
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { readJson } from './manifest-check.mjs';

const { $schema, ...manifest } = readJson('../public/umbraco-package.json');
const root = { $schema: './Studenka.Umbraco.Notifications/Client/node_modules/@umbraco-cms/backoffice/dist-cms/umbraco-package-schema.json', ...manifest };
writeFileSync(fileURLToPath(new URL('../../../umbraco-package.json', import.meta.url)), JSON.stringify(root, null, 2) + '\n');
console.log('umbraco-package.json at the repository root updated from Client/public/umbraco-package.json.');
