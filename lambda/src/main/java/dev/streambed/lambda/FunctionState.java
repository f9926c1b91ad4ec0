package dev.streambed.lambda;

/**
 * Everything of a function that changes together: its $LATEST configuration, the number of its
 * last published version and the revision it was published from, and its reserved concurrency.
 */
record FunctionState(FunctionConfig latest, int lastVersion, String publishedRevisionId,
    Integer reservedConcurrency) {

  FunctionState withLatest(FunctionConfig config) {
    return new FunctionState(config, lastVersion, publishedRevisionId, reservedConcurrency);
  }
}
