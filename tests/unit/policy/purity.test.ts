import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const policyDir = path.resolve(__dirname, '../../../server/policy');

describe('server/policy is pure', () => {
  // requester.ts (the caller and their stored grants) and routes.ts (HTTP) are the two doors to I/O.
  const IO_DOORS = new Set(['requester.ts', 'routes.ts']);
  it('imports nothing from Express, Mongoose, S3, node: or other server modules outside its doors', () => {
    for (const file of readdirSync(policyDir).filter((f) => f.endsWith('.ts') && !IO_DOORS.has(f))) {
      const source = readFileSync(path.join(policyDir, file), 'utf8');
      for (const [, spec] of source.matchAll(/from '([^']+)'/g)) {
        const ok = /^\.\/[a-z-]+$/.test(spec) || /^\.\.\/\.\.\/schemas\/[a-z-]+$/.test(spec);
        expect(ok, `${file} imports ${spec}`).toBe(true);
      }
    }
  });
});
