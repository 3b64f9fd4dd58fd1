import { describe, expect, it } from 'vitest';
import { valueKindOf } from '../../../schemas/value-kinds';
import { translator } from '../../../server/i18n';

describe('type errors name the value to type, not a JSON type', () => {
  it('picks the most specific kind', () => {
    expect(valueKindOf('integer')).toBe('integer');
    expect(valueKindOf('integer, null')).toBe('integer');
    expect(valueKindOf('integer/number')).toBe('integer');
    expect(valueKindOf('number,null')).toBe('number');
    expect(valueKindOf('object')).toBe('object');
    expect(valueKindOf('whatever')).toBeUndefined();
  });
  it('words the server message in both languages without the type name', () => {
    const ko = translator('ko')('validation:type', { type: 'integer' });
    const en = translator('en')('validation:type', { type: 'number' });
    expect(ko).toBe('소수점 없는 숫자를 입력하세요(예: 1200).');
    expect(en).toBe('Enter a number (e.g. 0.93 or 1,200).');
    expect(ko).not.toMatch(/integer|number/);
    expect(translator('ko')('validation:type', { type: 'null' })).toBe('값의 형식이 맞지 않습니다.');
  });
});

describe('dates in messages', () => {
  it('prints the approval expiry of a notification in the reader’s language, not ISO', async () => {
    const { formatMessageDate } = await import('../../../schemas/date-formatter');
    expect(formatMessageDate('2026-03-01', 'ko')).toBe('2026. 3. 1.');
    expect(formatMessageDate('2026-03-01', 'en')).toBe('Mar 1, 2026');
    expect(formatMessageDate('not a date', 'en')).toBe('not a date');
    const ko = translator('ko')('notifications:access_request_approved', { dataset: '고령자 음성', expiresAt: '2026-03-01' });
    expect(ko).toBe('“고령자 음성” 이용 신청이 승인되었습니다. 2026. 3. 1.까지 이용할 수 있습니다.');
  });
});
