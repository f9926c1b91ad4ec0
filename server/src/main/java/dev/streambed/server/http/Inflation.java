package dev.streambed.server.http;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;
import java.util.zip.InflaterInputStream;

/**
 * Inflates a compressed request body (Content-Encoding gzip or deflate), refusing one whose
 * inflated size passes the body limit before it is inflated whole: a small compressed body can
 * stand for a huge one.
 */
final class Inflation {
  /** The inflated body would pass the limit. */
  static final class TooLarge extends Exception {
    TooLarge() {
      super("inflated body too large", null, false, false);
    }
  }

  private Inflation() {}

  static ByteBuf inflate(String encoding, ByteBuf compressed, int limit, ByteBufAllocator alloc)
      throws IOException, TooLarge {
    InputStream raw = new ByteBufInputStream(compressed.duplicate());
    InputStream in;
    switch (encoding.trim().toLowerCase(java.util.Locale.ROOT)) {
      case "gzip":
      case "x-gzip":
        in = new GZIPInputStream(raw);
        break;
      case "deflate":
        in = new InflaterInputStream(raw);
        break;
      default:
        throw new IllegalArgumentException("unsupported content encoding " + encoding);
    }
    ByteBuf out = alloc.buffer(Math.min(limit, Math.max(256, compressed.readableBytes() * 4)));
    try (InputStream source = in) {
      byte[] chunk = new byte[8192];
      int n;
      while ((n = source.read(chunk)) > 0) {
        if (out.readableBytes() + n > limit) {
          throw new TooLarge();
        }
        out.writeBytes(chunk, 0, n);
      }
      return out;
    } catch (IOException | TooLarge | RuntimeException e) {
      out.release();
      throw e;
    }
  }
}
