// `y`/`Y` put an ARN or a console URL on the clipboard: the state asks (clipboardRequest), this hook
// hands the text to the terminal writer the mount provides (OSC 52, outside the frame writer, which
// keeps only colours). Without a terminal (tests, a pipe) the default writer does nothing.
import { createContext, useContext, useEffect, useRef } from 'react';

export type ClipboardWriter = (text: string) => void;

export const ClipboardContext = createContext<ClipboardWriter>(() => undefined);

export function useClipboard(request: { text: string; id: number } | undefined): void {
  const write = useContext(ClipboardContext);
  const done = useRef<number | undefined>(undefined);
  useEffect(() => {
    if (request === undefined || done.current === request.id) return;
    done.current = request.id;
    write(request.text);
  }, [request, write]);
}
