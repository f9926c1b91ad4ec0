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

/** IAM users, their policies and their access keys (at most two, as IAM allows). */
public final class Users {
  static final int MAX_ACCESS_KEYS = 2;
  static final int MAX_MANAGED_POLICIES = 10;
  static final int MAX_INLINE_BYTES = 2048;

  private final IamStore store;
  private final Clock clock;
  private final Ids ids;
  private final Policies policies;

  Users(IamStore store, Clock clock, Ids ids, Policies policies) {
    this.store = store;
    this.clock = clock;
    this.ids = ids;
    this.policies = policies;
  }

  public User create(String accountId, String name, String path, List<Tag> tags) {
    Validation.name("userName", name, 64);
    String p = Validation.path(path);
    Tags.check(Tags.Owner.USER, tags);
    return store.retrying(() -> {
      byte[] key = key(accountId, name);
      if (store.get(key, User.class) != null) {
        throw new AwsException(IamError.ENTITY_ALREADY_EXISTS, "User with name " + name + " already exists.");
      }
      User user = new User(accountId, name, p, ids.uniqueId("AIDA"),
          "arn:aws:iam::" + accountId + ":user" + p + name, clock.millis(), List.copyOf(tags),
          List.of(), new TreeMap<>());
      Batch b = new Batch();
      store.put(b, key, Storage.ABSENT, user);
      store.commit(b);
      return user;
    });
  }

  private static byte[] key(String accountId, String name) {
    return IamStore.key(IamStore.IAM, IamStore.USER, accountId, name);
  }

  private Versioned<User> stored(String accountId, String name) {
    Versioned<User> v = store.get(key(accountId, name), User.class);
    if (v == null) {
      throw new AwsException(IamError.NO_SUCH_ENTITY, "The user with name " + name + " cannot be found.");
    }
    return v;
  }

  public User get(String accountId, String name) {
    return stored(accountId, name).value();
  }

  /** The user with this ARN, or null. */
  public User find(String arn) {
    String[] parts = arn == null ? new String[0] : arn.split(":", 6);
    if (parts.length != 6 || !parts[2].equals("iam") || !parts[5].startsWith("user/")) {
      return null;
    }
    Versioned<User> v = store.get(key(parts[4], parts[5].substring(parts[5].lastIndexOf('/') + 1)), User.class);
    return v == null || !v.value().arn().equals(arn) ? null : v.value();
  }

  public List<User> list(String accountId, String pathPrefix) {
    List<User> users = store.scan(IamStore.key(IamStore.IAM, IamStore.USER, accountId, null), User.class);
    users.removeIf(u -> pathPrefix != null && !u.path().startsWith(pathPrefix));
    users.sort(Comparator.comparing(User::userName, String.CASE_INSENSITIVE_ORDER));
    return users;
  }

