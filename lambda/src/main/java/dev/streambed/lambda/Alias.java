package dev.streambed.lambda;

import java.util.Map;

/**
 * An alias: a name for a version, optionally sharing traffic with one more version.
 *
 * @param weights AdditionalVersionWeights: another version and the share it takes
 */
public record Alias(String functionArn, String name, String functionVersion, String description,
    Map<String, Double> weights, String revisionId) {

  public String arn() {
    return functionArn + ":" + name;
  }
}
