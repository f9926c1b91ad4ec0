package example;

import java.util.List;

/** A handler named by method, taking and returning plain objects. */
public class Orders {
  /** An order, as the event's JSON gives it. */
  public static class Order {
    public String id;
    public List<Line> lines;
  }

  /** A line of an order. */
  public static class Line {
    public String item;
    public int quantity;
    public double price;
  }

  /** The total of an order. */
  public static class Total {
    public String orderId;
    public double amount;
    public int items;
  }

  public Total total(Order order) {
    Total t = new Total();
    t.orderId = order.id;
    for (Line l : order.lines) {
      t.amount += l.quantity * l.price;
      t.items += l.quantity;
    }
    return t;
  }
}
