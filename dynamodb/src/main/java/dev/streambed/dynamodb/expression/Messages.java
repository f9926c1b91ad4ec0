package dev.streambed.dynamodb.expression;

import dev.streambed.kernel.error.AwsException;
import dev.streambed.kernel.value.AttributeValue;
import java.util.Collection;
import java.util.Locale;

/**
 * Every message the expression engine gives, worded as DynamoDB words it. Kept in one place so
 * that differential tests against DynamoDB can adjust them without hunting through the parser.
 */
final class Messages {
  private Messages() {}

  // ---- expression texts (prefixed with "Invalid <Parameter>: " by Expressions) ----

  static String invalid(String parameter, String body) {
    return "Invalid " + parameter + ": " + body;
  }

  static final String EMPTY = "The expression can not be empty;";
  static final String REDUNDANT_PARENTHESES = "The expression has redundant parentheses;";

  static String syntaxError(String token, String near) {
    return "Syntax error; token: \"" + token + "\", near: \"" + near + "\"";
  }

  static String reserved(String word) {
    return "Attribute name is a reserved keyword; reserved keyword: " + word;
  }

  static String undefinedName(String placeholder) {
    return "An expression attribute name used in the document path is not defined; attribute name: "
        + placeholder;
  }

  static String undefinedValue(String placeholder) {
    return "An expression attribute value used in expression is not defined; attribute value: "
        + placeholder;
  }

  static String unknownFunction(String name) {
    return "Invalid function name; function: " + name;
  }

  static String misusedFunction(String name) {
    return "The function is not allowed to be used this way in an expression; function: " + name;
  }

  static String functionNotAllowedInUpdate(String name) {
    return "The function is not allowed in an update expression; function: " + name;
  }

  static String functionNotAllowedInCondition(String name) {
    return "The function is not allowed in a condition expression; function: " + name;
  }

  static String operandCount(String function, int count) {
    return "Incorrect number of operands for operator or function; operator or function: "
        + function + ", number of operands: " + count;
  }

  static String tooManyInOperands(int count) {
    return "The IN operator is provided with too many operands; number of operands: " + count;
  }

  static String requiresPath(String function) {
    return "Operator or function requires a document path; operator or function: " + function;
  }

  static String operandType(String function, String type) {
    return "Incorrect operand type for operator or function; operator or function: " + function
        + ", operand type: " + type;
  }

  /** ADD and DELETE name the operand's type in words (STRING, NUMBER, ...) and their type set. */
  static String clauseOperandType(String clause, String typeWord) {
    return "Incorrect operand type for operator or function; operator: " + clause
        + ", operand type: " + typeWord + ", typeSet: ALLOWED_FOR_" + clause + "_OPERAND";
  }

  /** How ADD and DELETE name a type in their messages: STRING, NUMBER, BINARY, ... */
  static String typeWord(String type) {
    switch (type) {
      case "S": return "STRING";
      case "N": return "NUMBER";
      case "B": return "BINARY";
      case "BOOL": return "BOOLEAN";
      case "L": return "LIST";
      case "M": return "MAP";
      default: return type.toUpperCase(Locale.ROOT);
    }
  }

  static String invalidTypeName(String type) {
    return "Invalid attribute type name found; type: " + type
        + ", valid types: {B,NULL,SS,BOOL,L,BS,N,NS,S,M}";
  }

  static String notDistinct(String operator, String path) {
    return "The first operand must be distinct from the remaining operands for this operator or "
        + "function; operator: " + operator + ", first operand: " + path;
  }

  static String betweenTypes(String low, String high) {
    return "The BETWEEN operator requires same data type for lower and upper bounds; "
        + "lower bound operand: AttributeValue: " + low + ", upper bound operand: AttributeValue: " + high;
  }

  static String betweenOrder(String low, String high) {
    return "The BETWEEN operator requires upper bound to be greater than or equal to lower bound; "
        + "lower bound operand: AttributeValue: " + low + ", upper bound operand: AttributeValue: " + high;
  }

  static String listIndexRange(String index) {
    return "List index is not within the allowable range; index: [" + index + "]";
  }

  static String sectionTwice(String section) {
    return "The \"" + section + "\" section can only be used once in an update expression;";
  }

  static String pathsOverlap(String one, String two) {
    return "Two document paths overlap with each other; must remove or rewrite one of these paths; "
        + "path one: " + one + ", path two: " + two;
  }

