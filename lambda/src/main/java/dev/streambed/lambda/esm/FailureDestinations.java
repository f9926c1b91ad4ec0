package dev.streambed.lambda.esm;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the record of a discarded batch goes: the mapping's OnFailure destination, chosen by the
 * service named in its ARN ({@code arn:aws:SERVICE:...}). Each service that can receive such
 * records registers a sender; a destination whose service has none is logged and dropped, as a
 * destination AWS cannot reach loses the record.
 */
public final class FailureDestinations {
  private static final Logger LOG = LoggerFactory.getLogger(FailureDestinations.class);

  /** Sends one on-failure record (AWS's JSON document) to a destination of its service. */
  @FunctionalInterface
  public interface Sender {
    /**
     * @param destinationArn the mapping's OnFailure destination
     * @param mapping the mapping whose batch was discarded
     * @param record the on-failure record, a JSON document
     */
    void send(String destinationArn, MappingConfig mapping, byte[] record);
  }

  private final Map<String, Sender> senders = new ConcurrentHashMap<>();

  /** Registers the sender of a service ("sqs", "sns", "lambda"), replacing any before it. */
  public void register(String service, Sender sender) {
    senders.put(service, sender);
  }

  /** The service an ARN names, or null if it is no ARN. */
  static String serviceOf(String arn) {
    String[] parts = arn == null ? new String[0] : arn.split(":", 4);
    return parts.length >= 3 && parts[0].equals("arn") ? parts[2] : null;
  }

  /** Sends a record; a failure of the sender is logged, never thrown at the poller. */
  void send(String destinationArn, MappingConfig mapping, byte[] record) {
    Sender sender = senders.get(String.valueOf(serviceOf(destinationArn)));
    if (sender == null) {
      LOG.warn("mapping {}: no sender for the on-failure destination {}; the record is dropped",
          mapping.uuid(), destinationArn);
      return;
    }
    try {
      sender.send(destinationArn, mapping, record);
    } catch (RuntimeException e) {
      LOG.warn("mapping {}: the on-failure record could not be sent to {}", mapping.uuid(), destinationArn, e);
    }
  }
}
