package dev.streambed.iam.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Evaluates policies as IAM does for one account: a matching Deny statement decides at once
 * (explicit deny); otherwise a matching Allow allows; otherwise the request is implicitly
 * denied. A statement matches when its Action/NotAction, Resource/NotResource (and, for trust
 * policies, Principal/NotPrincipal) match and every condition holds. Actions match without
 * regard to case, resources with it; {@code ${aws:username}}-style variables are substituted in
 * resources and condition values of documents of version 2012-10-17.
 */
public final class PolicyEvaluator {

  /** Evaluates identity-based policies (managed and inline) for one request. */
  public Decision evaluate(List<PolicyDocument> policies, AuthorizationRequest request) {
    boolean allowed = false;
    for (PolicyDocument policy : policies) {
      for (Statement s : policy.statements()) {
        if (matches(policy, s, request, null)) {
          if (!s.allow()) {
            return Decision.EXPLICIT_DENY;
          }
          allowed = true;
        }
      }
    }
    return allowed ? Decision.ALLOW : Decision.IMPLICIT_DENY;
  }

  /**
   * Evaluates a trust (or other resource-based) policy for a principal: statements must also
   * match the caller in their Principal element.
   *
   * @param principal the caller: its type ({@code Service}, {@code AWS}) and identifiers (for
   *     {@code AWS}, its ARN and its account id)
   */
  public Decision evaluateResourcePolicy(PolicyDocument policy, Caller principal,
      AuthorizationRequest request) {
    boolean allowed = false;
    for (Statement s : policy.statements()) {
      if (matches(policy, s, request, principal)) {
        if (!s.allow()) {
          return Decision.EXPLICIT_DENY;
        }
        allowed = true;
      }
    }
    return allowed ? Decision.ALLOW : Decision.IMPLICIT_DENY;
  }

  /** A caller as a Principal element names it. */
  public record Caller(String type, String arn, String accountId) {
    public static Caller service(String servicePrincipal) {
      return new Caller("Service", servicePrincipal, null);
    }

    public static Caller aws(String arn, String accountId) {
      return new Caller("AWS", arn, accountId);
    }
  }

  private boolean matches(PolicyDocument policy, Statement s, AuthorizationRequest request,
      Caller caller) {
    if (s.actions() != null ? !anyAction(s.actions(), request.action())
        : anyAction(s.notActions(), request.action())) {
      return false;
    }
    boolean variables = PolicyDocument.CURRENT_VERSION.equals(policy.version());
    Map<String, List<String>> context = request.context();
    if (s.resources() != null || s.notResources() != null) {
      if (request.resource() == null) {
        return false;
      }
      List<String> patterns = substitute(s.resources() != null ? s.resources() : s.notResources(),
          context, variables);
      if (patterns == null) {
        return false;
      }
      boolean any = patterns.stream().anyMatch(p -> Wildcards.arnMatches(p, request.resource()));
      if (s.resources() != null ? !any : any) {
        return false;
      }
    }
    if (caller != null) {
      if (s.principals() != null && !principalMatches(s.principals(), caller)) {
        return false;
      }
      if (s.notPrincipals() != null && principalMatches(s.notPrincipals(), caller)) {
        return false;
      }
    }
    for (Map.Entry<String, Map<String, List<String>>> op : s.conditions().entrySet()) {
      for (Map.Entry<String, List<String>> key : op.getValue().entrySet()) {
        List<String> values = substitute(key.getValue(), context, variables);
        if (values == null || !Conditions.holds(op.getKey(), context.get(key.getKey()), values)) {
          return false;
        }
      }
    }
    return true;
  }

  private static boolean anyAction(List<String> patterns, String action) {
    for (String p : patterns) {
      if (Wildcards.matches(p, action, true)) {
        return true;
      }
    }
    return false;
  }

  private static boolean principalMatches(Map<String, List<String>> principals, Caller caller) {
    if (principals.containsKey("*")) {
      return true;
    }
    List<String> named = principals.get(caller.type());
    if (named == null) {
      return false;
    }
    for (String p : named) {
      if (p.equals("*") || p.equals(caller.arn())) {
        return true;
      }
      // An account (its id or its root ARN) names every principal of that account.
      if (caller.accountId() != null && (p.equals(caller.accountId())
          || p.equals("arn:aws:iam::" + caller.accountId() + ":root"))) {
        return true;
      }
    }
    return false;
  }

  /**
   * Replaces {@code ${key}} with the request's value of the key; {@code ${*}}, {@code ${?}} and
   * {@code ${$}} stand for the literal characters. Null when a variable has no single value, so
   * that the statement does not match, as IAM does.
   */
  private static List<String> substitute(List<String> values, Map<String, List<String>> context,
      boolean enabled) {
    if (!enabled) {
      return values;
    }
    List<String> out = new ArrayList<>(values.size());
    for (String v : values) {
      int start = v.indexOf("${");
      if (start < 0) {
        out.add(v);
        continue;
      }
      StringBuilder b = new StringBuilder();
      int i = 0;
      while (start >= 0) {
        int end = v.indexOf('}', start);
        if (end < 0) {
          break;
        }
        b.append(v, i, start);
        String name = v.substring(start + 2, end);
        if (name.equals("*") || name.equals("?") || name.equals("$")) {
          b.append(name);
        } else {
          List<String> value = context.get(name);
          if (value == null || value.size() != 1) {
            return null;
          }
          b.append(value.get(0));
        }
        i = end + 1;
        start = v.indexOf("${", i);
      }
      b.append(v.substring(i));
      out.add(b.toString());
    }
    return out;
  }
}
