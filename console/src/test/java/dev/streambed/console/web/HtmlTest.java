package dev.streambed.console.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class HtmlTest {
  @Test
  void textAndAttributesAreEscaped() {
    String html = new Html().el("p", "<b>\"x\" & 'y'</b>", "title", "\"><script>").toString();
    assertThat(html).isEqualTo("<p title=\"&quot;&gt;&lt;script&gt;\">&lt;b&gt;\"x\" &amp; 'y'&lt;/b&gt;</p>");
  }

  @Test
  void absentAttributesAreLeftOutAndBooleanOnesWrittenBare() {
    String html = new Html().tag("input", "type", "checkbox", "checked", Html.when(true), "disabled", Html.when(false))
        .toString();
    assertThat(html).isEqualTo("<input type=\"checkbox\" checked>");
  }

  @Test
  void anUnclosedElementIsAFaultOfThePage() {
    assertThatThrownBy(() -> new Html().tag("div").toString()).isInstanceOf(IllegalStateException.class);
  }
}
