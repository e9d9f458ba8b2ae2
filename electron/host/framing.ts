// host-protocol §1: frames on a TCP stream are prefixed by a 2-byte big-endian binary LEN.
import { MIN_FRAME_BYTES } from './codec.js';
import { HostFrameError } from './errors.js';

/** A LEN above this is not a frame of this profile: the stream is out of step. */
export const MAX_FRAME_BYTES = 8192;

/** Splits a byte stream into whole frames (LEN included). */
export class FrameReader {
  #buffered: Buffer = Buffer.alloc(0);

  /**
   * Adds received bytes; returns the frames now complete, in order. Throws HostFrameError
   * on a LEN no frame of this profile has (the stream cannot be resynchronised).
   */
  push(chunk: Buffer): Buffer[] {
    this.#buffered = this.#buffered.length === 0 ? chunk : Buffer.concat([this.#buffered, chunk]);
    const frames: Buffer[] = [];
    while (this.#buffered.length >= 2) {
      const len = this.#buffered.readUInt16BE(0);
      if (len + 2 < MIN_FRAME_BYTES || len > MAX_FRAME_BYTES) throw new HostFrameError(`LEN ${len} is not a frame of this profile`);
      if (this.#buffered.length < len + 2) break;
      frames.push(this.#buffered.subarray(0, len + 2));
      this.#buffered = this.#buffered.subarray(len + 2);
    }
    return frames;
  }
}
