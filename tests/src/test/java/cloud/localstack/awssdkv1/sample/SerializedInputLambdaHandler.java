package cloud.localstack.awssdkv1.sample;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;

/**
 * A Java function taking and returning plain objects, for the replay of the recorded
 * test_serializable_input_object: it is named as the recorded function's handler, and answers
 * the object it was given, marked validated.
 */
public class SerializedInputLambdaHandler implements RequestHandler<SerializedInputLambdaHandler.Location,
    SerializedInputLambdaHandler.Validated> {

  /** The event: a bucket and a key. */
  public static class Location {
    private String bucket;
    private String key;

    public String getBucket() {
      return bucket;
    }

    public void setBucket(String bucket) {
      this.bucket = bucket;
    }

    public String getKey() {
      return key;
    }

    public void setKey(String key) {
      this.key = key;
    }
  }

  /** The answer: the location, validated. */
  public static class Validated extends Location {
    private boolean validated;

    public boolean isValidated() {
      return validated;
    }

    public void setValidated(boolean validated) {
      this.validated = validated;
    }
  }

  @Override
  public Validated handleRequest(Location event, Context context) {
    Validated answer = new Validated();
    answer.setBucket(event.getBucket());
    answer.setKey(event.getKey());
    answer.setValidated(event.getBucket() != null && event.getKey() != null);
    return answer;
  }
}
