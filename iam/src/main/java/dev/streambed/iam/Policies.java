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

/** Managed policies: the customer's own (CreatePolicy) and AWS's, with their versions. */
public final class Policies {
  /** IAM keeps at most five versions of a managed policy. */
  static final int MAX_VERSIONS = 5;
  static final int MAX_DOCUMENT = 6144;

  private final IamStore store;
  private final Clock clock;
  private final Ids ids;
  private final AwsManagedPolicies aws;

  Policies(IamStore store, Clock clock, Ids ids, AwsManagedPolicies aws) {
    this.store = store;
    this.clock = clock;
    this.ids = ids;
    this.aws = aws;
  }

  public ManagedPolicy create(String accountId, String name, String path, String document,
      String description, List<Tag> tags) {
    Validation.name("policyName", name, 128);
    String p = Validation.path(path);
    checkDocument(document);
    Tags.check(Tags.Owner.POLICY, tags);
    return store.retrying(() -> {
      byte[] key = IamStore.key(IamStore.IAM, IamStore.POLICY, accountId, name);
      if (store.get(key, ManagedPolicy.class) != null) {
        throw new AwsException(IamError.ENTITY_ALREADY_EXISTS,
            "A policy called " + name + " already exists. Duplicate names are not allowed.");
      }
      long now = clock.millis();
      ManagedPolicy policy = new ManagedPolicy(accountId, name, p, ids.uniqueId("ANPA"),
          "arn:aws:iam::" + accountId + ":policy" + p + name, description, now, now, "v1", 2,
          List.of(new ManagedPolicy.Version("v1", document, now)), List.copyOf(tags));
      Batch b = new Batch();
      store.put(b, key, Storage.ABSENT, policy);
      store.commit(b);
      return policy;
    });
  }

  static void checkDocument(String document) {
    if (document.length() > MAX_DOCUMENT) {
      throw new AwsException(IamError.LIMIT_EXCEEDED,
          "Cannot exceed quota for PolicySize: " + MAX_DOCUMENT);
    }
    PolicyDocument.validate(document, PolicyDocument.Kind.MANAGED);
  }

  /** The policy with this ARN, AWS's or the account's own; NoSuchEntity when there is none. */
  public ManagedPolicy get(String accountId, String arn) {
    ManagedPolicy p = find(accountId, arn);
    if (p == null) {
      throw new AwsException(IamError.NO_SUCH_ENTITY, "Policy " + arn + " was not found.");
    }
    return p;
  }

  /** The policy with this ARN, or null. */
  public ManagedPolicy find(String accountId, String arn) {
    Validation.policyArn(arn);
    ManagedPolicy managed = aws.find(arn);
    if (managed != null) {
      return managed;
    }
    Versioned<ManagedPolicy> v = stored(accountId, arn);
    return v == null ? null : v.value();
  }

  /** For attaching: IAM's wording differs from GetPolicy's. */
  ManagedPolicy attachable(String accountId, String arn) {
    ManagedPolicy p = find(accountId, arn);
    if (p == null) {
      throw new AwsException(IamError.NO_SUCH_ENTITY,
          "Policy " + arn + " does not exist or is not attachable.");
    }
    return p;
  }

  private Versioned<ManagedPolicy> stored(String accountId, String arn) {
    String prefix = "arn:aws:iam::" + accountId + ":policy/";
    if (!arn.startsWith(prefix)) {
      return null;
    }
    String name = arn.substring(arn.lastIndexOf('/') + 1);
    Versioned<ManagedPolicy> v = store.get(
        IamStore.key(IamStore.IAM, IamStore.POLICY, accountId, name), ManagedPolicy.class);
    return v == null || !v.value().arn().equals(arn) ? null : v;
  }

  /**
   * The account's own policy, to change. AWS's are refused with AccessDenied, worded per
   * operation (recorded AWS answers, February 2026: DeletePolicy, DeletePolicyVersion,
   * SetDefaultPolicyVersion); a missing one is NoSuchEntity with {@code missing}'s wording.
   */
  private Versioned<ManagedPolicy> own(String accountId, String arn, String outsideAccount, String missing) {
    Validation.policyArn(arn);
    Versioned<ManagedPolicy> v = stored(accountId, arn);
    if (v == null) {
      if (aws.find(arn) != null) {
        throw new AwsException(IamError.ACCESS_DENIED, outsideAccount);
      }
      throw new AwsException(IamError.NO_SUCH_ENTITY, missing);
    }
    return v;
  }

  private static final java.util.regex.Pattern VERSION_ID =
      java.util.regex.Pattern.compile("v[1-9][0-9]*(\\.[A-Za-z0-9-]*)?");

