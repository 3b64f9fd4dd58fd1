// Field errors in the user's language: client-side schema errors (from `@schemas/ajv`) and the
// server's 400/422 field errors end up in one shape, a map from JSON pointer to messages, so a
// form shows both the same way at the same field.
import type { SchemaId } from '@schemas/ajv';
import type { FieldError } from '@schemas/errors';
import { useEffect, useState } from 'react';
import type { ApiError } from './api';
import { fileTypeList, formatBytes } from './format';
import i18n from './i18n';

/** Messages by JSON pointer (`/title/en`), in the current language. */
export type ErrorMap = Record<string, string[]>;

/**
 * Params as people read them (issue 13 item 7): an allow-list of MIME types becomes file type names
 * ("CSV, JSON, ZIP 압축 파일"), a size limit of a `…/bytes` field a size with its unit.
 */
function readableParams(error: Pick<FieldError, 'code' | 'params'> & { path?: string }): Record<string, unknown> {
  const params: Record<string, unknown> = { ...(error.params ?? {}) };
  if (error.code === 'content_type_not_allowed' && typeof params.allowed === 'string') params.allowed = fileTypeList(params.allowed.split(/,\s*/), i18n.t);
  const lang = i18n.language === 'en' ? 'en' : 'ko';
  if (error.path?.endsWith('/bytes') && typeof params.limit === 'number') params.limit = formatBytes(params.limit, lang);
  return params;
}

/** One FieldError as the server would word it (client copy of its `validation` messages). */
export function fieldMessage(error: Pick<FieldError, 'code' | 'params'> & { path?: string }): string {
  return i18n.t(`validation:${error.code}`, { ...readableParams(error), defaultValue: i18n.t('validation:invalid') });
}

function add(map: ErrorMap, path: string, message: string): void {
  const list = (map[path] ??= []);
  if (!list.includes(message)) list.push(message);
}

/** Localises schema errors into an ErrorMap. */
export function localiseErrors(errors: readonly FieldError[]): ErrorMap {
  const out: ErrorMap = {};
  for (const e of errors) add(out, e.path, fieldMessage(e));
  return out;
}

/**
 * The field errors of a server problem. Messages without variables are worded again from their
 * code, so they follow a later language switch; the others keep the server's wording (the
 * problem does not carry their params).
 */
export function problemErrors(error: ApiError | null | undefined): ErrorMap {
  const out: ErrorMap = {};
  for (const e of error?.problem.errors ?? []) {
    const template: unknown = i18n.getResource(i18n.language, 'validation', e.code);
    const reworded = typeof template === 'string' && !template.includes('{{') ? template : e.message;
    add(out, e.path || '/', reworded);
  }
  return out;
}

/** Joins error maps, keeping each message once per path. */
export function mergeErrorMaps(...maps: ErrorMap[]): ErrorMap {
  const out: ErrorMap = {};
  for (const m of maps) for (const [path, list] of Object.entries(m)) for (const msg of list) add(out, path, msg);
  return out;
}

/** True when `path` is `prefix` or lies inside it (`/title/en` is inside `/title`). */
export function isUnder(path: string, prefix: string): boolean {
  return path === prefix || path.startsWith(prefix + '/');
}

/** Messages at `path`; with `deep`, also those of everything inside it (list items, sub-objects). */
export function errorsAt(map: ErrorMap, path: string, deep = false): string[] | undefined {
  const out: string[] = [];
  for (const [p, list] of Object.entries(map)) if (p === path || (deep && isUnder(p, path))) out.push(...list);
  return out.length ? [...new Set(out)] : undefined;
}

/** Keeps only the errors whose path lies under one of `prefixes`. */
export function pickErrors(map: ErrorMap, prefixes: readonly string[]): ErrorMap {
  return Object.fromEntries(Object.entries(map).filter(([p]) => prefixes.some((prefix) => isUnder(p, prefix))));
}

type SchemaModule = typeof import('@schemas/ajv');

let schemaModule: SchemaModule | null | undefined;

function loadSchemaModule(): Promise<boolean> {
  return import('@schemas/ajv').then(
    (m) => {
      schemaModule = m;
      return true;
    },
    (err: unknown) => {
      console.warn('Client-side schema validation is unavailable; relying on the server.', err);
      schemaModule = null;
      return false;
    },
  );
}

/** Resolves to whether the shared schemas can be checked in this browser (loads AJV on demand). */
export const schemaValidatorReady: Promise<boolean> = loadSchemaModule();

/** Whether client-side schema checks are available: undefined while loading, then true or false. */
export function useSchemaValidator(): boolean | undefined {
  const [ready, setReady] = useState<boolean | undefined>(schemaModule === undefined ? undefined : schemaModule !== null);
  useEffect(() => {
    let live = true;
    void schemaValidatorReady.then((ok) => live && setReady(ok));
    return () => {
      live = false;
    };
  }, []);
  return ready;
}

/**
 * Validates `data` against a shared JSON Schema (the server's own check) and returns its field
 * errors, or null when the browser cannot run the validator (still loading, or a strict
 * Content-Security-Policy forbids compiling): callers then rely on the server's 400/422 answer.
 */
export function schemaCheck(schemaId: SchemaId, data: unknown): FieldError[] | null {
  if (!schemaModule) return null;
  try {
    const result = schemaModule.validate(schemaId, data);
    return result.ok ? [] : result.errors;
  } catch (err) {
    console.warn('Client-side schema validation failed; relying on the server.', err);
    schemaModule = null;
    return null;
  }
}
