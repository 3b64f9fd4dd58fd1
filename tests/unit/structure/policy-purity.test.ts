// server/policy is data in, decision out (docs/architecture.md): no file there may reach the database or storage itself.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const policyDir = path.resolve(__dirname, '../../../server/policy');

/** Every module specifier a source file imports or re-exports, statically or dynamically, types included. */
function importsOf(source: string): string[] {
  const specs: string[] = [];
  for (const m of source.matchAll(/\b(?:from|import)\s*\(?\s*['"]([^'"]+)['"]/g)) specs.push(m[1]);
  return specs;
}

/** Why an import is forbidden in server/policy, or null: Mongoose, anything in server/infra, or a model file. */
function forbidden(spec: string): string | null {
  if (spec === 'mongoose' || spec.startsWith('mongoose/')) return 'Mongoose';
  if (/(^|\/)infra(\/|$)/.test(spec)) return 'server/infra';
  if (/(^|\/)(model|models|[a-z-]+-model)$/.test(spec)) return 'a model';
  return null;
}

describe('server/policy imports no I/O', () => {
  it('recognises each kind of forbidden import', () => {
    expect(importsOf("import type { Types } from 'mongoose';\nexport * from '../infra/mongo';")).toEqual(['mongoose', '../infra/mongo']);
    expect(importsOf("const m = await import('../access/model');")).toEqual(['../access/model']);
    expect(forbidden('mongoose')).toBe('Mongoose');
    expect(forbidden('../infra/s3')).toBe('server/infra');
    expect(forbidden('../access/model')).toBe('a model');
    expect(forbidden('../models')).toBe('a model');
    expect(forbidden('../artifacts/upload-model')).toBe('a model');
    expect(forbidden('./evaluate')).toBeNull();
    expect(forbidden('../../schemas/taxonomy')).toBeNull();
  });

  it('no file in server/policy imports Mongoose, server/infra or a model', () => {
    const files = readdirSync(policyDir).filter((f) => f.endsWith('.ts'));
    expect(files.length).toBeGreaterThan(0);
    const offences = files.flatMap((file) =>
      importsOf(readFileSync(path.join(policyDir, file), 'utf8')).flatMap((spec) => {
        const why = forbidden(spec);
        return why ? [`${file} imports ${spec} (${why})`] : [];
      }),
    );
    expect(offences).toEqual([]);
  });
});
