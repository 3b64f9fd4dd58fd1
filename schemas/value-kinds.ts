// Field errors of JSON type (`type` code, params.type = "integer", "number", "string, null" …) are
// worded by the kind of value a person should type, not by a JSON type name (issue 13 item 7:
// "integer/number 형식의 값이어야 합니다"). Shared by the server's and the client's i18next.

/** The kinds a message names, most specific first (a field of `integer, null` wants an integer). */
const KINDS = ['integer', 'number', 'boolean', 'string', 'array', 'object'] as const;
export type ValueKind = (typeof KINDS)[number];

/** The kind of value a JSON `type` parameter asks for (`"integer,null"` → integer); undefined when none fits. */
export function valueKindOf(type: unknown): ValueKind | undefined {
  const named = String(type ?? '')
    .split(/[,/\s]+/)
    .filter(Boolean);
  return KINDS.find((k) => named.includes(k));
}

/** The part of i18next this module needs. */
interface I18nLike {
  services: { formatter?: { add(name: string, fn: (value: unknown, lng: string | undefined, options: unknown) => string): void } };
  t(key: string, options: { lng: string | undefined }): string;
}

/**
 * Registers the `valuekind` formatter: `{{type, valuekind}}` becomes the sentence at
 * `<keyPrefix>.<kind>` ("Enter a whole number, e.g. 1200."), or `<keyPrefix>.other`.
 */
export function addValueKindFormatter(i18n: I18nLike, keyPrefix: string): void {
  i18n.services.formatter?.add('valuekind', (value, lng) => i18n.t(`${keyPrefix}.${valueKindOf(value) ?? 'other'}`, { lng }));
}