  public void delete(String accountId, String name) {
    store.retrying(() -> {
      Versioned<User> v = stored(accountId, name);
      if (!accessKeys(accountId, name).isEmpty()) {
        throw new AwsException(IamError.DELETE_CONFLICT, "Cannot delete entity, must delete access keys first.");
      }
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

  public User tag(String accountId, String name, List<Tag> tags) {
    Tags.check(Tags.Owner.USER, tags);
    return change(accountId, name, u -> u.with(Tags.merge(Tags.Owner.USER, u.tags(), tags),
        u.attachedPolicyArns(), u.inlinePolicies()));
  }

  public User untag(String accountId, String name, List<String> keys) {
    Tags.checkKeys(keys);
    return change(accountId, name, u -> u.with(Tags.remove(Tags.Owner.USER, u.tags(), keys),
        u.attachedPolicyArns(), u.inlinePolicies()));
  }

  public void attach(String accountId, String name, String policyArn) {
    Validation.policyArn(policyArn);
    get(accountId, name);
    policies.attachable(accountId, policyArn);
    change(accountId, name, u -> {
      if (u.attachedPolicyArns().contains(policyArn)) {
        return u;
      }
      if (u.attachedPolicyArns().size() >= MAX_MANAGED_POLICIES) {
        throw new AwsException(IamError.LIMIT_EXCEEDED,
            "Cannot exceed quota for PoliciesPerUser: " + MAX_MANAGED_POLICIES);
      }
      List<String> attached = new ArrayList<>(u.attachedPolicyArns());
      attached.add(policyArn);
      return u.with(u.tags(), List.copyOf(attached), u.inlinePolicies());
    });
  }

  public void detach(String accountId, String name, String policyArn) {
    Validation.policyArn(policyArn);
    change(accountId, name, u -> {
      if (!u.attachedPolicyArns().contains(policyArn)) {
        throw new AwsException(IamError.NO_SUCH_ENTITY, "Policy " + policyArn + " was not found.");
      }
      List<String> attached = new ArrayList<>(u.attachedPolicyArns());
      attached.remove(policyArn);
      return u.with(u.tags(), List.copyOf(attached), u.inlinePolicies());
    });
  }

  public void putInline(String accountId, String name, String policyName, String document) {
    Validation.name("policyName", policyName, 128);
    PolicyDocument.validate(document, PolicyDocument.Kind.IDENTITY);
    change(accountId, name, u -> {
      Map<String, String> inline = new TreeMap<>(u.inlinePolicies());
      inline.put(policyName, document);
      int size = 0;
      for (Map.Entry<String, String> e : inline.entrySet()) {
        size += e.getKey().length() + e.getValue().replaceAll("\\s", "").length();
      }
      if (size > MAX_INLINE_BYTES) {
        throw new AwsException(IamError.LIMIT_EXCEEDED, "Maximum policy size of "
            + MAX_INLINE_BYTES + " bytes exceeded for user " + name);
      }
      return u.with(u.tags(), u.attachedPolicyArns(), inline);
    });
  }

  public String getInline(String accountId, String name, String policyName) {
    String document = get(accountId, name).inlinePolicies().get(policyName);
    if (document == null) {
      throw new AwsException(IamError.NO_SUCH_ENTITY,
          "The user policy with name " + policyName + " cannot be found.");
    }
    return document;
  }

  public void deleteInline(String accountId, String name, String policyName) {
    change(accountId, name, u -> {
      if (!u.inlinePolicies().containsKey(policyName)) {
        throw new AwsException(IamError.NO_SUCH_ENTITY,
            "The user policy with name " + policyName + " cannot be found.");
      }
      Map<String, String> inline = new TreeMap<>(u.inlinePolicies());
      inline.remove(policyName);
      return u.with(u.tags(), u.attachedPolicyArns(), inline);
    });
  }

  public AccessKey createAccessKey(String accountId, String name) {
    return store.retrying(() -> {
      Versioned<User> user = stored(accountId, name);
      if (accessKeys(accountId, name).size() >= MAX_ACCESS_KEYS) {
        throw new AwsException(IamError.LIMIT_EXCEEDED,
            "Cannot exceed quota for AccessKeysPerUser: " + MAX_ACCESS_KEYS);
      }
      AccessKey key = new AccessKey(ids.accessKeyId("AKIA"), ids.secret(), accountId,
          user.value().userName(), "Active", clock.millis());
      Batch b = new Batch();
      // Checking the user's version keeps a racing DeleteUser from orphaning the key.
      b.expectVersion(key(accountId, name), user.version());
      store.put(b, accessKeyKey(key.accessKeyId()), Storage.ABSENT, key);
      store.commit(b);
      return key;
    });
  }

  /** The user's access keys, oldest first. */
  public List<AccessKey> accessKeys(String accountId, String name) {
    String userName = get(accountId, name).userName();
    List<AccessKey> keys = new ArrayList<>();
    for (AccessKey k : store.scan(new byte[] {IamStore.IAM, (byte) IamStore.ACCESS_KEY}, AccessKey.class)) {
      if (k.accountId().equals(accountId) && k.userName().equals(userName)) {
        keys.add(k);
      }
    }
    keys.sort(Comparator.comparingLong(AccessKey::createDate));
    return keys;
  }

  public void deleteAccessKey(String accountId, String name, String accessKeyId) {
    String userName = get(accountId, name).userName();
    Versioned<AccessKey> v = store.get(accessKeyKey(accessKeyId), AccessKey.class);
    if (v == null || !v.value().accountId().equals(accountId) || !v.value().userName().equals(userName)) {
      throw new AwsException(IamError.NO_SUCH_ENTITY,
          "The Access Key with id " + accessKeyId + " cannot be found.");
    }
    Batch b = new Batch();
    store.delete(b, accessKeyKey(accessKeyId), v.version());
    store.commit(b);
  }

  /** The access key with this id, or null: how a signature is traced to its user. */
  public AccessKey findAccessKey(String accessKeyId) {
    if (accessKeyId == null) {
      return null;
    }
    Versioned<AccessKey> v = store.get(accessKeyKey(accessKeyId), AccessKey.class);
    return v == null ? null : v.value();
  }

  private static byte[] accessKeyKey(String accessKeyId) {
    byte[] id = accessKeyId.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    byte[] key = new byte[id.length + 2];
    key[0] = IamStore.IAM;
    key[1] = (byte) IamStore.ACCESS_KEY;
    System.arraycopy(id, 0, key, 2, id.length);
    return key;
  }

  private User change(String accountId, String name, UnaryOperator<User> change) {
    return store.retrying(() -> {
      Versioned<User> v = stored(accountId, name);
      User changed = change.apply(v.value());
      if (changed != v.value()) {
        Batch b = new Batch();
        store.put(b, key(accountId, name), v.version(), changed);
        store.commit(b);
      }
      return changed;
    });
  }
}
