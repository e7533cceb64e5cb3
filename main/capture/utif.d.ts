// The part of utif (a TIFF codec without types of its own) that capture and its corpus generator use.
declare module 'utif' {
  export interface Ifd {
    width: number;
    height: number;
    [tag: string]: unknown;
  }
  export function decode(buffer: ArrayBuffer | Uint8Array): Ifd[];
  export function decodeImage(buffer: ArrayBuffer | Uint8Array, ifd: Ifd, ifds?: Ifd[]): void;
  export function toRGBA8(ifd: Ifd): Uint8Array;
  export function encodeImage(rgba: ArrayBuffer | Uint8Array, width: number, height: number): ArrayBuffer;
  const UTIF: {
    decode: typeof decode;
    decodeImage: typeof decodeImage;
    toRGBA8: typeof toRGBA8;
    encodeImage: typeof encodeImage;
  };
  export default UTIF;
}