  private static void checkVersionId(String versionId) {
    if (!VERSION_ID.matcher(versionId).matches()) {
      throw new AwsException(IamError.VALIDATION_ERROR, "1 validation error detected: Value at 'versionId' failed "
          + "to satisfy constraint: Member must satisfy regular expression pattern: " + VERSION_ID.pattern());
    }
  }

  private static String noVersion(String arn, String versionId) {
    return "Policy " + arn + " version " + versionId + " does not exist or is not attachable.";
  }

  public void delete(String accountId, String arn) {
    store.retrying(() -> {
      Versioned<ManagedPolicy> v = own(accountId, arn, "Cannot delete policies outside your own account.",
          "Policy " + arn + " was not found.");
      if (attachmentCount(accountId, arn) > 0) {
        throw new AwsException(IamError.DELETE_CONFLICT, "Cannot delete a policy attached to entities.");
      }
      if (v.value().versions().size() > 1) {
        throw new AwsException(IamError.DELETE_CONFLICT, "This policy has more than one version. "
            + "Before you delete a policy, you must delete the policy's versions. "
            + "The default version is deleted with the policy.");
      }
      Batch b = new Batch();
      store.delete(b, IamStore.key(IamStore.IAM, IamStore.POLICY, accountId, v.value().policyName()), v.version());
      store.commit(b);
      return null;
    });
  }

  public ManagedPolicy.Version createVersion(String accountId, String arn, String document,
      boolean setAsDefault) {
    checkDocument(document);
    return store.retrying(() -> {
      // Unconfirmed: AWS's answer to CreatePolicyVersion on its own policies is not recorded;
      // this is SetDefaultPolicyVersion's.
      Versioned<ManagedPolicy> v = own(accountId, arn, "Cannot update policies outside your own account.",
          "Policy " + arn + " was not found.");
      ManagedPolicy p = v.value();
      if (p.versions().size() >= MAX_VERSIONS) {
        throw new AwsException(IamError.LIMIT_EXCEEDED, "A managed policy can have up to "
            + MAX_VERSIONS + " versions. Before you create a new version, you must delete an existing version.");
      }
      long now = clock.millis();
      ManagedPolicy.Version version = new ManagedPolicy.Version("v" + p.nextVersion(), document, now);
      List<ManagedPolicy.Version> versions = new ArrayList<>();
      versions.add(version);
      versions.addAll(p.versions());
      save(p, v.version(), setAsDefault ? version.versionId() : p.defaultVersionId(),
          p.nextVersion() + 1, versions, setAsDefault ? now : p.updateDate());
      return version;
    });
  }

  public ManagedPolicy.Version getVersion(String accountId, String arn, String versionId) {
    checkVersionId(versionId);
    ManagedPolicy p = find(accountId, arn);
    ManagedPolicy.Version version = p == null ? null : p.version(versionId);
    if (version == null) {
      throw new AwsException(IamError.NO_SUCH_ENTITY, noVersion(arn, versionId));
    }
    return version;
  }

  public void deleteVersion(String accountId, String arn, String versionId) {
    checkVersionId(versionId);
    store.retrying(() -> {
      Versioned<ManagedPolicy> v = own(accountId, arn,
          "Cannot delete policy versions for policies outside your own account.", noVersion(arn, versionId));
      ManagedPolicy p = v.value();
      if (p.version(versionId) == null) {
        throw new AwsException(IamError.NO_SUCH_ENTITY, noVersion(arn, versionId));
      }
      if (p.defaultVersionId().equals(versionId)) {
        throw new AwsException(IamError.DELETE_CONFLICT, "Cannot delete the default version of a policy.");
      }
      List<ManagedPolicy.Version> versions = new ArrayList<>(p.versions());
      versions.removeIf(x -> x.versionId().equals(versionId));
      save(p, v.version(), p.defaultVersionId(), p.nextVersion(), versions, p.updateDate());
      return null;
    });
  }

  public void setDefaultVersion(String accountId, String arn, String versionId) {
    checkVersionId(versionId);
    store.retrying(() -> {
      Versioned<ManagedPolicy> v = own(accountId, arn, "Cannot update policies outside your own account.",
          noVersion(arn, versionId));
      ManagedPolicy p = v.value();
      if (p.version(versionId) == null) {
        throw new AwsException(IamError.NO_SUCH_ENTITY, noVersion(arn, versionId));
      }
      save(p, v.version(), versionId, p.nextVersion(), p.versions(), clock.millis());
      return null;
    });
  }

