package dev.streambed.server.http;

import io.netty.util.AsciiString;

/**
 * The AWS header names the front door reads and writes on every request, as Netty's ASCII
 * strings: their hashes are computed once, not at each lookup.
 */
final class AwsHeaders {
  static final AsciiString TARGET = AsciiString.cached("X-Amz-Target");
  static final AsciiString REQUEST_ID = AsciiString.cached("x-amzn-RequestId");
  static final AsciiString CRC32 = AsciiString.cached("x-amz-crc32");

  private AwsHeaders() {}
}
