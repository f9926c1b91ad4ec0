package dev.streambed.logs.event;

import dev.streambed.logs.LogsError;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** FilterLogEvents' nextToken: the last event answered, (timestamp, stream, sequence), opaque to clients. */
record FilterToken(long timestamp, String stream, long sequence) {

  String encode() {
    String plain = timestamp + ":" + sequence + ":" + stream;
    return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
  }

  static FilterToken decode(String token) {
    try {
      String plain = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
      String[] parts = plain.split(":", 3);
      if (parts.length != 3) {
        throw LogsError.invalidToken();
      }
      return new FilterToken(Long.parseLong(parts[0]), parts[2], Long.parseLong(parts[1]));
    } catch (IllegalArgumentException e) {
      throw LogsError.invalidToken();
    }
  }
}
