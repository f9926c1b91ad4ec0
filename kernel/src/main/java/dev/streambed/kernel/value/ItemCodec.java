package dev.streambed.kernel.value;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The compact binary form in which items are stored. Every value is a tag byte followed by its
 * payload; lengths and counts are unsigned varints. The format is versioned by its first byte so
 * that a later release can read what an earlier one wrote.
 */
public final class ItemCodec {
  private static final byte FORMAT = 1;
  private static final byte S = 1, N = 2, B = 3, TRUE = 4, FALSE = 5, NULL = 6, M = 7, L = 8,
      SS = 9, NS = 10, BS = 11;

  private ItemCodec() {}

  public static byte[] encode(Map<String, AttributeValue> item) {
    Writer w = new Writer(64 + item.size() * 24);
    w.buf[w.pos++] = FORMAT;
    w.map(item);
    return Arrays.copyOf(w.buf, w.pos);
  }

  public static Map<String, AttributeValue> decode(byte[] bytes) {
    if (bytes.length == 0 || bytes[0] != FORMAT) {
      throw new IllegalStateException("unknown item format " + (bytes.length == 0 ? -1 : bytes[0]));
    }
    Reader r = new Reader(bytes, 1);
    return r.map();
  }

  private static final class Writer {
    byte[] buf;
    int pos;

    Writer(int capacity) {
      buf = new byte[capacity];
    }

    void ensure(int more) {
      if (pos + more > buf.length) {
        buf = Arrays.copyOf(buf, Math.max(buf.length * 2, pos + more));
      }
    }

    void varint(int v) {
      ensure(5);
      while ((v & ~0x7F) != 0) {
        buf[pos++] = (byte) ((v & 0x7F) | 0x80);
        v >>>= 7;
      }
      buf[pos++] = (byte) v;
    }

    void bytes(byte[] b) {
      varint(b.length);
      ensure(b.length);
      System.arraycopy(b, 0, buf, pos, b.length);
      pos += b.length;
    }

    void string(String s) {
      bytes(s.getBytes(UTF_8));
    }

    void tag(byte t) {
      ensure(1);
      buf[pos++] = t;
    }

    void map(Map<String, AttributeValue> m) {
      varint(m.size());
      for (Map.Entry<String, AttributeValue> e : m.entrySet()) {
        string(e.getKey());
        value(e.getValue());
      }
    }

    void value(AttributeValue v) {
      if (v instanceof AttributeValue.S s) {
        tag(S);
        string(s.value());
      } else if (v instanceof AttributeValue.N n) {
        tag(N);
        string(n.value().toString());
      } else if (v instanceof AttributeValue.B b) {
        tag(B);
        bytes(b.value().unsafeArray());
      } else if (v instanceof AttributeValue.Bool bool) {
        tag(bool.value() ? TRUE : FALSE);
      } else if (v instanceof AttributeValue.Null) {
        tag(NULL);
      } else if (v instanceof AttributeValue.M m) {
        tag(M);
        map(m.value());
      } else if (v instanceof AttributeValue.L l) {
        tag(L);
        varint(l.value().size());
        for (AttributeValue e : l.value()) {
          value(e);
        }
      } else if (v instanceof AttributeValue.SS ss) {
        tag(SS);
        varint(ss.value().size());
        for (String s : ss.value()) {
          string(s);
        }
      } else if (v instanceof AttributeValue.NS ns) {
        tag(NS);
        varint(ns.value().size());
        for (BigDecimal d : ns.value()) {
          string(d.toString());
        }
      } else if (v instanceof AttributeValue.BS bs) {
        tag(BS);
        varint(bs.value().size());
        for (Bytes b : bs.value()) {
          bytes(b.unsafeArray());
        }
      }
    }
  }

  private static final class Reader {
    final byte[] buf;
    int pos;

    Reader(byte[] buf, int pos) {
      this.buf = buf;
      this.pos = pos;
    }

    int varint() {
      int v = 0;
      int shift = 0;
      while (true) {
        byte b = buf[pos++];
        v |= (b & 0x7F) << shift;
        if (b >= 0) {
          return v;
        }
        shift += 7;
      }
    }

    byte[] bytes() {
      int n = varint();
      byte[] out = Arrays.copyOfRange(buf, pos, pos + n);
      pos += n;
      return out;
    }

    String string() {
      int n = varint();
      String s = new String(buf, pos, n, UTF_8);
      pos += n;
      return s;
    }

    Map<String, AttributeValue> map() {
      int n = varint();
      LinkedHashMap<String, AttributeValue> m = new LinkedHashMap<>(n * 2);
      for (int i = 0; i < n; i++) {
        String name = string();
        m.put(name, value());
      }
      return m;
    }

    AttributeValue value() {
      byte tag = buf[pos++];
      switch (tag) {
        case S: return new AttributeValue.S(string());
        case N: return new AttributeValue.N(new BigDecimal(string()));
        case B: return new AttributeValue.B(Bytes.wrap(bytes()));
        case TRUE: return AttributeValue.Bool.TRUE;
        case FALSE: return AttributeValue.Bool.FALSE;
        case NULL: return AttributeValue.Null.INSTANCE;
        case M: return new AttributeValue.M(Collections.unmodifiableMap(map()));
        case L: {
          int n = varint();
          List<AttributeValue> l = new ArrayList<>(n);
          for (int i = 0; i < n; i++) {
            l.add(value());
          }
          return new AttributeValue.L(Collections.unmodifiableList(l));
        }
        case SS: {
          int n = varint();
          Set<String> s = new LinkedHashSet<>(n * 2);
          for (int i = 0; i < n; i++) {
            s.add(string());
          }
          return new AttributeValue.SS(Collections.unmodifiableSet(s));
        }
        case NS: {
          int n = varint();
          Set<BigDecimal> s = new LinkedHashSet<>(n * 2);
          for (int i = 0; i < n; i++) {
            s.add(new BigDecimal(string()));
          }
          return new AttributeValue.NS(Collections.unmodifiableSet(s));
        }
        case BS: {
          int n = varint();
          Set<Bytes> s = new LinkedHashSet<>(n * 2);
          for (int i = 0; i < n; i++) {
            s.add(Bytes.wrap(bytes()));
          }
          return new AttributeValue.BS(Collections.unmodifiableSet(s));
        }
        default:
          throw new IllegalStateException("unknown value tag " + tag);
      }
    }
  }
}
