// A type-ahead picker over a mirrored list (ARIA 1.2 combobox with a listbox popup): the bookkeeper types any part
// of the full name, moves with the arrows (Home/End to the ends), takes an entry with Enter or a click, and leaves
// with Escape (the choice stays as it was). Only the rows on screen are rendered, so 10,000 accounts stay quick.
// The popup is positioned fixed at the input and rendered into the document's body: a scrolling table around it does
// not clip it, and the sticky columns of a document's lines (each a stacking context of its own) do not cover it. It
// opens under the input, or above it where the window has more room there, and stays inside the window.
import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useId, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { createPortal } from 'react-dom';
import { filterOptions, type PickerOption } from './match';
import { BORDERS, placePopup, ROW_HEIGHT } from './place';
import './combobox.css';

const MAX_ROWS = 8;
export interface ComboboxProps {
  /** The accessible name: "Account for line 2", "Class". */
  label: string;
  options: readonly PickerOption[];
  value: string | null;
  onChange(id: string | null, option: PickerOption | null): void;
  id?: string;
  placeholder?: string;
  /** Shown when the value is not among the options (an entry no longer mirrored). */
  unknownLabel?: string;
  testId?: string;
  invalid?: boolean;
  disabled?: boolean;
  /** Said in the popup when nothing matches. */
  noMatch?: string;
  describedBy?: string;
}

