package dev.streambed.lambda;

/**
 * Everything of a function that changes together: its $LATEST configuration, the number of its
 * last published version and the revision it was published from, its reserved concurrency, and
 * whether an update of $LATEST is still in progress (until the function is next read).
 */
record FunctionState(FunctionConfig latest, int lastVersion, String publishedRevisionId,
    Integer reservedConcurrency, boolean updating) {

  FunctionState withLatest(FunctionConfig config) {
    return new FunctionState(config, lastVersion, publishedRevisionId, reservedConcurrency, updating);
  }

  FunctionState updating(boolean inProgress) {
    return new FunctionState(latest, lastVersion, publishedRevisionId, reservedConcurrency, inProgress);
  }
}
