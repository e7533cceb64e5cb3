// A table wider than its card scrolls sideways inside it (a document's lines at a 1024 px window); its edges say so.
import { useCallback, useEffect, useRef, useState } from 'react';

/**
 * Props for the scrolling frame: data-scrolled once it is scrolled sideways (a shadow beside the columns that stay
 * in place), data-more while columns are hidden at its right (a shadow at that edge). Measured again when the
 * frame or the table in it changes size.
 */
export function useSideScroll() {
  const ref = useRef<HTMLDivElement>(null);
  const [sides, setSides] = useState({ scrolled: false, more: false });
  const onScroll = useCallback(() => {
    const el = ref.current;
    if (!el) return;
    const scrolled = el.scrollLeft > 0;
    const more = el.scrollLeft + el.clientWidth < el.scrollWidth - 1;
    setSides((s) => (s.scrolled === scrolled && s.more === more ? s : { scrolled, more }));
  }, []);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    onScroll();
    const observer = new ResizeObserver(onScroll);
    observer.observe(el);
    if (el.firstElementChild) observer.observe(el.firstElementChild);
    return () => observer.disconnect();
  }, [onScroll]);
  return {
    ref,
    onScroll,
    'data-scrolled': sides.scrolled || undefined,
    'data-more': sides.more || undefined,
  };
}
