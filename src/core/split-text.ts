/**
 * The one text splitter: every channel limits a message's length (CHANNEL_CAPABILITIES'
 * `textLimit`), and the engine keeps a long summary within the smallest of them. A long text is
 * cut at line breaks where it can be, a longer line where it must be, but never between the two
 * halves of a surrogate pair (an emoji, some rare characters). Blank lines at the edges of a part
 * are dropped; everything else is kept as written, so the parts joined by line breaks give the
 * text back when it had no blank line at a cut.
 */
export function splitText(text: string, limit: number): string[] {
  if (text.length <= limit) return [text];
  const parts: string[] = [];
  let current: string[] = [];
  let length = 0;
  const flush = () => {
    while (current.length > 0 && current[0]!.trim() === '') current.shift();
    while (current.length > 0 && current[current.length - 1]!.trim() === '') current.pop();
    if (current.length > 0) parts.push(current.join('\n'));
    current = [];
    length = 0;
  };
  for (const line of text.split('\n')) {
    if (current.length > 0 && length + 1 + line.length > limit) flush();
    let rest = line;
    while (rest.length > limit) {
      if (current.length > 0) flush();
      const cut = /[\ud800-\udbff]/.test(rest[limit - 1]!) ? limit - 1 : limit;
      parts.push(rest.slice(0, cut));
      rest = rest.slice(cut);
    }
    length += (current.length > 0 ? 1 : 0) + rest.length;
    current.push(rest);
  }
  flush();
  return parts;
}