export function Combobox({
  label,
  options,
  value,
  onChange,
  id,
  placeholder,
  unknownLabel = 'Not in the mirrored list',
  testId,
  invalid,
  disabled,
  noMatch = 'Nothing matches',
  describedBy,
}: ComboboxProps) {
  const autoId = useId();
  const inputId = id ?? `cb-${autoId}`;
  const listId = `${inputId}-listbox`;
  const inputRef = useRef<HTMLInputElement>(null);
  const listRef = useRef<HTMLDivElement>(null);
  const [open, setOpen] = useState(false);
  const [query, setQuery] = useState<string | null>(null);
  const [active, setActive] = useState(0);
  const [rect, setRect] = useState<ReturnType<typeof placePopup> | null>(null);

  const selected = useMemo(
    () => (value ? (options.find((o) => o.id === value) ?? null) : null),
    [options, value],
  );
  const shown = query ?? (selected ? selected.fullName : value ? unknownLabel : '');
  // Arrowed to an entry since the last keystroke: Enter takes it even when the text was emptied.
  const [navigated, setNavigated] = useState(false);
  const matches = useMemo(() => (open ? filterOptions(options, query ?? '') : []), [open, options, query]);
  const activeIndex = Math.min(active, Math.max(0, matches.length - 1));

  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualizer is read fresh each render
  const virtualizer = useVirtualizer({
    count: matches.length,
    getScrollElement: () => listRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 6,
  });

  // As tall as its rows, up to MAX_ROWS (one row for "Nothing matches").
  const wanted = Math.min(Math.max(matches.length, 1), MAX_ROWS) * ROW_HEIGHT + BORDERS;
  const place = useCallback(() => {
    const r = inputRef.current?.getBoundingClientRect();
    if (!r) return;
    const next = placePopup(r, { width: window.innerWidth, height: window.innerHeight }, wanted);
    setRect((was) =>
      was &&
      was.left === next.left &&
      was.top === next.top &&
      was.width === next.width &&
      was.maxHeight === next.maxHeight
        ? was
        : next,
    );
  }, [wanted]);
  useLayoutEffect(() => {
    if (!open) return;
    place();
    window.addEventListener('scroll', place, true);
    window.addEventListener('resize', place);
    return () => {
      window.removeEventListener('scroll', place, true);
      window.removeEventListener('resize', place);
    };
  }, [open, place]);

  // The popup is mounted afresh each time it opens, and the virtualizer would scroll it back to where the last one
  // was left (the end of 10,000 accounts, say), leaving the highlighted entry, which Enter takes, out of sight. So a
  // popup that opens shows its highlighted entry: the best match when it was opened by typing.
  const listShown = open && rect !== null;
  useLayoutEffect(() => {
    if (listShown) virtualizer.scrollToIndex(activeIndex, { align: 'auto' });
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only when the popup appears, not on every move
  }, [listShown]);

  const openList = (startAt?: 'first' | 'last' | 'selected') => {
    if (!open) setOpen(true);
    const all = filterOptions(options, query ?? '');
    const index =
      startAt === 'last'
        ? all.length - 1
        : startAt === 'selected' && selected
          ? Math.max(
              0,
              all.findIndex((o) => o.id === selected.id),
            )
          : 0;
    setActive(index);
    requestAnimationFrame(() => virtualizer.scrollToIndex(index, { align: 'auto' }));
  };
  const move = (index: number) => {
    const bounded = Math.max(0, Math.min(matches.length - 1, index));
    setActive(bounded);
    setNavigated(true);
    virtualizer.scrollToIndex(bounded, { align: 'auto' });
  };
  const close = () => {
    setOpen(false);
    setQuery(null);
    setNavigated(false);
  };
  const choose = (option: PickerOption | null) => {
    onChange(option ? option.id : null, option);
    close();
  };

  function onKeyDown(e: KeyboardEvent<HTMLInputElement>) {
    switch (e.key) {
      case 'ArrowDown':
        e.preventDefault();
        if (!open) openList(e.altKey ? 'selected' : 'first');
        else move(activeIndex + 1);
        break;
      case 'ArrowUp':
        e.preventDefault();
        if (!open) openList('last');
        else move(activeIndex - 1);
        break;
      case 'Home':
        if (open && matches.length > 0) {
          e.preventDefault();
          move(0);
        }
        break;
      case 'End':
        if (open && matches.length > 0) {
          e.preventDefault();
          move(matches.length - 1);
        }
        break;
      case 'PageDown':
        if (open) {
          e.preventDefault();
          move(activeIndex + MAX_ROWS);
        }
        break;
      case 'PageUp':
        if (open) {
          e.preventDefault();
          move(activeIndex - MAX_ROWS);
        }
        break;
      case 'Enter':
        if (open) {
          // Enter takes the highlighted entry; it never submits the form while the list is open.
          e.preventDefault();
          if (query !== null && query.trim() === '' && !navigated) choose(null);
          else if (matches[activeIndex]) choose(matches[activeIndex]);
        } else if (query !== null && query.trim() === '') {
          e.preventDefault();
          choose(null);
        }
        break;
      case 'Escape':
        if (open || query !== null) {
          e.preventDefault();
          e.stopPropagation();
          close();
        }
        break;
      case 'Tab':
        if (open) close();
        break;
    }
  }

  const activeOption = open ? matches[activeIndex] : undefined;
  const optionId = (index: number) => `${inputId}-opt-${index}`;

  return (
    <div className="combobox" data-testid={testId}>
      <input
        ref={inputRef}
        id={inputId}
        type="text"
        role="combobox"
        aria-label={label}
        aria-expanded={open}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={activeOption ? optionId(activeIndex) : undefined}
        aria-invalid={invalid || undefined}
        aria-describedby={describedBy}
        autoComplete="off"
        spellCheck={false}
        disabled={disabled}
        placeholder={placeholder}
        title={selected?.fullName}
        value={shown}
        data-value={value ?? ''}
        className={value && !selected ? 'combobox__input combobox__input--unknown' : 'combobox__input'}
        onChange={(e) => {
          setQuery(e.target.value);
          setActive(0);
          setNavigated(false);
          if (!open) setOpen(true);
          virtualizer.scrollToOffset(0);
        }}
        onKeyDown={onKeyDown}
        onClick={() => (open ? undefined : openList('selected'))}
        onBlur={() => {
          // Emptied and left: the choice is removed. Anything else typed and left: the choice stays.
          if (query !== null && query.trim() === '' && value) onChange(null, null);
          close();
        }}
      />
      {open &&
        rect &&
        createPortal(
          <div
            ref={listRef}
            id={listId}
            role="listbox"
            aria-label={label}
            className="combobox__list"
            style={{
              left: rect.left,
              top: rect.top,
              width: rect.width,
              maxHeight: rect.maxHeight,
            }}
            // Keep the focus in the input: a click on an option must not blur it first.
            onMouseDown={(e) => e.preventDefault()}
          >
            {matches.length === 0 ? (
              <div className="combobox__empty" role="presentation">
                {noMatch}
              </div>
            ) : (
              <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
                {virtualizer.getVirtualItems().map((row) => {
                  const option = matches[row.index]!;
                  const isActive = row.index === activeIndex;
                  return (
                    <div
                      key={option.id}
                      id={optionId(row.index)}
                      role="option"
                      aria-selected={isActive}
                      aria-setsize={matches.length}
                      aria-posinset={row.index + 1}
                      data-id={option.id}
                      className={
                        'combobox__option' +
                        (isActive ? ' combobox__option--active' : '') +
                        (option.id === value ? ' combobox__option--chosen' : '')
                      }
                      style={{ height: ROW_HEIGHT, transform: `translateY(${row.start}px)` }}
                      onMouseMove={() => (isActive ? undefined : setActive(row.index))}
                      onClick={() => choose(option)}
                    >
                      <span className="combobox__name" data-testid="option-name">
                        {option.fullName}
                      </span>
                      {option.detail && <span className="combobox__detail">{option.detail}</span>}
                    </div>
                  );
                })}
              </div>
            )}
          </div>,
          document.body,
        )}
    </div>
  );
}
