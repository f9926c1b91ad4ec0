package dev.streambed.kernel.protocol;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;

/** Writes the result object of an operation that finished later (see {@link DeferredJsonOperation}). */
@FunctionalInterface
public interface JsonResultWriter {
  void write(JsonGenerator out) throws IOException;
}
