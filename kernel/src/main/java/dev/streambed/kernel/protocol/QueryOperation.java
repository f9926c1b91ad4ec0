package dev.streambed.kernel.protocol;

/**
 * One operation of a service spoken over AWS's Query protocol (IAM, STS): it reads its
 * parameters from the decoded form, calls the service, and writes the members of its
 * {@code <ActionResult>} element. Errors are thrown as
 * {@link dev.streambed.kernel.error.AwsException}; the front door renders them.
 */
@FunctionalInterface
public interface QueryOperation {
  void handle(QueryRequest request, RequestContext context, XmlWriter result);
}