  private void save(ManagedPolicy p, long version, String defaultVersion, int next,
      List<ManagedPolicy.Version> versions, long updated) {
    ManagedPolicy changed = new ManagedPolicy(p.accountId(), p.policyName(), p.path(), p.policyId(),
        p.arn(), p.description(), p.createDate(), updated, defaultVersion, next,
        List.copyOf(versions), p.tags());
    Batch b = new Batch();
    store.put(b, IamStore.key(IamStore.IAM, IamStore.POLICY, p.accountId(), p.policyName()), version, changed);
    store.commit(b);
  }

  /** The account's own policy's tags; missing: "Policy ARN was not found.", as AWS answers. */
  public ManagedPolicy tag(String accountId, String arn, List<Tag> tags) {
    Tags.check(Tags.Owner.POLICY, tags);
    return changeTags(accountId, arn, p -> Tags.merge(Tags.Owner.POLICY, p.tags(), tags));
  }

  public ManagedPolicy untag(String accountId, String arn, List<String> keys) {
    Tags.checkKeys(keys);
    return changeTags(accountId, arn, p -> Tags.remove(Tags.Owner.POLICY, p.tags(), keys));
  }

  private ManagedPolicy changeTags(String accountId, String arn,
      java.util.function.Function<ManagedPolicy, List<Tag>> tags) {
    return store.retrying(() -> {
      // Unconfirmed: AWS's answer to tagging its own policies is not recorded.
      Versioned<ManagedPolicy> v = own(accountId, arn, "Cannot update policies outside your own account.",
          "Policy " + arn + " was not found.");
      ManagedPolicy p = v.value();
      ManagedPolicy changed = new ManagedPolicy(p.accountId(), p.policyName(), p.path(), p.policyId(),
          p.arn(), p.description(), p.createDate(), p.updateDate(), p.defaultVersionId(), p.nextVersion(),
          p.versions(), tags.apply(p));
      Batch b = new Batch();
      store.put(b, IamStore.key(IamStore.IAM, IamStore.POLICY, accountId, p.policyName()), v.version(), changed);
      store.commit(b);
      return changed;
    });
  }

  /**
   * Scope AWS, Local or All, each sorted by name. With All the account's own come first: AWS
   * answered a new customer policy on the first page of a ListPolicies among its thousand
   * managed ones (recorded AWS answer, February 2026).
   */
  public List<ManagedPolicy> list(String accountId, String scope, boolean onlyAttached, String pathPrefix) {
    Comparator<ManagedPolicy> byName = Comparator.comparing(ManagedPolicy::policyName, String.CASE_INSENSITIVE_ORDER);
    List<ManagedPolicy> own = new ArrayList<>();
    if (!"AWS".equals(scope)) {
      own.addAll(store.scan(IamStore.key(IamStore.IAM, IamStore.POLICY, accountId, null), ManagedPolicy.class));
      own.sort(byName);
    }
    List<ManagedPolicy> out = new ArrayList<>(own);
    if (!"Local".equals(scope)) {
      List<ManagedPolicy> managed = new ArrayList<>(aws.all());
      managed.sort(byName);
      out.addAll(managed);
    }
    out.removeIf(p -> pathPrefix != null && !p.path().startsWith(pathPrefix));
    if (onlyAttached) {
      List<String> attached = attachedArns(accountId);
      out.removeIf(p -> !attached.contains(p.arn()));
    }
    return out;
  }

  public int attachmentCount(String accountId, String arn) {
    int n = 0;
    for (String a : attachedArns(accountId)) {
      if (a.equals(arn)) {
        n++;
      }
    }
    return n;
  }

  private List<String> attachedArns(String accountId) {
    List<String> out = new ArrayList<>();
    for (Role r : store.scan(IamStore.key(IamStore.IAM, IamStore.ROLE, accountId, null), Role.class)) {
      out.addAll(r.attachedPolicyArns());
    }
    for (User u : store.scan(IamStore.key(IamStore.IAM, IamStore.USER, accountId, null), User.class)) {
      out.addAll(u.attachedPolicyArns());
    }
    return out;
  }

  /** The roles and users a policy is attached to (ListEntitiesForPolicy). */
  public record Entities(List<Role> roles, List<User> users) {}

  public Entities entitiesFor(String accountId, String arn) {
    attachable(accountId, arn);
    List<Role> roles = new ArrayList<>();
    for (Role r : store.scan(IamStore.key(IamStore.IAM, IamStore.ROLE, accountId, null), Role.class)) {
      if (r.attachedPolicyArns().contains(arn)) {
        roles.add(r);
      }
    }
    List<User> users = new ArrayList<>();
    for (User u : store.scan(IamStore.key(IamStore.IAM, IamStore.USER, accountId, null), User.class)) {
      if (u.attachedPolicyArns().contains(arn)) {
        users.add(u);
      }
    }
    return new Entities(roles, users);
  }
}
