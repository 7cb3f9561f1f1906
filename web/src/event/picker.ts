/**
 * A picker (a place, a type, an actor, a claimant, a count) opens from a
 * control and, once closed — by a choice, by Escape, or by the focus leaving
 * it — gives the focus back to that control, so that the keyboard goes on
 * where the person was, not at the top of the page.
 */
import { useEffect, useRef } from 'preact/hooks';

/** Closes on Escape. */
export function closeOnEscape(close: () => void) {
  return {
    onKeyDown: (e: KeyboardEvent) => {
      if (e.key !== 'Escape') return;
      e.preventDefault();
      e.stopPropagation();
      close();
    },
  };
}

/**
 * Closes on Escape, or when Tab (or Shift+Tab) takes the focus out of it. A
 * click elsewhere leaves it open, as it was (the language switch, the page).
 */
export function closeOnLeave(close: () => void) {
  return {
    onKeyDown: (e: KeyboardEvent) => {
      closeOnEscape(close).onKeyDown(e);
      if (e.key === 'Tab' && e.currentTarget instanceof HTMLElement)
        e.currentTarget.dataset['tabbing'] = 'yes';
    },
    onFocusOut: (e: FocusEvent) => {
      const from = e.currentTarget;
      if (!(from instanceof HTMLElement) || from.dataset['tabbing'] !== 'yes') return;
      delete from.dataset['tabbing'];
      const to = e.relatedTarget;
      if (!(to instanceof Node) || !from.contains(to)) close();
    },
  };
}

/**
 * The control that opened a picker, focused again when it closes. `remember`
 * takes it from the click (or Enter) that opened the picker.
 */
export function useOpener(open: boolean): (e: { currentTarget: EventTarget | null }) => void {
  const opener = useRef<HTMLElement | null>(null);
  useEffect(() => {
    if (open) return;
    const control = opener.current;
    opener.current = null;
    if (control?.isConnected === true) control.focus();
  }, [open]);
  return (e) => {
    if (e.currentTarget instanceof HTMLElement) opener.current = e.currentTarget;
  };
}

/** For a picker that takes its opener's place: the opener, rendered again, gets the focus back. */
export function useFocusBack(
  open: boolean,
  control: { readonly current: HTMLElement | null },
): void {
  const was = useRef(open);
  useEffect(() => {
    if (was.current && !open) control.current?.focus();
    was.current = open;
  }, [open]);
}
