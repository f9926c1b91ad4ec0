package dev.streambed.dynamodb.api;

import dev.streambed.kernel.protocol.JsonMembers;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import dev.streambed.dynamodb.expression.Expressions;
import dev.streambed.dynamodb.expression.KeyConditionTerm;
import dev.streambed.dynamodb.item.KeyCondition;
import dev.streambed.dynamodb.item.Reads;
import dev.streambed.dynamodb.table.KeySchema;
import dev.streambed.dynamodb.table.SecondaryIndex;
import dev.streambed.dynamodb.table.Table;
import dev.streambed.dynamodb.table.TableCatalog;
import dev.streambed.kernel.error.AwsException;
import dev.streambed.kernel.protocol.JsonOperation;
import dev.streambed.kernel.protocol.RequestContext;
import dev.streambed.kernel.value.AttributeValue;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** Query on a table's primary key. */
final class Query implements JsonOperation {
  private final TableCatalog catalog;
  private final Reads reads;

  Query(TableCatalog catalog, Reads reads) {
    this.catalog = catalog;
    this.reads = reads;
  }

  @Override
  public void handle(JsonNode in, RequestContext context, JsonGenerator out) throws IOException {
    String name = JsonMembers.string(in, "TableName");
    String capacity = JsonMembers.string(in, "ReturnConsumedCapacity");
    Violations v = new Violations();
    v.tableName(name, "tableName");
    v.oneOf(capacity, "returnConsumedCapacity", ItemRequests.RETURN_CAPACITY);
    v.throwIfAny();
    ItemRequests.noMixing(in, List.of("KeyConditions"), List.of("KeyConditionExpression"));
    String keyText = JsonMembers.string(in, "KeyConditionExpression");
    ReadRequests.ExpressionHolder holder = new ReadRequests.ExpressionHolder();
    String index = JsonMembers.string(in, "IndexName");
    Reads.Options options = ReadRequests.options(in, "QueryFilter", keyText, holder, index != null);
    List<KeyConditionTerm> terms;
    if (keyText != null) {
      terms = Expressions.keyCondition(keyText, holder.context);
    } else {
      terms = legacyKeyConditions(in);
    }
    holder.context.checkAllUsed();
    ReadRequests.checkConditionalOperator(in, "QueryFilter");
    Table table = catalog.require(Wire.table(context, name));
    SecondaryIndex named = index == null ? null : table.index(index);
    if (named != null && options.filter() != null) {
      // A Query of an index filters what the index holds; a filter on anything else is refused,
      // for local indexes too (AWS, as DynamoDB Local and dynoxide's captures of AWS show).
      List<String> missing = ReadRequests.unprojected(table, named, options.filter().attributeNames());
      if (!missing.isEmpty()) {
        throw AwsException.validation("One or more parameter values were invalid: Secondary index "
            + index + " does not project one or more filter attributes: " + missing);
      }
    }
    Reads.Source source = ReadRequests.source(table, index, in, options);
    KeySchema keys = source.index() == null ? table.keySchema() : source.index().keySchema();
    KeyCondition condition = match(keys, terms);
    if (options.filter() != null) {
      String what = in.hasNonNull("QueryFilter") ? "QueryFilter" : "Filter Expression";
      for (String read : options.filter().attributeNames()) {
        if (keys.isKeyAttribute(read)) {
          throw AwsException.validation(what + " can only contain non-primary key "
              + "attributes: Primary key attribute: " + read);
        }
      }
    }
    Boolean forward = JsonMembers.bool(in, "ScanIndexForward");
    Reads.Page page = reads.query(source, condition, forward == null || forward, options);
    ReadRequests.write(out, page, options, capacity, table.name());
  }

