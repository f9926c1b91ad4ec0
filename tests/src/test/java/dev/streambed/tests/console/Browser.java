package dev.streambed.tests.console;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Headless Chromium (Debian's {@code chromium} and {@code chromium-driver}, which {@code .ci/run}
 * installs) driven through WebDriver, with what the console's tests do: open a page, click a
 * link or button by its text, fill fields by their labels, and wait for what a page shows.
 * Waiting is the browser's: WebDriverWait looks at the page until it shows the text, as a
 * person watching the screen would; the limit only bounds a test that would otherwise hang.
 */
final class Browser implements AutoCloseable {
  private static final Duration PATIENCE = Duration.ofSeconds(60);
  /** How often a wait looks at the page again. */
  private static final Duration POLL = Duration.ofMillis(25);
  private final ChromeDriver driver;
  private final Path profile;
  private final String base;

  Browser(String base) {
    this.base = base;
    String chromium = System.getProperty("streambed.chromium", "/usr/bin/chromium");
    String chromedriver = System.getProperty("streambed.chromedriver", "/usr/bin/chromedriver");
    if (!new File(chromium).canExecute() || !new File(chromedriver).canExecute()) {
      throw new IllegalStateException("The console's browser tests need " + chromium + " and " + chromedriver
          + ": apt-get install chromium chromium-driver (as .ci/run does)");
    }
    try {
      profile = Files.createTempDirectory("streambed-chromium");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    ChromeOptions options = new ChromeOptions();
    options.setBinary(chromium);
    // A machine without network: no background fetches, no first-run pages, a profile of its own.
    options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--disable-dev-shm-usage", "--user-data-dir=" + profile, "--window-size=1280,800");
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(new File(chromedriver)).usingAnyFreePort().build();
    driver = new ChromeDriver(service, options);
    driver.manage().window().setSize(new Dimension(1280, 800));
  }

  WebDriver driver() {
    return driver;
  }

  void open(String path) {
    driver.get(base + path);
  }

  String title() {
    return driver.findElement(By.tagName("h1")).getText();
  }

  /** Clicks the link or button whose visible text (or accessible label) is exactly {@code text}. */
  void click(String text) {
    // Found and clicked in one step of the wait: a live part replaced in between is looked up again.
    waitFor(d -> {
      WebElement e = locate(d, text);
      if (e == null) {
        return null;
      }
      e.click();
      return true;
    });
  }

  /** Presses the button (not a link) whose text is exactly {@code text}. */
  void press(String text) {
    String t = literal(text);
    waitFor(d -> {
      WebElement e = d.findElements(By.xpath("//button[normalize-space(.)=" + t + "]")).stream()
          .filter(WebElement::isDisplayed).findFirst().orElse(null);
      if (e == null) {
        return null;
      }
      e.click();
      return true;
    });
  }

  /** Clicks the link whose text starts with {@code prefix}. */
  void clickStartingWith(String prefix) {
    String t = literal(prefix);
    waitFor(d -> {
      WebElement e = d.findElements(By.xpath("//a[starts-with(normalize-space(.), " + t + ")]")).stream()
          .filter(WebElement::isDisplayed).findFirst().orElse(null);
      if (e == null) {
        return null;
      }
      e.click();
      return true;
    });
  }

  WebElement find(String text) {
    return waitFor(d -> locate(d, text));
  }

  private static WebElement locate(WebDriver d, String text) {
    String t = literal(text);
    List<WebElement> found = d.findElements(By.xpath("//a[normalize-space(.)=" + t + " or @aria-label=" + t
        + "] | //button[normalize-space(.)=" + t + " or @aria-label=" + t + "]"));
    return found.stream().filter(WebElement::isDisplayed).findFirst().orElse(null);
  }

  /** The form control labelled {@code label} (its label element's text, or its aria-label). */
  WebElement field(String label) {
    String t = literal(label);
    return waitFor(d -> {
      List<WebElement> labels = d.findElements(By.xpath("//label[normalize-space(.)=" + t + "]"));
      for (WebElement l : labels) {
        String id = l.getAttribute("for");
        if (id != null) {
          return d.findElement(By.id(id));
        }
      }
      List<WebElement> aria = d.findElements(By.xpath("//*[@aria-label=" + t + "]"));
      return aria.isEmpty() ? null : aria.get(0);
    });
  }

  void type(String label, String text) {
    waitFor(d -> {
      WebElement f = field(label);
      f.clear();
      f.sendKeys(text);
      return true;
    });
  }

  void choose(String label, String optionText) {
    waitFor(d -> {
      new Select(field(label)).selectByVisibleText(optionText);
      return true;
    });
  }

  /** Ticks the radio button or checkbox labelled {@code label}. */
  void tick(String label) {
    waitFor(d -> {
      WebElement f = field(label);
      if (!f.isSelected()) {
        f.click();
      }
      return true;
    });
  }

  void untick(String label) {
    waitFor(d -> {
      WebElement f = field(label);
      if (f.isSelected()) {
        f.click();
      }
      return true;
    });
  }

  /** Waits until the page's text contains {@code text}. */
  void waitForText(String text) {
    waitFor(d -> d.findElement(By.tagName("body")).getText().contains(text) ? true : null);
  }

  String text() {
    return text(By.tagName("body"));
  }

  /** The text of the element {@code by} finds, looked up again if a live part replaced it meanwhile. */
  String text(By by) {
    return waitFor(d -> d.findElement(by).getText());
  }

  /**
   * Waits until {@code condition} gives a value, looking again when the element it acted on was
   * replaced by a live part meanwhile: Selenium's stale element, or Chromium's own words for a
   * node replaced between being found and being acted on.
   */
  <T> T waitFor(Function<WebDriver, T> condition) {
    try {
      return waiting().until(d -> {
        try {
          return condition.apply(d);
        } catch (org.openqa.selenium.WebDriverException e) {
          if (e.getMessage() != null && e.getMessage().contains("does not belong to the document")) {
            return null;
          }
          throw e;
        }
      });
    } catch (org.openqa.selenium.TimeoutException e) {
      // What the page showed when the wait gave up: what the test hoped for is usually beside it.
      String shown;
      try {
        shown = driver.getCurrentUrl() + "\n" + driver.findElement(By.tagName("body")).getText();
      } catch (RuntimeException unreadable) {
        shown = "(the page could not be read: " + unreadable.getMessage() + ")";
      }
      throw new AssertionError("waited in vain; the page showed:\n" + shown, e);
    }
  }

  /** A wait that looks again when the page it looked at was replaced meanwhile. */
  private WebDriverWait waiting() {
    WebDriverWait wait = new WebDriverWait(driver, PATIENCE, POLL);
    wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class);
    return wait;
  }

  /**
   * Saves a screenshot of the page as {@code NAME.png} in the directory the system property
   * {@code streambed.screenshots} names (the README's are made with {@code docs/images}); without
   * it, nothing is saved, so test runs leave the repository as it was.
   */
  void screenshot(String name) {
    String where = System.getProperty("streambed.screenshots");
    if (where == null || where.isBlank()) {
      return;
    }
    Path dir = Path.of(where).isAbsolute() ? Path.of(where)
        : Path.of(System.getProperty("user.dir")).getParent().resolve(where);
    try {
      Files.createDirectories(dir);
      File shot = driver.getScreenshotAs(OutputType.FILE);
      Files.copy(shot.toPath(), dir.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String literal(String s) {
    if (!s.contains("'")) {
      return "'" + s + "'";
    }
    return "concat('" + s.replace("'", "', \"'\", '") + "')";
  }

  @Override
  public void close() {
    driver.quit();
    try (Stream<Path> files = Files.walk(profile)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
