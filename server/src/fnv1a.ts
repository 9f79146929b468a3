// The one string hash: 32-bit FNV-1a over the UTF-8 bytes of the text. Stable across processes,
// machines and languages (a Python or SQL client hashing UTF-8 agrees), so agents shard sites and
// place their poll phases alike, whatever the script of the id (Latin, Cyrillic, Kazakh letters).
// Pure; no Node modules, so the illustrative scripts and the web app can use it too.
const utf8 = new TextEncoder();

export function fnv1a32(text: string): number {
  let h = 0x811c9dc5;
  for (const byte of utf8.encode(text)) {
    h ^= byte;
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}
