package dev.streambed.dynamodb.partiql;

/** DynamoDB's PartiQL error messages, as DynamoDB (and DynamoDB Local) word them. */
final class Messages {
  private Messages() {}

  static String malformed(String statement) {
    return "Statement wasn't well formed, can't be processed: " + statement;
  }

  static final String PARAMETER_COUNT = "Number of parameters in request and statement don't match.";
  static final String INSERT_FORMAT = "Unsupported format in item expression. Please use struct "
      + "format {...} to express item values for insert statement.";
  static final String INSERT_RETURNING = "RETURNING is not supported in INSERT";
  static final String DELETE_RETURNING = "Only RETURNING ALL OLD * is allowed in DELETE statements.";
  static final String EMPTY_SET = "Empty sets are not supported";
  static final String MIXED_SET = "Sets must have elements of one type: string, number or binary";
  static final String ALL_KEYS = "Where clause does not contain a mandatory equality on all key attributes";
  static final String MISSING_WITHOUT_IS = "MISSING must be compared using IS operator";
  static final String DUPLICATE_ITEM = "Duplicate primary key exists in table";
  /** A missing table in a BatchExecuteStatement answer, as DynamoDB Local words it. */
  static final String NO_TABLE = "Cannot do operations on a non-existent table";
  static final String ORDER_BY_WITHOUT_WHERE =
      "Must have WHERE clause in the statement when using ORDER BY clause.";
  static final String ORDER_BY_WITHOUT_HASH = "Must have at least one non-optional hash key "
      + "condition in WHERE clause when using ORDER BY clause.";
  static final String INVALID_NEXT_TOKEN = "Invalid NextToken";
  static final String SINGLE_ITEM_SELECT = "Only single item select is supported";
  static final String GSI_CONSISTENT = "Consistent reads are not supported on global secondary indexes";

  static String duplicateTupleKey(String key) {
    return "Duplicate keys in tuple. Key: " + key;
  }

  static String keyType(String key) {
    return "Key attribute's data type should match its data type in table's schema: Key " + key;
  }

  static String keyMissing(String key) {
    return "Key attribute should be present in the item: Key " + key;
  }

  static String orderByKey(String name) {
    return "Variable reference " + name + " in ORDER BY clause must be part of the primary key";
  }

  static String duplicateProjection(String name) {
    return "Duplicate identifiers in select clause: " + name;
  }

  static String unsupportedOperator(String op) {
    return "Unsupported operator in Condition Expression. Operator: " + op;
  }

  static String unknownFunction(String name) {
    return "Unrecognized function: " + name;
  }

  static String deleteReturning(String returning) {
    return "Invalid returning clause: RETURNING " + returning + " *. " + DELETE_RETURNING;
  }

  static String setFunctionTarget(String function) {
    return "The first argument to " + function + " must equal the assignment value";
  }
}
