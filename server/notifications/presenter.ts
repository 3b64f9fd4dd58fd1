import type { TFunction } from 'i18next';
import type { Lang } from '../i18n';
import type { NotificationDoc, NotificationParam } from './model';

function localise(value: NotificationParam, lang: Lang): string | number {
  if (typeof value !== 'object' || value === null) return value;
  return value[lang] ?? value.en ?? value.ko ?? '';
}

/** A notification with its message in the caller's language. */
export function presentNotification(doc: NotificationDoc, lang: Lang, t: TFunction) {
  const params = Object.fromEntries(Object.entries(doc.params ?? {}).map(([k, v]) => [k, localise(v, lang)]));
  return {
    id: String(doc._id),
    code: doc.code,
    message: t(`notifications:${doc.code}`, { ...params, defaultValue: doc.code }),
    params,
    target: { type: doc.targetType, id: doc.targetId },
    link: doc.link,
    read: doc.read,
    readAt: doc.readAt,
    createdAt: doc.createdAt,
  };
}