  private static List<KeyConditionTerm> legacyKeyConditions(JsonNode in) {
    JsonNode conditions = JsonMembers.object(in, "KeyConditions");
    if (conditions == null) {
      throw AwsException.validation("Either the KeyConditions or KeyConditionExpression parameter must be specified in the request.");
    }
    List<KeyConditionTerm> terms = new ArrayList<>();
    Iterator<Map.Entry<String, JsonNode>> it = conditions.fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      String op = JsonMembers.string(e.getValue(), "ComparisonOperator");
      List<AttributeValue> found = LegacyConditions.valueList(e.getValue());
      List<AttributeValue> values = found == null ? List.of() : found;
      String symbol = op == null ? null : switch (op) {
        case "EQ" -> "=";
        case "LT" -> "<";
        case "LE" -> "<=";
        case "GT" -> ">";
        case "GE" -> ">=";
        case "BETWEEN" -> "BETWEEN";
        case "BEGINS_WITH" -> "begins_with";
        default -> null;
      };
      if (symbol == null) {
        throw AwsException.validation("Unsupported operator on KeyCondition: " + op);
      }
      int arity = symbol.equals("BETWEEN") ? 2 : 1;
      if (symbol.equals("begins_with") && values.size() == 1
          && values.get(0).type() == dev.streambed.kernel.value.AttributeType.N) {
        throw AwsException.validation("One or more parameter values were invalid: ComparisonOperator "
            + "BEGINS_WITH is not valid for N AttributeValue type");
      }
      if (values.size() != arity) {
        throw AwsException.validation("One or more parameter values were invalid: Invalid number of "
            + "argument(s) for the " + op + " ComparisonOperator");
      }
      if (arity == 2 && values.get(0).type() == values.get(1).type()
          && List.of("S", "N", "B").contains(values.get(0).type().name())
          && dev.streambed.dynamodb.expression.Expressions.compare(values.get(0), values.get(1)) > 0) {
        throw AwsException.validation("The BETWEEN condition was provided a range where the lower bound "
            + "is greater than the upper bound");
      }
      terms.add(new KeyConditionTerm(e.getKey(), symbol, values.get(0), arity == 2 ? values.get(1) : null));
    }
    return terms;
  }

  /** Matches the terms to the key schema, as DynamoDB does, and refuses what it refuses. */
  static KeyCondition match(KeySchema ks, List<KeyConditionTerm> terms) {
    KeyConditionTerm hash = null;
    KeyConditionTerm range = null;
    for (KeyConditionTerm t : terms) {
      if (t.attribute().equals(ks.hashName())) {
        if (hash != null) {
          throw AwsException.validation("KeyConditionExpressions must only contain one condition per key");
        }
        hash = t;
      } else if (t.attribute().equals(ks.rangeName())) {
        if (range != null) {
          throw AwsException.validation("KeyConditionExpressions must only contain one condition per key");
        }
        range = t;
      } else {
        throw AwsException.validation("Query condition missed key schema element: "
            + (hash == null ? ks.hashName() : ks.rangeName()));
      }
    }
    if (hash == null) {
      throw AwsException.validation("Query condition missed key schema element: " + ks.hashName());
    }
    if (!hash.operator().equals("=")) {
      throw AwsException.validation("Query key condition not supported");
    }
    checkType(hash.low(), ks.hashType());
    if (range == null) {
      return KeyCondition.hashOnly(hash.low());
    }
    checkType(range.low(), ks.rangeType());
    if (range.high() != null) {
      checkType(range.high(), ks.rangeType());
    }
    KeyCondition.RangeOp op = switch (range.operator()) {
      case "=" -> KeyCondition.RangeOp.EQ;
      case "<" -> KeyCondition.RangeOp.LT;
      case "<=" -> KeyCondition.RangeOp.LE;
      case ">" -> KeyCondition.RangeOp.GT;
      case ">=" -> KeyCondition.RangeOp.GE;
      case "BETWEEN" -> KeyCondition.RangeOp.BETWEEN;
      default -> KeyCondition.RangeOp.BEGINS_WITH;
    };
    if (op == KeyCondition.RangeOp.BEGINS_WITH && range.low().type() == dev.streambed.kernel.value.AttributeType.N) {
      throw AwsException.validation("Invalid KeyConditionExpression: Incorrect operand type for "
          + "operator or function; operator or function: begins_with, operand type: N");
    }
    return new KeyCondition(hash.low(), op, range.low(), range.high());
  }

  private static void checkType(AttributeValue value, dev.streambed.kernel.value.AttributeType type) {
    if (value.type() != type) {
      throw AwsException.validation("One or more parameter values were invalid: Condition parameter "
          + "type does not match schema type");
    }
  }
}