  static String pathsConflict(String one, String two) {
    return "Two document paths conflict with each other; must remove or rewrite one of these paths; "
        + "path one: " + one + ", path two: " + two;
  }

  // ---- evaluation of updates (no prefix) ----

  static final String INVALID_UPDATE_PATH =
      "The document path provided in the update expression is invalid for update";
  static final String MISSING_OPERAND =
      "The provided expression refers to an attribute that does not exist in the item";
  static final String WRONG_OPERAND_TYPE =
      "An operand in the update expression has an incorrect data type";
  static final String LEGACY_TYPE_MISMATCH = "Type mismatch for attribute to update";

  // ---- request-level ----

  static String unused(String parameter, Collection<String> keys) {
    return "Value provided in " + parameter + " unused in expressions: keys: {"
        + String.join(", ", keys) + "}";
  }

  // ---- legacy parameters ----

  private static final String INVALID_PARAMETERS = "One or more parameter values were invalid: ";

  static String legacy(String body) {
    return INVALID_PARAMETERS + body;
  }

  static String valueAndListTogether(String name) {
    return legacy("Value and AttributeValueList cannot be used together for Attribute: " + name);
  }

  static String existsAndOperatorTogether(String name) {
    return legacy("Exists and ComparisonOperator cannot be used together for Attribute: " + name);
  }

  static String valueRequiredWithOperator(String operator, String name) {
    return legacy("Value or AttributeValueList must be used with ComparisonOperator: " + operator
        + " for Attribute: " + name);
  }

  static String argumentCount(String operator) {
    return legacy("Invalid number of argument(s) for the " + operator + " ComparisonOperator");
  }

  static final String LIST_TYPES_DIFFER =
      legacy("AttributeValues inside AttributeValueList must be of same type");

  static final String LEGACY_BETWEEN_ORDER =
      "The BETWEEN condition was provided a range where the lower bound is greater than the upper bound";

  static String operatorNotValidForType(String operator, String type) {
    return legacy("ComparisonOperator " + operator + " is not valid for " + type
        + " AttributeValue type");
  }

  static String listWithoutOperator(String name) {
    return legacy("AttributeValueList can only be used with a ComparisonOperator for Attribute: "
        + name);
  }

  static String valueRequiredWhenExists(Boolean exists, String name) {
    return legacy("Value must be provided when Exists is " + exists + " for Attribute: " + name);
  }

  static String valueWhenNotExists(String name) {
    return legacy("Value cannot be used when Exists is false for Attribute: " + name);
  }

  static String enumConstraint(String value, String where, String allowed) {
    return "1 validation error detected: Value '" + value + "' at '" + where
        + "' failed to satisfy constraint: Member must satisfy enum value set: " + allowed;
  }

  static final String COMPARISON_OPERATORS =
      "[IN, NULL, BETWEEN, LT, NOT_CONTAINS, EQ, GT, NOT_NULL, NE, LE, BEGINS_WITH, GE, CONTAINS]";
  static final String CONDITIONAL_OPERATORS = "[AND, OR]";
  static final String ATTRIBUTE_ACTIONS = "[ADD, PUT, DELETE]";

  static final String DELETE_WITHOUT_VALUE_ONLY =
      legacy("Only DELETE action is allowed when no attribute value is specified");

  static String deleteNotSupported(String type) {
    return legacy("DELETE action with value is not supported for the type " + typeWord(type));
  }

  static String addNotSupported(String type) {
    return legacy("ADD action is not supported for the type " + typeWord(type));
  }

  static String duplicateAttributeName(String name) {
    return legacy("Duplicate value in attribute name: " + name);
  }

  static AwsException validation(String message) {
    return AwsException.validation(message);
  }

  /** How DynamoDB quotes a value in a message: {@code {N:5}}, {@code {S:abc}}. */
  static String render(AttributeValue value) {
    String text;
    if (value instanceof AttributeValue.S s) {
      text = s.value();
    } else if (value instanceof AttributeValue.N n) {
      text = n.text();
    } else if (value instanceof AttributeValue.B b) {
      // DynamoDB's service is Java: a binary operand prints as the ByteBuffer that holds it.
      int n = b.value().length();
      text = "java.nio.HeapByteBuffer[pos=0 lim=" + n + " cap=" + n + "]";
    } else {
      text = String.valueOf(value);
    }
    return "{" + value.type().name() + ":" + text + "}";
  }
}
