/**
 * Read a byte stream while it stays within `max` bytes. Past that, `overflow` gets the reader
 * (to cancel it, or to read and drop the rest) and the answer is undefined.
 */
export async function readUpTo(
  stream: ReadableStream<Uint8Array>,
  max: number,
  overflow: (reader: ReadableStreamDefaultReader<Uint8Array>) => Promise<void>,
): Promise<Buffer | undefined> {
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return Buffer.concat(chunks);
    size += value.byteLength;
    if (size > max) {
      await overflow(reader);
      return undefined;
    }
    chunks.push(value);
  }
}
