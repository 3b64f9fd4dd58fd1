import { describe, expect, it } from 'vitest';
import { allRoutes } from '../../server/routes';
import { buildRouter, route, type RouteDef } from '../../server/http/route';

describe('route registry', () => {
  it('every API route declares a permission', () => {
    expect(allRoutes.length).toBeGreaterThan(20);
    for (const def of allRoutes) {
      const ok = def.permission === 'public' || def.permission === 'signed_in' || (Array.isArray(def.permission) && def.permission.length > 0);
      expect(ok, `${def.method.toUpperCase()} ${def.path}`).toBe(true);
      expect(def.summary.length, `${def.method} ${def.path} summary`).toBeGreaterThan(5);
    }
  });

  it('every route in the built Express router comes from a declared definition', () => {
    const router = buildRouter(allRoutes) as unknown as { stack: Array<{ route?: { path: string; methods: Record<string, boolean> } }> };
    const declared = new Set(allRoutes.map((d) => `${d.method} ${d.path}`));
    const layers = router.stack.filter((l) => l.route);
    expect(layers.length).toBe(allRoutes.length);
    for (const layer of layers) {
      for (const m of Object.keys(layer.route!.methods)) expect(declared.has(`${m} ${layer.route!.path}`)).toBe(true);
    }
  });

  it('has no duplicate method+path pairs', () => {
    const keys = allRoutes.map((d) => `${d.method} ${d.path}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('refuses to build a route without a permission', () => {
    const bad = route({ method: 'get', path: '/x', summary: 'no permission', tag: 't', handler: () => undefined } as unknown as RouteDef);
    expect(() => buildRouter([{ ...bad, permission: undefined as never }])).toThrow(/declares no permission/);
    expect(() => buildRouter([{ ...bad, permission: [] }])).toThrow(/declares no permission/);
  });
});
