package dev.streambed.iam;

import dev.streambed.iam.IamStore.Versioned;
import dev.streambed.iam.policy.PolicyDocument;
import dev.streambed.kernel.error.AwsException;
import dev.streambed.storage.Batch;
import dev.streambed.storage.Storage;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

/** IAM roles: trust policies, attached managed policies and inline policies. */
public final class Roles {
  static final int MAX_MANAGED_POLICIES = 10;
  static final int MAX_INLINE_BYTES = 10240;
  static final int MAX_TRUST_POLICY = 2048;

  private final IamStore store;
  private final Clock clock;
  private final Ids ids;
  private final Policies policies;

  Roles(IamStore store, Clock clock, Ids ids, Policies policies) {
    this.store = store;
    this.clock = clock;
    this.ids = ids;
    this.policies = policies;
  }

  public Role create(String accountId, String name, String path, String trustPolicy,
      String description, Integer maxSessionDuration, List<Tag> tags) {
    Validation.name("roleName", name, 64);
    String p = Validation.path(path);
    checkTrust(trustPolicy);
    int duration = maxSessionDuration == null ? 3600 : maxSessionDuration;
    checkDuration(duration);
    checkDescription(description);
    Tags.check(Tags.Owner.ROLE, tags);
    return store.retrying(() -> {
      byte[] key = key(accountId, name);
      if (store.get(key, Role.class) != null) {
        throw new AwsException(IamError.ENTITY_ALREADY_EXISTS, "Role with name " + name + " already exists.");
      }
      Role role = new Role(accountId, name, p, ids.uniqueId("AROA"),
          "arn:aws:iam::" + accountId + ":role" + p + name, clock.millis(), trustPolicy,
          description, duration, List.copyOf(tags), List.of(), new TreeMap<>());
      Batch b = new Batch();
      store.put(b, key, Storage.ABSENT, role);
      store.commit(b);
      return role;
    });
  }

  private static void checkTrust(String trustPolicy) {
    if (trustPolicy.length() > MAX_TRUST_POLICY) {
      throw new AwsException(IamError.LIMIT_EXCEEDED,
          "Cannot exceed quota for ACLSizePerRole: " + MAX_TRUST_POLICY);
    }
    PolicyDocument.validate(trustPolicy, PolicyDocument.Kind.TRUST);
  }

  private static void checkDuration(int duration) {
    if (duration < 3600 || duration > 43200) {
      throw new AwsException(IamError.VALIDATION_ERROR, "1 validation error detected: Value '"
          + duration + "' at 'maxSessionDuration' failed to satisfy constraint: Member must have value "
          + (duration < 3600 ? "greater than or equal to 3600" : "less than or equal to 43200"));
    }
  }

  private static void checkDescription(String description) {
    if (description != null && description.length() > 1000) {
      throw new AwsException(IamError.VALIDATION_ERROR, "1 validation error detected: Value '"
          + description + "' at 'description' failed to satisfy constraint: Member must have length less than or equal to 1000");
    }
  }

  private static byte[] key(String accountId, String name) {
    return IamStore.key(IamStore.IAM, IamStore.ROLE, accountId, name);
  }

  private Versioned<Role> stored(String accountId, String name) {
    Versioned<Role> v = store.get(key(accountId, name), Role.class);
    if (v == null) {
      throw new AwsException(IamError.NO_SUCH_ENTITY, "The role with name " + name + " cannot be found.");
    }
    return v;
  }

  public Role get(String accountId, String name) {
    return stored(accountId, name).value();
  }

  /** The role with this ARN, or null: what Lambda asks about a function's execution role. */
  public Role find(String arn) {
    String[] parts = arn == null ? new String[0] : arn.split(":", 6);
    if (parts.length != 6 || !parts[2].equals("iam") || !parts[5].startsWith("role/")) {
      return null;
    }
    String name = parts[5].substring(parts[5].lastIndexOf('/') + 1);
    Versioned<Role> v = store.get(key(parts[4], name), Role.class);
    return v == null || !v.value().arn().equals(arn) ? null : v.value();
  }

  /** Roles sorted by name, as ListRoles returns them. */
  public List<Role> list(String accountId, String pathPrefix) {
    List<Role> roles = store.scan(IamStore.key(IamStore.IAM, IamStore.ROLE, accountId, null), Role.class);
    roles.removeIf(r -> pathPrefix != null && !r.path().startsWith(pathPrefix));
    roles.sort(Comparator.comparing(Role::roleName, String.CASE_INSENSITIVE_ORDER));
    return roles;
  }

  public Role update(String accountId, String name, String description, Integer maxSessionDuration) {
    if (maxSessionDuration != null) {
      checkDuration(maxSessionDuration);
    }
    checkDescription(description);
    return change(accountId, name, r -> r.with(r.assumeRolePolicyDocument(),
        description != null ? description : r.description(),
        maxSessionDuration != null ? maxSessionDuration : r.maxSessionDuration(),
        r.tags(), r.attachedPolicyArns(), r.inlinePolicies()));
  }

  public Role updateAssumeRolePolicy(String accountId, String name, String trustPolicy) {
    checkTrust(trustPolicy);
    return change(accountId, name, r -> r.with(trustPolicy, r.description(),
        r.maxSessionDuration(), r.tags(), r.attachedPolicyArns(), r.inlinePolicies()));
  }

