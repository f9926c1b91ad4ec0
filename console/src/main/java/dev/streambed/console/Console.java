package dev.streambed.console;

import dev.streambed.console.web.Changes;
import dev.streambed.console.web.Layout;
import dev.streambed.console.web.Router;
import dev.streambed.console.web.Site;
import dev.streambed.kernel.protocol.WebRequest;
import dev.streambed.kernel.protocol.WebResponse;
import dev.streambed.kernel.protocol.WebSite;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The web console at {@code /console}: pages for every step of the DynamoDB Streams and Lambda
 * tutorial, calling the services' Java APIs. Pages run on the console's own threads (a test
 * invoke may take seconds), never on the front door's; live parts of pages are kept current by
 * {@link Changes}, fed by the services' listeners. {@link #close()} stops both.
 */
public final class Console implements WebSite, AutoCloseable {
  private final Changes changes = new Changes();
  private final Site site;
  private final AtomicInteger threads = new AtomicInteger();
  private final ExecutorService pages = Executors.newFixedThreadPool(4, r -> {
    Thread t = new Thread(r, "streambed-console-" + threads.incrementAndGet());
    t.setDaemon(true);
    return t;
  });

  /** A console anyone may use, as with open authentication. */
  public Console(Services services, String host) {
    this(services, host, Access.OPEN);
  }

  /** A console whose visitors sign in and are authorized as {@code access} decides. */
  public Console(Services services, String host, Access access) {
    Layout layout = new Layout(changes);
    Router router = new Router();
    Pages.register(router, services, layout);
    this.site = new Site(router, layout, changes, host, services.account(), services.region(),
        access);
    Topics.feed(services, changes);
  }

  @Override
  public String prefix() {
    return Layout.ROOT;
  }

  @Override
  public CompletionStage<WebResponse> handle(WebRequest request) {
    try {
      return CompletableFuture.supplyAsync(() -> site.handle(request), pages);
    } catch (RejectedExecutionException closed) {
      return CompletableFuture.completedFuture(WebResponse.text(503, "Streambed is stopping."));
    }
  }

  @Override
  public void close() {
    changes.close();
    pages.shutdownNow();
  }
}
