import { useEffect, useId, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router';
import { api } from '../lib/api';
import { searchUrl } from '../pages/catalog/query';
import type { Suggestion } from '../pages/catalog/types';
import './search-box.css';

/** Wait after the last keystroke before asking for suggestions. */
const DEBOUNCE_MS = 150;

/**
 * The header's dataset search: a combobox (ARIA 1.2 pattern with a listbox popup) suggesting dataset
 * titles and glossary terms as the user types. Arrow keys move through the suggestions, Enter picks
 * one (a dataset opens its page, a term searches it) or searches the typed words, Escape closes the
 * list. On the catalogue the box shows the current words, so Back and removed words stay in step.
 */
export function SearchBox() {
  const { t, i18n } = useTranslation('catalog');
  const location = useLocation();
  const navigate = useNavigate();
  const id = useId();
  const listId = `${id}-list`;
  const urlQ = location.pathname === '/' ? (new URLSearchParams(location.search).get('q') ?? '') : '';
  const [value, setValue] = useState(urlQ);
  // What the user typed last: only typing asks for suggestions, not the URL filling the box.
  const [typed, setTyped] = useState<string | null>(null);
  const [items, setItems] = useState<Suggestion[]>([]);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const inputRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    setValue(urlQ);
    setTyped(null);
  }, [urlQ]);

  useEffect(() => {
    const q = typed?.trim() ?? '';
    if (!q) {
      setItems([]);
      setOpen(false);
      return;
    }
    const ctrl = new AbortController();
    const timer = window.setTimeout(() => {
      api<{ items: Suggestion[] }>(`/datasets/suggest?${new URLSearchParams({ q }).toString()}`, { signal: ctrl.signal })
        .then(({ data }) => {
          setItems(data.items);
          setActive(-1);
          setOpen(data.items.length > 0 && document.activeElement === inputRef.current);
        })
        .catch(() => {
          // Suggestions are a convenience: aborted or failed requests leave the box as it is.
        });
    }, DEBOUNCE_MS);
    return () => {
      window.clearTimeout(timer);
      ctrl.abort();
    };
  }, [typed, i18n.language]);

  const close = () => {
    setOpen(false);
    setActive(-1);
  };

  const withLang = (path: string) => {
    const lang = new URLSearchParams(location.search).get('lang');
    return lang ? `${path}?${new URLSearchParams({ lang }).toString()}` : path;
  };

  const search = (q: string) => {
    close();
    setTyped(null);
    navigate(searchUrl(location.pathname, location.search, q));
  };

  const choose = (s: Suggestion) => {
    if (s.kind === 'dataset' && s.slug) {
      close();
      setTyped(null);
      setValue('');
      navigate(withLang(`/datasets/${encodeURIComponent(s.slug)}`));
    } else {
      setValue(s.text);
      search(s.text);
    }
  };

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    search(value);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    // Enter that commits a Hangul syllable in an IME is not a submission.
    if (e.nativeEvent.isComposing) return;
    const n = items.length;
    switch (e.key) {
      case 'ArrowDown':
        if (n === 0) return;
        e.preventDefault();
        setOpen(true);
        setActive((a) => (!open ? 0 : (a + 1) % n));
        break;
      case 'ArrowUp':
        if (n === 0) return;
        e.preventDefault();
        setOpen(true);
        setActive((a) => (!open || a <= 0 ? n - 1 : a - 1));
        break;
      case 'Enter':
        if (open && active >= 0 && items[active]) {
          e.preventDefault();
          choose(items[active]);
        }
        break;
      case 'Escape':
        if (open) {
          e.preventDefault();
          close();
        } else if (value) {
          e.preventDefault();
          setValue('');
          setTyped(null);
        }
        break;
      case 'Tab':
        close();
        break;
    }
  };

  const optionId = (i: number) => `${id}-opt-${i}`;
  const expanded = open && items.length > 0;
  return (
    <form role="search" className="header-search" onSubmit={onSubmit} aria-label={t('searchBox.region')}>
      <label htmlFor={`${id}-input`} className="visually-hidden">
        {t('searchBox.label')}
      </label>
      <div className="header-search-field">
        <input
          ref={inputRef}
          id={`${id}-input`}
          type="search"
          role="combobox"
          autoComplete="off"
          spellCheck={false}
          enterKeyHint="search"
          aria-autocomplete="list"
          aria-expanded={expanded}
          aria-controls={listId}
          aria-activedescendant={expanded && active >= 0 ? optionId(active) : undefined}
          aria-describedby={`${id}-hint`}
          placeholder={t('searchBox.placeholder')}
          value={value}
          maxLength={500}
          onChange={(e) => {
            setValue(e.target.value);
            setTyped(e.target.value);
          }}
          onKeyDown={onKeyDown}
          onFocus={() => items.length > 0 && typed !== null && setOpen(true)}
          onBlur={close}
          data-testid="search-input"
        />
        <ul
          id={listId}
          role="listbox"
          aria-label={t('searchBox.suggestions')}
          className="suggestions"
          hidden={!expanded}
          data-testid="suggestions"
        >
          {items.map((s, i) => (
            <li
              key={`${s.kind}:${s.slug ?? s.text}`}
              id={optionId(i)}
              role="option"
              aria-selected={i === active}
              className={i === active ? 'suggestion active' : 'suggestion'}
              // Keep focus in the input so the click lands and the list stays a popup of it.
              onMouseDown={(e) => e.preventDefault()}
              onMouseMove={() => active !== i && setActive(i)}
              onClick={() => choose(s)}
            >
              <span className={`suggestion-kind ${s.kind}`}>{t(`searchBox.kind.${s.kind}`)}</span>
              <span className="suggestion-text" lang={s.lang}>
                {s.text}
              </span>
              {s.translation && (
                <span className="suggestion-translation" lang={s.lang === 'ko' ? 'en' : 'ko'}>
                  {s.translation}
                </span>
              )}
            </li>
          ))}
        </ul>
        <button type="submit" className="header-search-submit">
          <svg
            viewBox="0 0 24 24"
            width="1.2em"
            height="1.2em"
            fill="none"
            stroke="currentColor"
            strokeWidth="2.2"
            strokeLinecap="round"
            aria-hidden="true"
            focusable="false"
          >
            <circle cx="11" cy="11" r="7" />
            <line x1="16.5" y1="16.5" x2="21" y2="21" />
          </svg>
          <span className="visually-hidden">{t('searchBox.submit')}</span>
        </button>
      </div>
      <p id={`${id}-hint`} className="visually-hidden">
        {t('searchBox.hint')}
      </p>
      <p className="visually-hidden" role="status" aria-live="polite" aria-atomic="true">
        {expanded ? t('searchBox.count', { count: items.length }) : ''}
      </p>
    </form>
  );
}
