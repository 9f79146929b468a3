// Text from devices (error messages, community echoes, interface names) made safe to store, log
// and show: NUL and other control characters become visible \xNN escapes (PostgreSQL rejects
// \u0000 in jsonb and text; a terminal obeys escape sequences), lone UTF-16 surrogates become
// U+FFFD, and the length is bounded. Pure.
const CONTROL = /[\u0000-\u001f\u007f-\u009f]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

export const PRINTABLE_MAX = 500;

export function printable(text: string, max = PRINTABLE_MAX): string {
  const clean = text.replace(CONTROL, (c) => {
    const code = c.charCodeAt(0);
    if (code >= 0xd800) return '\ufffd';
    return `\\x${code.toString(16).padStart(2, '0')}`;
  });
  return clean.length > max ? `${clean.slice(0, max - 1)}…` : clean;
}
