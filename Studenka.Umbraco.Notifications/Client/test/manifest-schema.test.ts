import { describe, expect, it } from 'vitest';
// @ts-expect-error plain ES module without types, shared with the build
import { compileSchema, manifestProblems, readJson } from '../scripts/manifest-check.mjs';

const validate = compileSchema();
const manifest = readJson('../public/umbraco-package.json');
const root = readJson('../../../umbraco-package.json');

describe('manifest validation (the build runs the same check)', () => {
  it('accepts the manifest and its root copy', () => {
    expect(manifestProblems(validate, manifest, root)).toEqual([]);
  });

  it('names the path of an extension without alias', () => {
    const broken = structuredClone(manifest);
    delete broken.extensions[0].alias;
    const problems: string[] = manifestProblems(validate, broken, { ...broken, $schema: root.$schema });
    expect(problems.some((p) => p.startsWith('public/umbraco-package.json/extensions/0'))).toBe(true);
  });

  it('refuses a root copy that says something else', () => {
    const changed = { ...root, version: '9.9.9' };
    expect(manifestProblems(validate, manifest, changed)).toEqual([expect.stringContaining('differs')]);
  });
});
