package dev.streambed.bench.embedded;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/** The benchmark's stream handler: prints the size of each event it gets. */
public class PrintSize implements RequestStreamHandler {
  @Override
  public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
    System.out.println("event of " + input.readAllBytes().length + " bytes");
  }
}
