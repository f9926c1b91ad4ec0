package dev.streambed.iam.policy;

import java.util.List;
import java.util.Map;

/**
 * One statement of a policy. Exactly one of {@code actions}/{@code notActions} is non-null, and
 * at most one of {@code resources}/{@code notResources} (trust policies have neither).
 *
 * @param principals for trust and resource policies: principal type ({@code AWS},
 *     {@code Service}, {@code Federated}, or {@code *}) to its values; null when absent
 * @param conditions operator (e.g. {@code StringEquals}, {@code ForAnyValue:StringLike}) to
 *     condition key to the policy's values
 */
public record Statement(
    String sid,
    boolean allow,
    List<String> actions,
    List<String> notActions,
    List<String> resources,
    List<String> notResources,
    Map<String, List<String>> principals,
    Map<String, List<String>> notPrincipals,
    Map<String, Map<String, List<String>>> conditions) {}
