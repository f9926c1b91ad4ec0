package dev.streambed.kernel.protocol;

import java.util.Map;

/**
 * A service spoken over AWS's Query protocol: form-encoded {@code Action=...&Version=...}
 * requests, XML responses. The front door routes a request to it by the SigV4 signing name, or
 * by the {@code Action} when the request is not signed.
 *
 * @param signingName the SigV4 service name, e.g. {@code iam}
 * @param version the API version the service answers, e.g. {@code 2010-05-08}
 * @param xmlNamespace the namespace of every response, e.g.
 *     {@code https://iam.amazonaws.com/doc/2010-05-08/}
 * @param operations the one operation table, keyed by action name
 */
public record QueryService(
    String signingName, String version, String xmlNamespace,
    Map<String, QueryOperation> operations) {}