  public Role tag(String accountId, String name, List<Tag> tags) {
    Tags.check(Tags.Owner.ROLE, tags);
    return change(accountId, name, r -> r.with(r.assumeRolePolicyDocument(), r.description(),
        r.maxSessionDuration(), Tags.merge(Tags.Owner.ROLE, r.tags(), tags), r.attachedPolicyArns(), r.inlinePolicies()));
  }

  public Role untag(String accountId, String name, List<String> keys) {
    Tags.checkKeys(keys);
    return change(accountId, name, r -> r.with(r.assumeRolePolicyDocument(), r.description(),
        r.maxSessionDuration(), Tags.remove(Tags.Owner.ROLE, r.tags(), keys), r.attachedPolicyArns(), r.inlinePolicies()));
  }

  public void attach(String accountId, String name, String policyArn) {
    Validation.policyArn(policyArn);
    get(accountId, name);
    policies.attachable(accountId, policyArn);
    change(accountId, name, r -> {
      if (r.attachedPolicyArns().contains(policyArn)) {
        return r;
      }
      if (r.attachedPolicyArns().size() >= MAX_MANAGED_POLICIES) {
        throw new AwsException(IamError.LIMIT_EXCEEDED,
            "Cannot exceed quota for PoliciesPerRole: " + MAX_MANAGED_POLICIES);
      }
      List<String> attached = new ArrayList<>(r.attachedPolicyArns());
      attached.add(policyArn);
      return r.with(r.assumeRolePolicyDocument(), r.description(), r.maxSessionDuration(),
          r.tags(), List.copyOf(attached), r.inlinePolicies());
    });
  }

  public void detach(String accountId, String name, String policyArn) {
    Validation.policyArn(policyArn);
    change(accountId, name, r -> {
      if (!r.attachedPolicyArns().contains(policyArn)) {
        throw new AwsException(IamError.NO_SUCH_ENTITY, "Policy " + policyArn + " was not found.");
      }
      List<String> attached = new ArrayList<>(r.attachedPolicyArns());
      attached.remove(policyArn);
      return r.with(r.assumeRolePolicyDocument(), r.description(), r.maxSessionDuration(),
          r.tags(), List.copyOf(attached), r.inlinePolicies());
    });
  }

  public void putInline(String accountId, String name, String policyName, String document) {
    Validation.name("policyName", policyName, 128);
    PolicyDocument.validate(document, PolicyDocument.Kind.IDENTITY);
    change(accountId, name, r -> {
      Map<String, String> inline = new TreeMap<>(r.inlinePolicies());
      inline.put(policyName, document);
      int size = 0;
      for (Map.Entry<String, String> e : inline.entrySet()) {
        size += e.getKey().length() + e.getValue().replaceAll("\\s", "").length();
      }
      if (size > MAX_INLINE_BYTES) {
        throw new AwsException(IamError.LIMIT_EXCEEDED, "Maximum policy size of "
            + MAX_INLINE_BYTES + " bytes exceeded for role " + name);
      }
      return r.with(r.assumeRolePolicyDocument(), r.description(), r.maxSessionDuration(),
          r.tags(), r.attachedPolicyArns(), inline);
    });
  }

  public String getInline(String accountId, String name, String policyName) {
    String document = get(accountId, name).inlinePolicies().get(policyName);
    if (document == null) {
      throw new AwsException(IamError.NO_SUCH_ENTITY,
          "The role policy with name " + policyName + " cannot be found.");
    }
    return document;
  }

  public void deleteInline(String accountId, String name, String policyName) {
    change(accountId, name, r -> {
      if (!r.inlinePolicies().containsKey(policyName)) {
        throw new AwsException(IamError.NO_SUCH_ENTITY,
            "The role policy with name " + policyName + " cannot be found.");
      }
      Map<String, String> inline = new TreeMap<>(r.inlinePolicies());
      inline.remove(policyName);
      return r.with(r.assumeRolePolicyDocument(), r.description(), r.maxSessionDuration(),
          r.tags(), r.attachedPolicyArns(), inline);
    });
  }

  /** Refused while policies are attached or inline, as IAM refuses it. */
  public void delete(String accountId, String name) {
    store.retrying(() -> {
      Versioned<Role> v = stored(accountId, name);
      if (!v.value().attachedPolicyArns().isEmpty()) {
        throw new AwsException(IamError.DELETE_CONFLICT, "Cannot delete entity, must detach all policies first.");
      }
      if (!v.value().inlinePolicies().isEmpty()) {
        throw new AwsException(IamError.DELETE_CONFLICT, "Cannot delete entity, must delete policies first.");
      }
      Batch b = new Batch();
      store.delete(b, key(accountId, name), v.version());
      store.commit(b);
      return null;
    });
  }

  private Role change(String accountId, String name, UnaryOperator<Role> change) {
    return store.retrying(() -> {
      Versioned<Role> v = stored(accountId, name);
      Role changed = change.apply(v.value());
      if (changed != v.value()) {
        Batch b = new Batch();
        store.put(b, key(accountId, name), v.version(), changed);
        store.commit(b);
      }
      return changed;
    });
  }
}
