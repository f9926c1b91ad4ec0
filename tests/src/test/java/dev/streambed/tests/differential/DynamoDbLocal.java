package dev.streambed.tests.differential;

import com.amazonaws.services.dynamodbv2.local.main.ServerRunner;
import com.amazonaws.services.dynamodbv2.local.server.DynamoDBProxyServer;
import java.lang.reflect.Field;
import java.net.URI;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * Amazon DynamoDB Local, in memory, in this JVM, on 127.0.0.1 and a free port: the oracle of the
 * differential tests. One instance serves the whole test run; it is stopped when the JVM exits.
 *
 * <p>Its command line knows only a port and binds every interface, so before it starts, its Jetty
 * connector is moved to the loopback address and port 0, and the port the kernel chose is read
 * back afterwards. Telemetry is switched off: it would try to reach the network.
 */
public final class DynamoDbLocal {
  private static DynamoDbLocal shared;

  private final DynamoDBProxyServer proxy;
  private final URI endpoint;

  private DynamoDbLocal() {
    if (System.getProperty("sqlite4java.library.path") == null) {
      throw new IllegalStateException("sqlite4java.library.path is not set: run the tests through Maven, "
          + "which copies the sqlite4java native library and points this property at it");
    }
    try {
      proxy = ServerRunner.createServerFromCommandLineArgs(
          new String[] {"-inMemory", "-port", "8000", "-disableTelemetry"});
      ServerConnector connector = (ServerConnector) jetty(proxy).getConnectors()[0];
      connector.setHost("127.0.0.1");
      connector.setPort(0);
      proxy.start();
      endpoint = URI.create("http://127.0.0.1:" + connector.getLocalPort());
    } catch (Exception e) {
      throw new IllegalStateException("DynamoDB Local did not start", e);
    }
  }

  private static Server jetty(DynamoDBProxyServer proxy) throws ReflectiveOperationException {
    Field field = DynamoDBProxyServer.class.getDeclaredField("server");
    field.setAccessible(true);
    return (Server) field.get(proxy);
  }

  /** The one instance of this test run, started on first use. */
  public static synchronized DynamoDbLocal shared() {
    if (shared == null) {
      DynamoDbLocal started = new DynamoDbLocal();
      Runtime.getRuntime().addShutdownHook(new Thread(started::stop, "dynamodb-local-stop"));
      shared = started;
    }
    return shared;
  }

  public URI endpoint() {
    return endpoint;
  }

  private void stop() {
    try {
      proxy.stop();
    } catch (Exception e) {
      // The JVM is exiting; nothing is left to clean up.
    }
  }
}
