package dev.streambed.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code streambed demo}: the tutorial's steps, run by the command itself, and what it prints. */
class DemoTest {
  @Test
  void theDemoShowsWhatTheTutorialSays(@TempDir Path dir) throws Exception {
    StreambedCommand.Result r = StreambedCommand.run(dir, "demo");
    assertThat(r.exitCode()).as(r.stdout() + r.stderr()).isZero();
    String out = r.stdout();

    assertThat(out).contains("stream enabled, view type NEW_AND_OLD_IMAGES")
        .contains("function LambdaDemoDynamoDBStream from dynamodb-process-stream-python3 (python3.12, "
            + "lambda_function.lambda_handler): Active");
    // The refusal comes before the policies are attached, worded as AWS words it.
    Matcher refusal = Pattern.compile("InvalidParameterValueException: Cannot access stream "
        + "(arn:aws:dynamodb:us-east-1:000000000000:table/UsersPost/stream/\\S+)\\. Please ensure the role can "
        + "perform the GetRecords, GetShardIterator, DescribeStream, and ListStreams Actions on your stream in IAM\\.")
        .matcher(out);
    assertThat(refusal.find()).as(out).isTrue();
    assertThat(out).contains("stream " + refusal.group(1));
    assertThat(out.indexOf("InvalidParameterValueException"))
        .isLessThan(out.indexOf("attached AWSLambdaDynamoDBExecutionRole"));
    assertThat(out).containsPattern("trigger [0-9a-f-]{36}: Creating, batch size 100, starting position LATEST")
        .contains("trigger state: Enabled");

    // The function's own lines, read back from CloudWatch Logs, in the order of the changes.
    assertThat(out).containsPattern("START RequestId: [0-9a-f-]{36} Version: \\$LATEST")
        .containsPattern("REPORT RequestId: [0-9a-f-]{36}\tDuration: ")
        .containsPattern("\tInit Duration: [0-9.]+ ms\t");
    // A cold start's Duration is the invocation's own time, after the init: never nothing.
    assertThat(out).doesNotContain("\tDuration: 0.00 ms");
    List<String> names = Pattern.compile("(?m)^    (INSERT|MODIFY|REMOVE)$").matcher(out).results()
        .map(m -> m.group(1)).toList();
    assertThat(names).containsExactly("MODIFY", "INSERT", "REMOVE");
    assertThat(out).containsPattern("MODIFY +new image \\+ old image +john/2 +\"My second post\" -> \"My second post, edited\"")
        .containsPattern("INSERT +new image +alice/2 +\"My second post, edited\"")
        .containsPattern("REMOVE +old image +alice/2 +\"My second post, edited\"");

    assertThat(out).contains("trigger disabled: Disabled").contains("trigger deleted: Deleting");
  }
}
