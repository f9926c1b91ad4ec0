package dev.streambed.console.web;

import dev.streambed.kernel.protocol.WebResponse;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Tells open pages that what they show changed: services publish topics ("items:UsersPost",
 * "triggers", "log:/aws/lambda/f"), and each page listening on a topic through server-sent
 * events gets a {@code change} event naming it, upon which it reloads the parts that show it.
 *
 * <p>A page says which version of the world it was rendered at; a change published between the
 * render and the page's connection is sent as soon as it connects, so nothing is missed. Bursts
 * are coalesced: a page hears of a topic at most once per {@link #SPACING_MILLIS}, from a timer
 * thread this hub owns and stops on {@link #close()}.
 */
public final class Changes implements AutoCloseable {
  static final long SPACING_MILLIS = 150;
  private final AtomicLong version = new AtomicLong();
  private final Map<String, Long> lastChange = new ConcurrentHashMap<>();
  private final Map<String, Set<Listener>> listeners = new ConcurrentHashMap<>();
  private final Set<Listener> all = ConcurrentHashMap.newKeySet();
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "streambed-console-changes");
    t.setDaemon(true);
    return t;
  });
  private volatile boolean closed;

  /** The version pages are rendered at: every change after it is news to them. */
  public long version() {
    return version.get();
  }

  /** Records a change of {@code topic} and tells the pages listening to it. */
  public void publish(String topic) {
    long v = version.incrementAndGet();
    lastChange.put(topic, v);
    Set<Listener> ls = listeners.get(topic);
    if (ls != null) {
      for (Listener l : ls) {
        l.changed(topic);
      }
    }
  }

  /** An event stream telling of changes of {@code topics} after version {@code since}. */
  public WebResponse.EventStream stream(List<String> topics, long since) {
    return sink -> {
      Listener l = new Listener(sink);
      if (closed || !sink.send("retry: 1000\n\n")) {
        sink.close();
        return;
      }
      all.add(l);
      for (String t : topics) {
        listeners.computeIfAbsent(t, k -> ConcurrentHashMap.newKeySet()).add(l);
      }
      sink.onClose(() -> {
        all.remove(l);
        for (String t : topics) {
          Set<Listener> ls = listeners.get(t);
          if (ls != null) {
            ls.remove(l);
          }
        }
      });
      for (String t : topics) {
        Long last = lastChange.get(t);
        if (last != null && last > since) {
          l.changed(t);
        }
      }
    };
  }

  /** One open page: topics it has yet to hear of, sent together once the spacing allows. */
  private final class Listener {
    private final WebResponse.EventSink sink;
    private final Set<String> pending = new LinkedHashSet<>();
    private boolean scheduled;
    /** When the last frames went out (System.nanoTime: a rate limit, not a time of the world). */
    private long lastSent = System.nanoTime() - TimeUnit.MILLISECONDS.toNanos(SPACING_MILLIS);

    Listener(WebResponse.EventSink sink) {
      this.sink = sink;
    }

    void changed(String topic) {
      long delay;
      synchronized (this) {
        pending.add(topic);
        if (scheduled || closed) {
          return;
        }
        scheduled = true;
        delay = Math.max(0, TimeUnit.NANOSECONDS.toMillis(lastSent - System.nanoTime()) + SPACING_MILLIS);
      }
      try {
        timer.schedule(this::flush, delay, TimeUnit.MILLISECONDS);
      } catch (java.util.concurrent.RejectedExecutionException stopped) {
        sink.close();
      }
    }

    private void flush() {
      StringBuilder frames = new StringBuilder();
      synchronized (this) {
        for (String t : pending) {
          frames.append("event: change\ndata: ").append(t.replace('\n', ' ')).append("\n\n");
        }
        pending.clear();
        scheduled = false;
        lastSent = System.nanoTime();
      }
      sink.send(frames.toString());
    }
  }

  @Override
  public void close() {
    closed = true;
    timer.shutdownNow();
    for (Listener l : all) {
      l.sink.close();
    }
  }
}
