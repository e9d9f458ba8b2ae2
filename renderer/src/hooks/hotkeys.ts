// Keyboard-first counter: a cashier's hands stay on the keyboard and the scanner.
// Keys go to layers: the page is the root layer, every open dialog pushes one on top
// and owns the keyboard (the layers below wait). Inside a layer, the components in the
// dialog come before the dialog's own keys (a step's Enter before the dialog's Esc).
import { createContext, useContext, useEffect, useRef, useState } from 'react';

/** A handler that returns false did not handle the key; it goes on as if unmapped. */
export type KeyMap = Partial<Record<string, (e: KeyboardEvent) => void | boolean>>;

interface Entry {
  id: number;
  map: () => KeyMap;
}

export interface HotkeyLayer {
  own: Entry | null;
  entries: Entry[];
  modal: boolean;
}

const root: HotkeyLayer = { own: null, entries: [], modal: false };
const stack: HotkeyLayer[] = [root];
let nextId = 1;
let installed = false;

export const HotkeyLayerContext = createContext<HotkeyLayer>(root);

function keyName(e: KeyboardEvent): string {
  const mods = `${e.ctrlKey ? 'Ctrl+' : ''}${e.altKey ? 'Alt+' : ''}${e.shiftKey && e.key.length > 1 ? 'Shift+' : ''}`;
  const key = e.key === ' ' ? 'Space' : e.key;
  return mods + key;
}

function handle(e: KeyboardEvent, entry: Entry | null, name: string): boolean {
  const fn = entry?.map()[name];
  if (!fn || fn(e) === false) return false;
  if (!e.defaultPrevented) e.preventDefault();
  return true;
}

function install(): void {
  if (installed) return;
  installed = true;
  window.addEventListener(
    'keydown',
    (e) => {
      if (e.isComposing) return;
      const name = keyName(e);
      // Alt+digits may come as e.key "¡" etc. on some layouts: fall back to the code.
      const alt = e.altKey && /^Digit\d$/.test(e.code) ? `Alt+${e.code.slice(5)}` : null;
      for (let i = stack.length - 1; i >= 0; i--) {
        const layer = stack[i]!;
        for (const entry of [...layer.entries].reverse()) if (handle(e, entry, name) || (alt && handle(e, entry, alt))) return;
        if (handle(e, layer.own, name)) return;
        if (layer.modal) break;
      }
      // F-keys never reach the browser (F5 would reload the page mid-sale).
      if (/^F\d+$/.test(e.key)) e.preventDefault();
    },
    true,
  );
}

/** Registers keys in the nearest layer while the component is mounted and `enabled`. */
export function useHotkeys(map: KeyMap, options: { enabled?: boolean } = {}): void {
  const layer = useContext(HotkeyLayerContext);
  const ref = useRef(map);
  ref.current = map;
  const enabled = options.enabled ?? true;
  useEffect(() => {
    if (!enabled) return;
    install();
    const entry: Entry = { id: nextId++, map: () => ref.current };
    layer.entries.push(entry);
    return () => {
      const i = layer.entries.findIndex((x) => x.id === entry.id);
      if (i >= 0) layer.entries.splice(i, 1);
    };
  }, [enabled, layer]);
}

/** A dialog's own layer: on top while mounted; provide it to the dialog's children. */
export function useHotkeyLayer(own: KeyMap): HotkeyLayer {
  const ref = useRef(own);
  ref.current = own;
  const [layer] = useState<HotkeyLayer>(() => ({ own: { id: nextId++, map: () => ref.current }, entries: [], modal: true }));
  useEffect(() => {
    install();
    stack.push(layer);
    return () => {
      const i = stack.indexOf(layer);
      if (i >= 0) stack.splice(i, 1);
    };
  }, [layer]);
  return layer;
}
