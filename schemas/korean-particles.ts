// Korean particles (조사) chosen by how the preceding word ends, shared by the server's and the
// client's i18next (issue 13: "Korean particles chosen by the final consonant"). A word read with
// a final consonant (받침) takes 을/이/은/과/으로; one without takes 를/가/는/와/로; a word
// ending in ㄹ takes 로, not 으로. Digits are read as Sino-Korean numbers (3 삼, 10 십, 1000 천),
// Latin text by the usual Korean reading of its last letter (best effort).

/** How a word ends when read aloud in Korean: no final consonant, ㄹ, another final consonant, or unknown. */
export type Ending = 'vowel' | 'rieul' | 'consonant' | 'unknown';

/** Each particle as [after a final consonant, after a vowel]; both spellings name the pair. */
const PAIRS: ReadonlyArray<readonly [string, string]> = [
  ['을', '를'],
  ['이', '가'],
  ['은', '는'],
  ['과', '와'],
  ['으로', '로'],
  ['으로서', '로서'],
  ['으로써', '로써'],
  ['이나', '나'],
  ['이라', '라'],
  ['이라고', '라고'],
  ['이랑', '랑'],
  ['이며', '며'],
  ['이에요', '예요'],
  ['아', '야'],
];

/** Every particle spelling this module can choose (either member of a pair). */
export const KOREAN_PARTICLES: readonly string[] = PAIRS.flatMap(([a, b]) => [a, b]);

const HANGUL_FIRST = 0xac00;
const HANGUL_LAST = 0xd7a3;
const RIEUL_INDEX = 8; // ㄹ among the 28 final-consonant slots (0 = none)

function hangulEnding(ch: string): Ending {
  const code = ch.charCodeAt(0);
  const jong = (code - HANGUL_FIRST) % 28;
  if (jong === 0) return 'vowel';
  return jong === RIEUL_INDEX ? 'rieul' : 'consonant';
}

// Sino-Korean reading of a digit: 영 일 이 삼 사 오 육 칠 팔 구.
const DIGIT_ENDINGS: readonly Ending[] = ['consonant', 'rieul', 'vowel', 'consonant', 'vowel', 'vowel', 'consonant', 'rieul', 'rieul', 'vowel'];

/** How a string of digits ends when read as a Korean number (10 십, 100 백, 1000 천, 10⁴ 만, 10⁸ 억, 10¹² 조). */
function numberEnding(digits: string): Ending {
  const trimmed = digits.replace(/^0+(?=\d)/, '');
  const last = trimmed[trimmed.length - 1];
  if (last !== '0' || /^0+$/.test(trimmed)) return DIGIT_ENDINGS[Number(last)];
  const zeros = trimmed.length - trimmed.replace(/0+$/, '').length;
  // 십 백 천, 만, 억 end in a consonant; 조 (10¹²…10¹⁵) does not; 경 (10¹⁶) does.
  return zeros >= 12 && zeros < 16 ? 'vowel' : 'consonant';
}

// Letter names as Koreans say them (엘, 엠, 엔, 알 end in a consonant; 에이, 비, 씨 … do not).
const LETTER_NAME_ENDINGS: Record<string, Ending> = { l: 'rieul', r: 'rieul', m: 'consonant', n: 'consonant' };

