/**
 * A GIF's structure without decoding its pixels: the screen size, the loop count and each
 * frame's size and delay. The unit tests and the e2e spec read exported GIFs with it (it checks
 * gifenc's output independently of the code that drives it).
 */
export interface GifInfo {
  version: string;
  width: number;
  height: number;
  /** NETSCAPE2.0 loop count (0: forever), null when absent (play once). */
  loops: number | null;
  frames: { width: number; height: number; delayMs: number; localPalette: boolean }[];
}

export function readGif(bytes: Uint8Array): GifInfo {
  let at = 0;
  const need = (n: number): void => {
    if (at + n > bytes.length) throw new Error(`GIF truncated at byte ${at}`);
  };
  const u8 = (): number => {
    need(1);
    return bytes[at++] ?? 0;
  };
  const u16 = (): number => u8() | (u8() << 8);
  const skipSubBlocks = (): void => {
    for (let n = u8(); n !== 0; n = u8()) {
      need(n);
      at += n;
    }
  };
  need(13);
  const version = String.fromCharCode(...bytes.subarray(0, 6));
  if (version !== 'GIF89a' && version !== 'GIF87a') throw new Error(`not a GIF (${version})`);
  at = 6;
  const width = u16();
  const height = u16();
  const packed = u8();
  at += 2; // background colour index, pixel aspect ratio
  if (packed & 0x80) at += 3 * (1 << ((packed & 7) + 1));
  const info: GifInfo = { version, width, height, loops: null, frames: [] };
  let delay = 0;
  for (;;) {
    const block = u8();
    if (block === 0x3b) return info; // trailer
    if (block === 0x21) {
      const label = u8();
      if (label === 0xf9) {
        const size = u8();
        const start = at;
        u8(); // packed
        delay = u16() * 10;
        at = start + size;
        skipSubBlocks();
      } else if (label === 0xff) {
        const size = u8();
        need(size);
        const app = String.fromCharCode(...bytes.subarray(at, at + size));
        at += size;
        if (app === 'NETSCAPE2.0') {
          const n = u8();
          const start = at;
          if (n >= 3 && u8() === 1) info.loops = u16();
          at = start + n;
        }
        skipSubBlocks();
      } else skipSubBlocks();
    } else if (block === 0x2c) {
      at += 4; // left, top
      const w = u16();
      const h = u16();
      const p = u8();
      const local = (p & 0x80) !== 0;
      if (local) at += 3 * (1 << ((p & 7) + 1));
      u8(); // LZW minimum code size
      skipSubBlocks();
      info.frames.push({ width: w, height: h, delayMs: delay, localPalette: local });
      delay = 0;
    } else throw new Error(`unknown GIF block 0x${block.toString(16)} at byte ${at - 1}`);
  }
}
