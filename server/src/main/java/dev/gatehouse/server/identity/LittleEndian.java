package dev.gatehouse.server.identity;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * The LE32 of RFC 9106 §2 and the byte order of its blocks: a 1024-byte block is 128 64-bit words,
 * each read little-endian, which is how {@link CompressionFunction} sees them.
 */
final class LittleEndian {
  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  private LittleEndian() {}

  /** LE32(value): the four bytes of an unsigned 32-bit value, lowest first. */
  static byte[] int32(int value) {
    return new byte[] {(byte) value, (byte) (value >>> 8), (byte) (value >>> 16), (byte) (value >>> 24)};
  }

  /** Reads {@code count} words from {@code bytes} into {@code words[offset..]}. */
  static void toWords(byte[] bytes, long[] words, int offset, int count) {
    for (int k = 0; k < count; k++) {
      words[offset + k] = (long) LONGS.get(bytes, k * Long.BYTES);
    }
  }

  /** The bytes of {@code words[offset..offset+count)}. */
  static byte[] toBytes(long[] words, int offset, int count) {
    byte[] bytes = new byte[count * Long.BYTES];
    for (int k = 0; k < count; k++) {
      LONGS.set(bytes, k * Long.BYTES, words[offset + k]);
    }
    return bytes;
  }
}
