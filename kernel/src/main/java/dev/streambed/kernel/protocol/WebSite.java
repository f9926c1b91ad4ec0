package dev.streambed.kernel.protocol;

import java.util.concurrent.CompletionStage;

/**
 * Pages served beside the AWS protocols under a path of their own (the console at
 * {@code /console}). The front door hands it every request under {@link #prefix()} as a plain
 * {@link WebRequest}, so a site never sees the HTTP library, and writes the answer when the
 * stage completes, without holding the connection's thread meanwhile.
 */
public interface WebSite {
  /** The path the site owns, without a trailing slash, e.g. {@code /console}. */
  String prefix();

  CompletionStage<WebResponse> handle(WebRequest request);
}
