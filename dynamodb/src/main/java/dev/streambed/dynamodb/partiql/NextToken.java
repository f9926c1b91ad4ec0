package dev.streambed.dynamodb.partiql;

import dev.streambed.kernel.error.AwsException;
import dev.streambed.kernel.value.AttributeValue;
import dev.streambed.kernel.value.ItemCodec;
import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.Map;

/**
 * Where a SELECT's next page starts: which of its reads (one per partition key value) and the key
 * it stopped after, bound to the statement it came from. Opaque to clients, as AWS's is.
 */
record NextToken(int read, Map<String, AttributeValue> after) {
  String encode(String statement) {
    byte[] key = ItemCodec.encode(after);
    ByteBuffer b = ByteBuffer.allocate(8 + key.length);
    b.putInt(statement.hashCode()).putInt(read).put(key);
    return Base64.getEncoder().encodeToString(b.array());
  }

  static NextToken decode(String token, String statement) {
    try {
      ByteBuffer b = ByteBuffer.wrap(Base64.getDecoder().decode(token));
      if (b.getInt() != statement.hashCode()) {
        throw AwsException.validation(Messages.INVALID_NEXT_TOKEN);
      }
      int read = b.getInt();
      byte[] key = new byte[b.remaining()];
      b.get(key);
      return new NextToken(read, ItemCodec.decode(key));
    } catch (RuntimeException e) {
      if (e instanceof AwsException a) {
        throw a;
      }
      throw AwsException.validation(Messages.INVALID_NEXT_TOKEN);
    }
  }
}
