package dev.streambed.dynamodb.expression;

import dev.streambed.dynamodb.expression.Ast.Call;
import dev.streambed.dynamodb.expression.Ast.Operand;
import dev.streambed.dynamodb.expression.Ast.PathOperand;
import dev.streambed.dynamodb.expression.Ast.ValueOperand;
import dev.streambed.kernel.value.AttributeType;
import dev.streambed.kernel.value.AttributeValue;

/**
 * The checks DynamoDB makes on a function call before reading any item: its number of operands,
 * operands that must be document paths, and the types of operands whose type is known from the
 * expression alone (values, and what functions and arithmetic yield).
 */
final class FunctionChecks {
  private FunctionChecks() {}

  static void check(Call call, ParserBase parser, int position) {
    String name = call.name();
    if (call.args().size() != call.function().arity) {
      parser.semantic(position, Messages.operandCount(name, call.args().size()));
      return;
    }
    Operand first = call.args().get(0);
    switch (call.function()) {
      case ATTRIBUTE_EXISTS:
      case ATTRIBUTE_NOT_EXISTS:
      case IF_NOT_EXISTS:
        if (!(first instanceof PathOperand)) {
          parser.semantic(position, Messages.requiresPath(name));
        }
        break;
      case ATTRIBUTE_TYPE: {
        checkDistinct(call, parser, position);
        Operand type = call.args().get(1);
        String known = staticType(type);
        if (known != null && !known.equals("S")) {
          parser.semantic(position, Messages.operandType(name, known));
        } else if (known != null) {
          String typeName = ((AttributeValue.S) ((ValueOperand) type).value()).value();
          if (AttributeType.fromWire(typeName) == null) {
            parser.semantic(position, Messages.invalidTypeName(typeName));
          }
        }
        break;
      }
      case BEGINS_WITH:
        for (Operand arg : call.args()) {
          String known = staticType(arg);
          if (known != null && !known.equals("S") && !known.equals("B")) {
            parser.semantic(position, Messages.operandType(name, known));
            return;
          }
        }
        checkDistinct(call, parser, position);
        break;
      case CONTAINS:
        checkDistinct(call, parser, position);
        break;
      case SIZE: {
        String known = staticType(first);
        if ("N".equals(known) || "BOOL".equals(known) || "NULL".equals(known)) {
          parser.semantic(position, Messages.operandType(name, known));
        }
        break;
      }
      case LIST_APPEND:
        for (Operand arg : call.args()) {
          String known = staticType(arg);
          if (known != null && !known.equals("L")) {
            parser.semantic(position, Messages.operandType(name, known));
            return;
          }
        }
        break;
      default:
        break;
    }
  }

  private static void checkDistinct(Call call, ParserBase parser, int position) {
    if (call.args().get(0) instanceof PathOperand a && call.args().get(1) instanceof PathOperand b
        && a.path().equals(b.path())) {
      parser.semantic(position, Messages.notDistinct(call.name(), a.path().render()));
    }
  }

  /** The type an operand has whatever the item, as DynamoDB names it in messages; else null. */
  static String staticType(Operand operand) {
    if (operand instanceof ValueOperand v) {
      return v.value() == null ? null : v.value().type().name();
    }
    if (operand instanceof Ast.Arithmetic) {
      return "N";
    }
    if (operand instanceof Call c && c.function() != null) {
      switch (c.function()) {
        case SIZE: return "N";
        case LIST_APPEND: return "L";
        case IF_NOT_EXISTS: return c.args().size() == 2 ? staticType(c.args().get(1)) : null;
        default: return null;
      }
    }
    return null;
  }
}
