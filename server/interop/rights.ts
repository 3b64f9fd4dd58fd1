// Plain-language rights statement built from a dataset's disclosure rules and classification,
// in one language, for exports (DCAT-US `rights`, DCAT `dcterms:accessRights`).
import type { TFunction } from 'i18next';
import { labelOf, type Locale } from '../../schemas/taxonomy';
import type { DatasetContent } from '../datasets/model';

/** DCAT-US 1.1 caps `rights` at 255 characters. */
export const DCAT_US_RIGHTS_MAX = 255;

/** The rights statement of `content` in `lang`, most important facts first, cut at `max` characters. */
export function rightsText(content: DatasetContent, t: TFunction, lang: Locale, max = Infinity): string {
  const d = content.disclosure ?? {};
  const c = content.classification ?? {};
  const parts: string[] = [];
  if (d.accessLevel) parts.push(t('interop:rights.access', { level: labelOf('accessLevels', d.accessLevel, lang) }));
  if (d.crossBorder) parts.push(t('interop:rights.crossBorder', { rule: labelOf('crossBorder', d.crossBorder, lang) }));
  if (Array.isArray(d.allowedPurposes) && d.allowedPurposes.length) {
    parts.push(t('interop:rights.purposes', { purposes: d.allowedPurposes.map((p: string) => labelOf('purposes', p, lang)).join(', ') }));
  }
  const cond = d.conditions ?? {};
  const conditions = [
    ...(['dua', 'irb', 'attribution', 'noRedistribution'] as const).filter((k) => cond[k] === true).map((k) => t(`interop:rights.${k}`)),
    ...(typeof cond.deleteAfterDays === 'number' ? [t('interop:rights.deleteAfterDays', { days: cond.deleteAfterDays })] : []),
  ];
  if (conditions.length) parts.push(t('interop:rights.conditions', { conditions: conditions.join(', ') }));
  if (c.personalInfo && c.personalInfo !== 'none') parts.push(t('interop:rights.personalInfo', { kind: labelOf('personalInfo', c.personalInfo, lang) }));
  if (c.exportControl?.controlled) {
    parts.push(t('interop:rights.exportControl', { regime: c.exportControl.regime ? labelOf('exportControlRegimes', c.exportControl.regime, lang) : '-' }));
  }
  if (c.nationalCoreTechnology) parts.push(t('interop:rights.nationalCoreTechnology'));
  if (d.samplesAccess && d.samplesAccess !== 'same_as_data') parts.push(t('interop:rights.samples', { level: labelOf('samplesAccess', d.samplesAccess, lang) }));
  let out = '';
  for (const part of parts) {
    const next = out ? `${out} ${part}` : part;
    if (next.length > max) break;
    out = next;
  }
  return out;
}
