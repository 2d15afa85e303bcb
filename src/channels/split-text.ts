/** Every channel limits a message's length; a long text is split where a reader would break it. */
export function splitText(text: string, limit: number): string[] {
  if (text.length <= limit) return [text];
  const parts: string[] = [];
  let current = '';
  for (const line of text.split('\n')) {
    for (let rest = line; ; ) {
      const room = limit - current.length - (current ? 1 : 0);
      if (rest.length <= room) {
        current = current ? `${current}\n${rest}` : rest;
        break;
      }
      if (current) {
        parts.push(current);
        current = '';
        continue;
      }
      parts.push(rest.slice(0, limit));
      rest = rest.slice(limit);
      if (!rest) break;
    }
  }
  if (current) parts.push(current);
  return parts;
}

