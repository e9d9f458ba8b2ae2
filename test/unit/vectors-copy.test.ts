import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { vectorsPath } from '../support/vectors.js';

const published = new URL('../../../shared/spec/vectors.json', import.meta.url);

describe('test vectors', () => {
  it.skipIf(!existsSync(published))('our copy equals shared/spec/vectors.json', () => {
    expect(JSON.parse(readFileSync(vectorsPath, 'utf8'))).toEqual(JSON.parse(readFileSync(published, 'utf8')));
  });
});
