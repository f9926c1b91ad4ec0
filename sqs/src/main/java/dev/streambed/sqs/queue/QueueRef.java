package dev.streambed.sqs.queue;

import java.net.URI;

/**
 * A queue's name and home: account and region. Its ARN is {@code arn:aws:sqs:REGION:ACCOUNT:NAME};
 * its URL is {@code ENDPOINT/ACCOUNT/NAME}, the path AWS's queue URLs have, on whatever endpoint
 * the client called.
 */
public record QueueRef(String account, String region, String name) {
  public String arn() {
    return "arn:aws:sqs:" + region + ":" + account + ":" + name;
  }

  /** The queue's URL on {@code endpoint} (scheme, host and port, no trailing slash). */
  public String url(String endpoint) {
    return endpoint + "/" + account + "/" + name;
  }

  public boolean fifo() {
    return name.endsWith(".fifo");
  }

  /** The queue an ARN names, or null when it is not an SQS queue ARN of any partition. */
  public static QueueRef fromArn(String arn) {
    if (arn == null) {
      return null;
    }
    String[] p = arn.split(":", -1);
    if (p.length != 6 || !p[0].equals("arn") || p[1].isEmpty() || !p[2].equals("sqs")
        || p[3].isEmpty() || p[4].isEmpty() || p[5].isEmpty()) {
      return null;
    }
    return new QueueRef(p[4], p[3], p[5]);
  }

  /**
   * The queue a URL names: its path is {@code /ACCOUNT/NAME} whatever the host, as AWS's
   * (https://sqs.REGION.amazonaws.com/ACCOUNT/NAME) and ours are. The region is the request's.
   * Null when the URL has no such path.
   */
  public static QueueRef fromUrl(String url, String region) {
    if (url == null) {
      return null;
    }
    String path;
    try {
      URI uri = new URI(url);
      path = uri.getRawPath();
    } catch (java.net.URISyntaxException | IllegalArgumentException e) {
      return null;
    }
    if (path == null) {
      return null;
    }
    String[] parts = path.split("/", -1);
    if (parts.length != 3 || !parts[0].isEmpty() || parts[1].isEmpty() || parts[2].isEmpty()) {
      return null;
    }
    return new QueueRef(parts[1], region, parts[2]);
  }
}
