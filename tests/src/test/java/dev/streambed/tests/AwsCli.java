package dev.streambed.tests;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs the AWS CLI against a Streambed endpoint, as a user would from a shell. */
public final class AwsCli {
  /** What a CLI run printed and how it exited. */
  public record Result(int exitCode, String stdout, String stderr) {}

  private final String endpoint;
  private final String accessKey;
  private final String secretKey;

  public AwsCli(String endpoint) {
    this(endpoint, "AKIDCLI", "secret");
  }

  /** The CLI signing with this key pair (a server with strict authentication checks it). */
  public AwsCli(String endpoint, String accessKey, String secretKey) {
    this.endpoint = endpoint;
    this.accessKey = accessKey;
    this.secretKey = secretKey;
  }

  public Result run(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add("aws");
    command.addAll(List.of(args));
    command.add("--endpoint-url");
    command.add(endpoint);
    command.add("--output");
    command.add("json");
    ProcessBuilder pb = new ProcessBuilder(command);
    Map<String, String> env = pb.environment();
    env.put("AWS_ACCESS_KEY_ID", accessKey);
    env.put("AWS_SECRET_ACCESS_KEY", secretKey);
    env.put("AWS_DEFAULT_REGION", "eu-west-1");
    env.put("AWS_PAGER", "");
    env.remove("AWS_PROFILE");
    env.put("AWS_CONFIG_FILE", "/dev/null");
    env.put("AWS_SHARED_CREDENTIALS_FILE", "/dev/null");
    Process p = pb.start();
    byte[] out = p.getInputStream().readAllBytes();
    byte[] err = p.getErrorStream().readAllBytes();
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IllegalStateException("aws " + String.join(" ", args) + " did not finish");
    }
    return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8), new String(err, StandardCharsets.UTF_8));
  }
}
