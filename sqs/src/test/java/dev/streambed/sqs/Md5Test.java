package dev.streambed.sqs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streambed.sqs.message.Md5;
import dev.streambed.sqs.message.MessageAttribute;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The digests against values AWS returned for the same messages (recorded SQS responses). */
class Md5Test {
  @Test
  void bodyDigestIsThatOfItsUtf8() {
    assertThat(Md5.ofBody("msg")).isEqualTo("6e2baaf3b97dbeef01c0043275f9a0e7");
    assertThat(Md5.ofBody("test")).isEqualTo("098f6bcd4621d373cade4e832627b4f6");
    assertThat(Md5.ofBody("message-1")).isEqualTo("3d6b824fd8c1520e9a047d21fee6fb1f");
  }

  @Test
  void attributeDigestsMatchAws() {
    assertThat(Md5.ofAttributes(Map.of("Foo", MessageAttribute.string("Bar"))))
        .isEqualTo("ae7155c6026991b6d54b11589678bf9c");
    assertThat(Md5.ofAttributes(Map.of("MyAttribute", MessageAttribute.string("foobar"))))
        .isEqualTo("adb59cd4678ea5a855436b949cd07ab6");
    // Order of the map does not matter: attributes are digested in name order.
    assertThat(Md5.ofAttributes(Map.of("Help.Me", MessageAttribute.string("Me"),
        "Hello", MessageAttribute.string("There"), "General", MessageAttribute.string("Kenobi"))))
        .isEqualTo("4c360f3fdafd970e05fae2f149d997f5");
    assertThat(Md5.ofAttributes(Map.of("General", MessageAttribute.string("Kenobi"),
        "Hello", MessageAttribute.string("There")))).isEqualTo("fca026605781cb4126a1e9044df24232");
    assertThat(Md5.ofAttributes(Map.of("Hello", MessageAttribute.string("There"))))
        .isEqualTo("a311262e065454b75da111d535b8dacd");
  }

  @Test
  void binaryAttributesUseTheirTransportByte() {
    byte[] value = "traceparent\u001e00-774062d6c37081a5a0b9b5b88e30627c-2d2482211f6489da-01"
        .getBytes(StandardCharsets.UTF_8);
    assertThat(Md5.ofAttributes(Map.of("attr1", MessageAttribute.binary(value))))
        .isEqualTo("8cbe4db156db8a94db8b801b7addb984");
  }

  @Test
  void noAttributesNoDigest() {
    assertThat(Md5.ofAttributes(Map.of())).isNull();
  }
}