/** Best-effort ending of a Latin word by its usual Korean reading (file 파일, data 데이터, JSON 제이슨). */
function latinEnding(word: string): Ending {
  const w = word.toLowerCase();
  // Short all-capital words are usually spelled out letter by letter (CSV 씨에스브이, URL 유알엘).
  if (word.length <= 4 && word === word.toUpperCase() && !/[aeiou]/i.test(word.slice(1, -1) || 'x')) {
    return LETTER_NAME_ENDINGS[w[w.length - 1]] ?? 'vowel';
  }
  if (word.length === 1) return LETTER_NAME_ENDINGS[w] ?? 'vowel';
  const last = w[w.length - 1];
  const before = w[w.length - 2] ?? '';
  const vowel = (c: string) => 'aeiouy'.includes(c);
  if (last === 'l') return 'rieul'; // file 파일, model 모델
  if (last === 'm' || last === 'n') return 'consonant'; // team 팀, JSON 제이슨
  if (last === 'g' && before === 'n') return 'consonant'; // labeling 라벨링
  if (last === 'k' || (last === 'p' && vowel(before)) || (last === 't' && vowel(before))) return 'consonant'; // book 북, app 앱, dataset 데이터셋
  if (last === 'e') {
    if (before === 'l') return 'rieul'; // file 파일
    if (before === 'm' || before === 'n' || before === 'p') return 'consonant'; // time 타임, line 라인, type 타입
  }
  return 'vowel'; // data 데이터, code 코드, test 테스트
}

/**
 * How `word` ends when read in Korean. Trailing punctuation, brackets and quotes are skipped
 * (`버전 3(초안)` ends like 초안); a number is read in Sino-Korean (`1,000` 천).
 */
export function koreanEnding(word: string | number): Ending {
  const text = String(word).replace(/[\s\p{P}\p{S}]+$/u, '');
  if (!text) return 'unknown';
  const ch = text[text.length - 1];
  const code = ch.charCodeAt(0);
  if (code >= HANGUL_FIRST && code <= HANGUL_LAST) return hangulEnding(ch);
  if (/\d/.test(ch)) {
    const digits = /(\d[\d,]*)$/.exec(text)![1].replace(/,/g, '');
    return numberEnding(digits);
  }
  if (/[A-Za-z]/.test(ch)) return latinEnding(/([A-Za-z]+)$/.exec(text)![1]);
  return 'unknown';
}

/** The pair a particle belongs to, given either spelling (`을`, `를` or `을/를`). */
function pairOf(particle: string): readonly [string, string] | undefined {
  const p = particle.split('/')[0].trim();
  return PAIRS.find(([a, b]) => a === p || b === p);
}

/**
 * The particle form that fits `word`: `pickParticle('데이터', '을')` → `를`, `pickParticle('계약', '를')`
 * → `을`, `pickParticle('3', '로')` → `으로`, `pickParticle('서울', '으로')` → `로`. When the ending
 * cannot be told (symbols only), the combined spelling `을(를)` is returned, as Korean text does.
 */
export function pickParticle(word: string | number, particle: string): string {
  const pair = pairOf(particle);
  if (!pair) return particle;
  const [afterConsonant, afterVowel] = pair;
  const ending = koreanEnding(word);
  if (ending === 'unknown') {
    // Written Korean's both-ways spellings: 을(를), 이(가), (으)로, (이)나.
    if (afterConsonant.endsWith(afterVowel)) return `(${afterConsonant.slice(0, afterConsonant.length - afterVowel.length)})${afterVowel}`;
    return `${afterConsonant}(${afterVowel})`;
  }
  if (afterConsonant === '으로' || afterConsonant === '으로서' || afterConsonant === '으로써') return ending === 'consonant' ? afterConsonant : afterVowel;
  return ending === 'vowel' ? afterVowel : afterConsonant;
}

/** `word` followed by the fitting form of `particle`: `withParticle('계약', '을')` → `계약을`. */
export function withParticle(word: string | number, particle: string): string {
  return `${word}${pickParticle(word, particle)}`;
}

/** The part of i18next's formatter registry this module needs. */
interface FormatterRegistry {
  add(name: string, fn: (value: unknown, lng: string | undefined, options: unknown) => string): void;
}

/**
 * Registers one i18next formatter per particle spelling, so a Korean message writes
 * `{{version, 로}}` for "3으로"/"2로" and `{{name, 을}}` for "계약을"/"데이터를".
 */
export function addParticleFormatters(i18n: { services: { formatter?: FormatterRegistry } }): void {
  const registry = i18n.services.formatter;
  if (!registry) return;
  for (const p of KOREAN_PARTICLES) registry.add(p, (value) => withParticle(value === null || value === undefined ? '' : String(value), p));
}
