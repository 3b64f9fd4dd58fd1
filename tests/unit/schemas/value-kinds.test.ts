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
