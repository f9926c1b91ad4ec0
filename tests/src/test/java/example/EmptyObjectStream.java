package example;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** A stream handler that reads its event and answers an empty JSON object. */
public class EmptyObjectStream implements RequestStreamHandler {
  @Override
  public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
    context.getLogger().log("read " + input.readAllBytes().length + " bytes");
    output.write("{}".getBytes(StandardCharsets.UTF_8));
  }
}
